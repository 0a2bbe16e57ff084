"""The idle timeout: a warning, then the user's details are wiped."""

from __future__ import annotations

from gui_driver import TIMEOUT_MS, go_to_secret_page
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cogtotp_gui.ui.common.widgets import BannerKind
from cogtotp_gui.ui.wizard.pages import PageId


def test_idle_timeout_warns_then_wipes_the_user(wizard_app, board):
    driver = wizard_app
    operations = driver.window.operations
    operations.idle.set_timeout(1.2, warning_s=0.9)
    user = go_to_secret_page(driver)
    assert operations.idle.armed
    page = driver.wizard.secret_page
    page.copy_button.click()
    assert board.text()  # the key is on the clipboard
    driver.qtbot.waitUntil(
        lambda: operations.idle_banner is not None and operations.idle_banner.isVisible(), timeout=TIMEOUT_MS
    )
    warning = operations.idle_banner.text
    assert "seconds" in warning and operations.idle_banner.kind is BannerKind.WARNING
    assert operations.idle_banner.geometry().top() >= driver.window.centralWidget().geometry().top()
    driver.wait_page(PageId.CREDENTIALS)
    # Everything of this user is gone: fields, flow, QR, clipboard.
    assert driver.wizard.credentials_page.username.text() == "" and driver.wizard.credentials_page.password.text() == ""
    assert driver.controller.flow is not None and driver.controller.flow.username is None
    assert page.qr.module_count == 0 and page.secret.text() == ""
    assert board.text() == ""
    assert operations.idle_banner.isHidden() and not operations.idle.armed
    assert operations.wiped_for_idle == 1
    assert "wiped" in driver.wait_banner()
    assert driver.emu.pending_totp_secret(user.username)  # nothing was enrolled


def test_input_during_the_warning_keeps_the_user(wizard_app):
    driver = wizard_app
    operations = driver.window.operations
    operations.idle.set_timeout(1.5, warning_s=1.4)
    go_to_secret_page(driver)
    driver.qtbot.waitUntil(lambda: operations.idle.warning_shown, timeout=TIMEOUT_MS)
    QTest.mouseMove(driver.wizard.secret_page.qr)
    QTest.keyClick(driver.focus(), Qt.Key.Key_Shift)
    driver.qtbot.waitUntil(lambda: not operations.idle.warning_shown, timeout=TIMEOUT_MS)
    assert operations.idle_banner.isHidden()
    assert driver.page_id == PageId.SECRET
    operations.idle.set_timeout(120)


def test_idle_timeout_is_not_armed_where_nothing_secret_is_shown(wizard_app):
    driver = wizard_app
    operations = driver.window.operations
    assert not operations.idle.armed  # credentials page
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    assert not operations.idle.armed
