"""The OS calls behind the private-file rules, one adapter per kind of system.

:mod:`cogtotp_gui.platform.private_files` states the rules (a folder the app
creates is private, a file is a regular file of this account that nobody else
may write, a link is never followed). How each rule is checked differs:

**Linux and other POSIX systems** (:class:`PosixFiles`): mode bits and the
owner's uid; ``O_NOFOLLOW`` makes opening a planted symbolic link fail.

**macOS** (:class:`MacFiles`): the same POSIX calls and the same answers
(``O_NOFOLLOW``, ``st_uid``, mode bits all exist). What differs: a file or
folder may also carry an *extended ACL* (``chmod +a``, shown by ``ls -le``)
that grants another account write access the mode bits do not show. Reading
one needs ``acl_get_file`` (native code); the app does not, so such a grant
is not seen. The app's own folder, ``~/Library/Application Support/cogtotp-gui``,
lies inside ``~/Library``, which is 0700 and carries no such ACL by default.

**Windows** (:class:`WindowsFiles`): there are no uids and no mode bits
(``st_uid`` is 0, ``st_mode`` only says read-only or not; ``os.chmod`` only
sets the read-only attribute). Who may read or write a file is its ACL, and
only native code (``GetNamedSecurityInfoW`` for the owner SID and the DACL)
could check one: the adapter answers "cannot tell" rather than fake it. What
protects the app's files there is where they are: ``%LOCALAPPDATA%\\cogtotp-gui``
is inside the user's profile, whose folders inherit an ACL that gives the
user, SYSTEM and Administrators access and nobody else; a folder outside the
profile (``COGTOTP_AUDIT_DIR``/``COGTOTP_DATA_DIR`` on a share) has whatever
ACL its administrator gave it, and :meth:`WindowsFiles.unverifiable` says
so. Links are *reparse points*: symbolic links, directory junctions and WSL
links are reparse points whose tag is a "name surrogate"
(``st_file_attributes & FILE_ATTRIBUTE_REPARSE_POINT`` and the tag's
surrogate bit), and they are refused; other reparse points (OneDrive
placeholders, deduplicated files) are the file itself. Windows has no
``O_NOFOLLOW``: the adapter looks at the entry first (``lstat``), refuses a
link, opens, and refuses the opened file if it is not the entry it looked at
(another file swapped in between). ``O_BINARY`` keeps ``os.write`` from
turning ``\\n`` into ``\\r\\n``.

Every adapter takes its OS calls as arguments, so each branch runs on any
system with the platform chosen by the caller
(tests/unit/test_file_systems.py). Qt-free; ``os``, ``stat`` and ``sys`` only.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath
from typing import Any

__all__ = [
    "FILE_ATTRIBUTE_REPARSE_POINT",
    "FileSystem",
    "MacFiles",
    "PosixFiles",
    "WindowsFiles",
    "for_platform",
]

# winnt.h; stat.FILE_ATTRIBUTE_REPARSE_POINT exists on every system's Python
# but is spelled out here so the rule reads on its own.
FILE_ATTRIBUTE_REPARSE_POINT = 0x400
# A reparse tag whose bit 29 is set "names another entity" (IsReparseTagNameSurrogate):
# IO_REPARSE_TAG_SYMLINK, _MOUNT_POINT (junction), _LX_SYMLINK...
_NAME_SURROGATE = 0x20000000

Stat = Callable[[Any], os.stat_result]


class FileSystem:
    """What a rule asks of the OS. Subclasses answer for one kind of system."""

    name = "?"

    def owner(self) -> int | None:
        """This account's owner id; ``None`` where the OS has none to compare."""
        raise NotImplementedError

    def is_link(self, info: os.stat_result) -> bool:
        """The entry (``lstat``) is a link of some kind, never to be followed."""
        raise NotImplementedError

    def writable_by_others(self, info: os.stat_result) -> bool | None:
        """Group or other accounts may write it; ``None``: only an ACL could tell."""
        raise NotImplementedError

    def open_to_others(self, info: os.stat_result) -> bool | None:
        """Group or other accounts may read, write or enter it; ``None``: cannot tell."""
        raise NotImplementedError

    def chmod(self, path: Path, mode: int) -> None:
        """Make ``path`` owner-only (where modes mean that)."""
        raise NotImplementedError

    def open_no_link(self, path: Path, flags: int, mode: int) -> int:
        """``os.open`` that fails rather than follow a link at ``path``."""
        raise NotImplementedError

    def unverifiable(self, path: Path) -> str | None:
        """A sentence on what cannot be checked for files in ``path`` (for the log), or None."""
        return None


class PosixFiles(FileSystem):
    """Linux and other POSIX systems: uid and mode bits, ``O_NOFOLLOW``.

    Args:
        getuid: this account's uid (``os.getuid``).
        chmod, open_: the OS calls (``os.chmod``, ``os.open``).
    """

    name = "posix"

    def __init__(
        self,
        *,
        getuid: Callable[[], int] | None = None,
        chmod: Callable[[Any, int], None] = os.chmod,
        open_: Callable[[Any, int, int], int] = os.open,
    ) -> None:
        self._getuid = getuid if getuid is not None else getattr(os, "getuid", lambda: -1)
        self._chmod = chmod
        self._open = open_

    def owner(self) -> int | None:
        return self._getuid()

    def is_link(self, info: os.stat_result) -> bool:
        return stat.S_ISLNK(info.st_mode)

    def writable_by_others(self, info: os.stat_result) -> bool | None:
        return bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))

    def open_to_others(self, info: os.stat_result) -> bool | None:
        return bool(info.st_mode & 0o077)

    def chmod(self, path: Path, mode: int) -> None:
        self._chmod(path, mode)

    def open_no_link(self, path: Path, flags: int, mode: int) -> int:
        return self._open(path, flags | getattr(os, "O_NOFOLLOW", 0), mode)


class MacFiles(PosixFiles):
    """macOS: the POSIX answers; an extended ACL granting writes is not seen (see the module)."""

    name = "macos"


class WindowsFiles(FileSystem):
    """Windows: reparse points for links, ACLs (not checked) for owners and writers.

    Args:
        environ: where ``USERPROFILE`` is read (``os.environ``).
        lstat, fstat, open_, close: the OS calls.
    """

    name = "windows"

    def __init__(
        self,
        *,
        environ: Mapping[str, str] | None = None,
        lstat: Stat = os.lstat,
        fstat: Callable[[int], os.stat_result] = os.fstat,
        open_: Callable[[Any, int, int], int] = os.open,
        close: Callable[[int], None] = os.close,
    ) -> None:
        self._environ = environ if environ is not None else os.environ
        self._lstat = lstat
        self._fstat = fstat
        self._open = open_
        self._close = close

    def owner(self) -> int | None:
        return None  # owners are SIDs in the ACL: only native code could read them

    def is_link(self, info: os.stat_result) -> bool:
        if stat.S_ISLNK(info.st_mode):
            return True
        attributes = getattr(info, "st_file_attributes", 0)
        tag = getattr(info, "st_reparse_tag", 0)
        return bool(attributes & FILE_ATTRIBUTE_REPARSE_POINT) and bool(tag & _NAME_SURROGATE)

    def writable_by_others(self, info: os.stat_result) -> bool | None:
        return None  # an ACL question

    def open_to_others(self, info: os.stat_result) -> bool | None:
        return None  # an ACL question

    def chmod(self, path: Path, mode: int) -> None:
        pass  # os.chmod would only set or clear the read-only attribute

    def open_no_link(self, path: Path, flags: int, mode: int) -> int:
        """Look, refuse a link, open, and refuse a file swapped in between.

        Raises:
            OSError: ``path`` is a link (``ELOOP``, as ``O_NOFOLLOW`` says it),
                or the opened file is not the entry looked at.
        """
        import errno

        try:
            before: os.stat_result | None = self._lstat(path)
        except FileNotFoundError:
            before = None
        if before is not None and self.is_link(before):
            raise OSError(errno.ELOOP, "is a link (reparse point); refused", str(path))
        fd = self._open(path, flags | getattr(os, "O_BINARY", 0), mode)
        try:
            after = self._lstat(path)
            opened = self._fstat(fd)
            if self.is_link(after) or (before is not None and _identity(before) != _identity(after)):
                raise OSError(errno.ELOOP, "changed while being opened; refused", str(path))
            if _identity(opened) != _identity(after):
                raise OSError(errno.ELOOP, "the opened file is not the one at this path; refused", str(path))
        except BaseException:
            self._close(fd)
            raise
        return fd

    def unverifiable(self, path: Path) -> str | None:
        import ntpath

        profile = self._environ.get("USERPROFILE", "").strip()
        target = PureWindowsPath(ntpath.normpath(str(path)))
        if profile and _is_inside(target, PureWindowsPath(ntpath.normpath(profile))):
            return None
        return (
            f"{path} is outside the user's profile folder: its Windows ACL decides who may read "
            "or change the files there, and the app cannot check an ACL"
        )


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _is_inside(path: PureWindowsPath, folder: PureWindowsPath) -> bool:
    parts = [part.casefold() for part in path.parts]
    base = [part.casefold() for part in folder.parts]
    return parts[: len(base)] == base


def for_platform(platform: str = sys.platform) -> FileSystem:
    """The adapter for ``platform`` (``sys.platform``'s spelling)."""
    if platform == "win32":
        return WindowsFiles()
    if platform == "darwin":
        return MacFiles()
    return PosixFiles()
