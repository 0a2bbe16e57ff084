"""What an enrollment's events do to a session's queue (campaign/referee.py), without Qt."""

from __future__ import annotations

import pytest

from cogtotp_gui.campaign.queue import SessionQueue, UserState
from cogtotp_gui.campaign.referee import STOPPED, QueueReferee


@pytest.fixture
def referee():
    return QueueReferee(SessionQueue(["alice", "bob", "carol"]))


def states(referee):
    return {e.username: (e.state, e.reason) for e in referee.queue}


def test_done_enrolls_and_the_rehearsal_verifies_or_fails(referee):
    assert referee.take_next().username == "alice"
    assert referee.on_wizard == "alice"
    referee.step_reached("sms_code", "alice")
    assert referee.queue.get("alice").state is UserState.IN_PROGRESS
    referee.step_reached("done", "alice")
    assert states(referee)["alice"] == (UserState.ENROLLED, "")
    assert referee.on_wizard == "alice"  # still on the wizard (Done) until it is wiped
    referee.rehearsed("alice", False, "rehearsal_sms")
    assert states(referee)["alice"] == (UserState.FAILED, "rehearsal_sms")
    referee.rehearsed("alice", True, "took")  # a verdict for a user no longer enrolled: ignored
    assert states(referee)["alice"] == (UserState.FAILED, "rehearsal_sms")
    referee.user_left()
    assert referee.on_wizard is None
    referee.take_next()
    referee.step_reached("done", "bob")
    referee.rehearsed("bob", True, "took")
    assert states(referee)["bob"] == (UserState.VERIFIED, "")


def test_leaving_a_user_depends_on_how_far_they_got(referee):
    referee.take_next()
    referee.step_reached("sign_in", "alice")
    referee.user_left()  # nothing happened: waiting again, as before
    assert states(referee)["alice"] == (UserState.WAITING, "")
    referee.take_next()
    referee.step_reached("existing_totp", "alice")
    referee.user_left()  # the operator stopped on "already has an authenticator"
    assert states(referee)["alice"] == (UserState.ALREADY_TOTP, "")
    referee.take_next()
    referee.step_reached("sms_code", "bob")
    referee.user_left()  # abandoned half-way
    assert states(referee)["bob"] == (UserState.SKIPPED, STOPPED)


def test_final_errors_fail_the_user_and_others_leave_them_in_progress(referee):
    referee.take_next()
    referee.error("wrong_credentials", "alice")
    assert states(referee)["alice"] == (UserState.IN_PROGRESS, "")
    referee.error("user_state", "alice")
    assert states(referee)["alice"] == (UserState.FAILED, "user_state")
    referee.user_left()
    referee.take_next()
    referee.step_reached("unsupported", "bob")
    assert states(referee)["bob"] == (UserState.FAILED, "unsupported")


def test_a_username_typed_over_the_prefilled_one_is_followed(referee):
    referee.take_next()  # alice prefilled
    referee.step_reached("sms_code", "carol")  # carol signed in instead: taken out of turn
    assert states(referee)["alice"] == (UserState.WAITING, "")
    assert states(referee)["carol"] == (UserState.IN_PROGRESS, "")
    assert referee.on_wizard == "carol"
    referee.step_reached("done", "carol")
    referee.user_left()
    referee.take_next()
    referee.step_reached("sms_code", "dave")  # not on the roster: added
    assert [e.username for e in referee.queue][-1] == "dave"
    assert states(referee)["dave"] == (UserState.IN_PROGRESS, "")
    assert states(referee)["alice"] == (UserState.WAITING, "")
    referee.step_reached("done", "dave")
    referee.user_left()
    referee.take_next()
    referee.step_reached("sms_code", "carol")  # finished already, signed in by hand: not followed
    assert states(referee)["carol"] == (UserState.ENROLLED, "")


def test_a_rehearsal_left_without_a_verdict_keeps_the_user_enrolled_noted_not_rehearsed(referee):
    referee.take_next()
    referee.step_reached("done", "alice")
    referee.rehearsal_left("alice")
    assert states(referee)["alice"] == (UserState.ENROLLED, "not_rehearsed")
    referee.rehearsal_left("bob")  # not enrolled: nothing to note
    assert states(referee)["bob"] == (UserState.WAITING, "")
