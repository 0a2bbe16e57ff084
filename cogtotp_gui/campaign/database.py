"""The campaign's local SQLite database: where it lives, how it opens, how it fails.

One file, ``<data dir>/campaign.sqlite3``, holds every campaign feature's
tables (the pool inventory, onboarding sessions). Each feature owns its
tables through a :class:`Schema`: a name and an ordered list of migrations.
The database records, per feature, how many of its migrations have run
(table ``schema_versions``), so two features evolve their tables without
editing each other's code::

    INVENTORY = Schema("inventory", (
        "CREATE TABLE inventory_users (...)",      # version 1
        "ALTER TABLE inventory_users ADD ...",     # version 2
    ))
    with open_database(schemas=[INVENTORY]) as db:
        db.connection.execute(...)

Rules of the file, and why:

- ``journal_mode=WAL``: readers (the Migration view) never block the writer
  (a scan on a worker thread or in a command-line run) and the reverse.
- ``synchronous=FULL``: in WAL mode, NORMAL survives a crash of the app but
  may lose the last commits on a power cut or an OS crash. The sessions
  feature records what was done to real accounts (who was enrolled); losing
  that silently would make the app offer the same person again. Our commits
  are per operator action or per batch of users read, so the fsync each
  commit costs is a few milliseconds against a rate-limited network read.
- ``foreign_keys=ON`` (SQLite's default is off, per connection).
- ``busy_timeout``: a second app instance writing at the same moment waits
  up to :data:`BUSY_TIMEOUT_MS` before reporting LOCKED, instead of failing
  at once.
- Private files (``platform/private_files.py``, docs/security.md): the
  folder is 0700 and ours (an older 0755 one is tightened), the database
  and its ``-wal``, ``-shm`` and ``-journal`` files are regular files of
  ours, 0600 (an older 0644 one is tightened), never links and never
  writable by others (refused: :attr:`DatabaseProblem.UNSAFE`). sqlite3
  cannot refuse a link itself, so the files are checked before the open;
  the 0700 folder closes the race (nobody else can plant a file in it
  between the check and the open). SQLite gives the ``-wal`` and ``-shm``
  files the database file's mode, which is why the database file is created
  0600 by us before sqlite3 opens it.

Every sqlite3 failure that a person can meet (a read-only folder, a full
disk, another process holding a lock, a corrupt file, a file written by a
newer version) becomes a :class:`DatabaseUnavailable` with a
``message_key``, so a caller shows one clear sentence and carries on: the
single-user wizard never needs this database.

Qt-free; sqlite3 is imported here, so import this module lazily (never
before the main window's first paint).
"""

from __future__ import annotations

import enum
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cogtotp_gui.names import APP_NAME
from cogtotp_gui.platform.private_files import UnsafeFile, create_private_file, private_folder, tighten_file

ENV_DATA_DIR = "COGTOTP_DATA_DIR"
FILE_NAME = "campaign.sqlite3"
BUSY_TIMEOUT_MS = 5000

Migration = str | Callable[[sqlite3.Connection], None]


def default_data_dir() -> Path:
    """The app's data folder: ``$COGTOTP_DATA_DIR`` or the platform's.

    Returns:
        ``~/.local/share/cogtotp-gui`` on Linux,
        ``~/Library/Application Support/cogtotp-gui`` on macOS,
        ``%LOCALAPPDATA%\\cogtotp-gui`` on Windows (the audit trail's
        folder is ``audit/`` inside the same place).
    """
    override = os.environ.get(ENV_DATA_DIR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """``<data dir>/campaign.sqlite3``."""
    return default_data_dir() / FILE_NAME


class DatabaseProblem(enum.Enum):
    """Why the database cannot be used, at the granularity a person acts on."""

    READ_ONLY = "read_only"  # the folder or file is not writable
    FULL = "full"  # no space left on the disk
    LOCKED = "locked"  # another process holds a lock longer than the busy timeout
    CORRUPT = "corrupt"  # not a database, or a damaged one
    TOO_NEW = "too_new"  # written by a newer version of the app
    UNSAFE = "unsafe"  # a link, another account's file or folder, or one others may write
    UNAVAILABLE = "unavailable"  # anything else (I/O error, cannot create the folder)

    @property
    def message_key(self) -> str:
        """The key of the sentence shown for this problem (``database.*``)."""
        return f"database.{self.value}"


class DatabaseUnavailable(Exception):
    """The campaign database cannot be opened or written.

    Attributes:
        problem: what went wrong, see :class:`DatabaseProblem`.
        message_key: ``database.<problem>``, the sentence the UI shows.
        path: the database file concerned.
        detail: SQLite's own words (never contains row data).
    """

    def __init__(self, problem: DatabaseProblem, path: Path, detail: str = "") -> None:
        self.problem = problem
        self.message_key = problem.message_key
        self.path = path
        self.detail = detail
        super().__init__(f"{problem.value}: {path}" + (f" ({detail})" if detail else ""))


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_AUTH = 23
_SQLITE_NOTADB = 26

_PROBLEM_BY_CODE = {
    _SQLITE_PERM: DatabaseProblem.READ_ONLY,
    _SQLITE_AUTH: DatabaseProblem.READ_ONLY,
    _SQLITE_READONLY: DatabaseProblem.READ_ONLY,
    _SQLITE_BUSY: DatabaseProblem.LOCKED,
    _SQLITE_LOCKED: DatabaseProblem.LOCKED,
    _SQLITE_CORRUPT: DatabaseProblem.CORRUPT,
    _SQLITE_NOTADB: DatabaseProblem.CORRUPT,
    _SQLITE_FULL: DatabaseProblem.FULL,
}


def problem_of(error: BaseException, path: Path) -> DatabaseProblem:
    """Classify an sqlite3 or OS error met while using the database at ``path``."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            primary = code & 0xFF
            if primary in _PROBLEM_BY_CODE:
                return _PROBLEM_BY_CODE[primary]
            if primary == _SQLITE_CANTOPEN:
                # CANTOPEN is what a read-only folder gives for a new file (or its -wal).
                return DatabaseProblem.READ_ONLY if not _writable(path) else DatabaseProblem.UNAVAILABLE
            if primary == _SQLITE_IOERR:
                return DatabaseProblem.UNAVAILABLE
        text = str(error).lower()
        for needle, problem in (
            ("readonly", DatabaseProblem.READ_ONLY),
            ("read-only", DatabaseProblem.READ_ONLY),
            ("locked", DatabaseProblem.LOCKED),
            ("not a database", DatabaseProblem.CORRUPT),
            ("malformed", DatabaseProblem.CORRUPT),
            ("disk is full", DatabaseProblem.FULL),
        ):
            if needle in text:
                return problem
        return DatabaseProblem.UNAVAILABLE
    if isinstance(error, OSError):
        import errno

        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DatabaseProblem.READ_ONLY
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return DatabaseProblem.FULL
    return DatabaseProblem.UNAVAILABLE


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3/OS errors raised inside the block into :class:`DatabaseUnavailable`.

    Programming errors (``sqlite3.ProgrammingError``, a wrong column name:
    ``OperationalError`` "no such column") are translated too; their
    ``problem`` is UNAVAILABLE and their detail says which.
    """
    try:
        yield
    except DatabaseUnavailable:
        raise
    except (sqlite3.Error, OSError) as error:
        raise DatabaseUnavailable(problem_of(error, path), path, str(error)) from error


@dataclass(frozen=True)
class Schema:
    """One feature's tables: a name and its migrations, oldest first.

    ``migrations[i]`` brings the feature from version ``i`` to ``i + 1``: an
    SQL script (run with ``executescript``-like splitting inside the
    migration's transaction) or a function of the connection. Never edit a
    migration that has shipped; append a new one.

    Attributes:
        feature: a unique name (``"inventory"``, ``"sessions"``); also the
            prefix its tables should carry, so that names never collide.
        migrations: the steps; ``len(migrations)`` is the current version.
    """

    feature: str
    migrations: tuple[Migration, ...]

    @property
    def version(self) -> int:
        return len(self.migrations)


_registry: dict[str, Schema] = {}
_registry_lock = threading.Lock()


def register_schema(schema: Schema) -> Schema:
    """Declare a feature's schema, so that every :func:`open_database` applies it.

    A feature module calls this at import time (``INVENTORY =
    register_schema(Schema(...))``). Registering the same feature twice with
    a different schema is a programming error.
    """
    with _registry_lock:
        known = _registry.get(schema.feature)
        if known is not None and known != schema:
            raise ValueError(f"schema {schema.feature!r} registered twice with different migrations")
        _registry[schema.feature] = schema
    return schema


def registered_schemas() -> tuple[Schema, ...]:
    with _registry_lock:
        return tuple(_registry.values())


class Database:
    """An open connection to the campaign database, its schemas migrated.

    One per thread: sqlite3 connections are not shared between threads. A
    worker that scans opens its own with :func:`open_database` (cheap: a
    file open and a few PRAGMAs).

    Attributes:
        path: the file.
        connection: the sqlite3 connection (autocommit off: use
            :meth:`transaction`, or commit yourself).
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed on success and rolled back on error.

        sqlite3 errors come out as :class:`DatabaseUnavailable`.
        """
        with translated_errors(self.path):
            try:
                self.connection.execute("BEGIN IMMEDIATE")
                yield self.connection
            except BaseException:
                if self.connection.in_transaction:
                    self.connection.rollback()
                raise
            else:
                self.connection.commit()

    def schema_version(self, feature: str) -> int:
        """How many of ``feature``'s migrations have run here (0: none)."""
        with translated_errors(self.path):
            row = self.connection.execute(
                "SELECT version FROM schema_versions WHERE feature = ?", (feature,)
            ).fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_database(
    path: Path | None = None,
    *,
    schemas: Sequence[Schema] | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Database:
    """Open (creating if needed) the campaign database and migrate it.

    Args:
        path: the file; :func:`default_database_path` if omitted.
        schemas: the features whose tables must exist; every registered
            schema (:func:`register_schema`) when omitted, plus these.
        busy_timeout_ms: how long to wait for another process's lock.

    Raises:
        DatabaseUnavailable: read-only, full, locked, corrupt, too new, or
            otherwise unusable; nothing is left half-migrated (each
            migration step runs in its own transaction).
    """
    path = Path(path) if path is not None else default_database_path()
    wanted: dict[str, Schema] = {schema.feature: schema for schema in registered_schemas()}
    for schema in schemas or ():
        wanted[schema.feature] = schema
    _make_private(path)
    connection: sqlite3.Connection | None = None
    try:
        with translated_errors(path):
            # isolation_level=None: we issue BEGIN ourselves, so that a
            # transaction starts exactly where we say (BEGIN IMMEDIATE takes
            # the write lock up front, and busy_timeout applies there).
            connection = sqlite3.connect(
                str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=True
            )
            connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
            # A read-only file cannot switch its journal mode; nor can some network shares.
            if (mode is None or str(mode[0]).lower() != "wal") and not _writable(path):
                raise DatabaseUnavailable(DatabaseProblem.READ_ONLY, path, "cannot switch to WAL")
            # The -wal and -shm files exist now (created with the database's mode).
            _make_private(path)
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            # Reading the schema catches a file that is not a database now, not at the first query.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            database = Database(path, connection)
            _migrate(database, list(wanted.values()))
            return database
    except BaseException:
        if connection is not None:
            connection.close()
        raise


def open_read_only(path: Path | None = None) -> Database:
    """A read-only connection to a database :func:`open_database` has created and migrated.

    It never takes the write lock, so a writer on another thread or process
    never makes it wait (WAL). The private-file rules are checked first, as
    :func:`open_database` does (sqlite3 cannot refuse a link itself).

    Raises:
        DatabaseUnavailable: as :func:`open_database`.
    """
    path = Path(path) if path is not None else default_database_path()
    _make_private(path)
    with translated_errors(path):
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    return Database(path, connection)


def companion_files(path: Path) -> tuple[Path, ...]:
    """The database file and the files SQLite keeps beside it."""
    return (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")))


def _make_private(path: Path) -> None:
    """Apply the private-file rules to the folder and files of the database at ``path``.

    Raises:
        DatabaseUnavailable: UNSAFE for a link, a file or folder of another
            account or one others may write; else as :func:`problem_of` says.
    """
    try:
        private_folder(path.parent, tighten=True, what="data folder")
        for file in companion_files(path):
            tighten_file(file, "campaign data file")
        create_private_file(path)
    except UnsafeFile as error:
        raise DatabaseUnavailable(DatabaseProblem.UNSAFE, path, str(error)) from None
    except OSError as error:
        raise DatabaseUnavailable(problem_of(error, path), path, error.strerror or str(error)) from error


def _migrate(database: Database, schemas: list[Schema]) -> None:
    connection = database.connection
    with database.transaction():
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_versions (feature TEXT PRIMARY KEY, version INTEGER NOT NULL)"
        )
    for schema in schemas:
        current = database.schema_version(schema.feature)
        if current > schema.version:
            raise DatabaseUnavailable(
                DatabaseProblem.TOO_NEW,
                database.path,
                f"{schema.feature} is at version {current}; this app knows {schema.version}",
            )
        for index in range(current, schema.version):
            with database.transaction():
                # Someone else may have migrated between our read and our lock.
                row = connection.execute(
                    "SELECT version FROM schema_versions WHERE feature = ?", (schema.feature,)
                ).fetchone()
                if row is not None and int(row[0]) > index:
                    continue
                step = schema.migrations[index]
                if callable(step):
                    step(connection)
                else:
                    for statement in _statements(step):
                        connection.execute(statement)
                connection.execute(
                    "INSERT INTO schema_versions (feature, version) VALUES (?, ?) "
                    "ON CONFLICT(feature) DO UPDATE SET version = excluded.version",
                    (schema.feature, index + 1),
                )


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script on complete statements (``executescript`` would commit our transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement.rstrip(";").strip():
                yield statement
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
