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
    assert " second" in warning and operations.idle_banner.kind is BannerKind.WARNING  # "1 second", "2 seconds"
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


def test_idle_timeout_runs_wherever_the_password_is_still_held(wizard_app):
    """The sign-in page once a password is typed, the SMS code page and the
    already-on-TOTP page hold the user's password (the flow keeps it for a
    new code or a re-sign-in): the idle time-out runs there too (issue 16,
    finding 7). An empty sign-in page has nothing to wipe."""
    driver = wizard_app
    operations = driver.window.operations
    credentials = driver.wizard.credentials_page
    assert not operations.idle.armed  # an empty sign-in page
    QTest.keyClicks(credentials.password, "x")
    assert operations.idle.armed
    credentials.password.clear()
    assert not operations.idle.armed
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    assert operations.idle.armed
    driver.wizard.start_next_user()
    driver.wait_page(PageId.CREDENTIALS)
    assert not operations.idle.armed
    driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    assert operations.idle.armed


def wait_for_idle_wipe(driver) -> None:
    operations = driver.window.operations
    operations.idle.set_timeout(0.6, warning_s=0.3)
    driver.qtbot.waitUntil(lambda: operations.wiped_for_idle == 1, timeout=TIMEOUT_MS)
    driver.wait_page(PageId.CREDENTIALS)
    credentials = driver.wizard.credentials_page
    assert credentials.username.text() == "" and credentials.password.text() == ""
    assert driver.controller.flow is None or driver.controller.flow.username is None
    assert "wiped" in driver.wait_banner()
    operations.idle.set_timeout(120)


def test_idle_wipe_on_the_sign_in_page_clears_a_typed_password(wizard_app):
    driver = wizard_app
    user = driver.user("sms")
    QTest.keyClicks(driver.wizard.credentials_page.username, user.username)
    QTest.keyClicks(driver.wizard.credentials_page.password, user.password)
    wait_for_idle_wipe(driver)


def test_idle_wipe_on_the_sms_code_page_forgets_the_kept_password(wizard_app):
    driver = wizard_app
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    assert driver.controller.flow.can_resend_sms  # the flow holds the password
    wait_for_idle_wipe(driver)
    assert not driver.controller.flow.can_resend_sms


def test_idle_wipe_on_the_already_on_totp_page(wizard_app):
    driver = wizard_app
    driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    wait_for_idle_wipe(driver)


def test_idle_wipe_on_the_rehearsal_page_clears_its_password(wizard_app):
    """A password typed for the rehearsal stays in its field (and Alt+S
    shows it): the idle wipe runs there too (issue 19 #3)."""
    driver = wizard_app
    operations = driver.window.operations
    user = go_to_secret_page(driver)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    driver.wizard.show_rehearsal()
    driver.wait_page(PageId.REHEARSAL)
    page = driver.wizard.rehearsal_page
    assert operations.idle.armed
    QTest.keyClicks(page.password, user.password)
    wait_for_idle_wipe(driver)
    assert page.password.text() == "" and page.rehearsal is None
    assert not operations.idle.armed  # an empty sign-in page
