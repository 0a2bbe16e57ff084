"""Files only this account may read or change: the audit trail, the campaign database.

Both hold personal data (who was helped, by whom, why), and both may live in
a folder an administrator chose (``COGTOTP_AUDIT_DIR``, ``COGTOTP_DATA_DIR``),
perhaps a shared one. So the same rules apply to both (docs/security.md,
"Private files"):

- a folder the app creates is 0700, a file it creates 0600;
- a symbolic link is never followed: a planted ``campaign.sqlite3`` or
  ``audit.jsonl`` that points at another file of ours is refused;
- a file must be a regular file owned by this account that neither group nor
  others may write (a planted 0666 file could be forged or emptied): refused
  otherwise, never repaired;
- :func:`tighten_file` and :func:`private_folder` with ``tighten=True`` bring
  an older installation in line (a 0644 database, a 0755 folder of ours):
  read bits for others are removed, since nothing of another account can be
  in the file.

The OS calls (``os.lstat``, ``os.chmod``, the ``os.open`` flags, the
``st_mode`` tests, the owner) are each in one small function below, which
asks this system's adapter (:data:`FILES`,
:mod:`cogtotp_gui.platform.file_systems`): POSIX and macOS answer with uid
and mode bits; Windows has no owner id and no mode bits, so the owner and
writer checks are skipped there (an ACL question only native code could
answer), links are name-surrogate reparse points, and a file is opened after
a look at its entry since there is no ``O_NOFOLLOW``. Tests replace
:data:`FILES` to run each system's branch here.

Qt-free and cheap to import (``os``, ``stat``, ``enum``, ``logging`` only).
"""

from __future__ import annotations

import enum
import logging
import os
import stat
from pathlib import Path

from cogtotp_gui.platform.file_systems import FileSystem, for_platform

__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "UnsafeFile",
    "Unsafety",
    "check_opened",
    "create_private_file",
    "open_private_append",
    "private_folder",
    "tighten_file",
]

FOLDER_MODE = 0o700
FILE_MODE = 0o600

log = logging.getLogger(__name__)

# This system's OS calls; tests put another system's adapter here.
FILES: FileSystem = for_platform()


class Unsafety(enum.Enum):
    """Why a file or folder is refused."""

    LINK = "link"  # a symbolic link (planted, or not: never followed)
    NOT_REGULAR = "not_regular"  # a folder, a FIFO, a device where a file should be
    OTHER_OWNER = "other_owner"  # belongs to another account
    WRITABLE_BY_OTHERS = "writable_by_others"  # group or others may write it


_WORDS = {
    Unsafety.LINK: "is a symbolic link",
    Unsafety.NOT_REGULAR: "is not a regular file",
    Unsafety.OTHER_OWNER: "belongs to another account",
    Unsafety.WRITABLE_BY_OTHERS: "may be written by other accounts",
}


class UnsafeFile(Exception):
    """A file or folder that breaks the rules above; ``problem`` says which.

    The message names the rule, never the file's content.
    """

    def __init__(self, problem: Unsafety, path: Path, what: str = "file") -> None:
        self.problem = problem
        self.path = path
        super().__init__(f"the {what} {_WORDS[problem]}; refused")


# -- the OS calls (replace these for another platform) ------------------------


def current_owner() -> int | None:
    """This account's owner id, or None where files have no such id (Windows)."""
    return FILES.owner()


def _lstat(path: Path) -> os.stat_result:
    return os.lstat(path)


def _stat(path: Path) -> os.stat_result:
    return os.stat(path)


def _fstat(fd: int) -> os.stat_result:
    return os.fstat(fd)


def _chmod(path: Path, mode: int) -> None:
    # follow_symlinks=False is not supported everywhere; callers lstat first.
    FILES.chmod(path, mode)


def _open_no_link(path: Path, flags: int, mode: int) -> int:
    """``os.open`` that fails (``ELOOP``) rather than follow a link at ``path``."""
    return FILES.open_no_link(path, flags, mode)


def _is_link(info: os.stat_result) -> bool:
    return FILES.is_link(info)


def _is_regular(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode)


def _writable_by_others(info: os.stat_result) -> bool:
    """Group or others may write it (False where only an ACL could tell: Windows)."""
    return FILES.writable_by_others(info) is True


def _open_to_others(info: os.stat_result) -> bool:
    """Group or others may read, write or enter it (False where only an ACL could tell)."""
    return FILES.open_to_others(info) is True


# -- the rules ----------------------------------------------------------------

_noted: set[Path] = set()


def _check_owner_and_writers(info: os.stat_result, path: Path, what: str) -> None:
    owner = current_owner()
    if owner is None:
        return
    if info.st_uid != owner:
        raise UnsafeFile(Unsafety.OTHER_OWNER, path, what)
    if _writable_by_others(info):
        raise UnsafeFile(Unsafety.WRITABLE_BY_OTHERS, path, what)


def check_opened(fd: int, path: Path, what: str = "file") -> None:
    """Refuse an opened file that is not a regular file of ours, private to writes.

    Raises:
        UnsafeFile: see :class:`Unsafety`.
    """
    info = _fstat(fd)
    if not _is_regular(info):
        raise UnsafeFile(Unsafety.NOT_REGULAR, path, what)
    _check_owner_and_writers(info, path, what)


def open_private_append(path: Path, what: str = "file") -> int:
    """``path`` opened for appending (created 0600), never through a link.

    Returns:
        The file descriptor; the caller closes it.

    Raises:
        OSError: cannot be opened (a planted link: ``ELOOP``).
        UnsafeFile: not a regular file of ours, or others may write it.
    """
    fd = _open_no_link(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        check_opened(fd, path, what)
    except BaseException:
        os.close(fd)
        raise
    return fd


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 unless something is there already.

    Used before a library (sqlite3) opens a file it would create with the
    umask's mode. Never follows a link.

    Returns:
        Whether the file was created.
    """
    try:
        fd = _open_no_link(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def tighten_file(path: Path, what: str = "file") -> bool:
    """Check an existing file by its own entry (links are not followed) and
    make it 0600 if others may read it.

    Returns:
        Whether the file exists.

    Raises:
        UnsafeFile: a link, not a regular file, another account's, or
            writable by group or others (refused, not repaired).
        OSError: the check or the change failed.
    """
    try:
        info = _lstat(path)
    except FileNotFoundError:
        return False
    if _is_link(info):
        raise UnsafeFile(Unsafety.LINK, path, what)
    if not _is_regular(info):
        raise UnsafeFile(Unsafety.NOT_REGULAR, path, what)
    _check_owner_and_writers(info, path, what)
    if current_owner() is not None and _open_to_others(info):
        _chmod(path, FILE_MODE)
    return True


def private_folder(path: Path, *, tighten: bool, what: str = "folder") -> None:
    """Create ``path`` (and its parents) with mode 0700 if missing.

    Args:
        tighten: also make an existing folder of ours 0700 and refuse one of
            another account (the campaign database, whose 0700 folder is
            what closes the race between the link check and sqlite3's own
            open). Without it an existing folder keeps its mode and owner
            (the audit trail: IT may share its folder on purpose; the file's
            own checks protect it there).

    Raises:
        UnsafeFile: with ``tighten``, the folder belongs to another account.
        OSError: it cannot be created or changed.
    """
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    note = FILES.unverifiable(path)
    if note is not None and path not in _noted:  # once per folder, not per record
        _noted.add(path)
        log.warning("%s: %s", what, note)
    if not tighten or current_owner() is None:
        return
    # The folder itself may be reached through a link an administrator made
    # (COGTOTP_DATA_DIR=~/link): what counts is the folder it leads to.
    info = _stat(path)
    if info.st_uid != current_owner():
        raise UnsafeFile(Unsafety.OTHER_OWNER, path, what)
    if _open_to_others(info):
        _chmod(path, FOLDER_MODE)
