"""Sessions in SQLite: every change committed at once, resumable, no secrets."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cogtotp_gui.campaign.database import DatabaseProblem, DatabaseUnavailable, open_database
from cogtotp_gui.campaign.queue import SessionQueue, UserState
from cogtotp_gui.campaign.sessions import SESSIONS_SCHEMA, SessionStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def path(tmp_path):
    return tmp_path / "data" / "campaign.sqlite3"


def _new_session(path, usernames=("alice", "bob", "carol")):
    store = SessionStore.open(path)
    queue = SessionQueue(usernames)
    session_id = store.create(queue, operator="helpdesk1", connection="Staging", source="roster.csv")
    store.attach(session_id, queue)
    return store, queue, session_id


def test_every_change_is_readable_from_another_connection_at_once(path):
    store, queue, session_id = _new_session(path)
    other = SessionStore.open(path)
    queue.begin("alice")
    assert other.entries(session_id)[0].state is UserState.IN_PROGRESS
    queue.finish("alice", UserState.ENROLLED)
    queue.skip("bob", "not in today")
    queue.move("carol", 0)
    queue.add(["dave"])
    queue.remove("dave")
    entries = other.entries(session_id)
    assert [(e.username, e.state, e.reason) for e in entries] == [
        ("carol", UserState.WAITING, ""),
        ("alice", UserState.ENROLLED, ""),
        ("bob", UserState.SKIPPED, "not in today"),
    ]
    assert entries[1].started_at is not None and entries[1].finished_at >= entries[1].started_at
    info = other.info(session_id)
    assert (info.operator, info.connection, info.source, info.training) == ("helpdesk1", "Staging", "roster.csv", False)
    store.close()
    other.close()


def test_an_unfinished_session_is_offered_and_a_closed_one_is_not(path):
    store, queue, session_id = _new_session(path, ("alice",))
    assert store.unfinished().id == session_id
    queue.begin("alice")
    assert store.unfinished().id == session_id  # in progress counts as unfinished
    queue.finish("alice", UserState.ENROLLED)
    assert store.unfinished() is None  # nobody left
    _, _, second = _new_session(path, ("bob",))
    assert store.unfinished().id == second
    store.close_session(second)
    assert store.unfinished() is None
    assert store.latest().id == second
    store.close()


def test_resuming_puts_the_user_left_in_progress_back_to_waiting(path):
    store, queue, session_id = _new_session(path)
    queue.begin("alice")
    queue.finish("alice", UserState.VERIFIED)
    queue.begin("bob")
    store.close()  # as if the app had died here

    store = SessionStore.open(path)
    resumed = store.resume(session_id)
    assert [(e.username, e.state) for e in resumed] == [
        ("alice", UserState.VERIFIED),
        ("bob", UserState.WAITING),
        ("carol", UserState.WAITING),
    ]
    assert resumed.next_waiting().username == "bob"
    assert SessionStore.open(path).entries(session_id)[1].state is UserState.WAITING
    store.close()


@pytest.mark.parametrize("mode", ["direct", "ordered"])
def test_a_session_killed_mid_way_keeps_every_user_finished_before_the_kill(path, mode):
    """Direct: each change committed on the caller's thread. Ordered: as the
    window works, on the writer thread, a user reported once the writer said
    it is on disk; the killed holder's lease is left behind."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    extra = ["ordered"] if mode == "ordered" else []
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("session_child.py")), str(path), "5000", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    reported = []
    try:
        session_id = int(child.stdout.readline().split()[1])
        while len(reported) < 25:
            line = child.stdout.readline()
            assert line.startswith("finished "), line
            reported.append(line.split()[1])
        # Killed while it goes on working: mid-transaction, as likely as not.
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        child.stdin.close()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    store = SessionStore.open(path)
    entries = {entry.username: entry for entry in store.entries(session_id)}
    assert len(entries) == 5000
    for username in reported:
        assert entries[username].state in (UserState.ENROLLED, UserState.ALREADY_TOTP), username
        assert entries[username].finished_at is not None
    assert store.unfinished().id == session_id
    lease = store.lease_of(session_id)
    assert (lease is not None) == (mode == "ordered")
    if lease is not None:
        assert lease.holder.pid == child.pid  # the dead process: a LeaseWatch here finds it stale at once
        from cogtotp_gui.campaign.lease import LeaseWatch

        assert LeaseWatch().stale(session_id, lease)
    queue = store.resume(session_id)
    assert queue.next_waiting() is not None and queue.current is None
    store.close()


def test_nothing_but_names_states_times_and_kinds_is_stored(path):
    store, queue, _ = _new_session(path)
    queue.begin("alice")
    queue.finish("alice", UserState.FAILED, "user_state")
    store.close()
    with sqlite3.connect(path) as db:
        columns = {
            table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            for table in ("sessions_sessions", "sessions_users")
        }
    assert columns == {
        "sessions_sessions": ["id", "created_at", "closed_at", "operator", "connection", "source", "training"],
        "sessions_users": ["session_id", "username", "position", "state", "reason", "started_at", "finished_at"],
    }


def test_a_locked_database_is_reported_once_and_the_queue_goes_on(path):
    store, queue, session_id = _new_session(path)
    store.close()
    store = SessionStore(open_database(path, schemas=[SESSIONS_SCHEMA], busy_timeout_ms=50))
    problems = []
    queue = store.resume(session_id, on_error=problems.append)
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        queue.begin("alice")
        queue.finish("alice", UserState.ENROLLED)
    finally:
        holder.rollback()
        holder.close()
    assert [p.problem for p in problems] == [DatabaseProblem.LOCKED]
    assert queue.get("alice").state is UserState.ENROLLED  # in memory, the session goes on
    store.close()


def test_a_full_disk_is_reported_as_full(path):
    store, queue, session_id = _new_session(path)
    pages = store.database.connection.execute("PRAGMA page_count").fetchone()[0]
    store.database.connection.execute(f"PRAGMA max_page_count = {pages}")
    problems = []
    store.attach(session_id, queue, on_error=problems.append)
    queue.add(f"user{i}-{'x' * 100}" for i in range(200))
    assert problems and problems[0].problem is DatabaseProblem.FULL
    assert len(queue) == 203
    store.close()


def test_a_data_folder_that_cannot_be_made_is_a_typed_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseUnavailable) as caught:
        SessionStore.open(blocker / "campaign.sqlite3")
    assert caught.value.message_key.startswith("database.")
