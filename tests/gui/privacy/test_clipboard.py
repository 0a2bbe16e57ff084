"""Clipboard hygiene: a copied secret goes away, anything else stays."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication

from cogtotp_gui.ui.privacy import clipboard
from cogtotp_gui.ui.privacy.clipboard import ClipboardGuard, secret_mime_data

SECRET = "JBSW Y3DP EHPK 3PXP"


@pytest.fixture
def board(qapp):
    cb = QGuiApplication.clipboard()
    cb.clear()
    yield cb
    cb.clear()


def test_secret_is_cleared_after_the_delay(qtbot, board):
    guard = clipboard.copy_secret(SECRET, clear_after_s=0.05)
    assert board.text() == SECRET and guard.pending
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)
    assert not guard.pending


def test_something_copied_meanwhile_is_left_alone(qtbot, board):
    guard = ClipboardGuard()
    guard.copy_secret(SECRET, clear_after_s=0.05)
    board.setText("the operator's own note")
    with qtbot.waitSignal(guard.expired, timeout=2000) as blocker:
        pass
    assert blocker.args == [False]
    assert board.text() == "the operator's own note"


def test_expired_reports_a_clear(qtbot, board):
    guard = ClipboardGuard()
    with qtbot.waitSignal(guard.expired, timeout=2000) as blocker:
        guard.copy_secret(SECRET, clear_after_s=0.01)
    assert blocker.args == [True] and board.text() == ""


def test_clear_now_for_the_next_user(qtbot, board):
    clipboard.copy_secret(SECRET, clear_after_s=60)
    assert clipboard.clear_now_if_ours() is True
    assert board.text() == ""
    board.setText("unrelated")
    assert clipboard.clear_now_if_ours() is False
    assert board.text() == "unrelated"


def test_a_new_copy_restarts_the_delay_and_replaces_the_old(qtbot, board):
    guard = ClipboardGuard()
    guard.copy_secret("first secret", clear_after_s=60)
    guard.copy_secret(SECRET, clear_after_s=0.02)
    with qtbot.waitSignal(guard.expired, timeout=2000) as blocker:
        pass
    assert blocker.args == [True] and board.text() == ""


def test_guard_keeps_no_plain_copy_of_the_secret(board):
    guard = ClipboardGuard()
    guard.copy_secret(SECRET, clear_after_s=60)
    assert all(SECRET not in repr(value) for value in vars(guard).values())
    guard.clear_now_if_ours()


@pytest.mark.parametrize(
    ("platform", "marker", "value"),
    [
        ("win32", "CanIncludeInClipboardHistory", b"\x00\x00\x00\x00"),
        ("win32", "CanUploadToCloudClipboard", b"\x00\x00\x00\x00"),
        ("win32", "ExcludeClipboardContentFromMonitorProcessing", b"\x01\x00\x00\x00"),
        ("darwin", "application/x-nspasteboard-concealed-type", b""),
        ("linux", "x-kde-passwordManagerHint", b"secret"),
    ],
)
def test_copied_secret_is_marked_for_clipboard_managers(qapp, platform, marker, value):
    mime = secret_mime_data(SECRET, platform)
    assert mime.text() == SECRET
    assert mime.hasFormat(marker) and bytes(mime.data(marker)) == value


def test_copy_goes_through_the_marked_data(board):
    markers = [f for f in secret_mime_data(SECRET).formats() if not f.startswith("text/")]
    assert markers
    clipboard.copy_secret(SECRET, clear_after_s=60)
    on_board = board.mimeData(QClipboard.Mode.Clipboard)
    assert all(on_board.hasFormat(marker) for marker in markers)
    clipboard.clear_now_if_ours()
