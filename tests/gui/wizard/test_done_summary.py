"""The Done page says what changed for this user only (issue 20 #11): a user
who never had MFA does not read that text-message codes are switched off."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cogtotp_gui.ui.wizard.pages import PageId


def summary_after_enrolling(driver, user) -> str:
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    return driver.wizard.done_page.summary.text()


def test_a_user_without_mfa_is_told_the_app_is_their_first_second_step(wizard_app):
    driver = wizard_app
    user = driver.sign_in("no_mfa")  # erin.nomfa: straight to the QR code
    summary = summary_after_enrolling(driver, user)
    assert "Text-message" not in summary and "Email" not in summary
    assert "no second sign-in step" in summary


def test_an_sms_user_is_told_text_messages_are_switched_off(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    summary = summary_after_enrolling(driver, user)
    assert "Text-message codes are switched off" in summary
    assert "no second sign-in step" not in summary


def test_a_reenrolled_user_hears_about_the_old_device_only(wizard_app):
    driver = wizard_app
    user = driver.sign_in("totp")  # dave.totp: an authenticator, no text messages
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    driver.qtbot.waitUntil(lambda: driver.focus() is page.code)
    driver.type(driver.totp_now(user.totp_secret))
    driver.enter()
    driver.wait_page(PageId.SECRET)
    summary = summary_after_enrolling(driver, user)
    assert "previous authenticator device no longer works" in summary
    assert "Text-message" not in summary and "no second sign-in step" not in summary
