"""Page 1: the user's username and password; Next signs in."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.widgets import PasswordLineEdit, hint_label
from cogtotp_gui.ui.connections.profile_picker import ProfilePicker
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class CredentialsPage(EnrollmentPage):
    page_id = PageId.CREDENTIALS

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("credentialsPage")

        # Which connection: switching is one choice away, where each user starts.
        self.profile_picker = ProfilePicker(controller, self.saved_connections, self)
        self.content.addWidget(self.profile_picker)
        self.content.addSpacing(4)
        self.username = QLineEdit(self)
        self.username.setObjectName("usernameEdit")
        self.username.setMaxLength(128)
        self.password = PasswordLineEdit(self)
        self.password.setObjectName("passwordEdit")
        form = self.new_form()
        self.username_label = self.add_row(form, "", self.username, "", "username")
        self.password_label = self.add_row(form, "", self.password, "", "password")
        self.content.addLayout(form)
        self.hint = hint_label("", self)
        self.content.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Sign in as the user"))
        self.setSubTitle(
            self.tr("The user types their username and password. Cognito then texts a code to their phone.")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Sign &in"))
        self.username_label.setText(self.tr("&Username:"))
        self.username.setAccessibleName(self.tr("Username"))
        self.password_label.setText(self.tr("&Password:"))
        self.password.setAccessibleName(self.tr("Password"))
        self.hint.setText(
            self.tr(
                "The password is only sent to Cognito. It is forgotten as soon as the code from the text message is accepted."
            )
        )
        self.password.setAccessibleDescription(self.hint.text())
        super().retranslate()

    def first_focus(self) -> QWidget | None:
        return self.password if self.username.text().strip() else self.username

    def entered(self) -> None:
        self.profile_picker.refresh()
        super().entered()

    def submit(self) -> bool:
        self.controller.sign_in(self.username.text(), self.password.text())
        return False

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        if error.kind is ErrorKind.WRONG_CREDENTIALS:
            return self.password
        return None

    def left(self) -> None:
        self.password.conceal()

    def wipe_password(self) -> None:
        self.password.conceal()
        self.password.clear()
