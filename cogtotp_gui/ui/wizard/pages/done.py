"""The end: what changed for this user, and a fresh start for the next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget, QWizard

from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class DonePage(EnrollmentPage):
    page_id = PageId.DONE

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("donePage")

        self.icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
        self.icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(self)
        self.headline.setObjectName("doneHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("doneSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.headline)
        text.addWidget(self.summary)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.icon)
        row.addLayout(text, 1)
        self.content.addLayout(row)
        # A button of its own (Enter stays "Next user").
        self.rehearse_button = QPushButton(self)
        self.rehearse_button.setObjectName("rehearseButton")
        self.rehearse_button.setAutoDefault(False)
        self.rehearse_button.clicked.connect(self._on_rehearse_button_clicked)
        self.rehearse_button.setVisible(False)
        rehearse_row = QHBoxLayout()
        rehearse_row.addWidget(self.rehearse_button)
        rehearse_row.addStretch(1)
        self.content.addSpacing(8)
        self.content.addLayout(rehearse_row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Done"))
        self.setSubTitle(
            self.tr("The account now uses the authenticator app. Remind the user to keep the app on the phone.")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next user"))
        self.icon.setAccessibleName(self.tr("Success"))
        self.rehearse_button.setText(self.tr("T&ry the new sign-in"))
        self.rehearse_button.setAccessibleName(self.tr("Try the new sign-in"))
        self.rehearse_button.setToolTip(
            self.tr("The user signs in once more, to prove that Cognito now asks for the authenticator app")
        )
        if self.headline.text():
            self._summarise()
        super().retranslate()

    def first_focus(self) -> QWidget | None:
        return self.wizard().button(QWizard.WizardButton.NextButton) if self.wizard() else None

    def entered(self) -> None:
        self._summarise()
        self.show_rehearsal_offer()
        super().entered()

    def show_rehearsal_offer(self) -> None:
        """Offer "Try the new sign-in" once the user is enrolled."""
        self.rehearse_button.setVisible(self.wizard_().can_rehearse)

    def _on_rehearse_button_clicked(self) -> None:
        self.wizard_().show_rehearsal()

    def _summarise(self) -> None:
        outcome = self.controller.view.outcome
        lines = []
        if outcome is not None:
            self.headline.setText(
                arg(self.tr("%1 now signs in with codes from the authenticator app."), outcome.username)
            )
            lines.append(self.tr("• The authenticator app (TOTP) is the preferred sign-in method."))
            # The factor the user had: e-mailed codes, text messages, or none at all.
            if outcome.previous_factor == "EMAIL_OTP":
                if outcome.sms_enabled:
                    lines.append(
                        self.tr("• Email codes stay switched on as a fallback, but are no longer used by default.")
                    )
                else:
                    lines.append(self.tr("• Email codes are switched off for this account."))
            elif outcome.sms_enabled:
                lines.append(
                    self.tr("• Text-message codes stay switched on as a fallback, but are no longer used by default.")
                )
            elif outcome.previous_factor == "SMS_MFA":
                lines.append(self.tr("• Text-message codes are switched off for this account."))
            elif not (outcome.reenrolled or outcome.authenticator_reset):
                # Only what changed for this user: one who had no MFA had no text messages to switch off.
                lines.append(
                    self.tr(
                        "• Until now the account had no second sign-in step: from now on every sign-in asks for "
                        "a code from the app."
                    )
                )
            if outcome.authenticator_reset:
                lines.append(self.tr("• The lost authenticator was removed from the account: only the new one works."))
            elif outcome.reenrolled:
                lines.append(self.tr("• The previous authenticator device no longer works."))
        else:
            self.headline.clear()
        self.summary.setText("\n".join(lines))

    def wipe(self) -> None:
        super().wipe()
        self.headline.clear()
        self.summary.clear()
