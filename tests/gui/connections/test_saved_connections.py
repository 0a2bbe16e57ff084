"""Saved connections in the main window: the picker on the first page, the
secret prompt without a keyring, the settings dialog from the menu, preferences."""

from __future__ import annotations

from gui_driver import TIMEOUT_MS
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
)

from cogtotp_gui.connections.model import Preferences
from cogtotp_gui.ui.privacy import clipboard
from cogtotp_gui.ui.wizard.pages import PageId


def test_profile_chosen_on_the_first_page_reconnects_and_is_remembered(windows, store):
    driver = windows("Alpha")
    picker = driver.wizard.credentials_page.profile_picker
    assert picker.isVisible() and picker.combo.isEnabled()
    assert [picker.combo.itemText(i) for i in range(picker.combo.count())] == ["Alpha", "Beta"]
    assert picker.combo.currentText() == "Alpha"
    with driver.qtbot.waitSignal(driver.controller.connection_changed, timeout=TIMEOUT_MS):
        picker.combo.setCurrentIndex(1)
        picker.combo.activated.emit(1)
    assert driver.controller.settings.name == "Beta" and driver.controller.settings.issuer == "Beta Helpdesk"
    assert driver.controller.settings.client_secret == driver.emulator.seed.client_secret
    assert store.preferences().last_profile == "Beta"
    assert "Beta" in driver.window.connection_label.full_text
    driver.wait_ready()
    # The new connection works: a user signs in through it.
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)


def test_switching_during_an_enrollment_asks_first(windows, store):
    driver = windows("Alpha")
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    saved = driver.window.saved_connections
    assert saved.choose("Beta")
    box = driver.message_box("switchConnectionConfirmBox")
    box.findChild(QPushButton, "keepEnrollingButton").click()
    driver.qtbot.waitUntil(lambda: saved._confirm_box is None)
    assert driver.controller.settings.name == "Alpha" and driver.page_id == PageId.SMS_CODE
    assert driver.wizard.credentials_page.profile_picker.combo.currentText() == "Alpha"

    assert saved.choose("Beta")
    box = driver.message_box("switchConnectionConfirmBox")
    assert user.username in box.text()
    box.findChild(QPushButton, "confirmSwitchButton").click()
    driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Beta", timeout=TIMEOUT_MS)
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == ""
    assert not driver.controller.enrollment_in_progress


def test_without_a_keyring_the_secret_is_asked_once_and_kept_in_memory(windows, store, memory_keyring, emulator):
    store._keyring_available = False  # as on a computer without a keyring backend
    memory_keyring.passwords.clear()
    driver = windows("Alpha")
    saved = driver.window.saved_connections
    driver.qtbot.waitUntil(
        lambda: saved._secret_prompt is not None and saved._secret_prompt.isVisible(), timeout=TIMEOUT_MS
    )
    prompt = saved._secret_prompt
    edit = prompt.findChild(QLineEdit, "clientSecretPromptEdit")
    assert edit.echoMode() == QLineEdit.EchoMode.Password and edit.accessibleName()
    assert prompt.width() < 800  # the sentence wraps instead of widening the dialog
    prompt.setTextValue(emulator.seed.client_secret)
    prompt.accept()
    driver.qtbot.waitUntil(
        lambda: driver.controller.settings.client_secret == emulator.seed.client_secret, timeout=TIMEOUT_MS
    )
    assert not memory_keyring.passwords  # never written to a keyring
    assert store._memory_secrets == {"Alpha": emulator.seed.client_secret}
    driver.wait_ready()
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    # Once per run: back and forth, no second prompt for Alpha.
    driver.wizard.start_next_user()
    assert saved.choose("Beta")
    driver.qtbot.waitUntil(lambda: saved._secret_prompt is not None, timeout=TIMEOUT_MS)
    saved._secret_prompt.reject()  # Beta: declined, the connection stays
    driver.qtbot.waitUntil(lambda: saved._secret_prompt is None)
    assert driver.controller.settings.name == "Alpha"
    assert saved.choose("Beta") is True
    driver.qtbot.waitUntil(lambda: saved._secret_prompt is not None, timeout=TIMEOUT_MS)
    saved._secret_prompt.setTextValue("")
    saved._secret_prompt.accept()  # "no secret": asked once, not again
    driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Beta", timeout=TIMEOUT_MS)
    assert saved.choose("Alpha")
    driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Alpha", timeout=TIMEOUT_MS)
    assert saved._secret_prompt is None
    assert driver.controller.settings.client_secret == emulator.seed.client_secret


def test_settings_dialog_opens_from_the_menu_and_saving_the_profile_in_use_reconnects(windows, store):
    driver = windows("Alpha")
    window = driver.window
    assert window.settings_action in window.file_menu.actions()
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    dialog = window.saved_connections.dialog
    assert dialog is not None and dialog.objectName() == "settingsDialog"
    driver.qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT_MS)
    assert dialog.profile_list.currentItem().text() == "Alpha"  # the profile in use
    # Edit the profile in use: the window reconnects with the new values.
    dialog.issuer_edit.setText("Alpha Service Desk")
    dialog._on_edited("issuer")
    with driver.qtbot.waitSignal(driver.controller.connection_changed, timeout=TIMEOUT_MS):
        dialog.save_button.click()
    assert driver.controller.settings.issuer == "Alpha Service Desk"
    dialog.reject()
    driver.qtbot.waitUntil(lambda: window.saved_connections.dialog is None)


def test_shortcut_opens_the_settings(windows):
    driver = windows("Alpha")
    driver.wizard.credentials_page.username.setFocus()
    QTest.keyClick(driver.wizard.credentials_page.username, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    driver.qtbot.waitUntil(lambda: driver.window.saved_connections.dialog is not None, timeout=TIMEOUT_MS)
    driver.window.saved_connections.dialog.reject()


def test_preferences_take_effect_at_once(windows, store):
    driver = windows("Alpha")
    driver.window.apply_preferences(Preferences(idle_timeout_s=45, clipboard_clear_s=12))
    assert driver.window.operations.idle.timeout_s == 45
    assert clipboard.guard().clear_after_s == 12
