"""What goes wrong stays on its page, in plain words, and loses nothing typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cogtotp_gui.enrollment.errors import ErrorKind
from cogtotp_gui.ui.common import worker
from cogtotp_gui.ui.wizard.pages import PageId


def test_wrong_password_clears_only_the_password(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms", password="not-the-password-1A!")
    page = driver.wizard.credentials_page
    assert driver.page_id == PageId.CREDENTIALS
    assert "username or password is not correct" in driver.wait_banner()
    assert page.username.text() == user.username
    assert page.password.text() == ""
    assert driver.focus() is page.password
    # No retry for a wrong password: it would fail the same way.
    assert not page.banner.action_button.isVisible()

    # Typing the right one goes on, and the banner goes away.
    driver.type(user.password)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    assert not page.banner.isVisible()


def test_typo_is_shown_without_starting_a_worker(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    page = driver.wizard.sms_code_page
    started = []
    driver.controller.busy_changed.connect(started.append)
    QTest.keyClicks(page.code, "12 3")
    page.code.setFocus()
    driver.enter()
    # Synchronous: no event loop turn, no worker, no busy state.
    assert started == [] and worker.running_workers() == 0
    assert "6-digit code" in page.banner.text
    assert page.code.text() == "12 3"  # kept, selected, to be corrected
    assert driver.focus() is page.code
    assert driver.emu.last_sms_code(user.username)  # the code is still valid


def test_wrong_sms_code_then_right_one(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    right = driver.sms_code(user.username)
    wrong = "000000" if right != "000000" else "111111"
    driver.submit_sms(user.username, wrong)
    page = driver.wizard.sms_code_page
    assert driver.page_id == PageId.SMS_CODE
    assert "code is not correct" in driver.wait_banner()
    assert "Wrong codes so far: 1" in page.banner.hint
    assert page.code.text() == ""
    assert driver.focus() is page.code

    # Full-width digits with a space, as typed on a Japanese keyboard.
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in right)
    driver.submit_sms(user.username, full_width[:3] + " " + full_width[3:])
    driver.wait_page(PageId.SECRET)


def test_expired_session_recovers_with_a_new_code_without_retyping(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    first = driver.sms_code(user.username)
    driver.emu.advance(200)  # past Cognito's 3 minutes
    driver.submit_sms(user.username, first)
    page = driver.wizard.sms_code_page
    assert "expired" in driver.wait_banner()
    assert driver.controller.flow.session_expired
    assert "expired" in page.countdown.text()
    action = page.banner.action_button
    assert action.isVisible() and action.text() == "Send a new code"

    sent_before = len(driver.emu.outbox)
    action.click()
    driver.wait_idle()
    assert len(driver.emu.outbox) == sent_before + 1
    assert "new code was sent" in page.banner.text
    assert driver.focus() is page.code
    new_code = driver.emu.outbox[-1].code
    assert new_code and driver.emu.outbox[-1].username == user.username
    driver.submit_sms(user.username, new_code)
    driver.wait_page(PageId.SECRET)


def test_resend_button_sends_a_new_code(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    page = driver.wizard.sms_code_page
    assert (
        "Time left for this code: 3:00" in page.countdown.text()
        or "Time left for this code: 2:5" in page.countdown.text()
    )
    with driver.qtbot.waitSignal(driver.controller.sms_code_resent, timeout=10_000):
        QTest.keyClick(page.code, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "Send a &new code"
    assert len([m for m in driver.emu.outbox if m.username == user.username]) == 2
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)


def test_wrong_totp_then_right_keeps_device_name(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    secret = driver.pending_secret(user.username)
    right = driver.totp_now(secret)
    wrong = "123456" if right != "123456" else "654321"
    driver.confirm_totp(user.username, code=wrong, device="Work phone")
    page = driver.wizard.confirm_page
    assert driver.page_id == PageId.CONFIRM
    driver.wait_banner()
    assert "clock" in page.banner.hint
    assert page.code.text() == ""
    assert page.device_name.text() == "Work phone"
    assert driver.focus() is page.code

    driver.type(right)
    driver.enter()
    driver.wait_page(PageId.DONE)
    assert driver.emu.totp_secret(user.username) == secret


def test_service_error_offers_retry_that_reruns_the_step(wizard_app):
    driver = wizard_app
    driver.emu.fail_next("InitiateAuth", "InternalErrorException", "Internal error", status=500)
    user = driver.sign_in("sms")
    page = driver.wizard.credentials_page
    assert driver.page_id == PageId.CREDENTIALS
    assert "temporary problem" in driver.wait_banner()
    assert page.username.text() == user.username
    assert page.password.text() == user.password  # nothing typed is lost
    retry = page.banner.action_button
    assert retry.isVisible() and "Retry" in retry.text().replace("&", "")
    page.banner.details_toggle.click()
    assert "InternalErrorException" in page.banner.details

    retry.click()
    driver.wait_page(PageId.SMS_CODE)


def test_network_down_then_retry(wizard_app, emulator):
    # A closed port: the connection is refused at once.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    driver = wizard_app.factory(endpoint_url=f"http://127.0.0.1:{closed_port}")
    user = driver.sign_in("sms")
    page = driver.wizard.credentials_page
    assert "could not be reached" in driver.wait_banner()
    assert driver.controller.can_retry
    # Retry against the same dead endpoint fails the same way, nothing lost.
    page.banner.action_button.click()
    driver.wait_idle()
    assert "could not be reached" in driver.wait_banner()
    assert page.username.text() == user.username and page.password.text() == user.password
    error_kinds = []
    driver.controller.failed.connect(lambda error: error_kinds.append(error.kind))
    page.banner.action_button.click()
    driver.wait_idle()
    assert error_kinds == [ErrorKind.NETWORK]


def test_bad_client_secret_points_at_the_connection_settings(wizard_app):
    driver = wizard_app.factory(client_secret="d3Jvbmctc2VjcmV0")
    driver.sign_in("sms")
    page = driver.wizard.credentials_page
    assert "connection settings" in driver.wait_banner()
    action = page.banner.action_button
    assert "connection settings" in action.text().replace("&", "")
    action.click()
    driver.wait_page(PageId.CONNECTION)
    connection = driver.wizard.connection_page
    assert connection.user_pool_id.text() == driver.settings.user_pool_id
    # Fix the secret, connect, and sign in with what was typed before.
    connection.client_secret.setText(driver.emulator.seed.client_secret)
    connection.client_secret.setFocus()
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    credentials = driver.wizard.credentials_page
    assert credentials.password.text()  # kept across the detour
    assert driver.focus() is credentials.password
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)


def test_a_pasted_secret_is_trimmed_and_said_on_the_connection_page(wizard_app):
    """Issue 14: pasted secrets bring spaces or a line break along; the page
    trims them on Connect, says so, and connects (a space inside stays refused)."""
    driver = wizard_app.factory(client_secret="d3Jvbmctc2VjcmV0")
    driver.sign_in("sms")
    driver.wait_banner()
    driver.wizard.credentials_page.banner.action_button.click()
    driver.wait_page(PageId.CONNECTION)
    connection = driver.wizard.connection_page
    secret = driver.emulator.seed.client_secret

    connection.client_secret.setText(secret[:5] + " " + secret[5:])  # typed wrong: refused, kept
    connection.client_secret.setFocus()
    driver.enter()
    assert driver.page_id == PageId.CONNECTION
    assert connection.error_labels["client_secret"].text()
    assert connection.client_secret.text() == secret[:5] + " " + secret[5:]

    connection.client_secret.setText(f"  {secret}\t")
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.controller.settings.client_secret == secret
    assert "were removed" in connection.banner.text
