"""Faults between the wizard and Cognito, driven through the real window.

Each test breaks the path to the strict emulator at one step (connection
refused, DNS, a server that never answers, HTTP 500/503, throttling, an
expired session, the server restarted, the app closed mid-call) and checks
what the operator gets:

* the page says what happened in plain words (the banner's sentence);
* the operator can retry (the banner's button) or is led back to the right
  step, and the enrollment then completes;
* nothing typed is lost: every field keeps its text except the one that was
  wrong;
* no worker is left running (``no_worker_left_behind`` in conftest, plus an
  explicit wait where a call is abandoned);
* the audit trail records the fault: ``outcome`` "failed" with the right
  ``error_kind`` and ``error_code``, then how the attempt ended.
"""

from __future__ import annotations

import json
import socket
import threading
from urllib.parse import urlsplit

import pytest
from gui_driver import make_driver

from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
from cogtotp_gui.enrollment.gateway import AuthStep, CognitoGateway
from cogtotp_gui.ui.common import worker
from cogtotp_gui.ui.wizard.pages import PageId
from tests.support.faulty_proxy import BLACKHOLE, FORWARD, HTTP_503, REFUSE, FaultyProxy

NETWORK = "Cognito could not be reached"
TIMEOUT = "Cognito did not answer in time"
SERVICE = "Cognito reported a temporary problem"
THROTTLED = "Cognito is receiving too many requests right now. Wait a minute"
EXPIRED = "This sign-in has expired"


# -- fixtures -------------------------------------------------------------------


@pytest.fixture
def audit_dir(tmp_path, monkeypatch):
    """Each test's own audit file (the controller reads the variable when built)."""
    folder = tmp_path / "audit"
    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(folder))
    return folder


def audit_records(folder):
    path = folder / "audit.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary(record):
    return record["outcome"], record["step"], record["error_kind"], record["error_code"]


# A refused connection, or a kept-alive one the dying server dropped: the
# client sees whichever happens first; both are the same fault to a person.
DOWN = {"EndpointConnectionError", "ConnectionClosedError"}


@pytest.fixture
def open_app(qtbot, emulator, audit_dir):
    """Builds main windows against the emulator (after the audit folder is
    set) and closes every one of them, even when the test fails half-way."""
    drivers = []

    def factory(**kwargs):
        driver = make_driver(qtbot, emulator, **kwargs)
        drivers.append(driver)
        return driver

    yield factory
    for driver in drivers:
        driver.close()


@pytest.fixture
def proxy(emulator):
    p = FaultyProxy(urlsplit(emulator.endpoint_url).port)
    yield p
    p.close()


def quick_gateway(settings, aws_profile):
    """Gives up after one second of silence, without retrying."""
    return CognitoGateway(settings, aws_profile=aws_profile, connect_timeout=1, read_timeout=1, max_attempts=1)


class CountingGateway(CognitoGateway):
    """Counts sign-in calls that reach the network layer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, connect_timeout=1, read_timeout=3, max_attempts=1, **kwargs)
        self.sign_ins = 0

    def initiate_auth(self, username: str, password: str) -> AuthStep:
        self.sign_ins += 1
        return super().initiate_auth(username, password)


def retry_button(page):
    button = page.banner.action_button
    assert button.isVisible(), "the banner offers no action"
    assert button.text().replace("&", "") == "Retry"
    return button


# -- the tests ---------------------------------------------------------------------


def test_connection_refused_at_the_sms_step(open_app, proxy, audit_dir):
    driver = open_app(endpoint_url=proxy.endpoint_url)
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    code = driver.sms_code(user.username)

    proxy.set_mode(REFUSE)
    driver.submit_sms(user.username, code)
    page = driver.wizard.sms_code_page
    assert NETWORK in driver.wait_banner()
    assert driver.page_id == PageId.SMS_CODE
    assert page.code.text() == code  # the code was right: kept
    assert driver.controller.flow.sms_attempts == 0  # not counted as a wrong code

    proxy.set_mode(FORWARD)
    retry_button(page).click()
    driver.wait_page(PageId.SECRET)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)

    fault, done = audit_records(audit_dir)
    assert summary(fault)[:3] == ("failed", "sms_code", "network") and fault["error_code"] in DOWN
    assert (done["outcome"], done["attempt"]) == ("success", fault["attempt"])


def test_dns_failure_at_sign_in_then_dns_comes_back(open_app, emulator, audit_dir, monkeypatch):
    """A host name that does not resolve (no real DNS traffic: getaddrinfo
    is replaced for this one name), then resolves once "DNS is back".
    The name is "localhost": plain http is allowed for loopback only."""
    host = "localhost"
    port = urlsplit(emulator.endpoint_url).port
    real_getaddrinfo = socket.getaddrinfo
    dns = {"up": False, "asked": 0}

    def getaddrinfo(name, *args, **kwargs):
        if name == host:
            dns["asked"] += 1
            if not dns["up"]:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return real_getaddrinfo("127.0.0.1", *args, **kwargs)
        return real_getaddrinfo(name, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    driver = open_app(endpoint_url=f"http://{host}:{port}")
    user = driver.sign_in("sms")
    page = driver.wizard.credentials_page
    assert NETWORK in driver.wait_banner()
    assert dns["asked"] >= 1  # the failure really came from name resolution
    assert driver.page_id == PageId.CREDENTIALS
    assert (page.username.text(), page.password.text()) == (user.username, user.password)
    assert not driver.emu.outbox  # nothing reached Cognito

    dns["up"] = True
    retry_button(page).click()
    driver.wait_page(PageId.SMS_CODE)
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)

    (fault,) = audit_records(audit_dir)  # still in progress: no outcome yet
    assert summary(fault) == ("failed", "sign_in", "network", "EndpointConnectionError")


def test_read_timeout_on_the_new_password_page(open_app, proxy, audit_dir):
    """The server accepts the connection and never answers: after the read
    timeout (1 s here) Cognito may have set the new password already, so
    the used session is never sent again (issue 16): the page says the new
    password may be set and offers to sign in again, both passwords kept."""
    driver = open_app(endpoint_url=proxy.endpoint_url, gateway_factory=quick_gateway)
    user = driver.sign_in("temp_password")
    driver.wait_page(PageId.NEW_PASSWORD)
    page = driver.wizard.new_password_page
    driver.type(SUGGESTED_NEW_PASSWORD, page.new_password)
    driver.type(SUGGESTED_NEW_PASSWORD, page.repeat)

    proxy.set_mode(BLACKHOLE)
    page.repeat.setFocus()
    driver.enter()
    assert driver.controller.busy
    driver.wait_idle()
    assert "the new password may already be set" in driver.wait_banner()
    assert driver.page_id == PageId.NEW_PASSWORD
    assert page.new_password.text() == page.repeat.text() == SUGGESTED_NEW_PASSWORD
    assert page.banner.action_button.text().replace("&", "") == "Sign in again"

    # Here Cognito never saw the request: the temporary password still works.
    proxy.set_mode(FORWARD)
    page.banner.action_button.click()
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.password.text() == user.password
    driver.wizard.credentials_page.password.setFocus()
    driver.enter()
    driver.wait_page(PageId.NEW_PASSWORD)
    driver.type(SUGGESTED_NEW_PASSWORD, page.new_password)
    driver.type(SUGGESTED_NEW_PASSWORD, page.repeat)
    page.repeat.setFocus()
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)

    (fault,) = audit_records(audit_dir)
    assert summary(fault) == ("failed", "new_password", "session_expired", "ReadTimeoutError")


@pytest.mark.parametrize("operation", ["RespondToAuthChallenge", "AssociateSoftwareToken"])
def test_http_500_at_the_sms_step(open_app, audit_dir, operation):
    """A 500 on the challenge itself, or on the secret right after Cognito
    accepted the code (the session is used up then: Retry must go on from
    the tokens it holds, not send the spent session again)."""
    driver = open_app()
    user = driver.sign_in("sms")
    code = driver.sms_code(user.username)
    driver.emu.fail_next(operation, "InternalErrorException", "Internal error", status=500)
    driver.submit_sms(user.username, code)
    page = driver.wizard.sms_code_page
    assert SERVICE in driver.wait_banner()
    assert driver.page_id == PageId.SMS_CODE
    assert page.code.text() == code
    page.banner.details_toggle.click()
    assert "InternalErrorException" in page.banner.details

    retry_button(page).click()
    driver.wait_page(PageId.SECRET)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)

    fault, done = audit_records(audit_dir)
    assert summary(fault) == ("failed", "sms_code", "service", "InternalErrorException")
    assert done["outcome"] == "success"


def test_http_503_from_a_load_balancer_at_verification(open_app, proxy, audit_dir):
    """Not Cognito's own error format: an HTML 503 page, as a proxy or load
    balancer in front of the endpoint sends it."""
    driver = open_app(endpoint_url=proxy.endpoint_url)
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    code = driver.totp_now(driver.pending_secret(user.username))

    proxy.set_mode(HTTP_503)
    driver.confirm_totp(user.username, code=code, device="Work phone")
    page = driver.wizard.confirm_page
    assert SERVICE in driver.wait_banner()
    assert driver.page_id == PageId.CONFIRM
    assert (page.code.text(), page.device_name.text()) == (code, "Work phone")

    proxy.set_mode(FORWARD)
    retry_button(page).click()
    driver.wait_page(PageId.DONE)

    fault, done = audit_records(audit_dir)
    # The step is "secret": the flow is there until the code is verified.
    assert summary(fault) == ("failed", "secret", "service", "503")
    assert done["outcome"] == "success"


def test_throttled_sign_in_is_not_retried_behind_the_operators_back(open_app, audit_dir):
    gateways = []

    def factory(settings, aws_profile):
        gateways.append(CountingGateway(settings, aws_profile=aws_profile))
        return gateways[-1]

    driver = open_app(gateway_factory=factory)
    driver.emu.fail_next("InitiateAuth", "TooManyRequestsException", "Too many requests")
    user = driver.sign_in("sms")
    page = driver.wizard.credentials_page
    assert THROTTLED in driver.wait_banner()
    assert (page.username.text(), page.password.text()) == (user.username, user.password)
    # One call, then nothing running and nothing queued: the app waits for
    # the operator instead of hammering the service.
    assert gateways[-1].sign_ins == 1
    assert not driver.controller.busy and worker.running_workers() == 0

    retry_button(page).click()
    driver.wait_page(PageId.SMS_CODE)
    assert gateways[-1].sign_ins == 2

    (fault,) = audit_records(audit_dir)
    assert summary(fault) == ("failed", "sign_in", "throttled", "TooManyRequestsException")


def test_session_expires_while_the_sms_page_is_open(open_app, audit_dir):
    driver = open_app()
    user = driver.sign_in("sms")
    first = driver.sms_code(user.username)
    driver.emu.advance(181)  # Cognito's 3 minutes, on the emulator's clock
    driver.submit_sms(user.username, first)
    page = driver.wizard.sms_code_page
    assert EXPIRED in driver.wait_banner()
    assert page.code.text() == ""  # the one field that no longer makes sense
    action = page.banner.action_button
    assert action.isVisible() and action.text() == "Send a new code"

    action.click()  # signs in again with what was typed on page 1
    driver.wait_idle()
    second = driver.sms_code(user.username)
    assert second and driver.emu.outbox[-1].username == user.username
    driver.submit_sms(user.username, second)
    driver.wait_page(PageId.SECRET)
    credentials = driver.wizard.credentials_page
    assert credentials.username.text() == user.username

    (fault,) = audit_records(audit_dir)
    assert fault["outcome"] == "failed" and fault["step"] == "sms_code"
    assert fault["error_kind"] == "session_expired"


def test_session_expires_while_the_new_password_is_typed(open_app, audit_dir):
    """The temporary-password session lapses between page 1 and the new
    password: the page says so and leads back to sign-in, where username
    and (temporary) password are still there."""
    driver = open_app()
    user = driver.sign_in("temp_password")
    driver.wait_page(PageId.NEW_PASSWORD)
    page = driver.wizard.new_password_page
    driver.type(SUGGESTED_NEW_PASSWORD, page.new_password)
    driver.type(SUGGESTED_NEW_PASSWORD, page.repeat)
    driver.emu.advance(181)
    page.repeat.setFocus()
    driver.enter()
    driver.wait_idle()
    assert EXPIRED in driver.wait_banner()
    assert page.new_password.text() == page.repeat.text() == SUGGESTED_NEW_PASSWORD
    action = page.banner.action_button
    assert action.isVisible() and action.text() == "Sign in again"

    action.click()
    driver.wait_page(PageId.CREDENTIALS)
    credentials = driver.wizard.credentials_page
    assert (credentials.username.text(), credentials.password.text()) == (user.username, user.password)
    assert driver.focus() is credentials.password
    driver.enter()
    driver.wait_page(PageId.NEW_PASSWORD)
    driver.type(SUGGESTED_NEW_PASSWORD, page.new_password)
    driver.type(SUGGESTED_NEW_PASSWORD, page.repeat)
    page.repeat.setFocus()
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)

    records = audit_records(audit_dir)
    assert summary(records[0])[:3] == ("failed", "new_password", "session_expired")
    # "Sign in again" with the same user is the same attempt, not a new one.
    assert len(records) == 1


@pytest.fixture
def restartable_server(emulator_server):
    """The shared emulator server, stopped and started again by the test on
    the same port (the emulator fixture and its admin client keep using
    that address); whatever happens, it is serving again afterwards."""
    port = urlsplit(emulator_server.endpoint_url).port

    def restart():
        # EmulatorServer binds the port given at construction (0: any); a
        # restarted server must come back where the app expects it.
        emulator_server._port = port
        emulator_server.start()
        assert urlsplit(emulator_server.endpoint_url).port == port

    yield emulator_server, restart
    if not emulator_server.running:
        restart()


def test_server_restarted_mid_flow(open_app, restartable_server, audit_dir):
    """The endpoint goes down while the SMS page is open (connections
    refused), then comes back having forgotten every challenge session, as
    a restarted server does: the operator retries, is told the sign-in
    expired, sends a new code and finishes - without retyping anything."""
    server, restart = restartable_server
    driver = open_app()
    user = driver.sign_in("sms")
    code = driver.sms_code(user.username)

    server.stop()
    driver.submit_sms(user.username, code)
    page = driver.wizard.sms_code_page
    assert NETWORK in driver.wait_banner()
    assert page.code.text() == code

    restart()
    driver.emu.reset()  # in-memory sessions and codes do not survive a restart
    retry_button(page).click()
    driver.wait_idle()
    assert EXPIRED in driver.wait_banner()
    action = page.banner.action_button
    assert action.text() == "Send a new code"
    action.click()
    driver.wait_idle()
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)

    down, expired, done = audit_records(audit_dir)
    assert summary(down)[:3] == ("failed", "sms_code", "network") and down["error_code"] in DOWN
    assert summary(expired)[:3] == ("failed", "sms_code", "session_expired")
    assert done["outcome"] == "success"
    assert len({down["attempt"], expired["attempt"], done["attempt"]}) == 1


def test_app_closed_while_a_call_hangs(open_app, proxy, audit_dir):
    """The operator quits while the SMS code is being checked and the
    server is silent: the window closes after a short wait, the call is
    abandoned (not destroyed), its late timeout reaches nobody and is not
    recorded as a failure - the attempt is recorded as abandoned."""
    entered = threading.Event()

    class MarkingGateway(CognitoGateway):
        def respond_to_challenge(self, *args, **kwargs):
            entered.set()
            return super().respond_to_challenge(*args, **kwargs)

    def factory(settings, aws_profile):
        return MarkingGateway(settings, aws_profile=aws_profile, connect_timeout=1, read_timeout=2, max_attempts=1)

    driver = open_app(endpoint_url=proxy.endpoint_url, gateway_factory=factory)
    user = driver.sign_in("sms")
    code = driver.sms_code(user.username)
    proxy.set_mode(BLACKHOLE)
    page = driver.wizard.sms_code_page
    driver.type(code, page.code)
    page.code.setFocus()
    driver.enter()
    driver.qtbot.waitUntil(entered.is_set)
    assert driver.controller.busy

    heard = []
    for signal in (driver.controller.failed, driver.controller.step_changed):
        signal.connect(lambda *args: heard.append(args))
    driver.window.shutdown_wait_ms = 200
    driver.window.close()
    box = driver.message_box("quitConfirmBox")
    next(b for b in box.buttons() if b.objectName() == "confirmQuitButton").click()
    driver.qtbot.waitUntil(lambda: not driver.window.isVisible())
    assert driver.window.shutdown_clean is False  # abandoned, still inside the call
    assert driver.controller.flow is None  # the user's session and password are gone
    assert page.code.text() == ""  # wiped on the way out

    # The read timeout ends the call on its own; its answer is dropped.
    driver.qtbot.waitUntil(lambda: worker.running_workers() == 0, timeout=10_000)
    assert heard == []
    (record,) = audit_records(audit_dir)
    assert (record["outcome"], record["step"], record["error_kind"]) == ("abandoned", "sms_code", None)
