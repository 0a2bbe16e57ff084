"""Today's Cognito sign-in through the flow: choice-based sign-in, email MFA,
MFA_SETUP choices, the feature plan and passwordless users, in both modes."""

import pytest

from cogtotp_gui.emulator import seed_mfa_required_pool, seed_sms_only_required_pool, seed_user_auth_pool
from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.flow import (
    UNSUPPORTED_MFA_SETUP_NO_TOTP,
    UNSUPPORTED_PASSWORDLESS,
    EnrollmentFlow,
    Step,
)
from cogtotp_gui.enrollment.gateway import AuthFlowKind, CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings

MODES = ["user", "admin"]


class Recorder:
    """The real client, with the names of the calls made through it."""

    def __init__(self, client):
        self._client = client
        self.calls = []

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if callable(attribute):
            self.calls.append(name)
        return attribute


def flow_for(emulator, seed, mode, record=False):
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode=mode,
        issuer="ACME Helpdesk",
        endpoint_url=emulator.endpoint_url,
    )
    gateway = CognitoGateway(settings, connect_timeout=1, read_timeout=2, max_attempts=1)
    recorder = None
    if record:
        real = gateway._make_client()
        recorder = Recorder(real)
        gateway = CognitoGateway(
            settings, client_factory=lambda: recorder, connect_timeout=1, read_timeout=2, max_attempts=1
        )
    return EnrollmentFlow(gateway), recorder


def verify_now(emulator, flow):
    return flow.verify(totp_code(flow.secret.secret, emulator.emu.now()), "Pixel")


@pytest.mark.parametrize("mode", MODES)
def test_user_auth_only_client_enrolls_an_sms_user(emulator, mode):
    seed = seed_user_auth_pool(emulator.client, emulator.emu)
    flow, recorder = flow_for(emulator, seed, mode, record=True)
    u = seed.users["sms"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    assert flow.gateway.auth_flow is AuthFlowKind.USER_AUTH
    if mode == "admin":
        # Admin credentials may ask the client: no failed sign-in first.
        assert recorder.calls[:2] == ["describe_user_pool_client", "admin_initiate_auth"]
    else:
        # User mode learns it from Cognito's refusal of the password flow.
        assert recorder.calls == ["initiate_auth", "initiate_auth"]
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET
    assert verify_now(emulator, flow) is Step.DONE
    # The next user goes straight to the remembered flow.
    recorder.calls.clear()
    again = seed.users["email_otp"]
    flow.reset()
    assert flow.sign_in(again.username, again.password) is Step.SMS_CODE
    assert recorder.calls == ["admin_initiate_auth" if mode == "admin" else "initiate_auth"]


@pytest.mark.parametrize("mode", MODES)
def test_user_auth_email_mfa_user_reads_the_code_from_the_mailbox(emulator, mode):
    seed = seed_user_auth_pool(emulator.client, emulator.emu)
    flow, _ = flow_for(emulator, seed, mode)
    u = seed.users["email_otp"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    assert flow.code_medium == "EMAIL"
    assert flow.submit_sms_code(emulator.emu.last_email_code(u.username)) is Step.SECRET
    assert verify_now(emulator, flow) is Step.DONE


@pytest.mark.parametrize("mode", MODES)
def test_passwordless_user_gets_a_plain_explanation(emulator, mode):
    seed = seed_user_auth_pool(emulator.client, emulator.emu)
    flow, _ = flow_for(emulator, seed, mode)
    u = seed.users["passwordless"]
    assert flow.sign_in(u.username, "Anything-1234!") is Step.UNSUPPORTED
    assert flow.unsupported_reason == UNSUPPORTED_PASSWORDLESS
    assert flow.can_resend_sms is False


@pytest.mark.parametrize("mode", MODES)
def test_pool_without_the_feature_plan_is_explained(emulator, mode):
    seed = seed_user_auth_pool(emulator.client, emulator.emu, tier="LITE")
    flow, _ = flow_for(emulator, seed, mode)
    u = seed.users["sms"]
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(u.username, u.password)
    assert info.value.kind is ErrorKind.UNSUPPORTED
    assert info.value.message_key == "error.feature_tier"
    assert flow.step is Step.SIGN_IN


@pytest.mark.parametrize("mode", MODES)
def test_client_allowing_neither_flow_is_a_configuration_error(emulator, mode):
    seed = seed_user_auth_pool(emulator.client, emulator.emu, flows=("ALLOW_REFRESH_TOKEN_AUTH",))
    flow, _ = flow_for(emulator, seed, mode)
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(seed.users["sms"].username, seed.users["sms"].password)
    assert info.value.message_key == "error.config_auth_flow"


@pytest.mark.parametrize("mode", MODES)
def test_mfa_setup_without_totp_says_the_pool_does_not_allow_it(emulator, mode):
    seed = seed_sms_only_required_pool(emulator.client, emulator.emu)
    flow, _ = flow_for(emulator, seed, mode)
    u = seed.users["mfa_setup"]
    assert flow.sign_in(u.username, u.password) is Step.UNSUPPORTED
    assert flow.unsupported_reason == UNSUPPORTED_MFA_SETUP_NO_TOTP
    assert flow.unsupported_challenge == "MFA_SETUP"


@pytest.mark.parametrize("mode", MODES)
def test_mfa_setup_with_totp_allowed_still_enrolls(emulator, mode):
    seed = seed_mfa_required_pool(emulator.client, emulator.emu)
    flow, _ = flow_for(emulator, seed, mode)
    u = seed.users["mfa_setup"]
    assert flow.sign_in(u.username, u.password) is Step.SECRET
    assert verify_now(emulator, flow) is Step.DONE
    assert flow.outcome.via_mfa_setup
