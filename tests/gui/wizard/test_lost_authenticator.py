"""The lost-authenticator path in the wizard: keyboard-first, admin and user mode."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from cogtotp_gui.ui.wizard.pages import PageId
from cogtotp_gui.ui.wizard.wizard import BACK_BUTTON


def to_lost_page(driver):
    user = driver.sign_in("lost_phone")
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    assert page.lost_button.isVisible()
    QTest.mouseClick(page.lost_button, Qt.MouseButton.LeftButton)
    driver.wait_page(PageId.LOST_AUTHENTICATOR)
    return user, driver.wizard.lost_authenticator_page


def test_admin_resets_and_enrolls_a_new_authenticator(wizard_app):
    driver = wizard_app.factory(mode="admin")
    user, page = to_lost_page(driver)
    assert user.username in page.explanation.text()
    driver.qtbot.waitUntil(lambda: driver.focus() is page.reason)
    # Nothing happens without a reason and the identity check.
    driver.enter()
    assert "reason" in driver.wait_banner(page)
    assert driver.emulator.emu.totp_secret(user.username) is not None
    driver.type("Phone lost, ticket HD-1")
    driver.enter()
    assert "identity" in driver.wait_banner(page)
    assert page.reason.text() == "Phone lost, ticket HD-1"  # nothing typed is lost
    page.identity_check.setChecked(True)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    assert driver.emulator.emu.totp_secret(user.username) is None
    records = [json.loads(line) for line in driver.controller.audit.path.read_text(encoding="utf-8").splitlines()]
    resets = [r for r in records if r.get("event") == "authenticator_reset"]
    # The intent on record before the delete (issue 19 #2), then the result.
    assert [(r["username"], r["reason"], r["identity_verified"], r["outcome"]) for r in resets] == [
        (user.username, "Phone lost, ticket HD-1", True, "requested"),
        (user.username, "Phone lost, ticket HD-1", True, "success"),
    ]
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    summary = driver.wizard.done_page.summary.text()
    assert "lost authenticator was removed" in summary
    assert "Text-message codes" in summary  # the user came back through SMS


def test_back_from_the_confirmation_changes_nothing(wizard_app):
    driver = wizard_app.factory(mode="admin")
    user, _page = to_lost_page(driver)
    QTest.mouseClick(driver.wizard.button(BACK_BUTTON), Qt.MouseButton.LeftButton)
    driver.wait_page(PageId.EXISTING_TOTP)
    assert driver.controller.flow.step.value == "existing_totp"
    assert driver.emulator.emu.totp_secret(user.username) is not None


def test_access_denied_is_explained_on_the_confirmation_page(wizard_app):
    driver = wizard_app.factory(mode="admin")
    user, page = to_lost_page(driver)
    driver.emulator.emu.fail_next("AdminDeleteSoftwareToken", "AccessDeniedException", "not authorized", times=2)
    driver.type("Phone lost")
    page.identity_check.setChecked(True)
    driver.enter()
    assert "cognito-idp:AdminDeleteSoftwareToken" in driver.wait_banner(page)
    assert driver.wizard.currentId() == PageId.LOST_AUTHENTICATOR
    assert driver.emulator.emu.totp_secret(user.username) is not None


def test_user_mode_says_an_administrator_is_needed(wizard_app):
    driver = wizard_app
    driver.sign_in("lost_phone")
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    QTest.mouseClick(page.lost_button, Qt.MouseButton.LeftButton)
    assert "Only an administrator" in driver.wait_banner(page)
    assert driver.wizard.currentId() == PageId.EXISTING_TOTP


def test_a_reset_whose_audit_record_cannot_be_written_is_refused_and_said(wizard_app, tmp_path):
    """Issue 19 #2: the intent goes on record first; no record, no reset."""
    driver = wizard_app.factory(mode="admin")
    user, page = to_lost_page(driver)
    audit_file = driver.controller.audit.path
    audit_file.parent.mkdir(parents=True, exist_ok=True)
    audit_file.unlink(missing_ok=True)
    victim = tmp_path / "operators-own-file"
    victim.write_text("precious\n")
    audit_file.symlink_to(victim)  # planted in a shared audit folder
    driver.type("Phone lost, ticket HD-2")
    page.identity_check.setChecked(True)
    driver.enter()
    banner = driver.wait_banner(page)
    assert "not reset" in banner and "audit trail" in banner
    assert driver.wizard.currentId() == PageId.LOST_AUTHENTICATOR
    assert driver.emulator.emu.totp_secret(user.username) is not None  # nothing was sent
    assert page.reason.text() == "Phone lost, ticket HD-2"  # nothing typed is lost
    assert page.identity_check.isChecked()
    assert victim.read_text() == "precious\n"
    window = driver.wizard.window()
    status = window.findChild(QLabel, "auditStatusLabel")
    driver.qtbot.waitUntil(status.isVisible)
    assert "audit trail could not be written" in status.full_text and "link" in status.full_text
    assert str(audit_file) in status.toolTip()
    # IT removes the planted link: the same Enter resets, and the window says no more.
    audit_file.unlink()
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    assert driver.emulator.emu.totp_secret(user.username) is None
    driver.qtbot.waitUntil(lambda: not status.isVisible())
    records = [json.loads(line) for line in audit_file.read_text(encoding="utf-8").splitlines()]
    resets = [(r["outcome"], r["schema"]) for r in records if r.get("event") == "authenticator_reset"]
    assert resets[-2:] == [("requested", 2), ("success", 2)]


def test_the_reset_is_on_record_before_the_delete_is_sent(wizard_app):
    driver = wizard_app.factory(mode="admin")
    _user, page = to_lost_page(driver)
    seen = []
    path = driver.controller.audit.path
    before = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
    emu = driver.emulator.emu
    original = emu._auth.admin_delete_software_token

    def spy(*args, **kwargs):
        lines = path.read_text(encoding="utf-8").splitlines()[before:]
        seen.append([json.loads(line).get("outcome") for line in lines if "authenticator_reset" in line])
        return original(*args, **kwargs)

    emu._auth.admin_delete_software_token = spy
    try:
        driver.type("Phone lost")
        page.identity_check.setChecked(True)
        driver.enter()
        driver.wait_page(PageId.SMS_CODE)
    finally:
        emu._auth.admin_delete_software_token = original
    assert seen == [["requested"]]


def test_a_warning_goes_once_the_missing_answer_is_given(wizard_app):
    """ "Confirm that you verified..." stayed after the box was ticked (issue 20 #18)."""
    driver = wizard_app.factory(mode="admin")
    user, page = to_lost_page(driver)
    driver.qtbot.waitUntil(lambda: driver.focus() is page.reason)
    driver.enter()
    assert "reason" in driver.wait_banner(page)
    driver.type("P")  # the first letter answers it
    assert page.banner.isHidden()
    driver.type("hone lost, ticket HD-2")
    driver.enter()
    assert "identity" in driver.wait_banner(page)
    page.identity_check.setFocus()
    QTest.keyClick(page.identity_check, Qt.Key.Key_Space)
    assert page.identity_check.isChecked()
    assert page.banner.isHidden() and page.banner.text == ""
    assert driver.emulator.emu.totp_secret(user.username) is not None  # ticking alone resets nothing
