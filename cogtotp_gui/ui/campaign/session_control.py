"""Sessions on the main window: the Session menu, starting, resuming, the report.

Made after the first paint (``MainWindow.sessions``). One session at a
time: starting another ends the current one (asking first if a user is
half-done). The report is exported from what is in memory, so it is
complete even when the database could not be written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import as_typed, show_plain

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from cogtotp_gui.campaign.database import DatabaseUnavailable
    from cogtotp_gui.campaign.report import SessionReport
    from cogtotp_gui.ui.campaign.queue_panel import QueuePanel
    from cogtotp_gui.ui.campaign.session_runner import SessionRunner
    from cogtotp_gui.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class SessionControl(QObject):
    """The window's onboarding sessions.

    Signals:
        session_started(): a runner and its panel are in place.
        report_written(object): a report export ended: its path, or the OSError.
    """

    session_started = Signal()
    report_written = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("sessionControl")
        self.runner: SessionRunner | None = None
        self.panel: QueuePanel | None = None
        self._build_menu()

    @property
    def window(self) -> MainWindow:
        # Its Qt parent, not an attribute: a reference to the window from its
        # own child would be a cycle, and a window freed by the cycle
        # collector instead of at close crashes (tests/gui/shell/test_leaks.py).
        return cast("MainWindow", self.parent())

    # -- menu ---------------------------------------------------------------------------

    def _build_menu(self) -> None:
        window = self.window
        menu_bar = window.menuBar()
        self.menu: QMenu = menu_bar.addMenu("")
        self.menu.setObjectName("sessionMenu")
        help_action = window.help_menu.menuAction()
        menu_bar.insertMenu(help_action, self.menu)  # before Help (and after Training, if any)
        self.from_file_action = QAction(self)
        self.from_file_action.setObjectName("sessionFromFileAction")
        self.from_file_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.from_file_action.triggered.connect(self.choose_roster_file)
        self.from_text_action = QAction(self)
        self.from_text_action.setObjectName("sessionFromTextAction")
        self.from_text_action.triggered.connect(self.paste_roster)
        self.export_csv_action = QAction(self)
        self.export_csv_action.setObjectName("sessionExportCsvAction")
        self.export_csv_action.triggered.connect(self.export_csv)
        self.export_pdf_action = QAction(self)
        self.export_pdf_action.setObjectName("sessionExportPdfAction")
        self.export_pdf_action.setShortcut(QKeySequence("Ctrl+P"))
        self.export_pdf_action.triggered.connect(self.export_pdf)
        self.end_action = QAction(self)
        self.end_action.setObjectName("sessionEndAction")
        self.end_action.triggered.connect(self.end_session)
        self.menu.addAction(self.from_file_action)
        self.menu.addAction(self.from_text_action)
        self.menu.addSeparator()
        self.menu.addAction(self.export_csv_action)
        self.menu.addAction(self.export_pdf_action)
        self.menu.addSeparator()
        self.menu.addAction(self.end_action)
        self.retranslate()
        self._update_actions()

    def retranslate(self) -> None:
        # Alt+E: the one letter of "Session" no page takes (the connection
        # page's endpoint moved to Alt+O, its Connect button to Alt+N).
        self.menu.setTitle(self.tr("S&ession"))
        self.from_file_action.setText(self.tr("New session from a roster &file…"))
        self.from_text_action.setText(self.tr("New session from &pasted usernames…"))
        self.export_csv_action.setText(self.tr("Export the report as &CSV…"))
        self.export_pdf_action.setText(self.tr("Save the report as P&DF…"))
        self.end_action.setText(self.tr("&End the session"))
        if self.panel is not None:
            self.panel.retranslate()

    def _update_actions(self) -> None:
        active = self.runner is not None
        for action in (self.export_csv_action, self.export_pdf_action, self.end_action):
            action.setEnabled(active)

    # -- starting ------------------------------------------------------------------------

    def start(self, usernames: Sequence[str], *, source: str, training: bool = False) -> bool:
        """A new session with these users waiting (ends the current one)."""
        from cogtotp_gui.ui.campaign.session_runner import SessionRunner

        usernames = [name for name in usernames if name.strip()]
        if not usernames or not self._may_replace():
            return False
        self._end_current(end=False)
        runner = SessionRunner.open_new(
            self.window.controller, self.window.wizard, usernames, source=source, training=training, parent=self
        )
        self._install(runner)
        return True

    def resume(self, session_id: int) -> bool:
        """Go on with a stored session."""
        from cogtotp_gui.campaign.database import DatabaseUnavailable
        from cogtotp_gui.campaign.sessions import SessionStore
        from cogtotp_gui.ui.campaign.session_runner import SessionRunner

        if not self._may_replace():
            return False
        try:
            store = SessionStore.open()
            info = store.info(session_id)
            if info is None:
                store.close()
                return False
            runner = SessionRunner.resume(self.window.controller, self.window.wizard, store, info, parent=self)
        except DatabaseUnavailable as error:
            self._tell_database_problem(error)
            return False
        self._end_current(end=False)
        self._install(runner)
        return True

    def offer_resume(self) -> None:
        """On start: an unfinished session is offered for resuming."""
        from PySide6.QtWidgets import QMessageBox

        from cogtotp_gui.campaign.database import DatabaseUnavailable
        from cogtotp_gui.campaign.queue import UserState
        from cogtotp_gui.campaign.report import local_time
        from cogtotp_gui.campaign.sessions import SessionStore
        from cogtotp_gui.ui.common.msgbox import Choice, Role, confirm

        try:
            store = SessionStore.open()
            try:
                info = store.unfinished(training=False)
                entries = store.entries(info.id) if info is not None else []
            finally:
                store.close()
        except DatabaseUnavailable as error:
            log.warning("sessions cannot be read: %s", error.problem.value)
            return
        if info is None or self.runner is not None:
            return
        waiting = sum(1 for e in entries if e.state in (UserState.WAITING, UserState.IN_PROGRESS))

        def answered(role: QMessageBox.ButtonRole | None) -> None:
            if role == Role.AcceptRole:
                self.resume(info.id)
            elif role == Role.DestructiveRole:
                self._close_stored(info.id)

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
        from cogtotp_gui.campaign.database import DatabaseUnavailable
        from cogtotp_gui.campaign.sessions import SessionStore

        try:
            store = SessionStore.open()
            try:
                store.close_session(session_id)
            finally:
                store.close()
        except DatabaseUnavailable as error:
            self._tell_database_problem(error)

    def _may_replace(self) -> bool:
        # A half-done user is never silently dropped: the operator finishes
        # or abandons them first (Escape asks).
        if self.window.controller.enrollment_in_progress:
            self._say(
                self.tr("Finish or stop the current user first"),
                self.tr("A user is half-way through. Finish, or press Escape to stop, then start the session."),
            )
            return False
        return True

    def _install(self, runner: SessionRunner) -> None:
        from cogtotp_gui.ui.campaign.queue_panel import QueuePanel

        self.runner = runner
        panel = QueuePanel(runner, self.window)
        panel.skip_requested.connect(self._on_skip_requested)
        panel.retry_requested.connect(runner.retry)
        panel.remove_requested.connect(self._on_remove_requested)
        panel.move_requested.connect(runner.move_by)
        panel.add_requested.connect(self._on_add_requested)
        panel.next_user_requested.connect(runner.next_user)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        self.panel = panel
        runner.start()
        self._update_actions()
        self.session_started.emit()

    def _end_current(self, *, end: bool) -> None:
        if self.panel is not None:
            self.panel.detach()
            self.window.removeDockWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        if self.runner is not None:
            self.runner.close(end=end)
            self.runner.deleteLater()
            self.runner = None
        self._update_actions()

    @Slot()
    def end_session(self) -> None:
        """The session is over: closed in the database, no longer offered."""
        if self.runner is None or not self._may_replace():
            return
        self._end_current(end=True)
        self.window.wizard.start_next_user()

    def shutdown(self) -> None:
        if self.runner is not None:
            self.runner.close(end=False)

    # -- rosters ---------------------------------------------------------------------------

    @Slot()
    def choose_roster_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open a roster"),
            "",
            self.tr("Rosters (*.csv *.txt);;All files (*)"),
        )
        if path:
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
        started = self.start(roster.usernames, source=roster.source)
        if started and roster.dropped:
            self._note_dropped(roster.duplicates, roster.blanks)

    @Slot()
    def paste_roster(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from cogtotp_gui.campaign.roster import RosterError, parse_roster_text
        from cogtotp_gui.ui.campaign.roster_messages import roster_error_text

        text, ok = QInputDialog.getMultiLineText(
            self.window, self.tr("New session"), self.tr("Usernames, one a line (or pasted from a spreadsheet):")
        )
        if not ok or not text.strip():
            return
        try:
            roster = parse_roster_text(text)
        except RosterError as error:
            self._say(self.tr("The usernames cannot be used"), roster_error_text(error))
            return
        if self.start(roster.usernames, source="pasted") and roster.dropped:
            self._note_dropped(roster.duplicates, roster.blanks)

    def _note_dropped(self, duplicates: int, blanks: int) -> None:
        self.window.statusBar().showMessage(
            arg(
                self.tr("Roster: %1 and %2 left out."),
                self.tr("%n repeated username(s)", "", duplicates),
                self.tr("%n blank line(s)", "", blanks),
            ),
            15000,
        )

    # -- the panel's requests -----------------------------------------------------------------

    @Slot(str)
    def _on_skip_requested(self, username: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        if self.runner is None:
            return
        reason, ok = QInputDialog.getText(
            self.window, self.tr("Skip a user"), as_typed(arg(self.tr("Why is %1 skipped? (optional)"), username))
        )
        if ok and self.runner is not None and username in self.runner.queue:
            from cogtotp_gui.campaign.queue import QueueError

            try:
                self.runner.skip(username, reason)
            except QueueError:
                pass

    @Slot(str)
    def _on_remove_requested(self, username: str) -> None:
        from cogtotp_gui.campaign.queue import QueueError

        if self.runner is not None:
            try:
                self.runner.remove(username)
            except QueueError:
                pass

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
            return
        try:
            roster = parse_roster_text(text)
        except RosterError as error:
            self._say(self.tr("The usernames cannot be used"), roster_error_text(error))
            return
        self.runner.add(roster.usernames)

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
        """Ask where, then write the session's report there with ``write``."""
        from PySide6.QtWidgets import QFileDialog

        runner = self.runner
        if runner is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, title, self._default_name(extension), file_filter)
        if path:
            report = runner.report()

            def job() -> str:
                write(report, path)
                return path

            self._write(job)

    def _default_name(self, extension: str) -> str:
        info = self.runner.info if self.runner is not None else None
        return os.path.join(os.path.expanduser("~"), f"session-{info.id if info else 0}.{extension}")

    def _write(self, write: Callable[[], object]) -> None:
        """Write the report on a worker (a slow share must not freeze the window), then say so."""
        from cogtotp_gui.ui.common.tasks import BackgroundTask

        BackgroundTask(write, owner=self).success(self._report_saved).failure(self._report_failed).run_in_background()

    def _report_saved(self, path: object) -> None:
        self.window.statusBar().showMessage(self.tr("Report saved."), 8000)
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
