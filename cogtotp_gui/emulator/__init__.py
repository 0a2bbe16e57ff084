"""The strict Cognito emulator: moto's Cognito made to behave like the real one.

Used by the demo/training mode (with its "training phone" window) and by the
tests. See ``StrictCognito`` for what it adds over moto, ``EmulatorServer``
to serve it over HTTP, and ``seed_training_pool`` for the training users.
"""

from .clock import ManualClock
from .outbox import SmsMessage
from .seed import SeedResult, SeedUser, seed_mfa_required_pool, seed_training_pool
from .server import EmulatorServer
from .strict import StrictCognito
from .totp import totp_code

__all__ = [
    "EmulatorServer",
    "ManualClock",
    "SeedResult",
    "SeedUser",
    "SmsMessage",
    "StrictCognito",
    "seed_mfa_required_pool",
    "seed_training_pool",
    "totp_code",
]
