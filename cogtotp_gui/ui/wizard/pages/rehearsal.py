"""After Done: the user tries the new sign-in once, to prove it asks for the app.

The user types the password again; the app signs in. Cognito must answer
with the authenticator challenge; the user then types the code the app
shows in the *next* 30-second window (a countdown says how long until
then, and the code field waits for it). The verdict is said plainly:
verified, or "the change did not take" when Cognito asks for a text
message or for nothing. The password is cleared from the field as soon as
the sign-in starts, and the rehearsal (``enrollment/rehearsal.py``, run on
a worker) never keeps it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.tasks import BackgroundTask, SingleFlight
from cogtotp_gui.ui.common.widgets import CodeLineEdit, PasswordLineEdit, hint_label, show_plain
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import PageId
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.rehearsal import Rehearsal

TICK_MS = 250


class RehearsalPage(EnrollmentPage):
    """The rehearsal sign-in.

    Signals:
        verdict_reached(str, object): the username and its RehearsalVerdict.
    """

    page_id = PageId.REHEARSAL
    verdict_reached = Signal(str, object)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("rehearsalPage")
        self.rehearsal: Rehearsal | None = None
        # Wall-clock seconds: TOTP windows are wall-clock (tests give the emulator's).
        self.clock: Callable[[], float] = time.time
        self._busy = False
        # The attempt's call, one at a time, on the shared pool (MainWindow.shutdown
        # stops it at quit); let go of once answered: it holds the typed password.
        self._call = SingleFlight()

        self.intro = QLabel(self)
        self.intro.setObjectName("rehearsalIntro")
        show_plain(self.intro)  # the username as typed
        self.intro.setWordWrap(True)
        self.content.addWidget(self.intro)
        self.password = PasswordLineEdit(self)
        self.password.setObjectName("rehearsalPasswordEdit")
        self.code = CodeLineEdit(self)
        self.code.setObjectName("rehearsalCodeEdit")
        form = self.new_form()
        self.password_label = self.add_row(form, "", self.password, "", "rehearsal_password")
        self.code_label = self.add_row(form, "", self.code, "", "rehearsal_code")
        self.content.addLayout(form)
        self.countdown = hint_label("", self)
        self.countdown.setObjectName("rehearsalCountdown")
        self.content.addWidget(self.countdown)
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("rehearsalVerdict")
        self.verdict_label.setWordWrap(True)
        font = self.verdict_label.font()
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.content.addWidget(self.verdict_label)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self.retranslate()
        self._show_state()

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Try the new sign-in"))
        self.setSubTitle(
            self.tr("The user signs in once more, as they will next time. Cognito must now ask for the app's code.")
        )
        self.password_label.setText(self.tr("&Password:"))
        self.password.setAccessibleName(self.tr("Password, typed again"))
        self.code_label.setText(self.tr("Authenticator &code:"))
        self.code.setAccessibleName(self.tr("Code from the authenticator app"))
        self._show_state()
        super().retranslate()

    def _show_state(self) -> None:
        from_step = self.rehearsal.step.value if self.rehearsal is not None else "password"
        name = self.rehearsal.username if self.rehearsal is not None else ""
        asking_password = from_step == "password"
        asking_code = from_step == "code"
        self.password.setVisible(asking_password)
        self.password_label.setVisible(asking_password)
        self.code.setVisible(asking_code)
        self.code_label.setVisible(asking_code)
        if asking_password:
            self.intro.setText(arg(self.tr("%1 types their password again. It is not kept."), name))
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Sign &in"))
            self.countdown.clear()
            self.verdict_label.clear()
        elif asking_code:
            self.intro.setText(
                self.tr("Cognito asked for the authenticator app's code: the new sign-in method is in place.")
            )
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Chec&k code"))
            self._show_countdown()
        else:
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next user"))
            self.countdown.clear()
            self._show_verdict()
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self.wizard_().refresh_buttons()

    def _show_countdown(self) -> None:
        rehearsal = self.rehearsal
        if rehearsal is None:
            return
        wait = rehearsal.seconds_until_fresh_code()
        ready = wait <= 0
        self.code.setEnabled(ready)
        if ready:
            self.countdown.setText(
                self.tr("Type the code the app shows now. It is a new code, not the one used a moment ago.")
            )
            if not self.code.hasFocus() and self.isVisible():
                self.code.setFocus()
        else:
            self.countdown.setText(
                self.tr(
                    "Wait for the next code: the app shows a new one in %n second(s). "
                    "The code used to verify is not used again.",
                    "",
                    int(wait) + 1,
                )
            )
        self.code.setAccessibleDescription(self.countdown.text())

    def _show_verdict(self) -> None:
        rehearsal = self.rehearsal
        verdict = rehearsal.verdict if rehearsal is not None else None
        if verdict is None:
            self.verdict_label.clear()
            return
        name = rehearsal.username if rehearsal is not None else ""
        value = verdict.value
        if value == "verified":
            self.intro.setText(arg(self.tr("%1 signed in with the authenticator app."), name))
            self.verdict_label.setText(self.tr("Verified: the next sign-in asks for the authenticator app's code."))
        elif value == "rehearsal_sms":
            self.intro.setText(arg(self.tr("Cognito sent %1 a text message instead."), name))
            self.verdict_label.setText(
                self.tr("The change did not take: Cognito still asks for a code by text message. This is recorded.")
            )
        elif value == "rehearsal_no_mfa":
            self.intro.setText(arg(self.tr("Cognito signed %1 in without asking for any code."), name))
            self.verdict_label.setText(
                self.tr("The change did not take: the sign-in asks for no code at all. This is recorded.")
            )
        else:
            self.intro.setText(arg(self.tr("Cognito asked %1 for something else than the app's code."), name))
            self.verdict_label.setText(
                self.tr("The change did not take: the sign-in does not ask for the app's code. This is recorded.")
            )
        self.verdict_label.setAccessibleName(self.verdict_label.text())

    # -- the wizard's hooks -------------------------------------------------------------------

    def begin(self, username: str, verified_at: float) -> None:
        """A new rehearsal for the user just enrolled."""
        from cogtotp_gui.enrollment.rehearsal import Rehearsal

        gateway = self.controller.gateway
        if gateway is None:
            return
        self.wipe()
        self.rehearsal = Rehearsal(gateway, username, verified_at=verified_at, clock=self.clock)
        self._show_state()

    def first_focus(self) -> QWidget | None:
        if self.rehearsal is None:
            return None
        step = self.rehearsal.step.value
        if step == "password":
            return self.password
        if step == "code":
            return self.code if self.code.isEnabled() else None
        return self.wizard().button(QWizard.WizardButton.NextButton) if self.wizard() else None

    def entered(self) -> None:
        self._timer.start()
        super().entered()

    def left(self) -> None:
        self._timer.stop()
        self.password.conceal()

    def isComplete(self) -> bool:
        return not self._busy

    def set_busy(self, busy: bool) -> None:  # the controller's: this page has its own
        return

    def submit(self) -> bool:
        rehearsal = self.rehearsal
        if rehearsal is None or self._busy or self._call.busy:
            return False  # the last answer is still on its way
        step = rehearsal.step.value
        if step == "finished":
            return True  # nothing more to call: the next user (navmap)
        if step == "password":
            password = self.password.text()
            # Gone from the field (and from this page) before the call starts.
            self.password.conceal()
            self.password.clear()
            task = BackgroundTask(lambda: rehearsal.sign_in(password), owner=self)
            busy_text = self.tr("Signing in…")
        else:
            code = self.code.text()
            task = BackgroundTask(lambda: rehearsal.submit_code(code), owner=self)
            busy_text = self.tr("Checking the code…")
        self._set_own_busy(True, busy_text)
        self._call.run(task.success(self._on_returned).failure(self._on_errored))
        return False

    def wipe(self) -> None:
        super().wipe()
        if self.rehearsal is not None:
            self.rehearsal.cancel()
        self.rehearsal = None
        self.password.clear()
        self.code.clear()
        self.verdict_label.clear()
        self.countdown.clear()

    # -- the worker --------------------------------------------------------------------------

    def _set_own_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for field in (self.password, self.code):
            field.setReadOnly(busy)
        if busy:
            self.banner.clear()
            self.busy_indicator.start(text)
        else:
            self.busy_indicator.stop()
        self.completeChanged.emit()

    @Slot(object)
    def _on_returned(self, _step: object) -> None:
        rehearsal = self.rehearsal
        self._set_own_busy(False)
        if rehearsal is None:
            return
        self._show_state()
        self.focus_first()
        if rehearsal.verdict is not None:
            self.verdict_reached.emit(rehearsal.username, rehearsal.verdict)

    @Slot(object)
    def _on_errored(self, error: object) -> None:
        self._set_own_busy(False)
        if self.rehearsal is None:
            return
        self._show_state()
        if isinstance(error, EnrollmentError):
            self.show_error(error)
        else:
            raise error  # type: ignore[misc]  # a bug: reported by the app's handler

    @Slot()
    def _on_tick(self) -> None:
        if self.rehearsal is not None and self.rehearsal.step.value == "code" and not self._busy:
            self._show_countdown()

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        if error.kind is ErrorKind.WRONG_CODE:
            return self.code
        return None
