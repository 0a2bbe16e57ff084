"""The emulator as a server and as in-process patches: lifecycle and isolation."""

import json
import threading
import urllib.error
import urllib.request

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from cogtotp_gui.emulator import EmulatorServer, StrictCognito, seed_training_pool

from .helpers import error_of


def test_stop_leaves_no_thread_behind(emulator_server):
    before = set(threading.enumerate())
    server = EmulatorServer(emulator_server.emu)
    url = server.start()  # returns once the server accepts connections (used at once below)
    assert url.startswith("http://127.0.0.1:")
    client = boto3.client(
        "cognito-idp",
        region_name="eu-west-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.list_user_pools(MaxResults=1)
    server.stop()
    # Compare one way only: a request thread of the session's own server may
    # still have been finishing when ``before`` was taken.
    assert set(threading.enumerate()) - before == set()
    # Stopping a server that did not install the emulator leaves it installed.
    assert emulator_server.emu.is_installed


def test_stop_is_idempotent(emulator_server):
    server = EmulatorServer(emulator_server.emu)
    server.start()
    server.stop()
    server.stop()
    with pytest.raises(RuntimeError):
        _ = server.endpoint_url


def test_reset_wipes_moto_and_strict_state(emulator_server, emulator):
    emulator.client.admin_initiate_auth(
        UserPoolId=emulator.seed.pool_id,
        ClientId=emulator.seed.client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "alice.sms",
            "PASSWORD": emulator.seed.users["sms"].password,
            "SECRET_HASH": emulator.seed.secret_hash("alice.sms"),
        },
    )
    assert emulator.emu.outbox
    emulator_server.reset()
    assert emulator.emu.outbox == []
    assert emulator.emu.totp_secret("dave.totp") is None
    assert emulator.client.list_user_pools(MaxResults=10)["UserPools"] == []


def test_errors_on_the_wire_are_cognito_json(emulator):
    """What boto3 parses: ``__type`` and ``message`` in a JSON body, HTTP 400."""
    headers, data = _cognito_call(emulator)
    status, _, body = _raw(emulator.endpoint_url + "/", headers=headers, data=data)
    assert status == 400
    assert json.loads(body) == {
        "__type": "NotAuthorizedException",
        "message": "Incorrect username or password.",
    }


def test_only_one_emulator_can_be_installed(emulator_server):
    with pytest.raises(RuntimeError, match="already installed"):
        StrictCognito().install()


@pytest.fixture
def swapped_in(emulator_server):
    """Temporarily replace the session's emulator with a fresh one."""
    emulator_server.emu.uninstall()
    fresh = StrictCognito()
    try:
        yield fresh
    finally:
        fresh.uninstall()
        emulator_server.emu.install()


def _sms_sign_in(client, pool_id, client_id, secret_hash=None):
    params = {"USERNAME": "alice.sms", "PASSWORD": "Training-1234!"}
    if secret_hash:
        params["SECRET_HASH"] = secret_hash
    return client.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters=params,
    )


def _answer_sms(client, pool_id, client_id, session, code, secret_hash=None):
    responses = {"USERNAME": "alice.sms", "SMS_MFA_CODE": code}
    if secret_hash:
        responses["SECRET_HASH"] = secret_hash
    return client.admin_respond_to_auth_challenge(
        UserPoolId=pool_id,
        ClientId=client_id,
        ChallengeName="SMS_MFA",
        Session=session,
        ChallengeResponses=responses,
    )


def test_in_process_with_mock_aws(emulator, swapped_in):
    with mock_aws(), swapped_in.installed():
        client = boto3.client("cognito-idp", region_name="eu-west-1")
        seed = seed_training_pool(client, swapped_in)
        ids = (seed.pool_id, seed.client_id)
        signed = seed.secret_hash("alice.sms")
        session = _sms_sign_in(client, *ids, signed)["Session"]
        with pytest.raises(ClientError) as excinfo:
            _answer_sms(client, *ids, session, "not-it", signed)
        assert error_of(excinfo)[0] == "CodeMismatchException"
        code = swapped_in.last_sms_code("alice.sms")
        assert "AuthenticationResult" in _answer_sms(client, *ids, session, code, signed)


def test_uninstall_restores_stock_moto(emulator, swapped_in):
    """Proves the other tests test the emulator: stock moto takes any code."""
    with mock_aws():
        with swapped_in.installed():
            pass
        client = boto3.client("cognito-idp", region_name="eu-west-1")
        pool_id = client.create_user_pool(PoolName="stock", MfaConfiguration="OPTIONAL")["UserPool"]["Id"]
        client_id = client.create_user_pool_client(
            UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
        )["UserPoolClient"]["ClientId"]
        client.admin_create_user(
            UserPoolId=pool_id,
            Username="alice.sms",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "phone_number", "Value": "+15555551234"}],
        )
        client.admin_set_user_password(
            UserPoolId=pool_id, Username="alice.sms", Password="Training-1234!", Permanent=True
        )
        client.admin_set_user_mfa_preference(
            UserPoolId=pool_id,
            Username="alice.sms",
            SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        session = _sms_sign_in(client, pool_id, client_id)["Session"]
        answered = _answer_sms(client, pool_id, client_id, session, "anything")
        assert "AuthenticationResult" in answered


# -- what the server serves (issue 16 #12) ---------------------------------------------------


def _raw(url, method="POST", headers=None, data=b"{}"):
    """Send one request by hand; return (status, headers, body) whatever the status."""
    request = urllib.request.Request(url, data=data if method == "POST" else None, method=method)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def _cognito_call(emulator):
    """An unsigned InitiateAuth with a wrong password: Cognito's answer proves the call reached it."""
    body = {
        "ClientId": emulator.seed.client_id,
        "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {
            "USERNAME": "alice.sms",
            "PASSWORD": "Wrong-0000!",
            "SECRET_HASH": emulator.seed.secret_hash("alice.sms"),
        },
    }
    headers = {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
    }
    return headers, json.dumps(body).encode()


def _reached_cognito(status, body):
    return status == 400 and b"NotAuthorizedException" in body


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/moto-api/data.json"),
        ("POST", "/moto-api/reset"),
        ("POST", "/moto-api/recorder/start-recording"),
        ("GET", "/moto-api/"),
        ("GET", "/favicon.ico"),
        ("GET", "/latest/meta-data/iam/security-credentials/"),
    ],
)
def test_moto_control_api_is_not_served(emulator, method, path):
    status, _, body = _raw(emulator.endpoint_url + path, method=method)
    assert status == 404
    assert emulator.seed.pool_id.encode() not in body
    # Nothing was reset: the training pool is still there.
    pools = emulator.client.list_user_pools(MaxResults=10)["UserPools"]
    assert [pool["Id"] for pool in pools] == [emulator.seed.pool_id]


def test_cognito_answers_without_cors_for_any_origin(emulator):
    origin = {"Origin": "https://attacker.example"}
    headers, data = _cognito_call(emulator)
    status, headers, body = _raw(emulator.endpoint_url + "/", headers={**headers, **origin}, data=data)
    assert _reached_cognito(status, body)  # the call itself is answered
    assert not [name for name in headers if name.lower().startswith("access-control-")]
    # The browser's pre-flight for a page that wants to send X-Amz-Target is refused.
    status, headers, _ = _raw(
        emulator.endpoint_url + "/",
        method="OPTIONS",
        headers={**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-amz-target"},
    )
    assert status == 405
    assert "Access-Control-Allow-Origin" not in headers


def test_a_name_other_than_loopback_is_refused(emulator):
    """A web page on a DNS name rebound to 127.0.0.1 sends its own name as Host."""
    headers, data = _cognito_call(emulator)
    status, _, body = _raw(
        emulator.endpoint_url + "/", headers={**headers, "Host": "rebound.attacker.example"}, data=data
    )
    assert status == 421
    assert not _reached_cognito(status, body)


@pytest.mark.parametrize("host", ["localhost", "[::1]"])
def test_every_loopback_name_is_served(emulator, host):
    port = emulator.endpoint_url.rsplit(":", 1)[1]
    headers, data = _cognito_call(emulator)
    status, _, body = _raw(emulator.endpoint_url + "/", headers={**headers, "Host": f"{host}:{port}"}, data=data)
    assert _reached_cognito(status, body)


@pytest.mark.parametrize("service", ["s3", "iam", "sns", "sqs", "cognito-identity"])
def test_other_services_are_not_served(emulator, service):
    """moto would answer each of these; a signed request names its service in the scope."""
    auth = (
        f"AWS4-HMAC-SHA256 Credential=testing/20261203/eu-west-1/{service}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64
    )
    status, _, body = _raw(
        emulator.endpoint_url + "/",
        headers={"Authorization": auth, "Content-Type": "application/x-www-form-urlencoded"},
        data=b"Action=ListUsers&Version=2010-05-08",
    )
    assert status == 404
    assert body == b"Only the Cognito and STS APIs are served here."


def test_unsigned_requests_must_name_cognito(emulator):
    """A plain form post (what any web page can send without a pre-flight) reaches nothing."""
    status, _, _ = _raw(
        emulator.endpoint_url + "/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        data=b"Action=GetCallerIdentity&Version=2011-06-15",
    )
    assert status == 404


def test_sts_identity_is_served(emulator):
    sts = boto3.client(
        "sts",
        region_name="eu-west-1",
        endpoint_url=emulator.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    assert sts.get_caller_identity()["Account"]
