"""The account cannot be moved: a passwordless user, a pool that does not
allow TOTP, a sign-in step the wizard does not know."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget, QWizard

from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import show_plain
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class UnsupportedPage(EnrollmentPage):
    page_id = PageId.UNSUPPORTED

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("unsupportedPage")
        self.explanation = QLabel(self)
        show_plain(self.explanation)  # Cognito's challenge name as sent
        self.explanation.setObjectName("unsupportedExplanation")
        self.explanation.setWordWrap(True)
        self.content.addWidget(self.explanation)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("This account cannot be moved by the wizard"))
        self.setSubTitle(self.tr("Nothing was changed."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next user"))
        if self.explanation.text():
            self._explain()
        super().retranslate()

    def first_focus(self) -> QWidget | None:
        return self.wizard().button(QWizard.WizardButton.NextButton) if self.wizard() else None

    def entered(self) -> None:
        self._explain()
        super().entered()

    def _explain(self) -> None:
        view = self.controller.view
        challenge = view.unsupported_challenge
        reason = view.unsupported_reason
        if reason == "unsupported.passwordless":
            text = self.tr(
                "This user signs in without a password (for example with a code sent by email), so the wizard "
                "has no password to sign in with. Ask an administrator to set a password for the user, or enroll "
                "the authenticator from the app the user signs in to."
            )
        elif reason == "unsupported.mfa_setup_no_totp":
            text = self.tr(
                "The user pool requires MFA but does not allow authenticator apps (TOTP). An administrator must "
                "turn on authenticator apps in the pool's MFA settings before this user can be enrolled."
            )
        else:
            text = arg(
                self.tr(
                    "Cognito asked for a sign-in step the wizard does not support (%1). Ask an administrator to look "
                    "at this account."
                ),
                challenge or "?",
            )
        self.explanation.setText(text)

    def wipe(self) -> None:
        super().wipe()
        self.explanation.clear()
