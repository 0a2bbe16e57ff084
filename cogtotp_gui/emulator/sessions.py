"""Auth-challenge sessions the way Cognito treats them.

moto hands out a session per challenge but never expires it, never binds it
to a user or a challenge, and lets it be answered any number of times. Here a
session is an opaque random string that belongs to one user, one app client
and one challenge (or one step of the MFA_SETUP dance), expires after a TTL,
is consumed by a successful answer, and dies after too many wrong codes.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from . import errors


@dataclass
class AuthSession:
    """One outstanding challenge.

    Attributes:
        token: the opaque value handed to the client as ``Session``.
        pool_id, client_id, username: whom the session belongs to; an answer
            from anyone else is refused as an invalid session.
        challenge: the challenge this session may answer.
        issued_at: emulator-clock time of issue, for expiry.
        stage: for MFA_SETUP, which step the session is good for
            (``associate``, ``verify`` or ``respond``).
        expected_code: the code sent by SMS/email for code challenges.
        choices: for SELECT_MFA_TYPE, the allowed answers.
        failed_attempts: wrong codes so far on this session.
    """

    token: str
    pool_id: str
    client_id: str
    username: str
    challenge: str
    issued_at: float
    stage: str = ""
    expected_code: str | None = None
    choices: tuple[str, ...] = ()
    failed_attempts: int = 0


class SessionStore:
    """Issues, checks and retires sessions. Not thread-safe by itself: the
    emulator calls it under its own lock."""

    def __init__(self) -> None:
        self._sessions: dict[str, AuthSession] = {}

    def issue(
        self,
        *,
        pool_id: str,
        client_id: str,
        username: str,
        challenge: str,
        now: float,
        **extra: object,
    ) -> AuthSession:
        """Create and remember a new session."""
        session = AuthSession(
            token=secrets.token_urlsafe(96),
            pool_id=pool_id,
            client_id=client_id,
            username=username,
            challenge=challenge,
            issued_at=now,
            **extra,  # type: ignore[arg-type]  # the remaining session fields, by name
        )
        self._sessions[session.token] = session
        return session

    def live(self, token: str | None, *, now: float, ttl: float | Callable[[AuthSession], float]) -> AuthSession:
        """Return the session for ``token`` or raise the error Cognito gives.

        An expired session is reported as expired (and forgotten), anything
        unknown, already used or killed as merely invalid — the same split the
        real service makes, which the app turns into two different messages.
        """
        session = self._sessions.get(token or "")
        if session is None:
            raise errors.invalid_session()
        lifetime = ttl(session) if callable(ttl) else ttl
        if now - session.issued_at >= lifetime:
            del self._sessions[session.token]
            raise errors.expired_session()
        return session

    def consume(self, session: AuthSession) -> None:
        """Retire a session after a successful answer (sessions are single-use)."""
        self._sessions.pop(session.token, None)

    def record_wrong_code(self, session: AuthSession, max_attempts: int) -> None:
        """Count a wrong code; the session dies once ``max_attempts`` is reached.

        A wrong code does not consume the session, because Cognito lets a user
        who mistyped try again on the same session a few times.
        """
        session.failed_attempts += 1
        if session.failed_attempts >= max_attempts:
            self.consume(session)

    def clear(self) -> None:
        self._sessions.clear()

    def __len__(self) -> int:
        return len(self._sessions)
