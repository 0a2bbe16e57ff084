"""Runs an onboarding session beside the wizard: the queue, its store, the wiring.

The runner passes the controller's and the wizard's events on to the
session's :class:`~cogtotp_gui.campaign.referee.QueueReferee`, which decides
what they mean for the queue (Qt-free, ``campaign/referee.py``), and puts
each user it takes on the wizard through the wizard's port
(``prefill_user``): it never writes into a page nor reads the live flow.

If the session database fails (read-only, full, locked), the queue goes on
in memory, the operator is told once, and the wizard never notices.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal, Slot

from cogtotp_gui.campaign.database import DatabaseUnavailable
from cogtotp_gui.campaign.queue import QueueChange, QueueEntry, QueueError, SessionQueue, UserState
from cogtotp_gui.campaign.referee import STOPPED, QueueReferee
from cogtotp_gui.campaign.sessions import SessionInfo, SessionStore
from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.steps import Step
from cogtotp_gui.ui.campaign.ports import follow, unfollow

if TYPE_CHECKING:
    from cogtotp_gui.campaign.report import SessionReport
    from cogtotp_gui.enrollment.rehearsal import RehearsalVerdict
    from cogtotp_gui.ui.campaign.ports import EnrollmentPort, WizardPort

log = logging.getLogger(__name__)

# How long "Next user" may wait on the UI thread for the finished user to be
# on disk before it lets the writer answer later (a locked database).
NEXT_USER_FLUSH_WAIT_S = 0.5


class OpenedSession(NamedTuple):
    """A session's queue and where it is stored, opened off the UI thread:
    opening the store, writing a new session and taking a stored one's
    lease each wait for the database (another process may hold its write
    lock for seconds). :meth:`SessionRunner.for_session` runs it.

    Attributes:
        store: where each change is committed (None: memory only).
        info: the session's header (None when it could not be stored).
        connection: the connection's name, for a report of a session not stored.
        storage_error: why a new session is not stored, if it is not.
    """

    queue: SessionQueue
    store: SessionStore | None
    info: SessionInfo | None
    connection: str
    storage_error: DatabaseUnavailable | None = None


def open_new_session(usernames: Iterable[str], *, source: str, connection: str, training: bool) -> OpenedSession:
    """A new session with these users waiting; stored if the data folder
    allows (else in memory, and why). Blocks: run it on a worker."""
    from cogtotp_gui.enrollment.audit import current_operator

    queue = SessionQueue(usernames)
    store: SessionStore | None = None
    try:
        store = SessionStore.ordered()
        session_id = store.create(
            queue,
            operator=current_operator(),
            connection=connection,
            source=source,
            training=training,
            hold=True,
        )
        info = store.info(session_id)
    except DatabaseUnavailable as failure:
        log.warning("the session cannot be saved: %s", failure.problem.value)
        if store is not None:
            store.close()
        return OpenedSession(queue, None, None, connection, failure)
    return OpenedSession(queue, store, info, connection)


def open_stored_session(session_id: int, take_over: int | None) -> OpenedSession | None:
    """A stored session, held by this process from now on, as it was
    recorded (a user left in progress by a crash waits again). Blocks: run
    it on a worker. None: there is no such session.

    Raises:
        SessionHeld: another process holds it (``take_over``: the version
            of a stale lease the operator agreed to take over).
        DatabaseUnavailable: the store cannot be used.
    """
    from cogtotp_gui.enrollment.audit import current_operator

    store = SessionStore.ordered()
    try:
        info = store.info(session_id)
        if info is None:
            store.close()
            return None
        store.hold(session_id, current_operator(), take_over=take_over)
        return OpenedSession(store.resume(session_id), store, info, info.connection)
    except BaseException:
        store.close()
        raise


class SessionRunner(QObject):
    """One session: its queue, where it is stored, and the wizard's wiring.

    Args:
        enrollment, wizard: the controller and the wizard, through their ports.
        queue: the users.
        store, session_id: where each change is committed (None: memory only).
        info: the session's header (None when it could not be stored).
        connection: the connection's name, for a report of a session not stored.

    Signals:
        changed(): the queue changed (a state, the order, the users).
        storage_failed(object): the DatabaseUnavailable that stopped saving.
    """

    changed = Signal()
    storage_failed = Signal(object)
    # Emitted from the store's writer thread: queued to this object's thread.
    _stored = Signal(int)

    def __init__(
        self,
        enrollment: EnrollmentPort,
        wizard: WizardPort,
        queue: SessionQueue,
        store: SessionStore | None,
        info: SessionInfo | None,
        parent: QObject | None = None,
        *,
        connection: str = "",
    ) -> None:
        super().__init__(parent)
        self.enrollment = enrollment
        self.wizard = wizard
        self.queue = queue
        self.referee = QueueReferee(queue)
        self.store = store
        self.info = info
        self.connection = connection
        self.storage_error: DatabaseUnavailable | None = None
        queue.listeners.append(self._on_queue_changed)
        if store is not None and info is not None:
            store.attach(info.id, queue, on_error=self._on_storage_failed)
        # "Next user" waits until the finished user is on disk (the store's writer).
        self._after_stored: dict[int, Callable[[], None]] = {}
        self._stored_count = 0
        self._stored.connect(self._on_stored)
        self._wiring = follow(enrollment, wizard, self)

    # -- opening ------------------------------------------------------------------

    @classmethod
    def for_session(
        cls, enrollment: EnrollmentPort, wizard: WizardPort, session: OpenedSession, parent: QObject | None = None
    ) -> SessionRunner:
        """The runner of a session opened by :func:`open_new_session` or :func:`open_stored_session`."""
        runner = cls(
            enrollment, wizard, session.queue, session.store, session.info, parent, connection=session.connection
        )
        runner.storage_error = session.storage_error
        return runner

    def close(self, *, end: bool = False, wait: bool = True) -> None:
        """Stop following the wizard; ``end`` also closes the session for good.

        ``wait``: the store is closed (its last changes written, the lease
        given back) before this returns, as at quit; False: on a worker,
        the window going on meanwhile (another process may hold the
        database's write lock for seconds).
        """
        unfollow(self._wiring)
        self._after_stored.clear()  # a next user waiting for the disk is not loaded any more
        self.referee.release_current()
        store, info, self.store = self.store, self.info, None
        if store is not None:
            if info is not None:
                store.detach(info.id)  # here: the queue is this thread's; what it changed is handed over

            def close_store() -> None:
                try:
                    if end and info is not None:
                        store.close_session(info.id)
                    store.close()
                except DatabaseUnavailable as error:
                    log.warning("the session could not be closed: %s", error.problem.value)

            if wait:
                close_store()
            else:
                from cogtotp_gui.ui.common.tasks import BackgroundTask

                BackgroundTask(close_store).run_in_background()
        if self._on_queue_changed in self.queue.listeners:
            self.queue.listeners.remove(self._on_queue_changed)

    @property
    def on_wizard(self) -> str | None:
        """The user the wizard shows (in progress, or just finished), if any."""
        return self.referee.on_wizard

    # -- the operator's actions (the queue panel) ------------------------------------

    def start(self) -> None:
        """Put the first waiting user on the wizard (whatever user it showed is wiped)."""
        if not self.enrollment.enrollment_in_progress:
            self._load_next()

    def next_user(self) -> None:
        """Move on to the next waiting user (asks first if one is half-done)."""
        if self.enrollment.enrollment_in_progress:
            self.wizard.reject()  # "Stop enrolling NAME?"; yes -> user_finished
            return
        self.referee.release_current()
        self.wizard.start_next_user()

    def skip(self, username: str, reason: str) -> None:
        entry = self.queue.get(username)
        was_current = entry.state is UserState.IN_PROGRESS
        self.queue.skip(username, reason)
        if was_current:
            self.wizard.start_next_user()  # the user is wiped; next one up

    def retry(self, username: str) -> None:
        self.queue.retry(username)
        if self.queue.current is None and not self.enrollment.enrollment_in_progress:
            self._load_next()

    def move_by(self, username: str, offset: int) -> None:
        self.queue.move_by(username, offset)

    def add(self, usernames: Iterable[str]) -> list[QueueEntry]:
        added = self.queue.add(usernames)
        if added and self.queue.current is None and not self.enrollment.enrollment_in_progress:
            self._load_next()
        return added

    def remove(self, username: str) -> None:
        self.queue.remove(username)

    # -- following the wizard ------------------------------------------------------------

    def _load_next(self) -> None:
        entry = self.referee.take_next()
        if entry is None:
            self.changed.emit()  # nobody waits: the wizard stays as it is
            return
        self.wizard.prefill_user(entry.username)

    @Slot(object)
    def _on_step_changed(self, step: Step) -> None:
        self.referee.step_reached(step.value, self.enrollment.view.username)

    @Slot(object)
    def _on_failed(self, error: EnrollmentError) -> None:
        self.referee.error(error.kind.value, self.enrollment.view.username)

    @Slot()
    def _on_user_finished(self) -> None:
        self.referee.user_left()
        # The finished user must be on disk before the next one starts. That
        # is one fsync on the writer's thread: waited for here, briefly, the
        # next user is put on the sign-in page in the same turn of the event
        # loop that wiped the last one, so keys the operator types at once
        # are delivered after the prefill, to the password field (before, they
        # landed in the empty username field and were overwritten). Only a
        # database locked by another process makes the wait longer: then the
        # next user follows when the writer answers.
        store = self.store
        if store is None or store.flush(NEXT_USER_FLUSH_WAIT_S):
            self._load_next()
        else:
            self._when_stored(self._load_next)

    @Slot(str, object)
    def _on_rehearsal_verdict(self, username: str, verdict: RehearsalVerdict) -> None:
        self.referee.rehearsed(username, verdict.took, verdict.value)

    @Slot(str)
    def _on_rehearsal_left(self, username: str) -> None:
        self.referee.rehearsal_left(username)

    # -- storage ----------------------------------------------------------------------------

    def _on_queue_changed(self, _change: QueueChange) -> None:
        self.changed.emit()

    def _when_stored(self, action: Callable[[], None]) -> None:
        """Run ``action`` once every change made so far is on disk (at once
        without a store): the store's writer answers from its thread."""
        store = self.store
        if store is None:
            action()
            return
        self._stored_count += 1
        token = self._stored_count
        self._after_stored[token] = action
        store.when_flushed(lambda: self._stored.emit(token))

    @Slot(int)
    def _on_stored(self, token: int) -> None:
        action = self._after_stored.pop(token, None)
        if action is not None:
            action()

    def _on_storage_failed(self, error: DatabaseUnavailable) -> None:
        self.storage_error = error
        self.storage_failed.emit(error)

    def report(self) -> SessionReport:
        """The session's report, from what is in memory (complete even if storage failed)."""
        from cogtotp_gui.campaign.report import SessionReport

        info = self.info or SessionInfo(
            id=0,
            created_at=time.time(),
            closed_at=None,
            operator="",
            connection=self.connection,
            source="",
            training=False,
        )
        return SessionReport.build(info, self.queue.entries)


__all__ = ["STOPPED", "QueueError", "SessionRunner"]
