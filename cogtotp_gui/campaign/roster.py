"""A session's roster: the usernames to work through, read from a file or pasted.

Qt-free. A roster comes from a CSV file with a ``username`` column (other
columns are ignored), or from a file or pasted text with one username a line.
Excel writes UTF-8 with a byte-order mark; both with and without are read.
Blank lines and repeated usernames are dropped, and counted, so the
operator can be told what was left out.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import unicodedata

__all__ = ["MAX_ROSTER_USERS", "Roster", "RosterError", "parse_roster_text", "read_roster_file"]

# A session is a room of people, not a pool scan: anything beyond this is
# almost certainly the wrong file (an inventory export of a whole pool).
MAX_ROSTER_USERS = 10_000
USERNAME_COLUMN = "username"
MAX_USERNAME = 128


class RosterError(ValueError):
    """The roster cannot be read. ``reason`` names why, for a translated message.

    Reasons: ``unreadable`` (the file cannot be opened), ``encoding`` (not
    UTF-8), ``empty`` (no username at all), ``too_many``, ``bad_username``
    (``line`` says where).
    """

    def __init__(self, reason: str, *, line: int | None = None, detail: str = "") -> None:
        self.reason = reason
        self.line = line
        super().__init__(reason + (f" (line {line})" if line is not None else "") + (f": {detail}" if detail else ""))


@dataclasses.dataclass(frozen=True)
class Roster:
    """The usernames, in order, with what was dropped on the way.

    Attributes:
        usernames: unique, in the order first seen.
        duplicates: repeated usernames dropped.
        blanks: blank lines (or empty cells) dropped.
        source: the file name, or "" for pasted text.
    """

    usernames: tuple[str, ...]
    duplicates: int = 0
    blanks: int = 0
    source: str = ""

    def __len__(self) -> int:
        return len(self.usernames)

    @property
    def dropped(self) -> int:
        return self.duplicates + self.blanks


def _clean(cell: str) -> str:
    # A BOM can sit inside a cell when files were concatenated; zero-width
    # and other invisible characters come along with copy and paste.
    text = cell.replace("\ufeff", "").replace("\u200b", "")
    return text.strip()


def _valid(username: str) -> bool:
    return len(username) <= MAX_USERNAME and not any(
        unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in username
    )


def _header_column(first_row: list[str]) -> int | None:
    for index, cell in enumerate(first_row):
        if _clean(cell).casefold() == USERNAME_COLUMN:
            return index
    return None


def parse_roster_text(text: str, *, source: str = "") -> Roster:
    """Usernames from CSV text with a ``username`` column, or one a line.

    Raises:
        RosterError: no username at all, too many, or one that cannot be a
            Cognito username (control characters, longer than 128).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    # Excel writes ";" where the decimal separator is a comma.
    delimiter = max(",;\t", key=first.count)
    column = _header_column(next(csv.reader([first], delimiter=delimiter), []))
    cells: list[tuple[int, str]] = []
    if column is None:
        cells = [(number, line) for number, line in enumerate(lines, 1)]
    else:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header_seen = False
        for row in reader:
            if not header_seen:
                header_seen = any(cell.strip() for cell in row)
                continue
            cells.append((reader.line_num, row[column] if column < len(row) else ""))
    seen: set[str] = set()
    usernames: list[str] = []
    duplicates = blanks = 0
    for number, cell in cells:
        username = _clean(cell)
        if not username:
            blanks += 1
            continue
        if not _valid(username):
            raise RosterError("bad_username", line=number)
        if username in seen:
            duplicates += 1
            continue
        seen.add(username)
        usernames.append(username)
        if len(usernames) > MAX_ROSTER_USERS:
            raise RosterError("too_many")
    if not usernames:
        raise RosterError("empty")
    return Roster(tuple(usernames), duplicates=duplicates, blanks=blanks, source=source)


def read_roster_file(path: str | os.PathLike[str]) -> Roster:
    """A roster file: UTF-8, with or without the BOM Excel writes.

    Raises:
        RosterError: ``unreadable``, ``encoding`` or any reason of
            :func:`parse_roster_text`.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise RosterError("unreadable", detail=type(error).__name__) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError("encoding") from None
    return parse_roster_text(text, source=os.path.basename(os.fspath(path)))
