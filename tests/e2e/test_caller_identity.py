"""Who admin mode acts as: STS GetCallerIdentity through the gateway.

The strict emulator's server is moto's, which answers STS as well, so the
happy path goes over real sockets. An expired SSO session is produced the
way it happens at a helpdesk: an SSO profile in the AWS config whose token
is not in the cache; botocore refuses before any request is sent.
"""

from __future__ import annotations

import pytest
from botocore.stub import Stubber

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings

SSO_CONFIG = """\
[profile helpdesk-sso]
sso_start_url = https://example.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = Helpdesk
region = eu-west-1
"""


def admin_settings(emulator) -> ConnectionSettings:
    seed = emulator.seed
    return ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode="admin",
        endpoint_url=emulator.endpoint_url,
    )


def test_caller_identity_names_the_arn_and_account(emulator):
    gateway = CognitoGateway(admin_settings(emulator), connect_timeout=1, read_timeout=2, max_attempts=1)
    identity = gateway.caller_identity()
    assert identity["arn"].startswith("arn:aws:") and identity["account"] == identity["arn"].split(":")[4]
    assert identity["account"].isdigit()


def test_expired_sso_session_is_a_typed_error_naming_the_profile(emulator, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(SSO_CONFIG, encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.aws/sso/cache token
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    gateway = CognitoGateway(
        admin_settings(emulator), aws_profile="helpdesk-sso", connect_timeout=1, read_timeout=2, max_attempts=1
    )
    with pytest.raises(EnrollmentError) as raised:
        gateway.caller_identity()
    error = raised.value
    assert (error.kind, error.message_key, error.aws_profile) == (
        ErrorKind.CREDENTIALS,
        "error.sso_expired",
        "helpdesk-sso",
    )
    assert "Traceback" not in str(error)


def test_unknown_aws_profile_is_a_typed_error(emulator, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    gateway = CognitoGateway(
        admin_settings(emulator), aws_profile="no-such-profile", connect_timeout=1, read_timeout=2, max_attempts=1
    )
    with pytest.raises(EnrollmentError) as raised:
        gateway.caller_identity()
    assert raised.value.message_key == "error.aws_profile_not_found"
    assert raised.value.aws_profile == "no-such-profile"


@pytest.mark.parametrize(
    "code,key",
    [
        ("ExpiredToken", "error.aws_credentials_expired"),
        ("InvalidClientTokenId", "error.aws_credentials"),
        ("SignatureDoesNotMatch", "error.aws_credentials"),
        ("AccessDenied", "error.access_denied"),
    ],
)
def test_sts_errors_are_translated(emulator, code, key):
    import boto3

    sts = boto3.client("sts", region_name="eu-west-1")
    stubber = Stubber(sts)
    stubber.add_client_error("get_caller_identity", service_error_code=code, service_message="no", http_status_code=403)
    stubber.activate()
    gateway = CognitoGateway(
        admin_settings(emulator),
        aws_profile="ops",
        client_factory=lambda: emulator.client,
        sts_client_factory=lambda: sts,
    )
    with pytest.raises(EnrollmentError) as raised:
        gateway.caller_identity()
    assert (raised.value.kind, raised.value.message_key, raised.value.code) == (ErrorKind.CREDENTIALS, key, code)
    assert raised.value.aws_profile == "ops"
