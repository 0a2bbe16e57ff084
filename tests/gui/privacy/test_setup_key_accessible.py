"""A screen reader can read the setup key out, spelled in its groups, while
it is on the screen, and nothing of it once it is hidden (issue 20 #20).

What a screen reader gets is asked of Qt's accessibility interface, as
AT-SPI (Linux) or UI Automation (Windows) would ask it.
"""

from __future__ import annotations

from gui_driver import TIMEOUT_MS, go_to_secret_page
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from cogtotp_gui.ui.wizard.pages import PageId


def read_out(widget) -> str:
    """The name and description a screen reader reads for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) + " | " + interface.text(QAccessible.Text.Description)


def spelled(secret: str) -> str:
    groups = [secret[i : i + 4] for i in range(0, len(secret), 4)]
    return ", ".join(" ".join(group) for group in groups)


def reads_the_key(secret: str, said: str) -> bool:
    """A bool, so that a failing test does not print the key."""
    return spelled(secret) in said


def nothing_of(secret: str, said: str) -> bool:
    squeezed = said.replace(" ", "").replace(",", "")
    return secret[:8] not in squeezed and secret[-8:] not in squeezed


def test_the_setup_key_is_read_out_spelled_in_its_groups(wizard_app):
    driver = wizard_app
    user = go_to_secret_page(driver)
    secret = driver.pending_secret(user.username)
    label = driver.wizard.secret_page.secret
    said = read_out(label)
    named = said.startswith("Setup key: ")  # a bool: the test's output never holds the key
    assert named
    assert reads_the_key(secret, said)  # "A B C D, E F G H, ..."


def test_the_key_is_withdrawn_while_minimised(wizard_app):
    driver = wizard_app
    user = go_to_secret_page(driver)
    secret = driver.pending_secret(user.username)
    window, page = driver.window, driver.wizard.secret_page
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    if not window.isMinimized():  # pragma: no cover - a platform that refuses
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowStateChange))
    driver.qtbot.waitUntil(lambda: page.concealed, timeout=TIMEOUT_MS)
    said = read_out(page.secret)
    assert said.startswith("Setup key") and nothing_of(secret, said)
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    driver.qtbot.waitUntil(lambda: not page.concealed, timeout=TIMEOUT_MS)
    assert reads_the_key(secret, read_out(page.secret))


def test_the_key_is_withdrawn_when_the_screen_is_locked(wizard_app):
    driver = wizard_app
    user = go_to_secret_page(driver)
    secret = driver.pending_secret(user.username)
    page = driver.wizard.secret_page
    driver.window.operations.conceal._on_application_state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert page.concealed and nothing_of(secret, read_out(page.secret))
    driver.window.operations.conceal._on_application_state_changed(Qt.ApplicationState.ApplicationActive)
    assert reads_the_key(secret, read_out(page.secret))


def test_the_key_is_withdrawn_for_the_next_user_and_after_the_page(wizard_app):
    driver = wizard_app
    user = go_to_secret_page(driver)
    secret = driver.pending_secret(user.username)
    page = driver.wizard.secret_page
    driver.confirm_totp(user.username, code="000000" if driver.totp_now(secret) != "000000" else "111111")
    driver.wait_page(PageId.CONFIRM)
    assert nothing_of(secret, read_out(page.secret))  # left the page: gone
    driver.wizard.start_next_user()
    driver.wait_page(PageId.CREDENTIALS)
    assert read_out(page.secret).startswith("Setup key") and nothing_of(secret, read_out(page.secret))


def test_the_key_is_read_out_in_japanese_too(wizard_app, qapp):
    from cogtotp_gui import i18n

    driver = wizard_app
    user = go_to_secret_page(driver)
    secret = driver.pending_secret(user.username)
    try:
        i18n.install_translations(qapp, "ja")
        label = driver.wizard.secret_page.secret
        driver.qtbot.waitUntil(lambda: read_out(label).startswith("セットアップキー"), timeout=TIMEOUT_MS)
        said = read_out(label)
        named = said.startswith("セットアップキー: ")
        assert named and reads_the_key(secret, said)
    finally:
        i18n.install_translations(qapp, "en")
    driver.qtbot.waitUntil(lambda: read_out(label).startswith("Setup key: "), timeout=TIMEOUT_MS)
