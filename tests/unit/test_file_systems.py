"""The private-file rules' OS calls on each kind of system, each branch run
here with the platform chosen by the test: POSIX and macOS on this machine's
real files; Windows with its reparse points and stat fields faked, and its
look-open-compare sequence on real files. What only an ACL could tell is
answered "cannot tell" (None), never guessed."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from cogtotp_gui.platform import file_systems
from cogtotp_gui.platform.file_systems import FILE_ATTRIBUTE_REPARSE_POINT, MacFiles, PosixFiles, WindowsFiles

IO_REPARSE_TAG_SYMLINK = 0xA000000C
IO_REPARSE_TAG_MOUNT_POINT = 0xA0000003  # a directory junction
IO_REPARSE_TAG_CLOUD_6 = 0x9000601A  # a OneDrive placeholder: not a link


def _windows_stat(mode: int, attributes: int = 0, tag: int = 0, ino: int = 1):
    return SimpleNamespace(
        st_mode=mode, st_file_attributes=attributes, st_reparse_tag=tag, st_dev=7, st_ino=ino, st_uid=0
    )


def test_each_platform_gets_its_adapter():
    assert isinstance(file_systems.for_platform("win32"), WindowsFiles)
    assert isinstance(file_systems.for_platform("darwin"), MacFiles)
    assert type(file_systems.for_platform("linux")) is PosixFiles


@pytest.mark.parametrize("adapter", [PosixFiles(), MacFiles()], ids=["linux", "macos"])
def test_posix_and_macos_read_modes_owners_and_links(tmp_path, adapter):
    private = tmp_path / "private"
    private.write_text("x")
    private.chmod(0o600)
    shared = tmp_path / "shared"
    shared.write_text("x")
    shared.chmod(0o664)
    link = tmp_path / "link"
    link.symlink_to(private)
    assert adapter.owner() == os.getuid() == os.lstat(private).st_uid
    assert adapter.writable_by_others(os.lstat(private)) is False
    assert adapter.writable_by_others(os.lstat(shared)) is True
    assert adapter.open_to_others(os.lstat(shared)) is True
    assert adapter.is_link(os.lstat(link)) and not adapter.is_link(os.lstat(private))
    with pytest.raises(OSError) as refused:
        adapter.open_no_link(link, os.O_WRONLY | os.O_APPEND, 0o600)
    assert refused.value.errno == errno.ELOOP
    adapter.chmod(shared, 0o600)
    assert stat.S_IMODE(os.lstat(shared).st_mode) == 0o600
    assert adapter.unverifiable(tmp_path) is None


def test_windows_links_are_name_surrogate_reparse_points():
    windows = WindowsFiles(environ={})
    regular, folder = stat.S_IFREG | 0o666, stat.S_IFDIR | 0o777
    assert windows.is_link(_windows_stat(stat.S_IFLNK | 0o666, FILE_ATTRIBUTE_REPARSE_POINT, IO_REPARSE_TAG_SYMLINK))
    assert windows.is_link(_windows_stat(folder, FILE_ATTRIBUTE_REPARSE_POINT, IO_REPARSE_TAG_MOUNT_POINT))
    assert not windows.is_link(_windows_stat(regular, FILE_ATTRIBUTE_REPARSE_POINT, IO_REPARSE_TAG_CLOUD_6))
    assert not windows.is_link(_windows_stat(regular))
    assert not windows.is_link(os.lstat(__file__))  # no st_file_attributes off Windows: not a link


def test_windows_cannot_tell_owners_and_writers_and_does_not_pretend():
    windows = WindowsFiles(environ={})
    info = _windows_stat(stat.S_IFREG | 0o666)  # what every writable Windows file says
    assert windows.owner() is None
    assert windows.writable_by_others(info) is None and windows.open_to_others(info) is None


def test_windows_leaves_modes_alone(tmp_path):
    target = tmp_path / "f"
    target.write_text("x")
    target.chmod(0o644)
    WindowsFiles(environ={}).chmod(target, 0o600)  # os.chmod there only toggles read-only
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_windows_open_refuses_a_link_without_o_nofollow(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    planted = tmp_path / "audit.jsonl"
    planted.symlink_to(victim)
    opened: list[int] = []

    def open_without_nofollow(path, flags, mode):
        assert not flags & getattr(os, "O_NOFOLLOW", 0)  # Windows has none
        opened.append(flags)
        return os.open(path, flags, mode)

    windows = WindowsFiles(environ={}, open_=open_without_nofollow)
    with pytest.raises(OSError) as refused:
        windows.open_no_link(planted, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    assert refused.value.errno == errno.ELOOP and opened == []
    assert victim.read_text() == "keep"


def test_windows_open_refuses_a_junction_seen_in_the_entry(tmp_path):
    path = tmp_path / "campaign.sqlite3"
    junction = _windows_stat(stat.S_IFDIR | 0o777, FILE_ATTRIBUTE_REPARSE_POINT, IO_REPARSE_TAG_MOUNT_POINT)
    windows = WindowsFiles(environ={}, lstat=lambda p: junction)
    with pytest.raises(OSError, match="reparse point"):
        windows.open_no_link(path, os.O_WRONLY | os.O_CREAT, 0o600)
    assert not path.exists()


def test_windows_open_refuses_a_file_swapped_in_while_opening(tmp_path):
    path = tmp_path / "audit.jsonl"
    path.write_text("")
    real = os.lstat(path)
    seen = iter([real, _windows_stat(stat.S_IFREG | 0o666, ino=real.st_ino + 1)])
    closed: list[int] = []

    def close(fd):
        closed.append(fd)
        os.close(fd)

    windows = WindowsFiles(environ={}, lstat=lambda p: next(seen), close=close)
    with pytest.raises(OSError, match="changed while being opened"):
        windows.open_no_link(path, os.O_WRONLY | os.O_APPEND, 0o600)
    assert len(closed) == 1


def test_windows_open_appends_to_a_plain_file(tmp_path):
    path = tmp_path / "audit.jsonl"
    fd = WindowsFiles(environ={}).open_no_link(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"one\n")
    finally:
        os.close(fd)
    assert path.read_bytes() == b"one\n"


@pytest.mark.parametrize(
    ("folder", "checkable"),
    [
        (r"C:\Users\helpdesk1\AppData\Local\cogtotp-gui\audit", True),
        (r"c:\users\HELPDESK1\appdata\local\cogtotp-gui", True),  # NTFS names ignore case
        (r"\\fileserver\helpdesk\audit", False),  # a share: its ACL is IT's
        (r"D:\Logs\cogtotp-gui", False),
        (r"C:\Users\helpdesk1\..\helpdesk2\AppData", False),  # not inside once normalised
        (r"C:\Users\helpdesk10\AppData", False),  # a name that only starts like it
    ],
)
def test_windows_says_when_a_folder_is_outside_the_profile(folder, checkable):
    windows = WindowsFiles(environ={"USERPROFILE": r"C:\Users\helpdesk1"})
    note = windows.unverifiable(Path(folder))
    if checkable:
        assert note is None
    else:
        assert note is not None and "outside the user's profile folder" in note and "cannot check an ACL" in note


def test_windows_without_a_profile_variable_cannot_vouch_for_any_folder():
    assert "ACL" in WindowsFiles(environ={}).unverifiable(Path(r"C:\Users\x\AppData"))
