"""What goes on record for a user's attempt (enrollment/attempts.py), without Qt or Cognito."""

from __future__ import annotations

import json

import pytest

from cogtotp_gui.enrollment.attempts import AttemptBook
from cogtotp_gui.enrollment.audit import AuditLog
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.enrollment.steps import Step

SETTINGS = ConnectionSettings(user_pool_id="eu-west-1_AbCdEf123", client_id="abc123client", name="Production")


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit", operator="helpdesk1")


def records(log):
    if not log.path.exists():
        return []
    return [
        (r["username"], r["outcome"], r["step"])
        for r in (json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines())
    ]


def test_signing_in_again_is_the_same_attempt_and_done_ends_it_once(log):
    book = AttemptBook()
    book.begin(log, SETTINGS, "taro")
    book.begin(log, SETTINGS, " taro ")  # a new code, a retry: the same attempt
    book.failure(Step.SMS_CODE, EnrollmentError(ErrorKind.WRONG_CODE, "error.wrong_code", "CodeMismatchException"))
    book.result(Step.SECRET)  # not an end
    book.result(Step.DONE)
    book.abandon(Step.DONE)  # the next user: nothing more on record
    assert [(u, o) for u, o, _ in records(log)] == [("taro", "failed"), ("taro", "success")]


def test_another_user_abandons_the_first_and_a_stop_on_existing_totp_is_already_enrolled(log):
    book = AttemptBook()
    book.begin(log, SETTINGS, "taro")
    book.begin(log, SETTINGS, "hanako", Step.SMS_CODE)  # taro left at the SMS code
    book.abandon(Step.EXISTING_TOTP)  # hanako already had an authenticator; the operator stopped
    book.begin(log, SETTINGS, "jiro")
    book.result(Step.UNSUPPORTED)
    assert records(log) == [
        ("taro", "abandoned", "sms_code"),
        ("hanako", "already_enrolled", "existing_totp"),
        ("jiro", "unsupported", "unsupported"),
    ]


def test_back_to_sign_in_with_the_same_user_keeps_the_attempt(log):
    book = AttemptBook()
    book.begin(log, SETTINGS, "taro")
    kept = book.set_aside()
    book.abandon(Step.SMS_CODE)  # what dropping the flow does: nothing to abandon now
    book.restore(kept)
    book.result(Step.DONE)
    assert records(log) == [("taro", "success", "done")]
