"""The queue's rules, without Qt or a database."""

from __future__ import annotations

import pytest

from cogtotp_gui.campaign.queue import QueueError, SessionQueue, UserState, state_for_error, state_for_step


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def queue(clock):
    return SessionQueue(["alice", "bob", "carol", "alice"], clock=clock)


def test_the_roster_becomes_waiting_users_in_order_without_duplicates(queue):
    assert [e.username for e in queue] == ["alice", "bob", "carol"]
    assert queue.counts()[UserState.WAITING] == 3
    assert queue.next_waiting().username == "alice"


def test_working_through_users_counts_elapsed_and_average(queue, clock):
    queue.begin("alice")
    clock.now += 60
    queue.finish("alice", UserState.ENROLLED)
    assert queue.next_waiting().username == "bob"
    queue.begin("bob")
    clock.now += 120
    queue.finish("bob", UserState.ALREADY_TOTP)
    clock.now += 30
    assert queue.elapsed() == 210
    assert queue.average_seconds() == 90
    counts = queue.counts()
    assert (counts[UserState.ENROLLED], counts[UserState.ALREADY_TOTP], counts[UserState.WAITING]) == (1, 1, 1)


def test_elapsed_stops_when_the_queue_is_finished(queue, clock):
    for name in ("alice", "bob", "carol"):
        queue.begin(name)
        clock.now += 10
        queue.finish(name, UserState.ENROLLED)
    clock.now += 1000
    assert queue.finished
    assert queue.elapsed() == 30


def test_nothing_started_means_no_elapsed_and_no_average(queue):
    assert queue.elapsed() == 0
    assert queue.average_seconds() is None


def test_one_user_at_a_time(queue):
    queue.begin("alice")
    with pytest.raises(QueueError) as caught:
        queue.begin("bob")
    assert caught.value.reason == "busy"
    assert queue.current.username == "alice"


def test_skip_with_a_reason_and_the_queue_moves_on(queue):
    queue.skip("alice", "  not in today ")
    entry = queue.get("alice")
    assert (entry.state, entry.reason) == (UserState.SKIPPED, "not in today")
    assert queue.next_waiting().username == "bob"


def test_retry_puts_a_failed_user_back_where_they_were(queue):
    queue.begin("alice")
    queue.finish("alice", UserState.FAILED, "user_state")
    assert queue.next_waiting().username == "bob"
    queue.retry("alice")
    entry = queue.get("alice")
    assert (entry.state, entry.reason, entry.started_at, entry.finished_at) == (UserState.WAITING, "", None, None)
    assert queue.next_waiting().username == "alice"


def test_finished_users_cannot_be_retried_or_skipped(queue):
    queue.begin("alice")
    queue.finish("alice", UserState.ENROLLED)
    for action in (queue.retry, queue.skip):
        with pytest.raises(QueueError):
            action("alice")


def test_a_failure_needs_its_error_kind(queue):
    queue.begin("alice")
    with pytest.raises(QueueError) as caught:
        queue.finish("alice", UserState.FAILED)
    assert caught.value.reason == "reason_required"


def test_the_rehearsal_turns_enrolled_into_verified_or_failed(queue):
    queue.begin("alice")
    queue.finish("alice", UserState.ENROLLED)
    queue.finish("alice", UserState.VERIFIED)
    assert queue.get("alice").state is UserState.VERIFIED
    queue.begin("bob")
    queue.finish("bob", UserState.ENROLLED)
    queue.finish("bob", UserState.FAILED, "rehearsal_sms")
    assert queue.get("bob").reason == "rehearsal_sms"
    with pytest.raises(QueueError):
        queue.finish("alice", UserState.SKIPPED)


def test_a_rehearsal_left_without_a_verdict_is_noted_on_the_enrolled_user(queue):
    changes = []
    queue.listeners.append(changes.append)
    queue.begin("alice")
    queue.finish("alice", UserState.ENROLLED)
    queue.note_not_rehearsed("alice")
    entry = queue.get("alice")
    assert (entry.state, entry.reason) == (UserState.ENROLLED, "not_rehearsed")
    assert changes[-1].entry is entry  # stored like any change
    queue.finish("alice", UserState.VERIFIED)  # a later rehearsal's verdict replaces the note
    assert (entry.state, entry.reason) == (UserState.VERIFIED, "")
    with pytest.raises(QueueError) as caught:
        queue.note_not_rehearsed("alice")
    assert caught.value.reason == "not_enrolled"


def test_release_puts_an_abandoned_user_back_to_waiting(queue):
    queue.begin("alice")
    queue.release("alice")
    assert queue.get("alice").state is UserState.WAITING
    assert queue.current is None


def test_reorder_add_remove_and_their_notifications(queue):
    changes = []
    queue.listeners.append(lambda change: changes.append((change.kind, change.entry.username)))
    queue.move("carol", 0)
    queue.move_by("alice", +5)  # clamped to the end
    assert [e.username for e in queue] == ["carol", "bob", "alice"]
    assert [e.username for e in queue.add(["dave", "bob", " "])] == ["dave"]
    queue.remove("bob")
    assert [e.username for e in queue] == ["carol", "alice", "dave"]
    assert changes == [("moved", "carol"), ("moved", "alice"), ("added", "dave"), ("removed", "bob")]


def test_a_user_in_progress_cannot_be_removed(queue):
    queue.begin("bob")
    with pytest.raises(QueueError) as caught:
        queue.remove("bob")
    assert caught.value.reason == "in_progress"


def test_unknown_users_are_refused(queue):
    with pytest.raises(QueueError) as caught:
        queue.begin("zed")
    assert caught.value.reason == "unknown_user"


def test_what_each_enrollment_outcome_maps_to():
    assert state_for_step("done") is UserState.ENROLLED
    assert state_for_step("existing_totp") is UserState.ALREADY_TOTP
    assert state_for_step("unsupported") is UserState.FAILED
    assert state_for_step("sms_code") is None
    assert state_for_error("user_state") is UserState.FAILED
    assert state_for_error("unsupported") is UserState.FAILED
    for kind in ("wrong_credentials", "wrong_code", "network", "throttled", "session_expired", "config"):
        assert state_for_error(kind) is None


def test_the_session_core_imports_no_qt():
    import subprocess
    import sys

    code = (
        "import sys, cogtotp_gui.campaign.queue, cogtotp_gui.campaign.roster, cogtotp_gui.campaign.sessions,"
        " cogtotp_gui.campaign.report, cogtotp_gui.enrollment.rehearsal;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','PyQt'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
