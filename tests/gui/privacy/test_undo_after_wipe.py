"""A wiped password or code cannot be brought back with undo (issue 19 #1).

``QLineEdit.clear()`` is an undoable edit, and Qt refuses undo only while a
field is masked: the field's own reveal (Alt+S) unmasked it, and Ctrl+Z then
showed the previous user's password. Each field is wiped as the app wipes it
(a wrong password, Next user, the idle wipe, a wrong code...), then revealed
where it can be, then every undo and redo key is pressed: the field stays
empty. Password fields refuse undo and redo altogether.
"""

from __future__ import annotations

import pytest
from gui_driver import TIMEOUT_MS, go_to_secret_page
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
from cogtotp_gui.ui.common.widgets import CodeLineEdit, PasswordLineEdit, SecretLineEdit
from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog
from cogtotp_gui.ui.wizard.pages import PageId

# Every binding of Undo and Redo on every platform Qt knows, pressed in turn.
UNDO_REDO_KEYS = (
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.AltModifier),
)


def reveal_and_undo(qtbot, field: QLineEdit) -> str:
    """Focus ``field``, reveal it with Alt+S if it can be revealed, press every
    undo and redo key; what the field then holds."""
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=TIMEOUT_MS)
    if isinstance(field, PasswordLineEdit):
        QTest.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        assert field.revealed
    for key, modifiers in UNDO_REDO_KEYS:
        QTest.keyClick(field, key, modifiers)
        came_back = bool(field.text())  # a bool: the text itself stays out of the test's output
        assert not came_back, f"{field.objectName()} came back with {key.name}"
    return "" if not field.text() else "(something)"


# -- the shared widgets ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", [PasswordLineEdit, SecretLineEdit, CodeLineEdit])
def test_a_cleared_field_keeps_no_undo_history(qtbot, kind):
    field = kind()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    QTest.keyClicks(field, "hunter2-secret")
    field.clear()
    assert not field.isUndoAvailable() and not field.isRedoAvailable()
    assert reveal_and_undo(qtbot, field) == ""


@pytest.mark.parametrize("kind", [PasswordLineEdit, SecretLineEdit])
def test_password_fields_refuse_undo_and_redo_altogether(qtbot, kind):
    field = kind()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    QTest.keyClicks(field, "first")
    field.selectAll()
    QTest.keyClicks(field, "second")  # an undo would bring "first" back
    if isinstance(field, PasswordLineEdit):
        field.toggle_action.setChecked(True)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=TIMEOUT_MS)
    for key, modifiers in UNDO_REDO_KEYS:
        QTest.keyClick(field, key, modifiers)
        assert field.text() == "second"


# A popup menu on the offscreen platform: it cannot raise it or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
@pytest.mark.parametrize("kind", [PasswordLineEdit, SecretLineEdit])
def test_the_context_menu_of_a_password_field_has_no_undo_or_redo(qtbot, kind):
    field = kind()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    QTest.keyClicks(field, "abc")
    seen: list[list[str]] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_and_close)
            return
        seen.append([action.objectName() for action in menu.actions() if action.isVisible()])
        menu.close()

    QTimer.singleShot(0, read_and_close)
    field.contextMenuEvent(_context_menu_event(field))
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT_MS)
    names = seen[0]
    assert "edit-paste" in names  # the standard menu, less two entries
    assert "edit-undo" not in names and "edit-redo" not in names


def _context_menu_event(field: QLineEdit):
    from PySide6.QtGui import QContextMenuEvent

    centre = field.rect().center()
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, field.mapToGlobal(centre))


# -- each field, wiped as the app wipes it ----------------------------------------------------


def test_a_wrong_password_cannot_be_undone_back(wizard_app):
    driver = wizard_app
    page = driver.wizard.credentials_page
    driver.sign_in("sms", password="Wrong-Passw0rd!")
    driver.wait_banner()
    assert page.password.text() == ""
    assert reveal_and_undo(driver.qtbot, page.password) == ""


def test_next_user_leaves_nothing_to_undo_in_the_sign_in_fields(wizard_app):
    driver = wizard_app
    page = driver.wizard.credentials_page
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    driver.wizard.start_next_user()
    driver.wait_page(PageId.CREDENTIALS)
    assert reveal_and_undo(driver.qtbot, page.username) == ""
    assert reveal_and_undo(driver.qtbot, page.password) == ""


def test_the_idle_wipe_leaves_nothing_to_undo(wizard_app):
    driver = wizard_app
    page = driver.wizard.credentials_page
    operations = driver.window.operations
    user = driver.user("sms")
    QTest.keyClicks(page.username, user.username)
    QTest.keyClicks(page.password, user.password)
    operations.idle.set_timeout(0.6, warning_s=0.3)
    driver.qtbot.waitUntil(lambda: operations.wiped_for_idle == 1, timeout=TIMEOUT_MS)
    operations.idle.set_timeout(120)
    assert reveal_and_undo(driver.qtbot, page.password) == ""
    assert reveal_and_undo(driver.qtbot, page.username) == ""


def test_the_new_password_fields_keep_nothing_to_undo(wizard_app):
    driver = wizard_app
    driver.sign_in("temp_password")
    driver.wait_page(PageId.NEW_PASSWORD)
    page = driver.wizard.new_password_page
    QTest.keyClicks(page.new_password, SUGGESTED_NEW_PASSWORD)
    QTest.keyClicks(page.repeat, SUGGESTED_NEW_PASSWORD + "x")  # not the same: the repeat is wiped
    page.new_password.setFocus()
    driver.enter()
    driver.wait_banner()
    assert page.repeat.text() == ""
    assert reveal_and_undo(driver.qtbot, page.repeat) == ""
    driver.wizard.start_next_user()  # and the new password with the user
    driver.wait_page(PageId.CREDENTIALS)
    driver.sign_in("temp_password")
    driver.wait_page(PageId.NEW_PASSWORD)
    assert reveal_and_undo(driver.qtbot, page.new_password) == ""


def test_a_wrong_sms_code_cannot_be_undone_back(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    page = driver.wizard.sms_code_page
    right = driver.sms_code(user.username)
    driver.submit_sms(user.username, code="000000" if right != "000000" else "111111")
    driver.wait_banner()
    assert page.code.text() == ""
    assert reveal_and_undo(driver.qtbot, page.code) == ""


def test_a_wrong_confirmation_code_cannot_be_undone_back(wizard_app):
    driver = wizard_app
    user = go_to_secret_page(driver)
    right = driver.totp_now(driver.pending_secret(user.username))
    driver.confirm_totp(user.username, code="000000" if right != "000000" else "111111")
    driver.wait_banner()
    page = driver.wizard.confirm_page
    assert page.code.text() == ""
    assert reveal_and_undo(driver.qtbot, page.code) == ""


def test_the_existing_authenticator_code_cannot_be_undone_back(wizard_app):
    driver = wizard_app
    driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # re-enroll: the code field shows
    driver.qtbot.waitUntil(lambda: driver.focus() is page.code, timeout=TIMEOUT_MS)
    driver.type("123456")
    driver.wizard.start_next_user()
    driver.wait_page(PageId.CREDENTIALS)
    driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    driver.qtbot.waitUntil(lambda: driver.focus() is page.code, timeout=TIMEOUT_MS)
    assert reveal_and_undo(driver.qtbot, page.code) == ""


def enroll_and_rehearse(driver):
    user = go_to_secret_page(driver)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    driver.wizard.rehearsal_page.clock = driver.emu.now
    driver.wizard.show_rehearsal()
    driver.wait_page(PageId.REHEARSAL)
    return user, driver.wizard.rehearsal_page


def test_the_rehearsal_password_cannot_be_undone_back(wizard_app):
    driver = wizard_app
    _user, page = enroll_and_rehearse(driver)
    page.password.setFocus()
    driver.type("Wrong-Passw0rd!")
    driver.enter()  # wiped as the sign-in starts; Cognito says no
    driver.wait_banner()
    assert page.password.text() == "" and page.password.isVisible()
    assert reveal_and_undo(driver.qtbot, page.password) == ""


def test_a_wrong_rehearsal_code_cannot_be_undone_back(wizard_app):
    driver = wizard_app
    user, page = enroll_and_rehearse(driver)
    page.password.setFocus()
    driver.type(user.password)
    driver.enter()
    driver.qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy, timeout=TIMEOUT_MS)
    driver.emu.advance(page.rehearsal.seconds_until_fresh_code())
    driver.qtbot.waitUntil(page.code.isEnabled, timeout=TIMEOUT_MS)
    right = driver.totp_now(driver.emu.totp_secret(user.username))
    page.code.setFocus()
    driver.type("000000" if right != "000000" else "111111")
    driver.enter()
    driver.wait_banner()
    assert page.code.text() == ""
    assert reveal_and_undo(driver.qtbot, page.code) == ""


def test_the_connection_pages_client_secret_refuses_undo(wizard_app):
    driver = wizard_app
    driver.wizard.show_connection_page()
    driver.wait_page(PageId.CONNECTION)
    page = driver.wizard.connection_page
    assert isinstance(page.client_secret, PasswordLineEdit)
    typed = page.client_secret.text()
    page.client_secret.setFocus()
    QTest.keyClick(page.client_secret, Qt.Key.Key_End)
    driver.type("-and-more")
    QTest.keyClick(page.client_secret, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    for key, modifiers in UNDO_REDO_KEYS:
        QTest.keyClick(page.client_secret, key, modifiers)
    assert page.client_secret.text() == typed + "-and-more"


def test_the_settings_client_secret_keeps_nothing_to_undo(qtbot, store, tmp_path):
    dialog = SettingsDialog(store, audit_dir=tmp_path / "audit", apply_language=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert isinstance(dialog.secret_edit, SecretLineEdit)
    dialog.new_button.click()
    QTest.keyClicks(dialog.secret_edit, "a-client-secret-typed-here")
    dialog._set_form(None)  # the form emptied, as for a new connection
    assert dialog.secret_edit.text() == ""
    assert reveal_and_undo(qtbot, dialog.secret_edit) == ""
