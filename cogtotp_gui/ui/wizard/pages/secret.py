"""Page 3: the QR code and the secret, for the user to scan or type.

The secret is shown on this page only: it is painted when the page is
entered and removed from every widget as soon as the page is left, and
while the window is concealed (minimised, or the screen locked:
:meth:`SecretPage.set_concealed`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import BannerKind, fixed_font, hint_label
from cogtotp_gui.ui.privacy import clipboard
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage
from cogtotp_gui.ui.wizard.qr_widget import QrCodeWidget


class SecretPage(EnrollmentPage):
    page_id = PageId.SECRET

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("secretPage")
        # None: the application's preference (clipboard.guard().clear_after_s).
        self.clipboard_clear_after_s: float | None = None
        self._confirm_box: QMessageBox | None = None
        self._concealed = False

        self.qr = QrCodeWidget(self)
        self.qr.setObjectName("qrCode")
        self.issuer = QLabel(self)
        self.issuer.setObjectName("issuerLabel")
        self.account = QLabel(self)
        self.account.setObjectName("accountLabel")
        for label in (self.issuer, self.account):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.secret = QLabel(self)
        self.secret.setObjectName("secretLabel")
        self.secret.setTextFormat(Qt.TextFormat.PlainText)
        self.secret.setFont(fixed_font(1.15))
        # Not selectable: Ctrl+A/Ctrl+C, the context menu and X11's PRIMARY
        # selection would copy the key with no timer; only Copy copies it,
        # through the clipboard guard (issue 16, docs/security.md).
        self.secret.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.secret.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # Stands in for the code and the key while they are hidden.
        self.concealed_label = QLabel(self)
        self.concealed_label.setObjectName("secretConcealedLabel")
        self.concealed_label.setWordWrap(True)
        self.concealed_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.concealed_label.setVisible(False)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copySecretButton")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.new_qr_button = QPushButton(self)
        self.new_qr_button.setObjectName("newSecretButton")
        self.new_qr_button.setAutoDefault(False)
        self.new_qr_button.clicked.connect(self._on_new_qr_button_clicked)

        shows_as = QFormLayout()
        shows_as.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.issuer_caption = QLabel(self)
        self.account_caption = QLabel(self)
        shows_as.addRow(self.issuer_caption, self.issuer)
        shows_as.addRow(self.account_caption, self.account)
        side = QVBoxLayout()
        side.setSpacing(8)
        self.shows_heading = QLabel(self)
        bold = self.shows_heading.font()
        bold.setBold(True)
        self.shows_heading.setFont(bold)
        side.addWidget(self.shows_heading)
        side.addLayout(shows_as)
        side.addSpacing(8)
        self.key_heading = QLabel(self)
        self.key_heading.setFont(bold)
        self.key_heading.setWordWrap(True)
        side.addWidget(self.key_heading)
        side.addWidget(self.secret)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addStretch(1)
        side.addLayout(copy_row)
        self.time_hint = hint_label("", self)
        side.addWidget(self.time_hint)
        side.addStretch(1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_qr_button)
        new_row.addStretch(1)
        side.addLayout(new_row)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.qr, 3)
        row.addWidget(self.concealed_label, 3)
        row.addLayout(side, 2)
        self.content.addLayout(row, 1)
        clipboard.guard().expired.connect(self._on_clipboard_expired)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Scan the QR code with the authenticator app"))
        self.setSubTitle(
            self.tr(
                "In Google Authenticator, Microsoft Authenticator, 1Password, Authy…: add an account, then scan this code."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next"))
        self._name_key_for_screen_readers()
        self.concealed_label.setText(
            self.tr("The QR code and the setup key are hidden while the window is minimised or the screen is locked.")
        )
        self.copy_button.setText(self.tr("&Copy key"))
        self.copy_button.setAccessibleName(self.tr("Copy the setup key"))
        self.copy_button.setAccessibleDescription(
            self.tr("Puts the setup key on the clipboard; it is removed again after a short while")
        )
        self.new_qr_button.setText(self.tr("&Generate a new QR code…"))
        self.new_qr_button.setAccessibleName(self.tr("Generate a new QR code"))
        self.new_qr_button.setAccessibleDescription(self.tr("The code already scanned stops working"))
        self.issuer_caption.setText(self.tr("Issuer:"))
        self.account_caption.setText(self.tr("Account:"))
        self.shows_heading.setText(self.tr("The app will show:"))
        self.key_heading.setText(self.tr("Cannot scan? Type this setup key instead:"))
        self.time_hint.setText(self.tr("Choose a time-based key if the app asks."))
        super().retranslate()

    # -- wizard hooks --------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        # Nothing to type: Enter goes on to the confirmation page.
        return self.wizard().button(QWizard.WizardButton.NextButton) if self.wizard() else None

    def entered(self) -> None:
        self._show_secret()
        super().entered()

    def left(self) -> None:
        self._hide_secret()

    def refresh(self) -> None:
        super().refresh()
        self._show_secret()
        # A copied key is the old one now, and dead: it goes at once, not
        # when its timer runs out (issue 15), and the banner says so.
        removed = self.forget_clipboard()

        def render() -> dict[str, object]:
            text = self.tr(
                "This is a new QR code. The previous one no longer works: delete it from the app if it was scanned."
            )
            if removed:
                text += " " + self.tr("The old setup key was removed from the clipboard.")
            return {"kind": BannerKind.INFO, "text": text}

        self.banner.show_translated(render)
        self.focus_first()

    def wipe(self) -> None:
        super().wipe()
        self._hide_secret()
        self.forget_clipboard()

    def submit(self) -> bool:
        return True  # scanning happens on the phone; the next page checks it

    def set_busy(self, busy: bool) -> None:
        self.copy_button.setEnabled(not busy and not self._concealed)
        self.new_qr_button.setEnabled(not busy)
        super().set_busy(busy)

    # -- concealing ------------------------------------------------------------

    @property
    def concealed(self) -> bool:
        return self._concealed

    def set_concealed(self, concealed: bool) -> None:
        """Take the QR code and the key off the screen (window minimised,
        screen locked) or put them back. The clipboard is not touched: its
        own delay applies."""
        if concealed == self._concealed:
            return
        self._concealed = concealed
        self.concealed_label.setVisible(concealed)
        self.qr.setVisible(not concealed)
        self.copy_button.setEnabled(not concealed and not self.controller.busy)
        if concealed:
            self._hide_secret()
        elif self.wizard() is not None and self.wizard().currentPage() is self:
            self._show_secret()

    # -- the secret ------------------------------------------------------------

    def _show_secret(self) -> None:
        info = self.controller.view.secret
        if info is None or self._concealed:
            self._hide_secret()
            return
        self.qr.set_matrix(self.controller.qr_matrix(info.uri))  # built on the worker
        self.issuer.setText(info.issuer)
        self.account.setText(info.account)
        # Four groups of four per line: easy to keep one's place while typing.
        groups = info.grouped.split(" ")
        self.secret.setText("\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)))
        self._name_key_for_screen_readers()

    def _hide_secret(self) -> None:
        self.qr.clear()
        self.issuer.clear()
        self.account.clear()
        self.secret.clear()
        self._name_key_for_screen_readers()

    def _name_key_for_screen_readers(self) -> None:
        """The key's accessible name: the key itself, spelled in its groups
        ("A B C D, E F G H, ..."), while it is on the screen, so that a blind
        operator can read it out to the user; only "Setup key" whenever it is
        hidden (minimised, locked, another page, next user). The key is on
        the screen already: the desktop's own programs may read it while it
        is there (docs/security.md, "The setup key and screen readers")."""
        shown = self.secret.text().split()
        if shown:
            spelled = ", ".join(" ".join(group) for group in shown)
            self.secret.setAccessibleName(arg(self.tr("Setup key: %1"), spelled))
        else:
            self.secret.setAccessibleName(self.tr("Setup key"))

    def forget_clipboard(self) -> bool:
        """Take the secret off the clipboard if it is still the one we
        copied; whether it was there."""
        return clipboard.clear_now_if_ours()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        info = self.controller.view.secret
        if info is None or self._concealed:
            return
        guard = clipboard.copy_secret(info.secret, self.clipboard_clear_after_s)
        seconds = round(
            self.clipboard_clear_after_s if self.clipboard_clear_after_s is not None else guard.clear_after_s
        )
        self.banner.show_translated(
            lambda: {
                "kind": BannerKind.INFO,
                "text": self.tr(
                    "The setup key is on the clipboard for %n second(s), and is removed when this user is finished.",
                    "",
                    seconds,
                ),
            }
        )

    @Slot(bool)
    def _on_clipboard_expired(self, cleared: bool) -> None:
        # Only in place of the "on the clipboard" note, never over an error.
        showing_note = self.banner.isVisible() and self.banner.kind is BannerKind.INFO
        if cleared and showing_note and self.wizard() is not None and self.wizard().currentPage() is self:
            self.banner.show_translated(
                lambda: {"kind": BannerKind.INFO, "text": self.tr("The setup key was removed from the clipboard.")}
            )

    def close_open_questions(self) -> None:
        """Dismiss the "new QR code?" question (the user is being wiped)."""
        if self._confirm_box is not None:
            self._confirm_box.reject()

    @Slot()
    def _on_new_qr_button_clicked(self) -> None:
        from cogtotp_gui.ui.common.msgbox import Choice, Role, confirm

        self._confirm_box = confirm(
            self,
            title=self.tr("Generate a new QR code?"),
            text=self.tr(
                "The code already scanned stops working. The user must delete it from the authenticator app "
                "and scan the new one."
            ),
            icon=QMessageBox.Icon.Warning,
            choices=(
                Choice(self.tr("&Generate new code"), Role.AcceptRole, "confirmNewSecretButton"),
                Choice(QMessageBox.StandardButton.Cancel, Role.RejectRole),
            ),
            default=Role.RejectRole,
            escape=Role.RejectRole,
            on_answer=self._on_new_qr_answered,
            name="newSecretConfirmBox",
        )

    def _on_new_qr_answered(self, role: QMessageBox.ButtonRole | None) -> None:
        self._confirm_box = None
        if role == QMessageBox.ButtonRole.AcceptRole:
            self.controller.new_secret()
        else:
            self.focus_first()
