"""The user already has an authenticator: stop, or explicitly replace it."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import CodeLineEdit, hint_label, show_plain
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class ExistingTotpPage(EnrollmentPage):
    page_id = PageId.EXISTING_TOTP

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("existingTotpPage")

        self.explanation = QLabel(self)
        show_plain(self.explanation)  # the username as typed
        self.explanation.setObjectName("existingTotpExplanation")
        self.explanation.setWordWrap(True)
        self.reenroll_button = QPushButton(self)
        self.reenroll_button.setObjectName("reenrollButton")
        self.reenroll_button.setAutoDefault(False)
        self.reenroll_button.clicked.connect(self._on_reenroll_button_clicked)
        self.lost_button = QPushButton(self)
        self.lost_button.setObjectName("lostAuthenticatorButton")
        self.lost_button.setAutoDefault(False)
        self.lost_button.clicked.connect(self._on_lost_button_clicked)
        self.reenroll_hint = hint_label("", self)
        self.code = CodeLineEdit(self)
        self.code.setObjectName("existingCodeEdit")
        self.code_form = self.new_form()
        self.code_label = self.add_row(self.code_form, "", self.code, "", "existing_code")
        self.content.addWidget(self.explanation)
        button_row = QHBoxLayout()
        button_row.addWidget(self.reenroll_button)
        button_row.addWidget(self.lost_button)
        button_row.addStretch(1)
        self.content.addLayout(button_row)
        self.content.addWidget(self.reenroll_hint)
        self.content.addLayout(self.code_form)
        self._show_choice()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("This user already has an authenticator app"))
        self.setSubTitle(
            self.tr("Nothing needs to change. Stop here unless the user lost that device or wants a new one.")
        )
        self.reenroll_button.setText(self.tr("&Re-enroll (replaces the old device)"))
        self.lost_button.setText(self.tr("The user &lost their authenticator"))
        self.lost_button.setAccessibleDescription(
            self.tr("Reset the authenticator in Cognito (administrators only), then enroll a new one")
        )
        self.reenroll_hint.setText(
            self.tr("To re-enroll, the user signs in once more with the code their current authenticator app shows.")
        )
        self.code_label.setText(self.tr("Current &authenticator code:"))
        self.code.setAccessibleName(self.tr("Code from the current authenticator app"))
        self.code.setAccessibleDescription(self.reenroll_hint.text())
        self._set_next_text()
        if self.explanation.text():
            self._explain()
        super().retranslate()

    def _set_next_text(self) -> None:
        if self.reenrolling:
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("C&ontinue"))
        else:
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next user"))

    @property
    def reenrolling(self) -> bool:
        return self.code.isVisibleTo(self)

    def _show_choice(self) -> None:
        self.code.clear()
        for widget in (self.code, self.code_label, self.reenroll_hint):
            widget.setVisible(False)
        self.reenroll_button.setVisible(True)
        self.lost_button.setVisible(True)
        self._set_next_text()

    # -- wizard hooks --------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        if self.reenrolling:
            return self.code
        # Nothing to type yet: the safe choice (Stop) is the default button.
        return self.wizard().button(QWizard.WizardButton.NextButton) if self.wizard() else None

    def entered(self) -> None:
        self._explain()
        super().entered()

    def _explain(self) -> None:
        name = self.controller.view.username or ""
        self.explanation.setText(
            arg(
                self.tr(
                    "%1 already signs in with codes from an authenticator app. Enrolling again replaces that device: "
                    "its codes stop working as soon as the new one is confirmed."
                ),
                name,
            )
        )

    def wipe(self) -> None:
        super().wipe()
        self._show_choice()

    def submit(self) -> bool:
        if not self.reenrolling:
            return True  # nothing to call: the next user (navmap)
        self.controller.submit_existing_totp(self.code.text())
        return False

    def set_busy(self, busy: bool) -> None:
        self.reenroll_button.setEnabled(not busy)
        self.lost_button.setEnabled(not busy)
        super().set_busy(busy)

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        if error.kind in (ErrorKind.WRONG_CODE, ErrorKind.SESSION_EXPIRED):
            return self.code
        return None

    @Slot()
    def _on_lost_button_clicked(self) -> None:
        # User mode: the controller reports that an administrator is needed.
        self.controller.report_lost_authenticator()

    @Slot()
    def _on_reenroll_button_clicked(self) -> None:
        self.controller.allow_reenrollment()
        self.reenroll_button.setVisible(False)
        self.lost_button.setVisible(False)
        for widget in (self.code, self.code_label, self.reenroll_hint):
            widget.setVisible(True)
        self._set_next_text()
        self.code.setFocus()
