"""Cognito's request-rate quotas, enforced the way the service does it.

Cognito groups its API operations into quota categories, each with a rate
per account and Region (the developer guide's quotas page); a call over the
rate fails with ``TooManyRequestsException``. :class:`QuotaEnforcer` keeps
one token bucket per category. Install one on a :class:`StrictCognito` with
``emu.set_quota(QuotaEnforcer({...}))`` so that tests and the benchmark meet
the same wall a production pool has.

The bucket holds at most ``burst`` seconds' worth of requests (0.1 s by
default): a client that spaces its calls evenly at the rate never meets it,
one that fires a burst does, and nobody can beat the rate's floor over a
long run by more than that burst.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

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


class QuotaEnforcer:
    """Token buckets per quota category.

    Args:
        rates: requests a second per category; categories left out are not
            limited. ``DEFAULT_RATES`` when omitted.
        burst: seconds' worth of requests a bucket holds (and starts with).
        clock: a monotonic clock in seconds (real time by default: quotas are
            about wall time, whatever the emulator's TOTP clock says).

    Attributes:
        accepted, rejected: calls let through / refused, per category.
    """

    def __init__(
        self,
        rates: Mapping[str, float] | None = None,
        *,
        burst: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rates = dict(DEFAULT_RATES if rates is None else rates)
        self.burst = burst
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, float] = {}
        self._stamp: dict[str, float] = {}
        self.accepted: dict[str, int] = dict.fromkeys(self.rates, 0)
        self.rejected: dict[str, int] = dict.fromkeys(self.rates, 0)

    def capacity(self, category: str) -> float:
        # At least one request, or a low rate could never be used at all.
        return max(1.0, self.rates[category] * self.burst)

    def admit(self, operation_name: str) -> CognitoError | None:
        """Take a token for this operation; a ``TooManyRequestsException`` if none is left."""
        category = CATEGORY_OF.get(operation_name)
        if category is None or category not in self.rates:
            return None
        with self._lock:
            now = self._clock()
            capacity = self.capacity(category)
            tokens = self._tokens.get(category, capacity)
            last = self._stamp.get(category, now)
            tokens = min(capacity, tokens + (now - last) * self.rates[category])
            self._stamp[category] = now
            if tokens >= 1.0:
                self._tokens[category] = tokens - 1.0
                self.accepted[category] += 1
                return None
            self._tokens[category] = tokens
            self.rejected[category] += 1
        return too_many_requests()
