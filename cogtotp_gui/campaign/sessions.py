"""Onboarding sessions in the campaign database: nothing finished is ever lost.

A session is a roster worked through by an operator on one connection. The
store listens to a :class:`~cogtotp_gui.campaign.queue.SessionQueue` and
commits every change in its own transaction the moment it happens (the
database runs WAL with ``synchronous=FULL``), so a crash, a SIGKILL or a
power cut loses no user already recorded. An unfinished session (someone
still waiting) is found again by :meth:`SessionStore.unfinished`.

Nothing secret is stored: usernames, states, skip reasons typed by the
operator, error kinds, times, the operator's OS account and the
connection's name. Never a password, code, secret, session or token.

Qt-free. Imports sqlite3 (through ``database``): import lazily.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cogtotp_gui.campaign.database import (
    Database,
    DatabaseUnavailable,
    Schema,
    open_database,
    register_schema,
    translated_errors,
)
from cogtotp_gui.campaign.queue import QueueChange, QueueEntry, SessionQueue, UserState

__all__ = ["SESSIONS_SCHEMA", "SessionInfo", "SessionStore"]

log = logging.getLogger(__name__)

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
        ),
    )
)

# Operator-typed skip reasons are free text; keep them to a line.
MAX_REASON = 200


@dataclasses.dataclass(frozen=True)
class SessionInfo:
    """A session's header row.

    Attributes:
        id: the session's number (``--session ID``).
        created_at, closed_at: wall-clock seconds (closed: None while open).
        operator: the OS account that ran it.
        connection: the connection's name (or pool id) it ran on.
        source: where the roster came from (a file name, "pasted", "inventory", "training").
        training: run in training mode, against the emulator.
    """

    id: int
    created_at: float
    closed_at: float | None
    operator: str
    connection: str
    source: str
    training: bool


def _reason(text: str) -> str:
    return " ".join(text.split())[:MAX_REASON]


class SessionStore:
    """Sessions in the campaign database.

    One per thread (it holds a sqlite3 connection). Every method may raise
    :class:`DatabaseUnavailable`; a queue attached with :meth:`attach` goes
    on in memory when a write fails, and ``on_error`` is told once.

    Args:
        database: an open campaign database.
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        self._attached: dict[int, tuple[SessionQueue, Callable[[QueueChange], None]]] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> SessionStore:
        """The store in ``path`` (default: the data folder's campaign database)."""
        return cls(open_database(path, schemas=[SESSIONS_SCHEMA]))

    def close(self) -> None:
        for session_id in list(self._attached):
            self.detach(session_id)
        self.database.close()

    # -- writing ----------------------------------------------------------------

    def create(
        self,
        queue: SessionQueue,
        *,
        operator: str,
        connection: str,
        source: str = "",
        training: bool = False,
        now: float | None = None,
    ) -> int:
        """Record a new session with the queue's users; returns its id."""
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
                    (session_id, e.username, i, e.state.value, _reason(e.reason), e.started_at, e.finished_at)
                    for i, e in enumerate(queue)
                ],
            )
        return session_id

    def attach(
        self, session_id: int, queue: SessionQueue, on_error: Callable[[DatabaseUnavailable], None] | None = None
    ) -> None:
        """Commit each change of ``queue`` to session ``session_id`` as it happens."""
        failed = False

        def listener(change: QueueChange) -> None:
            nonlocal failed
            try:
                self._record(session_id, queue, change)
            except DatabaseUnavailable as error:
                log.warning("session %s: a change was not saved (%s)", session_id, error.problem.value)
                if on_error is not None and not failed:
                    on_error(error)
                failed = True

        self.detach(session_id)
        queue.listeners.append(listener)
        self._attached[session_id] = (queue, listener)

    def detach(self, session_id: int) -> None:
        queue, listener = self._attached.pop(session_id, (None, None))
        if queue is not None and listener in queue.listeners:
            queue.listeners.remove(listener)

    def _record(self, session_id: int, queue: SessionQueue, change: QueueChange) -> None:
        entry = change.entry
        with self.database.transaction() as db:
            if change.kind == "changed" and entry is not None:
                db.execute(
                    "UPDATE sessions_users SET state = ?, reason = ?, started_at = ?, finished_at = ? "
                    "WHERE session_id = ? AND username = ?",
                    (
                        entry.state.value,
                        _reason(entry.reason),
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
                    (session_id, entry.username, queue.position(entry.username), entry.state.value),
                )
            elif change.kind == "removed" and entry is not None:
                db.execute(
                    "DELETE FROM sessions_users WHERE session_id = ? AND username = ?", (session_id, entry.username)
                )
            elif change.kind == "moved":
                db.executemany(
                    "UPDATE sessions_users SET position = ? WHERE session_id = ? AND username = ?",
                    [(i, session_id, e.username) for i, e in enumerate(queue)],
                )

    def close_session(self, session_id: int, now: float | None = None) -> None:
        """Mark a session closed: it is no longer offered for resuming."""
        with self.database.transaction() as db:
            db.execute(
                "UPDATE sessions_sessions SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                (time.time() if now is None else now, session_id),
            )

    # -- reading ----------------------------------------------------------------

    def _info(self, row: tuple[Any, ...]) -> SessionInfo:
        return SessionInfo(
            id=int(row[0]),
            created_at=float(row[1]),
            closed_at=row[2],
            operator=row[3],
            connection=row[4],
            source=row[5],
            training=bool(row[6]),
        )

    _COLUMNS = "id, created_at, closed_at, operator, connection, source, training"

    def info(self, session_id: int) -> SessionInfo | None:
        with translated_errors(self.database.path):
            row = self.database.connection.execute(
                f"SELECT {self._COLUMNS} FROM sessions_sessions WHERE id = ?", (session_id,)
            ).fetchone()
        return self._info(row) if row else None

    def latest(self) -> SessionInfo | None:
        """The most recently created session, open or closed."""
        with translated_errors(self.database.path):
            row = self.database.connection.execute(
                f"SELECT {self._COLUMNS} FROM sessions_sessions ORDER BY created_at DESC, id DESC LIMIT 1"
            ).fetchone()
        return self._info(row) if row else None

    def unfinished(self, *, training: bool | None = None) -> SessionInfo | None:
        """The latest open session with someone still waiting or in progress."""
        query = (
            f"SELECT {self._COLUMNS} FROM sessions_sessions s WHERE closed_at IS NULL "
            "AND EXISTS (SELECT 1 FROM sessions_users u WHERE u.session_id = s.id AND u.state IN (?, ?))"
        )
        params: list[object] = [UserState.WAITING.value, UserState.IN_PROGRESS.value]
        if training is not None:
            query += " AND training = ?"
            params.append(int(training))
        query += " ORDER BY created_at DESC, id DESC LIMIT 1"
        with translated_errors(self.database.path):
            row = self.database.connection.execute(query, params).fetchone()
        return self._info(row) if row else None

    def entries(self, session_id: int) -> list[QueueEntry]:
        """The session's users in queue order, as last recorded."""
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

    def resume(self, session_id: int, on_error: Callable[[DatabaseUnavailable], None] | None = None) -> SessionQueue:
        """The session's queue, attached for writing. A user left in progress
        by a crash goes back to waiting (their turn starts again)."""
        queue = SessionQueue.from_entries(self.entries(session_id))
        self.attach(session_id, queue, on_error)
        current = queue.current
        if current is not None:
            queue.release(current.username)
        return queue
