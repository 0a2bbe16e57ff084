"""Fails any test during which a secret reaches a log record or an error text.

Every test that talks to the emulator runs with Python logging at DEBUG
(botocore's loggers included, which at DEBUG would print request bodies).
The guard learns the secrets of the test as they are made — passwords of the
seed, SMS codes in the outbox, sessions, tokens and TOTP secrets the
gateway received — and afterwards searches every log record and every
EnrollmentError/FlowStateError text produced for them, in plain, base32 and
URL-encoded form.
"""

from __future__ import annotations

import base64
import logging
from urllib.parse import quote

from cogtotp_gui.enrollment import errors as errors_module
from cogtotp_gui.enrollment import gateway as gateway_module


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a malformed record is still evidence
            text = f"{record.msg!r} {record.args!r}"
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.texts.append(text)


def forms(secret: str) -> set[str]:
    out = {secret, quote(secret, safe=""), base64.b32encode(secret.encode()).decode().rstrip("=")}
    return {f for f in out if len(f) >= 6}


class LeakGuard:
    def __init__(self, monkeypatch) -> None:
        self.secrets: set[str] = set()
        self.texts: list[str] = []
        self.handler = _Collect()
        self._monkeypatch = monkeypatch
        self._saved_levels: dict[str, int] = {}

    def start(self) -> None:
        # The app silences the SDK's DEBUG bodies whenever it builds a
        # client; tests also call boto3 directly (seeding, checks), so the
        # same protection is applied up front for those calls too.
        import boto3  # noqa: F401  # loads botocore's module loggers

        gateway_module.silence_sdk_debug_logging()
        for name in ("", "botocore", "boto3", "urllib3", "cogtotp_gui"):
            logger = logging.getLogger(name)
            self._saved_levels[name] = logger.level
            logger.setLevel(logging.DEBUG)
        logging.getLogger().addHandler(self.handler)
        self._spy_gateway()
        self._spy_errors()

    def stop(self) -> None:
        logging.getLogger().removeHandler(self.handler)
        for name, level in self._saved_levels.items():
            logging.getLogger(name).setLevel(level)

    def _spy_gateway(self) -> None:
        guard = self
        step = gateway_module.CognitoGateway._step
        associate = gateway_module.CognitoGateway.associate_software_token

        def spy_step(response):
            result = step(response)
            for value in (result.session, result.access_token):
                if value:
                    guard.secrets.add(value)
            auth = response.get("AuthenticationResult") or {}
            for key in ("IdToken", "RefreshToken"):
                if auth.get(key):
                    guard.secrets.add(auth[key])
            return result

        def spy_associate(self, **kwargs):
            secret, session = associate(self, **kwargs)
            guard.secrets.update(v for v in (secret, session) if v)
            return secret, session

        self._monkeypatch.setattr(gateway_module.CognitoGateway, "_step", staticmethod(spy_step))
        self._monkeypatch.setattr(gateway_module.CognitoGateway, "associate_software_token", spy_associate)

    def _spy_errors(self) -> None:
        guard = self
        init = errors_module.EnrollmentError.__init__

        def spy_init(self, *args, **kwargs):
            init(self, *args, **kwargs)
            guard.texts.extend([str(self), self.detail, repr(self.args)])

        self._monkeypatch.setattr(errors_module.EnrollmentError, "__init__", spy_init)

    def learn_from_emulator(self, handle) -> None:
        for user in handle.seed.users.values():
            self.secrets.add(user.password)
            if getattr(user, "totp_secret", None):
                self.secrets.add(user.totp_secret)
        self.secrets.add(handle.seed.client_secret)
        for message in handle.emu.outbox:
            if message.code:
                self.secrets.add(message.code)

    def leaks(self) -> list[str]:
        found = []
        corpus = self.texts + self.handler.texts
        for secret in self.secrets:
            for form in forms(secret):
                for text in corpus:
                    if form in text:
                        found.append(f"a secret ({len(secret)} chars) appeared in: {text[:80]!r}…")
                        break
        return found
