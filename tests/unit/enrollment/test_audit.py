"""The audit trail: the fields a helpdesk needs, and never a secret."""

from __future__ import annotations

import inspect
import json
import logging
import threading

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from cogtotp_gui.enrollment import audit
from cogtotp_gui.enrollment.audit import Attempt, AuditLog, AuditOutcome
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.enrollment.gateway import translate_client_error
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.platform import private_files
from tests.support.platforms import posix_modes

REQUIRED = {
    "time",
    "operator",
    "connection",
    "pool",
    "username",
    "step",
    "outcome",
    "error_kind",
    "error_code",
    "duration_s",
}

# Deliberately credential-shaped values that a careless service or caller
# could push towards the audit file.
PASSWORD = "Hunter2-Passw0rd!"
SMS_CODE = "493817"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DP"
SESSION = "AYABeDsGq0m7vX2d9pL4kT8wZ1cN5rH3jF6yU0iO9eQ2aS7dG4hJ1kL8zX5cV3bN"
ACCESS_TOKEN = "eyJraWQiOiJrMSJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXZhbHVl"
CLIENT_SECRET = "s3cr3tCl1entS3cretValue0123456789abcdefghijklmnopq"
SECRETS = (PASSWORD, SMS_CODE, TOTP_SECRET, SESSION, ACCESS_TOKEN, CLIENT_SECRET)

SETTINGS = ConnectionSettings(
    user_pool_id="eu-west-1_AbCdEf123", client_id="abc123client", client_secret=CLIENT_SECRET, name="Production"
)


def client_error(code: str, message: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": 400}}, "Op")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit", operator="helpdesk1")


def read_records(log: AuditLog) -> list[dict]:
    return [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]


def assert_no_secret(log: AuditLog) -> None:
    raw = b"".join(p.read_bytes() for p in log.directory.iterdir())
    for secret in SECRETS:
        assert secret.encode() not in raw, secret


def test_success_record_has_every_field(log):
    clock = FakeClock()
    attempt = Attempt(log, connection="Production", pool=SETTINGS.user_pool_id, username="taro.yamada", clock=clock)
    clock.now += 48.25
    assert attempt.finish(AuditOutcome.SUCCESS, Step.DONE)

    (record,) = read_records(log)
    assert record.keys() >= REQUIRED
    assert record["time"].endswith("Z") and "T" in record["time"]
    assert record["operator"] == "helpdesk1"
    assert record["connection"] == "Production"
    assert record["pool"] == "eu-west-1_AbCdEf123"
    assert record["username"] == "taro.yamada"
    assert record["step"] == "done"
    assert record["outcome"] == "success"
    assert record["error_kind"] is None and record["error_code"] is None
    assert record["duration_s"] == 48.25
    assert record["attempt"] == attempt.id


@pytest.mark.parametrize(
    ("error", "step", "kind", "code"),
    [
        (
            client_error("CodeMismatchException", f"Invalid code {SMS_CODE} for session {SESSION}"),
            Step.SMS_CODE,
            "wrong_code",
            "CodeMismatchException",
        ),
        (
            client_error("NotAuthorizedException", f"Invalid session for the user, session is expired. {ACCESS_TOKEN}"),
            Step.SMS_CODE,
            "session_expired",
            "NotAuthorizedException",
        ),
        (
            EndpointConnectionError(endpoint_url=f"https://cognito-idp.eu-west-1.amazonaws.com/?s={TOTP_SECRET}"),
            Step.SECRET,
            "network",
            "EndpointConnectionError",
        ),
    ],
    ids=["wrong_code", "expired_session", "network_fault"],
)
def test_failure_records_name_kind_and_code_but_no_secret(log, error, step, kind, code):
    enrollment_error = translate_client_error(error)
    # Even a detail stuffed with credentials by a careless caller stays out.
    enrollment_error.detail = f"{PASSWORD} {CLIENT_SECRET} {SESSION} {TOTP_SECRET}"
    attempt = log.start(SETTINGS, "taro.yamada")
    assert attempt.failure(step, enrollment_error)
    assert attempt.finish(AuditOutcome.ABANDONED, step, enrollment_error)

    failed, abandoned = read_records(log)
    for record in (failed, abandoned):
        assert record.keys() >= REQUIRED
        assert record["error_kind"] == kind
        assert record["error_code"] == code
        assert record["step"] == step.value
        assert record["attempt"] == attempt.id
    assert failed["outcome"] == "failed"
    assert abandoned["outcome"] == "abandoned"
    assert_no_secret(log)


def test_finish_is_recorded_once(log):
    attempt = log.start(SETTINGS, "taro")
    assert attempt.finish("already_enrolled", Step.EXISTING_TOTP)
    assert not attempt.finish(AuditOutcome.SUCCESS, Step.DONE)
    assert not attempt.failure(Step.SECRET, EnrollmentError(ErrorKind.NETWORK, "error.network"))
    assert [r["outcome"] for r in read_records(log)] == ["already_enrolled"]


def test_api_takes_no_free_form_fields(log):
    for fn in (AuditLog.record, Attempt.finish, Attempt.failure, AuditLog.__init__, Attempt.__init__):
        kinds = {p.kind for p in inspect.signature(fn).parameters.values()}
        assert inspect.Parameter.VAR_KEYWORD not in kinds and inspect.Parameter.VAR_POSITIONAL not in kinds
    with pytest.raises(TypeError):
        log.record(connection="c", pool=None, username="u", step="done", outcome="success", password=PASSWORD)  # type: ignore[call-arg]  # the point: no such parameter


def test_values_are_checked_and_scrubbed(log):
    log.record(
        connection=f"Prod\n{SESSION}",
        pool=f"not-a-pool {CLIENT_SECRET}",
        username=f"user {ACCESS_TOKEN}\x1b[31m",
        step=f"sms_code {PASSWORD}",
        outcome="bogus",
        error_kind="network",  # type: ignore[arg-type]  # a str is not an ErrorKind
        error_code=ACCESS_TOKEN,
        duration_s=float("nan"),
    )
    log.record(
        connection=12345,
        pool=None,
        username=["x"],
        step=Step.SIGN_IN,
        outcome="failed",  # type: ignore[arg-type]  # the point: not an Outcome
        error_code="Code123456",
        duration_s=True,
    )
    first, second = read_records(log)
    assert first["connection"] == "Prod <redacted>"
    assert first["pool"] == "<invalid>"
    # Not a username by Cognito's rule (a space, an escape): nobody signed in with it.
    assert first["username"] == "<invalid>"
    assert first["step"] == "<invalid>"
    assert first["outcome"] == "<invalid>"
    assert first["error_kind"] is None
    assert first["error_code"] == "<invalid>"
    assert first["duration_s"] is None
    assert second["connection"] == "<invalid>" and second["username"] == "<invalid>"
    assert second["error_code"] == "<invalid>" and second["duration_s"] is None
    assert_no_secret(log)


def test_long_values_are_truncated_and_an_overlong_username_is_none(log):
    log.record(connection="Ab " * 200, pool=None, username="ユーザー" * 32, step="sign_in", outcome="failed")
    log.record(connection="c", pool=None, username="ユ" * 129, step="sign_in", outcome="failed")
    first, second = read_records(log)
    assert len(first["connection"]) == 64 and first["username"] == "ユーザー" * 32
    assert second["username"] == "<invalid>"


def test_a_username_keeps_its_symbols_and_loses_a_token_in_it(log):
    log.record(connection="c", pool=None, username=f"a+b@例え.jp-{ACCESS_TOKEN}", step="done", outcome="success")
    (record,) = read_records(log)
    assert record["username"].startswith("a+b@例え.jp") and ACCESS_TOKEN not in record["username"]


def test_rotation_keeps_backup_count_files(tmp_path):
    log = AuditLog(tmp_path, max_bytes=600, backup_count=2, operator="op")
    for index in range(30):
        log.record(connection="c", pool=None, username=f"user{index:02d}", step="done", outcome="success")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2"]
    for path in tmp_path.iterdir():
        assert 0 < path.stat().st_size <= 600
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    # The newest record is in the live file, the older ones moved down.
    assert read_records(log)[-1]["username"] == "user29"
    oldest = json.loads((tmp_path / "audit.jsonl.2").read_text(encoding="utf-8").splitlines()[0])
    newest_backup = json.loads((tmp_path / "audit.jsonl.1").read_text(encoding="utf-8").splitlines()[-1])
    assert oldest["username"] < newest_backup["username"] < "user29"


def test_write_failure_is_logged_not_raised(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    log = AuditLog(blocker / "audit", operator="op")
    attempt = log.start(SETTINGS, "taro")
    with caplog.at_level(logging.WARNING, logger="cogtotp_gui.enrollment.audit"):
        assert (
            attempt.finish(
                AuditOutcome.FAILED, Step.SMS_CODE, EnrollmentError(ErrorKind.WRONG_CODE, "error.wrong_code", SMS_CODE)
            )
            is False
        )
    assert log.last_error
    assert "audit record not written" in caplog.text
    assert "taro" not in caplog.text and SMS_CODE not in caplog.text


def test_concurrent_writers_never_interleave(tmp_path):
    log = AuditLog(tmp_path, max_bytes=4096, backup_count=50, operator="op")

    def write(worker: int) -> None:
        for index in range(40):
            log.record(connection=f"w{worker}", pool=None, username=f"u{index}", step="done", outcome="success")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = [line for path in tmp_path.iterdir() for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 320
    assert all(json.loads(line)["outcome"] == "success" for line in lines)


def test_default_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(audit.ENV_AUDIT_DIR, str(tmp_path / "elsewhere"))
    assert AuditLog().path == tmp_path / "elsewhere" / "audit.jsonl"
    monkeypatch.delenv(audit.ENV_AUDIT_DIR)
    default = audit.default_audit_dir()
    assert default.name == "audit" and default.parent.name == "cogtotp-gui"


def test_operator_falls_back_when_the_os_cannot_tell(monkeypatch):
    def no_user() -> str:
        raise OSError("no passwd entry")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert audit.current_operator() == "unknown"
    monkeypatch.setattr("getpass.getuser", lambda: "ヘルプデスク1")
    assert audit.current_operator() == "ヘルプデスク1"


def test_audit_module_imports_no_qt_and_no_boto3():
    import subprocess
    import sys

    code = (
        "import sys, cogtotp_gui.enrollment.audit;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','boto3','botocore'))];"
        "sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_numeric_usernames_are_kept(tmp_path):
    # Employee numbers are common Cognito usernames; an audit line that
    # says "<code>" instead of who was helped is useless.
    log = AuditLog(tmp_path)
    log.record(connection="Prod", pool=None, username="20481234", step=Step.DONE, outcome="success")
    assert read_records(log)[0]["username"] == "20481234"


@pytest.mark.parametrize(
    "sneaky",
    [
        "\u2028",  # LINE SEPARATOR (Zl): a line break for many line-based readers
        "\u2029",  # PARAGRAPH SEPARATOR (Zp)
        "\u202e",  # RIGHT-TO-LEFT OVERRIDE (Cf)
        "\u2066",  # LEFT-TO-RIGHT ISOLATE (Cf)
        "\u200b",  # ZERO WIDTH SPACE (Cf)
        "\ufeff",  # BYTE ORDER MARK (Cf)
    ],
)
def test_line_separators_and_format_characters_are_stripped(log, sneaky):
    log.record(
        connection=f"Prod{sneaky}uction",
        pool=None,
        username=f'taro{sneaky}{{"outcome": "success"}}',
        step="done",
        outcome="failed",
    )
    raw = log.path.read_text(encoding="utf-8")
    assert sneaky not in raw
    # One record, one line, for any reader that splits on U+2028 too.
    assert len(raw.splitlines()) == 1
    (record,) = read_records(log)
    assert record["connection"] == "Prod uction"
    assert record["username"] == "<invalid>"


@posix_modes
def test_new_audit_folder_is_private(tmp_path):
    log = AuditLog(tmp_path / "fresh" / "audit", operator="op")
    assert log.record(connection="c", pool=None, username="u", step="done", outcome="success")
    assert log.directory.stat().st_mode & 0o777 == 0o700
    assert log.path.stat().st_mode & 0o777 == 0o600


def test_planted_symlink_is_not_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "operators-own-file"
    victim.write_text("precious\n")
    (shared / "audit.jsonl").symlink_to(victim)
    log = AuditLog(shared, operator="op")
    assert log.record(connection="c", pool=None, username="taro", step="done", outcome="success") is False
    assert victim.read_text() == "precious\n"
    assert log.last_error
    # The app goes on: the next record is refused the same way, never raised.
    assert log.start(SETTINGS, "hanako").finish(AuditOutcome.SUCCESS, Step.DONE) is False


@posix_modes
def test_world_writable_audit_file_is_refused(tmp_path, caplog):
    planted = tmp_path / "audit.jsonl"
    planted.write_text("")
    planted.chmod(0o666)
    log = AuditLog(tmp_path, operator="op")
    with caplog.at_level(logging.WARNING, logger="cogtotp_gui.enrollment.audit"):
        assert log.record(connection="c", pool=None, username="taro", step="done", outcome="success") is False
    assert planted.read_text() == ""
    assert "other accounts" in (log.last_error or "")
    assert "taro" not in caplog.text
    # Once the file is made private again, records are written.
    planted.chmod(0o600)
    assert log.record(connection="c", pool=None, username="taro", step="done", outcome="success") is True
    assert log.last_error is None


@posix_modes
def test_audit_file_of_another_account_is_refused(tmp_path, monkeypatch):
    log = AuditLog(tmp_path, operator="op")
    assert log.record(connection="c", pool=None, username="u", step="done", outcome="success")
    owner = log.path.stat().st_uid
    monkeypatch.setattr(private_files, "current_owner", lambda: owner + 1)
    assert log.record(connection="c", pool=None, username="u", step="done", outcome="success") is False
    assert "another account" in (log.last_error or "")
