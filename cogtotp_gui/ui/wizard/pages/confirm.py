"""Page 4: the first code from the authenticator app; Next verifies it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.widgets import CodeLineEdit, hint_label, set_enum_property
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class ConfirmPage(EnrollmentPage):
    page_id = PageId.CONFIRM

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("confirmPage")

        self.code = CodeLineEdit(self)
        self.code.setObjectName("totpCodeEdit")
        self.device_name = QLineEdit(self)
        self.device_name.setObjectName("deviceNameEdit")
        self.device_name.setMaxLength(64)
        form = self.new_form()
        # Two labels of very different length over a short code field and a
        # long name field: right-aligned, the short one looked indented
        # (issue 15). Aligned on their left edge, they read as one column.
        set_enum_property(form, "labelAlignment", "AlignLeft|AlignVCenter")
        self.code_label = self.add_row(form, "", self.code, "", "totp_code")
        self.device_label = self.add_row(form, "", self.device_name, "", "device_name")
        self.content.addLayout(form)
        self.hint = hint_label("", self)
        self.content.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Confirm with the authenticator app"))
        self.setSubTitle(self.tr("The user types the 6-digit code the app shows now. This proves the scan worked."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Verify and finish"))
        self.device_name.setPlaceholderText(self.tr("for example: Work phone"))
        self.code_label.setText(self.tr("Authenticator &code:"))
        self.code.setAccessibleName(self.tr("Code from the authenticator app"))
        self.device_label.setText(self.tr("&Device name (optional):"))
        self.device_name.setAccessibleName(self.tr("Device name, optional"))
        self.device_name.setAccessibleDescription(self.tr("A name for the phone, shown to administrators in Cognito"))
        self.hint.setText(
            self.tr("The code changes every 30 seconds. If it is about to change, wait for the next one.")
        )
        self.code.setAccessibleDescription(self.hint.text())
        super().retranslate()

    def first_focus(self) -> QWidget | None:
        return self.code

    def submit(self) -> bool:
        self.controller.verify(self.code.text(), self.device_name.text())
        return False

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        if error.kind is ErrorKind.WRONG_CODE:
            return self.code
        return None

    def error_hint(self, error: EnrollmentError) -> str:
        if error.kind is ErrorKind.WRONG_CODE:
            return self.tr(
                "If the code looked right, check the phone's clock: authenticator codes depend on the time, "
                "so the date and time should be set automatically."
            )
        return ""
