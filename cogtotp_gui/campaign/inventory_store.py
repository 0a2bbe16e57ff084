"""The inventory's records in SQLite: :class:`~.store.InventoryRecords` over the
campaign database's ``inventory_*`` tables (their schema: ``inventory.py``).

The scan (``inventory.py``) reaches its rows, its listing's parts and its
resume point only through the protocol; :class:`InventoryStore` is the
SQLite implementation, and :class:`~.sqlite_store.SqliteCampaignStore`
inherits it. What each method does is said once, on the protocol.

Qt-free; imports no inventory code at module level (the schema is loaded
when a store is opened), so a session's store costs nothing of it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from cogtotp_gui.campaign.database import Database, open_database, translated_errors
from cogtotp_gui.campaign.store import MFA_STATES, ListedPage, ListedUser, ReadUser, ScanState, UserRow

__all__ = ["InventoryStore"]

# A listed user: inserted, or updated from the list; an exact scan keeps what
# an earlier read found (mfa, preferred, checked_at) until it reads the user.
# Parameters: pool, username, enabled, status, mfa, checked_at, scan, then
# the exact flag three times.
_UPSERT_LISTED = (
    "INSERT INTO inventory_users (pool_id, username, enabled, user_status, mfa, preferred,"
    " checked_at, listed_scan) VALUES (?, ?, ?, ?, ?, '', ?, ?)"
    " ON CONFLICT (pool_id, username) DO UPDATE SET enabled = excluded.enabled,"
    " user_status = excluded.user_status, listed_scan = excluded.listed_scan,"
    " mfa = CASE WHEN ? THEN inventory_users.mfa ELSE excluded.mfa END,"
    " preferred = CASE WHEN ? THEN inventory_users.preferred ELSE '' END,"
    " checked_at = CASE WHEN ? THEN inventory_users.checked_at ELSE excluded.checked_at END"
)


class InventoryStore:
    """:class:`~cogtotp_gui.campaign.store.InventoryRecords` in the campaign
    database (one per thread: a sqlite3 connection is)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def db(self) -> Database:
        return self._database

    @classmethod
    def open(cls, path: Path | None = None) -> InventoryStore:
        from cogtotp_gui.campaign.inventory import INVENTORY_SCHEMA

        return cls(open_database(path, schemas=[INVENTORY_SCHEMA]))

    def close(self) -> None:
        self.db.close()

    def _value(self, sql: str, params: Sequence[object]) -> Any:
        with translated_errors(self.db.path):
            row = self.db.connection.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def unfinished_scan(self, pool_id: str, exact: bool) -> int | None:
        with translated_errors(self.db.path):
            row = self.db.connection.execute(
                "SELECT id, exact FROM inventory_scans WHERE pool_id = ? AND finished_at IS NULL ORDER BY id DESC",
                (pool_id,),
            ).fetchone()
        if row is None or bool(row[1]) != exact:
            return None
        return int(row[0])

    def last_scan(self, pool_id: str | None = None) -> tuple[int, str, bool, float | None] | None:
        sql = "SELECT id, pool_id, exact, finished_at FROM inventory_scans WHERE finished_at IS NOT NULL"
        args: tuple[Any, ...] = ()
        if pool_id:
            sql += " AND pool_id = ?"
            args = (pool_id,)
        with translated_errors(self.db.path):
            row = self.db.connection.execute(sql + " ORDER BY finished_at DESC LIMIT 1", args).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), bool(row[2]), row[3])

    def last_exact_scan_start(self, pool_id: str) -> float | None:
        started = self._value(
            "SELECT started_at FROM inventory_scans WHERE pool_id = ? AND exact = 1 AND finished_at IS NOT NULL"
            " ORDER BY finished_at DESC LIMIT 1",
            (pool_id,),
        )
        return None if started is None else float(started)

    def counts(self, pool_id: str) -> dict[str, int]:
        counts = dict.fromkeys(MFA_STATES, 0)
        with translated_errors(self.db.path):
            for mfa, number in self.db.connection.execute(
                "SELECT mfa, users FROM inventory_counts WHERE pool_id = ?", (pool_id,)
            ):
                counts[str(mfa)] = int(number)
        return counts

    def users(self, pool_id: str) -> list[UserRow]:
        with translated_errors(self.db.path):
            rows = self.db.connection.execute(
                "SELECT username, enabled, user_status, mfa, preferred, checked_at FROM inventory_users"
                " WHERE pool_id = ? ORDER BY username",
                (pool_id,),
            ).fetchall()
        return [UserRow(r[0], bool(r[1]), r[2], r[3], r[4], float(r[5])) for r in rows]

    # -- a scan's writes ------------------------------------------------------------

    def begin_scan(
        self, pool_id: str, exact: bool, mfa_configuration: str, now: float, parts: Sequence[str]
    ) -> ScanState:
        scan_id = self.unfinished_scan(pool_id, exact)
        with self.db.transaction() as tx:
            if scan_id is None:
                cur = tx.execute(
                    "INSERT INTO inventory_scans (pool_id, exact, started_at, mfa_configuration) VALUES (?, ?, ?, ?)",
                    (pool_id, int(exact), now, mfa_configuration),
                )
                scan_id = int(cur.lastrowid or 0)
            elif exact:
                tx.execute(
                    "UPDATE inventory_scans SET mfa_configuration = ? WHERE id = ?", (mfa_configuration, scan_id)
                )
            listing_done = bool(
                tx.execute("SELECT listing_done FROM inventory_scans WHERE id = ?", (scan_id,)).fetchone()[0]
            )
            walks: dict[str, str | None] = {}
            if not listing_done:
                if not tx.execute("SELECT COUNT(*) FROM inventory_list_parts WHERE scan_id = ?", (scan_id,)).fetchone()[
                    0
                ]:
                    # A new scan, or one an older version began unpartitioned: its
                    # listing (re)starts in parts; reads already made are kept.
                    tx.executemany(
                        "INSERT INTO inventory_list_parts (scan_id, part) VALUES (?, ?)",
                        [(scan_id, part) for part in parts],
                    )
                walks = dict(
                    tx.execute(
                        "SELECT part, token FROM inventory_list_parts WHERE scan_id = ? AND done = 0", (scan_id,)
                    )
                )
        listed = self._value(
            "SELECT COUNT(*) FROM inventory_users WHERE pool_id = ? AND listed_scan = ?", (pool_id, scan_id)
        )
        read_done = self._value(
            "SELECT COUNT(*) FROM inventory_users WHERE pool_id = ? AND listed_scan = ? AND read_scan = listed_scan",
            (pool_id, scan_id),
        )
        pending: tuple[str, ...] = ()
        if exact:
            with translated_errors(self.db.path):
                pending = tuple(
                    r[0]
                    for r in self.db.connection.execute(
                        "SELECT username FROM inventory_users WHERE pool_id = ? AND listed_scan = ?"
                        " AND (read_scan IS NULL OR read_scan != listed_scan) ORDER BY username",
                        (pool_id, scan_id),
                    )
                )
        return ScanState(scan_id, listing_done, walks, int(listed), int(read_done), pending)

    def record_listed(
        self,
        pool_id: str,
        scan_id: int,
        part: str,
        users: Sequence[ListedUser],
        next_token: str | None,
        *,
        exact: bool,
        now: float,
        keep_totp: bool = False,
        reread: Collection[str] = (),
    ) -> ListedPage:
        names = [user.username for user in users]
        with self.db.transaction() as tx:
            kept: set[str] = set()
            if exact and keep_totp and names:
                marks = ",".join("?" * len(names))
                kept = {
                    r[0]
                    for r in tx.execute(
                        "SELECT username FROM inventory_users WHERE pool_id = ? AND mfa = 'totp'"
                        f" AND read_scan IS NOT NULL AND username IN ({marks})",
                        (pool_id, *names),
                    )
                } - set(reread)
            flag = int(exact)
            tx.executemany(
                _UPSERT_LISTED,
                [
                    (pool_id, u.username, int(u.enabled), u.user_status, u.mfa, now, scan_id, flag, flag, flag)
                    for u in users
                ],
            )
            if kept:
                # Kept as an earlier exact read found them: done for this scan, not read again.
                marks = ",".join("?" * len(kept))
                tx.execute(
                    f"UPDATE inventory_users SET read_scan = listed_scan WHERE pool_id = ? AND username IN ({marks})",
                    (pool_id, *kept),
                )
            tx.execute(
                "UPDATE inventory_list_parts SET token = ?, done = ? WHERE scan_id = ? AND part = ?",
                (next_token, int(next_token is None), scan_id, part),
            )
            listing_done = (
                next_token is None
                and not (
                    tx.execute(
                        "SELECT COUNT(*) FROM inventory_list_parts WHERE scan_id = ? AND done = 0", (scan_id,)
                    ).fetchone()[0]
                )
            )
            if listing_done:
                # Users listed by an earlier scan but not by this one are gone.
                tx.execute("DELETE FROM inventory_users WHERE pool_id = ? AND listed_scan != ?", (pool_id, scan_id))
            tx.execute("UPDATE inventory_scans SET listing_done = ? WHERE id = ?", (int(listing_done), scan_id))
        return ListedPage(listing_done, frozenset(kept))

    def record_reads(self, pool_id: str, scan_id: int, reads: Sequence[ReadUser]) -> None:
        with self.db.transaction() as tx:
            for read in reads:
                if read.deleted:
                    tx.execute(
                        "UPDATE inventory_users SET mfa = 'unknown', user_status = 'DELETED', checked_at = ?,"
                        " read_scan = ? WHERE pool_id = ? AND username = ?",
                        (read.checked_at, scan_id, pool_id, read.username),
                    )
                    continue
                tx.execute(
                    "UPDATE inventory_users SET enabled = ?, user_status = ?, mfa = ?, preferred = ?,"
                    " checked_at = ?, read_scan = ? WHERE pool_id = ? AND username = ?",
                    (
                        int(read.enabled),
                        read.user_status,
                        read.mfa,
                        read.preferred,
                        read.checked_at,
                        scan_id,
                        pool_id,
                        read.username,
                    ),
                )

    def finish_scan(self, scan_id: int, now: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE inventory_scans SET finished_at = ? WHERE id = ?", (now, scan_id))
            tx.execute(
                "INSERT OR REPLACE INTO inventory_scan_counts (scan_id, mfa, users)"
                " SELECT ?, mfa, users FROM inventory_counts"
                " WHERE pool_id = (SELECT pool_id FROM inventory_scans WHERE id = ?)",
                (scan_id, scan_id),
            )
