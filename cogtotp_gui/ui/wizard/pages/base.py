"""What every wizard page shares: busy row, message banner, error handling.

A page reads its fields, calls the controller and shows what the controller
knows (its ``view``, a snapshot of the flow). Navigation belongs to the
table in ``ui/wizard/navmap.py``; a page only says, from ``submit``,
whether it started a call (False) or has nothing (more) to call (True).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common import messages
from cogtotp_gui.ui.common.widgets import BannerKind, BusyIndicator, MessageBanner, set_enum_property, wipe_text
from cogtotp_gui.ui.wizard.controller import Controller, Operation
from cogtotp_gui.ui.wizard.navmap import PageId, Recovery, RecoveryMove, recovery_of

if TYPE_CHECKING:
    from cogtotp_gui.ui.connections.saved_connections import SavedConnections
    from cogtotp_gui.ui.wizard.wizard import EnrollmentWizard


def busy_text(operation: str | None) -> str:
    translate = QCoreApplication.translate
    texts = {
        Operation.CONNECT: translate("BusyText", "Connecting…"),
        Operation.SIGN_IN: translate("BusyText", "Signing in…"),
        Operation.RESEND_SMS_CODE: translate("BusyText", "Asking Cognito to send a new code…"),
        Operation.SUBMIT_SMS_CODE: translate("BusyText", "Checking the code…"),
        Operation.SUBMIT_NEW_PASSWORD: translate("BusyText", "Setting the new password…"),
        Operation.SUBMIT_EXISTING_TOTP: translate("BusyText", "Checking the authenticator code…"),
        Operation.NEW_SECRET: translate("BusyText", "Creating a new QR code…"),
        Operation.VERIFY: translate("BusyText", "Verifying the code and switching to the authenticator app…"),
        Operation.RESET_AUTHENTICATOR: translate(
            "BusyText", "Resetting the lost authenticator and signing the user in again…"
        ),
    }
    return texts.get(operation or "", translate("BusyText", "Working…"))


class EnrollmentPage(QWizardPage):
    """Base of all pages.

    Subclasses put their widgets into ``self.content`` (a QVBoxLayout) and
    register input widgets in ``self.fields`` under the core's field names,
    so an input error from the core focuses the right one.

    Every visible text is set in :meth:`retranslate`, which the subclass
    calls at the end of its constructor and Qt's ``LanguageChange`` calls
    again, so switching the language re-labels the page at once.
    """

    page_id: PageId

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.fields: dict[str, QWidget] = {}
        self.content = QVBoxLayout()
        self.content.setSpacing(10)
        self._banner: MessageBanner | None = None
        self.busy_indicator = BusyIndicator(self)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self.content)
        # Messages right under the fields they are about, not at the far
        # bottom of the page where the eye does not go: the banner goes
        # here, above the busy row (see ``banner``).
        self._outer.addSpacing(6)
        self._outer.addWidget(self.busy_indicator)
        self._outer.addStretch(1)

    @property
    def banner(self) -> MessageBanner:
        """The page's message banner, built the first time it is needed: most
        pages never show one, and none shows before the first paint."""
        if self._banner is None:
            self._banner = MessageBanner(self)
            self._outer.insertWidget(self._outer.indexOf(self.busy_indicator), self._banner)
        return self._banner

    # -- helpers for subclasses ------------------------------------------------

    def wizard_(self) -> EnrollmentWizard:
        return self.wizard()  # type: ignore[return-value]  # QWizardPage.wizard() is typed as the base QWizard

    def saved_connections(self) -> SavedConnections | None:
        """The window's saved connections, once the window has made them
        (after the first paint); None before, or for a page not in a wizard."""
        wizard = self.wizard()
        return None if wizard is None else cast("EnrollmentWizard", wizard).saved_connections

    @staticmethod
    def new_form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        set_enum_property(form, "labelAlignment", "AlignRight|AlignVCenter")  # not Qt.AlignmentFlag: see there
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        return form

    def add_row(
        self, form: QFormLayout, label_text: str, field: QWidget, accessible_name: str, name: str | None = None
    ) -> QLabel:
        """A labelled row: the label's mnemonic focuses the field."""
        label = QLabel(label_text, self)
        label.setBuddy(field)
        field.setAccessibleName(accessible_name)
        form.addRow(label, field)
        if name:
            self.fields[name] = field
        return label

    # -- language ------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language (subclasses extend this).

        Texts that depend on the user (a name, a countdown) are rendered
        again by the subclass from its current state, never kept as text.
        """
        if not self.busy_indicator.isHidden():
            self.busy_indicator.start(busy_text(self.controller.operation))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what the wizard calls ---------------------------------------------------

    def submit(self) -> bool:
        """Next was pressed: start the page's call (return False: the wizard
        waits), or return True: nothing (more) to call, and the wizard does
        what the page's row in ``navmap.NAVIGATION`` says Next does."""
        return True

    def first_focus(self) -> QWidget | None:
        """The widget that gets focus when the page is shown."""
        return None

    def entered(self) -> None:
        """The page became current (either direction)."""
        self.set_busy(self.controller.busy)
        self.focus_first()

    def left(self) -> None:
        """The page stopped being current."""

    def refresh(self) -> None:
        """The flow answered, and this page stays current."""
        self.banner.clear()

    def wipe(self) -> None:
        """Forget everything typed or shown about the current user."""
        self.banner.clear()
        for field in self.fields.values():
            if isinstance(field, QLineEdit):
                wipe_text(field)

    def focus_first(self) -> None:
        widget = self.first_focus()
        if widget is not None and widget.isEnabled():
            widget.setFocus()  # Qt.FocusReason.OtherFocusReason

    # -- busy and errors -----------------------------------------------------------

    def isComplete(self) -> bool:
        # Next stays enabled when idle: an empty field is answered with a
        # message, not with a dead button nobody can explain.
        return not self.controller.busy

    def set_busy(self, busy: bool) -> None:
        for field in self.fields.values():
            if isinstance(field, QLineEdit):
                field.setReadOnly(busy)
        if busy:
            self.banner.clear()
            self.busy_indicator.start(busy_text(self.controller.operation))
        else:
            self.busy_indicator.stop()
        self.completeChanged.emit()

    def show_error(self, error: EnrollmentError) -> None:
        """Show the controller's error in this page, keeping what was typed."""
        kind = BannerKind.WARNING if error.kind is ErrorKind.INVALID_INPUT else BannerKind.ERROR
        hint = self.error_hint(error)  # from the state now: attempts so far
        # The banner keeps the error to render it again in another language;
        # its traceback would keep every frame of the failed call alive.
        error = error.with_traceback(None)

        def render() -> dict[str, object]:
            action_text, action = self.error_action(error)
            return {
                "kind": kind,
                "text": messages.error_message(error),
                "hint": self.error_hint(error) if hint else "",
                "details": messages.error_details(error),
                "action_text": action_text,
                "action": action,
            }

        self.banner.show_translated(render)
        field = self.fields.get(error.field or "")
        if field is None:
            field = self.field_to_clear(error)
        if error.kind is not ErrorKind.INVALID_INPUT:
            cleared = self.field_to_clear(error)
            if isinstance(cleared, QLineEdit):
                wipe_text(cleared)
        if field is not None:
            field.setFocus()  # Qt.FocusReason.OtherFocusReason
            if isinstance(field, QLineEdit):
                field.selectAll()
        else:
            self.focus_first()

    def field_to_clear(self, error: EnrollmentError) -> QWidget | None:
        """The one field that was wrong (cleared and focused); None keeps all."""
        return None

    def error_hint(self, error: EnrollmentError) -> str:
        return ""

    def error_action(self, error: EnrollmentError) -> tuple[str, object]:
        """The banner's button for this error: (text, callable) or ("", None).

        An expired session recovers as the page's row in ``navmap`` says."""
        if error.kind is ErrorKind.SESSION_EXPIRED:
            recovery = recovery_of(self.page_id, can_resend=self.controller.view.can_resend_sms)
            if recovery != Recovery.NONE:
                return self.recovery_text(recovery), lambda: self.wizard_().recover(recovery)
        if error.kind in (ErrorKind.CONFIG, ErrorKind.CREDENTIALS):
            # Pool, client, secret and AWS profile are all on that page.
            return self.tr("Chec&k connection settings…"), self.wizard_().show_connection_page
        if error.retryable and self.controller.can_retry:
            return self.tr("Retr&y"), self._on_retry_requested
        return "", None

    def recovery_text(self, recovery: RecoveryMove) -> str:
        texts = {
            Recovery.SIGN_IN_AGAIN: self.tr("Sign in again"),
            Recovery.START_AGAIN: self.tr("Start again with this user"),
            Recovery.NEW_CODE: self.tr("Send a new code"),
        }
        return texts.get(recovery, "")

    @Slot()
    def _on_retry_requested(self) -> None:
        self.controller.retry()
