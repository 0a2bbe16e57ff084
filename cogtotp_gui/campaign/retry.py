"""Trying again after a busy answer: exponential back-off with jitter (Qt-free).

Throttles are botocore's own business (``retries={"mode": "standard"}`` on
every client); what it does not retry is ours: a DynamoDB transaction
cancelled because it collided with another one (``TransactionConflict`` in
``CancellationReasons``: botocore sees a ``TransactionCanceledException``
and gives up), and Cognito's throttles during an inventory scan, which the
scan paces itself. Both wait ``min(cap, base * 2**attempt)`` scaled by a
random factor (AWS Architecture Blog, "Exponential Backoff And Jitter"):
``floor=0`` is full jitter, ``floor=0.5`` equal jitter.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Busy", "jittered", "retried"]

T = TypeVar("T")


class Busy(Exception):
    """Raised by an attempt to say "try again later"; ``error`` is what the
    caller gets when the attempts run out."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def jittered(attempt: int, *, base: float, cap: float, floor: float = 0.0, rng: random.Random | None = None) -> float:
    """Seconds to wait after the ``attempt``-th busy answer (0-based)."""
    return min(cap, base * 2**attempt) * (rng or random).uniform(floor, 1.0)


def retried(
    attempt: Callable[[], T],
    *,
    attempts: int,
    base: float,
    cap: float,
    sleep: Callable[[float], None],
    rng: random.Random | None = None,
) -> T:
    """``attempt()``, called again after a jittered wait each time it raises
    :class:`Busy`, at most ``attempts`` times in all.

    Raises:
        Exception: the last :class:`Busy`'s ``error`` when every attempt was busy;
            anything else ``attempt`` raises, at once.
    """
    for number in range(attempts):
        try:
            return attempt()
        except Busy as busy:
            if number + 1 == attempts:
                raise busy.error from None
        sleep(jittered(number, base=base, cap=cap, rng=rng))
    raise ValueError("attempts must be at least 1")
