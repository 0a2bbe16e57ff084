"""The strict Cognito emulator: moto's Cognito made to behave like the real one.

Used by the demo/training mode (with its "training phone" window) and by the
tests. See ``StrictCognito`` for what it adds over moto, ``EmulatorServer``
to serve it over HTTP, and ``seed_training_pool`` for the training users.

The names below load lazily: ``cogtotp_gui.emulator.totp`` (used by the
training phone and the benchmarks) must not drag moto, Flask and werkzeug
into a process that only needs an RFC 6238 code.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "EmulatorServer": ".server",
    "ManualClock": ".clock",
    "SeedResult": ".seed",
    "add_app_client": ".seed",
    "SeedUser": ".seed",
    "SmsMessage": ".outbox",
    "StrictCognito": ".strict",
    "seed_mfa_required_pool": ".seed",
    "seed_sms_only_required_pool": ".seed",
    "seed_user_auth_pool": ".seed",
    "EmailMessage": ".outbox",
    "seed_training_pool": ".seed",
    "totp_code": ".totp",
}

# The keys of _EXPORTS, spelled out: linters and type checkers read __all__
# statically. tests/emulator/test_exports.py checks the two agree.
__all__ = [
    "EmailMessage",
    "EmulatorServer",
    "ManualClock",
    "SeedResult",
    "SeedUser",
    "SmsMessage",
    "StrictCognito",
    "add_app_client",
    "seed_mfa_required_pool",
    "seed_sms_only_required_pool",
    "seed_training_pool",
    "seed_user_auth_pool",
    "totp_code",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
