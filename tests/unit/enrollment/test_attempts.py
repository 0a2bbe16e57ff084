"""The audit bookkeeping of attempts, and the reset's synchronous gate (issue 19 #2)."""

from __future__ import annotations

import json

import pytest

from cogtotp_gui.enrollment.attempts import AttemptBook
from cogtotp_gui.enrollment.audit import SCHEMA, AuditLog, AuditOutcome
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.enrollment.steps import Step

SETTINGS = ConnectionSettings.create(
    user_pool_id="eu-west-1_AbCdEf123", client_id="a1b2c3d4e5f6g7h8i9j0k1l2m3", name="Production"
)


def records(log):
    return [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]


def test_the_gate_writes_the_intent_before_anything_else(tmp_path):
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="op"))
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    record = book.reset_gate(SETTINGS, "taro", reason="Phone lost", identity_verified=True, aws_identity=None)
    (intent,) = records(book.audit)
    assert intent["event"] == "authenticator_reset"
    assert (intent["outcome"], intent["schema"], intent["username"]) == ("requested", SCHEMA, "taro")
    assert SCHEMA == 2
    assert record.reply_lost(EnrollmentError(ErrorKind.NETWORK, "error.reply_lost", code="ReadTimeoutError"))
    assert record.done()
    assert [r["outcome"] for r in records(book.audit)] == ["requested", "unknown", "success"]
    assert len({r["attempt"] for r in records(book.audit)}) == 1  # one attempt


@pytest.mark.parametrize("plant", ["link", "world_writable"])
def test_the_gate_refuses_when_the_intent_cannot_be_written_and_says_why(tmp_path, plant):
    shared = tmp_path / "shared"
    shared.mkdir()
    if plant == "link":
        (shared / "audit.jsonl").symlink_to(tmp_path / "elsewhere")
    else:
        (shared / "audit.jsonl").write_text("")
        (shared / "audit.jsonl").chmod(0o666)
    told = []
    book = AttemptBook(lambda: AuditLog(shared, operator="op"), told.append)
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    with pytest.raises(EnrollmentError) as caught:
        book.reset_gate(SETTINGS, "taro", reason="Phone lost", identity_verified=True, aws_identity=None)
    assert caught.value.kind is ErrorKind.AUDIT
    assert caught.value.message_key == "error.reset_not_audited"
    assert caught.value.detail == book.audit.last_error
    assert told and told[-1] == book.audit.last_error
    assert not (tmp_path / "elsewhere").exists()


def test_every_write_tells_the_listener_written_or_why_not(tmp_path):
    told = []
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="op"), told.append)
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    book.failure(Step.SMS_CODE, EnrollmentError(ErrorKind.WRONG_CODE, "error.wrong_code"))
    assert told == [None]
    book.audit.path.chmod(0o666)
    book.finish(AuditOutcome.SUCCESS, Step.DONE)
    assert told[-1] and "other accounts" in told[-1]


def test_abandoning_on_the_existing_authenticator_page_is_already_enrolled(tmp_path):
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="op"))
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    book.begin(SETTINGS, "taro", Step.SMS_CODE)  # the same user again: the same attempt
    book.abandon(Step.EXISTING_TOTP)
    assert [r["outcome"] for r in records(book.audit)] == ["already_enrolled"]
