"""Every row of the table in docs/cognito.md maps to the kind the UI acts on."""

import pytest
from botocore import exceptions as bex

from cogtotp_gui.enrollment.errors import ErrorKind, scrub
from cogtotp_gui.enrollment.gateway import translate_client_error


def client_error(code, message, status=400):
    return bex.ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}},
        "AdminInitiateAuth",
    )


@pytest.mark.parametrize(
    "code,message,status,kind,key",
    [
        (
            "NotAuthorizedException",
            "Incorrect username or password.",
            400,
            ErrorKind.WRONG_CREDENTIALS,
            "error.wrong_credentials",
        ),
        ("UserNotFoundException", "User does not exist.", 400, ErrorKind.WRONG_CREDENTIALS, "error.wrong_credentials"),
        (
            "NotAuthorizedException",
            "Unable to verify secret hash for client 1abc",
            400,
            ErrorKind.CONFIG,
            "error.config_secret_hash",
        ),
        (
            "CodeMismatchException",
            "Invalid code or auth state for the user.",
            400,
            ErrorKind.WRONG_CODE,
            "error.wrong_code",
        ),
        (
            "NotAuthorizedException",
            "Invalid session for the user.",
            400,
            ErrorKind.SESSION_EXPIRED,
            "error.session_expired",
        ),
        (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
            400,
            ErrorKind.SESSION_EXPIRED,
            "error.session_expired",
        ),
        ("TooManyRequestsException", "Too many requests", 400, ErrorKind.THROTTLED, "error.throttled"),
        ("LimitExceededException", "Attempt limit exceeded", 400, ErrorKind.THROTTLED, "error.throttled"),
        (
            "TooManyFailedAttemptsException",
            "Too many failed attempts",
            400,
            ErrorKind.THROTTLED,
            "error.too_many_attempts",
        ),
        (
            "EnableSoftwareTokenMFAException",
            "Code mismatch and fail enable Software Token MFA",
            400,
            ErrorKind.WRONG_CODE,
            "error.wrong_totp",
        ),
        ("UserNotConfirmedException", "User is not confirmed.", 400, ErrorKind.USER_STATE, "error.user_not_confirmed"),
        (
            "PasswordResetRequiredException",
            "Password reset required for the user",
            400,
            ErrorKind.USER_STATE,
            "error.password_reset_required",
        ),
        ("InternalErrorException", "Internal error", 500, ErrorKind.SERVICE, "error.service"),
        ("SomethingNew", "Service unavailable", 503, ErrorKind.SERVICE, "error.service"),
        (
            "InvalidPasswordException",
            "Password does not conform to policy",
            400,
            ErrorKind.INVALID_PASSWORD,
            "error.invalid_password",
        ),
        (
            "NotAuthorizedException",
            "Auth flow not enabled for this client",
            400,
            ErrorKind.CONFIG,
            "error.config_auth_flow",
        ),
        (
            "ResourceNotFoundException",
            "User pool client 1abc does not exist.",
            400,
            ErrorKind.CONFIG,
            "error.config_not_found",
        ),
    ],
)
def test_client_errors(code, message, status, kind, key):
    error = translate_client_error(client_error(code, message, status))
    assert (error.kind, error.message_key, error.code) == (kind, key, code)
    assert message.split()[0] in error.detail


@pytest.mark.parametrize(
    "exc,key",
    [
        (bex.EndpointConnectionError(endpoint_url="https://cognito-idp.eu-west-1.amazonaws.com/"), "error.network"),
        (bex.ConnectTimeoutError(endpoint_url="https://x/"), "error.timeout"),
        (bex.ReadTimeoutError(endpoint_url="https://x/"), "error.timeout"),
        (bex.ConnectionClosedError(endpoint_url="https://x/"), "error.network"),
    ],
)
def test_network_errors_are_retryable(exc, key):
    error = translate_client_error(exc)
    assert error.kind is ErrorKind.NETWORK and error.message_key == key and error.retryable


def test_credentials_errors():
    assert translate_client_error(bex.NoCredentialsError()).message_key == "error.no_aws_credentials"
    sso = translate_client_error(bex.TokenRetrievalError(provider="sso", error_msg="expired"))
    assert sso.kind is ErrorKind.CREDENTIALS and sso.message_key == "error.sso_expired"


def test_details_never_carry_credential_shaped_text():
    jwt = "eyJraWQiOiJ.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl"
    session = "AYABeA" + "x" * 300
    error = translate_client_error(
        client_error("NotAuthorizedException", f"bad token {jwt} session {session} code 123456")
    )
    for secret in (jwt, session, "123456"):
        assert secret not in error.detail and secret not in str(error)
    assert scrub("call 654321 now") == "call <code> now"
