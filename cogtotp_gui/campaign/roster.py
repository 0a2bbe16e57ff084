"""A session's roster: the usernames to work through, read from a file or pasted.

Qt-free. A roster comes from a CSV file with a ``username`` column (other
columns are ignored), or from a file or pasted text with one username a line.
Excel writes UTF-8 with a byte-order mark; both with and without are read.
Blank lines and repeated usernames are dropped, and counted, so the
operator can be told what was left out.

What is not a roster is refused, with the line it was found on
(docs/security.md, "Roster files"): a file over :data:`MAX_ROSTER_BYTES`
(only that much is ever read), anything the CSV reader cannot read (a cell
over its 131,072-character limit), and any line that is not a Cognito
username by the one rule of :mod:`cogtotp_gui.enrollment.usernames` (so an
AWS credentials file or a letter is not stored line by line in the
database and the report).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os

from cogtotp_gui.enrollment.usernames import UsernameProblem, username_problem

__all__ = [
    "MAX_ROSTER_BYTES",
    "MAX_ROSTER_USERS",
    "Roster",
    "RosterError",
    "parse_roster_text",
    "read_roster_file",
]

# A session is a room of people, not a pool scan: anything beyond this is
# almost certainly the wrong file (an inventory export of a whole pool).
MAX_ROSTER_USERS = 10_000
# 10,000 rows of a spreadsheet export with a few columns fit many times over;
# nothing beyond this is read (``/dev/zero`` or a 230 MB file are refused at
# this size, not after filling the memory).
MAX_ROSTER_BYTES = 4 * 1024 * 1024
USERNAME_COLUMN = "username"


class RosterError(ValueError):
    """The roster cannot be read. ``reason`` names why, for a translated message.

    Reasons: ``unreadable`` (the file cannot be opened), ``too_big`` (over
    :data:`MAX_ROSTER_BYTES`), ``encoding`` (not UTF-8), ``csv`` (the CSV
    reader gave up, e.g. a cell over its size limit), ``empty`` (no username
    at all), ``too_many`` (over :data:`MAX_ROSTER_USERS`), ``bad_username``
    (``problem`` says why: a :class:`UsernameProblem`). ``line`` is the line
    of the file or text the reason was found on (``None`` for the whole).
    """

    def __init__(
        self,
        reason: str,
        *,
        line: int | None = None,
        problem: UsernameProblem | None = None,
        detail: str = "",
    ) -> None:
        self.reason = reason
        self.line = line
        self.problem = problem
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


def _header_column(first_row: list[str]) -> int | None:
    for index, cell in enumerate(first_row):
        if _clean(cell).casefold() == USERNAME_COLUMN:
            return index
    return None


def parse_roster_text(text: str, *, source: str = "") -> Roster:
    """Usernames from CSV text with a ``username`` column, or one a line.

    Raises:
        RosterError: ``csv``, ``empty``, ``too_many`` or ``bad_username``
            (not a Cognito username: whitespace inside, a control or format
            character, longer than 128), each with its line.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    first_number, first = next(((n, line) for n, line in enumerate(lines, 1) if line.strip()), (1, ""))
    # Excel writes ";" where the decimal separator is a comma.
    delimiter = max(",;\t", key=first.count)
    try:
        column = _header_column(next(csv.reader([first], delimiter=delimiter), []))
    except csv.Error:
        raise RosterError("csv", line=first_number) from None
    cells: list[tuple[int, str]] = []
    if column is None:
        cells = [(number, line) for number, line in enumerate(lines, 1)]
    else:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header_seen = False
        try:
            for row in reader:
                if not header_seen:
                    header_seen = any(cell.strip() for cell in row)
                    continue
                cells.append((reader.line_num, row[column] if column < len(row) else ""))
        except csv.Error:
            # The line the reader was on (line_num counts the lines it took in).
            raise RosterError("csv", line=reader.line_num or 1) from None
    seen: set[str] = set()
    usernames: list[str] = []
    duplicates = blanks = 0
    for number, cell in cells:
        username = _clean(cell)
        if not username:
            blanks += 1
            continue
        problem = username_problem(username)
        if problem is not None:
            raise RosterError("bad_username", line=number, problem=problem)
        if username in seen:
            duplicates += 1
            continue
        seen.add(username)
        usernames.append(username)
        if len(usernames) > MAX_ROSTER_USERS:
            raise RosterError("too_many", line=number)
    if not usernames:
        raise RosterError("empty")
    return Roster(tuple(usernames), duplicates=duplicates, blanks=blanks, source=source)


def read_roster_file(path: str | os.PathLike[str]) -> Roster:
    """A roster file: UTF-8, with or without the BOM Excel writes.

    Raises:
        RosterError: ``unreadable``, ``too_big``, ``encoding`` (with the
            line of the first byte that is not UTF-8) or any reason of
            :func:`parse_roster_text`.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError("unreadable", detail=type(error).__name__) from None
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError("too_big")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError("encoding", line=data.count(b"\n", 0, error.start) + 1) from None
    return parse_roster_text(text, source=os.path.basename(os.fspath(path)))
