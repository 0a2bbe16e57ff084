"""The SMS outbox: a random code per challenge that tests and the phone can read."""

import re
import threading

import pytest
from botocore.exceptions import ClientError

from cogtotp_gui.emulator import SmsMessage


def test_challenge_reports_delivery_like_cognito(auth):
    started = auth.sign_in(auth.user("sms").username)
    assert started["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "+*******1234"


def test_outbox_code_completes_the_sign_in(auth):
    username, session = auth.sms_sign_in()
    [message] = auth.h.emu.outbox
    assert message.username == username
    assert message.destination == "+*******1234"
    assert message.delivered and re.fullmatch(r"\d{6}", message.code)
    assert message.code in message.text
    result = auth.answer_sms(session, username, message.code)
    assert result["AuthenticationResult"]["TokenType"] == "Bearer"


def test_each_challenge_gets_a_fresh_random_code(admin_auth):
    username = admin_auth.user("sms").username
    for _ in range(5):
        admin_auth.sign_in(username)
    codes = [m.code for m in admin_auth.h.emu.outbox]
    assert len(codes) == 5
    # Five equal random 6-digit codes would be a 1e-24 coincidence.
    assert len(set(codes)) > 1
    assert admin_auth.h.emu.last_sms_code(username) == codes[-1]


def test_code_of_a_newer_challenge_does_not_answer_an_older_one(admin_auth):
    username, first_session = admin_auth.sms_sign_in()
    first_code = admin_auth.h.emu.last_sms_code(username)
    admin_auth.sms_sign_in()
    newest = admin_auth.h.emu.last_sms_code(username)
    if newest == first_code:  # a one-in-a-million coincidence, nothing to test
        return
    with pytest.raises(ClientError):
        admin_auth.answer_sms(first_session, username, newest)


def test_lost_sms_is_recorded_but_unreadable(auth):
    username = auth.user("no_sms_delivery").username
    started = auth.sign_in(username)
    assert started["ChallengeName"] == "SMS_MFA"
    [message] = auth.h.emu.outbox
    assert message.username == username
    assert message.delivered is False and message.code is None
    assert auth.h.emu.last_sms_code(username) is None


def test_listeners_hear_every_sms_on_the_server_thread(admin_auth):
    heard: list[tuple[SmsMessage, str]] = []
    admin_auth.h.emu.add_sms_listener(lambda m: heard.append((m, threading.current_thread().name)))
    username, _ = admin_auth.sms_sign_in()
    [(message, thread_name)] = heard
    assert message.username == username
    assert thread_name != threading.main_thread().name


def test_a_failing_listener_does_not_break_the_sign_in(admin_auth, caplog):
    def broken(message):
        raise RuntimeError("phone window crashed")

    heard = []
    admin_auth.h.emu.add_sms_listener(broken)
    admin_auth.h.emu.add_sms_listener(heard.append)
    username, session = admin_auth.sms_sign_in()
    assert len(heard) == 1  # later listeners still run
    assert "AuthenticationResult" in admin_auth.answer_sms(session, username)
    assert "SMS listener" in caplog.text


def test_removed_listener_hears_nothing(admin_auth):
    heard = []
    admin_auth.h.emu.add_sms_listener(heard.append)
    admin_auth.h.emu.remove_sms_listener(heard.append)
    admin_auth.sms_sign_in()
    assert heard == []
