"""Progress over time (issue 23): each scan keeps its counts, the trend of the SMS count and its finish date."""

from __future__ import annotations

import sqlite3

import pytest

from cogtotp_gui.campaign.inventory import scan
from cogtotp_gui.campaign.inventory_query import InventoryQuery, history, scan_history
from cogtotp_gui.campaign.inventory_store import InventoryStore
from cogtotp_gui.campaign.queue import SessionQueue, UserState
from cogtotp_gui.campaign.sessions import SessionStore
from cogtotp_gui.campaign.trend import DAY, Point, daily_totals, trend
from cogtotp_gui.emulator.seed import seed_inventory_users
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode


def test_a_falling_count_gets_its_pace_and_finish():
    points = [Point(0, 1000), Point(DAY, 900), Point(2 * DAY, 800)]
    result = trend(points)
    assert result.per_day == pytest.approx(-100)
    assert result.finish == pytest.approx(2 * DAY + 8 * DAY)
    assert result.days_left(2 * DAY) == pytest.approx(8)


def test_no_finish_without_two_points_a_span_or_a_fall():
    assert trend([Point(0, 10)]).finish is None
    assert trend([Point(0, 10), Point(60, 5)]).finish is None  # a minute apart says nothing
    rising = trend([Point(0, 10), Point(DAY, 12)])
    assert rising.per_day == pytest.approx(2) and rising.finish is None
    done = trend([Point(0, 10), Point(DAY, 0)])
    assert done.finish == DAY


def test_the_pace_is_todays_not_last_years():
    # A fast start long ago, then a slow recent pace: the estimate follows the recent weeks.
    old = [Point(-400 * DAY, 100_000), Point(-399 * DAY, 50_000)]
    recent = [Point(i * DAY, 1000 - 10 * i) for i in range(10)]
    result = trend(old + recent)
    assert result.per_day == pytest.approx(-10)
    assert result.finish == pytest.approx(9 * DAY + 910 / 10 * DAY)


def test_daily_totals_count_per_local_day():
    hour = 3600.0
    moments = [DAY + hour, DAY + 2 * hour, 3 * DAY + 23 * hour]
    assert daily_totals(moments) == [Point(DAY, 2), Point(3 * DAY, 1)]
    # Nine hours ahead of UTC, 23:00 UTC on day 3 is already day 4 there.
    assert daily_totals(moments, utc_offset_s=9 * hour)[-1] == Point(4 * DAY - 9 * hour, 1)


def _gateway(emulator):
    settings = ConnectionSettings(
        user_pool_id=emulator.seed.pool_id,
        client_id=emulator.seed.client_id,
        region=emulator.seed.region,
        mode=SignInMode.ADMIN,
        endpoint_url=emulator.endpoint_url,
    )
    return CognitoGateway(settings, max_attempts=1, connect_timeout=2, read_timeout=5)


def test_every_finished_scan_keeps_its_counts_and_the_history_reads_them(emulator, tmp_path):
    path = tmp_path / "campaign.sqlite3"
    pool = emulator.seed.pool_id
    seed_inventory_users(emulator.emu, pool, 40, region=emulator.seed.region)
    clock = iter([1000.0 + i for i in range(10_000)])
    store = InventoryStore.open(path)
    first = scan(_gateway(emulator), store, pool, exact=True, max_rps=500, clock=lambda: next(clock))
    assert first.counts["sms"] > 0
    later = iter([1000.0 + DAY + i for i in range(10_000)])  # a day later
    second = scan(_gateway(emulator), store, pool, exact=True, max_rps=500, clock=lambda: next(later))
    store.close()
    with InventoryQuery.open(path, pool) as query:
        scans = scan_history(query)
        assert [s.scan_id for s in scans] == [first.scan_id, second.scan_id]
        assert scans[0].counts == first.counts and scans[1].counts == second.counts
        assert scans[1].finished_at - scans[0].finished_at == pytest.approx(DAY, abs=600)
        # A copy of the counts per state, not of every user.
        rows = query.db.connection.execute("SELECT COUNT(*) FROM inventory_scan_counts").fetchone()[0]
        assert rows <= 2 * 5


def test_the_history_carries_enrolments_a_day_from_real_sessions(tmp_path):
    path = tmp_path / "campaign.sqlite3"
    sessions = SessionStore.open(path)
    for training, names in ((False, ["a", "b", "c"]), (True, ["t"])):
        now = [5 * DAY]
        queue = SessionQueue(names, clock=lambda now=now: now[0])
        session_id = sessions.create(queue, operator="op", connection="c", source="x", now=now[0], training=training)
        sessions.attach(session_id, queue)
        for name in names:
            queue.begin(name)
            now[0] += 3600
            queue.finish(name, UserState.ENROLLED)
    sessions.close()
    InventoryStore.open(path).close()
    connection = sqlite3.connect(path)
    with connection:
        for scan_id, when, sms in ((1, 4 * DAY, 100), (2, 6 * DAY, 60)):
            connection.execute(
                "INSERT INTO inventory_scans (id, pool_id, exact, started_at, finished_at, listing_done)"
                " VALUES (?, 'eu-west-1_Hist', 1, ?, ?, 1)",
                (scan_id, when - 60, when),
            )
            connection.execute("INSERT INTO inventory_scan_counts VALUES (?, 'sms', ?)", (scan_id, sms))
    connection.close()
    with InventoryQuery.open(path, "eu-west-1_Hist") as query:
        result = history(query, utc_offset_s=0)
    assert [p.value for p in result.sms.points] == [100, 60]
    assert result.sms.per_day == pytest.approx(-20)
    assert result.sms.finish == pytest.approx(6 * DAY + 3 * DAY)
    assert result.enrolled == [Point(5 * DAY, 3)]  # the training session is left out
