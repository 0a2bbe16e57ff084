"""The Cognito calls, one method each; the only module that imports boto3.

Every botocore failure leaves this module as a typed :class:`EnrollmentError`.
The gateway holds one client per connection (boto3 clients are thread-safe,
sessions are not), created lazily on first use so that importing boto3 and
building the client happen on a worker thread, never before the first paint.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import threading
from collections.abc import Mapping
from typing import Any

from cogtotp_gui.enrollment.errors import REPLY_LOST_CODES, EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.secret_hash import secret_hash
from cogtotp_gui.enrollment.settings import ConnectionSettings, PoolSettings, SignInMode

log = logging.getLogger(__name__)

# A person is waiting: fail fast, retry a little, let them press Retry.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10
# Reads only (GetUser, DescribeUserPoolClient, STS GetCallerIdentity): in
# total, one try and one retry. A call that consumes a session, a code or a
# token is sent exactly once (ONE_SHOT_ATTEMPTS): botocore resends after a
# read timeout or a closed connection, and by then Cognito may have acted,
# so a resend uses a used session or code up, or texts the user twice. See
# docs/security.md ("Network retries").
MAX_ATTEMPTS = 2
ONE_SHOT_ATTEMPTS = 1
# Connections kept for reuse: the inventory's readers and listing walks make
# up to 40 calls at once (campaign.inventory.in_flight); beyond botocore's
# default pool of 10 each call would open (and then drop) a connection of its
# own, a TLS handshake to Cognito every time. Kept only as they are used.
MAX_POOL_CONNECTIONS = 40
# What Cognito allows for an app client's AuthSessionValidity, in minutes.
MIN_SESSION_VALIDITY_MIN = 3
MAX_SESSION_VALIDITY_MIN = 15


@dataclasses.dataclass(frozen=True)
class AuthStep:
    """What Cognito answered to a sign-in or a challenge response.

    Either ``challenge`` is set (with its ``session`` and ``parameters``), or
    ``access_token`` is (the user is signed in).
    """

    challenge: str | None = None
    session: str | None = dataclasses.field(default=None, repr=False)
    parameters: Mapping[str, str] = dataclasses.field(default_factory=dict)
    access_token: str | None = dataclasses.field(default=None, repr=False)
    # SELECT_CHALLENGE (choice-based sign-in): the first factors on offer.
    available_challenges: tuple[str, ...] = ()


class AuthFlowKind(enum.Enum):
    """How the app signs in with a password (docs/signin.md).

    ``PASSWORD``: ``ADMIN_USER_PASSWORD_AUTH`` / ``USER_PASSWORD_AUTH``.
    ``USER_AUTH``: choice-based sign-in, the password as the chosen factor.
    """

    PASSWORD = "password"
    USER_AUTH = "user_auth"


# Error code -> (kind, message key). Messages that depend on the text are
# resolved in _classify.
_BY_CODE: dict[str, tuple[ErrorKind, str]] = {
    "UserNotFoundException": (ErrorKind.WRONG_CREDENTIALS, "error.wrong_credentials"),
    "CodeMismatchException": (ErrorKind.WRONG_CODE, "error.wrong_code"),
    "EnableSoftwareTokenMFAException": (ErrorKind.WRONG_CODE, "error.wrong_totp"),
    "ExpiredCodeException": (ErrorKind.SESSION_EXPIRED, "error.session_expired"),
    "TooManyRequestsException": (ErrorKind.THROTTLED, "error.throttled"),
    "LimitExceededException": (ErrorKind.THROTTLED, "error.throttled"),
    "TooManyFailedAttemptsException": (ErrorKind.THROTTLED, "error.too_many_attempts"),
    "ThrottlingException": (ErrorKind.THROTTLED, "error.throttled"),
    "UserNotConfirmedException": (ErrorKind.USER_STATE, "error.user_not_confirmed"),
    "PasswordResetRequiredException": (ErrorKind.USER_STATE, "error.password_reset_required"),
    "InvalidPasswordException": (ErrorKind.INVALID_PASSWORD, "error.invalid_password"),
    "ResourceNotFoundException": (ErrorKind.CONFIG, "error.config_not_found"),
    "InvalidUserPoolConfigurationException": (ErrorKind.CONFIG, "error.config_pool"),
    "InvalidParameterException": (ErrorKind.UNEXPECTED, "error.invalid_parameter"),
    "AccessDeniedException": (ErrorKind.CREDENTIALS, "error.access_denied"),
    "UnrecognizedClientException": (ErrorKind.CREDENTIALS, "error.aws_credentials"),
    "InvalidClientTokenId": (ErrorKind.CREDENTIALS, "error.aws_credentials"),
    "ExpiredTokenException": (ErrorKind.CREDENTIALS, "error.aws_credentials_expired"),
    # STS (caller identity) names the same problems differently.
    "ExpiredToken": (ErrorKind.CREDENTIALS, "error.aws_credentials_expired"),
    "SignatureDoesNotMatch": (ErrorKind.CREDENTIALS, "error.aws_credentials"),
    "AccessDenied": (ErrorKind.CREDENTIALS, "error.access_denied"),
    "SoftwareTokenMFANotFoundException": (ErrorKind.UNEXPECTED, "error.totp_not_found"),
    "InternalErrorException": (ErrorKind.SERVICE, "error.service"),
    "FeatureUnavailableInTierException": (ErrorKind.UNSUPPORTED, "error.feature_tier"),
    # An endpoint (an emulator, a proxy) that does not know the operation.
    "UnknownOperationException": (ErrorKind.UNSUPPORTED, "error.operation_unavailable"),
    "InvalidAction": (ErrorKind.UNSUPPORTED, "error.operation_unavailable"),
    "NotImplemented": (ErrorKind.UNSUPPORTED, "error.operation_unavailable"),
    "NotImplementedException": (ErrorKind.UNSUPPORTED, "error.operation_unavailable"),
}

# Client settings that allow each way of signing in with a password.
_PASSWORD_FLOW_SETTINGS = frozenset(
    {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"}
)
_USER_AUTH_SETTING = "ALLOW_USER_AUTH"


def _classify_not_authorized(message: str) -> tuple[ErrorKind, str]:
    lower = message.lower()
    if "secret hash" in lower:
        return ErrorKind.CONFIG, "error.config_secret_hash"
    if "session" in lower:
        return ErrorKind.SESSION_EXPIRED, "error.session_expired"
    if "auth flow not enabled" in lower or "flow not enabled" in lower:
        return ErrorKind.CONFIG, "error.config_auth_flow"
    if "client" in lower and "secret" in lower:
        return ErrorKind.CONFIG, "error.config_secret_hash"
    if "disabled" in lower:
        return ErrorKind.USER_STATE, "error.user_disabled"
    if "attempts exceeded" in lower:
        return ErrorKind.THROTTLED, "error.too_many_attempts"
    if "access token" in lower:
        return ErrorKind.SESSION_EXPIRED, "error.token_expired"
    return ErrorKind.WRONG_CREDENTIALS, "error.wrong_credentials"


def translate_client_error(exc: Exception) -> EnrollmentError:
    """Turn any botocore/boto3 exception into an :class:`EnrollmentError`."""
    from botocore import exceptions as bex

    if isinstance(exc, bex.ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", "Unknown"))
        message = str(error.get("Message", ""))
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0
        if code == "NotAuthorizedException":
            kind, key = _classify_not_authorized(message)
        elif code == "InvalidParameterException" and "flow not enabled" in message.lower():
            # Cognito's words for a client that does not allow the flow.
            kind, key = ErrorKind.CONFIG, "error.config_auth_flow"
        elif code in _BY_CODE:
            kind, key = _BY_CODE[code]
        elif status >= 500:
            kind, key = ErrorKind.SERVICE, "error.service"
        else:
            kind, key = ErrorKind.UNEXPECTED, "error.unexpected"
        return EnrollmentError(kind, key, f"{code}: {message}", code=code)
    if isinstance(exc, (bex.NoCredentialsError, bex.PartialCredentialsError)):
        return EnrollmentError(
            ErrorKind.CREDENTIALS, "error.no_aws_credentials", type(exc).__name__, code=type(exc).__name__
        )
    if isinstance(exc, bex.TokenRetrievalError) or type(exc).__name__ in (
        "UnauthorizedSSOTokenError",
        "SSOTokenLoadError",
    ):
        return EnrollmentError(ErrorKind.CREDENTIALS, "error.sso_expired", type(exc).__name__, code=type(exc).__name__)
    if isinstance(exc, bex.ProfileNotFound):
        return EnrollmentError(ErrorKind.CREDENTIALS, "error.aws_profile_not_found", str(exc), code="ProfileNotFound")
    if isinstance(exc, (bex.ReadTimeoutError, bex.ConnectTimeoutError)):
        return EnrollmentError(ErrorKind.NETWORK, "error.timeout", type(exc).__name__, code=type(exc).__name__)
    if isinstance(exc, (bex.EndpointConnectionError, bex.ConnectionClosedError, bex.HTTPClientError)):
        return EnrollmentError(ErrorKind.NETWORK, "error.network", type(exc).__name__, code=type(exc).__name__)
    if isinstance(exc, bex.ParamValidationError):
        return EnrollmentError(
            ErrorKind.UNEXPECTED, "error.invalid_parameter", "ParamValidationError", code="ParamValidationError"
        )
    return EnrollmentError(ErrorKind.UNEXPECTED, "error.unexpected", type(exc).__name__)


def _delete_error(error: EnrollmentError) -> EnrollmentError:
    """What a failed AdminDeleteSoftwareToken means to the operator."""
    code = error.code or ""
    if code in ("AccessDeniedException", "AccessDenied") or (
        error.kind is ErrorKind.CREDENTIALS and error.message_key == "error.access_denied"
    ):
        return EnrollmentError(
            ErrorKind.CREDENTIALS, "error.delete_token_denied", error.detail, code=code, aws_profile=error.aws_profile
        )
    # An endpoint that answers the operation with a bare HTTP error page
    # (stock moto: 500; others: 404/501) does not have it.
    if code.isdigit() and code in ("400", "404", "405", "500", "501"):
        return EnrollmentError(ErrorKind.UNSUPPORTED, "error.operation_unavailable", error.detail, code=code)
    return error


class _BelowWarningDropped(logging.Filter):
    """botocore at DEBUG logs whole request and response bodies: passwords,
    codes, sessions, tokens. Setting a level is not enough (anyone may set
    ``botocore`` to DEBUG again), so records below WARNING are dropped at the
    source loggers themselves."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


_SDK_FILTER = _BelowWarningDropped()
_SDK_LOGGERS = ("botocore", "boto3", "urllib3", "s3transfer")


def silence_sdk_debug_logging() -> None:
    """Attach the filter to every SDK logger that exists (call after the
    client is built, when botocore's modules and their loggers are loaded)."""
    manager = logging.Logger.manager
    names = [name for name in list(manager.loggerDict) if name.split(".")[0] in _SDK_LOGGERS]
    for name in [*_SDK_LOGGERS, *names]:
        logger = logging.getLogger(name)
        if _SDK_FILTER not in logger.filters:
            logger.addFilter(_SDK_FILTER)


class CognitoGateway:
    """One method per Cognito call, for both sign-in modes.

    Args:
        settings: the connection.
        aws_profile: a named AWS profile for admin mode (``None``: boto3's chain).
        client_factory: for tests that need a special client; receives the
            settings and returns a ``cognito-idp`` client.
        sts_client_factory: likewise for the ``sts`` client of
            :meth:`caller_identity` (called without arguments).
    """

    def __init__(
        self,
        settings: ConnectionSettings | PoolSettings,
        aws_profile: str | None = None,
        client_factory: Any = None,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        max_attempts: int = MAX_ATTEMPTS,
        sts_client_factory: Any = None,
    ) -> None:
        # What every call needs (pool, region, endpoint, mode); the app
        # client's connection (``settings``) only a gateway that signs in has.
        self.pool: ConnectionSettings | PoolSettings = settings
        self.aws_profile = aws_profile
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        # For reads only; one-time calls are always sent once.
        self.max_attempts = max_attempts
        self._client_factory = client_factory
        self._client: Any = None
        self._read_client: Any = None
        self._sts_client_factory = sts_client_factory
        self._sts_client: Any = None
        self._auth_flow: AuthFlowKind | None = None
        self._lock = threading.Lock()

    @property
    def settings(self) -> ConnectionSettings:
        """The app client's connection, for the calls that sign a user in.

        Raises:
            TypeError: a pool-level gateway (the inventory's) has none.
        """
        if not isinstance(self.pool, ConnectionSettings):
            raise TypeError("a pool-level gateway signs nobody in")
        return self.pool

    # -- client ---------------------------------------------------------

    def _config(self, attempts: int | None = None) -> Any:
        """botocore's config; ``attempts`` in total (default: the reads')."""
        from botocore.config import Config

        return Config(
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            # total_max_attempts counts the first try; botocore's max_attempts
            # would mean "retries" and give one more than intended.
            retries={"mode": "standard", "total_max_attempts": attempts or self.max_attempts},
            user_agent_appid="cogtotp-gui",
            max_pool_connections=MAX_POOL_CONNECTIONS,
            # Never through an HTTP(S)_PROXY to this computer's emulator:
            # botocore honours NO_PROXY, but an operator's proxy settings
            # rarely name loopback (see docs/security.md).
            **({"proxies": {}} if self.pool.is_local_endpoint else {}),
        )

    def _error(self, exc: Exception) -> EnrollmentError:
        """The typed error for ``exc``; credential problems name the AWS profile."""
        error = exc if isinstance(exc, EnrollmentError) else translate_client_error(exc)
        if error.kind is ErrorKind.CREDENTIALS and error.aws_profile is None:
            error.aws_profile = self.aws_profile
        return error

    def _make_client(self, attempts: int = ONE_SHOT_ATTEMPTS) -> Any:
        from botocore import UNSIGNED
        from botocore.config import Config

        config = self._config(attempts)
        if self.pool.mode is SignInMode.USER:
            # User mode needs no AWS credentials at all: the public Cognito
            # calls are authorised by the password, session and tokens.
            config = config.merge(Config(signature_version=UNSIGNED))
        from cogtotp_gui.enrollment.boto_session import plain_json_boto3_session  # on the worker, with boto3

        session = plain_json_boto3_session(self.aws_profile)
        kwargs: dict[str, Any] = {"region_name": self.pool.effective_region, "config": config}
        if self.pool.endpoint_url:
            kwargs["endpoint_url"] = self.pool.endpoint_url
        client = session.client("cognito-idp", **kwargs)
        silence_sdk_debug_logging()
        return client

    @property
    def client(self) -> Any:
        """The client for calls that consume a session, a code or a token:
        each request is sent once, never resent by botocore."""
        with self._lock:
            if self._client is None:
                error = None
                try:
                    factory = self._client_factory or self._make_client
                    self._client = factory()
                except Exception as exc:  # profile missing, bad region…
                    error = self._error(exc)
                if error is not None:
                    raise error  # outside the except: no botocore context kept
            return self._client

    @property
    def read_client(self) -> Any:
        """The client for reads, which botocore may retry (``max_attempts``).

        A test's ``client_factory`` serves both: it chose its client's config.
        """
        one_shot = self.client  # built first: its errors, its guards
        if self._client_factory is not None:
            return one_shot
        with self._lock:
            if self._read_client is None:
                error = None
                try:
                    self._read_client = self._make_client(self.max_attempts)
                except Exception as exc:
                    error = self._error(exc)
                if error is not None:
                    raise error
            return self._read_client

    def warm_up(self) -> None:
        """Import boto3 and build the client now (call on a worker)."""
        _ = self.client

    def _call(self, operation: str, *, read: bool = False, **kwargs: Any) -> dict[str, Any]:
        """Make one Cognito call; every failure leaves as an EnrollmentError.

        ``read``: the call changes nothing, so botocore may retry it. Any
        other call is sent once; when its reply is lost (a read timeout, a
        connection closed after sending) Cognito may have acted, and the
        error says so (``error.reply_lost``, :func:`reply_lost`).

        The error is raised outside the ``except`` block, so it carries no
        ``__context__``: botocore's exception, whose traceback frames hold the
        request (PASSWORD, codes, Session, SECRET_HASH), is dropped here.
        """
        client = self.client if not read else self.read_client
        log.debug("cognito call %s", operation)  # names only, never arguments
        error = None
        try:
            return getattr(client, operation)(**kwargs)
        except Exception as exc:
            error = self._error(exc)
            if not read and error.code in REPLY_LOST_CODES:
                error = EnrollmentError(error.kind, "error.reply_lost", error.detail, code=error.code)
        log.info("cognito call %s failed: %s", operation, error)
        raise error

    def _hash(self, username: str) -> dict[str, str]:
        if not self.settings.client_secret:
            return {}
        return {"SECRET_HASH": secret_hash(username, self.settings.client_id, self.settings.client_secret)}

    @staticmethod
    def _step(response: Mapping[str, Any]) -> AuthStep:
        result = response.get("AuthenticationResult") or {}
        available = response.get("AvailableChallenges") or ()
        return AuthStep(
            challenge=response.get("ChallengeName"),
            session=response.get("Session"),
            parameters={str(k): str(v) for k, v in (response.get("ChallengeParameters") or {}).items()},
            access_token=result.get("AccessToken"),
            available_challenges=tuple(str(c) for c in available) if isinstance(available, list) else (),
        )

    # -- sign-in ----------------------------------------------------------

    @property
    def auth_flow(self) -> AuthFlowKind | None:
        """The password flow this client takes, once known."""
        return self._auth_flow

    def _client_flows(self) -> list[str] | None:
        """The client's ``ExplicitAuthFlows``, where the credentials may ask."""
        s = self.settings
        if s.mode is not SignInMode.ADMIN:
            return None  # DescribeUserPoolClient needs AWS credentials
        try:
            response = self._call(
                "describe_user_pool_client", read=True, UserPoolId=s.user_pool_id, ClientId=s.client_id
            )
        except EnrollmentError as error:
            if error.kind in (ErrorKind.NETWORK, ErrorKind.SERVICE, ErrorKind.THROTTLED):
                raise
            log.info("client flows not known: %s", error.kind.value)
            return None
        flows = (response.get("UserPoolClient") or {}).get("ExplicitAuthFlows")
        return [str(flow) for flow in flows] if isinstance(flows, list) else None

    def _choose_auth_flow(self) -> AuthFlowKind | None:
        """Pick the flow from what the client allows, or ``None`` to learn
        it from Cognito's answer (see :meth:`initiate_auth`)."""
        flows = self._client_flows()
        if not flows:
            return None
        if _PASSWORD_FLOW_SETTINGS & set(flows):
            return AuthFlowKind.PASSWORD
        if _USER_AUTH_SETTING in flows:
            return AuthFlowKind.USER_AUTH
        return None

    def initiate_auth(self, username: str, password: str) -> AuthStep:
        """Sign in with a password, by the flow the app client allows.

        The flow is taken from ``DescribeUserPoolClient`` where the
        credentials permit; otherwise the password flow is tried, and a
        client that refuses it ("flow not enabled") is asked again with
        choice-based sign-in (``USER_AUTH``). The choice is kept for the
        gateway's lifetime.
        """
        if self._auth_flow is None:
            self._auth_flow = self._choose_auth_flow()
        if self._auth_flow is AuthFlowKind.USER_AUTH:
            return self._initiate_user_auth(username, password)
        # Each error is raised outside the ``except`` that caught it: raised
        # inside, it would keep the other in ``__context__`` and, through its
        # traceback, the frames holding the password (docs/security.md).
        first = None
        try:
            step = self._initiate_password_auth(username, password)
        except EnrollmentError as error:
            first = error
        if first is None:
            self._auth_flow = AuthFlowKind.PASSWORD
            return step
        if self._auth_flow is not None or first.message_key != "error.config_auth_flow":
            raise first.with_traceback(None)
        second = None
        try:
            step = self._initiate_user_auth(username, password)
        except EnrollmentError as error:
            second = error
        if second is not None and second.message_key == "error.config_auth_flow":
            raise first.with_traceback(None)  # neither flow: the first complaint
        self._auth_flow = AuthFlowKind.USER_AUTH
        if second is not None:
            raise second.with_traceback(None)
        return step

    def _initiate_user_auth(self, username: str, password: str) -> AuthStep:
        # PREFERRED_CHALLENGE=PASSWORD saves a round trip; a user without a
        # password gets SELECT_CHALLENGE instead, which the flow explains.
        params = {
            "USERNAME": username,
            "PREFERRED_CHALLENGE": "PASSWORD",
            "PASSWORD": password,
            **self._hash(username),
        }
        return self._sign_in_call("initiate_auth", AuthFlow="USER_AUTH", AuthParameters=params)

    def _initiate_password_auth(self, username: str, password: str) -> AuthStep:
        params = {"USERNAME": username, "PASSWORD": password, **self._hash(username)}
        admin = self.settings.mode is SignInMode.ADMIN
        flow = "ADMIN_USER_PASSWORD_AUTH" if admin else "USER_PASSWORD_AUTH"
        return self._sign_in_call("initiate_auth", AuthFlow=flow, AuthParameters=params)

    def respond_to_challenge(
        self, challenge: str, session: str, username: str, responses: Mapping[str, str]
    ) -> AuthStep:
        answers = {"USERNAME": username, **responses, **self._hash(username)}
        return self._sign_in_call(
            "respond_to_auth_challenge", ChallengeName=challenge, ChallengeResponses=answers, Session=session
        )

    def _sign_in_call(self, operation: str, **kwargs: Any) -> AuthStep:
        """``operation`` as the mode makes it: ``admin_<operation>`` on the
        pool with the operator's credentials, or the user's own, unsigned."""
        s = self.settings
        if s.mode is SignInMode.ADMIN:
            response = self._call(f"admin_{operation}", UserPoolId=s.user_pool_id, ClientId=s.client_id, **kwargs)
        else:
            response = self._call(operation, ClientId=s.client_id, **kwargs)
        return self._step(response)

    # -- software token ---------------------------------------------------

    def associate_software_token(
        self, *, access_token: str | None = None, session: str | None = None
    ) -> tuple[str, str | None]:
        """Return ``(secret, new_session)``; exactly one of the two credentials."""
        kwargs = {"AccessToken": access_token} if access_token else {"Session": session}
        response = self._call("associate_software_token", **kwargs)
        return response["SecretCode"], response.get("Session")

    def verify_software_token(
        self, code: str, device_name: str | None, *, access_token: str | None = None, session: str | None = None
    ) -> str | None:
        """Verify the first code; return the new session (MFA_SETUP) if any."""
        kwargs: dict[str, Any] = {"UserCode": code}
        if access_token:
            kwargs["AccessToken"] = access_token
        else:
            kwargs["Session"] = session
        if device_name:
            kwargs["FriendlyDeviceName"] = device_name
        response = self._call("verify_software_token", **kwargs)
        if response.get("Status") != "SUCCESS":
            raise EnrollmentError(ErrorKind.WRONG_CODE, "error.wrong_totp", f"Status: {response.get('Status')}")
        return response.get("Session")

    def set_totp_preferred(self, access_token: str, *, keep_sms: bool, email_user: bool = False) -> None:
        """TOTP preferred; SMS (or, for an email-MFA user, email) kept as a
        non-preferred factor or switched off, as ``keep_sms`` says."""
        kwargs: dict[str, Any] = {
            "AccessToken": access_token,
            "SoftwareTokenMfaSettings": {"Enabled": True, "PreferredMfa": True},
        }
        kwargs["SMSMfaSettings"] = {"Enabled": keep_sms, "PreferredMfa": False}
        if email_user:
            # Only for users who have it: a pool whose plan lacks email MFA
            # refuses the setting altogether.
            kwargs["EmailMfaSettings"] = {"Enabled": keep_sms, "PreferredMfa": False}
        self._call("set_user_mfa_preference", **kwargs)

    # -- lost authenticator (admin mode) ------------------------------------

    def delete_software_token(self, username: str) -> None:
        """``AdminDeleteSoftwareToken``: forget the user's authenticator.

        Never falls back to ``AdminSetUserMFAPreference(Enabled=false)``,
        which AWS documents as not resetting an existing TOTP.

        Raises:
            EnrollmentError: ``error.operation_unavailable`` (UNSUPPORTED)
                where the endpoint, or the installed botocore, lacks the
                operation; ``error.delete_token_denied`` (CREDENTIALS) when
                IAM refuses it; the usual kinds otherwise.
        """
        s = self.settings
        if s.mode is not SignInMode.ADMIN:
            raise EnrollmentError(ErrorKind.UNSUPPORTED, "error.reset_needs_admin", code="UserMode")
        client = self.client
        if not hasattr(client, "admin_delete_software_token"):
            raise EnrollmentError(
                ErrorKind.UNSUPPORTED, "error.operation_unavailable", "botocore too old", code="SdkLacksOperation"
            )
        failure = None
        try:
            self._call("admin_delete_software_token", UserPoolId=s.user_pool_id, Username=username)
        except EnrollmentError as error:
            failure = _delete_error(error)
        if failure is not None:
            raise failure  # outside the except: no context kept

    # -- pool inventory (admin mode, read-only) ------------------------------

    def list_users_page(
        self, pagination_token: str | None = None, limit: int = 60, filter_: str | None = None
    ) -> dict[str, Any]:
        """One ``ListUsers`` page (at most 60 users; may be empty before the last), of the
        users ``filter_`` selects (e.g. ``sub ^= "a"``) if given.

        Only the ``sub`` attribute is asked for: the inventory stores none, so
        phone numbers and e-mail addresses never reach the process, and a
        page is a third of the bytes to parse.
        """
        kwargs: dict[str, Any] = {"UserPoolId": self.pool.user_pool_id, "Limit": limit, "AttributesToGet": ["sub"]}
        if pagination_token:
            kwargs["PaginationToken"] = pagination_token
        if filter_:
            kwargs["Filter"] = filter_
        return self._call("list_users", **kwargs)

    def admin_get_user(self, username: str) -> dict[str, Any]:
        """``AdminGetUser``: the user's MFA settings, preference and legacy options."""
        return self._call("admin_get_user", UserPoolId=self.pool.user_pool_id, Username=username)

    def software_token_registered(self, username: str) -> bool:
        """Whether the user still has an authenticator (a read: AdminGetUser).

        Where the user stands after a lost reply to AdminDeleteSoftwareToken,
        instead of a guess. Liberal in what it reads: the factor list or the
        preference (stock moto fills both, Cognito the list).
        """
        response = self._call("admin_get_user", read=True, UserPoolId=self.settings.user_pool_id, Username=username)
        factors = response.get("UserMFASettingList") or ()
        return "SOFTWARE_TOKEN_MFA" in factors or response.get("PreferredMfaSetting") == "SOFTWARE_TOKEN_MFA"

    def pool_mfa_config(self) -> dict[str, Any]:
        """``GetUserPoolMfaConfig``: the pool's ``MfaConfiguration`` and factors."""
        return self._call("get_user_pool_mfa_config", UserPoolId=self.pool.user_pool_id)

    def get_user(self, access_token: str) -> dict[str, Any]:
        return self._call("get_user", read=True, AccessToken=access_token)

    def totp_preferred(self, access_token: str) -> bool:
        """Whether the user's preferred MFA is TOTP now (a read: GetUser).

        Where the user stands after a lost reply to SetUserMFAPreference or
        VerifySoftwareToken, instead of a guess.
        """
        response = self.get_user(access_token)
        return response.get("PreferredMfaSetting") == "SOFTWARE_TOKEN_MFA"

    # -- who the app acts as (admin mode) -------------------------------------

    def _make_sts_client(self) -> Any:
        from cogtotp_gui.enrollment.boto_session import plain_json_boto3_session  # on the worker, with boto3

        session = plain_json_boto3_session(self.aws_profile)
        kwargs: dict[str, Any] = {"region_name": self.pool.effective_region, "config": self._config()}
        if self.pool.is_local_endpoint:
            # An emulator on this computer answers STS too; a remote custom
            # endpoint is only Cognito's, so STS goes to AWS there.
            kwargs["endpoint_url"] = self.pool.endpoint_url
        client = session.client("sts", **kwargs)
        silence_sdk_debug_logging()
        return client

    def caller_identity(self) -> dict[str, str]:
        """Whose AWS credentials admin mode signs with (call on a worker).

        STS ``GetCallerIdentity`` needs no permission, so it answers for any
        working credentials. The Cognito client is built first: a gateway
        that refuses to build one (training mode's guard) never reaches STS.

        Returns:
            ``arn``, ``account`` and ``user_id`` as STS reports them.

        Raises:
            EnrollmentError: the credentials are missing, expired (an SSO
                session: ``error.sso_expired``, naming the profile), or STS
                cannot be reached.
        """
        _ = self.client
        error = None
        with self._lock:
            if self._sts_client is None:
                try:
                    self._sts_client = (self._sts_client_factory or self._make_sts_client)()
                except Exception as exc:
                    error = self._error(exc)
                if error is not None:
                    raise error
            sts: Any = self._sts_client
        log.debug("sts call get_caller_identity")
        try:
            response = sts.get_caller_identity()
        except Exception as exc:
            error = self._error(exc)
        if error is not None:
            log.info("sts call get_caller_identity failed: %s", error)
            raise error
        return {
            "arn": str(response.get("Arn", "")),
            "account": str(response.get("Account", "")),
            "user_id": str(response.get("UserId", "")),
        }

    # -- session validity ----------------------------------------------------

    def session_validity(self) -> float | None:
        """Seconds a sign-in session of this app client lives (its
        ``AuthSessionValidity``), or ``None`` where it cannot be asked.

        Only admin mode can ask (``DescribeUserPoolClient`` needs AWS
        credentials); an operator without that optional permission, or any
        other failure, gets ``None`` and the countdown keeps its setting: the
        next Cognito call reports a real problem where it matters.
        """
        s = self.settings
        if s.mode is not SignInMode.ADMIN:
            return None
        try:
            response = self._call(
                "describe_user_pool_client", read=True, UserPoolId=s.user_pool_id, ClientId=s.client_id
            )
        except EnrollmentError as error:
            log.info("session validity not known: %s", error.kind.value)
            return None
        minutes = response.get("UserPoolClient", {}).get("AuthSessionValidity")
        if isinstance(minutes, int) and MIN_SESSION_VALIDITY_MIN <= minutes <= MAX_SESSION_VALIDITY_MIN:
            return minutes * 60.0
        return None

    # -- connection check ---------------------------------------------------

    def check_connection(self) -> dict[str, str]:
        """A harmless call proving pool and client exist (and, in admin
        mode, that the AWS credentials work). Returns facts to show."""
        s = self.settings
        if s.mode is SignInMode.ADMIN:
            response = self._call(
                "describe_user_pool_client", read=True, UserPoolId=s.user_pool_id, ClientId=s.client_id
            )
            client = response.get("UserPoolClient", {})
            flows = client.get("ExplicitAuthFlows", [])
            facts = {
                "client_name": str(client.get("ClientName", "")),
                "admin_flow": str("ALLOW_ADMIN_USER_PASSWORD_AUTH" in flows),
            }
            return facts
        # No AWS credentials: probe with a user that cannot exist. A wrong
        # client id gives ResourceNotFound; a wrong secret gives the
        # secret-hash error; anything else proves the client answers.
        try:
            self.initiate_auth("cogtotp-connection-probe", "probe-not-a-password")
        except EnrollmentError as error:
            if error.kind in (ErrorKind.CONFIG, ErrorKind.NETWORK, ErrorKind.SERVICE, ErrorKind.CREDENTIALS):
                raise
        return {}
