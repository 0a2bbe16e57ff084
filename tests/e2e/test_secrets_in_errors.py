"""Errors carry no secrets (issue 16, finding 5).

An exception raised inside an ``except`` block keeps the one being handled
in ``__context__`` (``from None`` only hides it from the printout). botocore's
exception keeps its traceback, whose frames hold the request: PASSWORD, the
SMS code, Session, SECRET_HASH. Whoever keeps the typed error (a page's
banner, to render it again in another language) would keep those too. So
every :class:`EnrollmentError` leaves the gateway and the flow with no
``__context__`` and no ``__cause__``, and once its own traceback is dropped
(as the UI does) no string reachable from it holds a secret.

The secrets are typed in pieces: no string of the test holds one whole.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import pytest

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.flow import EnrollmentFlow, Step
from tests.support.reachable import reachable_holders


def raised_by(call: Callable[[], Any]) -> EnrollmentError:
    """The EnrollmentError ``call`` raises, with its traceback dropped."""
    try:
        call()
    except EnrollmentError as error:
        caught = error
    else:  # pragma: no cover - the scenario did not fail
        raise AssertionError("no error was raised")
    return caught.with_traceback(None)


def assert_clean(error: EnrollmentError, *fragments: str) -> None:
    assert error.__context__ is None, repr(error.__context__)
    assert error.__cause__ is None
    for fragment in fragments:
        assert reachable_holders(error, fragment) == []


def password_of(fragment: str) -> str:
    return "Pw-" + fragment + "!A1"


def test_a_wrong_password(make_flow, emulator):
    flow = make_flow("user")
    user = emulator.seed.users["sms"]
    fragment = secrets.token_hex(8)
    error = raised_by(lambda: flow.sign_in(user.username, password_of(fragment)))
    assert error.kind is ErrorKind.WRONG_CREDENTIALS
    assert_clean(error, fragment)


def test_aws_credentials_refused_on_sign_in_in_admin_mode(make_flow, emulator):
    flow = make_flow("admin")
    user = emulator.seed.users["sms"]
    emulator.emu.fail_next(
        "AdminInitiateAuth", "UnrecognizedClientException", "The security token included in the request is invalid."
    )
    fragment = secrets.token_hex(8)
    error = raised_by(lambda: flow.sign_in(user.username, password_of(fragment)))
    assert error.kind is ErrorKind.CREDENTIALS
    assert_clean(error, fragment)


@pytest.mark.parametrize("mode", ["user", "admin"])
def test_a_client_that_allows_neither_sign_in_flow(make_flow, emulator, mode):
    """The gateway tries USER_PASSWORD_AUTH, then USER_AUTH, and reports the
    first complaint: raised while handling the second, it kept that one,
    whose frames held the password."""
    seed = emulator.seed
    client = emulator.client.create_user_pool_client(
        UserPoolId=seed.pool_id,
        ClientName="refresh-only",
        ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    flow = make_flow(mode, client_id=client["ClientId"], client_secret=None)
    user = seed.users["sms"]
    fragment = secrets.token_hex(8)
    error = raised_by(lambda: flow.sign_in(user.username, password_of(fragment)))
    assert (error.kind, error.message_key) == (ErrorKind.CONFIG, "error.config_auth_flow")
    assert_clean(error, fragment)


@pytest.mark.parametrize("mode", ["user", "admin"])
def test_a_wrong_sms_code(make_flow, emulator, mode):
    flow: EnrollmentFlow = make_flow(mode)
    user = emulator.seed.users["sms"]
    assert flow.sign_in(user.username, user.password) is Step.SMS_CODE
    real = emulator.emu.last_sms_code(user.username)
    wrong = f"{(int(real) + 1) % 1_000_000:06d}"
    session = flow._session
    assert session
    error = raised_by(lambda: flow.submit_sms_code(wrong))
    assert error.kind is ErrorKind.WRONG_CODE
    assert_clean(error, session[10:40], user.password)


def test_a_network_failure_at_sign_in(make_flow, emulator):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed on return: nobody listens there
    flow = make_flow("user", endpoint_url=f"http://127.0.0.1:{port}")
    user = emulator.seed.users["sms"]
    fragment = secrets.token_hex(8)
    error = raised_by(lambda: flow.sign_in(user.username, password_of(fragment)))
    assert error.kind is ErrorKind.NETWORK
    assert_clean(error, fragment)


def test_an_unknown_aws_profile(make_flow, emulator, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    flow = make_flow("admin")
    flow.gateway.aws_profile = "no-such-profile"
    user = emulator.seed.users["sms"]
    fragment = secrets.token_hex(8)
    error = raised_by(lambda: flow.sign_in(user.username, password_of(fragment)))
    assert error.message_key == "error.aws_profile_not_found"
    assert_clean(error, fragment)
