"""Admin mode counts the SMS code down to the app client's own session
validity, which it asks Cognito for; user mode keeps the setting."""

from __future__ import annotations

import pytest
from gui_driver import make_driver

from cogtotp_gui.emulator import add_app_client
from cogtotp_gui.ui.wizard.pages import PageId

TIMEOUT_MS = 10_000


def ten_minute_client(emulator) -> dict:
    return add_app_client(emulator.client, emulator.seed.pool_id, "ten-minutes", AuthSessionValidity=10)


@pytest.mark.parametrize(
    ("mode", "ttl", "shown"),
    [("admin", 600.0, "Time left for this code: 10:00"), ("user", 180.0, "Time left for this code: 3:00")],
)
def test_the_countdown_follows_the_clients_validity(qtbot, emulator, mode, ttl, shown):
    client = ten_minute_client(emulator)
    driver = make_driver(qtbot, emulator, mode=mode, client_id=client["ClientId"], client_secret=client["ClientSecret"])
    try:
        qtbot.waitUntil(lambda: driver.controller.session_ttl == ttl and not driver.controller.busy, timeout=TIMEOUT_MS)
        driver.sign_in("sms")
        driver.wait_page(PageId.SMS_CODE)
        assert driver.controller.flow.session_ttl == ttl
        assert driver.wizard.sms_code_page.countdown.text().startswith(shown[:-2])  # 10:00 or 9:59 by now
    finally:
        driver.close()
