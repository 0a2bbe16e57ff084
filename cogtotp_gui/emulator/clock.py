"""Clocks the emulator can run on."""

from __future__ import annotations

import threading
import time


class ManualClock:
    """A clock that only moves when told to.

    Tests use it to expire sessions and to age TOTP codes without waiting.
    It is callable like ``time.time`` so it can be passed wherever a clock
    function is expected. Reads and writes are locked because the emulator
    server reads it from its request threads while a test advances it.
    """

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else float(start)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward (or back, with a negative value)."""
        with self._lock:
            self._now += seconds

    def set(self, now: float) -> None:
        """Jump to an absolute Unix time."""
        with self._lock:
            self._now = float(now)
