"""The rehearsal ("Try the new sign-in") outside sessions, and the way out
of it from the wizard: Back, Cancel, Escape, keyboard only, recorded as not
rehearsed in the audit (issue 20, item 5)."""

from __future__ import annotations

import json

import pytest
from gui_driver import make_driver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from cogtotp_gui.ui.wizard.pages import PageId
from cogtotp_gui.ui.wizard.wizard import BACK_BUTTON
from tests.gui.gui_driver import TIMEOUT_MS


@pytest.fixture
def audit_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(tmp_path))
    return tmp_path


def outcomes(directory) -> list[tuple[str, str, str]]:
    path = directory / "audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [(r["username"], r["step"], r["outcome"]) for r in map(json.loads, lines)]


def enroll(driver, kind="sms"):
    user = driver.sign_in(kind)
    driver.submit_sms(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    driver.wizard.rehearsal_page.clock = driver.emu.now
    return user


def open_rehearsal(driver):
    done = driver.wizard.done_page
    driver.qtbot.waitUntil(done.rehearse_button.isVisible, timeout=TIMEOUT_MS)
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # "T&ry the new sign-in"
    driver.wait_page(PageId.REHEARSAL)
    assert driver.focus() is driver.wizard.rehearsal_page.password


def test_offered_outside_sessions_and_left_by_escape_and_by_back(qtbot, emulator, audit_dir):
    driver = make_driver(qtbot, emulator)
    try:
        user = enroll(driver)
        assert outcomes(audit_dir) == [(user.username, "done", "success")]

        open_rehearsal(driver)
        back, cancel = driver.button(BACK_BUTTON), driver.button(QWizard.WizardButton.CancelButton)
        assert back.isVisible() and back.isEnabled() and cancel.isEnabled()
        driver.type("half a passw")
        driver.key(Qt.Key.Key_Escape)
        driver.wait_page(PageId.DONE)
        assert driver.focus() is driver.next_button  # Enter is "Next user" again
        assert driver.wizard.rehearsal_page.password.text() == ""  # nothing typed stays
        assert outcomes(audit_dir)[-1] == (user.username, "done", "not_rehearsed")

        open_rehearsal(driver)  # offered again
        driver.key(Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # "< &Back"
        driver.wait_page(PageId.DONE)
        assert [o for _, _, o in outcomes(audit_dir)] == ["success", "not_rehearsed", "not_rehearsed"]

        driver.enter()  # Next user: nothing more recorded, the offer is gone with the user
        driver.wait_page(PageId.CREDENTIALS)
        assert len(outcomes(audit_dir)) == 3
        assert not driver.wizard.done_page.rehearse_button.isVisible()
    finally:
        driver.close()


def test_the_next_user_from_the_rehearsal_page_is_not_rehearsed_but_a_verdict_is_kept(qtbot, emulator, audit_dir):
    driver = make_driver(qtbot, emulator)
    try:
        user = enroll(driver)
        open_rehearsal(driver)
        driver.wizard.start_next_user()  # the queue's Next user, an idle wipe
        driver.wait_page(PageId.CREDENTIALS)
        assert outcomes(audit_dir)[-1] == (user.username, "done", "not_rehearsed")

        second = enroll(driver, "sms2")
        open_rehearsal(driver)
        page = driver.wizard.rehearsal_page
        driver.type(second.password)
        driver.enter()
        qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy, timeout=TIMEOUT_MS)
        driver.emu.advance(page.rehearsal.seconds_until_fresh_code())
        qtbot.waitUntil(page.code.isEnabled, timeout=TIMEOUT_MS)
        page.code.setFocus()
        driver.type(driver.totp_now(emulator.emu.totp_secret(second.username)))
        with qtbot.waitSignal(page.verdict_reached, timeout=TIMEOUT_MS):
            driver.enter()
        driver.key(Qt.Key.Key_Escape)  # leaving after the verdict records nothing
        driver.wait_page(PageId.DONE)
        assert [(u, o) for u, _, o in outcomes(audit_dir)][-2:] == [
            (user.username, "not_rehearsed"),
            (second.username, "success"),
        ]
    finally:
        driver.close()
