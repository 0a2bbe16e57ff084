"""The "Training users" dialog: who to sign in as, and what will happen.

A non-modal dialog (it can stay open beside the wizard) listing every seeded
training user with username, password, situation and what to expect, with a
copy button for the username and the password. The passwords are training
data and meant to be seen; nothing here is logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.ui.common.messages import arg


class TrainingUser(Protocol):
    """What the dialog shows of a user (a ``SeedUser`` fits)."""

    username: str
    password: str
    kind: str
    phone: str
    description: str


def kind_label(kind: str) -> str:
    """A short, translatable name for a training situation."""
    translate = QCoreApplication.translate
    labels = {
        "sms": translate("TrainingUsers", "SMS"),
        "sms2": translate("TrainingUsers", "SMS (second user)"),
        "temp_password": translate("TrainingUsers", "Temporary password"),
        "totp": translate("TrainingUsers", "Already uses an authenticator"),
        "no_mfa": translate("TrainingUsers", "No MFA"),
        "no_sms_delivery": translate("TrainingUsers", "SMS never arrives"),
        "both_mfa": translate("TrainingUsers", "SMS and authenticator"),
        "email_otp": translate("TrainingUsers", "Email code"),
        "mfa_setup": translate("TrainingUsers", "MFA required, none set up"),
        "lost_phone": translate("TrainingUsers", "Lost authenticator"),
    }
    return labels.get(kind, kind)


def what_to_expect(kind: str, new_password: str, fallback: str = "") -> str:
    """One or two sentences for the trainer; ``fallback`` for unknown kinds."""
    translate = QCoreApplication.translate
    texts = {
        "sms": translate(
            "TrainingUsers",
            "The normal case. The SMS code arrives on the training phone; then scan the QR code and type the authenticator's code.",
        ),
        "sms2": translate("TrainingUsers", 'Another SMS user, to practise "Next user" after the first one is done.'),
        "temp_password": translate(
            "TrainingUsers",
            "Signs in with a temporary password: the wizard asks for a new one (for example %1), then the SMS code follows.",
        ),
        "totp": translate(
            "TrainingUsers",
            "Already has an authenticator (see the training phone). The wizard says so; replacing it must be an explicit choice.",
        ),
        "no_mfa": translate(
            "TrainingUsers", "Has no MFA at all: after the password the wizard goes straight to the QR code."
        ),
        "no_sms_delivery": translate(
            "TrainingUsers",
            "The phone has no signal: the SMS code never arrives. Tell the user: “The text message has not "
            "arrived. Please check that your phone has signal, then I will send a new code.” Press “Send a new "
            "code”; if it still does not arrive, press “Next user” and arrange another time (the account keeps "
            "its SMS sign-in).",
        ),
        "both_mfa": translate(
            "TrainingUsers",
            "Has SMS and an authenticator, neither preferred. The wizard picks SMS, then sets up a new authenticator.",
        ),
        "email_otp": translate(
            "TrainingUsers",
            "Uses email codes. The code arrives in the training phone's mailbox; then the user moves to an "
            "authenticator like an SMS user.",
        ),
        "lost_phone": translate(
            "TrainingUsers",
            "Lost the phone with the authenticator (it is not on the training phone). In admin mode choose "
            '"The user lost their authenticator", confirm, and enroll a new one through SMS.',
        ),
        "mfa_setup": translate(
            "TrainingUsers", "The pool requires MFA and the user has none: the QR code comes right after the password."
        ),
    }
    return arg(texts[kind], new_password) if kind in texts else fallback


class _CopyCell(QWidget):
    """Text plus a small copy button, for one table cell."""

    copied = Signal(str)

    def __init__(self, text: str, what: str, *, fixed: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if fixed:
            label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.button = QToolButton()
        self.button.setText(self.tr("Copy"))
        self.button.setToolTip(arg(self.tr("Copy %1"), what))
        self.button.setAccessibleName(arg(self.tr("Copy %1"), what))
        self.button.clicked.connect(lambda: self.copied.emit(text))
        self.was_copied = False
        layout.addWidget(label, 1)
        layout.addWidget(self.button)

    def set_copied(self, copied: bool) -> None:
        """Say "Copied" on the button that copied last (feedback without a dialog)."""
        self.was_copied = copied
        self.button.setText(self.tr("Copied ✓") if copied else self.tr("Copy"))


class TrainingUsersDialog(QDialog):
    """Every training user with password, situation and what to expect.

    Signals:
        copied(str): a value was put on the clipboard (what, not the value).
    """

    copied = Signal(str)

    COLUMN_USERNAME, COLUMN_PASSWORD, COLUMN_KIND, COLUMN_EXPECT = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingUsersDialog")
        self.setModal(False)
        self.resize(1040, 440)
        self._new_password = ""
        self._users: list[TrainingUser] = []
        self._fitted = False

        intro = QLabel()
        intro.setObjectName("trainingUsersIntro")
        intro.setWordWrap(True)
        self._intro = intro

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("trainingUsersTable")
        # Whole sentences, wrapped: never cut with "…".
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in (self.COLUMN_USERNAME, self.COLUMN_PASSWORD, self.COLUMN_KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMN_EXPECT, QHeaderView.ResizeMode.Stretch)
        # Wrapped text needs the final column width to find its row height.
        header.sectionResized.connect(self._fit_rows)

        self._hint = QLabel()
        self._hint.setObjectName("trainingUsersHint")
        self._hint.setWordWrap(True)
        # What the last Copy put on the clipboard (a screen reader hears it too).
        self.feedback = QLabel()
        self.feedback.setObjectName("trainingUsersCopied")
        self._copied_what: str | None = None

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._hint)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self._retranslate_chrome()

        # Ctrl+C on a selected row copies its username, the most common need.
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table)
        copy.activated.connect(self._copy_selected_username)

    def _retranslate_chrome(self) -> None:
        self.setWindowTitle(self.tr("Training users"))
        self._intro.setText(
            self.tr(
                "Sign in as any of these users to practise. They exist only in the training pool on this "
                'computer. "Reset training data" brings every user back to this state.'
            )
        )
        self.table.setAccessibleName(self.tr("Training users"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Username"), self.tr("Password"), self.tr("Situation"), self.tr("What to expect")]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_chrome()
            if self._users:
                self.set_users(self._users, self._new_password)
            self._show_copied()
            if self.isVisible():
                QTimer.singleShot(0, self, self._fit_height)  # longer words, taller rows
        super().changeEvent(event)

    def set_users(self, users: Iterable[TrainingUser], new_password: str) -> None:
        """Fill the table (again, after a reset)."""
        users = list(users)
        self._users = users
        self._new_password = new_password
        self._copied_what = None
        self._show_copied()
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            # The cell widgets paint the values; the items carry them for
            # screen readers and for Ctrl+C on a selected row.
            for column, value in ((self.COLUMN_USERNAME, user.username), (self.COLUMN_PASSWORD, user.password)):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, value)
                self.table.setItem(row, column, item)
            self._set_copy_cell(row, self.COLUMN_USERNAME, user.username, arg(self.tr("username of %1"), user.username))
            self._set_copy_cell(
                row, self.COLUMN_PASSWORD, user.password, arg(self.tr("password of %1"), user.username), fixed=True
            )
            self.table.setItem(row, self.COLUMN_KIND, QTableWidgetItem(kind_label(user.kind)))
            expect = QTableWidgetItem(what_to_expect(user.kind, new_password, user.description))
            expect.setToolTip(expect.text())
            self.table.setItem(row, self.COLUMN_EXPECT, expect)
        self.table.clearSelection()
        self.table.setCurrentItem(None)  # type: ignore[call-overload]  # PySide6 stubs lack the None overload
        self._fit_rows()
        self._hint.setText(
            arg(
                self.tr(
                    "The wizard is connected to this training pool already. For the temporary password, any new "
                    "password with upper and lower case, a digit and a symbol works, for example %1."
                ),
                new_password,
            )
        )

    @Slot()
    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        padding = self.fontMetrics().height() // 2
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, self.table.rowHeight(row) + padding)

    @Slot()
    def _fit_height(self) -> None:
        """As tall as the list, so every user is seen at once (the table's
        column widths, and so its row heights, are known only when shown)."""
        self._fit_rows()
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        wanted = rows + self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        available = self.screen().availableGeometry().height() if self.screen() else 800
        height = min(self.height() + wanted - self.table.height(), available - 80)
        self.resize(self.width(), max(height, 240))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self, self._fit_height)

    def usernames(self) -> list[str]:
        return [self._username_at(row) for row in range(self.table.rowCount())]

    def _username_at(self, row: int) -> str:
        item = self.table.item(row, self.COLUMN_USERNAME)
        assert item is not None  # every row has its username item
        return item.data(Qt.ItemDataRole.UserRole)

    def copy_buttons(self, row: int) -> tuple[QToolButton, QToolButton]:
        """The username and password copy buttons of a row."""
        username, password = (
            self.table.cellWidget(row, column) for column in (self.COLUMN_USERNAME, self.COLUMN_PASSWORD)
        )
        assert isinstance(username, _CopyCell) and isinstance(password, _CopyCell)
        return username.button, password.button

    # -- plumbing ----------------------------------------------------------------

    def _set_copy_cell(self, row: int, column: int, text: str, what: str, *, fixed: bool = False) -> None:
        cell = _CopyCell(text, what, fixed=fixed)
        cell.copied.connect(lambda value, what=what, at=(row, column): self._copy(value, what, at))
        self.table.setCellWidget(row, column, cell)

    def _copy(self, value: str, what: str, at: tuple[int, int] | None = None) -> None:
        QGuiApplication.clipboard().setText(value)
        self._copied_what = what
        for row in range(self.table.rowCount()):
            for column in (self.COLUMN_USERNAME, self.COLUMN_PASSWORD):
                cell = self.table.cellWidget(row, column)
                if isinstance(cell, _CopyCell):
                    cell.set_copied((row, column) == at)
        self._show_copied()
        self.copied.emit(what)

    def _show_copied(self) -> None:
        text = arg(self.tr("Copied the %1 to the clipboard."), self._copied_what) if self._copied_what else ""
        self.feedback.setText(text)
        self.feedback.setAccessibleName(text)
        self.feedback.setVisible(bool(text))

    @Slot()
    def _copy_selected_username(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            username = self._username_at(row)
            self._copy(username, arg(self.tr("username of %1"), username))
