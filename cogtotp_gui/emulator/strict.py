"""``StrictCognito``: the state and public face of the strict emulator."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from .auth import StrictAuth
from .errors import CognitoError
from .outbox import EmailListener, EmailMessage, SmsListener, SmsMessage, SmsOutbox, mask_email, mask_phone
from .sessions import SessionStore

if TYPE_CHECKING:
    from .quota import Quota

T = TypeVar("T")
# Cognito's AuthSessionValidity when an app client sets none (minutes).
DEFAULT_SESSION_VALIDITY_MIN = 3
ACCOUNT_ID = "123456789012"  # moto's default account


@dataclass
class UserMfaState:
    """What the emulator knows about a user beyond moto's user record.

    Attributes:
        pending_totp_secret: secret from the last AssociateSoftwareToken that
            has not been verified yet.
        totp_secret: the verified secret SOFTWARE_TOKEN_MFA answers are
            checked against.
        sms_delivered: False for a user whose phone never gets the texts.
        email_mfa_enabled, email_mfa_preferred: email MFA, which moto does
            not model at all.
        passwordless: the user signs in without a password (choice-based
            sign-in only); password sign-in is refused as a wrong password.
        legacy_sms_option: SMS MFA switched on the legacy way
            (``AdminSetUserSettings`` ``MFAOptions``): shown only in
            ``MFAOptions``, never in ``UserMFASettingList``; sign-in asks for
            an SMS code all the same.
    """

    pending_totp_secret: str | None = None
    totp_secret: str | None = None
    sms_delivered: bool = True
    email_mfa_enabled: bool = False
    email_mfa_preferred: bool = False
    passwordless: bool = False
    legacy_sms_option: bool = False


class StrictCognito:
    """A strict layer over moto's Cognito: real codes, secrets, sessions, errors.

    Create one, :meth:`install` it (or let :class:`EmulatorServer` do so), and
    moto's Cognito behaves like the real service in everything the enrollment
    wizard depends on. All strict state lives on this instance; moto keeps
    pools, clients and users.

    Attributes:
        clock: a callable returning the current Unix time; TOTP and session
            expiry use it. Pass a :class:`ManualClock` to move time in tests.
        session_ttl: seconds a challenge session stays valid for every app
            client, when given; else each client's own
            ``AuthSessionValidity`` (3-15 minutes, 3 unless the client sets
            it), as in Cognito. The attribute is then 180: the validity of a
            client that sets none.
        max_code_attempts: wrong codes after which a session is dead.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        *,
        session_ttl: float | None = None,
        max_code_attempts: int = 3,
    ) -> None:
        self.clock = clock
        self._session_ttl_override = session_ttl
        self.session_ttl = session_ttl if session_ttl is not None else DEFAULT_SESSION_VALIDITY_MIN * 60.0
        self.max_code_attempts = max_code_attempts
        # Re-entrant: a listener or a test helper may call back in while a
        # request holds the lock on the same thread.
        self._lock = threading.RLock()
        self._sessions = SessionStore()
        self._outbox = SmsOutbox()
        self._mailbox = SmsOutbox()  # EmailMessage records
        self._users: dict[tuple[str, str], UserMfaState] = defaultdict(UserMfaState)
        self._faults: dict[str, deque[CognitoError]] = defaultdict(deque)
        self._latency = 0.0
        self._unsent: list[SmsMessage | EmailMessage] = []
        self._denied: set[str] = set()
        self._quota: Quota | None = None
        self._empty_pages = 0
        self._auth = StrictAuth(self)

    def session_ttl_for(self, client: Any) -> float:
        """Seconds a sign-in session of this (moto) app client lives."""
        if self._session_ttl_override is not None:
            return self._session_ttl_override
        minutes = client.extended_config.get("AuthSessionValidity") or DEFAULT_SESSION_VALIDITY_MIN
        return float(minutes) * 60.0

    # ------------------------------------------------------------------ clock

    def now(self) -> float:
        """Current time on the emulator's clock."""
        return self.clock()

    def advance(self, seconds: float) -> None:
        """Move a :class:`ManualClock` forward; other clocks cannot be moved."""
        advance = getattr(self.clock, "advance", None)
        if advance is None:
            raise TypeError("advance() needs StrictCognito(clock=ManualClock())")
        advance(seconds)

    # -------------------------------------------------------------------- SMS

    @property
    def outbox(self) -> list[SmsMessage]:
        """A snapshot of every SMS sent since the last reset, oldest first."""
        with self._lock:
            return list(self._outbox.messages)

    def last_sms_code(self, username: str, pool_id: str | None = None) -> str | None:
        """The code of the newest SMS to ``username``; None if none or lost."""
        with self._lock:
            return self._outbox.last_code(username, pool_id)

    def add_sms_listener(self, listener: SmsListener) -> None:
        """Call ``listener(message)`` for every SMS, on the server's thread.

        Lost messages are reported too (``delivered`` False, ``code`` None) so
        a phone window can show "no signal". Exceptions are logged, not raised.
        """
        with self._lock:
            self._outbox.add_listener(listener)

    def remove_sms_listener(self, listener: SmsListener) -> None:
        with self._lock:
            self._outbox.remove_listener(listener)

    def clear_sms_listeners(self) -> None:
        """Forget every SMS and e-mail listener (tests call it so one test's
        phone is gone by the next)."""
        with self._lock:
            self._outbox.clear_listeners()
            self._mailbox.clear_listeners()

    def set_sms_delivery(self, pool_id: str, username: str, delivered: bool) -> None:
        """Make a user's phone receive (or never receive) its SMS codes."""
        with self._lock:
            self._user_state(pool_id, username).sms_delivered = delivered

    # ------------------------------------------------------------------ e-mail

    @property
    def mailbox(self) -> list[EmailMessage]:
        """A snapshot of every e-mail code sent since the last reset, oldest first."""
        with self._lock:
            return list(self._mailbox.messages)

    def last_email_code(self, username: str, pool_id: str | None = None) -> str | None:
        """The code of the newest e-mail to ``username``; None if none."""
        with self._lock:
            return self._mailbox.last_code(username, pool_id)

    def add_email_listener(self, listener: EmailListener) -> None:
        """Call ``listener(message)`` for every e-mail code, on the server's thread."""
        with self._lock:
            self._mailbox.add_listener(listener)

    def remove_email_listener(self, listener: EmailListener) -> None:
        with self._lock:
            self._mailbox.remove_listener(listener)

    # ------------------------------------------------------------ passwordless

    def set_passwordless(self, pool_id: str, username: str, passwordless: bool = True) -> None:
        """Make a user one who signs in without a password (no PASSWORD factor)."""
        with self._lock:
            self._user_state(pool_id, username).passwordless = passwordless

    # ------------------------------------------------------------------- TOTP

    def pending_totp_secret(self, username: str, pool_id: str | None = None) -> str | None:
        """The secret handed out by the last unverified AssociateSoftwareToken.

        Without ``pool_id`` the newest pool with such a user is meant.
        """
        with self._lock:
            return self._find_user_state(username, pool_id).pending_totp_secret

    def totp_secret(self, username: str, pool_id: str | None = None) -> str | None:
        """The verified secret the user's authenticator holds."""
        with self._lock:
            return self._find_user_state(username, pool_id).totp_secret

    # ------------------------------------------------------------------ email

    def set_email_mfa(self, pool_id: str, username: str, *, enabled: bool, preferred: bool) -> None:
        """Record email MFA settings (AdminSetUserMFAPreference EmailMfaSettings)."""
        with self._lock:
            state = self._user_state(pool_id, username)
            state.email_mfa_enabled = enabled
            state.email_mfa_preferred = enabled and preferred

    def email_mfa(self, pool_id: str, username: str) -> tuple[bool, bool]:
        """``(enabled, preferred)`` of a user's email MFA."""
        with self._lock:
            state = self._users.get((pool_id, username), UserMfaState())
            return state.email_mfa_enabled, state.email_mfa_preferred

    # ------------------------------------------------------ legacy SMS option

    def set_legacy_sms_option(self, pool_id: str, username: str, enabled: bool) -> None:
        """Switch SMS MFA on (or off) the legacy way, as ``AdminSetUserSettings`` does.

        Such a user shows ``MFAOptions: [{DeliveryMedium: SMS, AttributeName:
        phone_number}]`` in ListUsers and AdminGetUser, an empty
        ``UserMFASettingList``, and is asked for an SMS code at sign-in.
        """
        with self._lock:
            self._user_state(pool_id, username).legacy_sms_option = enabled

    def legacy_sms_option(self, pool_id: str, username: str) -> bool:
        with self._lock:
            state = self._users.get((pool_id, username))
            return bool(state and state.legacy_sms_option)

    # ------------------------------------------------- listing and quotas

    def set_list_users_empty_pages(self, count: int) -> None:
        """Make every ListUsers walk return ``count`` empty pages before its last.

        Cognito may answer a page with no users and a ``PaginationToken``;
        a client that stops at the first empty page loses the rest of the pool.
        """
        with self._lock:
            self._empty_pages = max(0, int(count))

    @property
    def list_users_empty_pages(self) -> int:
        with self._lock:
            return self._empty_pages

    def set_quota(self, enforcer: Quota | None) -> None:
        """Enforce request-rate quotas (``TooManyRequestsException``), or stop (None)."""
        with self._lock:
            self._quota = enforcer

    @property
    def quota(self) -> Quota | None:
        with self._lock:
            return self._quota

    def deny(self, *operation_names: str) -> None:
        """Answer these operations with ``AccessDeniedException``, as IAM does for a missing action."""
        for name in operation_names:
            if name not in _cognito_operation_names():
                raise ValueError(f"unknown Cognito operation {name!r}")
        with self._lock:
            self._denied.update(operation_names)

    def allow(self, *operation_names: str) -> None:
        """Undo :meth:`deny` for these operations (all of them when none is named)."""
        with self._lock:
            if operation_names:
                self._denied.difference_update(operation_names)
            else:
                self._denied.clear()

    # ------------------------------------------------------- fault injection

    def fail_next(
        self,
        operation_name: str,
        error_code: str,
        message: str,
        status: int = 400,
        *,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``operation_name`` (e.g. "InitiateAuth") fail.

        Faults queue up per operation. botocore retries throttling errors and
        5xx by itself, and each retry is a call here, so a test that wants a
        fault to outlast the client's retries passes ``times``. The operation
        name is checked against botocore's model so a typo fails here rather
        than silently never firing.
        """
        if operation_name not in _cognito_operation_names():
            raise ValueError(f"unknown Cognito operation {operation_name!r}")
        with self._lock:
            for _ in range(times):
                self._faults[operation_name].append(CognitoError(error_code, message, status))

    def set_latency(self, seconds: float) -> None:
        """Delay every Cognito call by ``seconds`` of real time (0 to stop)."""
        with self._lock:
            self._latency = max(0.0, float(seconds))

    # -------------------------------------------------------------- lifecycle

    def install(self) -> None:
        """Patch moto's Cognito so it behaves strictly, through this instance."""
        from . import patches

        patches.install(self)

    def uninstall(self) -> None:
        """Restore moto's own behaviour."""
        from . import patches

        patches.uninstall(self)

    @property
    def is_installed(self) -> bool:
        from . import patches

        return patches.installed() is self

    @contextmanager
    def installed(self) -> Iterator[StrictCognito]:
        """``with emu.installed():`` — install for the block, then restore."""
        self.install()
        try:
            yield self
        finally:
            self.uninstall()

    def reset(self) -> None:
        """Forget sessions, SMS, secrets, faults and latency (not the listeners).

        moto's own state is not touched; :meth:`EmulatorServer.reset` wipes both.
        """
        with self._lock:
            self._sessions.clear()
            self._outbox.clear_messages()
            self._mailbox.clear_messages()
            self._users.clear()
            self._faults.clear()
            self._latency = 0.0
            self._unsent.clear()
            self._denied.clear()
            self._quota = None
            self._empty_pages = 0

    # ------------------------------------------------------ used by patches

    def _call(self, handler: Callable[..., T], *args: Any) -> T:
        """Run a strict handler under the lock, then tell SMS listeners.

        Listeners are told after the lock is released so they can read the
        emulator (or be slow) without blocking other requests.
        """
        with self._lock:
            try:
                result = handler(*args)
            finally:
                unsent, self._unsent = self._unsent, []
        for message in unsent:
            box = self._mailbox if isinstance(message, EmailMessage) else self._outbox
            box.notify(message)
        return result

    def _before_operation(self, operation_name: str, pool_id: str | None = None) -> CognitoError | None:
        """Apply latency, and return the error for this call, if any.

        In order: an IAM denial, an injected fault, the rate quota.
        """
        with self._lock:
            latency = self._latency
            if operation_name in self._denied:
                fault: CognitoError | None = _access_denied(operation_name, pool_id)
            else:
                queue = self._faults.get(operation_name)
                fault = queue.popleft() if queue else None
            if fault is None and self._quota is not None:
                fault = self._quota.admit(operation_name)
        if latency:
            # Real wall time on purpose: latency is about the app's worker
            # threads and spinners, not about the emulated clock.
            time.sleep(latency)
        return fault

    def _send_sms(self, pool_id: str, username: str, phone: str | None, code: str) -> None:
        delivered = self._user_state(pool_id, username).sms_delivered
        message = SmsMessage(
            username=username,
            destination=mask_phone(phone),
            code=code if delivered else None,
            sent_at=self.now(),
            delivered=delivered,
            pool_id=pool_id,
        )
        self._outbox.add(message)
        self._unsent.append(message)

    def _send_email(self, pool_id: str, username: str, email: str | None, code: str) -> None:
        message = EmailMessage(
            username=username,
            destination=mask_email(email),
            code=code,
            sent_at=self.now(),
            pool_id=pool_id,
        )
        self._mailbox.add(message)
        self._unsent.append(message)

    def _user_state(self, pool_id: str, username: str) -> UserMfaState:
        return self._users[(pool_id, username)]

    def _find_user_state(self, username: str, pool_id: str | None) -> UserMfaState:
        if pool_id is not None:
            return self._users.get((pool_id, username), UserMfaState())
        # Without a pool id, the newest pool wins: re-seeding without a reset
        # leaves the old pool's same-named users behind.
        matches = [state for (_, name), state in self._users.items() if name == username]
        return matches[-1] if matches else UserMfaState()


def _access_denied(operation_name: str, pool_id: str | None) -> CognitoError:
    """IAM's refusal, worded as AWS words it for an identity-based policy."""
    region = pool_id.split("_", 1)[0] if pool_id and "_" in pool_id else "us-east-1"
    resource = f"arn:aws:cognito-idp:{region}:{ACCOUNT_ID}:userpool/{pool_id or '*'}"
    action = f"cognito-idp:{operation_name}"
    return CognitoError(
        "AccessDeniedException",
        f"User: arn:aws:iam::{ACCOUNT_ID}:user/helpdesk is not authorized to perform: {action} "
        f"on resource: {resource} because no identity-based policy allows the {action} action",
    )


@cache
def _cognito_operation_names() -> frozenset[str]:
    import botocore.session

    model = botocore.session.get_session().get_service_model("cognito-idp")
    return frozenset(model.operation_names)
