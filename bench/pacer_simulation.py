"""The inventory's pacer against Cognito's quota models on a simulated clock (issue 23).

Four readers share a :class:`~cogtotp_gui.campaign.inventory.Pacer`; each
waits for its slot, calls the emulator's quota model (the classes the
strict emulator enforces) and waits for an answer of a few milliseconds; a
list stands in for the clock, so a run takes no real time and gives the
same figures on any machine, however loaded. ``tests/campaign/test_pacer.py``
holds it to ≤ 1.15× of each model's floor; ``make bench-inventory`` prints
the figures beside the ones measured over HTTP.
"""

from __future__ import annotations

import heapq
import random

from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.inventory import Pacer
from cogtotp_gui.emulator.quota import QuotaEnforcer, SlidingWindowQuota

USERS = 1200
QUOTA = 120.0


def simulate(quota, now, *, users=USERS, max_rps=QUOTA, readers=4, seed=7, monkeypatch=None):
    """Read ``users`` through ``quota``; returns (seconds, throttles, answered)."""
    jitter = random.Random(seed)
    pacer = Pacer(max_rps, clock=lambda: now[0])
    events = [(0.0, reader, 0) for reader in range(readers)]
    heapq.heapify(events)
    started = answered = throttled = 0
    while answered < users:
        when, reader, attempt = heapq.heappop(events)
        now[0] = when
        if attempt == 0:
            if started >= users:
                continue
            started += 1
        # A thread wakes a little late; a reply takes a few milliseconds.
        now[0] = when + pacer.slot() + jitter.uniform(0, 0.004)
        refused = quota.admit("AdminGetUser")
        now[0] += jitter.uniform(0.002, 0.012)
        if refused is None:
            pacer.answered()
            answered += 1
            heapq.heappush(events, (now[0], reader, 0))
        else:
            throttled += 1
            pacer.slow_down()
            pacer.hold(inventory.BACKOFF_BASE * 2**attempt)
            heapq.heappush(events, (now[0], reader, attempt + 1))
    return now[0], throttled, answered


MODELS = {
    "token bucket": (lambda now: QuotaEnforcer({"UserRead": QUOTA}, clock=lambda: now[0]), 0.0),
    "sliding one-second window": (lambda now: SlidingWindowQuota({"UserRead": QUOTA}, clock=lambda: now[0]), 0.0),
    "bucket shared with 40/s": (
        lambda now: QuotaEnforcer({"UserRead": QUOTA}, clock=lambda: now[0], other_traffic={"UserRead": 40.0}),
        40.0,
    ),
    "bucket shared with 60/s": (
        lambda now: QuotaEnforcer({"UserRead": QUOTA}, clock=lambda: now[0], other_traffic={"UserRead": 60.0}),
        60.0,
    ),
}
SHORT = {
    "token bucket": "bucket",
    "sliding one-second window": "window",
    "bucket shared with 40/s": "shared40",
    "bucket shared with 60/s": "shared60",
}


def figures() -> dict[str, float]:
    """``sim_<model>_ratio`` and ``sim_<model>_throttled`` for each model (1,200 users, 120/s)."""
    result: dict[str, float] = {}
    for key, (make, other) in MODELS.items():
        now = [0.0]
        seconds, throttled, _ = simulate(make(now), now)
        name = SHORT[key]
        result[f"sim_{name}_ratio"] = seconds / (USERS / (QUOTA - other))
        result[f"sim_{name}_throttled"] = throttled
    return result
