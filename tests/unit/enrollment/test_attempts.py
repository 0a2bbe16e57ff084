"""The audit bookkeeping of attempts (what goes on record for a user's attempt, once), and the
reset's synchronous gate (issue 19 #2); without Qt or Cognito."""

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


def outcomes(book):
    if not book.audit.path.exists():
        return []
    return [(r["username"], r["outcome"], r["step"]) for r in records(book.audit)]


def test_signing_in_again_is_the_same_attempt_and_done_ends_it_once(tmp_path):
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="helpdesk1"))
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    book.begin(SETTINGS, " taro ", Step.SIGN_IN)  # a new code, a retry: the same attempt
    book.failure(Step.SMS_CODE, EnrollmentError(ErrorKind.WRONG_CODE, "error.wrong_code", "CodeMismatchException"))
    book.result(Step.SECRET)  # not an end
    book.result(Step.DONE)
    book.abandon(Step.DONE)  # the next user: nothing more on record
    assert [(u, o) for u, o, _ in outcomes(book)] == [("taro", "failed"), ("taro", "success")]


def test_another_user_abandons_the_first_and_a_stop_on_existing_totp_is_already_enrolled(tmp_path):
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="helpdesk1"))
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    book.begin(SETTINGS, "hanako", Step.SMS_CODE)  # taro left at the SMS code
    book.abandon(Step.EXISTING_TOTP)  # hanako already had an authenticator; the operator stopped
    book.begin(SETTINGS, "jiro", Step.SIGN_IN)
    book.result(Step.UNSUPPORTED)
    assert outcomes(book) == [
        ("taro", "abandoned", "sms_code"),
        ("hanako", "already_enrolled", "existing_totp"),
        ("jiro", "unsupported", "unsupported"),
    ]


def test_back_to_sign_in_with_the_same_user_keeps_the_attempt(tmp_path):
    book = AttemptBook(lambda: AuditLog(tmp_path, operator="helpdesk1"))
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    kept = book.detach()
    book.abandon(Step.SMS_CODE)  # what dropping the flow does: nothing to abandon now
    book.attach(kept)
    book.result(Step.DONE)
    assert outcomes(book) == [("taro", "success", "done")]


def test_nothing_is_opened_before_the_first_sign_in(tmp_path):
    made = []

    def factory():
        made.append(1)
        return AuditLog(tmp_path, operator="helpdesk1")

    book = AttemptBook(factory)
    book.abandon(Step.SIGN_IN)  # an idle wipe, "Next user" before any sign-in
    book.result(Step.DONE)
    book.failure(Step.SMS_CODE, EnrollmentError(ErrorKind.WRONG_CODE, "error.wrong_code"))
    assert made == []
    book.begin(SETTINGS, "taro", Step.SIGN_IN)
    assert made == [1]
