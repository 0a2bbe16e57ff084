"""Sessions on the main window: the Session menu, starting, resuming, the report.

Made after the first paint (``MainWindow.sessions``). One session at a
time: starting another (any way: a roster file, pasted names, the Migration
window, a practice session, resuming) asks first while the current one
still has users waiting, and says it stays resumable; a half-done user is
finished or stopped first. The report is exported from what is in memory,
so it is complete even when the database could not be written.

It knows the window only as a ``QMainWindow`` (its Qt parent: menu bar,
docks, status bar) and the wizard and the controller through their ports
(``ports.py``). Focus rule (docs/sessions.md): after every queue action the
keyboard goes back to the field the operator types into next.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal, Slot

from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.tasks import SingleFlight
from cogtotp_gui.ui.common.widgets import as_typed, menu_action, show_plain

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

    from cogtotp_gui.campaign.database import DatabaseUnavailable
    from cogtotp_gui.campaign.lease import LeaseWatch, SessionHeld
    from cogtotp_gui.campaign.queue import QueueEntry
    from cogtotp_gui.campaign.report import SessionReport
    from cogtotp_gui.campaign.sessions import SessionInfo
    from cogtotp_gui.ui.campaign.ports import EnrollmentPort, WizardPort
    from cogtotp_gui.ui.campaign.queue_panel import QueuePanel
    from cogtotp_gui.ui.campaign.session_runner import OpenedSession, SessionRunner
    from cogtotp_gui.ui.common.files import FolderMemory

log = logging.getLogger(__name__)


def read_unfinished_session() -> tuple[SessionInfo, list[QueueEntry]] | None:
    """The latest unfinished session and its users (on a worker: blocks while the database is locked)."""
    from cogtotp_gui.campaign.sessions import SessionStore

    store = SessionStore.open()
    try:
        info = store.unfinished(training=False)
        return (info, store.entries(info.id)) if info is not None else None
    finally:
        store.close()


def close_stored_session(session_id: int) -> None:
    """Mark a stored session closed (on a worker)."""
    from cogtotp_gui.campaign.sessions import SessionStore

    store = SessionStore.open()
    try:
        store.close_session(session_id)
    finally:
        store.close()


class SessionControl(QObject):
    """The window's onboarding sessions.

    Args:
        window: the main window (the Qt parent; used as a ``QMainWindow`` only).
        wizard, enrollment: the wizard and the controller, through their ports.
        folders: where the last report was saved (the next one is offered there).

    Signals:
        report_written(object): a report export ended: its path, or the OSError.
    """

    report_written = Signal(object)

    def __init__(
        self, window: QMainWindow, wizard: WizardPort, enrollment: EnrollmentPort, folders: FolderMemory | None = None
    ) -> None:
        super().__init__(window)
        self.setObjectName("sessionControl")
        self.wizard = wizard
        self.enrollment = enrollment
        self.folders = folders
        self.runner: SessionRunner | None = None
        self.panel: QueuePanel | None = None
        # A session replaced while users still waited: Session ▸ Resume goes back to it.
        self._previous: int | None = None
        self._replace_box: QMessageBox | None = None
        # Other processes' session leases, watched on this process's clock (lease.py).
        self._lease_watch: LeaseWatch | None = None
        self._opening = SingleFlight()  # a session's store being opened on a worker
        self._shut_down = False
        self._build_menu()

    @property
    def window(self) -> QMainWindow:
        # Its Qt parent, not an attribute: a reference to the window from its
        # own child would be a cycle, and a window freed by the cycle
        # collector instead of at close crashes (tests/gui/shell/test_leaks.py).
        return cast("QMainWindow", self.parent())

    # -- menu ---------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu_bar = self.window.menuBar()
        self.menu: QMenu = menu_bar.addMenu("")
        self.menu.setObjectName("sessionMenu")
        actions = menu_bar.actions()
        if len(actions) >= 2:
            menu_bar.insertMenu(actions[-2], self.menu)  # before Help (and after Training, if any)
        menu = self.menu
        self.from_file_action = menu_action(
            menu, self, "sessionFromFileAction", self.choose_roster_file, "Ctrl+Shift+O"
        )
        self.from_text_action = menu_action(menu, self, "sessionFromTextAction", self.paste_roster)
        self.resume_previous_action = menu_action(menu, self, "sessionResumePreviousAction", self.resume_previous)
        menu.addSeparator()
        self.export_csv_action = menu_action(menu, self, "sessionExportCsvAction", self.export_csv)
        self.export_pdf_action = menu_action(menu, self, "sessionExportPdfAction", self.export_pdf, "Ctrl+P")
        menu.addSeparator()
        self.end_action = menu_action(menu, self, "sessionEndAction", self.end_session)
        self.retranslate()
        self._update_actions()

    def retranslate(self) -> None:
        # Alt+E: the one letter of "Session" no page takes (the connection
        # page's endpoint moved to Alt+O, its Connect button to Alt+N).
        self.menu.setTitle(self.tr("S&ession"))
        self.from_file_action.setText(self.tr("New session from a roster &file…"))
        self.from_text_action.setText(self.tr("New session from &pasted usernames…"))
        previous = self._previous
        self.resume_previous_action.setText(
            arg(self.tr("&Resume session %1"), previous)
            if previous is not None
            else self.tr("&Resume the previous session")
        )
        self.export_csv_action.setText(self.tr("Export the report as &CSV…"))
        self.export_pdf_action.setText(self.tr("Save the report as P&DF…"))
        self.end_action.setText(self.tr("&End the session"))
        if self.panel is not None:
            self.panel.retranslate()

    def _update_actions(self) -> None:
        active = self.runner is not None
        for action in (self.export_csv_action, self.export_pdf_action, self.end_action):
            action.setEnabled(active)
        self.resume_previous_action.setEnabled(self._previous is not None)
        self.resume_previous_action.setVisible(self._previous is not None)

    # -- starting ------------------------------------------------------------------------

    def start(
        self,
        usernames: Sequence[str],
        *,
        source: str,
        training: bool = False,
        then: Callable[[], object] | None = None,
    ) -> bool:
        """A new session with these users waiting; ``then`` runs once it has started.

        Returns True if it starts now: it comes up once its store has opened
        (on a worker, :meth:`_open`). While the current session still has
        users waiting it asks first (and starts, then ``then``, when the
        operator agrees): False then, as when a user is half-done, nobody
        is given, or another session is being opened.
        """
        usernames = [name for name in usernames if name.strip()]
        if not usernames or not self._may_replace():
            return False
        if self._ask_before_replacing(lambda: self._start_now(usernames, source, training, then)):
            return False
        return self._start_now(usernames, source, training, then)

    def _start_now(
        self, usernames: Sequence[str], source: str, training: bool, then: Callable[[], object] | None = None
    ) -> bool:
        """Open the new session's store on a worker (see :meth:`_open`); ``then`` once it is on screen."""
        from cogtotp_gui.ui.campaign.session_runner import open_new_session

        connection = _connection_name(self.enrollment)
        return self._open(
            lambda: open_new_session(usernames, source=source, connection=connection, training=training), then=then
        )

    def resume(self, session_id: int, *, take_over: int | None = None) -> bool:
        """Go on with a stored session (asks first, as :meth:`start` does),
        held by this process from now on.

        ``take_over``: the version of another process's stale lease the
        operator agreed to take over (see :meth:`_ask_take_over`).
        """
        if not self._may_replace():
            return False
        if self._ask_before_replacing(lambda: self._resume_now(session_id, take_over)):
            return False
        return self._resume_now(session_id, take_over)

    def _resume_now(self, session_id: int, take_over: int | None = None) -> bool:
        """Open the stored session on a worker (see :meth:`_open`)."""
        from cogtotp_gui.ui.campaign.session_runner import open_stored_session

        return self._open(lambda: open_stored_session(session_id, take_over), resumed=session_id)

    def _open(
        self,
        opening: Callable[[], OpenedSession | None],
        *,
        resumed: int | None = None,
        then: Callable[[], object] | None = None,
    ) -> bool:
        """Open a session's store on a worker: another process holding the
        database's write lock keeps the opening waiting for seconds, and
        the window goes on meanwhile; the session comes up when the store
        answers. Returns False while another session is being opened."""
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        task = (
            BackgroundTask(opening, owner=self)
            .success(lambda session: self._on_opened(session, resumed, then))
            .failure(self._on_open_failed)
        )
        return self._opening.run(task) is not None

    def _on_opened(self, session: OpenedSession | None, resumed: int | None, then: Callable[[], object] | None) -> None:
        from cogtotp_gui.ui.campaign.session_runner import SessionRunner
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        if session is None:
            return  # no such session (any more)
        store = session.store
        if self._shut_down:
            if store is not None:
                store.close()
            return
        if not self._may_replace():  # a user was started while the store opened
            if store is not None:
                BackgroundTask(store.close).run_in_background()  # the lease goes back on the writer
            return
        if resumed is not None and self._previous == resumed:
            self._previous = None
        self._end_current(end=False)
        self._install(SessionRunner.for_session(self.enrollment, self.wizard, session, self))
        if then is not None:
            then()

    def _on_open_failed(self, error: Exception) -> None:
        from cogtotp_gui.campaign.database import DatabaseUnavailable
        from cogtotp_gui.campaign.lease import SessionHeld

        if isinstance(error, SessionHeld):
            self._ask_take_over(error)
        elif isinstance(error, DatabaseUnavailable):
            self._tell_database_problem(error)
        else:
            raise error  # a bug: reported by the app's handler

    @Slot()
    def resume_previous(self) -> bool:
        """Session ▸ Resume: back to the session a new one replaced."""
        if self._previous is None:
            return False
        return self.resume(self._previous)

    def _ask_take_over(self, held: SessionHeld) -> None:
        """Another process holds the session: take it over only if its lease
        is stale, and only after the operator said so."""
        import math

        from PySide6.QtWidgets import QMessageBox

        from cogtotp_gui.campaign.lease import LeaseWatch

        if self._lease_watch is None:
            self._lease_watch = LeaseWatch()
        watch = self._lease_watch
        holder = held.record.holder
        if not watch.stale(held.session_id, held.record):
            left = math.ceil(watch.seconds_left(held.session_id) or 0)
            self._say(
                self.tr("The session is open elsewhere"),
                arg(
                    self.tr(
                        "Session %1 is open in another copy of the app (%2 on %3). Go on there, or close that "
                        "copy first. If that copy has stopped, try again in %4 s: the session can then be taken over."
                    ),
                    held.session_id,
                    holder.operator,
                    holder.host,
                    left,
                ),
            )
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Take the session over?"),
            arg(
                self.tr(
                    "Session %1 was left open by a copy of the app that has stopped (%2 on %3). Take it over here? "
                    "Its users stay as recorded; if that copy is still running after all, its changes are no "
                    "longer saved."
                ),
                held.session_id,
                holder.operator,
                holder.host,
            ),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("takeOverSessionBox")
        take = box.addButton(self.tr("&Take over"), QMessageBox.ButtonRole.AcceptRole)
        take.setObjectName("takeOverSessionButton")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(take)
        box.setEscapeButton(cancel)
        version = held.record.version

        def finished(_result: int) -> None:
            clicked = box.clickedButton()
            box.deleteLater()
            self.window.activateWindow()
            if clicked is take and self._may_replace():
                # The replace question, if any, was answered before the lease was seen.
                watch.forget(held.session_id)
                self._resume_now(held.session_id, take_over=version)

        box.finished.connect(finished)
        box.open()

    def offer_resume(self) -> None:
        """On start: an unfinished session is offered for resuming (read on
        a worker: a database another process holds locked waits there)."""
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        def failed(error: Exception) -> None:
            from cogtotp_gui.campaign.database import DatabaseUnavailable

            if not isinstance(error, DatabaseUnavailable):
                raise error  # a bug: reported by the app's handler
            log.warning("sessions cannot be read: %s", error.problem.value)

        BackgroundTask(read_unfinished_session, owner=self).success(self._offer).failure(failed).run_in_background()

    def _offer(self, unfinished: tuple[SessionInfo, list[QueueEntry]] | None) -> None:
        from cogtotp_gui.campaign.queue import UserState
        from cogtotp_gui.campaign.report import local_time
        from cogtotp_gui.ui.common.msgbox import Choice, Role, confirm

        if unfinished is None or self.runner is not None:
            return
        info, entries = unfinished
        waiting = sum(1 for e in entries if e.state in (UserState.WAITING, UserState.IN_PROGRESS))

        def answered(role: QMessageBox.ButtonRole | None) -> None:
            if role == Role.AcceptRole:
                self.resume(info.id)
            elif role == Role.DestructiveRole:
                self._close_stored(info.id)
            self._refocus()

        # The window is made active again once answered: not every window
        # system hands the focus back (offscreen, some X11 window managers),
        # and without it the prefilled user's password went nowhere.
        confirm(
            self.window,
            title=self.tr("Resume the session?"),
            text=arg(
                self.tr("Session %1 (%2, started %3) is not finished: %4."),
                info.id,
                info.source or info.connection,
                local_time(info.created_at),
                arg(self.tr("%1 of %n user(s) still waiting", "", len(entries)), waiting),
            ),
            informative=self.tr("“Close it” keeps the session's report but no longer offers it."),
            choices=(
                Choice(self.tr("&Resume"), Role.AcceptRole, "resumeSessionButton"),
                Choice(self.tr("&Not now"), Role.RejectRole, "notNowButton"),
                Choice(self.tr("&Close it"), Role.DestructiveRole, "closeSessionButton"),
            ),
            default=Role.AcceptRole,
            escape=Role.RejectRole,
            on_answer=answered,
            name="resumeSessionBox",
        )

    def _close_stored(self, session_id: int) -> None:
        """The offer's "Close it", on a worker, as every read and write of the store from here."""
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        BackgroundTask(lambda: close_stored_session(session_id), owner=self).failure(
            self._on_open_failed
        ).run_in_background()

    def _may_replace(self) -> bool:
        # A half-done user is never silently dropped: the operator finishes
        # or abandons them first (Escape asks).
        if self.enrollment.enrollment_in_progress:
            self._say(
                self.tr("Finish or stop the current user first"),
                self.tr("A user is half-way through. Finish, or press Escape to stop, then start the session."),
            )
            return False
        return True

    def _ask_before_replacing(self, then: Callable[[], object]) -> bool:
        """While the current session has users waiting, ask before replacing
        it (``then`` runs if the operator agrees); True if asked."""
        from cogtotp_gui.campaign.queue import UserState
        from cogtotp_gui.ui.common.msgbox import Choice, Role, confirm

        runner = self.runner
        if runner is None:
            return False
        waiting = sum(1 for e in runner.queue if e.state in (UserState.WAITING, UserState.IN_PROGRESS))
        if not waiting:
            return False  # nobody left to do: nothing to come back to
        if self._replace_box is not None:
            self._replace_box.raise_()
            return True
        old = runner.info.id if runner.info is not None else None

        def answered(role: QMessageBox.ButtonRole | None) -> None:
            self._replace_box = None
            if role == Role.AcceptRole and self._may_replace():
                if old is not None:
                    self._previous = old
                then()
            self._refocus()

        self._replace_box = confirm(
            self.window,
            title=self.tr("Replace the current session?"),
            text=(
                self.tr("Session %1 still has %n user(s) waiting.", "", waiting).replace("%1", str(old))
                if old is not None
                else self.tr("The current session (not saved) still has %n user(s) waiting.", "", waiting)
            ),
            informative=(
                arg(
                    self.tr(
                        "It is kept as it is: Session ▸ Resume session %1 goes back to it, "
                        "and the next start offers it while it is the latest unfinished one."
                    ),
                    old,
                )
                if old is not None
                else self.tr("It cannot be resumed: export its report first if you need it.")
            ),
            choices=(
                Choice(self.tr("&Start the new session"), Role.AcceptRole, "confirmReplaceSessionButton"),
                Choice(self.tr("&Keep the current one"), Role.RejectRole, "keepSessionButton"),
            ),
            default=Role.AcceptRole,
            escape=Role.RejectRole,
            on_answer=answered,
            name="replaceSessionBox",
        )
        return True

    def _install(self, runner: SessionRunner) -> None:
        from cogtotp_gui.ui.campaign.queue_panel import QueuePanel

        self.runner = runner
        panel = QueuePanel(runner, self.window)
        panel.skip_requested.connect(self._on_skip_requested)
        panel.retry_requested.connect(self._on_retry_requested)
        panel.remove_requested.connect(self._on_remove_requested)
        panel.move_requested.connect(self._on_move_requested)
        panel.add_requested.connect(self._on_add_requested)
        panel.next_user_requested.connect(self._on_next_user_requested)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        self.panel = panel
        runner.start()
        self._update_actions()
        self.retranslate()
        self._refocus()

    def _end_current(self, *, end: bool) -> None:
        if self.panel is not None:
            self.panel.detach()
            self.window.removeDockWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        if self.runner is not None:
            self.runner.close(end=end, wait=False)  # the store closes on a worker
            self.runner.deleteLater()
            self.runner = None
        self._update_actions()

    @Slot()
    def end_session(self) -> None:
        """The session is over: closed in the database, no longer offered."""
        if self.runner is None or not self._may_replace():
            return
        self._end_current(end=True)
        self.wizard.start_next_user()
        self._refocus()

    def shutdown(self) -> None:
        self._shut_down = True
        if self._replace_box is not None:
            self._replace_box.reject()
        if self.runner is not None:
            self.runner.close(end=False)

    def _refocus(self) -> None:
        """The focus rule: after a queue action, the keyboard goes back to
        the field the operator types into next (the password of a prefilled
        user, the code on a code page, Next on Done)."""
        self.wizard.focus_current_field()

    # -- rosters ---------------------------------------------------------------------------

    @Slot()
    def choose_roster_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open a roster"),
            self._folder(),
            self.tr("Rosters (*.csv *.txt);;All files (*)"),
        )
        if path:
            self._remember_folder(path)
            self.start_from_file(path)

    def start_from_file(self, path: str) -> None:
        """Read the roster on a worker (a big file, a slow share), then start its session."""
        from cogtotp_gui.campaign.roster import RosterError, read_roster_file
        from cogtotp_gui.ui.campaign.roster_messages import roster_error_text
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        def failed(error: Exception) -> None:
            if isinstance(error, RosterError):
                self._say(self.tr("The roster cannot be used"), roster_error_text(error))
            else:
                raise error

        BackgroundTask(lambda: read_roster_file(path), owner=self).success(self._start_roster).failure(
            failed
        ).run_in_background()

    def _start_roster(self, roster: Any) -> None:
        note = (lambda: self._note_dropped(roster.duplicates, roster.blanks)) if roster.dropped else None
        self.start(roster.usernames, source=roster.source, then=note)

    @Slot()
    def paste_roster(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from cogtotp_gui.campaign.roster import RosterError, parse_roster_text
        from cogtotp_gui.ui.campaign.roster_messages import roster_error_text

        text, ok = QInputDialog.getMultiLineText(
            self.window, self.tr("New session"), self.tr("Usernames, one a line (or pasted from a spreadsheet):")
        )
        if not ok or not text.strip():
            self._refocus()
            return
        try:
            roster = parse_roster_text(text)
        except RosterError as error:
            self._say(self.tr("The usernames cannot be used"), roster_error_text(error))
            return
        note = (lambda: self._note_dropped(roster.duplicates, roster.blanks)) if roster.dropped else None
        self.start(roster.usernames, source="pasted", then=note)

    def _note_dropped(self, duplicates: int, blanks: int) -> None:
        self.window.statusBar().showMessage(
            arg(
                self.tr("Roster: %1 and %2 left out."),
                self.tr("%n repeated username(s)", "", duplicates),
                self.tr("%n blank line(s)", "", blanks),
            ),
            15000,
        )

    # -- the panel's requests (each ends with the focus rule) ---------------------------------

    @Slot(str)
    def _on_skip_requested(self, username: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        if self.runner is None:
            return
        reason, ok = QInputDialog.getText(
            self.window, self.tr("Skip a user"), as_typed(arg(self.tr("Why is %1 skipped? (optional)"), username))
        )
        if ok and self.runner is not None and username in self.runner.queue:
            self._on_queue(lambda runner: runner.skip(username, reason))
        else:
            self._refocus()

    def _on_queue(self, action: Callable[[SessionRunner], object]) -> None:
        """A queue action from the panel, then the focus rule. A row the
        queue no longer allows it for (another action got there first) is
        left as it is."""
        from cogtotp_gui.campaign.queue import QueueError

        if self.runner is not None:
            try:
                action(self.runner)
            except QueueError:
                pass
        self._refocus()

    @Slot(str)
    def _on_retry_requested(self, username: str) -> None:
        self._on_queue(lambda runner: runner.retry(username))

    @Slot(str, int)
    def _on_move_requested(self, username: str, offset: int) -> None:
        self._on_queue(lambda runner: runner.move_by(username, offset))

    @Slot()
    def _on_next_user_requested(self) -> None:
        if self.runner is not None:
            self.runner.next_user()
        if not self.enrollment.enrollment_in_progress:
            self._refocus()  # else "Stop enrolling NAME?" has it, and hands it back

    @Slot(str)
    def _on_remove_requested(self, username: str) -> None:
        self._on_queue(lambda runner: runner.remove(username))

    @Slot()
    def _on_add_requested(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from cogtotp_gui.campaign.roster import RosterError, parse_roster_text
        from cogtotp_gui.ui.campaign.roster_messages import roster_error_text

        if self.runner is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self.window, self.tr("Add users"), self.tr("Usernames to add, one a line:")
        )
        if not ok or not text.strip() or self.runner is None:
            self._refocus()
            return
        try:
            roster = parse_roster_text(text)
        except RosterError as error:
            self._say(self.tr("The usernames cannot be used"), roster_error_text(error))
            return
        self.runner.add(roster.usernames)
        self._refocus()

    # -- the report --------------------------------------------------------------------------

    @Slot()
    def export_csv(self) -> None:
        from cogtotp_gui.campaign.report import write_csv

        self._export(self.tr("Export the report"), "csv", self.tr("CSV files (*.csv)"), write_csv)

    @Slot()
    def export_pdf(self) -> None:
        from cogtotp_gui.ui.campaign.report_pdf import write_pdf

        self._export(self.tr("Save the report"), "pdf", self.tr("PDF files (*.pdf)"), write_pdf)

    def _export(
        self, title: str, extension: str, file_filter: str, write: Callable[[SessionReport, str], object]
    ) -> None:
        """Ask where (in the folder used last), then write the session's report there with ``write``."""
        from cogtotp_gui.ui.common.files import ask_save_path

        runner = self.runner
        if runner is None:
            return
        info = runner.info
        path = ask_save_path(
            self.window, title, f"session-{info.id if info else 0}.{extension}", file_filter, self.folders
        )
        if path:
            report = runner.report()

            def job() -> str:
                write(report, path)
                return path

            self._write(job)

    def _folder(self) -> str:
        from cogtotp_gui.ui.common.files import start_folder

        return start_folder(self.folders)

    def _remember_folder(self, path: str) -> None:
        from cogtotp_gui.ui.common.files import remember_folder

        remember_folder(self.folders, path)

    def _write(self, write: Callable[[], object]) -> None:
        """Write the report on a worker (a slow share must not freeze the window), then say so."""
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        BackgroundTask(write, owner=self).success(self._report_saved).failure(self._report_failed).run_in_background()

    def _report_saved(self, path: object) -> None:
        self.window.statusBar().showMessage(arg(self.tr("Report saved to %1"), os.path.normpath(str(path))), 15000)
        self.report_written.emit(path)

    def _report_failed(self, error: Exception) -> None:
        from cogtotp_gui.campaign.export import ExportTargetError

        if not isinstance(error, OSError):
            raise error
        if isinstance(error, ExportTargetError):
            text = self.tr("That name is a link or not a regular file, so nothing was written. Choose another name.")
        else:
            text = arg(self.tr("It cannot be written there (%1). Choose another folder."), error.strerror or "")
        self._say(self.tr("The report was not saved"), text)
        self.report_written.emit(error)

    # -- messages -----------------------------------------------------------------------------

    def _tell_database_problem(self, error: DatabaseUnavailable) -> None:
        from cogtotp_gui.ui.common.messages import error_message

        self._say(self.tr("Sessions cannot be opened"), error_message(error))

    def _say(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("sessionMessageBox")
        show_plain(box)  # roster lines and paths as typed
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _connection_name(enrollment: EnrollmentPort) -> str:
    settings = enrollment.settings
    if settings is None:
        return ""
    return settings.name or settings.user_pool_id
