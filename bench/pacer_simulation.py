"""The inventory's pacer against Cognito's quota models on a simulated clock (issue 23).

The scan's readers (32 at 120/s) share a
:class:`~cogtotp_gui.campaign.inventory.Pacer`; each reserves a slot, waits
for it (a new one if a throttle gave it up), calls the emulator's quota
model (the classes the strict emulator enforces) and waits for an answer of
a few milliseconds (or longer: ``answer``); a list stands in for the clock, so a run takes no real time and gives the
same figures on any machine, however loaded. ``tests/campaign/test_pacer.py``
holds it to ≤ 1.15× of each model's floor; ``make bench-inventory`` prints
the figures beside the ones measured over HTTP.
"""

from __future__ import annotations

import heapq
import itertools
import random

from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.inventory import Pacer
from cogtotp_gui.emulator.quota import QuotaEnforcer, SlidingWindowQuota

USERS = 1200
QUOTA = 120.0


def simulate(quota, now, *, users=USERS, max_rps=QUOTA, readers=None, seed=7, answer=(0.002, 0.012), stall=(1.0, 0.0)):
    """Read ``users`` through ``quota``; returns (seconds, throttles, answered).

    Each reader does what :class:`~cogtotp_gui.campaign.inventory._Reader`
    does: reserves a slot, sleeps until it (waking a little late), asks the
    pacer whether to call (:meth:`~cogtotp_gui.campaign.inventory.Pacer.fire`:
    a new slot if a throttle or hold gave the reserved ones up, a little
    longer if the call before went less than the pace ago), calls, and
    waits ``answer`` seconds (a range) for the reply.
    ``readers``: as many as the scan runs at ``max_rps`` (:func:`~cogtotp_gui.campaign.inventory.in_flight`).
    ``stall``: (every, for) seconds the client's process gets no processor (a busy computer): nothing
    it would do in that time happens before the stall ends.
    """
    every, lasting = stall

    def awake(when):
        into = when % every
        return when - into + lasting if into < lasting else when

    if readers is None:
        readers = inventory.in_flight(max_rps, inventory.READ_WORKERS, inventory.MAX_READ_WORKERS)
    jitter = random.Random(seed)
    pacer = Pacer(max_rps, clock=lambda: now[0])
    order = itertools.count()
    events: list[tuple[float, int, int, str, int, int]] = []

    def push(when, reader, step, attempt, epoch=0):
        heapq.heappush(events, (when, next(order), reader, step, attempt, epoch))

    for reader in range(readers):
        push(0.0, reader, "next user", 0)
    started = answered = throttled = 0
    while answered < users:
        when, _, reader, step, attempt, epoch = heapq.heappop(events)
        now[0] = when
        if step == "next user":
            if started >= users:
                continue
            started += 1
            step = "slot"
        if step == "slot":
            due, epoch = pacer.reserve()
            push(awake(max(when, due) + jitter.uniform(0, 0.004)), reader, "call", attempt, epoch)
        elif step == "call":
            wait = pacer.fire(epoch)
            if wait is None:
                push(when, reader, "slot", attempt)
                continue
            if wait > 0:
                push(awake(when + wait + jitter.uniform(0, 0.004)), reader, "call", attempt, epoch)
                continue
            refused = quota.admit("AdminGetUser")
            push(awake(when + jitter.uniform(*answer)), reader, "answered" if refused is None else "refused", attempt)
        elif step == "answered":
            pacer.answered()
            answered += 1
            push(when, reader, "next user", 0)
        else:
            throttled += 1
            pacer.slow_down()
            pacer.hold(inventory.BACKOFF_BASE * 2**attempt)
            push(when, reader, "slot", attempt + 1)
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
