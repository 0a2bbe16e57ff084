"""Small helpers for talking to the emulator the way the app does."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from cogtotp_gui.emulator.totp import totp_code
from tests.support.emulator_fixtures import EmulatorHandle

INVALID_SESSION = ("NotAuthorizedException", "Invalid session for the user.")
EXPIRED_SESSION = ("NotAuthorizedException", "Invalid session for the user, session is expired.")
CODE_MISMATCH = ("CodeMismatchException", "Invalid code or auth state for the user.")
TOTP_ENABLE_MISMATCH = (
    "EnableSoftwareTokenMFAException",
    "Code mismatch and fail enable Software Token MFA",
)

_DEFAULT = object()
_unsigned_clients: dict[str, Any] = {}


def unsigned_client(endpoint_url: str, region: str) -> Any:
    """One unsigned client per endpoint; creating clients costs tens of ms."""
    key = f"{endpoint_url}|{region}"
    if key not in _unsigned_clients:
        _unsigned_clients[key] = boto3.client(
            "cognito-idp",
            region_name=region,
            endpoint_url=endpoint_url,
            config=Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1}),
        )
    return _unsigned_clients[key]


def no_retry_admin_client(endpoint_url: str, region: str) -> Any:
    """An admin client that shows the first error instead of retrying it."""
    return boto3.client(
        "cognito-idp",
        region_name=region,
        endpoint_url=endpoint_url,
        config=Config(retries={"total_max_attempts": 1}),
    )


def other_code(code: str) -> str:
    """A well-formed 6-digit code that is certainly not ``code``."""
    return f"{(int(code) + 1) % 10**6:06d}"


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


class Auth:
    """Sign in and answer challenges in admin or user mode, with SECRET_HASH."""

    def __init__(self, handle: EmulatorHandle, mode: str, seed: Any = None) -> None:
        self.h = handle
        self.mode = mode
        self.seed = seed or handle.seed
        self.client = handle.client if mode == "admin" else unsigned_client(handle.endpoint_url, self.seed.region)

    def user(self, kind: str) -> Any:
        return self.seed.users[kind]

    def sign_in(self, username: str, password: str | None = None, secret_hash: Any = _DEFAULT) -> dict[str, Any]:
        if password is None:
            password = self.seed.user(username).password
        params = {"USERNAME": username, "PASSWORD": password}
        self._add_secret_hash(params, username, secret_hash)
        if self.mode == "admin":
            return self.client.admin_initiate_auth(
                UserPoolId=self.seed.pool_id,
                ClientId=self.seed.client_id,
                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters=params,
            )
        return self.client.initiate_auth(
            ClientId=self.seed.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params
        )

    def respond(
        self,
        challenge: str,
        session: str,
        username: str,
        secret_hash: Any = _DEFAULT,
        **answers: str,
    ) -> dict[str, Any]:
        responses = {"USERNAME": username, **answers}
        self._add_secret_hash(responses, username, secret_hash)
        kwargs = {
            "ClientId": self.seed.client_id,
            "ChallengeName": challenge,
            "Session": session,
            "ChallengeResponses": responses,
        }
        if self.mode == "admin":
            return self.client.admin_respond_to_auth_challenge(UserPoolId=self.seed.pool_id, **kwargs)
        return self.client.respond_to_auth_challenge(**kwargs)

    def answer_sms(self, session: str, username: str, code: str | None = None, **kw: Any) -> dict:
        if code is None:
            code = self.h.emu.last_sms_code(username)
        return self.respond("SMS_MFA", session, username, SMS_MFA_CODE=code, **kw)

    def answer_totp(self, session: str, username: str, code: str) -> dict:
        return self.respond("SOFTWARE_TOKEN_MFA", session, username, SOFTWARE_TOKEN_MFA_CODE=code)

    def associate(self, access_token: str) -> str:
        """AssociateSoftwareToken with an AccessToken; return the secret."""
        return self.client.associate_software_token(AccessToken=access_token)["SecretCode"]

    def verify(self, access_token: str, code: str) -> dict:
        return self.client.verify_software_token(AccessToken=access_token, UserCode=code, FriendlyDeviceName="Pixel")

    def sms_sign_in(self, kind: str = "sms") -> tuple[str, str]:
        """Sign in an SMS user; return (username, session)."""
        username = self.user(kind).username
        started = self.sign_in(username)
        assert started["ChallengeName"] == "SMS_MFA"
        return username, started["Session"]

    def access_token(self, kind: str = "sms") -> str:
        """Complete an SMS sign-in and return the AccessToken."""
        username, session = self.sms_sign_in(kind)
        return self.answer_sms(session, username)["AuthenticationResult"]["AccessToken"]

    def totp_now(self, secret: str, steps: int = 0) -> str:
        return totp_code(secret, self.h.emu.now() + 30 * steps)

    def _add_secret_hash(self, params: dict[str, str], username: str, secret_hash: Any) -> None:
        if secret_hash is _DEFAULT:
            params["SECRET_HASH"] = self.seed.secret_hash(username)
        elif secret_hash is not None:
            params["SECRET_HASH"] = secret_hash
