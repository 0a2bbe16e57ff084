"""The rehearsal page after a lost reply to its code (issue 19 #10): back to
the password, said plainly, no Retry (it would send the used session)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from gui_driver import TIMEOUT_MS, go_to_secret_page

from cogtotp_gui.ui.wizard.pages import PageId
from tests.support.faulty_proxy import FaultyProxy


@pytest.fixture
def proxy(emulator):
    p = FaultyProxy(urlsplit(emulator.endpoint_url).port)
    yield p
    p.close()


def test_a_lost_reply_to_the_rehearsal_code_goes_back_to_the_password(wizard_app, proxy):
    driver = wizard_app.factory(endpoint_url=proxy.endpoint_url)
    user = go_to_secret_page(driver)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    page = driver.wizard.rehearsal_page
    page.clock = driver.emu.now
    driver.wizard.show_rehearsal()
    driver.wait_page(PageId.REHEARSAL)
    page.password.setFocus()
    driver.type(user.password)
    driver.enter()
    driver.qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy, timeout=TIMEOUT_MS)
    driver.emu.advance(page.rehearsal.seconds_until_fresh_code())
    driver.qtbot.waitUntil(page.code.isEnabled, timeout=TIMEOUT_MS)
    sent = proxy.seen["RespondToAuthChallenge"]
    proxy.drop_reply_of("RespondToAuthChallenge")
    page.code.setFocus()
    driver.type(driver.totp_now(driver.emu.totp_secret(user.username)))
    driver.enter()
    said = driver.wait_banner(page)
    assert "cannot be used again" in said and "password again" in said
    assert not page.banner.action_button.isVisible()  # no Retry
    assert page.password.isVisible() and not page.code.isVisible()
    driver.qtbot.waitUntil(lambda: driver.focus() is page.password, timeout=TIMEOUT_MS)
    assert proxy.seen["RespondToAuthChallenge"] == sent + 1
    # Signed in again, the next code comes from a later window than the lost one's.
    driver.type(user.password)
    driver.enter()
    driver.qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy, timeout=TIMEOUT_MS)
    assert page.rehearsal.seconds_until_fresh_code() > 0 and not page.code.isEnabled()
