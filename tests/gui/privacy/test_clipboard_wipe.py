"""A copied key leaves the clipboard after a delay, on the next user and on quit."""

from __future__ import annotations

from gui_driver import TIMEOUT_MS, go_to_secret_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QPushButton,
)

from cogtotp_gui.ui.privacy import clipboard
from cogtotp_gui.ui.wizard.pages import PageId


def test_copied_key_is_cleared_after_the_delay_and_on_next_user(wizard_app, board):
    driver = wizard_app
    go_to_secret_page(driver)
    page = driver.wizard.secret_page
    secret = driver.pending_secret(driver.user("sms").username)
    clipboard.guard().clear_after_s = 0.3
    try:
        page.copy_button.click()
        assert board.text().replace(" ", "") == secret
        driver.qtbot.waitUntil(lambda: board.text() == "", timeout=TIMEOUT_MS)
        driver.qtbot.waitUntil(lambda: "removed" in page.banner.text, timeout=TIMEOUT_MS)
        # Something the operator copied afterwards is left alone.
        clipboard.guard().clear_after_s = 60
        page.copy_button.click()
        assert board.text().replace(" ", "") == secret
        # "Next user" (here: abandoning) takes it off at once.
        driver.key(Qt.Key.Key_Escape)
        box = driver.message_box("abandonConfirmBox")
        box.findChild(QPushButton, "confirmAbandonButton").click()
        driver.wait_page(PageId.CREDENTIALS)
        assert board.text() == ""
    finally:
        clipboard.guard().clear_after_s = clipboard.DEFAULT_CLEAR_AFTER_S


def test_copied_key_is_cleared_on_quit(wizard_app, board):
    driver = wizard_app
    go_to_secret_page(driver)
    clipboard.guard().clear_after_s = 60
    driver.wizard.secret_page.copy_button.click()
    assert board.text()
    driver.window.shutdown(5000)
    assert board.text() == ""


def test_a_copied_key_leaves_the_clipboard_at_once_when_a_new_qr_code_replaces_it(wizard_app, board):
    """Issue 15: "Generate a new QR code" left the old, dead key on the
    clipboard until its timer ran out, and the banner no longer said so."""
    driver = wizard_app
    go_to_secret_page(driver)
    page = driver.wizard.secret_page
    clipboard.guard().clear_after_s = 60
    try:
        page.copy_button.click()
        assert board.text()
        page.new_qr_button.click()
        box = driver.message_box("newSecretConfirmBox")
        with driver.qtbot.waitSignal(driver.controller.secret_ready, timeout=TIMEOUT_MS):
            box.findChild(QPushButton, "confirmNewSecretButton").click()
        driver.qtbot.waitUntil(lambda: "previous one no longer works" in page.banner.text, timeout=TIMEOUT_MS)
        assert board.text() == ""  # at once, not after 60 s
        assert "old setup key was removed from the clipboard" in page.banner.text
        assert not clipboard.guard().pending
    finally:
        clipboard.guard().clear_after_s = clipboard.DEFAULT_CLEAR_AFTER_S
