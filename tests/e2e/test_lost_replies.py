"""Lost replies to one-time calls (issue 16, finding 1).

The faulty proxy forwards a request, lets the emulator act on it, reads
the whole answer and hangs up on the app: what a flaky network does after
Cognito acted. botocore would then send the call again (its standard retry
mode retries a closed connection or a read timeout for every operation),
re-using a used session or code. The gateway sends every call that consumes
a session, a code or a token exactly once (``proxy.seen`` counts what
reached the server), and the flow finds out where the user really stands.
Reads are still retried. The gateway runs with the production retry policy.
"""

from urllib.parse import urlsplit

import pytest

from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.enrollment.gateway import MAX_ATTEMPTS
from tests.support.faulty_proxy import BLACKHOLE, FORWARD, REFUSE, FaultyProxy

MODES = ["user", "admin"]


def target(mode, operation):
    return f"Admin{operation}" if mode == "admin" else operation


@pytest.fixture
def proxy(emulator):
    p = FaultyProxy(urlsplit(emulator.endpoint_url).port)
    yield p
    p.close()


def to_secret(emulator, flow):
    u = emulator.seed.users["sms"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET
    return u


def preferred_mfa(emulator, username, pool_id=None):
    got = emulator.client.admin_get_user(UserPoolId=pool_id or emulator.seed.pool_id, Username=username)
    return got.get("PreferredMfaSetting")


def sms_count(emulator, username):
    return sum(1 for message in emulator.emu.outbox if message.username == username)


def test_the_suite_runs_the_production_retry_policy(make_flow):
    gateway = make_flow("user").gateway
    assert gateway.max_attempts == MAX_ATTEMPTS > 1
    one_shot = gateway.client.meta.config.retries
    reads = gateway.read_client.meta.config.retries
    assert one_shot["total_max_attempts"] == 1
    assert reads["total_max_attempts"] == MAX_ATTEMPTS


@pytest.mark.parametrize("mode", MODES)
def test_verify_reply_lost_after_cognito_verified_goes_on_to_done(emulator, make_flow, proxy, mode):
    flow = make_flow(mode, endpoint_url=proxy.endpoint_url)
    u = to_secret(emulator, flow)
    proxy.drop_reply_of("VerifySoftwareToken")
    assert flow.verify(totp_code(flow.secret.secret, emulator.emu.now()), "Pixel") is Step.DONE
    # Sent once: a resend would have met "Software token has not been
    # associated" (the token was verified by the first).
    assert proxy.seen["VerifySoftwareToken"] == 1
    assert preferred_mfa(emulator, u.username) == "SOFTWARE_TOKEN_MFA"
    assert flow.outcome.totp_preferred


def test_verify_reply_lost_before_cognito_verified_asks_for_the_code_again(emulator, make_flow, proxy):
    flow = make_flow("user", endpoint_url=proxy.endpoint_url)
    u = to_secret(emulator, flow)
    code = totp_code(flow.secret.secret, emulator.emu.now())
    # The connection breaks before Cognito saw the request: to the app, a
    # lost reply like any other. Setting the preference is the check, and
    # Cognito refuses it (the token is not verified).
    proxy.swallow_request_of("VerifySoftwareToken")
    with pytest.raises(EnrollmentError) as info:
        flow.verify(code, "Pixel")
    assert proxy.seen["VerifySoftwareToken"] == 0 and proxy.seen["SetUserMFAPreference"] == 1
    assert (info.value.kind, info.value.message_key) == (ErrorKind.NETWORK, "error.reply_lost_verify")
    assert info.value.retryable and flow.step is Step.SECRET and flow.secret is not None
    assert preferred_mfa(emulator, u.username) == "SMS_MFA"
    # Retry: verified with the code this time.
    assert flow.verify(code, "Pixel") is Step.DONE
    assert proxy.seen["VerifySoftwareToken"] == 1
    assert preferred_mfa(emulator, u.username) == "SOFTWARE_TOKEN_MFA"


def test_verify_without_an_answer_at_all_can_be_retried(emulator, make_flow, proxy):
    """A read timeout, and the check cannot reach Cognito either: Retry
    checks again once the network is back."""
    flow = make_flow("user", endpoint_url=proxy.endpoint_url)
    u = to_secret(emulator, flow)
    code = totp_code(flow.secret.secret, emulator.emu.now())
    proxy.set_mode(BLACKHOLE)
    with pytest.raises(EnrollmentError) as info:
        flow.verify(code, "Pixel")
    assert info.value.retryable and flow.step is Step.SECRET
    proxy.set_mode(FORWARD)
    with pytest.raises(EnrollmentError) as info:
        flow.verify(code, "Pixel")
    assert info.value.message_key == "error.reply_lost_verify"
    assert flow.verify(code, "Pixel") is Step.DONE
    assert preferred_mfa(emulator, u.username) == "SOFTWARE_TOKEN_MFA"


@pytest.mark.parametrize("mode", MODES)
def test_preference_reply_lost_is_checked_with_get_user(emulator, make_flow, proxy, mode):
    flow = make_flow(mode, endpoint_url=proxy.endpoint_url)
    u = to_secret(emulator, flow)
    proxy.drop_reply_of("SetUserMFAPreference")
    assert flow.verify(totp_code(flow.secret.secret, emulator.emu.now()), "Pixel") is Step.DONE
    assert proxy.seen["SetUserMFAPreference"] == 1 and proxy.seen["GetUser"] == 1
    assert preferred_mfa(emulator, u.username) == "SOFTWARE_TOKEN_MFA"


@pytest.mark.parametrize("mode", MODES)
def test_sms_answer_reply_lost_never_resends_the_used_session(emulator, make_flow, proxy, mode):
    flow = make_flow(mode, endpoint_url=proxy.endpoint_url)
    u = emulator.seed.users["sms"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    proxy.drop_reply_of(target(mode, "RespondToAuthChallenge"))
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(emulator.emu.last_sms_code(u.username))
    assert proxy.seen[target(mode, "RespondToAuthChallenge")] == 1
    assert (info.value.kind, info.value.message_key) == (ErrorKind.SESSION_EXPIRED, "error.reply_lost_session")
    # The way on is a new code, without retyping the password.
    assert flow.step is Step.SMS_CODE and flow.session_expired and flow.can_resend_sms
    assert flow.resend_sms_code() is Step.SMS_CODE
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET


@pytest.mark.parametrize("mode", MODES)
def test_sign_in_reply_lost_texts_the_user_once(emulator, make_flow, proxy, mode):
    flow = make_flow(mode, endpoint_url=proxy.endpoint_url)
    u = emulator.seed.users["sms"]
    proxy.drop_reply_of(target(mode, "InitiateAuth"))
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(u.username, u.password)
    assert (info.value.kind, info.value.message_key) == (ErrorKind.NETWORK, "error.reply_lost")
    assert info.value.retryable and flow.step is Step.SIGN_IN
    assert proxy.seen[target(mode, "InitiateAuth")] == 1 and sms_count(emulator, u.username) == 1
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    # The newest code works on the first try: no wasted attempt.
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET


def test_mfa_setup_reply_lost_says_start_again(emulator, make_flow, proxy):
    from cogtotp_gui.emulator import seed_mfa_required_pool

    seed = seed_mfa_required_pool(emulator.client, emulator.emu)
    u = seed.users["mfa_setup"]
    flow = make_flow(
        "user",
        endpoint_url=proxy.endpoint_url,
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
    )
    assert flow.sign_in(u.username, u.password) is Step.SECRET
    proxy.drop_reply_of("VerifySoftwareToken")
    with pytest.raises(EnrollmentError) as info:
        flow.verify(totp_code(flow.secret.secret, emulator.emu.now()), "Pixel")
    assert proxy.seen["VerifySoftwareToken"] == 1
    assert (info.value.kind, info.value.message_key) == (ErrorKind.SESSION_EXPIRED, "error.reply_lost_restart")


def test_reads_are_still_retried(emulator, make_flow, proxy):
    flow = make_flow("user", endpoint_url=proxy.endpoint_url)
    to_secret(emulator, flow)
    proxy.drop_reply_of("GetUser")
    got = flow.gateway.get_user(flow._access_token)
    assert got["Username"] == emulator.seed.users["sms"].username
    assert proxy.seen["GetUser"] == 2


@pytest.mark.parametrize("fault", [REFUSE, "lost"])
def test_failed_resend_keeps_the_password_so_retry_works(emulator, make_flow, proxy, fault):
    """Finding 9: "Send a new code" failing with a retryable error must leave
    the flow where Retry (another "Send a new code") works."""
    flow = make_flow("user", endpoint_url=proxy.endpoint_url)
    u = emulator.seed.users["sms"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    if fault == REFUSE:
        proxy.set_mode(REFUSE)
    else:
        proxy.drop_reply_of("InitiateAuth")
    with pytest.raises(EnrollmentError) as info:
        flow.resend_sms_code()
    assert info.value.retryable
    assert flow.step is Step.SMS_CODE and flow.can_resend_sms
    proxy.set_mode(FORWARD)
    assert flow.resend_sms_code() is Step.SMS_CODE
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET


# -- AdminDeleteSoftwareToken (issue 19 #7): "unknown" on record, then AdminGetUser --


def reset_records(log):
    import json

    lines = log.path.read_text(encoding="utf-8").splitlines()
    return [(r["outcome"], r["error_code"]) for r in map(json.loads, lines) if r.get("event") == "authenticator_reset"]


def lost_phone_at_reset(emulator, make_flow, proxy, tmp_path):
    from cogtotp_gui.enrollment.attempts import AttemptBook
    from cogtotp_gui.enrollment.audit import AuditLog

    flow = make_flow("admin", endpoint_url=proxy.endpoint_url)
    u = emulator.seed.users["lost_phone"]
    assert flow.sign_in(u.username, u.password) is Step.EXISTING_TOTP
    assert flow.report_lost_authenticator() is Step.LOST_AUTHENTICATOR
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="helpdesk1"))
    book.begin(flow.gateway.settings, u.username, flow.step)
    record = book.reset_gate(
        flow.gateway.settings, u.username, reason="Phone lost", identity_verified=True, aws_identity=None
    )
    return flow, u, book, record


def test_delete_reply_lost_after_cognito_deleted_is_unknown_then_resolved_as_done(emulator, make_flow, proxy, tmp_path):
    flow, u, book, record = lost_phone_at_reset(emulator, make_flow, proxy, tmp_path)
    proxy.drop_reply_of("AdminDeleteSoftwareToken")
    assert flow.reset_authenticator("Phone lost", True, record=record) is Step.SMS_CODE
    assert proxy.seen["AdminDeleteSoftwareToken"] == 1  # sent once
    assert proxy.seen["AdminGetUser"] >= 1  # where the user stands, asked
    assert emulator.emu.totp_secret(u.username) is None
    assert flow.authenticator_reset
    (requested, unknown, done) = reset_records(book.audit)
    assert requested == ("requested", None)
    assert unknown[0] == "unknown" and unknown[1]  # with the network error's code
    assert done == ("success", None)


def test_delete_reply_lost_before_cognito_saw_it_is_refused_and_retry_deletes(emulator, make_flow, proxy, tmp_path):
    flow, u, book, record = lost_phone_at_reset(emulator, make_flow, proxy, tmp_path)
    proxy.swallow_request_of("AdminDeleteSoftwareToken")
    with pytest.raises(EnrollmentError) as caught:
        flow.reset_authenticator("Phone lost", True, record=record)
    assert caught.value.reply_lost and caught.value.retryable
    assert emulator.emu.totp_secret(u.username) is not None
    assert not flow.authenticator_reset
    assert [outcome for outcome, _ in reset_records(book.audit)] == ["requested", "unknown", "failed"]
    # Retry: sent again (deleting twice is harmless), and done.
    again = book.reset_gate(
        flow.gateway.settings, u.username, reason="Phone lost", identity_verified=True, aws_identity=None
    )
    assert flow.reset_authenticator("Phone lost", True, record=again) is Step.SMS_CODE
    assert emulator.emu.totp_secret(u.username) is None
    assert [outcome for outcome, _ in reset_records(book.audit)][-2:] == ["requested", "success"]


def test_delete_reply_lost_and_the_check_failing_too_stays_unknown(emulator, make_flow, proxy, tmp_path):
    flow, _u, book, record = lost_phone_at_reset(emulator, make_flow, proxy, tmp_path)
    proxy.drop_reply_of("AdminDeleteSoftwareToken")
    emulator.emu.fail_next("AdminGetUser", "InternalErrorException", "down", times=5)
    with pytest.raises(EnrollmentError) as caught:
        flow.reset_authenticator("Phone lost", True, record=record)
    assert caught.value.reply_lost
    assert [outcome for outcome, _ in reset_records(book.audit)] == ["requested", "unknown"]


@pytest.mark.parametrize(("mode", "fault"), [("user", "drop"), ("admin", "drop"), ("user", "swallow")])
def test_rehearsal_code_reply_lost_never_resends_the_used_session(emulator, make_flow, proxy, mode, fault):
    """Issue 19 #10: the rehearsal kept the challenge session after a lost
    reply, and the next try sent it (and maybe the same code) again. It goes
    back to the password, as the flow does, and the next code comes from a
    window the lost attempt cannot have used."""
    from cogtotp_gui.enrollment.rehearsal import Rehearsal, RehearsalStep, RehearsalVerdict

    flow = make_flow(mode, endpoint_url=proxy.endpoint_url)
    u = to_secret(emulator, flow)
    secret = flow.secret.secret
    verified_at = emulator.emu.now()
    assert flow.verify(totp_code(secret, verified_at), "Pixel") is Step.DONE
    r = Rehearsal(flow.gateway, u.username, verified_at=verified_at, clock=emulator.emu.now)
    assert r.sign_in(u.password) is RehearsalStep.CODE
    emulator.emu.advance(r.seconds_until_fresh_code())
    operation = target(mode, "RespondToAuthChallenge")
    sent_before = proxy.seen[operation]  # the SMS code's answer
    (proxy.drop_reply_of if fault == "drop" else proxy.swallow_request_of)(operation)
    with pytest.raises(EnrollmentError) as info:
        r.submit_code(totp_code(secret, emulator.emu.now()))
    assert (info.value.kind, info.value.message_key) == (ErrorKind.SESSION_EXPIRED, "error.reply_lost_rehearsal")
    assert not info.value.retryable  # no Retry button: it would send the used session
    assert proxy.seen[operation] - sent_before == (1 if fault == "drop" else 0)
    assert r.step is RehearsalStep.PASSWORD and r.seconds_left() is None and r.verdict is None
    with pytest.raises(FlowStateError):
        r.submit_code(totp_code(secret, emulator.emu.now()))  # no code is awaited: nothing is sent
    assert proxy.seen[operation] - sent_before == (1 if fault == "drop" else 0)
    # The code of the lost attempt's window is not asked for again.
    assert r.seconds_until_fresh_code() > 0
    assert r.sign_in(u.password) is RehearsalStep.CODE
    emulator.emu.advance(r.seconds_until_fresh_code())
    assert r.submit_code(totp_code(secret, emulator.emu.now())) is RehearsalStep.FINISHED
    assert r.verdict is RehearsalVerdict.VERIFIED
