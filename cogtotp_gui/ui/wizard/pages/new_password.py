"""Only when Cognito asks: the user chooses a new password."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.widgets import PasswordLineEdit, hint_label
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class NewPasswordPage(EnrollmentPage):
    page_id = PageId.NEW_PASSWORD

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("newPasswordPage")

        self.new_password = PasswordLineEdit(self)
        self.new_password.setObjectName("newPasswordEdit")
        self.repeat = PasswordLineEdit(self)
        self.repeat.setObjectName("repeatPasswordEdit")
        form = self.new_form()
        self.new_password_label = self.add_row(form, "", self.new_password, "", "new_password")
        self.repeat_label = self.add_row(form, "", self.repeat, "", "new_password_repeat")
        self.content.addLayout(form)
        self.hint = hint_label("", self)
        self.content.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Choose a new password"))
        self.setSubTitle(
            self.tr("The password the user signed in with is temporary. Cognito asks for a new one before going on.")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("C&ontinue"))
        self.new_password_label.setText(self.tr("&New password:"))
        self.new_password.setAccessibleName(self.tr("New password"))
        self.repeat_label.setText(self.tr("&Repeat:"))
        self.repeat.setAccessibleName(self.tr("Repeat the new password"))
        self.hint.setText(
            self.tr(
                "The user pool's password rules apply. Usually that means at least 8 characters, "
                "with upper- and lower-case letters, a digit and a symbol."
            )
        )
        self.new_password.setAccessibleDescription(self.hint.text())
        super().retranslate()

    def first_focus(self) -> QWidget | None:
        return self.new_password

    def submit(self) -> bool:
        self.controller.submit_new_password(self.new_password.text(), self.repeat.text())
        return False

    def show_error(self, error: EnrollmentError) -> None:
        if error.kind is ErrorKind.INVALID_PASSWORD:
            # The pair no longer matters: both are typed again.
            self.repeat.clear()
        elif error.kind is ErrorKind.INVALID_INPUT and error.field == "new_password_repeat":
            self.repeat.clear()
        super().show_error(error)

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        if error.kind is ErrorKind.INVALID_PASSWORD:
            return self.new_password
        return None

    def left(self) -> None:
        self.new_password.conceal()
        self.repeat.conceal()
