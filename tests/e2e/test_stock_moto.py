"""The whole enrollment against a STOCK moto server (no strict emulator), as
a team using moto_server locally would try it: its UUID client secrets, its
extra fields and missing operations must not stop the app."""

import subprocess
import sys
import time

import boto3
import pytest

from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.flow import EnrollmentFlow, Step
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings

REGION = "us-east-1"
PASSWORD = "Stock-Moto-1234!"


# In a process of its own: the strict emulator patches moto process-wide, and
# other tests of this session may have it installed.
_SERVER = """
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
print(f"http://{host}:{port}", flush=True)
sys.stdin.read()
server.stop()
"""


@pytest.fixture
def stock_moto(monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    url = process.stdout.readline().strip()
    client = boto3.client("cognito-idp", region_name=REGION, endpoint_url=url)
    pool_id = client.create_user_pool(PoolName="stock", MfaConfiguration="OPTIONAL")["UserPool"]["Id"]
    client.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sms"}},
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    app = client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="helpdesk",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="sam.sms",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550999"}],
    )
    client.admin_set_user_password(UserPoolId=pool_id, Username="sam.sms", Password=PASSWORD, Permanent=True)
    client.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username="sam.sms", SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    try:
        yield url, pool_id, app
    finally:
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()


def make_flow(url, pool_id, app, mode):
    settings = ConnectionSettings.create(
        user_pool_id=pool_id,
        client_id=app["ClientId"],
        client_secret=f"  {app['ClientSecret']}\n",  # as pasted
        mode=mode,
        endpoint_url=url,
    )
    return EnrollmentFlow(CognitoGateway(settings, connect_timeout=2, read_timeout=5, max_attempts=1))


def test_moto_secret_is_accepted_as_is(stock_moto):
    url, pool_id, app = stock_moto
    assert "-" in app["ClientSecret"]  # moto issues UUIDs
    flow = make_flow(url, pool_id, app, "user")
    assert flow.gateway.settings.client_secret == app["ClientSecret"]


@pytest.mark.parametrize("mode", ["user", "admin"])
def test_whole_enrollment_against_stock_moto(stock_moto, mode):
    url, pool_id, app = stock_moto
    flow = make_flow(url, pool_id, app, mode)
    assert flow.sign_in("sam.sms", PASSWORD) is Step.SMS_CODE
    # Stock moto accepts any code; the app only has to get through.
    assert flow.submit_sms_code("123456") is Step.SECRET
    assert flow.secret.secret
    assert flow.verify(totp_code(flow.secret.secret, time.time()), "Pixel") is Step.DONE
    assert flow.outcome.totp_preferred


def test_reset_on_an_endpoint_without_the_operation_is_said_plainly(stock_moto):
    url, pool_id, app = stock_moto
    first = make_flow(url, pool_id, app, "admin")
    first.sign_in("sam.sms", PASSWORD)
    first.submit_sms_code("123456")
    assert first.verify(totp_code(first.secret.secret, time.time()), "Pixel") is Step.DONE
    flow = make_flow(url, pool_id, app, "admin")
    step = flow.sign_in("sam.sms", PASSWORD)
    if step is not Step.EXISTING_TOTP:
        pytest.fail(f"stock moto answered {step}")
    flow.report_lost_authenticator()
    with pytest.raises(EnrollmentError) as info:
        flow.reset_authenticator("lost phone", identity_verified=True)
    assert info.value.kind is ErrorKind.UNSUPPORTED
    assert info.value.message_key == "error.operation_unavailable"
