"""Network faults between the flow and Cognito: each becomes a retryable
NETWORK/SERVICE error, the flow stays where it was, and the same step works
once the network is back."""

import socket
from urllib.parse import urlsplit

import pytest

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.flow import Step
from tests.support.faulty_proxy import BLACKHOLE, FORWARD, HTTP_503, REFUSE, FaultyProxy


@pytest.fixture
def proxy(emulator):
    p = FaultyProxy(urlsplit(emulator.endpoint_url).port)
    yield p
    p.close()


@pytest.mark.parametrize(
    "mode,kind,key",
    [
        (REFUSE, ErrorKind.NETWORK, "error.network"),
        (HTTP_503, ErrorKind.SERVICE, "error.service"),
    ],
)
def test_fault_at_sms_step_then_retry(emulator, make_flow, proxy, mode, kind, key):
    flow = make_flow("user", endpoint_url=proxy.endpoint_url)
    u = emulator.seed.users["sms"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    code = emulator.emu.last_sms_code(u.username)
    proxy.set_mode(mode)
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(code)
    assert (info.value.kind, info.value.message_key) == (kind, key)
    assert info.value.retryable and flow.step is Step.SMS_CODE
    proxy.set_mode(FORWARD)
    assert flow.submit_sms_code(code) is Step.SECRET


def test_timeout_at_sms_step_asks_for_a_new_code(emulator, make_flow, proxy):
    """No answer at all: Cognito may have taken the code and used the session
    up, so it is never sent again (tests/e2e/test_lost_replies.py); a new
    code, without retyping the password, goes on."""
    flow = make_flow("user", endpoint_url=proxy.endpoint_url)
    u = emulator.seed.users["sms"]
    assert flow.sign_in(u.username, u.password) is Step.SMS_CODE
    proxy.set_mode(BLACKHOLE)
    with pytest.raises(EnrollmentError) as info:
        flow.submit_sms_code(emulator.emu.last_sms_code(u.username))
    assert (info.value.kind, info.value.message_key) == (ErrorKind.SESSION_EXPIRED, "error.reply_lost_session")
    assert info.value.code == "ReadTimeoutError" and flow.can_resend_sms
    proxy.set_mode(FORWARD)
    assert flow.resend_sms_code() is Step.SMS_CODE
    assert flow.submit_sms_code(emulator.emu.last_sms_code(u.username)) is Step.SECRET


def test_dns_failure_is_a_network_error(emulator, make_flow, monkeypatch):
    real = socket.getaddrinfo

    def no_dns(host, *args, **kwargs):
        if host == "cognito.helpdesk.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    flow = make_flow("user", endpoint_url="https://cognito.helpdesk.invalid:9")
    u = emulator.seed.users["sms"]
    with pytest.raises(EnrollmentError) as info:
        flow.sign_in(u.username, u.password)
    assert info.value.kind is ErrorKind.NETWORK and flow.step is Step.SIGN_IN
