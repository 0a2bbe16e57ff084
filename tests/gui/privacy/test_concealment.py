"""The QR code and key are hidden while the window is minimised or the screen locked."""

from __future__ import annotations

import pytest
from gui_driver import TIMEOUT_MS, go_to_secret_page
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
)


def test_qr_code_and_key_are_hidden_while_minimised(wizard_app):
    driver = wizard_app
    go_to_secret_page(driver)
    window, page = driver.window, driver.wizard.secret_page
    assert page.qr.module_count and page.secret.text()
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    if not window.isMinimized():  # pragma: no cover - a platform that refuses
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowStateChange))
    driver.qtbot.waitUntil(lambda: page.concealed, timeout=TIMEOUT_MS)
    assert page.qr.module_count == 0 and page.secret.text() == "" and page.account.text() == ""
    assert page.concealed_label.isVisibleTo(page) and not page.copy_button.isEnabled()
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    driver.qtbot.waitUntil(lambda: not page.concealed, timeout=TIMEOUT_MS)
    assert page.qr.module_count and page.secret.text()
    assert not page.concealed_label.isVisibleTo(page) and page.copy_button.isEnabled()


@pytest.mark.parametrize(
    ("state", "hidden"),
    [
        (Qt.ApplicationState.ApplicationSuspended, True),
        (Qt.ApplicationState.ApplicationHidden, True),
        (Qt.ApplicationState.ApplicationInactive, False),  # another window has the focus: not locked
    ],
)
def test_qr_code_follows_the_application_state(wizard_app, state, hidden):
    driver = wizard_app
    go_to_secret_page(driver)
    page = driver.wizard.secret_page
    watcher = driver.window.operations.conceal
    watcher._on_application_state_changed(state)  # what the platform reports for a locked screen
    assert page.concealed is hidden and bool(page.qr.module_count) is not hidden
    watcher._on_application_state_changed(Qt.ApplicationState.ApplicationActive)
    assert not page.concealed and page.qr.module_count
