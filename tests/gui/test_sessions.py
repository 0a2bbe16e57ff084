"""Onboarding sessions in the window: the queue beside the wizard, keyboard first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.sessions import SessionStore
from cogtotp_gui.ui.wizard.pages import PageId
from tests.gui.gui_driver import TIMEOUT_MS


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(path))
    return path


def start(driver, kinds):
    names = [driver.user(kind).username for kind in kinds]
    assert driver.window.start_session(names, "roster.csv")
    runner = driver.window.sessions.runner
    driver.wizard.rehearsal_page.clock = driver.emu.now
    return runner


def stored(runner):
    store = SessionStore.open()
    try:
        return {e.username: e for e in store.entries(runner.info.id)}
    finally:
        store.close()


def enroll_current(driver, user):
    """Password typed into the prefilled page, then SMS, QR, code: keyboard only."""
    page = driver.wizard.credentials_page
    assert page.username.text() == user.username
    assert driver.focus() is page.password
    driver.type(user.password)
    driver.enter()
    driver.wait_idle()
    driver.submit_sms(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)


def test_a_roster_is_worked_through_with_the_rehearsal(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    runner = start(driver, ["sms", "sms2"])
    first, second = driver.user("sms"), driver.user("sms2")
    panel = driver.window.sessions.panel
    qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT_MS)
    assert panel.model.rowCount() == 2
    assert runner.queue.get(first.username).state is UserState.IN_PROGRESS

    enroll_current(driver, first)
    # Recorded the moment Cognito said yes, before anyone presses a key.
    assert stored(runner)[first.username].state is UserState.ENROLLED
    done = driver.wizard.done_page
    assert done.rehearse_button.isVisible()
    assert driver.focus() is driver.next_button  # Enter stays "Next user"

    QTest.keyClick(driver.window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    driver.wait_page(PageId.REHEARSAL)
    page = driver.wizard.rehearsal_page
    assert driver.focus() is page.password
    driver.type(first.password)
    driver.enter()
    assert page.password.text() == ""  # wiped the moment the sign-in started
    qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy, timeout=TIMEOUT_MS)
    assert page.rehearsal.challenge == "SOFTWARE_TOKEN_MFA"
    assert not page.code.isEnabled() and "s." in page.countdown.text()  # waits for a fresh window
    driver.emu.advance(page.rehearsal.seconds_until_fresh_code())
    qtbot.waitUntil(page.code.isEnabled, timeout=TIMEOUT_MS)
    page.code.setFocus()
    driver.type(driver.totp_now(emulator.emu.totp_secret(first.username)))
    with qtbot.waitSignal(page.verdict_reached, timeout=TIMEOUT_MS) as verdict:
        driver.enter()
    assert verdict.args[1].took
    assert "Verified" in page.verdict_label.text()
    assert stored(runner)[first.username].state is UserState.VERIFIED

    # Enter: the next user, prefilled, password focused.
    driver.next_button.setFocus()
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    enroll_current(driver, second)
    driver.enter()  # Next user, without the rehearsal
    driver.wait_page(PageId.CREDENTIALS)
    states = {name: e.state for name, e in stored(runner).items()}
    assert states == {first.username: UserState.VERIFIED, second.username: UserState.ENROLLED}
    assert driver.wizard.credentials_page.username.text() == ""  # nobody left
    assert "2 done (1 verified)" in panel.summary.text()


def test_a_user_already_on_totp_is_recorded_and_the_queue_moves_on(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    runner = start(driver, ["totp", "sms"])
    totp, sms = driver.user("totp"), driver.user("sms")

    driver.type(totp.password)
    driver.enter()
    driver.wait_page(PageId.EXISTING_TOTP)
    driver.next_button.setFocus()
    driver.enter()  # "Stop – next user"
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == sms.username
    entries = stored(runner)
    assert entries[totp.username].state is UserState.ALREADY_TOTP
    assert entries[sms.username].state is UserState.IN_PROGRESS


def test_the_panel_skips_reorders_and_retries_from_the_keyboard(qtbot, emulator, wizard_app, data_dir, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    driver = wizard_app
    runner = start(driver, ["sms", "sms2", "totp"])
    names = [driver.user(k).username for k in ("sms", "sms2", "totp")]
    panel = driver.window.sessions.panel
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("not in today", True)))

    # Alt+Q: the queue; Ctrl+K skips the user in progress, and the next one is loaded.
    qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert driver.focus() is panel.table
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.model.index(-1, -1))
    QTest.keyClick(panel.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[0]).state is UserState.SKIPPED
    assert runner.queue.get(names[0]).reason == "not in today"
    assert driver.wizard.credentials_page.username.text() == names[1]

    # Ctrl+Down moves the selected user; Ctrl+R retries the skipped one.
    assert driver.focus() is driver.wizard.credentials_page.password  # ready for the next user
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.select(names[0])
    QTest.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [e.username for e in runner.queue] == [names[1], names[0], names[2]]
    QTest.keyClick(panel.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[0]).state is UserState.WAITING
    panel.select(names[2])
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    assert names[2] not in runner.queue
    assert [e.username for e in stored(runner).values()] == [names[1], names[0]]


def test_a_data_folder_that_cannot_be_used_says_so_and_the_wizard_goes_on(
    qtbot, emulator, wizard_app, tmp_path, monkeypatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(blocker / "data"))
    driver = wizard_app
    runner = start(driver, ["sms"])
    panel = driver.window.sessions.panel
    assert runner.store is None and not panel.storage_warning.isHidden()
    assert "not being saved" in panel.storage_warning.text()
    user = driver.user("sms")
    enroll_current(driver, user)
    assert runner.queue.get(user.username).state is UserState.ENROLLED


def test_the_migration_windows_request_starts_a_session(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    names = [driver.user("sms").username, driver.user("sms2").username]
    driver.window.start_session_with(names)
    runner = driver.window.sessions.runner
    assert [e.username for e in runner.queue] == names and runner.info.source == "inventory"
    assert driver.wizard.credentials_page.username.text() == names[0]
