"""Every kind of account the wizard meets, and Back that never reuses a session."""

from __future__ import annotations

from gui_driver import pool_requires_mfa_without_totp
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.ui.wizard.pages import PageId
from cogtotp_gui.ui.wizard.wizard import BACK_BUTTON


def test_temporary_password_asks_for_a_new_one(wizard_app):
    driver = wizard_app
    user = driver.sign_in("temp_password")
    driver.wait_page(PageId.NEW_PASSWORD)
    page = driver.wizard.new_password_page
    assert driver.focus() is page.new_password

    # Two different passwords: the repeat is cleared and focused, no call.
    driver.type(SUGGESTED_NEW_PASSWORD)
    driver.tab()
    assert driver.focus() is page.repeat
    driver.type(SUGGESTED_NEW_PASSWORD + "x")
    driver.enter()
    assert "not the same" in page.banner.text
    assert page.repeat.text() == "" and page.new_password.text() == SUGGESTED_NEW_PASSWORD
    assert driver.focus() is page.repeat

    # A password the pool refuses: both cleared, the first focused.
    page.new_password.setText("short")
    page.repeat.setText("short")
    driver.enter()
    driver.wait_idle()
    assert "password rules" in driver.wait_banner()
    assert page.new_password.text() == "" and page.repeat.text() == ""
    assert driver.focus() is page.new_password

    driver.type(SUGGESTED_NEW_PASSWORD)
    driver.tab()
    driver.type(SUGGESTED_NEW_PASSWORD)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)


def test_already_totp_user_can_stop(wizard_app):
    driver = wizard_app
    driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    assert "already signs in" in page.explanation.text()
    # Nothing to type: the safe choice (Next user) has focus and is what Enter does.
    assert driver.focus() is driver.next_button
    assert driver.next_button.text().replace("&", "") == "Next user"  # one name for one action (issue 15)
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == ""
    assert driver.controller.flow.step is Step.SIGN_IN


def test_already_totp_user_can_re_enroll_explicitly(wizard_app):
    driver = wizard_app
    user = driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    assert not page.code.isVisible()
    page.reenroll_button.click()
    assert page.code.isVisible() and driver.focus() is page.code
    assert "Continue" in driver.next_button.text().replace("&", "")

    old_secret = user.totp_secret
    wrong = "000000" if driver.totp_now(old_secret) != "000000" else "111111"
    driver.type(wrong)
    driver.enter()
    driver.wait_idle()
    driver.wait_banner()
    assert page.code.text() == "" and driver.focus() is page.code

    driver.emu.advance(30)  # a fresh time step: each code is accepted once
    driver.type(driver.totp_now(old_secret))
    driver.enter()
    driver.wait_page(PageId.SECRET)
    new_secret = driver.pending_secret(user.username)
    assert new_secret != old_secret
    with driver.qtbot.waitSignal(driver.controller.enrollment_verified, timeout=10_000) as verified:
        driver.confirm_totp(user.username)
    assert verified.args[0].reenrolled
    assert "previous authenticator device no longer works" in driver.wizard.done_page.summary.text()
    assert driver.emu.totp_secret(user.username) == new_secret


def test_user_without_mfa_goes_straight_to_the_qr_code(wizard_app):
    driver = wizard_app
    user = driver.sign_in("no_mfa")
    driver.wait_page(PageId.SECRET)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)


def test_sms_and_totp_without_preference_goes_through_sms(wizard_app):
    driver = wizard_app
    user = driver.sign_in("both_mfa")
    driver.wait_page(PageId.SMS_CODE)
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)


def test_email_mfa_user_types_the_mailed_code_and_enrolls(wizard_app):
    driver = wizard_app
    user = driver.sign_in("email_otp")
    driver.wait_page(PageId.SMS_CODE)
    page = driver.wizard.sms_code_page
    assert page.title() == "Type the code from the email"
    assert "by email to h***@e***" in page.destination.text()
    assert page.code.accessibleName() == "Code from the email"
    driver.submit_sms(user.username, code=driver.emulator.emu.last_email_code(user.username))
    driver.wait_page(PageId.SECRET)


def test_pool_without_totp_is_explained_and_offers_the_next_user(wizard_app):
    driver = wizard_app
    pool_requires_mfa_without_totp(driver.emulator)
    driver.sign_in("no_mfa")
    driver.wait_page(PageId.UNSUPPORTED)
    assert "does not allow authenticator apps" in driver.wizard.unsupported_page.explanation.text()
    assert driver.focus() is driver.next_button
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == ""


def test_back_from_sms_restarts_sign_in_and_keeps_what_was_typed(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    first_session_code = driver.sms_code(user.username)
    back = driver.button(BACK_BUTTON)
    assert back.isVisible()
    QTest.keyClick(driver.focus(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # "< &Back"
    driver.wait_page(PageId.CREDENTIALS)
    page = driver.wizard.credentials_page
    assert page.username.text() == user.username and page.password.text() == user.password
    assert driver.controller.flow.step is Step.SIGN_IN
    assert driver.focus() is page.password

    # Next signs in afresh: a new session and a new code; the old one is dead.
    sent = len(driver.emu.outbox)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    assert len(driver.emu.outbox) == sent + 1
    assert driver.wizard.sms_code_page.code.text() == ""
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    del first_session_code


def test_no_back_once_signed_in_except_confirmation_to_qr(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    assert not driver.button(BACK_BUTTON).isVisible()
    secret = driver.wizard.secret_page.secret.text()
    driver.enter()
    driver.wait_page(PageId.CONFIRM)
    # The secret is shown on the QR page only.
    assert driver.wizard.secret_page.secret.text() == ""
    assert driver.button(BACK_BUTTON).isVisible()
    driver.button(BACK_BUTTON).click()
    driver.wait_page(PageId.SECRET)
    assert driver.wizard.secret_page.secret.text() == secret


def test_new_qr_code_asks_first_and_replaces_the_secret(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    page = driver.wizard.secret_page
    first = driver.pending_secret(user.username)

    # Cancel (the default) keeps the secret.
    page.new_qr_button.click()
    box = driver.message_box("newSecretConfirmBox")
    assert "stops working" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Escape)
    driver.qtbot.waitUntil(lambda: not box.isVisible())
    assert driver.pending_secret(user.username) == first

    page.new_qr_button.click()
    box = driver.message_box("newSecretConfirmBox")
    with driver.qtbot.waitSignal(driver.controller.secret_ready, timeout=10_000):
        next(b for b in box.buttons() if b.objectName() == "confirmNewSecretButton").click()
    second = driver.pending_secret(user.username)
    assert second != first
    assert page.secret.text().replace(" ", "").replace("\n", "") == second
    assert "previous one no longer works" in page.banner.text
    # The old scan is useless; the new one works.
    driver.confirm_totp(user.username, code=driver.totp_now(second))
    driver.wait_page(PageId.DONE)


def test_an_email_mfa_user_is_told_about_email_codes_when_done(wizard_app):
    """The done page names the factor the user had: e-mailed codes, not text messages."""
    driver = wizard_app
    user = driver.sign_in("email_otp")
    driver.submit_sms(user.username, driver.emu.last_email_code(user.username))
    driver.wait_page(PageId.SECRET)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    summary = driver.wizard.done_page.summary.text()
    assert "Email codes are switched off" in summary
    assert "Text-message" not in summary
