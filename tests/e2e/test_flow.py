"""The enrollment flow against the strict emulator: every rule of docs/cognito.md,
each driven into its failure and then shown to recover."""

import pytest

from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.flow import Step

MODES = ["user", "admin"]


def user(emulator, kind):
    return emulator.seed.users[kind]


def now_code(emulator, secret, offset_steps=0):
    return totp_code(secret, emulator.emu.now() + 30 * offset_steps)


def sign_in_sms(emulator, flow, kind="sms"):
    u = user(emulator, kind)
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    return u


def to_secret(emulator, flow, kind="sms"):
    u = sign_in_sms(emulator, flow, kind)
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET
    return u


def finish(emulator, flow, device="Pixel"):
    return flow.verify(now_code(emulator, flow.secret.secret), device)


def mfa_of(emulator, username):
    got = emulator.client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username=username)
    return got.get("UserMFASettingList", []), got.get("PreferredMfaSetting")


@pytest.mark.parametrize("mode", MODES)
def test_full_enrollment_of_an_sms_user(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = sign_in_sms(emulator, flow)
    assert flow.sms_destination and flow.sms_destination.endswith(u.phone[-4:])
    assert 0 < flow.seconds_left() <= 180
    flow.submit_sms_code(emulator.emu.last_sms_code(u.username))
    assert flow.secret.uri.startswith("otpauth://totp/ACME%20Helpdesk:")
    assert flow.secret.secret == emulator.emu.pending_totp_secret(u.username)
    assert finish(emulator, flow) is Step.DONE
    assert flow.outcome.totp_preferred and not flow.outcome.sms_enabled
    assert flow.secret is None  # nothing secret kept once done

    methods, preferred = mfa_of(emulator, u.username)
    assert "SOFTWARE_TOKEN_MFA" in methods and preferred == "SOFTWARE_TOKEN_MFA"
    assert "SMS_MFA" not in methods  # default: SMS switched off

    again = make_flow(mode)
    assert again.sign_in(u.username, u.password) is Step.EXISTING_TOTP


def test_keep_sms_as_a_fallback_when_configured(emulator, make_flow):
    flow = make_flow(sms_after="keep")
    u = to_secret(emulator, flow)
    finish(emulator, flow)
    methods, preferred = mfa_of(emulator, u.username)
    assert preferred == "SOFTWARE_TOKEN_MFA" and "SMS_MFA" in methods
    assert flow.outcome.sms_enabled


@pytest.mark.parametrize("mode", MODES)
def test_wrong_password_then_right(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = user(emulator, "sms")
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(u.username, "not-the-password")
    assert info.value.kind is ErrorKind.WRONG_CREDENTIALS
    assert flow.step is Step.SIGN_IN and flow.username == u.username
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE


def test_unknown_user_reads_like_a_wrong_password(emulator, make_flow):
    flow = make_flow("admin")
    with pytest.raises(EnrollmentError) as unknown:
        flow.sign_in("nobody.here", "Whatever-123!")
    with pytest.raises(EnrollmentError) as wrong:
        flow.sign_in(user(emulator, "sms").username, "Whatever-123!")
    assert (unknown.value.kind, unknown.value.message_key) == (wrong.value.kind, wrong.value.message_key)


@pytest.mark.parametrize("mode", MODES)
def test_bad_client_secret_is_a_configuration_error(emulator, make_flow, mode):
    flow = make_flow(mode, client_secret="wrongSecret123")
    u = user(emulator, "sms")
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(u.username, u.password)
    assert info.value.kind is ErrorKind.CONFIG and info.value.message_key == "error.config_secret_hash"
    assert flow.step is Step.SIGN_IN


@pytest.mark.parametrize("mode", MODES)
def test_wrong_sms_code_then_right(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = sign_in_sms(emulator, flow)
    right = emulator.emu.last_sms_code(u.username)
    wrong = "000000" if right != "000000" else "111111"
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(wrong)
    assert info.value.kind is ErrorKind.WRONG_CODE
    assert flow.step is Step.SMS_CODE and flow.sms_attempts == 1
    assert flow.submit_sms_code(right) is Step.SECRET


@pytest.mark.parametrize("mode", MODES)
def test_expired_sms_session_then_new_code_without_retyping(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = sign_in_sms(emulator, flow)
    old = emulator.emu.last_sms_code(u.username)
    emulator.emu.advance(181)
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(old)
    assert info.value.kind is ErrorKind.SESSION_EXPIRED
    assert flow.step is Step.SMS_CODE and flow.session_expired and flow.can_resend_sms
    assert flow.resend_sms_code() is Step.SMS_CODE
    new = emulator.emu.last_sms_code(u.username)
    assert flow.submit_sms_code(new) is Step.SECRET


@pytest.mark.parametrize(
    "code,kind",
    [
        ("TooManyRequestsException", ErrorKind.THROTTLED),
        ("LimitExceededException", ErrorKind.THROTTLED),
        ("TooManyFailedAttemptsException", ErrorKind.THROTTLED),
        ("InternalErrorException", ErrorKind.SERVICE),
    ],
)
def test_throttles_and_service_faults_retry_from_the_same_step(emulator, make_flow, code, kind):
    flow = make_flow("admin")
    u = sign_in_sms(emulator, flow)
    sms = emulator.emu.last_sms_code(u.username)
    status = 500 if kind is ErrorKind.SERVICE else 400
    emulator.emu.fail_next("AdminRespondToAuthChallenge", code, "try later", status=status)
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(sms)
    assert info.value.kind is kind and info.value.retryable
    assert flow.step is Step.SMS_CODE
    assert flow.submit_sms_code(sms) is Step.SECRET


@pytest.mark.parametrize("mode", MODES)
def test_wrong_totp_then_right(emulator, make_flow, mode):
    flow = make_flow(mode)
    to_secret(emulator, flow)
    good = now_code(emulator, flow.secret.secret)
    bad = "000000" if good != "000000" else "111111"
    with pytest.raises(EnrollmentError) as info:
        flow.verify(bad)
    assert info.value.kind is ErrorKind.WRONG_CODE and info.value.message_key == "error.wrong_totp"
    assert flow.step is Step.SECRET and flow.secret is not None
    assert flow.verify(good) is Step.DONE


def test_code_from_the_previous_step_is_accepted_two_steps_old_is_not(emulator, make_flow):
    flow = make_flow()
    to_secret(emulator, flow)
    with pytest.raises(EnrollmentError):
        flow.verify(now_code(emulator, flow.secret.secret, -2))
    assert flow.verify(now_code(emulator, flow.secret.secret, -1)) is Step.DONE


def test_new_secret_makes_the_old_scan_useless(emulator, make_flow):
    flow = make_flow()
    to_secret(emulator, flow)
    old = flow.secret.secret
    assert flow.new_secret() is Step.SECRET
    assert flow.secret.secret != old
    with pytest.raises(EnrollmentError):
        flow.verify(now_code(emulator, old))
    assert flow.verify(now_code(emulator, flow.secret.secret)) is Step.DONE


@pytest.mark.parametrize(
    "code,key",
    [
        ("UserNotConfirmedException", "error.user_not_confirmed"),
        ("PasswordResetRequiredException", "error.password_reset_required"),
    ],
)
def test_user_states_the_wizard_cannot_fix(emulator, make_flow, code, key):
    flow = make_flow("user")
    u = user(emulator, "sms")
    emulator.emu.fail_next("InitiateAuth", code, "explain")
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(u.username, u.password)
    assert info.value.kind is ErrorKind.USER_STATE and info.value.message_key == key
    assert flow.step is Step.SIGN_IN


@pytest.mark.parametrize("mode", MODES)
def test_temporary_password_then_sms_then_totp(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = user(emulator, "temp_password")
    assert flow.sign_in(u.username, u.password) is Step.NEW_PASSWORD
    with pytest.raises(EnrollmentError) as mismatch:
        flow.submit_new_password("Brand-New-Pass-42!", "Brand-New-Pass-43!")
    assert mismatch.value.field == "new_password_repeat"
    with pytest.raises(EnrollmentError) as weak:
        flow.submit_new_password("short", "short")
    assert weak.value.kind is ErrorKind.INVALID_PASSWORD and flow.step is Step.NEW_PASSWORD
    assert flow.submit_new_password("Brand-New-Pass-42!", "Brand-New-Pass-42!") is Step.SMS_CODE
    # a new code is requested with the new password, not the temporary one
    assert flow.resend_sms_code() is Step.SMS_CODE
    flow.submit_sms_code(emulator.emu.last_sms_code(u.username))
    assert finish(emulator, flow) is Step.DONE


def test_select_mfa_type_is_answered_with_sms(emulator, make_flow):
    flow = make_flow()
    u = user(emulator, "both_mfa")
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    flow.submit_sms_code(emulator.emu.last_sms_code(u.username))
    assert finish(emulator, flow) is Step.DONE
    assert mfa_of(emulator, u.username)[1] == "SOFTWARE_TOKEN_MFA"


@pytest.mark.parametrize("mode", MODES)
def test_user_without_mfa_goes_straight_to_the_secret(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = user(emulator, "no_mfa")
    assert flow.sign_in(u.username, u.password) is Step.SECRET
    assert finish(emulator, flow) is Step.DONE
    assert mfa_of(emulator, u.username)[1] == "SOFTWARE_TOKEN_MFA"


def test_user_with_totp_stops_unless_reenrollment_is_chosen(emulator, make_flow):
    flow = make_flow()
    u = user(emulator, "totp")
    assert flow.sign_in(u.username, u.password) is Step.EXISTING_TOTP
    old_secret = emulator.emu.totp_secret(u.username)
    with pytest.raises(FlowStateError):
        flow.submit_existing_totp(now_code(emulator, old_secret))
    flow.allow_reenrollment()
    with pytest.raises(EnrollmentError) as info:
        flow.submit_existing_totp("000000" if now_code(emulator, old_secret) != "000000" else "111111")
    assert info.value.kind is ErrorKind.WRONG_CODE and flow.step is Step.EXISTING_TOTP
    assert flow.submit_existing_totp(now_code(emulator, old_secret)) is Step.SECRET
    assert flow.secret.secret != old_secret
    assert finish(emulator, flow) is Step.DONE and flow.outcome.reenrolled


@pytest.mark.parametrize("mode", MODES)
def test_email_mfa_user_moves_to_totp_with_the_mailed_code(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = user(emulator, "email_otp")
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    assert flow.code_medium == "EMAIL"
    assert flow.sms_destination == "h***@e***"
    assert emulator.emu.last_sms_code(u.username) is None  # nothing went to the phone
    code = emulator.emu.last_email_code(u.username)
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(f"{(int(code) + 1) % 10**6:06d}")
    assert info.value.kind is ErrorKind.WRONG_CODE and flow.sms_attempts == 1
    assert flow.submit_sms_code(code) is Step.SECRET
    assert finish(emulator, flow) is Step.DONE
    assert flow.outcome.previous_factor == "EMAIL_OTP"
    methods, preferred = mfa_of(emulator, u.username)
    assert preferred == "SOFTWARE_TOKEN_MFA"
    assert "EMAIL_OTP" not in methods  # default: the old factor switched off


def test_illegal_calls_raise_clear_errors(emulator, make_flow):
    flow = make_flow()
    with pytest.raises(FlowStateError, match="sign_in"):
        flow.verify("123456")
    with pytest.raises(FlowStateError):
        flow.submit_sms_code("123456")
    with pytest.raises(FlowStateError):
        flow.new_secret()
    to_secret(emulator, flow)
    finish(emulator, flow)
    with pytest.raises(FlowStateError, match="done"):
        flow.verify("123456")


def test_reset_forgets_everything(emulator, make_flow):
    flow = make_flow()
    to_secret(emulator, flow)
    flow.reset()
    assert flow.step is Step.SIGN_IN
    assert flow.username is None and flow.secret is None and flow.sms_destination is None
    assert vars(flow)["_password"] is None and vars(flow)["_access_token"] is None and vars(flow)["_session"] is None


def test_reset_during_a_running_step_discards_its_result(emulator, make_flow):
    flow = make_flow()
    u = user(emulator, "sms")
    real = flow.gateway.initiate_auth

    def initiate_then_cancelled(*args):
        result = real(*args)
        flow.reset()  # the operator pressed "next user" while the call ran
        return result

    flow.gateway.initiate_auth = initiate_then_cancelled
    flow.sign_in(u.username, u.password)
    assert flow.step is Step.SIGN_IN and flow.username is None and vars(flow)["_session"] is None


def test_preference_before_verification_is_refused_by_cognito(emulator, make_flow):
    flow = make_flow()
    to_secret(emulator, flow)
    with pytest.raises(EnrollmentError) as info:
        flow.gateway.set_totp_preferred(vars(flow)["_access_token"], keep_sms=False)
    assert info.value.code == "InvalidParameterException"


def test_verified_but_preference_failed_retry_only_sets_preference(emulator, make_flow):
    flow = make_flow("admin")
    u = to_secret(emulator, flow)
    code = now_code(emulator, flow.secret.secret)
    emulator.emu.fail_next("SetUserMFAPreference", "InternalErrorException", "boom", status=500)
    with pytest.raises(EnrollmentError) as info:
        flow.verify(code)
    assert info.value.kind is ErrorKind.SERVICE and flow.step is Step.SECRET
    assert flow.verify(code) is Step.DONE  # the same code again: verify is not repeated
    assert mfa_of(emulator, u.username)[1] == "SOFTWARE_TOKEN_MFA"


@pytest.mark.parametrize("mode", MODES)
def test_secret_fetch_fails_after_the_sms_code_was_accepted(emulator, make_flow, mode):
    flow = make_flow(mode)
    u = sign_in_sms(emulator, flow)
    sms = emulator.emu.last_sms_code(u.username)
    emulator.emu.fail_next("AssociateSoftwareToken", "InternalErrorException", "boom", status=500)
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(sms)
    assert info.value.retryable and flow.step is Step.SMS_CODE
    # Retrying the same step must not re-send the used session (Cognito would
    # refuse it): it goes on to fetch the secret.
    assert flow.submit_sms_code(sms) is Step.SECRET
    assert finish(emulator, flow) is Step.DONE


@pytest.mark.parametrize("mode", MODES)
def test_mfa_setup_when_the_pool_requires_mfa(emulator, make_flow, mode):
    from cogtotp_gui.emulator import seed_mfa_required_pool

    seed = seed_mfa_required_pool(emulator.client, emulator.emu)
    u = seed.users["mfa_setup"]
    flow = make_flow(mode, user_pool_id=seed.pool_id, client_id=seed.client_id, client_secret=seed.client_secret)
    assert flow.sign_in(u.username, u.password) is Step.SECRET  # no SMS step: associate with the session
    with pytest.raises(EnrollmentError) as info:
        flow.verify("000000" if now_code(emulator, flow.secret.secret) != "000000" else "111111")
    assert info.value.kind is ErrorKind.WRONG_CODE and flow.step is Step.SECRET
    assert finish(emulator, flow) is Step.DONE and flow.outcome.via_mfa_setup
    got = emulator.client.admin_get_user(UserPoolId=seed.pool_id, Username=u.username)
    assert got["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
