"""Cognito's request-rate quotas, enforced the way the service does it.

Cognito groups its API operations into quota categories, each with a rate
per account and Region (the developer guide's quotas page); a call over the
rate fails with ``TooManyRequestsException``. AWS does not say how the rate
is counted, so the emulator has three models, all with the same interface
(``admit``, ``accepted``, ``rejected``); install one on a
:class:`StrictCognito` with ``emu.set_quota(...)`` so that tests and the
benchmark meet the walls a production pool may have:

- :class:`QuotaEnforcer`: a token bucket per category. The bucket holds at
  most ``burst`` seconds' worth of requests (0.1 s by default): a client that
  spaces its calls evenly at the rate never meets it, one that fires a burst
  does, and nobody can beat the rate's floor over a long run by more than
  that burst. With ``other_traffic``, other applications of the account draw
  from the same bucket at that rate (arriving at random, as sign-ins do,
  and served first): a client is left ``rate - other`` on average, and
  meets a throttle now and then even below it.
- :class:`SlidingWindowQuota`: at most ``rate`` calls in any one-second
  window (no burst credit at all): an even pace exactly at the rate is on
  the edge, and a little jitter in a client's threads meets the wall.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Protocol

from .errors import CognitoError

# The categories the campaign features touch, with their default rates.
USER_LIST = "UserList"
USER_READ = "UserRead"
USER_POOL_RESOURCE_READ = "UserPoolResourceRead"
USER_AUTHENTICATION = "UserAuthentication"
USER_RESOURCE_UPDATE = "UserResourceUpdate"

DEFAULT_RATES: dict[str, float] = {
    USER_LIST: 30.0,
    USER_READ: 120.0,
    USER_POOL_RESOURCE_READ: 20.0,
    USER_AUTHENTICATION: 120.0,
    USER_RESOURCE_UPDATE: 25.0,
}

CATEGORY_OF: dict[str, str] = {
    "ListUsers": USER_LIST,
    "ListUsersInGroup": USER_LIST,
    "AdminGetUser": USER_READ,
    "AdminGetUserAuthFactors": USER_READ,
    "GetUserPoolMfaConfig": USER_POOL_RESOURCE_READ,
    "DescribeUserPool": USER_POOL_RESOURCE_READ,
    "DescribeUserPoolClient": USER_POOL_RESOURCE_READ,
    "AdminInitiateAuth": USER_AUTHENTICATION,
    "InitiateAuth": USER_AUTHENTICATION,
    "AssociateSoftwareToken": USER_RESOURCE_UPDATE,
    "VerifySoftwareToken": USER_RESOURCE_UPDATE,
    "SetUserMFAPreference": USER_RESOURCE_UPDATE,
    "AdminSetUserMFAPreference": USER_RESOURCE_UPDATE,
    "AdminDeleteSoftwareToken": USER_RESOURCE_UPDATE,
}

RATE_EXCEEDED = "Rate exceeded"


def too_many_requests() -> CognitoError:
    return CognitoError("TooManyRequestsException", RATE_EXCEEDED)


class Quota(Protocol):
    """What the emulator asks a quota model (any of this module's)."""

    model: str
    rates: dict[str, float]
    accepted: dict[str, int]
    rejected: dict[str, int]

    def admit(self, operation_name: str) -> CognitoError | None: ...


class _PerCategory:
    """What every quota model shares: rates per category, the count of calls
    let through and refused, one lock; :meth:`_take` is the model's rule."""

    model = ""

    def __init__(self, rates: Mapping[str, float] | None, clock: Callable[[], float]) -> None:
        self.rates = dict(DEFAULT_RATES if rates is None else rates)
        self._clock = clock
        self._lock = threading.Lock()
        self.accepted: dict[str, int] = dict.fromkeys(self.rates, 0)
        self.rejected: dict[str, int] = dict.fromkeys(self.rates, 0)

    def admit(self, operation_name: str) -> CognitoError | None:
        """Let the call through, or a ``TooManyRequestsException``."""
        category = CATEGORY_OF.get(operation_name)
        if category is None or category not in self.rates:
            return None
        with self._lock:
            if self._take(category, self._clock()):
                self.accepted[category] += 1
                return None
            self.rejected[category] += 1
        return too_many_requests()

    def _take(self, category: str, now: float) -> bool:
        """Whether a call of ``category`` may go through at ``now`` (under the lock)."""
        raise NotImplementedError


class QuotaEnforcer(_PerCategory):
    """Token buckets per quota category.

    Args:
        rates: requests a second per category; categories left out are not
            limited. ``DEFAULT_RATES`` when omitted.
        burst: seconds' worth of requests a bucket holds (and starts with).
        clock: a monotonic clock in seconds (real time by default: quotas are
            about wall time, whatever the emulator's TOTP clock says).
        other_traffic: per category, requests a second that other
            applications of the account make from the same bucket, arriving
            at random (a Poisson process; ``seed`` makes it repeatable).

    Attributes:
        accepted, rejected: calls let through / refused, per category
            (the client's only; ``other_accepted`` counts the others').
    """

    model = "token bucket"

    def __init__(
        self,
        rates: Mapping[str, float] | None = None,
        *,
        burst: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
        other_traffic: Mapping[str, float] | None = None,
        seed: int = 23,
    ) -> None:
        super().__init__(rates, clock)
        self.burst = burst
        self.other_traffic = dict(other_traffic or {})
        self._random = random.Random(seed)
        self._tokens: dict[str, float] = {}
        self._stamp: dict[str, float] = {}
        self.other_accepted: dict[str, int] = dict.fromkeys(self.rates, 0)

    def capacity(self, category: str) -> float:
        # At least one request, or a low rate could never be used at all.
        return max(1.0, self.rates[category] * self.burst)

    def _take(self, category: str, now: float) -> bool:
        """A token for the call, if one is left."""
        capacity = self.capacity(category)
        tokens = self._tokens.get(category, capacity)
        last = self._stamp.get(category, now)
        tokens = self._refill(category, tokens, max(0.0, now - last), capacity)
        self._stamp[category] = now
        taken = tokens >= 1.0
        self._tokens[category] = tokens - 1.0 if taken else tokens
        return taken

    def _refill(self, category: str, tokens: float, elapsed: float, capacity: float) -> float:
        """The bucket after ``elapsed`` seconds: refilled, and drawn on by the other applications."""
        other = self.other_traffic.get(category, 0.0)
        if other <= 0:
            return min(capacity, tokens + elapsed * self.rates[category])
        # Others' calls arrive at random in the interval and are served first
        # (production is not ours to throttle): each takes a token, running the
        # bucket into debt down to one bucketful; stepping through them keeps
        # refill and draw in order.
        rate = self.rates[category]
        left = elapsed
        while True:
            gap = self._random.expovariate(other)
            if gap >= left:
                return min(capacity, tokens + left * rate)
            tokens = min(capacity, tokens + gap * rate)
            left -= gap
            if tokens >= 1.0 - capacity:
                tokens -= 1.0
                self.other_accepted[category] += 1


class SlidingWindowQuota(_PerCategory):
    """At most ``rate`` calls per category in any one-second window.

    Args and attributes as :class:`QuotaEnforcer` (no burst, no other traffic).
    """

    model = "sliding one-second window"

    def __init__(
        self,
        rates: Mapping[str, float] | None = None,
        *,
        window: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(rates, clock)
        self.window = window
        self._calls: dict[str, deque[float]] = {category: deque() for category in self.rates}

    def _take(self, category: str, now: float) -> bool:
        """Room in the category's window for the call."""
        calls = self._calls[category]
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        if len(calls) < math.floor(self.rates[category] * self.window):
            calls.append(now)
            return True
        return False
