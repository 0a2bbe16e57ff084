"""The campaign store in the local SQLite database (the one-desk default).

Implements :class:`~cogtotp_gui.campaign.store.CampaignStore` over
``campaign.sqlite3`` (``database.py``: private files, WAL,
``synchronous=FULL``, one transaction per write). The sessions' tables are
declared here; the inventory's records are
:class:`~cogtotp_gui.campaign.inventory_store.InventoryStore`'s, inherited,
on the same connection; their schema (``inventory.py``) is loaded and
migrated when first used (a session never pays for the inventory's module
or its migration). What each method does is said once, on the protocol
(``store.py``).

One per thread (a sqlite3 connection is), which the ordered writer
(``writer.py``) provides.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cogtotp_gui.campaign.database import (
    Database,
    Schema,
    ensure_schemas,
    open_database,
    register_schema,
    translated_errors,
)
from cogtotp_gui.campaign.inventory_store import InventoryStore
from cogtotp_gui.campaign.lease import Holder, Lease, LeaseLost, LeaseRecord, SessionHeld
from cogtotp_gui.campaign.queue import QueueEntry, UserState
from cogtotp_gui.campaign.store import SessionInfo, StoredChange, clean_reason

__all__ = ["SESSIONS_SCHEMA", "SqliteCampaignStore"]

SESSIONS_SCHEMA = register_schema(
    Schema(
        "sessions",
        (
            """
            CREATE TABLE sessions_sessions (
                id INTEGER PRIMARY KEY,
                created_at REAL NOT NULL,
                closed_at REAL,
                operator TEXT NOT NULL DEFAULT '',
                connection TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL DEFAULT '',
                training INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE sessions_users (
                session_id INTEGER NOT NULL REFERENCES sessions_sessions(id) ON DELETE CASCADE,
                username TEXT NOT NULL,
                position INTEGER NOT NULL,
                state TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                started_at REAL,
                finished_at REAL,
                PRIMARY KEY (session_id, username)
            );
            CREATE INDEX sessions_users_by_position ON sessions_users (session_id, position);
            """,
            # 2: who holds a session (lease.py): no time in it, a version.
            """
            CREATE TABLE sessions_leases (
                session_id INTEGER PRIMARY KEY REFERENCES sessions_sessions(id) ON DELETE CASCADE,
                operator TEXT NOT NULL,
                host TEXT NOT NULL,
                pid INTEGER NOT NULL,
                version INTEGER NOT NULL
            );
            """,
        ),
    )
)

_COLUMNS = "id, created_at, closed_at, operator, connection, source, training"


def _info(row: tuple[Any, ...]) -> SessionInfo:
    return SessionInfo(
        id=int(row[0]),
        created_at=float(row[1]),
        closed_at=row[2],
        operator=row[3],
        connection=row[4],
        source=row[5],
        training=bool(row[6]),
    )


class SqliteCampaignStore(InventoryStore):
    """:class:`~cogtotp_gui.campaign.store.CampaignStore` in SQLite.

    Args:
        database: an open campaign database (its schemas migrated).
    """

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.database = database
        self._inventory_ready = False

    @classmethod
    def open(cls, path: Path | None = None) -> SqliteCampaignStore:
        """The store in ``path`` (default: the data folder's campaign database)."""
        return cls(open_database(path, schemas=[SESSIONS_SCHEMA]))

    @property
    def db(self) -> Database:
        """The database, with the inventory's tables (what the inherited
        inventory methods use: migrated on their first call)."""
        if not self._inventory_ready:
            from cogtotp_gui.campaign.inventory import INVENTORY_SCHEMA

            ensure_schemas(self.database, [INVENTORY_SCHEMA])
            self._inventory_ready = True
        return self.database

    def close(self) -> None:
        self.database.close()

    # -- sessions -------------------------------------------------------------------

    def create_session(
        self,
        entries: Sequence[QueueEntry],
        *,
        operator: str,
        connection: str,
        source: str = "",
        training: bool = False,
        now: float | None = None,
        holder: Holder | None = None,
    ) -> int:
        created = time.time() if now is None else now
        with self.database.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions_sessions (created_at, operator, connection, source, training) "
                "VALUES (?, ?, ?, ?, ?)",
                (created, operator, connection, source, int(training)),
            )
            session_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO sessions_users (session_id, username, position, state, reason, started_at, finished_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (session_id, e.username, i, e.state.value, clean_reason(e.reason), e.started_at, e.finished_at)
                    for i, e in enumerate(entries)
                ],
            )
            if holder is not None:
                db.execute(
                    "INSERT INTO sessions_leases (session_id, operator, host, pid, version) VALUES (?, ?, ?, ?, 1)",
                    (session_id, holder.operator, holder.host, holder.pid),
                )
        return session_id

    def record_change(self, session_id: int, change: StoredChange, lease: Lease | None = None) -> None:
        entry = change.entry
        with self.database.transaction() as db:
            if lease is not None:
                self._check_lease(db, lease)
            if change.kind == "changed" and entry is not None:
                db.execute(
                    "UPDATE sessions_users SET state = ?, reason = ?, started_at = ?, finished_at = ? "
                    "WHERE session_id = ? AND username = ?",
                    (
                        entry.state.value,
                        clean_reason(entry.reason),
                        entry.started_at,
                        entry.finished_at,
                        session_id,
                        entry.username,
                    ),
                )
            elif change.kind == "added" and entry is not None:
                db.execute(
                    "INSERT OR REPLACE INTO sessions_users (session_id, username, position, state, reason) "
                    "VALUES (?, ?, ?, ?, '')",
                    (session_id, entry.username, change.position, entry.state.value),
                )
            elif change.kind == "removed" and entry is not None:
                db.execute(
                    "DELETE FROM sessions_users WHERE session_id = ? AND username = ?", (session_id, entry.username)
                )
            elif change.kind == "moved":
                db.executemany(
                    "UPDATE sessions_users SET position = ? WHERE session_id = ? AND username = ?",
                    [(i, session_id, name) for i, name in enumerate(change.order)],
                )

    def close_session(self, session_id: int, now: float | None = None) -> None:
        with self.database.transaction() as db:
            db.execute(
                "UPDATE sessions_sessions SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                (time.time() if now is None else now, session_id),
            )

    def _one(self, sql: str, params: Sequence[object] = ()) -> tuple[Any, ...] | None:
        with translated_errors(self.database.path):
            row = self.database.connection.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def session(self, session_id: int) -> SessionInfo | None:
        row = self._one(f"SELECT {_COLUMNS} FROM sessions_sessions WHERE id = ?", (session_id,))
        return _info(row) if row else None

    def latest_session(self) -> SessionInfo | None:
        row = self._one(f"SELECT {_COLUMNS} FROM sessions_sessions ORDER BY created_at DESC, id DESC LIMIT 1")
        return _info(row) if row else None

    def unfinished_session(self, *, training: bool | None = None) -> SessionInfo | None:
        query = (
            f"SELECT {_COLUMNS} FROM sessions_sessions s WHERE closed_at IS NULL "
            "AND EXISTS (SELECT 1 FROM sessions_users u WHERE u.session_id = s.id AND u.state IN (?, ?))"
        )
        params: list[object] = [UserState.WAITING.value, UserState.IN_PROGRESS.value]
        if training is not None:
            query += " AND training = ?"
            params.append(int(training))
        row = self._one(query + " ORDER BY created_at DESC, id DESC LIMIT 1", params)
        return _info(row) if row else None

    def session_entries(self, session_id: int) -> list[QueueEntry]:
        with translated_errors(self.database.path):
            rows = self.database.connection.execute(
                "SELECT username, state, reason, started_at, finished_at FROM sessions_users "
                "WHERE session_id = ? ORDER BY position, rowid",
                (session_id,),
            ).fetchall()
        entries = []
        for username, state, reason, started_at, finished_at in rows:
            try:
                user_state, why = UserState(state), reason
            except ValueError:
                # Written by a newer version: shown, never lost.
                user_state, why = UserState.FAILED, reason or state
            entries.append(QueueEntry(username, user_state, why, started_at, finished_at))
        return entries

    # -- leases (lease.py) ----------------------------------------------------------------

    @staticmethod
    def _lease_row(db: Any, session_id: int) -> LeaseRecord | None:
        row = db.execute(
            "SELECT operator, host, pid, version FROM sessions_leases WHERE session_id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        return LeaseRecord(Holder(str(row[0]), str(row[1]), int(row[2])), int(row[3]))

    def _check_lease(self, db: Any, lease: Lease) -> None:
        current = self._lease_row(db, lease.session_id)
        if current is None or current.holder != lease.holder or current.version != lease.version:
            raise LeaseLost(lease.session_id)

    def session_lease(self, session_id: int) -> LeaseRecord | None:
        with translated_errors(self.database.path):
            return self._lease_row(self.database.connection, session_id)

    def claim_session(self, session_id: int, holder: Holder, *, take_over: int | None = None) -> Lease:
        with self.database.transaction() as db:
            current = self._lease_row(db, session_id)
            if current is not None and current.holder != holder and current.version != take_over:
                raise SessionHeld(session_id, current, stale=False)
            version = (current.version + 1) if current is not None else 1
            db.execute(
                "INSERT INTO sessions_leases (session_id, operator, host, pid, version) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(session_id) DO UPDATE SET operator = excluded.operator, host = excluded.host, "
                "pid = excluded.pid, version = excluded.version",
                (session_id, holder.operator, holder.host, holder.pid, version),
            )
        return Lease(session_id, holder, version)

    def renew_session(self, lease: Lease) -> Lease:
        with self.database.transaction() as db:
            self._check_lease(db, lease)
            db.execute(
                "UPDATE sessions_leases SET version = ? WHERE session_id = ?", (lease.version + 1, lease.session_id)
            )
        return Lease(lease.session_id, lease.holder, lease.version + 1)

    def release_session(self, lease: Lease) -> None:
        with self.database.transaction() as db:
            db.execute(
                "DELETE FROM sessions_leases WHERE session_id = ? AND operator = ? AND host = ? AND pid = ? "
                "AND version = ?",
                (lease.session_id, lease.holder.operator, lease.holder.host, lease.holder.pid, lease.version),
            )
