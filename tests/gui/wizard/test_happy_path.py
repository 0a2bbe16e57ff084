"""The whole enrollment, in both sign-in modes, as an operator drives it."""

from __future__ import annotations

import pytest

from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.ui.wizard.pages import PageId


@pytest.mark.parametrize("mode", ["user", "admin"])
def test_sms_user_moves_to_totp(qtbot, emulator, wizard_app, mode):
    driver = wizard_app if mode == "user" else wizard_app.factory(mode=mode)
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    assert "1234" in driver.wizard.sms_code_page.destination.text()

    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    secret = driver.pending_secret(user.username)
    page = driver.wizard.secret_page
    assert page.secret.text().replace(" ", "").replace("\n", "") == secret
    assert page.account.text() == user.username
    assert page.issuer.text() == "ACME Helpdesk"

    with qtbot.waitSignal(driver.controller.enrollment_verified, timeout=10_000) as verified:
        driver.confirm_totp(user.username, device="Work phone")
    driver.wait_page(PageId.DONE)
    outcome = verified.args[0]
    assert outcome.totp_preferred and not outcome.sms_enabled
    assert emulator.emu.totp_secret(user.username) == secret
    assert user.username in driver.wizard.done_page.headline.text()
    # The secret is on no widget any more.
    assert page.secret.text() == "" and page.qr.module_count == 0

    # Next user wipes everything and starts over, keyboard only.
    assert driver.focus() is driver.next_button
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == ""
    assert driver.wizard.confirm_page.device_name.text() == ""
    assert driver.controller.flow.step is Step.SIGN_IN
    assert driver.focus() is driver.wizard.credentials_page.username
