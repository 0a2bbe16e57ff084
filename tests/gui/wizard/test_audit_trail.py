"""The audit trail records what the wizard did: one line per failed step and
one per outcome, with the required fields and none of the secrets used."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from gui_driver import make_driver

from cogtotp_gui.enrollment.audit import AuditLog
from cogtotp_gui.ui.wizard.pages import PageId
from tests.support.faulty_proxy import FORWARD, REFUSE, FaultyProxy
from tests.support.leak_guard import forms

FIELDS = {
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


@pytest.fixture
def audit_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(tmp_path))
    return tmp_path


def records(directory):
    path = directory / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def assert_no_secrets(directory, emulator, extra=()):
    text = (directory / "audit.jsonl").read_text(encoding="utf-8")
    secrets = {u.password for u in emulator.seed.users.values()} | {emulator.seed.client_secret, *extra}
    secrets |= {m.code for m in emulator.emu.outbox if m.code}
    for secret in secrets:
        for form in forms(secret):
            assert form not in text, f"a secret ({len(secret)} chars) is in the audit file"


def test_success_with_a_wrong_code_on_the_way(qtbot, emulator, audit_dir):
    driver = make_driver(qtbot, emulator)
    user = driver.sign_in("sms")
    right = driver.sms_code(user.username)
    driver.submit_sms(user.username, "000000" if right != "000000" else "111111")
    driver.wait_banner()
    driver.submit_sms(user.username, right)
    secret = driver.pending_secret(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    driver.close()

    wrong, done = records(audit_dir)
    for record in (wrong, done):
        assert set(record) >= FIELDS
        assert record["username"] == user.username and record["pool"] == emulator.seed.pool_id
        assert record["operator"]
    assert (wrong["outcome"], wrong["step"], wrong["error_kind"], wrong["error_code"]) == (
        "failed",
        "sms_code",
        "wrong_code",
        "CodeMismatchException",
    )
    assert (done["outcome"], done["step"], done["error_kind"]) == ("success", "done", None)
    assert done["duration_s"] >= wrong["duration_s"] >= 0
    assert_no_secrets(audit_dir, emulator, extra=[secret])


def test_expired_session_then_abandoned_by_next_user(qtbot, emulator, audit_dir):
    driver = make_driver(qtbot, emulator)
    user = driver.sign_in("sms")
    code = driver.sms_code(user.username)
    driver.emu.advance(200)
    driver.submit_sms(user.username, code)
    driver.wait_banner()
    driver.controller.reset()  # what "next user" and the idle wipe do
    driver.close()
    expired, abandoned = records(audit_dir)
    assert (expired["outcome"], expired["error_kind"]) == ("failed", "session_expired")
    assert (abandoned["outcome"], abandoned["step"]) == ("abandoned", "sms_code")
    assert_no_secrets(audit_dir, emulator)


def test_network_fault_is_recorded(qtbot, emulator, audit_dir):
    proxy = FaultyProxy(urlsplit(emulator.endpoint_url).port)
    try:
        driver = make_driver(qtbot, emulator, endpoint_url=proxy.endpoint_url)
        proxy.set_mode(REFUSE)
        user = driver.sign_in("sms")
        driver.wait_banner()
        proxy.set_mode(FORWARD)
        driver.close()
    finally:
        proxy.close()
    fault, abandoned = records(audit_dir)
    assert (fault["outcome"], fault["step"], fault["error_kind"]) == ("failed", "sign_in", "network")
    assert fault["username"] == user.username
    assert abandoned["outcome"] == "abandoned"
    assert_no_secrets(audit_dir, emulator)


def test_already_enrolled_user_who_is_stopped(qtbot, emulator, audit_dir):
    driver = make_driver(qtbot, emulator)
    driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    driver.controller.reset()
    driver.close()
    (record,) = records(audit_dir)
    assert (record["outcome"], record["step"]) == ("already_enrolled", "existing_totp")


def test_audit_log_defaults_to_the_configured_folder(audit_dir):
    assert AuditLog().path.parent == audit_dir
