"""Quitting or abandoning while Cognito is still answering: no crash, no
late answer landing on the next user, no thread destroyed under its feet."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cogtotp_gui.ui import worker
from cogtotp_gui.ui.pages import PageId

LATENCY_S = 2.5


def record(controller):
    heard: list[object] = []
    for signal in (controller.step_changed, controller.failed, controller.signed_in, controller.secret_ready):
        signal.connect(lambda *args, name=signal: heard.append(args))
    return heard


def test_quit_during_a_running_call(wizard_app):
    driver = wizard_app
    driver.emu.set_latency(LATENCY_S)
    page = driver.wizard.credentials_page
    user = driver.user("sms")
    page.username.setText(user.username)
    page.password.setText(user.password)
    page.password.setFocus()
    driver.enter()
    assert driver.controller.busy and page.busy_indicator.isVisible()
    assert "Signing in" in page.busy_indicator.text
    assert not driver.next_button.isEnabled()
    heard = record(driver.controller)
    driver.window.shutdown_wait_ms = 200  # shorter than the call's latency, surely

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
    driver.qtbot.waitUntil(lambda: worker.running_workers() == 0, timeout=int(LATENCY_S * 1000) + 5000)
    driver.qtbot.wait(50)  # let its queued signals arrive, if any were to
    assert heard == []


def test_abandon_during_a_running_call_drops_the_late_answer(wizard_app):
    driver = wizard_app
    driver.emu.set_latency(1.0)
    page = driver.wizard.credentials_page
    user = driver.user("sms")
    page.username.setText(user.username)
    page.password.setText(user.password)
    page.password.setFocus()
    driver.enter()
    assert driver.controller.busy
    heard = record(driver.controller)

    driver.key(Qt.Key.Key_Escape)
    box = driver.message_box("abandonConfirmBox")
    next(b for b in box.buttons() if b.objectName() == "confirmAbandonButton").click()
    driver.wait_page(PageId.CREDENTIALS)
    assert not driver.controller.busy and driver.next_button.isEnabled()
    assert page.username.text() == ""

    driver.qtbot.waitUntil(lambda: worker.running_workers() == 0, timeout=6000)
    driver.qtbot.wait(50)
    assert heard == []
    assert driver.page_id == PageId.CREDENTIALS and not page.banner.isVisible()

    # The next user goes through normally on the same connection.
    driver.emu.set_latency(0)
    other = driver.sign_in("sms2")
    driver.wait_page(PageId.SMS_CODE)
    assert other.username in driver.controller.flow.username


def test_shutdown_waits_for_a_short_call(wizard_app):
    driver = wizard_app
    driver.emu.set_latency(0.3)
    assert driver.controller.sign_in(driver.user("sms").username, driver.user("sms").password)
    assert driver.window.shutdown(5000) is True
    assert worker.running_workers() == 0
