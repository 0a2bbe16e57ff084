"""Drives the real main window against the strict emulator, keyboard first.

Tests talk to widgets the way an operator does: type into the focused
field, press Enter or a mnemonic, wait for the controller's signal. Waits
are ``qtbot.waitUntil`` / ``waitSignal``, never sleeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from cogtotp_gui.app import create_main_window
from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.ui.shell.main_window import MainWindow
from cogtotp_gui.ui.wizard.pages import PageId

if TYPE_CHECKING:
    from cogtotp_gui.connections.store import ProfileStore

TIMEOUT_MS = 10_000


def fast_gateway(settings: ConnectionSettings, aws_profile: str | None) -> CognitoGateway:
    """A gateway that gives up quickly: tests of network faults must not
    wait. It keeps the production retry policy (one-time calls sent once,
    reads retried): a suite that ran with one attempt hid botocore resending
    one-time calls (issue 16)."""
    return CognitoGateway(settings, aws_profile=aws_profile, connect_timeout=1, read_timeout=3)


class WizardDriver:
    def __init__(self, qtbot: Any, emulator: Any, window: MainWindow, settings: ConnectionSettings) -> None:
        self.qtbot = qtbot
        self.emulator = emulator
        self.emu = emulator.emu
        self.window = window
        self.settings = settings
        self.wizard = window.wizard
        self.controller = window.controller
        self.factory: Any = None

    # -- seeing ---------------------------------------------------------------

    @property
    def page_id(self) -> int:
        return self.wizard.currentId()

    def page(self) -> Any:
        return self.wizard.currentPage()

    def focus(self) -> QWidget | None:
        return QApplication.focusWidget()

    def button(self, which: QWizard.WizardButton) -> Any:
        return self.wizard.button(which)

    @property
    def next_button(self) -> Any:
        return self.wizard.button(QWizard.WizardButton.NextButton)

    def user(self, kind: str) -> Any:
        return self.emulator.seed.users[kind]

    # -- waiting ----------------------------------------------------------------

    def wait_page(self, page_id: PageId, timeout: int = TIMEOUT_MS) -> None:
        self.qtbot.waitUntil(lambda: self.wizard.currentId() == page_id, timeout=timeout)

    def wait_idle(self, timeout: int = TIMEOUT_MS) -> None:
        self.qtbot.waitUntil(lambda: not self.controller.busy, timeout=timeout)

    def wait_banner(self, page: Any = None, timeout: int = TIMEOUT_MS) -> str:
        page = page or self.page()
        self.qtbot.waitUntil(lambda: page.banner.isVisible() and bool(page.banner.text), timeout=timeout)
        return page.banner.text

    def wait_ready(self) -> None:
        self.qtbot.waitUntil(lambda: self.controller.is_ready, timeout=TIMEOUT_MS)

    # -- typing ---------------------------------------------------------------------

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Type into ``widget`` or, like a person, into whatever has focus."""
        target = widget or self.focus()
        assert target is not None, "nothing has keyboard focus"
        QTest.keyClicks(target, text)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = self.focus()
        assert target is not None, "nothing has keyboard focus"
        QTest.keyClick(target, key, modifier)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def tab(self) -> None:
        self.key(Qt.Key.Key_Tab)

    def commit_text(self, widget: Any, text: str) -> None:
        """Text as an input method commits it (a Japanese IME, full-width
        digits): QTest's key clicks only know ASCII."""
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    def replace(self, widget: Any, text: str) -> None:
        widget.selectAll()
        QTest.keyClicks(widget, text)

    # -- steps ---------------------------------------------------------------------------

    def sign_in(self, kind: str = "sms", password: str | None = None) -> Any:
        user = self.user(kind)
        page = self.wizard.credentials_page
        self.wait_page(PageId.CREDENTIALS)
        page.username.clear()
        page.password.clear()
        QTest.keyClicks(page.username, user.username)
        QTest.keyClicks(page.password, password if password is not None else user.password)
        page.password.setFocus()
        self.enter()
        self.wait_idle()
        return user

    def sms_code(self, username: str) -> str:
        code = self.emu.last_sms_code(username)
        assert code, f"no SMS code for {username}"
        return code

    def totp_now(self, secret: str) -> str:
        return totp_code(secret, self.emu.now())

    def pending_secret(self, username: str) -> str:
        secret = self.emu.pending_totp_secret(username)
        assert secret, f"no pending TOTP secret for {username}"
        return secret

    def submit_sms(self, username: str, code: str | None = None) -> None:
        page = self.wizard.sms_code_page
        self.wait_page(PageId.SMS_CODE)
        page.code.clear()
        page.code.setFocus()
        code = code if code is not None else self.sms_code(username)
        if code.isascii():
            QTest.keyClicks(page.code, code)
        else:
            self.commit_text(page.code, code)
        self.enter()
        self.wait_idle()

    def confirm_totp(self, username: str, code: str | None = None, device: str = "") -> None:
        self.wait_page(PageId.SECRET)
        self.next_button.setFocus()
        self.enter()
        self.wait_page(PageId.CONFIRM)
        page = self.wizard.confirm_page
        page.code.clear()
        QTest.keyClicks(page.code, code if code is not None else self.totp_now(self.pending_secret(username)))
        if device:
            QTest.keyClicks(page.device_name, device)
        page.code.setFocus()
        self.enter()
        self.wait_idle()

    def wait_session(self, previous: object = None) -> Any:
        """The session started or resumed (not ``previous``): its store opens
        on a worker (the database may be locked a while), then it comes up."""
        sessions = self.window.sessions
        self.qtbot.waitUntil(
            lambda: sessions.runner is not None and sessions.runner is not previous, timeout=TIMEOUT_MS
        )
        return sessions.runner

    def message_box(self, object_name: str) -> QMessageBox:
        """The visible message box of this name (earlier ones may await deletion)."""
        found: list[QMessageBox] = []

        def shown() -> bool:
            found[:] = [b for b in self.wizard.window().findChildren(QMessageBox, object_name) if b.isVisible()]
            return bool(found)

        self.qtbot.waitUntil(shown, timeout=TIMEOUT_MS)
        return found[0]

    def close(self) -> None:
        self.window.shutdown(5000)
        self.window.close()


def show_active(qtbot: Any, window: QWidget) -> None:
    """Show ``window`` and wait until it has keyboard focus (the offscreen
    platform activates asynchronously)."""
    qtbot.addWidget(window)
    with qtbot.waitActive(window, timeout=TIMEOUT_MS):
        window.show()
        window.activateWindow()


def make_driver(
    qtbot: Any,
    emulator: Any,
    *,
    mode: str = "user",
    gateway_factory: Any = fast_gateway,
    endpoint_url: str | None = None,
    wait_ready: bool = True,
    **overrides: Any,
) -> WizardDriver:
    seed = emulator.seed
    values: dict[str, Any] = dict(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        region=seed.region,
        mode=mode,
        issuer="ACME Helpdesk",
        endpoint_url=endpoint_url or emulator.endpoint_url,
    )
    values.update(overrides)
    settings = ConnectionSettings.create(**values)
    window = create_main_window(settings, gateway_factory=gateway_factory)
    show_active(qtbot, window)
    driver = WizardDriver(qtbot, emulator, window, settings)
    if wait_ready:
        driver.wait_ready()
    return driver


# -- helpers shared by the tests of several concerns ----------------------------------


def visible_texts(wizard) -> tuple[str, ...]:
    page = wizard.credentials_page
    return (
        page.username_label.text(),
        wizard.button(QWizard.WizardButton.NextButton).text(),
        wizard.button(QWizard.WizardButton.CancelButton).text(),  # QWizard's own (Qt's catalogue)
        page.title(),
    )


def open_window(qtbot, emulator, store: ProfileStore, profile: str | None = "Alpha", **kwargs: Any) -> WizardDriver:
    """A shown, painted main window using the saved profile ``profile``."""
    settings = store.load_profile(profile) if profile else None
    window = create_main_window(settings, gateway_factory=fast_gateway, profile_store=store, **kwargs)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: window.saved_connections.ready, timeout=TIMEOUT_MS)
    driver = WizardDriver(qtbot, emulator, window, settings)  # type: ignore[arg-type]  # settings may be None: the driver only types here
    if settings is not None:
        driver.wait_ready()
    return driver


def go_to_secret_page(driver: WizardDriver) -> Any:
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    return user


def settle(qtbot: Any) -> None:
    """Wait until every worker has sent its last signal, then deliver what
    they posted: whatever a late answer would do has happened afterwards."""
    from cogtotp_gui.ui.common import worker

    qtbot.waitUntil(lambda: worker.reporting_workers() == 0, timeout=TIMEOUT_MS)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def flush_deferred_deletes() -> None:
    """Run the ``deleteLater`` calls already made (what the next turn of the
    event loop would do), so what they free is gone now."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def pool_requires_mfa_without_totp(emulator):
    """The training pool made to require MFA while allowing SMS only."""
    emulator.client.set_user_pool_mfa_config(
        UserPoolId=emulator.seed.pool_id,
        MfaConfiguration="ON",
        SmsMfaConfiguration={
            "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "x"}
        },
        SoftwareTokenMfaConfiguration={"Enabled": False},
    )
