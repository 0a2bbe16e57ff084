"""Where the emulator "sends" its SMS and e-mail codes: lists tests and the training phone read."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

log = logging.getLogger(__name__)

SmsListener = Callable[["SmsMessage"], None]
EmailListener = Callable[["EmailMessage"], None]


@dataclass(frozen=True)
class _Message:
    """One code the emulator sent (the fields of an SMS and of an e-mail).

    Attributes:
        username: the Cognito username the code was sent for.
        destination: the masked phone number, as Cognito reports it to the
            client (``+*******1234``).
        code: the 6-digit code, or ``None`` when the message was lost on the
            way (``delivered`` is then False: the phone never shows it).
        sent_at: emulator-clock time of sending.
        delivered: False for users seeded to have no signal.
        pool_id: the user pool, to tell apart same-named users of two pools.
    """

    username: str
    destination: str
    code: str | None = field(repr=False)
    sent_at: float
    delivered: bool = True
    pool_id: str = ""
    wording: ClassVar[str] = "{code}"

    @property
    def text(self) -> str:
        """The message body as the phone (or its mail app) would display it."""
        if self.code is None:
            return ""
        return self.wording.format(code=self.code)


@dataclass(frozen=True)
class SmsMessage(_Message):
    """One SMS the emulator sent (the fields: :class:`_Message`)."""

    wording: ClassVar[str] = "Your authentication code is {code}."


@dataclass(frozen=True)
class EmailMessage(_Message):
    """One e-mail with a code the emulator sent (email MFA, ``EMAIL_OTP``);
    ``destination`` is the masked address as Cognito reports it (``h***@e***``)."""

    wording: ClassVar[str] = "Your verification code is {code}."


def mask_phone(phone: str | None) -> str:
    """Mask a phone number like Cognito does in CODE_DELIVERY_DESTINATION."""
    digits = (phone or "").strip()
    return "+*******" + digits[-4:] if len(digits) >= 4 else "+*******"


def mask_email(email: str | None) -> str:
    """Mask an e-mail address like Cognito does (``h***@e***``)."""
    local, _, domain = (email or "").partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


class SmsOutbox:
    """The record of every SMS (or, as the mailbox, every e-mail) plus the
    listeners to tell about new ones.

    Not thread-safe by itself; the emulator guards it with its lock and calls
    :meth:`notify` outside that lock, so a slow listener cannot stall other
    requests and a listener may read the outbox again without deadlocking.
    """

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self._listeners: list[Callable[[Any], None]] = []

    def add(self, message: Any) -> None:
        self.messages.append(message)

    def last_code(self, username: str, pool_id: str | None = None) -> str | None:
        """Code of the newest message for the user, None if lost or none sent."""
        for message in reversed(self.messages):
            if message.username == username and pool_id in (None, message.pool_id):
                return message.code if message.delivered else None
        return None

    def add_listener(self, listener: Callable[[Any], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[Any], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def clear_listeners(self) -> None:
        self._listeners.clear()

    def notify(self, message: Any) -> None:
        """Tell every listener; their failures are logged, never raised.

        Listeners run on the server's request thread; an exception there must
        not turn a successful sign-in into a 500 for the app under test.
        """
        for listener in list(self._listeners):
            try:
                listener(message)
            except Exception:
                log.exception("SMS listener %r failed", listener)

    def clear_messages(self) -> None:
        self.messages.clear()
