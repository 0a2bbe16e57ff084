"""Cognito errors exactly as the real service words them.

Everything here is a moto ``JsonRESTError``, which moto serialises as
``{"__type": code, "message": message}`` with the given HTTP status; boto3
turns that into ``ClientError`` with ``Error.Code``/``Error.Message``, which
is what the app's gateway inspects. The messages are copied from the real
service because the app's tests match on them.
"""

from __future__ import annotations

from moto.core.exceptions import JsonRESTError

INVALID_SESSION = "Invalid session for the user."
EXPIRED_SESSION = "Invalid session for the user, session is expired."
CODE_MISMATCH = "Invalid code or auth state for the user."
TOTP_ENABLE_MISMATCH = "Code mismatch and fail enable Software Token MFA"
WRONG_PASSWORD = "Incorrect username or password."
USER_NOT_FOUND = "User does not exist."


class CognitoError(JsonRESTError):
    """A Cognito error with an explicit HTTP status (400 unless told otherwise)."""

    def __init__(self, error_code: str, message: str, status: int = 400) -> None:
        super().__init__(error_code, message)
        self.code = status


def invalid_session() -> CognitoError:
    return CognitoError("NotAuthorizedException", INVALID_SESSION)


def expired_session() -> CognitoError:
    return CognitoError("NotAuthorizedException", EXPIRED_SESSION)


def code_mismatch() -> CognitoError:
    return CognitoError("CodeMismatchException", CODE_MISMATCH)


def totp_enable_mismatch() -> CognitoError:
    return CognitoError("EnableSoftwareTokenMFAException", TOTP_ENABLE_MISMATCH)


def secret_hash_mismatch(client_id: str) -> CognitoError:
    return CognitoError("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}")


def wrong_password() -> CognitoError:
    return CognitoError("NotAuthorizedException", WRONG_PASSWORD)


def user_not_found() -> CognitoError:
    return CognitoError("UserNotFoundException", USER_NOT_FOUND)


def missing_parameter(name: str) -> CognitoError:
    return CognitoError("InvalidParameterException", f"Missing required parameter {name}")


def invalid_parameter(message: str) -> CognitoError:
    return CognitoError("InvalidParameterException", message)


FEATURE_UNAVAILABLE_IN_TIER = "This feature is not available in the current user pool feature plan."


def feature_unavailable_in_tier() -> CognitoError:
    return CognitoError("FeatureUnavailableInTierException", FEATURE_UNAVAILABLE_IN_TIER)
