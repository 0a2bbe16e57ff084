"""The rehearsal sign-in against the strict emulator: after an enrollment
Cognito must ask for the authenticator, with a code from a fresh window."""

import pytest

from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.enrollment.rehearsal import Rehearsal, RehearsalStep, RehearsalVerdict

MODES = ["user", "admin"]


def enroll(emulator, flow, kind="sms"):
    """Enroll a seeded SMS user; returns (user, secret, verified_at)."""
    u = emulator.seed.users[kind]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    flow.submit_sms_code(emulator.emu.last_sms_code(u.username))
    secret = flow.secret.secret
    verified_at = emulator.emu.now()
    assert flow.verify(totp_code(secret, verified_at), "Pixel") is Step.DONE
    return u, secret, verified_at


def rehearsal(emulator, flow, u, verified_at):
    return Rehearsal(flow.gateway, u.username, verified_at=verified_at, clock=emulator.emu.now)


@pytest.mark.parametrize("mode", MODES)
def test_the_next_sign_in_asks_for_the_authenticator_and_a_fresh_code_verifies(emulator, make_flow, mode):
    flow = make_flow(mode)
    u, secret, verified_at = enroll(emulator, flow)
    r = rehearsal(emulator, flow, u, verified_at)
    assert r.sign_in(u.password) is RehearsalStep.CODE
    assert r.challenge == "SOFTWARE_TOKEN_MFA"
    wait = r.seconds_until_fresh_code()
    assert 0 < wait <= 30
    with pytest.raises(EnrollmentError) as too_soon:
        r.submit_code(totp_code(secret, emulator.emu.now()))
    assert too_soon.value.message_key == "input.rehearsal_code_too_soon"
    emulator.emu.advance(wait)
    assert r.seconds_until_fresh_code() == 0
    fresh = totp_code(secret, emulator.emu.now())
    assert fresh != totp_code(secret, verified_at)
    assert r.submit_code(fresh) is RehearsalStep.FINISHED
    assert r.verdict is RehearsalVerdict.VERIFIED and r.verdict.took


def test_a_wrong_code_stays_on_the_code_and_the_right_one_then_works(emulator, make_flow):
    flow = make_flow()
    u, secret, verified_at = enroll(emulator, flow)
    r = rehearsal(emulator, flow, u, verified_at)
    r.sign_in(u.password)
    emulator.emu.advance(r.seconds_until_fresh_code())
    right = totp_code(secret, emulator.emu.now())
    with pytest.raises(EnrollmentError) as wrong:
        r.submit_code(f"{(int(right) + 1) % 10**6:06d}")
    assert wrong.value.kind is ErrorKind.WRONG_CODE
    assert r.step is RehearsalStep.CODE
    assert r.submit_code(right) is RehearsalStep.FINISHED and r.verdict is RehearsalVerdict.VERIFIED


def test_cognito_still_asking_for_sms_is_a_change_that_did_not_take(emulator, make_flow):
    flow = make_flow()
    u, _, verified_at = enroll(emulator, flow)
    emulator.client.admin_set_user_mfa_preference(
        UserPoolId=emulator.seed.pool_id,
        Username=u.username,
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
        SoftwareTokenMfaSettings={"Enabled": False, "PreferredMfa": False},
    )
    r = rehearsal(emulator, flow, u, verified_at)
    assert r.sign_in(u.password) is RehearsalStep.FINISHED
    assert r.verdict is RehearsalVerdict.STILL_SMS and not r.verdict.took
    with pytest.raises(FlowStateError):
        r.submit_code("123456")


def test_no_challenge_at_all_is_a_change_that_did_not_take(emulator, make_flow):
    flow = make_flow()
    u, _, verified_at = enroll(emulator, flow)
    emulator.client.admin_set_user_mfa_preference(
        UserPoolId=emulator.seed.pool_id,
        Username=u.username,
        SMSMfaSettings={"Enabled": False, "PreferredMfa": False},
        SoftwareTokenMfaSettings={"Enabled": False, "PreferredMfa": False},
    )
    r = rehearsal(emulator, flow, u, verified_at)
    assert r.sign_in(u.password) is RehearsalStep.FINISHED
    assert r.verdict is RehearsalVerdict.NO_MFA


def test_a_wrong_password_stays_on_the_password(emulator, make_flow):
    flow = make_flow()
    u, _, verified_at = enroll(emulator, flow)
    r = rehearsal(emulator, flow, u, verified_at)
    with pytest.raises(EnrollmentError) as wrong:
        r.sign_in("not-the-password")
    assert wrong.value.kind is ErrorKind.WRONG_CREDENTIALS
    assert r.step is RehearsalStep.PASSWORD
    assert r.sign_in(u.password) is RehearsalStep.CODE


def test_an_expired_session_goes_back_to_the_password(emulator, make_flow):
    flow = make_flow()
    u, secret, verified_at = enroll(emulator, flow)
    r = rehearsal(emulator, flow, u, verified_at)
    r.sign_in(u.password)
    emulator.emu.advance(181)
    with pytest.raises(EnrollmentError) as expired:
        r.submit_code(totp_code(secret, emulator.emu.now()))
    assert expired.value.kind is ErrorKind.SESSION_EXPIRED
    assert r.step is RehearsalStep.PASSWORD
    assert r.sign_in(u.password) is RehearsalStep.CODE


def test_nothing_of_the_password_is_kept(emulator, make_flow):
    flow = make_flow()
    u, _, verified_at = enroll(emulator, flow)
    r = rehearsal(emulator, flow, u, verified_at)
    r.sign_in(u.password)
    assert u.password not in repr(vars(r))
