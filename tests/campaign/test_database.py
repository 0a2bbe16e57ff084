"""The campaign database: location, pragmas, per-feature migrations, failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cogtotp_gui.campaign import database as db_module
from cogtotp_gui.campaign.database import (
    DatabaseProblem,
    DatabaseUnavailable,
    Schema,
    default_data_dir,
    default_database_path,
    open_database,
    problem_of,
)
from tests.support.platforms import posix_modes

ALPHA_V1 = Schema("alpha", ("CREATE TABLE alpha_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",))
BETA_V1 = Schema(
    "beta",
    (
        """
        CREATE TABLE beta_parents (id INTEGER PRIMARY KEY);
        CREATE TABLE beta_children (id INTEGER PRIMARY KEY,
            parent INTEGER NOT NULL REFERENCES beta_parents(id));
        """,
    ),
)


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch):
    monkeypatch.setattr(db_module, "_registry", {})


def test_data_dir_follows_the_environment_override(tmp_path, monkeypatch):
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(tmp_path / "data"))
    assert default_data_dir() == tmp_path / "data"
    assert default_database_path() == tmp_path / "data" / "campaign.sqlite3"


def test_data_dir_defaults_to_the_platform_folder_of_the_audit_trail(monkeypatch):
    import platformdirs

    from cogtotp_gui.enrollment.audit import APP_NAME

    monkeypatch.delenv("COGTOTP_DATA_DIR", raising=False)
    assert default_data_dir() == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def test_open_creates_the_folder_and_sets_wal_full_sync_foreign_keys_busy_timeout(tmp_path):
    path = tmp_path / "nested" / "campaign.sqlite3"
    with open_database(path, schemas=[BETA_V1], busy_timeout_ms=1234) as db:
        connection = db.connection
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 1234
        with pytest.raises(DatabaseUnavailable), db.transaction() as tx:
            tx.execute("INSERT INTO beta_children (id, parent) VALUES (1, 99)")
    assert path.exists()


def test_two_features_own_their_tables_and_versions_independently(tmp_path):
    path = tmp_path / "c.sqlite3"
    with open_database(path, schemas=[ALPHA_V1, BETA_V1]) as db:
        assert db.schema_version("alpha") == 1
        assert db.schema_version("beta") == 1
        with db.transaction() as tx:
            tx.execute("INSERT INTO alpha_items (name) VALUES ('kept')")
    alpha_v2 = Schema("alpha", (*ALPHA_V1.migrations, "ALTER TABLE alpha_items ADD COLUMN note TEXT;"))
    with open_database(path, schemas=[alpha_v2, BETA_V1]) as db:
        assert db.schema_version("alpha") == 2
        assert db.schema_version("beta") == 1
        rows = db.connection.execute("SELECT name, note FROM alpha_items").fetchall()
    assert rows == [("kept", None)]


def test_registered_schemas_apply_without_being_named(tmp_path):
    db_module.register_schema(ALPHA_V1)
    with open_database(tmp_path / "c.sqlite3") as db:
        assert db.schema_version("alpha") == 1
    with pytest.raises(ValueError):
        db_module.register_schema(Schema("alpha", ("CREATE TABLE other (x);",)))


def test_a_callable_migration_runs_and_a_failing_one_leaves_the_version_alone(tmp_path):
    path = tmp_path / "c.sqlite3"

    def fill(connection: sqlite3.Connection) -> None:
        connection.execute("INSERT INTO alpha_items (name) VALUES ('from code')")

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("INSERT INTO alpha_items (name) VALUES ('half done')")
        connection.execute("INSERT INTO no_such_table VALUES (1)")

    with open_database(path, schemas=[Schema("alpha", (*ALPHA_V1.migrations, fill))]) as db:
        assert db.schema_version("alpha") == 2
    with pytest.raises(DatabaseUnavailable):
        open_database(path, schemas=[Schema("alpha", (*ALPHA_V1.migrations, fill, broken))])
    with open_database(path, schemas=[Schema("alpha", (*ALPHA_V1.migrations, fill))]) as db:
        assert db.schema_version("alpha") == 2
        assert [r[0] for r in db.connection.execute("SELECT name FROM alpha_items")] == ["from code"]


def test_a_file_from_a_newer_app_is_refused_as_too_new(tmp_path):
    path = tmp_path / "c.sqlite3"
    open_database(path, schemas=[Schema("alpha", (*ALPHA_V1.migrations, "SELECT 1;"))]).close()
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(path, schemas=[ALPHA_V1])
    assert caught.value.problem is DatabaseProblem.TOO_NEW
    assert caught.value.message_key == "database.too_new"


def test_a_file_that_is_not_a_database_is_corrupt(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not an SQLite file at all, just text" * 100)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(path, schemas=[ALPHA_V1])
    assert caught.value.problem is DatabaseProblem.CORRUPT
    assert caught.value.message_key == "database.corrupt"


def test_a_lock_held_by_another_connection_past_the_timeout_is_locked(tmp_path):
    path = tmp_path / "c.sqlite3"
    open_database(path, schemas=[ALPHA_V1]).close()
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            open_database(path, schemas=[ALPHA_V1, BETA_V1], busy_timeout_ms=50)
        assert caught.value.problem is DatabaseProblem.LOCKED
    finally:
        holder.rollback()
        holder.close()


def test_a_folder_that_cannot_be_created_is_unavailable(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(blocker / "c.sqlite3", schemas=[ALPHA_V1])
    assert caught.value.problem is DatabaseProblem.UNAVAILABLE


def test_sqlite_read_only_and_full_errors_are_named(tmp_path):
    path = tmp_path / "c.sqlite3"
    open_database(path, schemas=[ALPHA_V1]).close()
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as write_error:
        read_only.execute("INSERT INTO alpha_items (name) VALUES ('x')")
    read_only.close()
    assert problem_of(write_error.value, path) is DatabaseProblem.READ_ONLY

    full = sqlite3.connect(str(tmp_path / "small.sqlite3"))
    full.execute("CREATE TABLE t (x BLOB)")
    full.execute("PRAGMA max_page_count = 8")
    with pytest.raises(sqlite3.Error) as full_error:
        for _ in range(50):
            full.execute("INSERT INTO t VALUES (zeroblob(4096))")
    full.close()
    assert problem_of(full_error.value, path) is DatabaseProblem.FULL
    assert DatabaseUnavailable(DatabaseProblem.FULL, path).message_key == "database.full"


def test_errors_in_a_transaction_roll_back_and_come_out_typed(tmp_path):
    with open_database(tmp_path / "c.sqlite3", schemas=[ALPHA_V1]) as db:
        with pytest.raises(DatabaseUnavailable), db.transaction() as tx:
            tx.execute("INSERT INTO alpha_items (name) VALUES ('gone')")
            tx.execute("INSERT INTO alpha_items (name) VALUES (NULL)")
        assert db.connection.execute("SELECT count(*) FROM alpha_items").fetchone()[0] == 0


def test_the_module_imports_no_qt(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys, cogtotp_gui.campaign.database;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','boto3','botocore'))];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


# -- private files (issue 19 #4): the audit file's rules for the database -------


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@posix_modes
def test_a_new_database_folder_and_files_are_private_whatever_the_umask(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        path = tmp_path / "data" / "campaign.sqlite3"
        with open_database(path, schemas=[ALPHA_V1]) as db, db.transaction() as tx:
            tx.execute("INSERT INTO alpha_items (name) VALUES ('taro')")
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists()
            assert (_mode(path), _mode(wal), _mode(shm)) == (0o600, 0o600, 0o600)
    finally:
        os.umask(old)
    assert _mode(path.parent) == 0o700


@posix_modes
def test_an_existing_world_readable_installation_is_tightened_on_first_open(tmp_path):
    folder = tmp_path / "data"
    path = folder / "campaign.sqlite3"
    with open_database(path, schemas=[ALPHA_V1]) as db:
        with db.transaction() as tx:
            tx.execute("INSERT INTO alpha_items (name) VALUES ('taro')")
        # As an older version left it under umask 022, WAL files included
        # (they stay while a connection is open).
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        for file in (path, wal, shm):
            file.chmod(0o644)
        folder.chmod(0o755)
        with open_database(path, schemas=[ALPHA_V1]) as again:
            assert again.connection.execute("SELECT name FROM alpha_items").fetchall() == [("taro",)]
        assert (_mode(path), _mode(wal), _mode(shm), _mode(folder)) == (0o600, 0o600, 0o600, 0o700)


@pytest.mark.parametrize("name", ["campaign.sqlite3", "campaign.sqlite3-wal", "campaign.sqlite3-shm"])
def test_a_planted_link_is_refused_and_its_target_left_alone(tmp_path, name):
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "operators-own-file"
    victim.write_bytes(b"precious")
    (shared / name).symlink_to(victim)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(shared / "campaign.sqlite3", schemas=[ALPHA_V1])
    assert caught.value.problem is DatabaseProblem.UNSAFE
    assert caught.value.message_key == "database.unsafe"
    assert victim.read_bytes() == b"precious"
    assert "link" in caught.value.detail


@posix_modes
def test_a_planted_world_writable_database_is_refused_not_used(tmp_path):
    path = tmp_path / "campaign.sqlite3"
    with open_database(path, schemas=[ALPHA_V1]):
        pass
    path.chmod(0o666)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(path, schemas=[ALPHA_V1])
    assert caught.value.problem is DatabaseProblem.UNSAFE
    assert "other accounts" in caught.value.detail
    assert _mode(path) == 0o666  # refused, not repaired


@posix_modes
def test_a_database_or_folder_of_another_account_is_refused(tmp_path, monkeypatch):
    from cogtotp_gui.platform import private_files

    path = tmp_path / "data" / "campaign.sqlite3"
    with open_database(path, schemas=[ALPHA_V1]):
        pass
    owner = path.stat().st_uid
    monkeypatch.setattr(private_files, "current_owner", lambda: owner + 1)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(path, schemas=[ALPHA_V1])
    assert caught.value.problem is DatabaseProblem.UNSAFE
    assert "another account" in caught.value.detail


def test_the_read_only_connection_keeps_the_private_file_rules_and_never_writes(tmp_path):
    from cogtotp_gui.campaign.database import DatabaseProblem, DatabaseUnavailable, open_database, open_read_only

    folder = tmp_path / "data"
    open_database(folder / "campaign.sqlite3", schemas=[ALPHA_V1]).close()
    reader = open_read_only(folder / "campaign.sqlite3")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):  # a write is refused, not made
        reader.connection.execute("INSERT INTO alpha_items (name) VALUES ('x')")
    reader.close()
    (folder / "planted.sqlite3").symlink_to(folder / "campaign.sqlite3")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_read_only(folder / "planted.sqlite3")
    assert caught.value.problem is DatabaseProblem.UNSAFE
