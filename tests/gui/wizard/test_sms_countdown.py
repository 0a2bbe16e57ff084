"""The SMS page's countdown stays visible and right through "Send a new code".

The page's one-second timer read the live flow, and a resend (on a worker)
starts the flow's session over: the countdown went blank until the new code
was on its way. Pages now read the controller's snapshot of the last answer.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest

from cogtotp_gui.enrollment.gateway import AuthStep, CognitoGateway
from cogtotp_gui.ui.wizard.pages import PageId


class HoldsTheResend(CognitoGateway):
    """Sign-in goes through; the second one (the resend) waits inside the
    call until the test lets it go, so the test sees the page meanwhile."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, connect_timeout=1, read_timeout=3, max_attempts=1, **kwargs)
        self.sign_ins = 0
        self.entered = threading.Event()
        self.release = threading.Event()

    def initiate_auth(self, username: str, password: str) -> AuthStep:
        self.sign_ins += 1
        if self.sign_ins >= 2:
            self.entered.set()
            self.release.wait(10)
        return super().initiate_auth(username, password)


@pytest.fixture
def held(wizard_app):
    gateways: list[HoldsTheResend] = []

    def factory(settings: Any, aws_profile: Any) -> Any:
        gateway = HoldsTheResend(settings, aws_profile=aws_profile)
        gateways.append(gateway)
        return gateway

    driver = wizard_app.factory(gateway_factory=factory)
    yield driver, gateways[-1]
    for gateway in gateways:
        gateway.release.set()


def seconds_shown(text: str) -> int:
    found = re.search(r"(\d+):(\d\d)", text)
    assert found, f"no countdown in {text!r}"
    return int(found.group(1)) * 60 + int(found.group(2))


def test_the_countdown_counts_on_while_a_new_code_is_requested(held):
    driver, gateway = held
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    page = driver.wizard.sms_code_page
    before = seconds_shown(page.countdown.text())
    assert 0 < before <= driver.controller.session_ttl

    page.resend_button.click()
    driver.qtbot.waitUntil(gateway.entered.is_set)  # the resend is inside Cognito now
    assert driver.controller.busy
    page._on_timer_timeout()  # the page's one-second tick, while the resend runs
    during = seconds_shown(page.countdown.text())  # blank before the fix
    assert during <= before  # the old code's time, counting on

    with driver.qtbot.waitSignal(driver.controller.sms_code_resent, timeout=10_000):
        gateway.release.set()
    after = seconds_shown(page.countdown.text())
    assert after >= during  # the new code's session started later
    page._on_timer_timeout()
    assert seconds_shown(page.countdown.text()) <= after
