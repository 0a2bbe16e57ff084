"""Outcomes the table could not take yet, kept on this computer (Qt-free).

When the table cannot be reached, the operator still finishes the user in
hand (Cognito is the truth): the outcome goes here, one committed row each,
and :meth:`Outbox.pending` gives it back to be written when the table
answers again. The file is ``<data dir>/team-outbox.sqlite3`` (the data
folder of :mod:`cogtotp_gui.campaign.database`; the folder is made 0700 and
the file 0600, as for the audit trail: usernames are personal data). What a
row holds: campaign, table, username, state, error kind or reason, the lease
(holder and version) and times. Never a secret.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from cogtotp_gui.campaign.database import DatabaseUnavailable, default_data_dir, problem_of, translated_errors
from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.model import Lease

__all__ = ["FILE_NAME", "Outbox", "OutboxEntry"]

FILE_NAME = "team-outbox.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS team_outbox (
    id INTEGER PRIMARY KEY,
    campaign TEXT NOT NULL,
    table_name TEXT NOT NULL,
    username TEXT NOT NULL,
    state TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    holder TEXT NOT NULL,
    lease_version INTEGER NOT NULL,
    started_at REAL,
    finished_at REAL NOT NULL,
    trouble TEXT NOT NULL DEFAULT '{}'
)
"""


@dataclasses.dataclass(frozen=True)
class OutboxEntry:
    id: int
    campaign: str
    table: str
    lease: Lease
    state: UserState
    error: str
    reason: str
    started_at: float | None
    finished_at: float
    trouble: dict[str, int] = dataclasses.field(default_factory=dict)


def _private_file(path: Path) -> None:
    """The folder 0700 and the file 0600 before SQLite opens it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)


class Outbox:
    """A small durable queue of outcomes (WAL, ``synchronous=FULL``: a row
    committed before a crash is there after it).

    Raises:
        DatabaseUnavailable: the file cannot be opened or written.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_data_dir() / FILE_NAME
        try:
            _private_file(self.path)
        except OSError as error:
            raise DatabaseUnavailable(problem_of(error, self.path), self.path, error.strerror or "") from error
        with translated_errors(self.path):
            self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=5)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute(_SCHEMA)

    def put(
        self,
        campaign: str,
        table: str,
        lease: Lease,
        state: UserState,
        *,
        error: str = "",
        reason: str = "",
        started_at: float | None = None,
        finished_at: float,
        trouble: Mapping[str, int] | None = None,
    ) -> int:
        with translated_errors(self.path):
            cursor = self._db.execute(
                "INSERT INTO team_outbox (campaign, table_name, username, state, error, reason, holder, "
                "lease_version, started_at, finished_at, trouble) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    campaign,
                    table,
                    lease.username,
                    state.value,
                    error,
                    reason,
                    lease.holder,
                    lease.version,
                    started_at,
                    finished_at,
                    json.dumps(dict(trouble or {})),
                ),
            )
            return int(cursor.lastrowid or 0)

    def pending(self, campaign: str, table: str) -> list[OutboxEntry]:
        with translated_errors(self.path):
            rows = self._db.execute(
                "SELECT id, campaign, table_name, username, state, error, reason, holder, lease_version, "
                "started_at, finished_at, trouble FROM team_outbox WHERE campaign = ? AND table_name = ? ORDER BY id",
                (campaign, table),
            ).fetchall()
        return [
            OutboxEntry(
                id=row[0],
                campaign=row[1],
                table=row[2],
                lease=Lease(row[3], int(row[8]), row[7]),
                state=UserState(row[4]),
                error=row[5],
                reason=row[6],
                started_at=row[9],
                finished_at=row[10],
                trouble={str(k): int(v) for k, v in json.loads(row[11] or "{}").items()},
            )
            for row in rows
        ]

    def restate(self, campaign: str, table: str, username: str, state: UserState, error: str = "") -> bool:
        """A kept outcome changed before it reached the table (a rehearsal's
        verdict on a user kept as enrolled). Returns whether one was kept."""
        with translated_errors(self.path):
            cursor = self._db.execute(
                "UPDATE team_outbox SET state = ?, error = ? WHERE campaign = ? AND table_name = ? AND username = ? "
                "AND state = ?",
                (state.value, error, campaign, table, username, UserState.ENROLLED.value),
            )
            return cursor.rowcount > 0

    def remove(self, entry_id: int) -> None:
        with translated_errors(self.path):
            self._db.execute("DELETE FROM team_outbox WHERE id = ?", (entry_id,))

    def close(self) -> None:
        self._db.close()
