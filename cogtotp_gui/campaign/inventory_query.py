"""Reading the stored inventory: counts, pages of rows, search, exports (Qt-free).

The read side of ``campaign/inventory.py``'s tables, for the Migration
window and the ``inventory`` command. Everything a view asks is answered by
SQL from indexes, so that a pool of a million users never has to be held in
memory (rules in ``docs/inventory.md``, "Storage at scale"):

- counts per state come from ``inventory_counts``, kept by triggers;
- rows come a page at a time in the view's order, the next page keyed on
  the last row shown (no ``OFFSET``, which walks every row before it);
- a search of 3 characters or more uses the FTS5 trigram index
  ``inventory_search`` when this SQLite has it, shorter ones (or an SQLite
  without it) a ``LIKE`` scan (case-insensitive for ASCII letters);
- an export streams rows from one cursor (constant memory).

One :class:`InventoryQuery` per thread (sqlite3 connections are not shared).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cogtotp_gui.campaign.database import (
    Database,
    DatabaseUnavailable,
    open_database,
    open_read_only,
    translated_errors,
)
from cogtotp_gui.campaign.export import replace_file, write_csv
from cogtotp_gui.campaign.inventory import INVENTORY_SCHEMA, MFA_STATES
from cogtotp_gui.campaign.trend import Point, Trend, daily_totals, trend

__all__ = [
    "COLUMNS",
    "PAGE_ROWS",
    "InventoryQuery",
    "Row",
    "View",
    "export_record",
    "iso",
    "write_inventory_csv",
    "write_inventory_json",
]

# username, enabled (0/1), user_status, mfa, preferred, checked_at
Row = tuple[str, int, str, str, str, float]
COLUMNS = ("username", "enabled", "user_status", "mfa", "preferred", "checked_at")
PAGE_ROWS = 500
# Trigrams: a search shorter than this cannot use the index.
INDEXED_SEARCH_MIN = 3
_SELECT = "SELECT u.username, u.enabled, u.user_status, u.mfa, u.preferred, u.checked_at FROM "
# An indexed search is driven from the search index (CROSS JOIN fixes the
# order): left to itself SQLite walks the whole pool's username index and
# probes each row against the matches, seconds at a million users.
_FROM_USERS = "inventory_users u"
_FROM_SEARCH = "inventory_search s CROSS JOIN inventory_users u ON u.rowid = s.rowid"


@dataclass(frozen=True)
class View:
    """What a view shows: a search (part of a username, any case), a state ('' = all), an order."""

    search: str = ""
    state: str = ""
    sort: str = "username"  # one of COLUMNS
    descending: bool = False


def iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


def export_record(row: Row) -> tuple[str, str, str, str, str, str]:
    """A row as the exports write it (enabled as true/false, the time in UTC ISO 8601)."""
    return (row[0], "true" if row[1] else "false", row[2], row[3], row[4], iso(row[5]))


def write_inventory_csv(
    path: str | Path,
    rows: Iterator[Row] | Sequence[Row],
    *,
    on_progress: Callable[[int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """The inventory's CSV through the campaign's one writer (``campaign/export.py``)."""
    return write_csv(path, COLUMNS, (export_record(row) for row in rows), on_progress=on_progress, cancelled=cancelled)


def write_inventory_json(path: str | Path, rows: Iterator[Row] | Sequence[Row]) -> int:
    """One object per user, a JSON array, written the same safe way as the CSV (one object a line)."""
    count = 0
    with replace_file(path, encoding="utf-8") as handle:
        handle.write("[")
        for row in rows:
            record = dict(zip(COLUMNS, export_record(row), strict=True))
            record["enabled"] = bool(row[1])  # type: ignore[assignment]  # JSON keeps a real boolean
            handle.write(("\n " if count == 0 else ",\n ") + json.dumps(record, ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class InventoryQuery:
    """Read one pool's stored inventory (one connection: use from one thread)."""

    def __init__(self, database: Database, pool_id: str) -> None:
        self.db = database
        self.pool_id = pool_id
        with translated_errors(database.path):
            self.indexed = (
                database.connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'inventory_search'").fetchone()
                is not None
            )

    @classmethod
    def open(cls, path: Path | None, pool_id: str) -> InventoryQuery:
        """Open (creating and migrating if needed: may take a while on a big file, so not on the UI thread)."""
        return cls(open_database(path, schemas=[INVENTORY_SCHEMA]), pool_id)

    @classmethod
    def open_reader(cls, path: Path | None, pool_id: str) -> InventoryQuery:
        """A read-only connection to a database :meth:`open` has already migrated: it never takes
        the write lock, so a scan writing meanwhile never makes it wait (WAL readers do not block)."""
        return cls(open_read_only(path), pool_id)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> InventoryQuery:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _all(self, sql: str, args: Sequence[Any]) -> list[Any]:
        with translated_errors(self.db.path):
            return self.db.connection.execute(sql, tuple(args)).fetchall()

    # -- counts ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Users per state (every state present, 0 where none)."""
        counts = dict.fromkeys(MFA_STATES, 0)
        for mfa, users in self._all("SELECT mfa, users FROM inventory_counts WHERE pool_id = ?", (self.pool_id,)):
            counts[str(mfa)] = int(users)
        return counts

    def total(self) -> int:
        return sum(self.counts().values())

    def last_scan(self) -> tuple[int, bool, float] | None:
        """(id, exact, finished_at) of the pool's latest finished scan."""
        rows = self._all(
            "SELECT id, exact, finished_at FROM inventory_scans WHERE pool_id = ? AND finished_at IS NOT NULL"
            " ORDER BY finished_at DESC LIMIT 1",
            (self.pool_id,),
        )
        return None if not rows else (int(rows[0][0]), bool(rows[0][1]), float(rows[0][2]))

    # -- rows --------------------------------------------------------------------------

    def _where(self, view: View) -> tuple[str, str, list[Any]]:
        """(FROM, WHERE, arguments) of ``view``'s rows (columns as ``u.*``)."""
        source, clauses, args = _FROM_USERS, ["u.pool_id = ?"], [self.pool_id]
        search = view.search.strip()
        if search:
            if self.indexed and len(search) >= INDEXED_SEARCH_MIN:
                source = _FROM_SEARCH
                clauses.insert(0, "s.inventory_search MATCH ?")
                args.insert(0, _fts_phrase(search))
            else:
                clauses.append("u.username LIKE ? ESCAPE '\\'")
                args.append(_like_pattern(search))
        if view.state:
            clauses.append("u.mfa = ?")
            args.append(view.state)
        return source, " WHERE " + " AND ".join(clauses), args

    def matching(self, view: View) -> int:
        """How many users ``view`` shows (from the counts when there is no search)."""
        if not view.search.strip():
            counts = self.counts()
            return counts.get(view.state, 0) if view.state else sum(counts.values())
        source, where, args = self._where(view)
        return int(self._all(f"SELECT COUNT(*) FROM {source}{where}", args)[0][0])

    def page(self, view: View, after: Row | None = None, limit: int = PAGE_ROWS) -> list[Row]:
        """Up to ``limit`` rows of ``view`` in its order, those after ``after`` (a row of the previous page)."""
        if view.sort not in COLUMNS:
            raise ValueError(f"cannot sort by {view.sort!r}")
        source, where, args = self._where(view)
        direction = "DESC" if view.descending else "ASC"
        column = f"u.{view.sort}"
        if after is not None:
            compare = "<" if view.descending else ">"
            if view.sort == "username":
                where += f" AND u.username {compare} ?"
                args.append(after[0])
            else:
                where += f" AND ({column}, u.username) {compare} (?, ?)"
                args.extend((after[COLUMNS.index(view.sort)], after[0]))
        order = f" ORDER BY {column} {direction}" + ("" if view.sort == "username" else f", u.username {direction}")
        rows: list[Row] = [tuple(r) for r in self._all(_SELECT + source + where + order + " LIMIT ?", [*args, limit])]
        return rows

    def rows(self, view: View = View()) -> Iterator[Row]:
        """Every row of ``view`` in its order, streamed a page at a time (memory stays flat)."""
        after: Row | None = None
        while True:
            page = self.page(view, after, 5000)
            yield from page
            if len(page) < 5000:
                return
            after = page[-1]

    def usernames(self, view: View, limit: int | None = None) -> list[str]:
        """The usernames ``view`` shows, in its order (the first ``limit``)."""
        names: list[str] = []
        for row in self.rows(view):
            if limit is not None and len(names) >= limit:
                break
            names.append(row[0])
        return names


@dataclass(frozen=True)
class Summary:
    """What the Migration window shows first: counts, the last scan, the first page of its view."""

    counts: dict[str, int]
    last_scan: tuple[int, bool, float] | None
    first_page: list[Row]
    history: History | None = None


def load_summary(path: Path | None, pool_id: str, view: View = View()) -> Summary:
    """Open (and migrate) the database and read a :class:`Summary` with the history (on a worker)."""
    with InventoryQuery.open(path, pool_id) as query:
        return Summary(query.counts(), query.last_scan(), query.page(view, None, PAGE_ROWS), history(query))


@dataclass(frozen=True)
class ScanCounts:
    """One finished scan's counts per state (what ``inventory_scan_counts`` kept)."""

    scan_id: int
    finished_at: float
    exact: bool
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def scan_history(query: InventoryQuery) -> list[ScanCounts]:
    """Every finished scan of the pool with its counts, oldest first."""
    scans: dict[int, ScanCounts] = {}
    for scan_id, finished_at, exact, mfa, users in query._all(
        "SELECT s.id, s.finished_at, s.exact, c.mfa, c.users FROM inventory_scans s"
        " JOIN inventory_scan_counts c ON c.scan_id = s.id"
        " WHERE s.pool_id = ? AND s.finished_at IS NOT NULL ORDER BY s.finished_at, s.id",
        (query.pool_id,),
    ):
        entry = scans.get(scan_id)
        if entry is None:
            entry = scans[scan_id] = ScanCounts(
                int(scan_id), float(finished_at), bool(exact), dict.fromkeys(MFA_STATES, 0)
            )
        entry.counts[str(mfa)] = int(users)
    return list(scans.values())


def enrolled_moments(query: InventoryQuery) -> list[float]:
    """When each user was enrolled in an onboarding session (training sessions left out).

    Sessions do not record their pool: these are every real session's
    enrolments on this computer, which is the pool the operator works on.
    """
    try:
        rows = query._all(
            "SELECT u.finished_at FROM sessions_users u JOIN sessions_sessions s ON s.id = u.session_id"
            " WHERE s.training = 0 AND u.state IN ('enrolled', 'verified') AND u.finished_at IS NOT NULL",
            (),
        )
    except DatabaseUnavailable:  # no sessions table yet (a database only the inventory has opened)
        return []
    return [float(r[0]) for r in rows]


@dataclass(frozen=True)
class History:
    """Progress over time: the SMS count after each scan (its trend) and enrolments a day."""

    scans: list[ScanCounts]
    sms: Trend
    enrolled: list[Point]


def history(query: InventoryQuery, *, utc_offset_s: float | None = None) -> History:
    """The pool's :class:`History` (days are local days unless ``utc_offset_s`` says otherwise)."""
    scans = scan_history(query)
    offset = -time.timezone if utc_offset_s is None else utc_offset_s
    return History(
        scans,
        trend(Point(s.finished_at, s.counts.get("sms", 0)) for s in scans),
        daily_totals(enrolled_moments(query), utc_offset_s=offset),
    )


def load_history(path: Path | None, pool_id: str) -> History:
    """Open the database and read the pool's :class:`History` (on a worker)."""
    with InventoryQuery.open(path, pool_id) as query:
        return history(query)
