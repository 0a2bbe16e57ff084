"""The lead's figures from the campaign item alone: burn-down, finish, per-operator pace."""

from __future__ import annotations

import pytest

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.dynamo import counts_of
from cogtotp_gui.campaign.team.model import CampaignInfo
from cogtotp_gui.campaign.team.progress import day_start, progress
from cogtotp_gui.campaign.trend import DAY

START = day_start("2026-11-02")


def _info(by_day: dict[str, int], waiting: int, **counts: int) -> CampaignInfo:
    states = dict.fromkeys(UserState, 0)
    states[UserState.WAITING] = waiting
    for name, n in counts.items():
        states[UserState(name)] = n
    return CampaignInfo(
        name="spring",
        pool_id="eu-west-1_X",
        schema=1,
        created_at=START,
        lease_seconds=120,
        counts=states,
        by_day=by_day,
        by_operator={"arn:aws:iam::1:user/alice": 20, "arn:aws:iam::1:user/bob": 10, "arn:aws:iam::1:user/idle": 0},
    )


def test_burn_down_falls_by_each_day_and_finishes_at_the_pace():
    info = _info({"2026-11-02": 10, "2026-11-03": 10, "2026-11-04": 10}, waiting=70, enrolled=30)
    now = START + 3 * DAY  # the end of the third day
    p = progress(info, now)
    assert (p.total, p.left) == (100, 70)
    assert [pt.value for pt in p.burn_down.points] == [100, 90, 80, 70]
    assert p.burn_down.per_day == pytest.approx(-10)
    assert p.burn_down.finish == pytest.approx(now + 7 * DAY)
    assert [pt.value for pt in p.finished_per_day] == [10, 10, 10]
    assert [(o.operator.rsplit("/", 1)[1], o.finished) for o in p.operators] == [("alice", 20), ("bob", 10)]
    assert p.operators[0].per_day == pytest.approx(20 / 3)


def test_no_estimate_before_any_work_and_done_when_nobody_is_left():
    fresh = progress(_info({}, waiting=50), START + 600)
    assert fresh.burn_down.finish is None and fresh.left == 50 and fresh.operators[0].finished == 20
    done = progress(_info({"2026-11-02": 5}, waiting=0, verified=5), START + 2 * DAY)
    assert done.left == 0 and done.burn_down.finish == pytest.approx(START + 2 * DAY)


def test_a_malformed_day_is_left_out():
    info = _info({"2026-11-02": 10, "not-a-day": 99}, waiting=90, enrolled=10)
    assert [pt.value for pt in progress(info, START + DAY / 2).finished_per_day] == [10]


def test_from_moto_the_counts_equal_the_scan_and_each_desk_is_an_operator(desk_factory):
    alice, bob = desk_factory("alice"), desk_factory("bob")
    alice.import_users([f"u{i}" for i in range(6)])
    for desk, outcome in ((alice, UserState.ENROLLED), (bob, UserState.VERIFIED), (alice, UserState.FAILED)):
        user = desk.claim_next()
        desk.finish(user.lease, outcome, error="network" if outcome is UserState.FAILED else "")
    info = alice.info()
    p = progress(info, alice.now())
    assert p.counts == counts_of(alice.users())
    assert (p.total, p.left) == (6, 3)
    assert {o.operator.rsplit("/", 1)[1]: o.finished for o in p.operators} == {"alice": 2, "bob": 1}
    assert p.burn_down.points[-1].value == 3
