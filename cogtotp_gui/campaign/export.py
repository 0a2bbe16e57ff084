"""Every file the campaign parts export: one CSV rule, one encoding, one safe write (Qt-free).

- **Encoding:** UTF-8 with a byte-order mark and CRLF line ends, which Excel
  opens without asking (Japanese usernames included).
- **Defusing:** a cell that starts with ``= + - @``, a tab or a carriage
  return is a formula (or is read as one) in a spreadsheet: it gets a
  leading ``'`` (:func:`defuse`). Applied to every text cell of every CSV
  export (inventory command and window, session report).
- **Where it goes:** a command cannot ask before it overwrites, so every
  export writes a temporary file beside the target and renames it over the
  target (:func:`replace_file`): a reader never sees half a file, a crash
  leaves the old file. The target must be a regular file or not exist: a
  symbolic link (even one to a regular file), a folder, a FIFO or a device is
  refused with :class:`ExportTargetError`. A new file is readable by its
  owner only (it lists the pool's usernames); a replaced file keeps its mode.

Rules: docs/security.md ("Exports").
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

__all__ = [
    "CSV_ENCODING",
    "FORMULA_START",
    "ExportCancelled",
    "ExportTargetError",
    "defuse",
    "replace_file",
    "write_csv",
]

CSV_ENCODING = "utf-8-sig"
CSV_LINE_END = "\r\n"
# A spreadsheet runs a cell that starts with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# How often (rows) write_csv reports progress and looks at its cancel flag.
PROGRESS_EVERY = 2000


class ExportTargetError(OSError):
    """The export's target is a link or not a regular file: nothing was written.

    An ``OSError`` (``errno`` ``ELOOP`` for a link, ``EISDIR`` or ``EINVAL``
    otherwise) whose ``filename`` is the target, so the callers' usual
    "cannot write FILE: reason" handling applies.
    """


class ExportCancelled(Exception):
    """The export was cancelled: the target was left as it was."""


def defuse(value: object) -> str:
    """``value`` as a CSV cell that no spreadsheet runs as a formula ("" for None)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def check_target(path: str | os.PathLike[str]) -> None:
    """Raise :class:`ExportTargetError` unless ``path`` is a regular file or absent."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise ExportTargetError(errno.ELOOP, "is a symbolic link; refusing to follow it", os.fspath(path))
    if stat.S_ISDIR(info.st_mode):
        raise ExportTargetError(errno.EISDIR, "is a folder", os.fspath(path))
    if not stat.S_ISREG(info.st_mode):
        raise ExportTargetError(errno.EINVAL, "is not a regular file", os.fspath(path))


@contextlib.contextmanager
def replace_file(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[str]]:
    """A text handle on a temporary file that replaces ``path`` when the block ends without error.

    The target is checked first (:func:`check_target`); ``os.replace`` then
    swaps the finished file in (a rename never follows a link at the target,
    so one planted after the check is replaced, not written through). On
    any error, or :class:`ExportCancelled`, the temporary file is removed
    and the target is left untouched.
    """
    target = Path(path)
    check_target(target)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        mode = None
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)  # 0600
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_csv(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    on_progress: Callable[[int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write ``header`` and ``rows`` to ``path`` as the campaign's CSV; returns the number of rows.

    Every cell goes through :func:`defuse`. ``rows`` is consumed as it comes
    (a generator keeps memory flat for a million rows); ``on_progress(n)`` is
    called every :data:`PROGRESS_EVERY` rows, and when ``cancelled()`` turns
    true the export stops with :class:`ExportCancelled`, leaving the target
    as it was.
    """
    count = 0
    with replace_file(path, encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator=CSV_LINE_END)
        writer.writerow([defuse(h) for h in header])
        for row in rows:
            writer.writerow([defuse(cell) for cell in row])
            count += 1
            if count % PROGRESS_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelled
                if on_progress is not None:
                    on_progress(count)
    if on_progress is not None:
        on_progress(count)
    return count
