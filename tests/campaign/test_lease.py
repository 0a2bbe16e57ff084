"""Leases that trust no other process's clock (design §9), and the ordered writer."""

from __future__ import annotations

import threading

import pytest

from cogtotp_gui.campaign.database import DatabaseProblem, DatabaseUnavailable
from cogtotp_gui.campaign.lease import Holder, LeaseRecord, LeaseWatch, SessionHeld, VersionWatch
from cogtotp_gui.campaign.queue import SessionQueue, UserState
from cogtotp_gui.campaign.sessions import SessionStore
from cogtotp_gui.campaign.writer import OrderedWriter, WriterClosed
from cogtotp_gui.platform.processes import host_name


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


ELSEWHERE = Holder("helpdesk2", "another-desk.example", 1)


def test_a_version_unchanged_for_a_lease_duration_on_the_waiters_clock_is_stale():
    clock = Clock()
    watch = LeaseWatch(60.0, clock=clock, alive=lambda pid: True)
    assert not watch.stale(7, LeaseRecord(ELSEWHERE, 3))
    clock.now += 59.9
    assert not watch.stale(7, LeaseRecord(ELSEWHERE, 3))
    assert watch.seconds_left(7) == pytest.approx(0.1)
    clock.now += 0.1
    assert watch.stale(7, LeaseRecord(ELSEWHERE, 3))


def test_a_renewal_starts_the_wait_again_whatever_the_holders_clock_says():
    clock = Clock()
    watch = LeaseWatch(60.0, clock=clock, alive=lambda pid: True)
    watch.stale(7, LeaseRecord(ELSEWHERE, 3))
    clock.now += 59
    assert not watch.stale(7, LeaseRecord(ELSEWHERE, 4))  # renewed
    clock.now += 59
    assert not watch.stale(7, LeaseRecord(ELSEWHERE, 4))
    clock.now += 1
    assert watch.stale(7, LeaseRecord(ELSEWHERE, 4))


def test_on_this_host_a_holder_whose_process_is_gone_is_stale_at_once():
    clock = Clock()
    here = Holder("helpdesk1", host_name(), 4242)
    assert LeaseWatch(60.0, clock=clock, alive=lambda pid: False).stale(1, LeaseRecord(here, 1))
    assert not LeaseWatch(60.0, clock=clock, alive=lambda pid: True).stale(1, LeaseRecord(here, 1))
    # Another host's process ids mean nothing here: only the version counts.
    assert not LeaseWatch(60.0, clock=clock, alive=lambda pid: False).stale(1, LeaseRecord(ELSEWHERE, 1))


def test_the_real_process_check_knows_this_process_and_a_finished_one():
    import subprocess
    import sys

    from cogtotp_gui.platform.processes import process_alive, process_id

    assert process_alive(process_id()) is True
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert process_alive(child.pid) is False


# -- the ordered store: sessions held by one process, the writer off the caller's thread ------


@pytest.fixture
def path(tmp_path):
    return tmp_path / "data" / "campaign.sqlite3"


def test_a_second_process_cannot_resume_a_held_session_until_it_takes_it_over(path):
    first = SessionStore.ordered(path)
    queue = SessionQueue(["alice", "bob"])
    session_id = first.create(queue, operator="helpdesk1", connection="Staging")
    lease = first.hold(session_id, "helpdesk1")
    first.attach(session_id, queue)
    second = SessionStore.ordered(path)
    # Same host, same pid here: pretend the second is another process.
    import cogtotp_gui.campaign.lease as lease_module

    real = lease_module.process_id
    lease_module.process_id = lambda: real() + 1
    try:
        with pytest.raises(SessionHeld) as held:
            second.hold(session_id, "helpdesk2")
        assert held.value.record.holder.operator == "helpdesk1"
        problems = []
        first_failed = threading.Event()

        def on_error(error):
            problems.append(error)
            first_failed.set()

        first.attach(session_id, queue, on_error=on_error)
        taken = second.hold(session_id, "helpdesk2", take_over=held.value.record.version)
        assert taken.version > lease.version
        queue.begin("alice")  # the first process goes on: refused, and told
        assert first_failed.wait(10)
        assert problems[0].problem is DatabaseProblem.TAKEN_OVER
        assert second.entries(session_id)[0].state is UserState.WAITING
    finally:
        lease_module.process_id = real
        first.close()
        second.close()


def test_next_user_can_wait_until_every_change_handed_over_is_on_disk(path):
    store = SessionStore.ordered(path)
    queue = SessionQueue([f"user{i}" for i in range(30)])
    session_id = store.create(queue, operator="op", connection="c")
    store.hold(session_id, "op")
    store.attach(session_id, queue)
    for entry in list(queue):
        queue.begin(entry.username)
        queue.finish(entry.username, UserState.ENROLLED)
    flushed = threading.Event()
    store.when_flushed(flushed.set)
    assert flushed.wait(30)
    reader = SessionStore.open(path)
    try:
        assert {e.state for e in reader.entries(session_id)} == {UserState.ENROLLED}
    finally:
        reader.close()
        store.close()


def test_an_ordered_store_that_cannot_open_says_so_at_once(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(DatabaseUnavailable):
        SessionStore.ordered(blocker / "campaign.sqlite3")


def test_a_closed_writer_refuses_new_work_and_runs_periodic_jobs_meanwhile():
    ticks = threading.Event()

    class Store:
        def close(self):
            pass

    writer = OrderedWriter(Store)
    stop = writer.every(0.01, lambda store: ticks.set())
    assert ticks.wait(10)
    stop()
    assert writer.close()
    with pytest.raises(WriterClosed):
        writer.call(lambda store: None)


def test_a_team_desk_and_a_session_waiter_judge_a_lease_by_the_one_rule():
    """The team store's watch is the session's VersionWatch: a version lapses
    after a whole duration on the waiter's clock, a renewal starts it again,
    and a desk that only just started waits a whole duration."""
    from cogtotp_gui.campaign.team.dynamo import TeamStore
    from cogtotp_gui.campaign.team.model import Identity

    clock = Clock()
    store = TeamStore(None, "table", "spring", Identity("arn:x", "pc/x"), clock=clock)
    assert isinstance(store.watch, VersionWatch) and isinstance(LeaseWatch(), VersionWatch)
    watch = store.watch
    assert not watch.observe("u1", 5)
    clock.now += store.lease_seconds - 0.5
    assert not watch.observe("u1", 5) and watch.seconds_left("u1") == pytest.approx(0.5)
    assert not watch.observe("u1", 6)  # renewed: the wait starts again
    clock.now += store.lease_seconds
    assert watch.observe("u1", 6)
    watch.keep_only({"u2"})
    assert watch.seconds_left("u1") is None and not watch.observe("u1", 6)
