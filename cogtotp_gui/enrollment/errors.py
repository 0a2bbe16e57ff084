"""Typed errors of the enrollment core.

Every failure a person can meet becomes an :class:`EnrollmentError` with a
:class:`ErrorKind` (what the UI does about it) and a ``message_key`` (which
sentence it shows, translated by the UI). The raw service message is kept in
``detail`` for the operator's "details" disclosure; it is scrubbed of
anything that looks like a credential before it is stored.
"""

from __future__ import annotations

import enum
import re

# botocore's exception names for "sent, but the answer never came".
REPLY_LOST_CODES = frozenset({"ReadTimeoutError", "ConnectionClosedError"})


class ErrorKind(enum.Enum):
    """What went wrong, at the granularity the UI reacts to."""

    WRONG_CREDENTIALS = "wrong_credentials"  # stay on sign-in, clear password
    WRONG_CODE = "wrong_code"  # stay on the code page, clear the code
    SESSION_EXPIRED = "session_expired"  # sign in again without retyping
    THROTTLED = "throttled"  # wait, then retry by hand
    NETWORK = "network"  # retry button
    SERVICE = "service"  # Cognito 5xx: retry button
    CONFIG = "config"  # connection settings are wrong
    CREDENTIALS = "credentials"  # the operator's AWS credentials (admin mode)
    USER_STATE = "user_state"  # account needs something the wizard cannot do
    INVALID_PASSWORD = "invalid_password"  # new password breaks the policy
    UNSUPPORTED = "unsupported"  # e.g. EMAIL_OTP
    INVALID_INPUT = "invalid_input"  # rejected before any call; names the field
    AUDIT = "audit"  # the audit record a change is gated on could not be written
    UNEXPECTED = "unexpected"

    @property
    def retryable(self) -> bool:
        """Whether simply trying the same step again can succeed."""
        return self in {ErrorKind.NETWORK, ErrorKind.SERVICE, ErrorKind.THROTTLED, ErrorKind.AUDIT}


# Things that must never reach a log line or an exception text even if a
# service echoes them back: JWTs, long opaque session blobs, 6-digit codes.
_SCRUBBERS = (
    (re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*"), "<token>"),
    (re.compile(r"[A-Za-z0-9+/=_-]{40,}"), "<redacted>"),
    (re.compile(r"(?<!\d)\d{6,8}(?!\d)"), "<code>"),
)


def scrub(text: str, *, codes: bool = True) -> str:
    """Remove anything credential-shaped from a service message.

    ``codes=False`` keeps runs of 6-8 digits: for a field that is known to be
    an identifier (a username that is an employee number), not free text.
    """
    for pattern, replacement in _SCRUBBERS if codes else _SCRUBBERS[:2]:
        text = pattern.sub(replacement, text)
    return text


class EnrollmentError(Exception):
    """A failure the operator must see, typed for the UI.

    Attributes:
        kind: what the UI does about it.
        message_key: names the sentence to show (see ``ui/messages.py``).
        detail: the service's own words, scrubbed, for the "details" view.
        code: the Cognito/botocore error code, if there was one.
        attempts_left: remaining attempts, where the service says.
        field: for INVALID_INPUT, the field that was wrong.
        aws_profile: for the operator's AWS credentials (admin mode), the
            AWS profile they came from, so the message can name the exact
            command that fixes it (``aws sso login --profile NAME``).
    """

    def __init__(
        self,
        kind: ErrorKind,
        message_key: str,
        detail: str = "",
        *,
        code: str | None = None,
        attempts_left: int | None = None,
        field: str | None = None,
        aws_profile: str | None = None,
    ) -> None:
        self.kind = kind
        self.message_key = message_key
        self.detail = scrub(detail)
        self.code = code
        self.attempts_left = attempts_left
        self.field = field
        self.aws_profile = aws_profile
        super().__init__(f"{kind.value}: {message_key}" + (f" ({code})" if code else ""))

    @property
    def retryable(self) -> bool:
        return self.kind.retryable

    @property
    def reply_lost(self) -> bool:
        """The request went out and no answer came back (a read timeout, a
        connection closed after sending): Cognito may have acted on it."""
        return self.kind is ErrorKind.NETWORK and self.code in REPLY_LOST_CODES


class FlowStateError(RuntimeError):
    """A step was called in a state where it makes no sense (a programming error)."""
