"""The queue panel beside the wizard: who is next, who is done, how long it takes.

A dock on the main window's right. The table shows each user's state (and
why, for a skip or a failure); above it the counts, the elapsed time and
the average per user, refreshed every second. Everything works from the
keyboard: Alt+Q focuses the table; Ctrl+K skips, Ctrl+R retries,
Ctrl+Up/Ctrl+Down reorder, Insert adds, Delete removes, Ctrl+N takes the
next user.

The model follows the queue's own change notices: a state change repaints
one row, so a 1,000-user roster costs the UI nothing per change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.campaign.queue import QueueChange, SessionQueue, UserState
from cogtotp_gui.ui.campaign.labels import duration_text, reason_label, state_label
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import show_plain

if TYPE_CHECKING:
    from cogtotp_gui.campaign.database import DatabaseUnavailable
    from cogtotp_gui.ui.campaign.session_runner import SessionRunner

_STATE_MARK = {
    UserState.WAITING: "○",
    UserState.IN_PROGRESS: "▶",
    UserState.ENROLLED: "✓",
    UserState.VERIFIED: "✔",
    UserState.ALREADY_TOTP: "✓",
    UserState.SKIPPED: "–",
    UserState.FAILED: "✗",
}


class QueueModel(QAbstractTableModel):
    """The queue as two columns: user, state (with its reason)."""

    def __init__(self, queue: SessionQueue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self._entries = queue.entries
        self._rows = {entry.username: row for row, entry in enumerate(self._entries)}
        queue.listeners.append(self._on_queue_changed)

    def detach(self) -> None:
        if self._on_queue_changed in self.queue.listeners:
            self.queue.listeners.remove(self._on_queue_changed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature; the default is never changed
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature; the default is never changed
        return 0 if parent.isValid() else 2

    def username_at(self, row: int) -> str | None:
        return self._entries[row].username if 0 <= row < len(self._entries) else None

    def row_of(self, username: str) -> int:
        return self._rows.get(username, -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return entry.username
            text = state_label(entry.state)
            if entry.reason:
                text = arg(self.tr("%1: %2"), text, reason_label(entry.reason))
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{_STATE_MARK[entry.state]} {text}"
            return text
        if role == Qt.ItemDataRole.FontRole and entry.state is UserState.IN_PROGRESS:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("User") if section == 0 else self.tr("State")
        return None

    def _on_queue_changed(self, change: QueueChange) -> None:
        if change.kind == "changed" and change.entry is not None:
            row = self._rows.get(change.entry.username, -1)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 1))
                return
        self.beginResetModel()
        self._entries = self.queue.entries
        self._rows = {entry.username: row for row, entry in enumerate(self._entries)}
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        if self._entries:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._entries) - 1, 1))


class QueuePanel(QDockWidget):
    """The session's queue, counts and times, and the operator's actions.

    Signals:
        skip_requested(str), retry_requested(str), remove_requested(str):
            a username.
        move_requested(str, int): a username and an offset (-1 up, +1 down).
        add_requested(), next_user_requested(): the operator's commands.
    """

    skip_requested = Signal(str)
    retry_requested = Signal(str)
    remove_requested = Signal(str)
    move_requested = Signal(str, int)
    add_requested = Signal()
    next_user_requested = Signal()

    def __init__(self, runner: SessionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.runner = runner
        body = QWidget(self)
        body.setObjectName("queuePanelBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        self.summary = QLabel(body)
        self.summary.setObjectName("queueSummary")
        self.summary.setWordWrap(True)
        self.times = QLabel(body)
        self.times.setObjectName("queueTimes")
        self.storage_warning = QLabel(body)
        show_plain(self.storage_warning)  # the data folder's path as it is
        self.storage_warning.setObjectName("queueStorageWarning")
        self.storage_warning.setWordWrap(True)
        self.storage_warning.setVisible(False)
        self.table_label = QLabel(body)
        self.model = QueueModel(runner.queue, self)
        self.table = QTableView(body)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table_label.setBuddy(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.times)
        layout.addWidget(self.storage_warning)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)

        self.skip_action = self._action("skipAction", "Ctrl+K", self._on_skip)
        self.retry_action = self._action("retryAction", "Ctrl+R", self._on_retry)
        self.up_action = self._action("moveUpAction", "Ctrl+Up", lambda: self._on_move(-1))
        self.down_action = self._action("moveDownAction", "Ctrl+Down", lambda: self._on_move(+1))
        self.add_action = self._action("addAction", "Ins", self.add_requested.emit)
        self.remove_action = self._action("removeAction", "Del", self._on_remove)
        self.next_action = self._action("nextUserAction", "Ctrl+N", self.next_user_requested.emit)
        # Up, down and remove act on the table's row: only while it has focus.
        for action in (self.up_action, self.down_action, self.remove_action, self.add_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
        for action in (self.skip_action, self.retry_action, self.next_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for position, (name, action) in enumerate(
            (
                ("skip", self.skip_action),
                ("retry", self.retry_action),
                ("next", self.next_action),
                ("up", self.up_action),
                ("down", self.down_action),
                ("add", self.add_action),
                ("remove", self.remove_action),
            )
        ):
            button = QPushButton(body)
            button.setObjectName(f"queue_{name}Button")
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(action.trigger)
            self.buttons[name] = button
            grid.addWidget(button, position // 3, position % 3)
        layout.addLayout(grid)
        self.setWidget(body)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_times)
        self._clock.start()
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        runner.changed.connect(self._on_runner_changed)
        runner.storage_failed.connect(self._on_storage_failed)
        self.retranslate()
        self._on_runner_changed()
        if runner.storage_error is not None:
            self._on_storage_failed(runner.storage_error)

    def _action(self, name: str, keys: str, slot: object) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    # -- texts -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        info = self.runner.info
        if info is not None:
            self.setWindowTitle(arg(self.tr("Session %1"), info.id))
        else:
            self.setWindowTitle(self.tr("Session (not saved)"))
        self.table_label.setText(self.tr("&Queue:"))
        self.table.setAccessibleName(self.tr("Users of this session"))
        texts = {
            "skip": (self.tr("Skip…"), self.tr("Skip the selected user, saying why (Ctrl+K)")),
            "retry": (self.tr("Retry"), self.tr("Put a skipped or failed user back in the queue (Ctrl+R)")),
            "next": (self.tr("Next user"), self.tr("Go on with the next waiting user (Ctrl+N)")),
            "up": (self.tr("Up"), self.tr("Move the selected user up (Ctrl+Up)")),
            "down": (self.tr("Down"), self.tr("Move the selected user down (Ctrl+Down)")),
            "add": (self.tr("Add…"), self.tr("Add users to the queue (Insert)")),
            "remove": (self.tr("Remove"), self.tr("Take the selected user off the queue (Delete)")),
        }
        actions = {
            "skip": self.skip_action,
            "retry": self.retry_action,
            "next": self.next_action,
            "up": self.up_action,
            "down": self.down_action,
            "add": self.add_action,
            "remove": self.remove_action,
        }
        for name, (text, tip) in texts.items():
            self.buttons[name].setText(text)
            self.buttons[name].setToolTip(tip)
            self.buttons[name].setAccessibleName(text.rstrip("…"))
            self.buttons[name].setAccessibleDescription(tip)
            actions[name].setText(text)
            actions[name].setToolTip(tip)
        self.model.retranslate()
        self._show_summary()
        self._show_times()
        if self.runner.storage_error is not None:
            self._on_storage_failed(self.runner.storage_error)

    def _show_summary(self) -> None:
        counts = self.runner.queue.counts()
        done = counts[UserState.ENROLLED] + counts[UserState.VERIFIED] + counts[UserState.ALREADY_TOTP]
        waiting = counts[UserState.WAITING] + counts[UserState.IN_PROGRESS]
        self.summary.setText(
            arg(
                self.tr("%1: %2 done (%3 verified), %4 to go, %5 skipped, %6 failed"),
                self.tr("%n user(s)", "", len(self.runner.queue)),
                done,
                counts[UserState.VERIFIED],
                waiting,
                counts[UserState.SKIPPED],
                counts[UserState.FAILED],
            )
        )
        self.summary.setAccessibleName(self.summary.text())

    @Slot()
    def _show_times(self) -> None:
        queue = self.runner.queue
        self.times.setText(
            arg(
                self.tr("Elapsed %1 · average %2 a user"),
                duration_text(queue.elapsed()),
                duration_text(queue.average_seconds()),
            )
        )

    # -- the selection -------------------------------------------------------------------

    def selected_username(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.username_at(index.row()) if index.isValid() else None

    def select(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _target(self) -> str | None:
        """The selected user, else the one in progress."""
        selected = self.selected_username()
        if selected is not None:
            return selected
        current = self.runner.queue.current
        return current.username if current is not None else None

    @Slot()
    def _on_runner_changed(self) -> None:
        self._show_summary()
        self._show_times()
        self._update_actions()

    def _on_current_row_changed(self, *_args: object) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        name = self._target()
        queue = self.runner.queue
        state = queue.get(name).state if name is not None and name in queue else None
        self.skip_action.setEnabled(state in (UserState.WAITING, UserState.IN_PROGRESS))
        self.retry_action.setEnabled(state in (UserState.SKIPPED, UserState.FAILED))
        selected = self.selected_username() is not None
        self.up_action.setEnabled(selected)
        self.down_action.setEnabled(selected)
        self.remove_action.setEnabled(selected and state is not UserState.IN_PROGRESS)
        self.next_action.setEnabled(queue.next_waiting() is not None or queue.current is not None)
        for name_, action in (
            ("skip", self.skip_action),
            ("retry", self.retry_action),
            ("up", self.up_action),
            ("down", self.down_action),
            ("remove", self.remove_action),
            ("next", self.next_action),
        ):
            self.buttons[name_].setEnabled(action.isEnabled())

    @Slot(object)
    def _on_storage_failed(self, error: DatabaseUnavailable) -> None:
        from cogtotp_gui.ui.common.messages import error_message

        self.storage_warning.setText(
            arg(
                self.tr(
                    "This session is not being saved: %1 The wizard and the queue go on; export the report before closing."
                ),
                error_message(error),
            )
        )
        self.storage_warning.setVisible(True)

    # -- actions ---------------------------------------------------------------------------

    def _on_skip(self) -> None:
        name = self._target()
        if name is not None:
            self.skip_requested.emit(name)

    def _on_retry(self) -> None:
        name = self._target()
        if name is not None:
            self.retry_requested.emit(name)

    def _on_move(self, offset: int) -> None:
        name = self.selected_username()
        if name is not None:
            self.move_requested.emit(name, offset)
            self.select(name)

    def _on_remove(self) -> None:
        name = self.selected_username()
        if name is not None:
            self.remove_requested.emit(name)

    def detach(self) -> None:
        self._clock.stop()
        self.model.detach()
