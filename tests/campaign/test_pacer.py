"""The inventory's pace against Cognito's quota models, on a fake clock (issue 23): an isolated
throttle costs little, sustained throttling backs off hard, and a scan lands near each model's floor.

The scans here are discrete-event simulations (bench/pacer_simulation.py): four readers share a
:class:`Pacer`, each waits for its slot, calls the emulator's quota model (the same classes the strict
emulator enforces) and waits for an answer; a clock list stands in for time, so nothing sleeps and
every figure is repeatable. The benchmark (bench/inventory_bench.py) measures the same over HTTP.
"""

from __future__ import annotations

import itertools

import pytest

from bench.pacer_simulation import MODELS, QUOTA, USERS
from bench.pacer_simulation import simulate as _scan
from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.inventory import Pacer
from cogtotp_gui.emulator.quota import SlidingWindowQuota


@pytest.mark.parametrize("model", list(MODELS))
def test_a_scan_at_the_quota_lands_within_15_percent_of_each_models_floor(model):
    make, other = MODELS[model]
    now = [0.0]
    seconds, throttled, answered = _scan(make(now), now)
    floor = USERS / (QUOTA - other)
    assert answered == USERS  # nobody lost or skipped
    assert seconds <= 1.15 * floor, (model, seconds / floor, throttled)
    assert throttled <= 40, (model, throttled)


def test_the_old_additive_climb_lost_a_third_on_the_sliding_window(monkeypatch):
    """What issue 23 measured, reproduced: recover by 1/s a second after dropping to 0.7x."""
    monkeypatch.setattr(inventory, "RATE_DECREASE", 0.7)
    monkeypatch.setattr(inventory, "RECOVERY_TARGET", 0.0)  # no fast recovery: probe from the start
    monkeypatch.setattr(inventory, "PROBE_STEP_MAX", 1.0)  # +1/s a second, as before
    now = [0.0]
    seconds, _, _ = _scan(SlidingWindowQuota({"UserRead": QUOTA}, clock=lambda: now[0]), now)
    assert seconds > 1.2 * USERS / QUOTA


def test_an_isolated_throttle_is_recovered_within_seconds():
    now = [0.0]
    pacer = Pacer(120.0, clock=lambda: now[0])
    for _ in range(240):  # two seconds at the full pace
        now[0] += 1 / 120
        pacer.answered()
    pacer.slow_down()
    assert pacer.rate == pytest.approx(120.0 * inventory.RATE_DECREASE, rel=0.02)
    assert pacer.slot() == 0.0 and pacer.slot() == pytest.approx(1 / pacer.rate)  # spaced at the new pace
    pacer.slow_down()  # the other readers' calls in flight met the same wall: no second drop
    assert pacer.rate == pytest.approx(120.0 * inventory.RATE_DECREASE, rel=0.02)
    elapsed = 0.0
    while pacer.rate < 0.95 * 120.0:
        step = 1 / pacer.rate
        now[0] += step
        elapsed += step
        pacer.answered()
    assert elapsed < 3.0  # was ~36 s with +1/s a second from 0.7x
    for _ in range(10_000):
        now[0] += 1 / pacer.rate
        pacer.answered()
    assert pacer.rate == 120.0  # back at --max-rps, never above


def test_sustained_throttling_backs_off_hard():
    """When nothing gets through, each throttle (once a second) lowers the ceiling to what did."""
    now = [0.0]
    pacer = Pacer(120.0, clock=lambda: now[0])
    for _ in range(120):
        now[0] += 1 / 120
        pacer.answered()
    rates = []
    for _ in range(4):  # a second of refusals after another
        now[0] += 1.0
        pacer.slow_down()
        rates.append(pacer.rate)
    assert rates[0] < 120 * 0.1  # nothing got through in the last second: the ceiling fell with it
    assert rates[-1] == inventory.RATE_FLOOR


def test_a_lowered_ceiling_is_probed_upwards_ever_faster():
    """After the other traffic stops, the pace finds the freed quota in seconds, not minutes."""
    now = [0.0]
    pacer = Pacer(120.0, clock=lambda: now[0])
    for _ in range(60):
        now[0] += 1 / 60
        pacer.answered()
    pacer._set_rate(60.0)
    pacer.slow_down()  # ceiling ~60: the other applications took the rest
    elapsed = 0.0
    while pacer.rate < 119.0:
        step = 1 / pacer.rate
        now[0] += step
        elapsed += step
        pacer.answered()
    assert elapsed < 20.0  # +1/s a second would take a minute


def test_a_throttle_gives_up_the_slots_reserved_at_the_old_pace():
    """Every idle reader holds a slot; after a throttle they take new ones, after the hold, at the new pace."""
    now = [0.0]
    pacer = Pacer(120.0, clock=lambda: now[0])
    for _ in range(120):
        now[0] += pacer.slot()
        assert pacer.fire(pacer.epoch) == 0.0
        now[0] += 1 / 120
        pacer.answered()
    reserved = [pacer.reserve() for _ in range(30)]  # 30 readers waiting, a quarter second deep
    assert reserved[-1][0] - now[0] == pytest.approx(29 / 120)
    pacer.slow_down()
    pacer.hold(0.05)
    now[0] += 29 / 120
    assert all(pacer.fire(epoch) is None for _, epoch in reserved)
    due, epoch = pacer.reserve()
    assert due == pytest.approx(now[0])  # the hold is over: the schedule starts again now...
    assert pacer.reserve()[0] == pytest.approx(now[0] + 1 / pacer.rate)  # ...at the lowered pace
    assert pacer.fire(epoch) == 0.0
    pacer.hold(0.05)
    now[0] += 0.01
    pacer.hold(0.01)  # a shorter hold does not shorten the longer one
    assert pacer.slot() == pytest.approx(0.04) and pacer.fire(epoch) is None


def test_late_readers_call_a_pace_apart_never_together():
    """After a stall the readers woken at once would send a burst that a token bucket refuses, and
    catching up at a pace equal to the bucket's rate drains it: calls go a pace apart, late or not."""
    now = [0.0]
    pacer = Pacer(120.0, clock=lambda: now[0])
    slots = [pacer.reserve() for _ in range(30)]
    now[0] = slots[10][0] + 0.1  # the computer stalled: eleven readers wake together
    waiting = [epoch for _, epoch in slots[:11]]
    sent = []
    while waiting:
        for epoch in list(waiting):
            wait = pacer.fire(epoch)
            assert wait is not None  # no throttle: the slots stay theirs
            if wait == 0.0:
                sent.append(now[0])
                waiting.remove(epoch)
        now[0] += 0.0005
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent)]
    assert min(gaps) >= 1 / 120 - inventory.EARLY_S - 0.0005
    assert sent[-1] - sent[0] == pytest.approx(10 / 120 - inventory.EARLY_S, abs=0.001)  # nor slower


@pytest.mark.parametrize("model", list(MODELS))
def test_with_round_trips_of_a_distant_region_the_readers_still_keep_the_pace(model):
    """50-100 ms answers: the scan's readers (in_flight) land near each floor; four readers could not."""
    readers = inventory.in_flight(QUOTA, inventory.READ_WORKERS, inventory.MAX_READ_WORKERS)
    make, other = MODELS[model]
    floor = USERS / (QUOTA - other)
    now = [0.0]
    seconds, throttled, answered = _scan(make(now), now, readers=readers, answer=(0.05, 0.1))
    assert answered == USERS
    assert seconds <= 1.2 * floor, (model, seconds / floor, throttled)
    now = [0.0]
    capped, _, _ = _scan(make(now), now, readers=4, answer=(0.05, 0.1))
    assert capped > 1.2 * floor or other >= 60  # 4 / 75 ms = 53/s: only 60/s of other traffic leaves less


def test_after_a_stall_the_waiting_readers_do_not_burst_into_the_bucket():
    """A busy computer gives the scan no processor for 0.15 s every second: the readers woken late take
    new slots (Pacer.usable), so the token bucket (0.1 s of burst) refuses nothing; firing the slots
    they held would send a quarter second's calls at once."""
    make, _ = MODELS["token bucket"]
    now = [0.0]
    seconds, throttled, answered = _scan(make(now), now, stall=(1.0, 0.15))
    assert answered == USERS and throttled == 0
    assert seconds <= USERS / QUOTA / (1 - 0.15)  # no worse than the time the stalls take away


def test_what_got_through_is_measured_from_the_first_call_not_from_the_pacers_making():
    """The readers start when the first page is listed: a throttle in their first second must not
    count the wait before it as a second in which little got through."""
    now = [0.0]
    pacer = Pacer(120.0, clock=lambda: now[0])
    now[0] = 0.4  # the first page is listed
    for _ in range(72):  # 0.6 s at the full pace
        now[0] += pacer.slot()
        now[0] += 1 / 120
        pacer.answered()
    pacer.slow_down()
    assert pacer.ceiling == pytest.approx(120.0, rel=0.02)  # not 72/s
