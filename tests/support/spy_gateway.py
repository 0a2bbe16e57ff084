"""A gateway that remembers what it sent to Cognito and what came back.

Tests pass ``SpyGateway.factory()`` as the window's ``gateway_factory``.
The spy sits at ``CognitoGateway._call``, the one place every Cognito call
goes through, so it sees the arguments exactly as the app built them
(normalised codes, the password as typed) and the whole answer (sessions,
tokens, secrets) - which is what the leak tests search the output for.

In a child process, ``COGTOTP_TEST_SECRETS_FILE`` names a file (created by
the parent, mode 0600) to which every secret value seen is appended, one
JSON object per line, so the parent knows what to search the child's
output for without the child ever printing one. Each line is
``{"label": "Session received in initiate_auth", "value": ...}``.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from cogtotp_gui.enrollment.gateway import CognitoGateway

ENV_SECRETS_FILE = "COGTOTP_TEST_SECRETS_FILE"

# Keys whose string values are credentials, in requests and in answers.
SENSITIVE_KEYS = frozenset(
    {
        "PASSWORD",
        "NEW_PASSWORD",
        "SECRET_HASH",
        "SMS_MFA_CODE",
        "SOFTWARE_TOKEN_MFA_CODE",
        "Session",
        "AccessToken",
        "IdToken",
        "RefreshToken",
        "SecretCode",
        "UserCode",
    }
)


@dataclasses.dataclass
class Call:
    operation: str
    request: dict[str, Any]
    response: dict[str, Any] | None = None
    error: Exception | None = None


def sensitive_items(data: Any) -> Iterator[tuple[str, str]]:
    """``(key, value)`` of every string under a sensitive key, however deep."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in SENSITIVE_KEYS and isinstance(value, str) and value:
                yield key, value
            else:
                yield from sensitive_items(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from sensitive_items(item)


class SpyGateway(CognitoGateway):
    """Fail-fast gateway (short timeouts, the production retry policy) that
    records every call."""

    def __init__(self, settings: Any, aws_profile: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("connect_timeout", 1)
        kwargs.setdefault("read_timeout", 3)
        super().__init__(settings, aws_profile=aws_profile, **kwargs)
        self.calls: list[Call] = []
        self._calls_lock = threading.Lock()
        self._sink = os.environ.get(ENV_SECRETS_FILE)

    @classmethod
    def factory(cls, made: list[SpyGateway] | None = None) -> Callable[[Any, str | None], SpyGateway]:
        """A ``gateway_factory`` that appends each gateway it builds to ``made``."""
        made = made if made is not None else []

        def build(settings: Any, aws_profile: str | None) -> SpyGateway:
            gateway = cls(settings, aws_profile)
            made.append(gateway)
            return gateway

        build.made = made  # type: ignore[attr-defined]  # a function attribute, read by the tests
        return build

    def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        call = Call(operation, copy.deepcopy(kwargs))
        with self._calls_lock:
            self.calls.append(call)
        self._export(operation, "sent", kwargs)
        try:
            response = super()._call(operation, **kwargs)
        except Exception as exc:
            call.error = exc
            raise
        call.response = copy.deepcopy(response)
        self._export(operation, "received", response)
        return response

    def _export(self, operation: str, direction: str, data: Any) -> None:
        if not self._sink:
            return
        lines = "".join(
            json.dumps({"label": f"{key} {direction} in {operation}", "value": value}) + "\n"
            for key, value in sensitive_items(data)
        )
        if lines:
            with open(self._sink, "a", encoding="utf-8") as sink:
                sink.write(lines)

    # -- reading ---------------------------------------------------------------

    def calls_of(self, *operations: str) -> list[Call]:
        with self._calls_lock:
            return [c for c in self.calls if c.operation in operations]

    def count(self) -> int:
        with self._calls_lock:
            return len(self.calls)

    def secrets(self) -> dict[str, str]:
        """Every credential sent or received so far, with where it was seen."""
        with self._calls_lock:
            calls = list(self.calls)
        found: dict[str, str] = {}
        for call in calls:
            for key, value in sensitive_items(call.request):
                found.setdefault(value, f"{key} sent in {call.operation}")
            for key, value in sensitive_items(call.response or {}):
                found.setdefault(value, f"{key} received in {call.operation}")
        return found
