"""The wizard: pages in a QWizard, moved by the controller's answers.

Where Next, Back, Cancel and an expired session lead is the navigation
table's (``navmap.NAVIGATION``, Qt-free); this module looks rows up and
carries them out, and has no rule of its own.

Pages start calls; the controller answers with ``step_changed``; the wizard
shows the page for that step. Next therefore never moves by itself on a
page that calls Cognito: the page's ``submit()`` starts the call and returns
False, and the answer moves the wizard on (``_advance_to`` lets QWizard's
own ``next()`` through exactly once).

Back is the wizard's own button, because QWizard's history would lead back
into a Cognito session that has already been used (the table says where
each page's Back goes instead).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget, QWizard, QWizardPage

from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.enrollment.steps import Step
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.wizard import pages
from cogtotp_gui.ui.wizard.controller import Controller
from cogtotp_gui.ui.wizard.navmap import (
    NAVIGATION,
    PAGE_FOR_STEP,
    PASSWORD_NOT_NEEDED,
    USER_PAGES,
    Back,
    Cancel,
    CancelMove,
    Next,
    PageId,
    Recovery,
    RecoveryMove,
    back_of,
    cancel_of,
    resolve_back,
    resolve_next,
)
from cogtotp_gui.ui.wizard.pages import EnrollmentPage

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


BACK_BUTTON = QWizard.WizardButton.CustomButton1


def find_wizard_header(wizard: QWizard, subtitle: str, pages: list[EnrollmentPage]) -> tuple[QWidget, QLabel] | None:
    """The wizard's header and its subtitle label (showing ``subtitle``).

    In the Classic and Modern styles the label is a grandchild of the wizard
    (wizard -> anti-flicker widget -> header -> labels). Cheap on purpose,
    as it runs before the first paint. Not ``findChildren(QLabel)``, which
    walks into every page, and not ``label.parentWidget()``: for Qt's
    private header class, shiboken tries the known widget classes one by one
    and initialises each one's enums on the way (~10 ms). ``children()``
    gives the header as a plain QWidget. ``pages`` are the wizard's built
    pages, for the slow walk in another layout (macOS's style).
    """
    for top in wizard.children():
        if not isinstance(top, QWidget) or isinstance(top, QWizardPage):
            continue
        for header in top.children():
            if not isinstance(header, QWidget) or isinstance(header, (QWizardPage, QFrame)):
                continue  # the page frame holds the pages, not the header
            for label in header.children():
                if isinstance(label, QLabel) and label.wordWrap() and label.text() == subtitle:
                    return header, label
    # Laid out otherwise (macOS's style): the slow walk, once.
    for label in wizard.findChildren(QLabel):
        if label.wordWrap() and label.text() == subtitle and not any(p.isAncestorOf(label) for p in pages):
            parent = label.parentWidget()
            if parent is not None:
                return parent, label
    return None


class EnrollmentWizard(QWizard):
    """The enrollment pages and the navigation between them.

    Pages are built when first needed: :meth:`use_connection` builds the
    start page, so the window can paint it before the other pages exist, and
    :meth:`build_remaining_pages` (called after the first paint) builds the
    rest. Any page asked for earlier (``wizard.sms_code_page``, an answer
    from Cognito, Next) is built on the spot.

    Signals:
        user_finished(): a user was wiped and the wizard is back at the start.
        rehearsal_verdict(str, object): a rehearsal sign-in of this username
            reached its ``RehearsalVerdict``.
        rehearsal_left(str): the rehearsal of this user was left without a
            verdict (Back, Cancel, Escape, or the next user): not rehearsed.
        holding_changed(): what :meth:`holds_user` answers may have changed
            (another page, a password typed on the sign-in page).
    """

    holding_changed = Signal()
    user_finished = Signal()
    rehearsal_verdict = Signal(str, object)
    rehearsal_left = Signal(str)

    # ``wizard.<module>_page`` is the page of that row of the table, built
    # the first time anything asks for it (``__getattr__``). Declared here
    # for the type checker only: the table is the registry.
    connection_page: ConnectionPage
    credentials_page: CredentialsPage
    new_password_page: NewPasswordPage
    sms_code_page: SmsCodePage
    existing_totp_page: ExistingTotpPage
    lost_authenticator_page: LostAuthenticatorPage
    secret_page: SecretPage
    confirm_page: ConfirmPage
    done_page: DonePage
    unsupported_page: UnsupportedPage
    rehearsal_page: RehearsalPage

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

    if not TYPE_CHECKING:  # the type checker reads the declarations above instead

        def __getattr__(self, name: str) -> EnrollmentPage:
            # Only reached for names the object does not have.
            module = name.removesuffix("_page")
            for page_id, nav in NAVIGATION.items():
                if name.endswith("_page") and nav.module == module:
                    return self.page_for(page_id)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def enrollment_pages(self) -> list[EnrollmentPage]:
        """Every page (those not built yet are built now)."""
        return [self.page_for(page_id) for page_id in PageId]

    def page_for(self, page_id: PageId) -> EnrollmentPage:
        """The page with this id, built and added to the wizard if need be."""
        page = self._pages.get(page_id)
        if page is None:
            page_class: type[EnrollmentPage] = getattr(pages, NAVIGATION[page_id].page_class)
            page = page_class(self.controller, self)
            self._pages[page_id] = page
            self.setPage(int(page_id), page)
            if page_id is PageId.CONNECTION and self._connection_prefill is not None:
                self._prefill_connection_page(*self._connection_prefill)
            if page_id is PageId.CREDENTIALS:
                # A password typed on the empty sign-in page: now it holds a user.
                cast("CredentialsPage", page).password.textChanged.connect(self.holding_changed)
        return page

    def build_remaining_pages(self, then: Callable[[], object] | None = None) -> None:
        """Build the pages not built yet, one per turn of the event loop, so
        that the window stays responsive meanwhile (~5 ms a page); then
        call ``then``."""
        missing = [page_id for page_id in NAVIGATION if page_id not in self._pages]
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

    def nextId(self) -> int:
        if self._advance_to is not None:
            return int(self._advance_to)
        page = self.current_page()
        if page is None:
            return -1
        # Never -1 on a page, or QWizard would show Finish instead of Next:
        # a page whose Next does not move QWizard names itself.
        return int(NAVIGATION[page.page_id].next_to or page.page_id)

    def validateCurrentPage(self) -> bool:
        if self._advance_to is not None:
            return True
        page = self.current_page()
        if page is None or self.controller.busy:
            return False
        target = resolve_next(page.page_id, page_done=page.submit())
        if target is None:
            return False  # refused, or a call started: its answer moves the wizard
        if NAVIGATION[page.page_id].next == Next.NEXT_USER:
            self.start_next_user()
            return False
        self.page_for(target)  # QWizard moves there now
        return True

    def cleanupPage(self, id: int) -> None:
        # QWizard would reset the page's fields when leaving it backwards or
        # restarting; what is wiped, and when, is decided explicitly here.
        return

    def reject(self) -> None:
        """Cancel or Escape: what the page's row says (never closes the wizard)."""
        cancel = self._cancel(busy=self.controller.busy)
        if cancel == Cancel.KEEP_CONNECTION:
            self._go_to_root(PageId.CREDENTIALS)
        elif cancel == Cancel.ABANDON:
            self._ask_abandon()
        elif cancel == Cancel.BACK:
            self.go_back()

    def _cancel(self, *, busy: bool) -> CancelMove | None:
        page = self.current_page()
        if page is None:
            return None
        return cancel_of(
            page.page_id,
            has_connection=self.controller.settings is not None,
            busy=busy,
            in_progress=self.controller.enrollment_in_progress,
        )

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
        :func:`find_wizard_header`: it runs before the first paint, so it is
        cheap on purpose)."""
        if self._subtitle_header is None:
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

    def go_back(self) -> None:
        """Back: where the page's row says."""
        page = self.current_page()
        if page is None or self.controller.busy:
            return
        has_connection = self.controller.settings is not None
        back = back_of(page.page_id, has_connection=has_connection)
        target = resolve_back(page.page_id, has_connection=has_connection)
        if target is None:
            return  # Back.NONE: no Back here
        moves: dict[str, Callable[[], None]] = {
            Back.SIGN_IN_AGAIN: self.restart_sign_in,
            Back.CONNECTION: self.show_connection_page,
            Back.PREVIOUS: lambda: self._back_to(target),
            Back.CANCEL_RESET: lambda: self._cancel_reset(target),
            Back.LEAVE_REHEARSAL: lambda: self._leave_rehearsal(target),
        }
        moves[back]()

    def _back_to(self, target: PageId) -> None:
        """To ``target``, the page shown before this one (nothing called,
        nothing wiped)."""
        visited = self.visitedIds()
        if len(visited) >= 2 and visited[-2] == target:
            self.back()
        else:  # not reached by Next (never so today): shown afresh
            self._go_to_root(target)

    def recover(self, recovery: RecoveryMove) -> None:
        """The way on after an expired session (the banner's button; see
        ``navmap.Recovery``)."""
        if recovery == Recovery.NEW_CODE:
            self.controller.resend_sms_code()
        elif recovery != Recovery.NONE:
            self.restart_sign_in()

    def _leave_rehearsal(self, target: PageId) -> None:
        self._drop_rehearsal()
        self._back_to(target)

    def _drop_rehearsal(self) -> None:
        """Stop a rehearsal under way; without a verdict yet, the user is
        recorded as not rehearsed (audit, and the session's report)."""
        page = self._pages.get(PageId.REHEARSAL)
        rehearsal = getattr(page, "rehearsal", None)
        if page is None or rehearsal is None:
            return
        page.wipe()  # cancels it: a late answer is dropped
        if rehearsal.verdict is not None:
            return
        settings = self.controller.settings
        if settings is not None:
            from cogtotp_gui.enrollment.audit import AuditOutcome

            self.controller.audit.record(
                connection=settings.name,
                pool=settings.user_pool_id,
                username=rehearsal.username,
                step=Step.DONE,
                outcome=AuditOutcome.NOT_REHEARSED,
            )
        self.rehearsal_left.emit(rehearsal.username)

    def _cancel_reset(self, target: PageId) -> None:
        self.controller.cancel_lost_authenticator()
        self._back_to(target)

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
        self._drop_rehearsal()
        self._verified = None
        self.controller.reset()
        for page in self._built_pages():
            page.wipe()
        self._go_to_root(PageId.CREDENTIALS)
        self.user_finished.emit()

    def prefill_user(self, username: str) -> None:
        """A session's next user: everything wiped as for the next user, then
        the sign-in with this username and the focus in the password field.
        (Without a connection yet, the name waits on the sign-in page.)"""
        page = self.credentials_page
        # A password typed on the empty sign-in page while the session's first
        # user was being stored belongs to that user: kept, not wiped (the
        # operator types as soon as the page shows; nothing typed is lost).
        typed = page.password.text() if self.current_page() is page and not page.username.text() else ""
        self._drop_rehearsal()
        self._verified = None
        self.controller.reset()
        for built in self._built_pages():
            built.wipe()
        page.username.setText(username)
        if typed:
            page.password.setText(typed)
        if self.controller.settings is not None:
            self._go_to_root(PageId.CREDENTIALS)
            page.focus_first()  # the password: the username is there

    def holds_user(self) -> bool:
        """Whether the page shown holds something of a user (``USER_PAGES``):
        the idle time-out runs only then."""
        page_id = self.currentId()
        if page_id == PageId.CREDENTIALS and not self.credentials_page.password.text():
            return False  # an empty sign-in page: nothing to wipe
        return page_id in {int(p) for p in USER_PAGES}

    def tell(self, render: Callable[[], dict[str, Any]]) -> None:
        """A message in the current page's own message area (``render`` gives
        its kind and text, in the current language): it goes with the next step."""
        page = self.current_page()
        if page is not None:
            page.banner.show_translated(render)

    def set_concealed(self, concealed: bool) -> None:
        """Hide what the QR code page shows of the secret (the window was
        minimised or the screen locked), or show it again."""
        self.secret_page.set_concealed(concealed)

    def wipe_pages(self) -> None:
        """Empty every page's fields (the training data is being reset: the
        waiting panel stands in for the wizard meanwhile)."""
        for page in self._built_pages():
            page.wipe()

    def focus_current_field(self) -> None:
        """The keyboard back to the current page's field to fill (or its button)."""
        page = self.current_page()
        if page is not None:
            page.focus_first()

    @property
    def can_rehearse(self) -> bool:
        """A user was just enrolled, and the rehearsal can sign them in."""
        return self._verified is not None and self.controller.gateway is not None

    def show_rehearsal(self) -> None:
        """From Done ("Try the new sign-in", in and outside sessions): the
        user tries the new sign-in (``pages/rehearsal.py``)."""
        if self._verified is None or self.currentId() != PageId.DONE:
            return
        username, verified_at = self._verified
        from PySide6.QtCore import Qt

        self.rehearsal_page.verdict_reached.connect(self.rehearsal_verdict, Qt.ConnectionType.UniqueConnection)
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
        has_connection = self.controller.settings is not None
        back.setVisible(page is not None and back_of(page.page_id, has_connection=has_connection) != Back.NONE)
        next_button = self.push_button(QWizard.WizardButton.NextButton)
        if not next_button.isDefault():
            next_button.setDefault(True)
        back.setEnabled(not self.controller.busy)
        # Enabled where Cancel would do something once nothing runs.
        self.button(QWizard.WizardButton.CancelButton).setEnabled(self._cancel(busy=False) is not None)

    # -- abandoning --------------------------------------------------------------

    def _ask_abandon(self) -> None:
        from cogtotp_gui.ui.common.msgbox import confirm_stop

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
        self._abandon_box = confirm_stop(
            self,
            title=self.tr("Stop this enrollment?"),
            text=arg(self.tr("Stop enrolling %1?"), name) if name else self.tr("Stop this enrollment?"),
            informative=detail,
            stop=self.tr("&Stop and start over"),
            stop_name="confirmAbandonButton",
            keep_name="keepGoingButton",
            on_answer=self._on_abandon_answered,
            name="abandonConfirmBox",
        )

    def _on_abandon_answered(self, stop: bool) -> None:
        self._abandon_box = None
        if stop:
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
        self.holding_changed.emit()

    @Slot(int)
    def _on_custom_button_clicked(self, which: int) -> None:
        if which == BACK_BUTTON.value:
            self.go_back()

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
