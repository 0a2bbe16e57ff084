"""Onboarding sessions in the campaign store: nothing finished is ever lost.

A session is a roster worked through by an operator on one connection.
:class:`SessionStore` listens to a :class:`~cogtotp_gui.campaign.queue.SessionQueue`
and writes every change to the campaign store (``store.py``; SQLite by
default) the moment it happens, each change its own durable write, so a
crash, a SIGKILL or a power cut loses no user already recorded. An
unfinished session (someone still waiting) is found again by
:meth:`SessionStore.unfinished`.

Two ways to run it:

- :meth:`SessionStore.open`: every call on the calling thread (commands,
  reports, tests): a change is on disk when the queue's call returns.
- :meth:`SessionStore.ordered`: every call on one :class:`OrderedWriter`
  thread, in order (the window): a change is handed over and the UI thread
  goes on; :meth:`SessionStore.when_flushed` says when everything handed
  over is on disk ("Next user" waits for it); reads wait for the writes
  before them.

A session is held by one process at a time (:meth:`SessionStore.hold`,
``lease.py``): while held, every change is written only under the current
lease, which the ordered store renews on its writer; a change refused
because another process took the session over is reported as
``DatabaseProblem.TAKEN_OVER``.

Nothing secret is stored: usernames, states, skip reasons typed by the
operator, error kinds, times, the operator's OS account and host, and the
connection's name. Never a password, code, secret, session or token.

Qt-free. Imports sqlite3 (through ``database``): import lazily.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from cogtotp_gui.campaign.database import Database, DatabaseProblem, DatabaseUnavailable
from cogtotp_gui.campaign.lease import RENEW_EVERY_S, Holder, Lease, LeaseLost, LeaseRecord
from cogtotp_gui.campaign.queue import QueueChange, QueueEntry, SessionQueue
from cogtotp_gui.campaign.sqlite_store import SESSIONS_SCHEMA, SqliteCampaignStore
from cogtotp_gui.campaign.store import MAX_REASON, CampaignStore, SessionInfo, snapshot
from cogtotp_gui.campaign.writer import OrderedWriter, WriterClosed

__all__ = ["MAX_REASON", "SESSIONS_SCHEMA", "SessionInfo", "SessionStore"]

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[DatabaseUnavailable], None]


def _as_unavailable(error: BaseException, store: CampaignStore | None) -> DatabaseUnavailable | None:
    if isinstance(error, DatabaseUnavailable):
        return error
    if isinstance(error, LeaseLost):
        path = getattr(getattr(store, "database", None), "path", None) or Path()
        return DatabaseUnavailable(DatabaseProblem.TAKEN_OVER, path, str(error))
    if isinstance(error, WriterClosed):
        return DatabaseUnavailable(DatabaseProblem.UNAVAILABLE, Path(), str(error))
    return None


class SessionStore:
    """Sessions in the campaign store, for the queues attached to it.

    Every method may raise :class:`DatabaseUnavailable`; a queue attached
    with :meth:`attach` goes on in memory when a write fails, and
    ``on_error`` is told once (from the writer's thread, for an ordered store).

    Args:
        database: an open campaign database (a synchronous store on it).
        store: any :class:`CampaignStore` used synchronously instead.
        writer: an :class:`OrderedWriter` over a store, for an ordered one.
    """

    def __init__(
        self,
        database: Database | None = None,
        *,
        store: CampaignStore | None = None,
        writer: OrderedWriter[CampaignStore] | None = None,
    ) -> None:
        if database is not None:
            store = SqliteCampaignStore(database)
        if (store is None) == (writer is None):
            raise ValueError("a SessionStore needs a database, a store or a writer")
        self._store = store
        self._writer = writer
        self._attached: dict[int, tuple[SessionQueue, Callable[[QueueChange], None]]] = {}
        self._lease: Lease | None = None
        self._stop_renewal: Callable[[], None] | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> SessionStore:
        """The synchronous store in ``path`` (default: the data folder's campaign database)."""
        return cls(store=SqliteCampaignStore.open(path))

    @classmethod
    def ordered(cls, path: Path | None = None, *, timeout: float | None = None) -> SessionStore:
        """The store in ``path`` behind one ordered writer thread.

        Raises:
            DatabaseUnavailable: it cannot be opened (known once the writer
                tried, so this waits for that).
        """
        writer: OrderedWriter[CampaignStore] = OrderedWriter(lambda: SqliteCampaignStore.open(path))
        try:
            writer.call(lambda store: None, timeout)
        except BaseException:
            writer.close()
            raise
        return cls(writer=writer)

    @property
    def location(self) -> str:
        """Where the store keeps its data, for a message (the SQLite file)."""
        database = self.database
        if database is not None:
            return str(database.path)
        return "the campaign store"

    @property
    def database(self) -> Database | None:
        """The SQLite database of a synchronous store (None otherwise)."""
        return getattr(self._store, "database", None)

    def _call(self, job: Callable[[CampaignStore], T]) -> T:
        if self._writer is not None:
            return self._writer.call(job)
        assert self._store is not None
        return job(self._store)

    def _hand_over(self, job: Callable[[CampaignStore], Any], on_error: Callable[[BaseException], None]) -> None:
        """Run ``job`` now (synchronous) or on the writer; failures go to ``on_error``."""
        if self._writer is None:
            assert self._store is not None
            try:
                job(self._store)
            except (DatabaseUnavailable, LeaseLost) as error:
                on_error(error)
            return

        def done(future: Future[Any]) -> None:
            error = future.exception()
            if error is not None:
                on_error(error)

        self._writer.submit(job).add_done_callback(done)

    def when_flushed(self, callback: Callable[[], None]) -> None:
        """``callback`` once every change handed over so far is on disk (at
        once for a synchronous store; on the writer's thread otherwise)."""
        if self._writer is None:
            callback()
        else:
            self._writer.when_flushed(callback)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every change handed over so far is on disk."""
        return True if self._writer is None else self._writer.flush(timeout)

    def close(self) -> None:
        for session_id in list(self._attached):
            self.detach(session_id)
        if self._lease is not None:
            lease, self._lease = self._lease, None
            if self._stop_renewal is not None:
                self._stop_renewal()
            try:
                self._call(lambda store: store.release_session(lease))
            except (DatabaseUnavailable, LeaseLost, WriterClosed) as error:
                log.info("the session's lease was not released: %s", type(error).__name__)
        if self._writer is not None:
            self._writer.close()
        elif self._store is not None:
            self._store.close()

    # -- holding a session (lease.py) --------------------------------------------------

    @property
    def lease(self) -> Lease | None:
        return self._lease

    def lease_of(self, session_id: int) -> LeaseRecord | None:
        """:meth:`~.store.SessionRecords.session_lease`."""
        return self._call(lambda store: store.session_lease(session_id))

    def hold(self, session_id: int, operator: str, *, take_over: int | None = None) -> Lease:
        """Hold the session for this process from now on; changes are written under the lease.

        Raises:
            SessionHeld: another process holds it (``take_over``: the
                version of a stale lease the operator agreed to take over).
            DatabaseUnavailable: the store cannot be used.
        """
        holder = Holder.this_process(operator)
        lease = self._call(lambda store: store.claim_session(session_id, holder, take_over=take_over))
        self._held(lease)
        return lease

    def _held(self, lease: Lease) -> None:
        self._lease = lease
        if self._writer is not None and self._stop_renewal is None:
            self._stop_renewal = self._writer.every(RENEW_EVERY_S, self._renew)

    def _renew(self, store: CampaignStore) -> None:
        lease = self._lease
        if lease is None:
            return
        try:
            self._lease = store.renew_session(lease)
        except LeaseLost:
            log.warning("session %s was taken over by another process", lease.session_id)
            # The next write is refused and reported (TAKEN_OVER).
        except DatabaseUnavailable as error:
            # Tried again at the next renewal; a lease lapses only after a whole duration.
            log.warning("session %s: the lease was not renewed (%s)", lease.session_id, error.problem.value)

    # -- writing ----------------------------------------------------------------

    def create(
        self,
        queue: SessionQueue,
        *,
        operator: str,
        connection: str,
        source: str = "",
        training: bool = False,
        now: float | None = None,
        hold: bool = False,
    ) -> int:
        """Record a new session with the queue's users; returns its id.

        ``hold``: held by this process from the start, as :meth:`hold` does
        (in the same write: a new session is never free for another copy).
        """
        entries = [QueueEntry(e.username, e.state, e.reason, e.started_at, e.finished_at) for e in queue]
        holder = Holder.this_process(operator) if hold else None
        session_id = self._call(
            lambda store: store.create_session(
                entries,
                operator=operator,
                connection=connection,
                source=source,
                training=training,
                now=now,
                holder=holder,
            )
        )
        if holder is not None:
            self._held(Lease(session_id, holder, 1))
        return session_id

    def attach(self, session_id: int, queue: SessionQueue, on_error: ErrorHandler | None = None) -> None:
        """Write each change of ``queue`` to session ``session_id`` as it happens."""
        failed = False

        def report(error: BaseException) -> None:
            nonlocal failed
            problem = _as_unavailable(error, self._store)
            if problem is None:
                log.error("session %s: a change was not saved (%s)", session_id, type(error).__name__)
                return
            log.warning("session %s: a change was not saved (%s)", session_id, problem.problem.value)
            if on_error is not None and not failed:
                on_error(problem)
            failed = True

        def listener(change: QueueChange) -> None:
            stored = snapshot(queue, change)
            lease = self._lease if self._lease is not None and self._lease.session_id == session_id else None
            if lease is None:
                self._hand_over(lambda store: store.record_change(session_id, stored), report)
            else:
                # The lease current when the writer gets there (renewals run in between).
                self._hand_over(lambda store: store.record_change(session_id, stored, self._lease), report)

        self.detach(session_id)
        queue.listeners.append(listener)
        self._attached[session_id] = (queue, listener)

    def detach(self, session_id: int) -> None:
        queue, listener = self._attached.pop(session_id, (None, None))
        if queue is not None and listener in queue.listeners:
            queue.listeners.remove(listener)

    def close_session(self, session_id: int, now: float | None = None) -> None:
        """:meth:`~.store.SessionRecords.close_session`."""
        self._call(lambda store: store.close_session(session_id, now))

    # -- reading ----------------------------------------------------------------

    def info(self, session_id: int) -> SessionInfo | None:
        return self._call(lambda store: store.session(session_id))

    def latest(self) -> SessionInfo | None:
        """:meth:`~.store.SessionRecords.latest_session`."""
        return self._call(lambda store: store.latest_session())

    def unfinished(self, *, training: bool | None = None) -> SessionInfo | None:
        """:meth:`~.store.SessionRecords.unfinished_session`."""
        return self._call(lambda store: store.unfinished_session(training=training))

    def entries(self, session_id: int) -> list[QueueEntry]:
        """:meth:`~.store.SessionRecords.session_entries`."""
        return self._call(lambda store: store.session_entries(session_id))

    def resume(self, session_id: int, on_error: ErrorHandler | None = None) -> SessionQueue:
        """The session's queue, attached for writing. A user left in progress
        by a crash goes back to waiting (their turn starts again)."""
        queue = SessionQueue.from_entries(self.entries(session_id))
        self.attach(session_id, queue, on_error)
        current = queue.current
        if current is not None:
            queue.release(current.username)
        return queue
