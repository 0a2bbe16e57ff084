"""A failure of the app itself on the UI thread (a bug in a slot): the
operator is told once, the audit records it, and neither the log nor the
dialog carries the exception's message, which may hold what was typed."""

from __future__ import annotations

import json
import logging

import pytest
from gui_driver import make_driver
from PySide6.QtCore import QTimer

from cogtotp_gui.ui.shell.unexpected import UnexpectedErrors
from cogtotp_gui.ui.wizard.pages import PageId

TYPED = "Typed-secret-4711"


class Boom(ValueError):
    pass


def fail() -> None:
    raise Boom(f"something about {TYPED}")


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_is_reported_without_what_was_typed(qtbot, emulator, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(tmp_path))
    driver = make_driver(qtbot, emulator)
    unexpected = UnexpectedErrors(driver.window)
    unexpected.install()
    try:
        user = driver.sign_in("sms")  # an attempt is under way
        page = driver.wizard.sms_code_page
        qtbot.keyClicks(page.code, "12")
        caplog.set_level(logging.DEBUG)
        QTimer.singleShot(0, fail)
        QTimer.singleShot(0, fail)  # a second one: still one dialog
        qtbot.waitUntil(
            lambda: unexpected.box is not None and unexpected.box.isVisible() and len(unexpected.seen) == 2,
            timeout=5000,
        )
        box = unexpected.box
        assert box.text().startswith("Something unexpected went wrong.")
        assert "press Cancel to start over" in box.informativeText()
        assert box.detailedText() == "Boom\nBoom"
        # Nothing lost, nothing moved.
        assert driver.page_id == PageId.SMS_CODE and page.code.text() == "12"
        logged = "\n".join(record.getMessage() for record in caplog.records)
        assert "unexpected Boom in the window" in logged and "def fail" not in logged and "raise Boom" in logged
        assert TYPED not in logged and TYPED not in box.text() + box.informativeText() + box.detailedText()
        box.accept()
        qtbot.waitUntil(lambda: unexpected.box is None, timeout=5000)
    finally:
        unexpected.uninstall()
        driver.close()
    records = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    failures = [r for r in records if r["outcome"] == "failed"]
    assert [(r["username"], r["step"], r["error_kind"], r["error_code"]) for r in failures] == [
        (user.username, "sms_code", "unexpected", "Boom"),
        (user.username, "sms_code", "unexpected", "Boom"),
    ]
    assert TYPED not in (tmp_path / "audit.jsonl").read_text(encoding="utf-8")


def test_the_hook_is_given_back(qtbot, emulator):
    import sys

    driver = make_driver(qtbot, emulator)
    before = sys.excepthook
    unexpected = UnexpectedErrors(driver.window)
    unexpected.install()
    assert sys.excepthook != before
    unexpected.uninstall()
    assert sys.excepthook == before
    driver.close()


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_keeps_no_password_alive(qtbot, emulator, tmp_path, monkeypatch):
    """PySide reports a slot's exception with ``PyErr_Print``, which keeps it
    in ``sys.last_value``/``last_traceback`` (and ``last_exc``) for the life
    of the process: the slot's frames, and a password in their locals, with
    it. The hook lets go of them (issue 16, finding 6)."""
    import secrets
    import sys

    from PySide6.QtTest import QTest

    from tests.support.reachable import holders_of

    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(tmp_path))
    driver = make_driver(qtbot, emulator)
    unexpected = UnexpectedErrors(driver.window)
    unexpected.install()
    fragment = secrets.token_hex(8)
    page = driver.wizard.credentials_page
    try:
        QTest.keyClicks(page.password, "Pw-")
        QTest.keyClicks(page.password, fragment)

        def buggy_slot() -> None:
            password = page.password.text()  # a slot that reads the field, then fails
            raise Boom(f"{len(password)} characters")

        QTimer.singleShot(0, buggy_slot)
        qtbot.waitUntil(lambda: unexpected.seen == ["Boom"], timeout=5000)
        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
            assert getattr(sys, name, None) is None, name
        assert holders_of(fragment) == []
        qtbot.waitUntil(lambda: unexpected.box is not None, timeout=5000)
        unexpected.box.accept()
        qtbot.waitUntil(lambda: unexpected.box is None, timeout=5000)
    finally:
        unexpected.uninstall()
        driver.close()
