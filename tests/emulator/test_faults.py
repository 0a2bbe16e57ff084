"""Fault injection: the errors the app must survive, on demand."""

import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from .helpers import error_of, no_retry_admin_client


@pytest.fixture
def client(emulator):
    # botocore retries throttling and 5xx by itself; the test wants the raw error.
    return no_retry_admin_client(emulator.endpoint_url, emulator.seed.region)


def sign_in(client, seed, kind="sms"):
    user = seed.users[kind]
    return client.admin_initiate_auth(
        UserPoolId=seed.pool_id,
        ClientId=seed.client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": user.username,
            "PASSWORD": user.password,
            "SECRET_HASH": seed.secret_hash(user.username),
        },
    )


@pytest.mark.parametrize(
    ("code", "message", "status"),
    [
        ("TooManyRequestsException", "Too many requests", 400),
        ("LimitExceededException", "Attempt limit exceeded, please try after some time.", 400),
        ("TooManyFailedAttemptsException", "Too many failed attempts.", 400),
        ("UserNotConfirmedException", "User is not confirmed.", 400),
        ("PasswordResetRequiredException", "Password reset required for the user", 400),
        ("InternalErrorException", "Internal error", 500),
    ],
)
def test_fail_next_makes_exactly_the_next_call_fail(emulator, client, code, message, status):
    emulator.emu.fail_next("AdminInitiateAuth", code, message, status=status)
    with pytest.raises(ClientError) as excinfo:
        sign_in(client, emulator.seed)
    assert error_of(excinfo) == (code, message)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert sign_in(client, emulator.seed)["ChallengeName"] == "SMS_MFA"


def test_faults_are_per_operation_and_queue_up(emulator, client):
    emulator.emu.fail_next("AssociateSoftwareToken", "LimitExceededException", "first")
    emulator.emu.fail_next("AssociateSoftwareToken", "LimitExceededException", "second")
    # Other operations are unaffected.
    token = sign_in(client, emulator.seed, "no_mfa")["AuthenticationResult"]["AccessToken"]
    for expected in ("first", "second"):
        with pytest.raises(ClientError) as excinfo:
            client.associate_software_token(AccessToken=token)
        assert error_of(excinfo)[1] == expected
    assert client.associate_software_token(AccessToken=token)["SecretCode"]


def test_a_fault_can_outlast_botocores_retries(emulator):
    # One retry, as the app's gateway may allow; backoff is ~0.1 s at most.
    retrying = boto3.client(
        "cognito-idp",
        region_name=emulator.seed.region,
        endpoint_url=emulator.endpoint_url,
        config=Config(retries={"mode": "standard", "total_max_attempts": 2}),
    )
    emulator.emu.fail_next("AdminGetUser", "InternalErrorException", "boom", status=500, times=2)
    with pytest.raises(ClientError) as excinfo:
        retrying.admin_get_user(UserPoolId=emulator.seed.pool_id, Username="alice.sms")
    assert error_of(excinfo) == ("InternalErrorException", "boom")
    assert retrying.admin_get_user(UserPoolId=emulator.seed.pool_id, Username="alice.sms")


def test_injected_fault_does_not_send_an_sms(emulator, client):
    emulator.emu.fail_next("AdminInitiateAuth", "TooManyRequestsException", "Too many requests")
    with pytest.raises(ClientError):
        sign_in(client, emulator.seed)
    assert emulator.emu.outbox == []


def test_fail_next_refuses_unknown_operations(emulator):
    with pytest.raises(ValueError, match="InitiateAuthh"):
        emulator.emu.fail_next("InitiateAuthh", "TooManyRequestsException", "x")


def test_reset_forgets_pending_faults(emulator_server, emulator, client):
    emulator.emu.fail_next("AdminGetUser", "InternalErrorException", "boom", status=500)
    emulator.emu.reset()
    # moto state is untouched by emu.reset(), so the user is still there.
    got = client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username="alice.sms")
    assert got["Username"] == "alice.sms"


def test_latency_delays_calls(emulator, client):
    emulator.emu.set_latency(0.05)
    started = time.perf_counter()
    client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username="alice.sms")
    assert time.perf_counter() - started >= 0.05
    emulator.emu.set_latency(0)
