"""The private-file rules (audit trail, campaign database) on each system,
with the platform faked by putting that system's adapter in
``private_files.FILES``: macOS keeps every POSIX guarantee; Windows keeps
"never through a link" (reparse points) and says what only an ACL could
tell instead of pretending to check it. Real files on this machine."""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from cogtotp_gui.campaign.database import DatabaseProblem, DatabaseUnavailable, Schema, open_database
from cogtotp_gui.enrollment.audit import AuditLog
from cogtotp_gui.enrollment.steps import Step
from cogtotp_gui.platform import private_files
from cogtotp_gui.platform.file_systems import FILE_ATTRIBUTE_REPARSE_POINT, MacFiles, PosixFiles, WindowsFiles
from cogtotp_gui.platform.private_files import UnsafeFile, Unsafety

SCHEMA = Schema("alpha", ("CREATE TABLE alpha_items (id INTEGER PRIMARY KEY);",))


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """Windows, with this test's folder as the user's profile."""
    adapter = WindowsFiles(environ={"USERPROFILE": str(tmp_path)})
    monkeypatch.setattr(private_files, "FILES", adapter)
    monkeypatch.setattr(private_files, "_noted", set())
    return adapter


@pytest.fixture
def macos(monkeypatch):
    adapter = MacFiles()
    monkeypatch.setattr(private_files, "FILES", adapter)
    return adapter


def _record(log: AuditLog) -> bool:
    return log.record(connection="Production", pool=None, username="alice", step=Step.DONE, outcome="success")


# -- macOS: every POSIX guarantee, from the same calls ---------------------------------------


def test_macos_creates_private_folders_and_files(macos, tmp_path):
    log = AuditLog(tmp_path / "audit", operator="helpdesk1")
    assert _record(log)
    assert stat.S_IMODE(log.directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600


def test_macos_refuses_a_planted_link_a_shared_file_and_another_accounts(monkeypatch, macos, tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "audit.jsonl").symlink_to(victim)
    assert not _record(AuditLog(linked, operator="x"))
    assert victim.read_bytes() == b"precious"

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "audit.jsonl").write_text("")
    (shared / "audit.jsonl").chmod(0o666)
    log = AuditLog(shared, operator="x")
    assert not _record(log) and "other accounts" in log.last_error

    monkeypatch.setattr(private_files, "FILES", MacFiles(getuid=lambda: os.getuid() + 1))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "audit.jsonl").write_text("")
    (mine / "audit.jsonl").chmod(0o600)
    log = AuditLog(mine, operator="x")
    assert not _record(log) and "another account" in log.last_error


# -- Windows: links are reparse points; owners and writers are the ACL's -------------------


def test_windows_refuses_a_planted_link_for_the_audit_file(windows, tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    folder = tmp_path / "audit"
    folder.mkdir()
    (folder / "audit.jsonl").symlink_to(victim)
    log = AuditLog(folder, operator="x")
    assert not _record(log)
    assert victim.read_bytes() == b"precious" and "link" in log.last_error


def test_windows_refuses_a_junction_where_the_database_should_be(windows, monkeypatch, tmp_path):
    path = tmp_path / "data" / "campaign.sqlite3"
    real_lstat = os.lstat

    def lstat(p):
        if Path(p) == path:  # a directory junction, as Windows' lstat reports one
            return SimpleNamespace(
                st_mode=stat.S_IFDIR | 0o777,
                st_file_attributes=FILE_ATTRIBUTE_REPARSE_POINT,
                st_reparse_tag=0xA0000003,
                st_uid=0,
                st_dev=1,
                st_ino=1,
            )
        return real_lstat(p)

    monkeypatch.setattr(private_files, "_lstat", lstat)
    monkeypatch.setattr(private_files, "FILES", WindowsFiles(environ={"USERPROFILE": str(tmp_path)}, lstat=lstat))
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(path, schemas=[SCHEMA])
    assert caught.value.problem is DatabaseProblem.UNSAFE and "link" in caught.value.detail
    assert not path.exists()


def test_windows_leaves_the_acl_question_to_the_acl(windows, tmp_path, monkeypatch):
    """The same 0666 file POSIX refuses: on Windows st_mode says nothing of
    who may write it (every writable file reads 0666), so it is not refused
    on those grounds; the folder's inherited ACL is what protects it."""
    folder = tmp_path / "audit"
    folder.mkdir()
    (folder / "audit.jsonl").write_text("")
    (folder / "audit.jsonl").chmod(0o666)
    assert _record(AuditLog(folder, operator="x"))
    assert stat.S_IMODE((folder / "audit.jsonl").stat().st_mode) == 0o666  # no chmod pretending to fix an ACL
    record = json.loads((folder / "audit.jsonl").read_text("utf-8"))
    assert record["username"] == "alice"

    monkeypatch.setattr(private_files, "FILES", PosixFiles())  # the same file on Linux or macOS: refused
    with pytest.raises(UnsafeFile) as refused:
        os.close(private_files.open_private_append(folder / "audit.jsonl"))
    assert refused.value.problem is Unsafety.WRITABLE_BY_OTHERS


def test_windows_database_opens_and_is_not_chmodded(windows, tmp_path):
    path = tmp_path / "AppData" / "Local" / "cogtotp-gui" / "campaign.sqlite3"
    with open_database(path, schemas=[SCHEMA]) as database:
        database.connection.execute("INSERT INTO alpha_items (id) VALUES (1)")
    with open_database(path, schemas=[SCHEMA]) as database:
        assert database.connection.execute("SELECT count(*) FROM alpha_items").fetchone()[0] == 1


def test_windows_says_once_when_a_folder_is_outside_the_profile(windows, tmp_path, caplog):
    outside = tmp_path.parent / f"{tmp_path.name}-share" / "audit"
    inside = tmp_path / "AppData" / "Local" / "cogtotp-gui" / "audit"
    with caplog.at_level(logging.WARNING, logger=private_files.__name__):
        for _ in range(3):
            private_files.private_folder(outside, tighten=False, what="audit folder")
        private_files.private_folder(inside, tighten=False, what="audit folder")
    notes = [r.getMessage() for r in caplog.records if "outside the user's profile folder" in r.getMessage()]
    assert len(notes) == 1 and notes[0].startswith("audit folder: ") and "cannot check an ACL" in notes[0]


def test_windows_new_files_are_not_followed_through_an_existing_link(windows, tmp_path):
    target = tmp_path / "elsewhere"
    link = tmp_path / "campaign.sqlite3"
    link.symlink_to(target)
    with pytest.raises(OSError) as refused:
        private_files.create_private_file(link)
    assert refused.value.errno == errno.ELOOP and not target.exists()
