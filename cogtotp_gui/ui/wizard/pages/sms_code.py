"""Page 2: the code Cognito texted (or, for an email-MFA user, e-mailed),
with a countdown and "send a new code"."""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.widgets import BannerKind, CodeLineEdit, show_plain
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage


class SmsCodePage(EnrollmentPage):
    page_id = PageId.SMS_CODE

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("smsCodePage")

        self.destination = QLabel(self)
        show_plain(self.destination)  # the phone number or address as Cognito sent it
        self.destination.setObjectName("smsDestinationLabel")
        self.destination.setWordWrap(True)
        self.code = CodeLineEdit(self)
        self.code.setObjectName("smsCodeEdit")
        self.resend_button = QPushButton(self)
        self.resend_button.setObjectName("resendSmsButton")
        self.resend_button.setAutoDefault(False)
        self.resend_button.clicked.connect(self._on_resend_button_clicked)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("sessionCountdownLabel")
        self.countdown.setWordWrap(True)

        code_row = QHBoxLayout()
        code_row.addWidget(self.code)
        code_row.addWidget(self.resend_button)
        code_row.addStretch(1)
        form = self.new_form()
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code)
        self.fields["sms_code"] = self.code
        form.addRow(self.code_label, code_row)
        self.content.addWidget(self.destination)
        self.content.addLayout(form)
        self.content.addWidget(self.countdown)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.retranslate()

    def _by_email(self) -> bool:
        return self.controller.view.code_medium == "EMAIL"

    def retranslate(self) -> None:
        if self._by_email():
            self.setTitle(self.tr("Type the code from the email"))
            self.setSubTitle(self.tr("The user reads the 6-digit code from their mailbox, or types it here."))
            self.resend_button.setAccessibleDescription(
                self.tr("Cognito sends another email; earlier codes stop working")
            )
            self.code_label.setText(self.tr("Email &code:"))
            self.code.setAccessibleName(self.tr("Code from the email"))
        else:
            self.setTitle(self.tr("Type the code from the text message"))
            self.setSubTitle(self.tr("The user reads the 6-digit code from their phone, or types it here."))
            self.resend_button.setAccessibleDescription(
                self.tr("Cognito sends another text message; earlier codes stop working")
            )
            self.code_label.setText(self.tr("SMS &code:"))
            self.code.setAccessibleName(self.tr("Code from the text message"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("C&ontinue"))
        self.resend_button.setText(self.tr("Send a &new code"))
        self.code.setAccessibleDescription(self.tr("Six digits; spaces are fine"))
        if self.destination.text():  # showing a user: render it in the new language
            self._show_destination()
            self._update_countdown()
        super().retranslate()

    # -- wizard hooks --------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        return self.code

    def entered(self) -> None:
        self.retranslate()  # SMS or email: the texts follow the user
        self._show_destination()
        self._update_countdown()
        self._timer.start()
        super().entered()

    def left(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        super().refresh()
        self.code.clear()
        self._show_destination()
        self._update_countdown()
        self._timer.start()
        self.focus_first()

    def wipe(self) -> None:
        super().wipe()
        self._timer.stop()
        self.destination.clear()
        self.countdown.clear()

    def submit(self) -> bool:
        self.controller.submit_sms_code(self.code.text())
        return False

    def set_busy(self, busy: bool) -> None:
        self.resend_button.setEnabled(not busy)
        super().set_busy(busy)

    # -- errors ----------------------------------------------------------------

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        if error.kind in (ErrorKind.WRONG_CODE, ErrorKind.SESSION_EXPIRED):
            return self.code
        return None

    def error_hint(self, error: EnrollmentError) -> str:
        view = self.controller.view
        if error.kind is ErrorKind.WRONG_CODE and view.sms_attempts:
            if error.attempts_left is not None:
                return arg(
                    self.tr("Wrong codes so far: %1. Attempts left: %2."), view.sms_attempts, error.attempts_left
                )
            return arg(self.tr("Wrong codes so far: %1."), view.sms_attempts)
        return ""

    def show_error(self, error: EnrollmentError) -> None:
        super().show_error(error)
        self._update_countdown()

    # -- countdown ---------------------------------------------------------------

    def _show_destination(self) -> None:
        where = self.controller.view.sms_destination
        if self._by_email():
            if where:
                self.destination.setText(arg(self.tr("Cognito sent a code by email to %1."), where))
            else:
                self.destination.setText(self.tr("Cognito sent a code by email to the user's mailbox."))
        elif where:
            self.destination.setText(arg(self.tr("Cognito sent a code by text message to %1."), where))
        else:
            self.destination.setText(self.tr("Cognito sent a code by text message to the user's phone."))

    def _update_countdown(self) -> None:
        # The snapshot of the last answer, not the live flow: while "Send a
        # new code" runs, the old session counts on until the new one starts.
        view = self.controller.view
        left = view.seconds_left()
        if view.session_expired:
            self.countdown.setText(self.tr("This code has expired. Send a new code to continue."))
        elif left is None:
            self.countdown.clear()
        elif left <= 0:
            self.countdown.setText(
                self.tr("The code has probably expired by now. If it is not accepted, send a new code.")
            )
        else:
            seconds = math.ceil(left)
            self.countdown.setText(
                arg(self.tr("Time left for this code: %1 (minutes:seconds)."), f"{seconds // 60}:{seconds % 60:02d}")
            )

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._update_countdown()

    @Slot()
    def _on_resend_button_clicked(self) -> None:
        self.controller.resend_sms_code()

    def show_code_resent(self) -> None:
        """A new code is on its way: say so, and start over on the field."""
        self.refresh()
        where = self.controller.view.sms_destination

        def render() -> dict[str, object]:
            text = (
                arg(self.tr("A new code was sent to %1. Earlier codes no longer work."), where)
                if where
                else self.tr("A new code was sent. Earlier codes no longer work.")
            )
            return {"kind": BannerKind.INFO, "text": text}

        self.banner.show_translated(render)
