"""Quitting or abandoning while Cognito is still answering: no crash, no
late answer landing on the next user, no thread destroyed under its feet."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from gui_driver import settle
from PySide6.QtCore import Qt

from cogtotp_gui.enrollment.gateway import AuthStep, CognitoGateway
from cogtotp_gui.ui.common import worker
from cogtotp_gui.ui.wizard.pages import PageId
from cogtotp_gui.ui.wizard.wizard import BACK_BUTTON


class HeldGateway(CognitoGateway):
    """Sign-in that waits inside the call until the test lets it go, so a
    test knows the call is really running (not merely queued)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, connect_timeout=1, read_timeout=3, max_attempts=1, **kwargs)  # type: ignore[arg-type]  # the remaining arguments, passed through
        self.entered = threading.Event()
        self.release = threading.Event()

    def initiate_auth(self, username: str, password: str) -> AuthStep:
        self.entered.set()
        self.release.wait(10)
        return super().initiate_auth(username, password)


@pytest.fixture
def held(wizard_app):
    gateways: list[HeldGateway] = []

    def factory(settings: Any, aws_profile: Any) -> Any:
        gateway = HeldGateway(settings, aws_profile=aws_profile)
        gateways.append(gateway)
        return gateway

    driver = wizard_app.factory(gateway_factory=factory)
    yield driver, gateways[-1]
    for gateway in gateways:
        gateway.release.set()


def record(controller):
    heard: list[object] = []
    for signal in (controller.step_changed, controller.failed, controller.signed_in, controller.secret_ready):
        signal.connect(lambda *args: heard.append(args))
    return heard


def start_sign_in(driver, gateway) -> None:
    page = driver.wizard.credentials_page
    user = driver.user("sms")
    page.username.setText(user.username)
    page.password.setText(user.password)
    page.password.setFocus()
    driver.enter()
    driver.qtbot.waitUntil(gateway.entered.is_set)


def test_busy_state_while_a_call_runs(held):
    driver, gateway = held
    start_sign_in(driver, gateway)
    page = driver.wizard.credentials_page
    assert driver.controller.busy and page.busy_indicator.isVisible()
    assert "Signing in" in page.busy_indicator.text
    assert not driver.next_button.isEnabled() and not driver.button(BACK_BUTTON).isEnabled()
    assert page.username.isReadOnly() and page.password.isReadOnly()
    # Enter while busy does nothing: no second call.
    driver.enter()
    gateway.release.set()
    driver.wait_page(PageId.SMS_CODE)
    assert not page.busy_indicator.isVisible() and not page.username.isReadOnly()
    assert len([m for m in driver.emu.outbox if m.username == driver.user("sms").username]) == 1


def test_quit_during_a_running_call(held):
    driver, gateway = held
    start_sign_in(driver, gateway)
    heard = record(driver.controller)
    driver.window.shutdown_wait_ms = 200

    # Closing asks first: a call is running for this user.
    driver.window.close()
    box = driver.message_box("quitConfirmBox")
    assert driver.window.isVisible()
    next(b for b in box.buttons() if b.objectName() == "confirmQuitButton").click()
    driver.qtbot.waitUntil(lambda: not driver.window.isVisible())
    # The call outlived the short wait: abandoned, not destroyed.
    assert driver.window.shutdown_clean is False
    assert driver.controller.flow is None

    # The abandoned call finishes later; its answer reaches nobody.
    gateway.release.set()
    settle(driver.qtbot)
    assert heard == []


def test_abandon_during_a_running_call_drops_the_late_answer(held):
    driver, gateway = held
    start_sign_in(driver, gateway)
    page = driver.wizard.credentials_page
    heard = record(driver.controller)

    driver.key(Qt.Key.Key_Escape)
    box = driver.message_box("abandonConfirmBox")
    next(b for b in box.buttons() if b.objectName() == "confirmAbandonButton").click()
    driver.wait_page(PageId.CREDENTIALS)
    assert not driver.controller.busy and driver.next_button.isEnabled()
    assert page.username.text() == ""

    gateway.release.set()
    settle(driver.qtbot)
    assert heard == []
    assert driver.page_id == PageId.CREDENTIALS and not page.banner.isVisible()

    # The next user goes through normally on the same connection.
    other = driver.sign_in("sms2")
    driver.wait_page(PageId.SMS_CODE)
    assert driver.controller.flow.username == other.username


def test_shutdown_waits_for_a_short_call(held):
    driver, gateway = held
    user = driver.user("sms")
    assert driver.controller.sign_in(user.username, user.password)
    driver.qtbot.waitUntil(gateway.entered.is_set)
    threading.Timer(0.2, gateway.release.set).start()
    assert driver.window.shutdown(5000) is True
    assert worker.running_workers() == 0
