"""A team campaign's desk on the main window: the team queue panel, the walk-in, the banners.

Made when the app joins a campaign (``--campaign``, or a saved connection's
campaign settings; ``MainWindow.join_campaign``). The
:class:`~cogtotp_gui.ui.campaign.team_runner.TeamRunner` does the work; this
shows it: a dock on the right with the team's counts, who holds which user,
this desk's user, and a banner when something needs the operator's eye
(the table away, the hold lost, a campaign refused). **Ctrl+Shift+U**
(or the panel's button) takes a named user out of turn (a walk-in).

Focus rule (docs/sessions.md): after every action here the keyboard goes
back to the field the operator types into next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.model import TeamError, TeamErrorKind
from cogtotp_gui.ui.campaign.team_labels import team_error_message
from cogtotp_gui.ui.campaign.team_runner import TeamJoin, TeamRunner, open_desk
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import BannerKind, MessageBanner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from cogtotp_gui.ui.campaign.ports import EnrollmentPort, WizardPort

__all__ = ["TeamControl", "TeamPanel"]

WALK_IN_KEYS = "Ctrl+Shift+U"
SKIP_KEYS = "Ctrl+K"  # as the session's queue panel


# The holders table asks for no more width than this (long ARNs are elided).
_HOLDERS_MAX_PX = 560


def _short(operator: str) -> str:
    """An ARN's last part (the IAM user, or an assumed role's session name)."""
    return operator.rsplit("/", 1)[-1] or operator


class TeamPanel(QDockWidget):
    """The team's queue beside the wizard (reads the runner; writes nothing)."""

    def __init__(
        self,
        runner: TeamRunner,
        join: TeamJoin,
        walk_in: QAction,
        parent: QWidget | None = None,
        *,
        skip: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teamQueuePanel")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.runner = runner
        self.join = join
        self.walk_in_action = walk_in
        body = QWidget(self)
        body.setObjectName("teamQueuePanelBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        self.banner = MessageBanner(body)
        self.banner.setObjectName("teamBanner")
        self.summary = QLabel(body)
        self.summary.setObjectName("teamSummary")
        self.summary.setWordWrap(True)
        self.current = QLabel(body)
        self.current.setObjectName("teamCurrentUser")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.table_label = QLabel(body)
        self.table = QTableWidget(0, 3, body)
        self.table.setObjectName("teamHoldersTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.table_label.setBuddy(self.table)
        self.walk_in_button = QPushButton(body)
        self.walk_in_button.setObjectName("teamWalkInButton")
        self.walk_in_button.setAutoDefault(False)
        self.walk_in_button.clicked.connect(walk_in.trigger)
        self.skip_button = QPushButton(body)
        self.skip_button.setObjectName("teamSkipButton")
        self.skip_button.setAutoDefault(False)
        if skip is not None:
            self.skip_button.clicked.connect(skip.trigger)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.current)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skip_button)
        layout.addWidget(self.walk_in_button)
        self.setWidget(body)
        self.notice: tuple[BannerKind, Callable[[], dict[str, Any]]] | None = None
        runner.changed.connect(self.show_state)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(arg(self.tr("Team campaign %1"), self.join.campaign))
        self.setAccessibleName(self.tr("Team campaign"))
        self.table_label.setText(self.tr("Who holds which user:"))
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Operator"), self.tr("Desk")])
        self.walk_in_button.setText(self.tr("Take a user out of turn…"))
        self.skip_button.setText(self.tr("Skip this user…"))
        self.skip_button.setToolTip(
            arg(self.tr("The user is not here: record them as skipped and take the next (%1)"), SKIP_KEYS)
        )
        self.walk_in_button.setToolTip(
            arg(self.tr("A walk-in: take a named user now (%1)"), QKeySequence(WALK_IN_KEYS).toString())
        )
        self.show_state()

    def say(self, render: Callable[[], dict[str, Any]] | None, *, announce: bool = True) -> None:
        """A note for the operator across the panel's top (None: none),
        said again in the new language after a language change."""
        if render is None:
            self.banner.clear()
            return
        self.banner.show_message(**render(), render=render, announce=announce)

    @Slot()
    def show_state(self) -> None:
        runner = self.runner
        snapshot = runner.snapshot
        if snapshot is not None:
            counts = snapshot.info.counts
            finished = sum(n for state, n in counts.items() if state.finished)
            self.summary.setText(
                arg(
                    self.tr("%n user(s): %1 finished, %2 waiting, %3 in progress.", "", snapshot.info.total),
                    finished,
                    counts.get(UserState.WAITING, 0),
                    counts.get(UserState.IN_PROGRESS, 0),
                )
            )
            self._show_holders(snapshot.in_progress)
        elif runner.desk is None:
            self.summary.setText(self.tr("Joining the campaign…"))
        self.skip_button.setEnabled(runner.current is not None and runner.hand is not None and not runner.hand.written)
        if runner.current is not None:
            self.current.setText(arg(self.tr("This desk: %1"), runner.current))
        elif runner.desk is not None and runner.online and not runner.stopped:
            self.current.setText(self.tr("This desk: nobody is waiting to be taken."))
        else:
            self.current.setText(self.tr("This desk: no user."))

    def _show_holders(self, users: list[Any]) -> None:
        mine = self.runner.desk.store.holder if self.runner.desk is not None else ""
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            name = user.username + ("  ▶" if user.holder == mine else "")
            for column, text, tip in (
                (0, name, self.tr("this desk") if user.holder == mine else ""),
                (1, _short(user.operator), user.operator),
                (2, user.desk, user.desk),
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(row, column, item)
        self._fit_width()

    def _fit_width(self) -> None:
        """As wide as the table's columns (up to a limit), so that the Desk
        column is not hidden behind a scroll bar when the panel opens."""
        table, header = self.table, self.table.horizontalHeader()
        columns = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(table.columnCount()))
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(min(columns + frame, _HOLDERS_MAX_PX))


class TeamControl(QObject):
    """The desk's side of a team campaign on the main window.

    Args:
        window: the main window (the Qt parent; used as a ``QMainWindow`` only).
        wizard, enrollment: through their ports.
        join: the campaign and its table.
        desk_factory: makes the TeamDesk on a worker (default: :func:`open_desk`).
        runner_options: passed to :class:`TeamRunner` (intervals, for tests).
    """

    def __init__(
        self,
        window: QMainWindow,
        wizard: WizardPort,
        enrollment: EnrollmentPort,
        join: TeamJoin,
        *,
        desk_factory: Callable[[], Any] | None = None,
        **runner_options: Any,
    ) -> None:
        super().__init__(window)
        self.setObjectName("teamControl")
        self.wizard = wizard
        self.enrollment = enrollment
        self.join = join
        settings = enrollment.settings
        self.runner = TeamRunner(
            enrollment,
            wizard,
            desk_factory or (lambda: open_desk(join)),
            pool_id=settings.user_pool_id if settings is not None else None,
            parent=self,
            **runner_options,
        )
        self.walk_in_dialog: Any = None  # the walk-in's question while it is open
        self.walk_in_action = QAction(self)
        self.walk_in_action.setObjectName("teamWalkInAction")
        self.walk_in_action.setShortcut(QKeySequence(WALK_IN_KEYS))
        self.walk_in_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.walk_in_action.triggered.connect(self.ask_walk_in)
        window.addAction(self.walk_in_action)
        self.skip_action = QAction(self)
        self.skip_action.setObjectName("teamSkipAction")
        self.skip_action.setShortcut(QKeySequence(SKIP_KEYS))
        self.skip_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.skip_action.triggered.connect(self.ask_skip)
        window.addAction(self.skip_action)
        self.skip_dialog: Any = None  # the skip's question while it is open
        self.panel = TeamPanel(self.runner, join, self.walk_in_action, window, skip=self.skip_action)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.runner.failed.connect(self._on_failed)
        self.runner.online_changed.connect(self._on_online_changed)
        self.runner.lease_lost.connect(self._on_lease_lost)
        self.runner.walk_in_refused.connect(self._on_walk_in_refused)
        self.runner.user_taken.connect(self._on_user_taken)
        self.runner.changed.connect(self._on_changed)
        self.walk_in_action.setText(self.tr("Take a user out of turn…"))
        self.skip_action.setText(self.tr("Skip this user…"))

    @property
    def window(self) -> QMainWindow:
        return cast("QMainWindow", self.parent())

    def start(self) -> None:
        self.runner.start()

    def shutdown(self) -> None:
        self.runner.close()

    def detach(self) -> None:
        """Off the window: its panel and shortcuts go (another campaign replaces it)."""
        self.shutdown()
        for action in (self.walk_in_action, self.skip_action):
            self.window.removeAction(action)
        self.window.removeDockWidget(self.panel)
        self.panel.deleteLater()

    # -- the walk-in ------------------------------------------------------------------

    @Slot()
    def ask_walk_in(self) -> None:
        """Ask for the walk-in's username (a window-modal dialog: Enter takes them, Escape does nothing)."""
        from PySide6.QtWidgets import QInputDialog

        if self.walk_in_dialog is not None:
            self.walk_in_dialog.raise_()
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("walkInDialog")
        dialog.setWindowTitle(self.tr("Take a user out of turn"))
        dialog.setLabelText(self.tr("Username of the user at the desk:"))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        self.walk_in_dialog = dialog

        def finished(result: int) -> None:
            self.walk_in_dialog = None
            name = dialog.textValue()
            dialog.deleteLater()
            self.window.activateWindow()
            if result == QInputDialog.DialogCode.Accepted and name.strip():
                self.take(name)
            self.wizard.focus_current_field()

        dialog.finished.connect(finished)
        dialog.open()

    @Slot()
    def ask_skip(self) -> None:
        """Why is the user in hand skipped? (optional; Enter skips, Escape does nothing)."""
        from PySide6.QtWidgets import QInputDialog

        username = self.runner.current
        if username is None or self.skip_dialog is not None:
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("teamSkipDialog")
        dialog.setWindowTitle(self.tr("Skip a user"))
        dialog.setLabelText(arg(self.tr("Why is %1 skipped? (optional)"), username))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        self.skip_dialog = dialog

        def finished(result: int) -> None:
            self.skip_dialog = None
            reason = dialog.textValue()
            dialog.deleteLater()
            self.window.activateWindow()
            if result == QInputDialog.DialogCode.Accepted and self.runner.current == username:
                self.runner.skip(reason)
            self.wizard.focus_current_field()

        dialog.finished.connect(finished)
        dialog.open()

    def take(self, username: str) -> bool:
        """Take ``username`` now (False, and a note, if a user is half-way)."""
        if self.runner.take(username):
            return True
        self.panel.say(
            lambda: {
                "kind": BannerKind.WARNING,
                "text": self.tr("Finish or stop the current user first, then take the walk-in."),
            }
        )
        return False

    # -- what the runner says ---------------------------------------------------------------

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        def render() -> dict[str, Any]:
            if isinstance(error, TeamError):
                text, hint = team_error_message(error)
                return {
                    "kind": BannerKind.ERROR,
                    "text": text,
                    "hint": hint,
                    "details": str(error.code or error.kind.value),
                }
            from cogtotp_gui.campaign.database import DatabaseUnavailable
            from cogtotp_gui.ui.common.messages import error_message

            assert isinstance(error, DatabaseUnavailable)  # the runner passes on nothing else
            return {"kind": BannerKind.ERROR, "text": error_message(error)}

        self.panel.say(render)

    @Slot(bool)
    def _on_online_changed(self, online: bool) -> None:
        if online:
            self.panel.say(None)
        else:
            self._show_offline()

    def _show_offline(self, *, announce: bool = True) -> None:
        runner = self.runner

        def render() -> dict[str, Any]:
            kept, in_hand = runner.kept, runner.current is not None
            if in_hand and kept:
                text = self.tr(
                    "The campaign table cannot be reached: finish this user; %n outcome(s) kept; "
                    "no new users until it is back.",
                    "",
                    kept,
                )
            elif in_hand:
                text = self.tr("The campaign table cannot be reached: finish this user; no new users until it is back.")
            elif kept:
                text = self.tr(
                    "The campaign table cannot be reached: %n outcome(s) kept; no new users until it is back.",
                    "",
                    kept,
                )
            else:
                text = self.tr("The campaign table cannot be reached: no new users until it is back.")
            return {
                "kind": BannerKind.WARNING,
                "text": text,
                "hint": self.tr("The app tries again every few seconds; nothing is lost."),
                "action_text": self.tr("Try again now"),
                "action": runner.retry_now,
            }

        self.panel.say(render, announce=announce)

    @Slot(str)
    def _on_lease_lost(self, username: str) -> None:
        error = self.runner.error
        holder = error.holder if isinstance(error, TeamError) else ""

        def render() -> dict[str, Any]:
            text = (
                arg(self.tr("Another desk has taken %1 over: %2."), username, holder)
                if holder
                else arg(self.tr("This desk no longer holds %1: its hold lapsed."), username)
            )
            return {
                "kind": BannerKind.WARNING,
                "text": text,
                "hint": self.tr("Carry on with the user: the outcome is recorded as a late one, and the lead sees it."),
            }

        self.panel.say(render)

    @Slot(object)
    def _on_walk_in_refused(self, error: TeamError) -> None:
        def render() -> dict[str, Any]:
            if error.kind is TeamErrorKind.HELD and error.holder:
                operator, _, desk = error.holder.partition(" (")
                text = arg(
                    self.tr("%1 is held by %2 at %3."),
                    self.runner.walk_in,
                    _short(operator),
                    desk.rstrip(")"),
                )
                return {"kind": BannerKind.WARNING, "text": text}
            text, hint = team_error_message(error)
            return {"kind": BannerKind.WARNING, "text": text, "hint": hint}

        if error.kind in (TeamErrorKind.OFFLINE, TeamErrorKind.THROTTLED, TeamErrorKind.CONFLICT):
            self._show_offline()
        else:
            self.panel.say(render)
        self.wizard.focus_current_field()

    @Slot(str)
    def _on_user_taken(self, _username: str) -> None:
        if self.runner.online and self.panel.banner.kind is not BannerKind.ERROR:
            self.panel.say(None)

    @Slot()
    def _on_changed(self) -> None:
        if not self.runner.online:
            self._show_offline(announce=False)  # the count of kept outcomes
