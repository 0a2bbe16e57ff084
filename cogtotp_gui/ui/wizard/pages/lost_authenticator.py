"""The user lost their authenticator: what will happen, a reason, the identity check."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.inputs import MAX_REASON
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import show_plain, wipe_text
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class LostAuthenticatorPage(EnrollmentPage):
    """Confirmation before AdminDeleteSoftwareToken (admin mode only).

    Nothing happens until the operator gives a reason (it goes into the
    audit trail) and ticks that the user's identity was verified; then
    "Reset authenticator" deletes the registration and signs the user in
    again, and the wizard goes on wherever Cognito leads (SMS or email
    code, or straight to the new QR code).
    """

    page_id = PageId.LOST_AUTHENTICATOR

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("lostAuthenticatorPage")
        self.explanation = QLabel(self)
        show_plain(self.explanation)  # the username as typed
        self.explanation.setObjectName("lostAuthenticatorExplanation")
        self.explanation.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("resetReasonEdit")
        self.reason.setMaxLength(MAX_REASON)
        self.identity_check = QCheckBox(self)
        self.identity_check.setObjectName("identityVerifiedCheck")
        form = self.new_form()
        self.reason_label = self.add_row(form, "", self.reason, "", "reset_reason")
        self.fields["identity_verified"] = self.identity_check
        self.content.addWidget(self.explanation)
        self.content.addLayout(form)
        self.content.addWidget(self.identity_check)
        # The warning about a missing answer goes as soon as it is given (issue 20 #18).
        self._warned: str | None = None  # the message key of the warning shown, if any
        self.identity_check.toggled.connect(self._on_identity_toggled)
        self.reason.textEdited.connect(self._on_reason_edited)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Reset the lost authenticator"))
        self.setSubTitle(self.tr("Only after the user's identity has been verified."))
        self.reason_label.setText(self.tr("&Reason for the reset:"))
        self.reason.setAccessibleName(self.tr("Reason for the reset"))
        self.reason.setAccessibleDescription(self.tr("Required; recorded in the audit trail with your name"))
        self.reason.setPlaceholderText(self.tr("e.g. phone lost, ticket number"))
        self.identity_check.setText(self.tr("I &verified the user's identity as the helpdesk's policy requires"))
        self.identity_check.setAccessibleName(self.tr("User's identity verified"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Re&set authenticator"))
        self._explain()
        super().retranslate()

    def _explain(self) -> None:
        name = self.controller.view.username or ""
        self.explanation.setText(
            arg(
                self.tr(
                    "The authenticator registered for %1 will be deleted in Cognito "
                    "(AdminDeleteSoftwareToken): its codes stop working at once. Then %1 signs in again and "
                    "sets up a new authenticator: with a text-message or email code if the account still has "
                    "one, otherwise straight away if the pool requires MFA. Other sign-in factors are not changed."
                ),
                name,
            )
        )

    # -- wizard hooks --------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        return self.reason

    def entered(self) -> None:
        self._explain()
        super().entered()

    def wipe(self) -> None:
        super().wipe()
        self._warned = None
        wipe_text(self.reason)
        self.identity_check.setChecked(False)

    def submit(self) -> bool:
        self.controller.reset_authenticator(self.reason.text(), self.identity_check.isChecked())
        return False

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        return None  # the reason is kept: nothing typed is lost

    def show_error(self, error: EnrollmentError) -> None:
        super().show_error(error)
        self._warned = error.message_key

    def refresh(self) -> None:
        super().refresh()
        self._warned = None

    def _withdraw_warning(self, message_key: str) -> None:
        if self._warned == message_key:
            self._warned = None
            self.banner.clear()

    @Slot(bool)
    def _on_identity_toggled(self, ticked: bool) -> None:
        if ticked:
            self._withdraw_warning("input.identity_not_verified")

    @Slot(str)
    def _on_reason_edited(self, text: str) -> None:
        if text.strip():
            self._withdraw_warning("input.reason_empty")
