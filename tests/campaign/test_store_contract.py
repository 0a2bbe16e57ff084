"""The campaign store's contract: what every implementation must do.

Parametrised over implementations: a new store (the team campaign's
DynamoDB store, issue 22) is added as one more ``store_factory`` parameter
and must pass every test here unchanged.
"""

from __future__ import annotations

import threading

import pytest

from cogtotp_gui.campaign.lease import Holder, LeaseLost, LeaseRecord, SessionHeld
from cogtotp_gui.campaign.queue import QueueEntry, SessionQueue, UserState
from cogtotp_gui.campaign.sqlite_store import SqliteCampaignStore
from cogtotp_gui.campaign.store import CampaignStore, ListedPage, ListedUser, ReadUser, StoredChange, snapshot
from cogtotp_gui.campaign.writer import OrderedWriter

DESK = Holder("helpdesk1", "desk-1", 4242)
OTHER = Holder("helpdesk2", "desk-2", 777)


def _sqlite(tmp_path):
    path = tmp_path / "data" / "campaign.sqlite3"
    return lambda: SqliteCampaignStore.open(path)


@pytest.fixture(params=["sqlite"])
def store_factory(request, tmp_path):
    """Opens a store on the same backing data each time it is called (a second desk, a restart)."""
    return {"sqlite": _sqlite}[request.param](tmp_path)


@pytest.fixture
def store(store_factory):
    opened = store_factory()
    yield opened
    opened.close()


def new_session(store: CampaignStore, names=("alice", "bob", "carol")) -> int:
    return store.create_session(
        [QueueEntry(n) for n in names], operator="helpdesk1", connection="Staging", source="roster.csv", now=100.0
    )


def states(store, session_id):
    return [(e.username, e.state, e.reason) for e in store.session_entries(session_id)]


def test_a_new_session_is_found_with_its_users_waiting(store):
    session_id = new_session(store)
    info = store.session(session_id)
    assert (info.operator, info.connection, info.source, info.training, info.closed_at) == (
        "helpdesk1",
        "Staging",
        "roster.csv",
        False,
        None,
    )
    assert store.latest_session() == info
    assert store.unfinished_session() == info
    assert store.unfinished_session(training=True) is None
    assert states(store, session_id) == [(n, UserState.WAITING, "") for n in ("alice", "bob", "carol")]


def test_every_kind_of_change_is_recorded_and_read_back_by_another_store(store, store_factory):
    session_id = new_session(store)
    queue = SessionQueue.from_entries(store.session_entries(session_id))
    queue.listeners.append(lambda change: store.record_change(session_id, snapshot(queue, change)))
    queue.begin("alice")
    queue.finish("alice", UserState.ENROLLED)
    queue.skip("bob", "not   in\ttoday")
    queue.move("carol", 0)
    queue.add(["dave"])
    queue.add(["erin"])
    queue.remove("dave")
    other = store_factory()
    try:
        entries = other.session_entries(session_id)
    finally:
        other.close()
    assert [(e.username, e.state, e.reason) for e in entries] == [
        ("carol", UserState.WAITING, ""),
        ("alice", UserState.ENROLLED, ""),
        ("bob", UserState.SKIPPED, "not in today"),  # a reason is kept to one line
        ("erin", UserState.WAITING, ""),
    ]
    assert entries[1].started_at is not None and entries[1].finished_at >= entries[1].started_at


def test_a_change_is_a_snapshot_later_edits_of_the_entry_do_not_leak_in(store):
    session_id = new_session(store, ("alice",))
    queue = SessionQueue.from_entries(store.session_entries(session_id))
    changes = []
    queue.listeners.append(lambda change: changes.append(snapshot(queue, change)))
    queue.begin("alice")
    queue.finish("alice", UserState.FAILED, "user_state")  # the same entry object, changed again
    store.record_change(session_id, changes[0])
    assert states(store, session_id) == [("alice", UserState.IN_PROGRESS, "")]


def test_a_closed_or_finished_session_is_not_unfinished(store):
    done = new_session(store, ("alice",))
    store.record_change(done, StoredChange("changed", QueueEntry("alice", UserState.ENROLLED, "", 1.0, 2.0)))
    assert store.unfinished_session() is None
    open_one = new_session(store, ("bob",))
    assert store.unfinished_session().id == open_one
    store.close_session(open_one, now=200.0)
    assert store.unfinished_session() is None
    assert store.session(open_one).closed_at == 200.0


def test_a_state_written_by_a_newer_version_reads_as_failed_with_the_state_as_its_reason(store):
    session_id = new_session(store, ("alice",))
    future = QueueEntry("alice", UserState.WAITING)
    object.__setattr__(future, "state", type("Future", (), {"value": "quantum"})())
    store.record_change(session_id, StoredChange("changed", future))
    assert states(store, session_id) == [("alice", UserState.FAILED, "quantum")]


# -- leases (lease.py, design §9) ------------------------------------------------------------


def test_a_free_session_is_claimed_renewed_and_released(store):
    session_id = new_session(store)
    assert store.session_lease(session_id) is None
    lease = store.claim_session(session_id, DESK)
    assert store.session_lease(session_id) == LeaseRecord(DESK, lease.version)
    renewed = store.renew_session(lease)
    assert renewed.version != lease.version
    assert store.session_lease(session_id).version == renewed.version
    store.release_session(renewed)
    assert store.session_lease(session_id) is None


def test_a_session_created_for_a_holder_is_held_from_the_start(store):
    session_id = store.create_session([QueueEntry("alice")], operator="helpdesk1", connection="c", holder=DESK)
    assert store.session_lease(session_id) == LeaseRecord(DESK, 1)
    with pytest.raises(SessionHeld):
        store.claim_session(session_id, OTHER)
    assert store.renew_session(store.claim_session(session_id, DESK)).holder == DESK


def test_a_held_session_is_refused_to_another_holder_naming_the_holder(store, store_factory):
    session_id = new_session(store)
    store.claim_session(session_id, DESK)
    other = store_factory()
    try:
        with pytest.raises(SessionHeld) as held:
            other.claim_session(session_id, OTHER)
    finally:
        other.close()
    assert held.value.record.holder == DESK
    assert held.value.stale is False  # the store never judges staleness; the waiter's watch does


def test_a_take_over_needs_the_version_the_waiter_saw(store):
    session_id = new_session(store)
    lease = store.claim_session(session_id, DESK)
    seen = store.session_lease(session_id).version
    renewed = store.renew_session(lease)  # the holder is alive after all
    with pytest.raises(SessionHeld):
        store.claim_session(session_id, OTHER, take_over=seen)
    taken = store.claim_session(session_id, OTHER, take_over=renewed.version)
    assert store.session_lease(session_id).holder == OTHER
    assert taken.holder == OTHER


def test_a_holder_that_was_taken_over_cannot_write_renew_or_release(store):
    session_id = new_session(store, ("alice",))
    lease = store.claim_session(session_id, DESK)
    store.claim_session(session_id, OTHER, take_over=lease.version)
    change = StoredChange("changed", QueueEntry("alice", UserState.ENROLLED, "", 1.0, 2.0))
    with pytest.raises(LeaseLost):
        store.record_change(session_id, change, lease)
    with pytest.raises(LeaseLost):
        store.renew_session(lease)
    store.release_session(lease)  # nothing: not ours any more
    assert store.session_lease(session_id).holder == OTHER
    assert states(store, session_id) == [("alice", UserState.WAITING, "")]


def test_a_write_under_the_current_lease_is_recorded(store):
    session_id = new_session(store, ("alice",))
    lease = store.renew_session(store.claim_session(session_id, DESK))
    store.record_change(
        session_id, StoredChange("changed", QueueEntry("alice", UserState.ENROLLED, "", 1.0, 2.0)), lease
    )
    assert states(store, session_id) == [("alice", UserState.ENROLLED, "")]


# -- inventory rows and scans ----------------------------------------------------------------


POOL = "eu-west-1_AbCdEf123"


PARTS = ("0", "1")


def listed(*names: str, mfa: str = "sms") -> list[ListedUser]:
    return [ListedUser(name, True, "CONFIRMED", mfa) for name in names]


def test_a_listing_scan_records_pages_part_by_part_and_drops_users_no_longer_listed(store):
    old = store.begin_scan(POOL, False, "", 1.0, PARTS)
    assert old.parts == {"0": None, "1": None} and not old.listing_done
    store.record_listed(POOL, old.scan_id, "0", listed("gone"), None, exact=False, now=1.0)
    assert store.record_listed(POOL, old.scan_id, "1", [], None, exact=False, now=1.0).listing_done
    store.finish_scan(old.scan_id, 2.0)
    state = store.begin_scan(POOL, False, "", 10.0, PARTS)
    assert state.scan_id != old.scan_id and not state.listing_done and state.listed == 0
    page = store.record_listed(POOL, state.scan_id, "0", listed("alice"), "page-2", exact=False, now=10.0)
    assert page == ListedPage(False, frozenset())
    assert not store.record_listed(POOL, state.scan_id, "1", listed("carol"), None, exact=False, now=10.0).listing_done
    assert store.unfinished_scan(POOL, False) == state.scan_id
    assert store.users(POOL)[-1].username == "gone"  # not gone before the whole listing is in
    resumed = store.begin_scan(POOL, False, "", 11.0, PARTS)  # a crash, then the same scan again
    assert (resumed.scan_id, dict(resumed.parts), resumed.listed) == (state.scan_id, {"0": "page-2"}, 2)
    last = [ListedUser("bob", False, "FORCE_CHANGE_PASSWORD", "none")]
    assert store.record_listed(POOL, state.scan_id, "0", last, None, exact=False, now=12.0).listing_done
    assert store.begin_scan(POOL, False, "", 12.5, PARTS).parts == {}
    store.finish_scan(state.scan_id, 13.0)
    assert [(u.username, u.enabled, u.mfa) for u in store.users(POOL)] == [
        ("alice", True, "sms"),
        ("bob", False, "none"),
        ("carol", True, "sms"),
    ]
    assert store.counts(POOL) == {"totp": 0, "sms": 2, "email": 0, "none": 1, "unknown": 0}
    assert store.last_scan(POOL) == (state.scan_id, POOL, False, 13.0)
    assert store.unfinished_scan(POOL, False) is None
    assert store.last_exact_scan_start(POOL) is None  # censuses only


def test_an_exact_scan_reads_each_listed_user_and_resumes_with_what_is_left(store):
    state = store.begin_scan(POOL, True, "OPTIONAL", 1.0, PARTS)
    store.record_listed(POOL, state.scan_id, "0", listed("alice", "bob", mfa="unknown"), None, exact=True, now=1.0)
    store.record_listed(POOL, state.scan_id, "1", listed("carol", mfa="unknown"), None, exact=True, now=1.0)
    store.record_reads(POOL, state.scan_id, [ReadUser("alice", 2.0, mfa="totp", preferred="SOFTWARE_TOKEN_MFA")])
    resumed = store.begin_scan(POOL, True, "OPTIONAL", 3.0, PARTS)
    assert (resumed.scan_id, resumed.listing_done, resumed.listed, resumed.read_done) == (state.scan_id, True, 3, 1)
    assert resumed.pending == ("bob", "carol") and resumed.parts == {}
    store.record_reads(POOL, state.scan_id, [ReadUser("bob", 4.0, mfa="sms"), ReadUser("carol", 4.0, deleted=True)])
    store.finish_scan(state.scan_id, 5.0)
    rows = {u.username: (u.mfa, u.preferred, u.user_status) for u in store.users(POOL)}
    assert rows == {
        "alice": ("totp", "SOFTWARE_TOKEN_MFA", ""),
        "bob": ("sms", "", ""),
        "carol": ("unknown", "", "DELETED"),
    }
    assert store.last_exact_scan_start(POOL) == 1.0


def test_a_rescan_keeps_users_read_on_totp_unless_asked_to_read_them_again(store):
    first = store.begin_scan(POOL, True, "OPTIONAL", 1.0, ("",))
    store.record_listed(POOL, first.scan_id, "", listed("alice", "bob", "carol"), None, exact=True, now=1.0)
    totp = [ReadUser(n, 2.0, mfa="totp", preferred="SOFTWARE_TOKEN_MFA") for n in ("alice", "bob")]
    store.record_reads(POOL, first.scan_id, [*totp, ReadUser("carol", 2.0, mfa="sms")])
    store.finish_scan(first.scan_id, 3.0)
    again = store.begin_scan(POOL, True, "OPTIONAL", 10.0, ("",))
    page = store.record_listed(
        POOL,
        again.scan_id,
        "",
        listed("alice", "bob", "carol", "dave", mfa="unknown"),
        None,
        exact=True,
        now=10.0,
        keep_totp=True,
        reread={"bob"},
    )
    assert page == ListedPage(True, frozenset({"alice"}))
    resumed = store.begin_scan(POOL, True, "OPTIONAL", 11.0, ("",))
    assert resumed.read_done == 1 and resumed.pending == ("bob", "carol", "dave")
    assert {u.username: u.mfa for u in store.users(POOL)} == {
        "alice": "totp",
        "bob": "totp",  # an exact scan keeps what the last read found until it reads them
        "carol": "sms",
        "dave": "unknown",
    }


# -- one ordered writer ------------------------------------------------------------------------


def test_the_ordered_writer_runs_every_call_on_one_thread_in_order(store_factory):
    threads = set()
    writer = OrderedWriter(store_factory)
    try:
        session_id = writer.call(lambda s: new_session(s, ("alice",)))
        order = []
        for i in range(50):
            entry = QueueEntry("alice", UserState.SKIPPED, f"reason {i}", 1.0, 2.0)

            def job(s, entry=entry, i=i):
                threads.add(threading.current_thread().name)
                s.record_change(session_id, StoredChange("changed", entry))
                order.append(i)

            writer.submit(job)
        assert writer.flush(timeout=30)
        assert order == list(range(50))
        assert threads == {"campaign-writer"}
        assert writer.call(lambda s: states(s, session_id)) == [("alice", UserState.SKIPPED, "reason 49")]
    finally:
        assert writer.close()
