"""The wizard: pages in a QWizard, moved by the controller's answers.

Pages start calls; the controller answers with ``step_changed``; the wizard
shows the page for that step. Next therefore never moves by itself on a
page that calls Cognito: the page's ``submit()`` starts the call and returns
False, and the answer moves the wizard on (``_advance_to`` lets QWizard's
own ``next()`` through exactly once).

Back is the wizard's own button, because QWizard's history would lead back
into a Cognito session that has already been used: Back before the SMS step
restarts sign-in (same username and password, new session), and there is
no Back once the user is signed in except from confirmation to the QR page.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast, overload

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.enrollment.steps import Step
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.wizard import pages
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.pages import EnrollmentPage, PageId

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # imported where used, after the first paint

    from cogtotp_gui.ui.connections.saved_connections import SavedConnections
    from cogtotp_gui.ui.wizard.pages import (
        ConfirmPage,
        ConnectionPage,
        CredentialsPage,
        DonePage,
        ExistingTotpPage,
        LostAuthenticatorPage,
        NewPasswordPage,
        RehearsalPage,
        SecretPage,
        SmsCodePage,
        UnsupportedPage,
    )


@dataclasses.dataclass(frozen=True)
class Nav:
    """One page of the wizard in :data:`NAVIGATION`.

    Attributes:
        step: the flow step whose page this is (the controller's
            ``step_changed`` shows it); None for a page no answer leads to.
        next: where Next goes when the page allows moving on without a call
            (a page that calls Cognito moves on by the answer's step); a
            function of the page where it depends on what was chosen there.
        back: where Back goes (None hides Back). Back to the credentials
            restarts sign-in; the sessions before cannot be reused.
    """

    step: Step | None
    next: PageId | Callable[[EnrollmentPage], PageId]
    back: PageId | None = None


def _after_existing_totp(page: EnrollmentPage) -> PageId:
    # Re-enrolling (the operator chose to replace the device) goes on to the
    # new secret; otherwise the next user.
    return PageId.SECRET if cast("ExistingTotpPage", page).reenrolling else PageId.CREDENTIALS


# The wizard's one navigation table (after Electrum's navmap): which page each
# step of the flow shows, where Next and Back go from each page.
NAVIGATION: dict[PageId, Nav] = {
    PageId.CONNECTION: Nav(None, PageId.CREDENTIALS),
    PageId.CREDENTIALS: Nav(Step.SIGN_IN, PageId.SMS_CODE, back=PageId.CONNECTION),
    PageId.NEW_PASSWORD: Nav(Step.NEW_PASSWORD, PageId.SMS_CODE, back=PageId.CREDENTIALS),
    PageId.SMS_CODE: Nav(Step.SMS_CODE, PageId.SECRET, back=PageId.CREDENTIALS),
    PageId.EXISTING_TOTP: Nav(Step.EXISTING_TOTP, _after_existing_totp, back=PageId.CREDENTIALS),
    # Back from the confirmation changes nothing in Cognito (the flow returns to EXISTING_TOTP).
    PageId.LOST_AUTHENTICATOR: Nav(Step.LOST_AUTHENTICATOR, PageId.CREDENTIALS, back=PageId.EXISTING_TOTP),
    # Step.SECRET is shown on two pages: the QR code, then the code typed
    # back to confirm it (Next between them calls nothing; the flow stays at
    # SECRET until Cognito has verified the code). Signed in: no Back to sign-in.
    PageId.SECRET: Nav(Step.SECRET, PageId.CONFIRM),
    PageId.CONFIRM: Nav(None, PageId.DONE, back=PageId.SECRET),
    PageId.DONE: Nav(Step.DONE, PageId.CREDENTIALS),
    PageId.UNSUPPORTED: Nav(Step.UNSUPPORTED, PageId.CREDENTIALS, back=PageId.CREDENTIALS),
    # Sessions: after Done, the rehearsal sign-in (its own calls, not the flow's); then the next user.
    PageId.REHEARSAL: Nav(None, PageId.CREDENTIALS),
}

PAGE_FOR_STEP = {nav.step: page_id for page_id, nav in NAVIGATION.items() if nav.step is not None}

BACK_BUTTON = QWizard.WizardButton.CustomButton1

# Steps at which the flow has forgotten the password: past the SMS code (or
# never to sign in with it again), so the credentials field forgets it too.
PASSWORD_NOT_NEEDED = frozenset({Step.SECRET, Step.DONE, Step.UNSUPPORTED})

# The class of each page, in the order the pages are built after the first
# paint (the likeliest next page first).
PAGE_CLASSES = {
    PageId.SMS_CODE: "SmsCodePage",
    PageId.SECRET: "SecretPage",
    PageId.CONFIRM: "ConfirmPage",
    PageId.DONE: "DonePage",
    PageId.NEW_PASSWORD: "NewPasswordPage",
    PageId.EXISTING_TOTP: "ExistingTotpPage",
    PageId.LOST_AUTHENTICATOR: "LostAuthenticatorPage",
    PageId.UNSUPPORTED: "UnsupportedPage",
    PageId.CREDENTIALS: "CredentialsPage",
    PageId.CONNECTION: "ConnectionPage",
    PageId.REHEARSAL: "RehearsalPage",
}

P = TypeVar("P", bound=EnrollmentPage)


class _Page(Generic[P]):
    """A wizard attribute such as ``wizard.sms_code_page``: the page, built
    the first time anything asks for it."""

    def __init__(self, page_id: PageId) -> None:
        self.page_id = page_id

    @overload
    def __get__(self, wizard: None, owner: type) -> _Page[P]: ...

    @overload
    def __get__(self, wizard: EnrollmentWizard, owner: type) -> P: ...

    def __get__(self, wizard: EnrollmentWizard | None, owner: type) -> P | _Page[P]:
        if wizard is None:
            return self
        return wizard.page_for(self.page_id)  # type: ignore[return-value]  # page_for returns the base class; this descriptor knows the subclass


class EnrollmentWizard(QWizard):
    """The enrollment pages and the navigation between them.

    Pages are built when first needed: :meth:`use_connection` builds the
    start page, so the window can paint it before the other pages exist, and
    :meth:`build_remaining_pages` (called after the first paint) builds the
    rest. Any page asked for earlier (``wizard.sms_code_page``, an answer
    from Cognito, Next) is built on the spot.

    Signals:
        abandon_confirmed(): the operator chose to abandon a half-done user.
        user_finished(): a user was wiped and the wizard is back at the start.
    """

    abandon_confirmed = Signal()
    user_finished = Signal()

    connection_page: _Page[ConnectionPage] = _Page(PageId.CONNECTION)
    credentials_page: _Page[CredentialsPage] = _Page(PageId.CREDENTIALS)
    new_password_page: _Page[NewPasswordPage] = _Page(PageId.NEW_PASSWORD)
    sms_code_page: _Page[SmsCodePage] = _Page(PageId.SMS_CODE)
    existing_totp_page: _Page[ExistingTotpPage] = _Page(PageId.EXISTING_TOTP)
    lost_authenticator_page: _Page[LostAuthenticatorPage] = _Page(PageId.LOST_AUTHENTICATOR)
    secret_page: _Page[SecretPage] = _Page(PageId.SECRET)
    confirm_page: _Page[ConfirmPage] = _Page(PageId.CONFIRM)
    done_page: _Page[DonePage] = _Page(PageId.DONE)
    unsupported_page: _Page[UnsupportedPage] = _Page(PageId.UNSUPPORTED)
    rehearsal_page: _Page[RehearsalPage] = _Page(PageId.REHEARSAL)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollmentWizard")
        self.controller = controller
        # Set by the main window when it makes them (after the first paint);
        # the pages' connection pickers read them from here.
        self.saved_connections: SavedConnections | None = None
        self._advance_to: PageId | None = None
        self._current_page: EnrollmentPage | None = None
        self._abandon_box: QMessageBox | None = None
        # Sessions offer "Try the new sign-in" on the Done page.
        self.rehearsal_offered = False
        self._verified: tuple[str, float] | None = None  # who was verified, and when
        self._pages: dict[PageId, EnrollmentPage] = {}
        self._subtitle_header: tuple[QWidget, QLabel] | None = None  # see _header_subtitle
        # What use_connection() gave the connection page before it was built.
        self._connection_prefill: tuple[ConnectionSettings | None, dict[str, object], str | None] | None = None

        if sys.platform != "darwin":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(BACK_BUTTON, self.tr("< &Back"))
        self.setButtonLayout(
            [
                QWizard.WizardButton.Stretch,
                BACK_BUTTON,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.CancelButton,
            ]
        )
        self.button(BACK_BUTTON).setObjectName("backButton")
        self.button(QWizard.WizardButton.NextButton).setObjectName("nextButton")
        self.button(QWizard.WizardButton.CancelButton).setObjectName("cancelButton")
        # Embedded in the main window, the wizard is not a window itself, and
        # QPushButton then drops "default" for good when an auto-default
        # button loses focus. No auto-default buttons: Next is the default
        # (set by QWizard and again in _update_buttons), so Enter means Next.
        for which in (BACK_BUTTON, QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
            self.push_button(which).setAutoDefault(False)

        self.currentIdChanged.connect(self._on_current_id_changed)
        self.customButtonClicked.connect(self._on_custom_button_clicked)
        controller.step_changed.connect(self._on_step_changed)
        controller.failed.connect(self._on_failed)
        controller.busy_changed.connect(self._on_busy_changed)
        controller.sms_code_resent.connect(self._on_sms_code_resent)
        controller.enrollment_verified.connect(self._on_enrollment_verified)

    def enrollment_pages(self) -> list[EnrollmentPage]:
        """Every page (those not built yet are built now)."""
        return [self.page_for(page_id) for page_id in PageId]

    def page_for(self, page_id: PageId) -> EnrollmentPage:
        """The page with this id, built and added to the wizard if need be."""
        page = self._pages.get(page_id)
        if page is None:
            page_class: type[EnrollmentPage] = getattr(pages, PAGE_CLASSES[page_id])
            page = page_class(self.controller, self)
            self._pages[page_id] = page
            self.setPage(int(page_id), page)
            if page_id is PageId.CONNECTION and self._connection_prefill is not None:
                self._prefill_connection_page(*self._connection_prefill)
        return page

    def build_remaining_pages(self, then: Callable[[], object] | None = None) -> None:
        """Build the pages not built yet, one per turn of the event loop, so
        that the window stays responsive meanwhile (~5 ms a page); then
        call ``then``."""
        missing = [page_id for page_id in PAGE_CLASSES if page_id not in self._pages]
        if missing:
            self.page_for(missing[0])
        if len(missing) > 1:
            QTimer.singleShot(0, self, lambda: self.build_remaining_pages(then))
        elif then is not None:
            then()

    def _built_pages(self) -> list[EnrollmentPage]:
        return [self._pages[page_id] for page_id in PageId if page_id in self._pages]

    def push_button(self, which: QWizard.WizardButton) -> QPushButton:
        """QWizard's button ``which``: always a QPushButton."""
        return cast(QPushButton, self.button(which))

    def current_page(self) -> EnrollmentPage | None:
        page = self.currentPage()
        return page if isinstance(page, EnrollmentPage) else None

    # -- QWizard hooks ---------------------------------------------------------

    @staticmethod
    def next_page(page: EnrollmentPage) -> PageId:
        """Where Next goes from ``page`` (see :data:`NAVIGATION`)."""
        target = NAVIGATION[page.page_id].next
        return target if isinstance(target, PageId) else target(page)

    def nextId(self) -> int:
        if self._advance_to is not None:
            return int(self._advance_to)
        page = self.current_page()
        return int(self.next_page(page)) if page is not None else -1

    def validateCurrentPage(self) -> bool:
        if self._advance_to is not None:
            return True
        page = self.current_page()
        if page is None or self.controller.busy:
            return False
        if not page.submit():
            return False
        next_id = self.nextId()
        if next_id != -1:
            self.page_for(PageId(next_id))  # QWizard moves there now
        return True

    def cleanupPage(self, id: int) -> None:
        # QWizard would reset the page's fields when leaving it backwards or
        # restarting; what is wiped, and when, is decided explicitly here.
        return

    def reject(self) -> None:
        """Cancel or Escape: ask before abandoning a half-done enrollment."""
        page_id = self.currentId()
        if page_id == PageId.CONNECTION and self.controller.settings is not None and not self.controller.busy:
            self._go_to_root(PageId.CREDENTIALS)
            return
        if not self.controller.enrollment_in_progress:
            return  # nothing to abandon; never close the wizard on Escape
        self._ask_abandon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_header)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setButtonText(BACK_BUTTON, self.tr("< &Back"))
            # QWizard sets its own Cancel text once; Qt's catalogue (qtbase)
            # has it. The context is a variable so that lupdate leaves Qt's
            # string to Qt.
            from PySide6.QtCore import QCoreApplication

            qt_context = "QWizard"
            self.setButtonText(QWizard.WizardButton.CancelButton, QCoreApplication.translate(qt_context, "Cancel"))
            # Pages re-set their titles: a subtitle of another length needs another height.
            QTimer.singleShot(0, self, self._fit_header)
        super().changeEvent(event)

    @Slot()
    def _fit_header(self) -> None:
        """Give a wrapped subtitle the height it needs.

        QWizard sizes the header's subtitle for a guessed width of at most
        512 pixels when the page changes, and never again: a subtitle that
        wraps differently at the real width (a longer translation, a larger
        font) is cut off at the bottom.

        The header itself is capped at the height QWizard worked out, from
        the line spacing of the widget's own font. Japanese text is drawn in
        a fallback CJK font with taller lines, so two wrapped lines need more
        than that cap: it is raised to what the header's layout needs.
        """
        page = self.currentPage()
        if page is None or not page.subTitle():
            return
        found = self._header_subtitle(page.subTitle())
        if found is None:
            return
        header, label = found
        needed = label.heightForWidth(label.width())
        if needed > 0 and label.minimumHeight() != needed:
            label.setMinimumHeight(needed)
        layout = header.layout()
        if layout is not None:
            height = layout.totalMinimumSize().height()
            if header.maximumHeight() < height:
                header.setFixedHeight(height)

    def _header_subtitle(self, subtitle: str) -> tuple[QWidget, QLabel] | None:
        """The header and its subtitle label, found once and kept (see
        :func:`cogtotp_gui.startup.find_wizard_header`: it runs before the
        first paint, so it is cheap on purpose)."""
        if self._subtitle_header is None:
            from cogtotp_gui.startup import find_wizard_header

            self._subtitle_header = find_wizard_header(self, subtitle, self._built_pages())
        return self._subtitle_header

    # -- navigation ----------------------------------------------------------------

    def _go_to_root(self, page_id: PageId) -> None:
        self.page_for(page_id)
        self.setStartId(int(page_id))
        self.restart()

    def _advance(self, target: PageId) -> None:
        page = self.current_page()
        if page is not None and page.page_id == target:
            page.refresh()
            return
        self.page_for(target)
        self._advance_to = target
        try:
            self.next()
        finally:
            self._advance_to = None

    def restart_sign_in(self) -> None:
        """Back to the credentials, typed username and password kept; the
        Cognito session is dropped, never re-sent."""
        self.controller.reset(same_user=True)
        for page in self._built_pages():
            if page.page_id not in (PageId.CONNECTION, PageId.CREDENTIALS):
                page.wipe()
        self.credentials_page.banner.clear()
        self._go_to_root(PageId.CREDENTIALS)

    def close_open_questions(self) -> None:
        """Dismiss a question about the current user that nobody answered
        (the user is being wiped: "Stop enrolling NAME?" must not stay)."""
        if self._abandon_box is not None:
            self._abandon_box.reject()
        secret_page = self._pages.get(PageId.SECRET)
        if secret_page is not None:
            cast("SecretPage", secret_page).close_open_questions()

    def start_next_user(self) -> None:
        """Wipe every field and all flow state; back to an empty sign-in."""
        self._verified = None
        self.controller.reset()
        for page in self._built_pages():
            page.wipe()
        self._go_to_root(PageId.CREDENTIALS)
        self.user_finished.emit()

    @property
    def can_rehearse(self) -> bool:
        """A user was just enrolled, and the rehearsal can sign them in."""
        return self._verified is not None and self.controller.gateway is not None

    def show_rehearsal(self) -> None:
        """From Done: the user tries the new sign-in (``pages/rehearsal.py``)."""
        if self._verified is None or self.currentId() != PageId.DONE:
            return
        username, verified_at = self._verified
        self.rehearsal_page.begin(username, verified_at)
        self._advance(PageId.REHEARSAL)

    def refresh_buttons(self) -> None:
        """A page changed what its buttons say or do."""
        self._update_buttons()

    def show_connection_page(self) -> None:
        """Change the connection (keeps the typed username and password)."""
        self.controller.reset()
        for page in self._built_pages():
            if page.page_id not in (PageId.CONNECTION, PageId.CREDENTIALS):
                page.wipe()
        settings = self.controller.settings
        if settings is not None:
            self.connection_page.prefill_from(settings, self.controller.aws_profile)
        self._go_to_root(PageId.CONNECTION)

    def use_connection(
        self,
        settings: ConnectionSettings | None,
        prefill: dict[str, object] | None = None,
        aws_profile: str | None = None,
    ) -> None:
        """Start page for the command line: sign-in if the connection is
        complete, else the connection page with what was given.

        Only the start page is built here; the connection page gets what
        was given whenever it is built."""
        self._connection_prefill = (settings, prefill or {}, aws_profile)
        if PageId.CONNECTION in self._pages or settings is None:
            self._prefill_connection_page(settings, prefill or {}, aws_profile)
        self._go_to_root(PageId.CREDENTIALS if settings is not None else PageId.CONNECTION)

    def _prefill_connection_page(
        self, settings: ConnectionSettings | None, prefill: dict[str, object], aws_profile: str | None
    ) -> None:
        self._connection_prefill = None
        if settings is None:
            self.connection_page.prefill(prefill, aws_profile)
        # A complete connection starts on the sign-in page: the connection
        # page is filled (client secret included) only when it is shown
        # (show_connection_page), never just because it was built.

    def _update_buttons(self) -> None:
        page = self.current_page()
        back = self.button(BACK_BUTTON)
        target = NAVIGATION[page.page_id].back if page is not None else None
        if target is PageId.CONNECTION and self.controller.settings is None:
            target = None
        back.setVisible(target is not None)
        next_button = self.push_button(QWizard.WizardButton.NextButton)
        if not next_button.isDefault():
            next_button.setDefault(True)
        back.setEnabled(not self.controller.busy)
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.setEnabled(
            self.controller.enrollment_in_progress
            or (self.currentId() == PageId.CONNECTION and self.controller.settings is not None)
        )

    # -- abandoning --------------------------------------------------------------

    def _ask_abandon(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self._abandon_box is not None:
            return
        view = self.controller.view
        name = view.username or ""
        if view.step is Step.SECRET:
            detail = self.tr(
                "The new authenticator app is not confirmed yet, so the account keeps its current sign-in method."
            )
        else:
            detail = self.tr("Nothing has been changed for this user yet.")
        question = arg(self.tr("Stop enrolling %1?"), name) if name else self.tr("Stop this enrollment?")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Stop this enrollment?"),
            question,
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("abandonConfirmBox")
        box.setInformativeText(detail)
        stop = box.addButton(self.tr("&Stop and start over"), QMessageBox.ButtonRole.DestructiveRole)
        stop.setObjectName("confirmAbandonButton")
        keep = box.addButton(self.tr("&Keep going"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepGoingButton")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(self._on_abandon_box_finished)
        self._abandon_box = box
        box.open()

    @Slot(int)
    def _on_abandon_box_finished(self, _result: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        box, self._abandon_box = self._abandon_box, None
        if box is None:
            return
        clicked = box.clickedButton()
        box.deleteLater()
        self.window().activateWindow()  # not every window system hands it back
        if clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole:
            self.abandon_confirmed.emit()
            self.start_next_user()
        elif self.current_page() is not None:
            self.current_page().focus_first()  # type: ignore[union-attr]  # a page is current once the wizard is shown

    # -- slots ------------------------------------------------------------------------

    @Slot(int)
    def _on_current_id_changed(self, page_id: int) -> None:
        if self._current_page is not None:
            self._current_page.left()
        self._current_page = self.current_page() if page_id != -1 else None
        if self._current_page is not None:
            self._current_page.entered()
        self._update_buttons()
        QTimer.singleShot(0, self, self._fit_header)

    @Slot(int)
    def _on_custom_button_clicked(self, which: int) -> None:
        if which != BACK_BUTTON.value or self.controller.busy:
            return
        page = self.current_page()
        target = NAVIGATION[page.page_id].back if page is not None else None
        if target is PageId.CREDENTIALS:
            self.restart_sign_in()
        elif target is PageId.CONNECTION:
            self.show_connection_page()
        elif target is PageId.SECRET:
            self.back()
        elif target is PageId.EXISTING_TOTP:
            self.controller.cancel_lost_authenticator()
            self.back()

    @Slot(object)
    def _on_step_changed(self, step: Step) -> None:
        if step in PASSWORD_NOT_NEEDED:
            # The flow has let go of the password (signed in, or no way on
            # with it): the field does too, as the page promises (issue 16).
            self.credentials_page.wipe_password()
        self._advance(PAGE_FOR_STEP[step])
        self._update_buttons()

    @Slot(object)
    def _on_failed(self, error: EnrollmentError) -> None:
        page = self.current_page()
        if page is not None:
            page.show_error(error)
        self._update_buttons()

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        page = self.current_page()
        if page is not None:
            page.set_busy(busy)
            if not busy and page.focusWidget() is None:
                page.focus_first()
        self._update_buttons()

    @Slot(object)
    def _on_enrollment_verified(self, outcome: object) -> None:
        # On the rehearsal's clock: its next code must come from a later window.
        self._verified = (getattr(outcome, "username", ""), self.rehearsal_page.clock())
        if self.currentId() == PageId.DONE:  # shown a moment ago, by step_changed
            self.done_page.show_rehearsal_offer()

    @Slot(object)
    def _on_sms_code_resent(self, step: Step) -> None:
        if self.current_page() is self.sms_code_page:
            self.sms_code_page.show_code_resent()
