"""A lost authenticator through the flow: confirmation, AdminDeleteSoftwareToken,
sign-in again and enrollment with a new secret; refusals and faults; the audit."""

import json

import pytest

from cogtotp_gui.emulator import seed_mfa_required_pool
from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.audit import AuditLog
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.flow import EnrollmentFlow, Step
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings

REASON = "Phone lost on the train; ticket HD-4711"


class Recorder:
    """The real client, with the names of the calls made through it; names in
    ``missing`` do not exist (an older botocore)."""

    def __init__(self, client, missing=()):
        self._client = client
        self._missing = set(missing)
        self.calls = []

    def __getattr__(self, name):
        if name in self._missing:
            raise AttributeError(name)
        attribute = getattr(self._client, name)
        if callable(attribute):
            self.calls.append(name)
        return attribute


def make(emulator, mode="admin", seed=None, missing=()):
    seed = seed or emulator.seed
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode=mode,
        issuer="ACME Helpdesk",
        endpoint_url=emulator.endpoint_url,
    )
    plain = CognitoGateway(settings, connect_timeout=1, read_timeout=2, max_attempts=1)
    recorder = Recorder(plain._make_client(), missing)
    gateway = CognitoGateway(
        settings, client_factory=lambda: recorder, connect_timeout=1, read_timeout=2, max_attempts=1
    )
    return EnrollmentFlow(gateway), recorder


def at_existing_totp(emulator, flow, kind="lost_phone"):
    u = emulator.seed.users[kind]
    assert flow.sign_in(u.username, u.password) is Step.EXISTING_TOTP
    return u


def verify_now(emulator, flow):
    return flow.verify(totp_code(flow.secret.secret, emulator.emu.now()), "New phone")


def test_lost_phone_is_reset_and_enrolled_again_through_sms(emulator):
    flow, recorder = make(emulator)
    u = at_existing_totp(emulator, flow)
    old_secret = emulator.emu.totp_secret(u.username)
    assert flow.report_lost_authenticator() is Step.LOST_AUTHENTICATOR
    assert flow.reset_authenticator(REASON, identity_verified=True) is Step.SMS_CODE
    assert "admin_delete_software_token" in recorder.calls
    assert "admin_set_user_mfa_preference" not in recorder.calls
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET
    assert flow.secret.secret != old_secret
    assert verify_now(emulator, flow) is Step.DONE
    assert flow.outcome.authenticator_reset and flow.outcome.previous_factor == "SMS_MFA"
    assert emulator.emu.totp_secret(u.username) not in (None, old_secret)


def test_mfa_required_and_nothing_left_enrolls_through_mfa_setup(emulator):
    seed = seed_mfa_required_pool(emulator.client, emulator.emu)
    first, _ = make(emulator, seed=seed)
    u = seed.users["mfa_setup"]
    assert first.sign_in(u.username, u.password) is Step.SECRET
    assert verify_now(emulator, first) is Step.DONE

    flow, _ = make(emulator, seed=seed)
    assert flow.sign_in(u.username, u.password) is Step.EXISTING_TOTP
    flow.report_lost_authenticator()
    assert flow.reset_authenticator(REASON, identity_verified=True) is Step.SECRET
    assert verify_now(emulator, flow) is Step.DONE
    assert flow.outcome.via_mfa_setup and flow.outcome.authenticator_reset


@pytest.mark.parametrize(
    ("reason", "verified", "field"),
    [("", True, "reset_reason"), ("   ", True, "reset_reason"), (REASON, False, "identity_verified")],
)
def test_reason_and_identity_check_are_required(emulator, reason, verified, field):
    flow, recorder = make(emulator)
    u = at_existing_totp(emulator, flow)
    flow.report_lost_authenticator()
    with pytest.raises(EnrollmentError) as info:
        flow.reset_authenticator(reason, identity_verified=verified)
    assert info.value.kind is ErrorKind.INVALID_INPUT and info.value.field == field
    assert flow.step is Step.LOST_AUTHENTICATOR
    assert "admin_delete_software_token" not in recorder.calls
    assert emulator.emu.totp_secret(u.username) is not None


def test_cancel_goes_back_to_the_existing_authenticator_page(emulator):
    flow, _ = make(emulator)
    at_existing_totp(emulator, flow)
    flow.report_lost_authenticator()
    assert flow.cancel_lost_authenticator() is Step.EXISTING_TOTP
    with pytest.raises(FlowStateError):
        flow.reset_authenticator(REASON, identity_verified=True)


def test_user_mode_explains_that_an_administrator_is_needed(emulator):
    flow, recorder = make(emulator, mode="user")
    at_existing_totp(emulator, flow)
    assert not flow.can_reset_authenticator
    with pytest.raises(EnrollmentError) as info:
        flow.report_lost_authenticator()
    assert info.value.message_key == "error.reset_needs_admin"
    assert flow.step is Step.EXISTING_TOTP
    assert "admin_delete_software_token" not in recorder.calls


def test_throttled_delete_can_be_retried_from_the_same_page(emulator):
    flow, _ = make(emulator)
    u = at_existing_totp(emulator, flow)
    flow.report_lost_authenticator()
    emulator.emu.fail_next("AdminDeleteSoftwareToken", "TooManyRequestsException", "Too many requests")
    with pytest.raises(EnrollmentError) as info:
        flow.reset_authenticator(REASON, identity_verified=True)
    assert info.value.kind is ErrorKind.THROTTLED and info.value.retryable
    assert flow.step is Step.LOST_AUTHENTICATOR
    assert emulator.emu.totp_secret(u.username) is not None
    assert flow.reset_authenticator(REASON, identity_verified=True) is Step.SMS_CODE


def test_access_denied_for_the_delete_names_the_permission_and_changes_nothing(emulator):
    flow, recorder = make(emulator)
    u = at_existing_totp(emulator, flow)
    flow.report_lost_authenticator()
    emulator.emu.fail_next(
        "AdminDeleteSoftwareToken",
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/helpdesk is not authorized to perform: "
        "cognito-idp:AdminDeleteSoftwareToken",
    )
    with pytest.raises(EnrollmentError) as info:
        flow.reset_authenticator(REASON, identity_verified=True)
    assert info.value.kind is ErrorKind.CREDENTIALS
    assert info.value.message_key == "error.delete_token_denied"
    assert flow.step is Step.LOST_AUTHENTICATOR
    # Never the documented non-reset as a fallback.
    assert "admin_set_user_mfa_preference" not in recorder.calls
    assert emulator.emu.totp_secret(u.username) is not None


@pytest.mark.parametrize(
    ("code", "status"), [("UnknownOperationException", 400), ("InvalidAction", 400), ("NotImplemented", 501)]
)
def test_endpoint_without_the_operation_is_said_plainly(emulator, code, status):
    flow, recorder = make(emulator)
    at_existing_totp(emulator, flow)
    flow.report_lost_authenticator()
    emulator.emu.fail_next("AdminDeleteSoftwareToken", code, "not here", status)
    with pytest.raises(EnrollmentError) as info:
        flow.reset_authenticator(REASON, identity_verified=True)
    assert info.value.kind is ErrorKind.UNSUPPORTED
    assert info.value.message_key == "error.operation_unavailable"
    assert "admin_set_user_mfa_preference" not in recorder.calls


def test_sdk_without_the_operation_is_said_plainly(emulator):
    flow, recorder = make(emulator, missing=("admin_delete_software_token",))
    at_existing_totp(emulator, flow)
    flow.report_lost_authenticator()
    with pytest.raises(EnrollmentError) as info:
        flow.reset_authenticator(REASON, identity_verified=True)
    assert info.value.message_key == "error.operation_unavailable"
    assert "admin_set_user_mfa_preference" not in recorder.calls


def test_reset_audit_record_has_who_why_and_outcome_and_no_secret(emulator, tmp_path):
    log = AuditLog(tmp_path, operator="helpdesk1")
    flow, _ = make(emulator)
    u = at_existing_totp(emulator, flow)
    attempt = log.start(flow.gateway.settings, u.username)
    code = totp_code(u.totp_secret, emulator.emu.now())
    assert attempt.reset(
        reason=f"lost phone, user read {code} from an old screenshot",
        identity_verified=True,
        aws_identity="arn:aws:iam::123456789012:user/helpdesk1",
    )
    error = EnrollmentError(ErrorKind.CREDENTIALS, "error.delete_token_denied", code="AccessDeniedException")
    assert attempt.reset(reason=REASON, identity_verified=True, error=error)
    lines = (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    done, refused = (json.loads(line) for line in lines)
    assert done["event"] == "authenticator_reset" and done["outcome"] == "success"
    assert done["operator"] == "helpdesk1"
    assert done["aws_identity"] == "arn:aws:iam::123456789012:user/helpdesk1"
    assert done["username"] == u.username and done["identity_verified"] is True
    assert code not in done["reason"] and "lost phone" in done["reason"]
    assert refused["outcome"] == "failed" and refused["error_code"] == "AccessDeniedException"
    assert refused["reason"] == REASON
    text = "\n".join(lines)
    assert u.password not in text and u.totp_secret not in text
