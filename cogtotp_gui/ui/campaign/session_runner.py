"""Runs an onboarding session beside the wizard: the queue, its store, the wiring.

The runner listens to the controller and the wizard and moves the queue:

* a user is *in progress* from the moment their username is put on the
  credentials page (password field focused);
* Done (``Step.DONE``) records *enrolled* at once (committed before the
  Done page is even painted); the rehearsal's verdict makes it *verified*
  or *failed* (``rehearsal_*``); a rehearsal left without a verdict keeps
  *enrolled*, noted ``not_rehearsed``;
* a user who already has an authenticator is recorded *already_totp* when
  the operator moves on from that page (they may choose to re-enroll);
  an unsupported sign-in, an account that needs IT, are *failed* at once;
* "Next user" (Enter on Done) takes the next waiting user the same way; a
  user abandoned half-way (Stop, idle wipe) is *skipped*, reason
  ``stopped``, and can be retried;
* a username typed over the prefilled one is followed: a waiting user of
  the roster is taken out of turn, anybody else is added to the roster.

If the session database fails (read-only, full, locked), the queue goes on
in memory, the operator is told once, and the wizard never notices.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from cogtotp_gui.campaign.database import DatabaseUnavailable
from cogtotp_gui.campaign.queue import (
    QueueChange,
    QueueEntry,
    QueueError,
    SessionQueue,
    UserState,
    state_for_error,
    state_for_step,
)
from cogtotp_gui.campaign.sessions import SessionInfo, SessionStore
from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.steps import Step
from cogtotp_gui.ui.common.widgets import wipe_text

if TYPE_CHECKING:
    from cogtotp_gui.campaign.report import SessionReport
    from cogtotp_gui.enrollment.rehearsal import RehearsalVerdict
    from cogtotp_gui.ui.wizard.controller import Controller
    from cogtotp_gui.ui.wizard.wizard import EnrollmentWizard

log = logging.getLogger(__name__)

STOPPED = "stopped"  # the reason recorded for a user abandoned half-way


class SessionRunner(QObject):
    """One session: its queue, where it is stored, and the wizard's wiring.

    Args:
        controller, wizard: the main window's.
        queue: the users.
        store, session_id: where each change is committed (None: memory only).
        info: the session's header (None when it could not be stored).

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
        controller: Controller,
        wizard: EnrollmentWizard,
        queue: SessionQueue,
        store: SessionStore | None,
        info: SessionInfo | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.wizard = wizard
        self.queue = queue
        self.store = store
        self.info = info
        self.storage_error: DatabaseUnavailable | None = None
        self._last_step: Step | None = None
        self.verified_at: float | None = None
        queue.listeners.append(self._on_queue_changed)
        if store is not None and info is not None:
            store.attach(info.id, queue, on_error=self._on_storage_failed)
        # "Next user" waits until the finished user is on disk (the store's writer).
        self._after_stored: dict[int, Callable[[], None]] = {}
        self._stored_count = 0
        self._stored.connect(self._on_stored)
        controller.step_changed.connect(self._on_step_changed)
        controller.failed.connect(self._on_failed)
        controller.enrollment_verified.connect(self._on_enrollment_verified)
        wizard.user_finished.connect(self._on_user_finished)
        wizard.rehearsal_left.connect(self._on_rehearsal_left)
        wizard.rehearsal_page.verdict_reached.connect(self._on_rehearsal_verdict)

    # -- opening ------------------------------------------------------------------

    @classmethod
    def open_new(
        cls,
        controller: Controller,
        wizard: EnrollmentWizard,
        usernames: Iterable[str],
        *,
        source: str,
        training: bool = False,
        parent: QObject | None = None,
    ) -> SessionRunner:
        """A new session with these users waiting; stored if the data folder allows."""
        from cogtotp_gui.enrollment.audit import current_operator

        queue = SessionQueue(usernames)
        store: SessionStore | None = None
        info: SessionInfo | None = None
        error: DatabaseUnavailable | None = None
        try:
            store = SessionStore.ordered()
            session_id = store.create(
                queue,
                operator=current_operator(),
                connection=_connection_name(controller),
                source=source,
                training=training,
                hold=True,
            )
            info = store.info(session_id)
        except DatabaseUnavailable as failure:
            log.warning("the session cannot be saved: %s", failure.problem.value)
            if store is not None:
                store.close()
            store, error = None, failure
        runner = cls(controller, wizard, queue, store, info, parent)
        runner.storage_error = error
        return runner

    @classmethod
    def resume(
        cls,
        controller: Controller,
        wizard: EnrollmentWizard,
        store: SessionStore,
        info: SessionInfo,
        parent: QObject | None = None,
    ) -> SessionRunner:
        """An unfinished session, as it was recorded."""
        queue = store.resume(info.id)
        return cls(controller, wizard, queue, store, info, parent)

    def close(self, *, end: bool = False) -> None:
        """Stop following the wizard; ``end`` also closes the session for good."""
        for signal, slot in (
            (self.controller.step_changed, self._on_step_changed),
            (self.controller.failed, self._on_failed),
            (self.controller.enrollment_verified, self._on_enrollment_verified),
            (self.wizard.user_finished, self._on_user_finished),
            (self.wizard.rehearsal_page.verdict_reached, self._on_rehearsal_verdict),
            (self.wizard.rehearsal_left, self._on_rehearsal_left),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._after_stored.clear()  # a next user waiting for the disk is not loaded any more
        current = self.queue.current
        if current is not None:
            self.queue.release(current.username)
        if self.store is not None:
            try:
                if end and self.info is not None:
                    self.store.close_session(self.info.id)
                self.store.close()
            except DatabaseUnavailable as error:
                log.warning("the session could not be closed: %s", error.problem.value)
            self.store = None
        if self._on_queue_changed in self.queue.listeners:
            self.queue.listeners.remove(self._on_queue_changed)

    # -- the operator's actions (the queue panel) ------------------------------------

    def start(self) -> None:
        """Put the first waiting user on the credentials page."""
        if self.queue.current is None and not self.controller.enrollment_in_progress:
            self._load_next()

    def next_user(self) -> None:
        """Move on to the next waiting user (asks first if one is half-done)."""
        if self.controller.enrollment_in_progress:
            self.wizard.reject()  # "Stop enrolling NAME?"; yes -> user_finished
            return
        current = self.queue.current
        if current is not None:
            self.queue.release(current.username)
        self.wizard.start_next_user()

    def skip(self, username: str, reason: str) -> None:
        entry = self.queue.get(username)
        was_current = entry.state is UserState.IN_PROGRESS
        self.queue.skip(username, reason)
        if was_current:
            self.wizard.start_next_user()  # the user is wiped; next one up

    def retry(self, username: str) -> None:
        self.queue.retry(username)
        if self.queue.current is None and not self.controller.enrollment_in_progress:
            self._load_next()

    def move_by(self, username: str, offset: int) -> None:
        self.queue.move_by(username, offset)

    def add(self, usernames: Iterable[str]) -> list[QueueEntry]:
        added = self.queue.add(usernames)
        if added and self.queue.current is None and not self.controller.enrollment_in_progress:
            self._load_next()
        return added

    def remove(self, username: str) -> None:
        self.queue.remove(username)

    # -- following the wizard ------------------------------------------------------------

    def _load_next(self) -> None:
        entry = self.queue.next_waiting()
        page = self.wizard.credentials_page
        if entry is None:
            wipe_text(page.username)
            wipe_text(page.password)
            self.changed.emit()
            return
        self.queue.begin(entry.username)
        page.username.setText(entry.username)
        wipe_text(page.password)
        page.focus_first()  # the password: the username is there

    def _follow_username(self) -> QueueEntry | None:
        """The queue entry of the user the flow is signing in, made current."""
        flow = self.controller.flow
        name = flow.username if flow is not None else None
        if not name:
            return self.queue.current
        current = self.queue.current
        if current is not None and current.username == name:
            return current
        if name not in self.queue:
            self.queue.add([name])
        entry = self.queue.get(name)
        if entry.state is not UserState.WAITING:
            return None  # someone already finished, signed in again by hand: not followed
        if current is not None:
            self.queue.release(current.username)
        return self.queue.begin(name)

    @Slot(object)
    def _on_step_changed(self, step: Step) -> None:
        self._last_step = step
        if step is Step.SIGN_IN:
            return
        entry = self._follow_username()
        if entry is None or entry.state is not UserState.IN_PROGRESS:
            return
        state = state_for_step(step.value)
        if state is UserState.ENROLLED:
            self.queue.finish(entry.username, UserState.ENROLLED)
        elif state is UserState.FAILED:
            self.queue.finish(entry.username, UserState.FAILED, "unsupported")
        # ALREADY_TOTP waits for the operator's choice (stop, or re-enroll).

    @Slot(object)
    def _on_failed(self, error: EnrollmentError) -> None:
        if state_for_error(error.kind.value) is not UserState.FAILED:
            return
        entry = self._follow_username()
        if entry is not None and entry.state is UserState.IN_PROGRESS:
            self.queue.finish(entry.username, UserState.FAILED, error.kind.value)

    @Slot(object)
    def _on_enrollment_verified(self, _outcome: object) -> None:
        self.verified_at = time.time()

    @Slot()
    def _on_user_finished(self) -> None:
        current = self.queue.current
        if current is not None:
            if self._last_step is Step.EXISTING_TOTP:
                self.queue.finish(current.username, UserState.ALREADY_TOTP)
            elif self._last_step not in (None, Step.SIGN_IN):
                self.queue.skip(current.username, STOPPED)
            else:
                self.queue.release(current.username)
        self._last_step = None
        self.verified_at = None
        self._when_stored(self._load_next)

    @Slot(str, object)
    def _on_rehearsal_verdict(self, username: str, verdict: RehearsalVerdict) -> None:
        if username not in self.queue or self.queue.get(username).state is not UserState.ENROLLED:
            return
        if verdict.took:
            self.queue.finish(username, UserState.VERIFIED)
        else:
            self.queue.finish(username, UserState.FAILED, verdict.value)

    @Slot(str)
    def _on_rehearsal_left(self, username: str) -> None:
        if username in self.queue and self.queue.get(username).state is UserState.ENROLLED:
            self.queue.note_not_rehearsed(username)

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
            connection=_connection_name(self.controller),
            source="",
            training=False,
        )
        return SessionReport.build(info, self.queue.entries)


def _connection_name(controller: Controller) -> str:
    settings = controller.settings
    if settings is None:
        return ""
    return settings.name or settings.user_pool_id


__all__ = ["STOPPED", "QueueError", "SessionRunner"]
