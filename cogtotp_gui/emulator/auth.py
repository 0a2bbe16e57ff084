"""The strict sign-in and software-token logic that replaces moto's.

moto 5.2's Cognito has every call the app makes, but its checks are loose
(see docs/cognito.md, "Emulators and their gaps"). The functions here take over the password sign-in flows,
every challenge answer, and AssociateSoftwareToken/VerifySoftwareToken, and
reuse moto for everything it does well: pools, clients, users, passwords,
JWT issuing. Flows the app never uses (SRP, refresh, custom auth) are handed
back to moto unchanged.

All methods run with the emulator's lock held (see ``StrictCognito._call``).
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from moto.cognitoidp.models import (
    CognitoIdpUser,
    CognitoIdpUserPool,
    CognitoIdpUserPoolClient,
    UserStatus,
    cognitoidp_backends,
)

from cogtotp_gui.enrollment.secret_hash import secret_hash

from . import errors
from .errors import CognitoError
from .outbox import mask_email, mask_phone
from .passwords import check_password_policy
from .sessions import AuthSession
from .totp import random_secret, verify_totp

if TYPE_CHECKING:
    from collections.abc import Callable

    from .strict import StrictCognito

Response = dict[str, Any]


class _Turn(NamedTuple):
    """One answer to a challenge, as every ``_answer_*`` handler takes it."""

    session: AuthSession
    pool: CognitoIdpUserPool
    client: CognitoIdpUserPoolClient
    user: CognitoIdpUser
    responses: dict[str, str]


SMS_MFA = "SMS_MFA"
SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"
EMAIL_OTP = "EMAIL_OTP"
SELECT_MFA_TYPE = "SELECT_MFA_TYPE"
MFA_SETUP = "MFA_SETUP"
NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"
SELECT_CHALLENGE = "SELECT_CHALLENGE"
USER_AUTH = "USER_AUTH"
PASSWORD = "PASSWORD"
# First factors of choice-based sign-in the emulator knows; a pool's
# SignInPolicy.AllowedFirstAuthFactors picks among them (PASSWORD alone if unset).
_FIRST_FACTORS = (PASSWORD, EMAIL_OTP, "SMS_OTP")

# Which client setting allows which password flow. A client created without
# ExplicitAuthFlows gets Cognito's defaults, which allow neither.
_FLOW_SETTINGS = {
    "USER_PASSWORD_AUTH": ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"),
    "ADMIN_USER_PASSWORD_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "ADMIN_NO_SRP_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    USER_AUTH: ("ALLOW_USER_AUTH",),
}
_DEFAULT_CLIENT_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
_FLOW_DISABLED_MESSAGE = {
    "USER_PASSWORD_AUTH": "USER_PASSWORD_AUTH flow not enabled for this client",
    "ADMIN_USER_PASSWORD_AUTH": "Auth flow not enabled for this client",
    "ADMIN_NO_SRP_AUTH": "Auth flow not enabled for this client",
    USER_AUTH: "USER_AUTH flow not enabled for this client",
}


# How a code challenge is delivered: the user's attribute, the medium, its mask.
_DELIVERY = {
    SMS_MFA: ("phone_number", "SMS", mask_phone),
    EMAIL_OTP: ("email", "EMAIL", mask_email),
}


def random_code() -> str:
    """A 6-digit one-time code as Cognito texts it (leading zeros kept)."""
    return f"{secrets.randbelow(10**6):06d}"


class StrictAuth:
    """Replacement bodies for moto's ``CognitoIdpBackend`` auth methods.

    Each public method takes moto's ``backend`` (the instance the call was
    routed to) and ``original`` (moto's own method, for flows we leave to
    moto), followed by moto's own arguments.
    """

    def __init__(self, emu: StrictCognito) -> None:
        self._emu = emu

    # ------------------------------------------------------------------ sign-in

    def admin_initiate_auth(
        self,
        backend: Any,
        original: Callable[..., Response],
        user_pool_id: str,
        client_id: str,
        auth_flow: str,
        auth_parameters: dict[str, str] | None,
    ) -> Response:
        if auth_flow not in ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", USER_AUTH):
            return original(backend, user_pool_id, client_id, auth_flow, auth_parameters)
        pool = backend.describe_user_pool(user_pool_id)
        client = pool.clients.get(client_id)
        if client is None:
            raise _client_not_found(client_id)
        return self._sign_in(pool, client, auth_flow, auth_parameters or {})

    def initiate_auth(
        self,
        backend: Any,
        original: Callable[..., Response],
        client_id: str,
        auth_flow: str,
        auth_parameters: dict[str, str] | None,
    ) -> Response:
        if auth_flow not in ("USER_PASSWORD_AUTH", USER_AUTH):
            return original(backend, client_id, auth_flow, auth_parameters)
        pool, client = _find_client(client_id)
        return self._sign_in(pool, client, auth_flow, auth_parameters or {})

    def _sign_in(
        self, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, auth_flow: str, params: dict[str, str]
    ) -> Response:
        if auth_flow == USER_AUTH:
            return self._choice_sign_in(pool, client, params)
        return self._password_sign_in(pool, client, auth_flow, params)

    def _password_sign_in(
        self,
        pool: CognitoIdpUserPool,
        client: CognitoIdpUserPoolClient,
        auth_flow: str,
        params: dict[str, str],
    ) -> Response:
        _check_flow_allowed(client, auth_flow)
        user = _signing_in(pool, client, params, "PASSWORD")
        return self._check_password(pool, client, user, params["PASSWORD"])

    def _check_password(
        self, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, user: CognitoIdpUser, password: str
    ) -> Response:
        # A passwordless user has no password that could ever match.
        if self._emu._user_state(pool.id, user.username).passwordless or user.password != password:
            raise errors.wrong_password()
        _check_user_status(user)
        if user.status == UserStatus.FORCE_CHANGE_PASSWORD:
            return self._new_password_challenge(pool, client, user)
        return self._after_password(pool, client, user)

    # ------------------------------------------------- choice-based sign-in

    def _choice_sign_in(
        self, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, params: dict[str, str]
    ) -> Response:
        """``AuthFlow=USER_AUTH``: the user's first factor is chosen.

        ``PREFERRED_CHALLENGE=PASSWORD`` with ``PASSWORD`` signs in at once
        when the user has a password; otherwise (no preference, or one the
        user cannot use) Cognito answers ``SELECT_CHALLENGE`` listing the
        ``AvailableChallenges``.
        """
        if pool.extended_config.get("UserPoolTier") == "LITE":
            raise errors.feature_unavailable_in_tier()
        _check_flow_allowed(client, USER_AUTH)
        user = _signing_in(pool, client, params)
        available = self._first_factors(pool, user)
        preferred = params.get("PREFERRED_CHALLENGE")
        if preferred == PASSWORD and PASSWORD in available:
            return self._check_password(pool, client, user, _required(params, "PASSWORD"))
        session = self._issue(SELECT_CHALLENGE, pool, client, user, choices=tuple(available))
        return {
            "ChallengeName": SELECT_CHALLENGE,
            "Session": session.token,
            "ChallengeParameters": {},
            "AvailableChallenges": list(available),
        }

    def _first_factors(self, pool: CognitoIdpUserPool, user: CognitoIdpUser) -> list[str]:
        policy = (pool.extended_config.get("Policies") or {}).get("SignInPolicy") or {}
        allowed = policy.get("AllowedFirstAuthFactors") or [PASSWORD]
        attributes = user.attribute_lookup
        has = {
            PASSWORD: not self._emu._user_state(pool.id, user.username).passwordless,
            EMAIL_OTP: bool(attributes.get("email")),
            "SMS_OTP": bool(attributes.get("phone_number")),
        }
        return [factor for factor in _FIRST_FACTORS if factor in allowed and has[factor]]

    def _answer_select_challenge(self, turn: _Turn) -> Response:
        session, pool, client, user, responses = turn
        choice = _required(responses, "ANSWER")
        if choice not in session.choices:
            raise errors.invalid_parameter(f"Invalid value for ANSWER: {choice}")
        if choice == PASSWORD:
            password = _required(responses, "PASSWORD")
            self._emu._sessions.consume(session)
            return self._check_password(pool, client, user, password)
        self._emu._sessions.consume(session)
        if choice == EMAIL_OTP:
            return self._mfa_challenge(EMAIL_OTP, pool, client, user)
        return self._mfa_challenge(SMS_MFA, pool, client, user)

    # -------------------------------------------------------- choosing a step

    def _after_password(
        self, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, user: CognitoIdpUser
    ) -> Response:
        """Decide what follows a correct password, the way Cognito does."""
        if pool.mfa_config == "OFF":
            return _tokens(pool, client, user)
        enabled = self._enabled_mfa(pool, user)
        preferred = self._preferred_mfa(pool, user)
        if preferred in enabled:
            return self._mfa_challenge(preferred, pool, client, user)
        if len(enabled) == 1:
            return self._mfa_challenge(enabled[0], pool, client, user)
        if enabled:
            return self._select_mfa_challenge(enabled, pool, client, user)
        if pool.mfa_config == "ON":
            return self._mfa_setup_challenge(pool, client, user)
        return _tokens(pool, client, user)

    def _enabled_mfa(self, pool: CognitoIdpUserPool, user: CognitoIdpUser) -> list[str]:
        enabled = []
        state = self._emu._user_state(pool.id, user.username)
        if user.sms_mfa_enabled or state.legacy_sms_option:
            enabled.append(SMS_MFA)
        if user.software_token_mfa_enabled:
            enabled.append(SOFTWARE_TOKEN_MFA)
        if state.email_mfa_enabled:
            enabled.append(EMAIL_OTP)
        return enabled

    def _preferred_mfa(self, pool: CognitoIdpUserPool, user: CognitoIdpUser) -> str:
        if self._emu._user_state(pool.id, user.username).email_mfa_preferred:
            return EMAIL_OTP
        return user.preferred_mfa_setting or ""

    # ------------------------------------------------------------- challenges

    def _issue(
        self,
        challenge: str,
        pool: CognitoIdpUserPool,
        client: CognitoIdpUserPoolClient,
        user: CognitoIdpUser,
        **extra: Any,
    ) -> AuthSession:
        return self._emu._sessions.issue(
            pool_id=pool.id,
            client_id=client.id,
            username=user.username,
            challenge=challenge,
            now=self._emu.now(),
            **extra,
        )

    def _challenge(
        self,
        challenge: str,
        pool: CognitoIdpUserPool,
        client: CognitoIdpUserPoolClient,
        user: CognitoIdpUser,
        parameters: dict[str, str] | None = None,
        **session_extra: Any,
    ) -> Response:
        session = self._issue(challenge, pool, client, user, **session_extra)
        return {
            "ChallengeName": challenge,
            "Session": session.token,
            "ChallengeParameters": {"USER_ID_FOR_SRP": user.username, **(parameters or {})},
        }

    def _mfa_challenge(
        self,
        method: str,
        pool: CognitoIdpUserPool,
        client: CognitoIdpUserPoolClient,
        user: CognitoIdpUser,
    ) -> Response:
        if method not in _DELIVERY:
            return self._challenge(SOFTWARE_TOKEN_MFA, pool, client, user)
        # The code lands in the emulator's outbox or mailbox (tests, training phone).
        attribute, medium, mask = _DELIVERY[method]
        code = random_code()
        destination = user.attribute_lookup.get(attribute)
        send = self._emu._send_sms if method == SMS_MFA else self._emu._send_email
        send(pool.id, user.username, destination, code)
        delivery = {"CODE_DELIVERY_DELIVERY_MEDIUM": medium, "CODE_DELIVERY_DESTINATION": mask(destination)}
        return self._challenge(method, pool, client, user, delivery, expected_code=code)

    def _select_mfa_challenge(
        self,
        choices: list[str],
        pool: CognitoIdpUserPool,
        client: CognitoIdpUserPoolClient,
        user: CognitoIdpUser,
    ) -> Response:
        # Cognito sends list-valued challenge parameters as JSON text.
        parameters = {"MFAS_CAN_CHOOSE": json.dumps(choices)}
        return self._challenge(SELECT_MFA_TYPE, pool, client, user, parameters, choices=tuple(choices))

    def _mfa_setup_challenge(
        self, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, user: CognitoIdpUser
    ) -> Response:
        can_setup = []
        if pool.sms_mfa_config:
            can_setup.append(SMS_MFA)
        if (pool.token_mfa_config or {"Enabled": True}).get("Enabled"):
            can_setup.append(SOFTWARE_TOKEN_MFA)
        parameters = {"MFAS_CAN_SETUP": json.dumps(can_setup)}
        return self._challenge(MFA_SETUP, pool, client, user, parameters, stage="associate")

    def _new_password_challenge(
        self, pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, user: CognitoIdpUser
    ) -> Response:
        attributes = {k: v for k, v in user.attribute_lookup.items() if k != "sub"}
        parameters = {
            "requiredAttributes": "[]",
            "userAttributes": json.dumps(attributes),
        }
        return self._challenge(NEW_PASSWORD_REQUIRED, pool, client, user, parameters)

    # ---------------------------------------------------------------- answers

    def admin_respond_to_auth_challenge(self, backend: Any, original: Any, *args: Any) -> Response:
        # Admin and user answers follow the same rules; only the IAM check
        # differs, and moto does not model IAM.
        return self.respond_to_auth_challenge(backend, original, *args)

    def respond_to_auth_challenge(
        self,
        backend: Any,
        original: Callable[..., Response],
        session_token: str | None,
        client_id: str,
        challenge_name: str,
        challenge_responses: dict[str, str] | None,
    ) -> Response:
        answer = self._ANSWERS.get(challenge_name)
        if answer is None:
            return original(backend, session_token, client_id, challenge_name, challenge_responses)
        responses = challenge_responses or {}
        pool, client = _find_client(client_id)
        username = _required(responses, "USERNAME")
        _check_secret_hash(client, username, responses.get("SECRET_HASH"))
        session = self._live_session(session_token)
        user = _bound_user(session, pool, client, username, challenge_name)
        return answer(self, _Turn(session, pool, client, user, responses))

    def _live_session(self, token: str | None) -> AuthSession:
        def ttl(session: AuthSession) -> float:
            # The validity of the app client the session was issued to.
            try:
                _pool, client = _find_client(session.client_id)
            except CognitoError:
                return self._emu.session_ttl
            return self._emu.session_ttl_for(client)

        return self._emu._sessions.live(token, now=self._emu.now(), ttl=ttl)

    def _refuse_code(self, session: AuthSession, error: CognitoError) -> CognitoError:
        self._emu._sessions.record_wrong_code(session, self._emu.max_code_attempts)
        return error

    def _answer_code(self, turn: _Turn) -> Response:
        """SMS_MFA and EMAIL_OTP: the code must be the one that was sent;
        SOFTWARE_TOKEN_MFA: the authenticator's (RFC 6238, one step either side)."""
        session, pool, client, user, responses = turn
        code = _required(responses, f"{session.challenge}_CODE")
        if session.challenge == SOFTWARE_TOKEN_MFA:
            secret = self._emu._user_state(pool.id, user.username).totp_secret
            valid = bool(secret) and verify_totp(secret or "", code, self._emu.now())
        else:
            valid = hmac.compare_digest(code, session.expected_code or "")
        if not valid:
            raise self._refuse_code(session, errors.code_mismatch())
        self._emu._sessions.consume(session)
        return _tokens(pool, client, user)

    def _answer_new_password(self, turn: _Turn) -> Response:
        session, pool, client, user, responses = turn
        new_password = _required(responses, "NEW_PASSWORD")
        # A policy violation leaves the session alive so the user can retry.
        check_password_policy(pool.extended_config, new_password)
        user.password = new_password
        user.status = UserStatus.CONFIRMED
        self._emu._sessions.consume(session)
        # Real Cognito asks for the MFA code only after the new password.
        return self._after_password(pool, client, user)

    def _answer_select_mfa(self, turn: _Turn) -> Response:
        session, pool, client, user, responses = turn
        choice = _required(responses, "ANSWER")
        if choice not in session.choices:
            raise errors.invalid_parameter(f"Invalid value for ANSWER: {choice}")
        self._emu._sessions.consume(session)
        return self._mfa_challenge(choice, pool, client, user)

    def _answer_mfa_setup(self, turn: _Turn) -> Response:
        session, pool, client, user, _ = turn
        # Only the session VerifySoftwareToken returned may finish the setup.
        if session.stage != "respond":
            raise errors.invalid_session()
        self._emu._sessions.consume(session)
        user.software_token_mfa_enabled = True
        if not user.preferred_mfa_setting:
            user.preferred_mfa_setting = SOFTWARE_TOKEN_MFA
        return _tokens(pool, client, user)

    _ANSWERS: ClassVar[dict[str, Callable[..., Response]]] = {
        SMS_MFA: _answer_code,
        EMAIL_OTP: _answer_code,
        SOFTWARE_TOKEN_MFA: _answer_code,
        NEW_PASSWORD_REQUIRED: _answer_new_password,
        SELECT_MFA_TYPE: _answer_select_mfa,
        MFA_SETUP: _answer_mfa_setup,
        SELECT_CHALLENGE: _answer_select_challenge,
    }

    # ---------------------------------------------------------- software token

    def associate_software_token(
        self,
        backend: Any,
        original: Any,
        access_token: str | None,
        session_token: str | None,
    ) -> Response:
        """A fresh secret per call; it replaces any secret not yet verified."""
        if session_token:
            session = self._mfa_setup_session(session_token, ("associate", "verify"))
            self._emu._sessions.consume(session)
            secret = self._new_pending_secret(session.pool_id, session.username)
            follow_up = self._next_setup_session(session, "verify")
            return {"SecretCode": secret, "Session": follow_up.token}
        pool, user = user_for_access_token(access_token)
        return {"SecretCode": self._new_pending_secret(pool.id, user.username)}

    def _next_setup_session(self, session: AuthSession, stage: str) -> AuthSession:
        """The MFA_SETUP session for the next step (``verify``, then ``respond``)."""
        return self._emu._sessions.issue(
            pool_id=session.pool_id,
            client_id=session.client_id,
            username=session.username,
            challenge=MFA_SETUP,
            now=self._emu.now(),
            stage=stage,
        )

    def verify_software_token(
        self,
        backend: Any,
        original: Any,
        access_token: str | None,
        session_token: str | None,
        user_code: str,
        friendly_device_name: str | None,
    ) -> Response:
        if session_token:
            session = self._mfa_setup_session(session_token, ("verify",))
            pool, _client = _find_client(session.client_id)
            user = pool._get_user(session.username)
            if not self._pending_code_matches(pool, user, user_code):
                raise self._refuse_code(session, errors.totp_enable_mismatch())
            self._emu._sessions.consume(session)
            self._promote_pending_secret(pool, user)
            follow_up = self._next_setup_session(session, "respond")
            return {"Status": "SUCCESS", "Session": follow_up.token}
        pool, user = user_for_access_token(access_token)
        if not self._pending_code_matches(pool, user, user_code):
            raise errors.totp_enable_mismatch()
        self._promote_pending_secret(pool, user)
        return {"Status": "SUCCESS"}

    def _mfa_setup_session(self, token: str, stages: tuple[str, ...]) -> AuthSession:
        session = self._live_session(token)
        if session.challenge != MFA_SETUP or session.stage not in stages:
            raise errors.invalid_session()
        return session

    def _new_pending_secret(self, pool_id: str, username: str) -> str:
        secret = random_secret()
        self._emu._user_state(pool_id, username).pending_totp_secret = secret
        return secret

    def _pending_code_matches(self, pool: CognitoIdpUserPool, user: CognitoIdpUser, user_code: str) -> bool:
        pending = self._emu._user_state(pool.id, user.username).pending_totp_secret
        if pending is None:
            raise CognitoError(
                "SoftwareTokenMFANotFoundException",
                "Software token has not been associated for the user.",
            )
        return verify_totp(pending, user_code or "", self._emu.now())

    def _promote_pending_secret(self, pool: CognitoIdpUserPool, user: CognitoIdpUser) -> None:
        """The verified secret becomes the one SOFTWARE_TOKEN_MFA checks."""
        state = self._emu._user_state(pool.id, user.username)
        state.totp_secret, state.pending_totp_secret = state.pending_totp_secret, None
        user.token_verified = True

    # ------------------------------------------------------ lost authenticator

    def admin_delete_software_token(self, backend: Any, user_pool_id: str, username: str) -> Response:
        """``AdminDeleteSoftwareToken``: forget the user's TOTP registration.

        Removes the verified and any pending secret and the TOTP preference;
        the other factors stay as they are. The next sign-in then falls back
        to SMS or email MFA, or to ``MFA_SETUP`` when the pool requires MFA
        and nothing else is left (``_after_password`` decides that). A user
        without a software token is left as they are (the call succeeds).
        """
        pool = backend.describe_user_pool(user_pool_id)  # ResourceNotFoundException
        user = pool._get_user(username)
        if user is None:
            raise errors.user_not_found()
        state = self._emu._user_state(pool.id, user.username)
        state.totp_secret = None
        state.pending_totp_secret = None
        user.software_token_mfa_enabled = False
        user.token_verified = False
        if user.preferred_mfa_setting == SOFTWARE_TOKEN_MFA:
            user.preferred_mfa_setting = ""
        return {}


# ---------------------------------------------------------------- helpers


def _required(params: dict[str, str], name: str) -> str:
    value = params.get(name)
    if not value:
        raise errors.missing_parameter(name)
    return value


def _client_not_found(client_id: str) -> CognitoError:
    return CognitoError("ResourceNotFoundException", f"User pool client {client_id} does not exist.")


def _all_pools() -> list[CognitoIdpUserPool]:
    """Every pool of every account and region moto knows.

    Unsigned user-mode calls carry no region, so a client id or an access
    token has to be looked up everywhere (moto's RegionAgnosticBackend does
    the same).
    """
    return [
        pool
        for account_backends in list(cognitoidp_backends.values())
        for backend in list(account_backends.values())
        for pool in list(backend.user_pools.values())
    ]


def _find_client(client_id: str) -> tuple[CognitoIdpUserPool, CognitoIdpUserPoolClient]:
    for pool in _all_pools():
        client = pool.clients.get(client_id)
        if client is not None:
            return pool, client
    raise _client_not_found(client_id)


def user_for_access_token(access_token: str | None) -> tuple[CognitoIdpUserPool, CognitoIdpUser]:
    for pool in _all_pools():
        if access_token and access_token in pool.access_tokens:
            _, username = pool.access_tokens[access_token]
            user = pool._get_user(username)
            if user is not None:
                return pool, user
    raise CognitoError("NotAuthorizedException", "Invalid Access Token")


def _check_flow_allowed(client: CognitoIdpUserPoolClient, auth_flow: str) -> None:
    allowed = client.extended_config.get("ExplicitAuthFlows") or _DEFAULT_CLIENT_FLOWS
    if not set(_FLOW_SETTINGS[auth_flow]) & set(allowed):
        raise errors.invalid_parameter(_FLOW_DISABLED_MESSAGE[auth_flow])


def _signing_in(
    pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, params: dict[str, str], *required: str
) -> CognitoIdpUser:
    """The user a sign-in names (USERNAME and the ``required`` parameters present).

    The client proves itself (SECRET_HASH) before anything about the user
    is revealed; an unknown or disabled user is refused.
    """
    username = _required(params, "USERNAME")
    for name in required:
        _required(params, name)
    _check_secret_hash(client, username, params.get("SECRET_HASH"))
    user = pool._get_user(username)
    if user is None:
        raise errors.user_not_found()
    if not user.enabled:
        raise CognitoError("NotAuthorizedException", "User is disabled.")
    return user


def _check_secret_hash(client: CognitoIdpUserPoolClient, username: str, provided: str | None) -> None:
    """Refuse a missing or wrong SECRET_HASH when the client has a secret."""
    if not client.generate_secret:
        return
    expected = secret_hash(username, client.id, client.secret)
    if not provided or not hmac.compare_digest(provided, expected):
        raise errors.secret_hash_mismatch(client.id)


def _check_user_status(user: CognitoIdpUser) -> None:
    if user.status == UserStatus.UNCONFIRMED:
        raise CognitoError("UserNotConfirmedException", "User is not confirmed.")
    if user.status == UserStatus.RESET_REQUIRED:
        raise CognitoError("PasswordResetRequiredException", "Password reset required for the user")


def _bound_user(
    session: AuthSession,
    pool: CognitoIdpUserPool,
    client: CognitoIdpUserPoolClient,
    username: str,
    challenge_name: str,
) -> CognitoIdpUser:
    """The session's user, if the answer comes from that user for that challenge.

    A session presented by another user, through another client, or for
    another challenge is refused exactly like an unknown one.
    """
    user = pool._get_user(username)
    if (
        user is None
        or session.pool_id != pool.id
        or session.client_id != client.id
        or session.username != user.username
        or session.challenge != challenge_name
    ):
        raise errors.invalid_session()
    return user


def _tokens(pool: CognitoIdpUserPool, client: CognitoIdpUserPoolClient, user: CognitoIdpUser) -> Response:
    return pool.backend._log_user_in(pool, client, user.username)
