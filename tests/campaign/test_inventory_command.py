"""``cogtotp-gui inventory`` in-process and as a subprocess, against the strict emulator."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cogtotp_gui.app import main as app_main
from cogtotp_gui.emulator.quota import QuotaEnforcer
from cogtotp_gui.emulator.seed import seed_inventory_users

from .test_inventory import EXPECTED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _args(emulator, *extra):
    return [
        "inventory",
        "--user-pool-id",
        emulator.seed.pool_id,
        "--endpoint-url",
        emulator.endpoint_url,
        *extra,
    ]


def test_exact_scan_writes_csv_json_and_counts(emulator, data_dir, tmp_path, capsys):
    states = seed_inventory_users(emulator.emu, emulator.seed.pool_id, 60, region=emulator.seed.region)
    out_csv, out_json = tmp_path / "users.csv", tmp_path / "users.json"
    code = app_main(_args(emulator, "--exact", "--max-rps", "200", "--csv", str(out_csv), "--json", str(out_json)))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "monthly active users" in captured.err
    with out_csv.open(encoding="utf-8-sig") as handle:
        rows = {row["username"]: row for row in csv.DictReader(handle)}
    assert set(next(iter(rows.values()))) == {"username", "enabled", "user_status", "mfa", "preferred", "checked_at"}
    for name, state in states.items():
        assert rows[name]["mfa"] == EXPECTED[state], name
    records = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(records) == len(rows)
    sms = sum(1 for r in records if r["mfa"] == "sms")
    assert f"{len(records)} users (" in captured.out and f"sms {sms}," in captured.out
    assert "+1555" not in out_csv.read_text() + out_json.read_text()


def test_census_without_exact_makes_no_per_user_read(emulator, data_dir, capsys):
    emulator.emu.deny("AdminGetUser")  # a census must not need it
    seed_inventory_users(emulator.emu, emulator.seed.pool_id, 30, region=emulator.seed.region)
    assert app_main(_args(emulator)) == 0
    out = capsys.readouterr().out
    assert "census" in out and "unknown " in out


def test_access_denied_exits_1_naming_the_action(emulator, data_dir, capsys):
    emulator.emu.deny("AdminGetUser")
    assert app_main(_args(emulator, "--exact")) == 1
    assert "cognito-idp:AdminGetUser" in capsys.readouterr().err


def test_usage_errors_exit_2(emulator, data_dir, capsys):
    with pytest.raises(SystemExit) as caught:
        app_main(["inventory", "--max-rps", "0", "--user-pool-id", emulator.seed.pool_id])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        app_main(["inventory", "--profile", "No Such Connection"])
    assert caught.value.code == 2
    assert "No Such Connection" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        app_main(["inventory"])
    assert caught.value.code == 2
    assert "--user-pool-id" in capsys.readouterr().err


def _read_rows(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(database) as connection:
            return connection.execute("SELECT COUNT(*) FROM inventory_users WHERE read_scan IS NOT NULL").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigint_keeps_progress_and_the_next_run_resumes(emulator, data_dir, tmp_path):
    seed_inventory_users(emulator.emu, emulator.seed.pool_id, 120, region=emulator.seed.region)
    emulator.emu.set_latency(0.02)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "cogtotp_gui", *_args(emulator, "--exact", "--max-rps", "20")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    database = data_dir / "campaign.sqlite3"
    deadline = time.monotonic() + 60
    stop = threading.Event()
    while _read_rows(database) < 10 and process.poll() is None and time.monotonic() < deadline:
        stop.wait(0.05)  # polling the child's database, like qtbot.waitUntil
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "resume" in err
    kept = _read_rows(database)
    assert 10 <= kept < 120 + len(emulator.seed.users)

    emulator.emu.set_latency(0)
    counter = QuotaEnforcer({"UserRead": 10_000.0}, burst=1.0)  # counts reads, never refuses
    emulator.emu.set_quota(counter)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cogtotp_gui",
            *_args(emulator, "--exact", "--max-rps", "200", "--csv", str(tmp_path / "u.csv")),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with (tmp_path / "u.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 120 + len(emulator.seed.users)
    assert all(row["mfa"] != "unknown" for row in rows)
    # Resumed: only the users not read before the interrupt were read again.
    assert counter.accepted["UserRead"] == len(rows) - kept


def test_help_imports_neither_qt_nor_boto3():
    code = (
        "import sys\n"
        "from cogtotp_gui.app import main\n"
        "try:\n    main(['inventory', '--help'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "heavy = [m for m in sys.modules if m.startswith(('PySide6', 'boto3', 'botocore'))]\n"
        "print(heavy)\nsys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "--exact" in result.stdout and "--max-rps" in result.stdout


def test_throttled_and_paged_with_empty_pages_nobody_is_lost(emulator, data_dir, tmp_path, capsys):
    states = seed_inventory_users(emulator.emu, emulator.seed.pool_id, 150, region=emulator.seed.region)
    emulator.emu.set_list_users_empty_pages(2)
    # A quota far below what the command asks for: it must back off and retry.
    quota = QuotaEnforcer({"UserRead": 60.0}, burst=0.05)
    emulator.emu.set_quota(quota)
    out_json = tmp_path / "users.json"
    assert app_main(_args(emulator, "--exact", "--max-rps", "500", "--json", str(out_json))) == 0, capsys.readouterr()
    assert quota.rejected["UserRead"] > 0
    records = {r["username"]: r for r in json.loads(out_json.read_text(encoding="utf-8"))}
    assert len(records) == 150 + len(emulator.seed.users)
    for name, state in states.items():
        assert records[name]["mfa"] == EXPECTED[state], name
    assert "throttled" in capsys.readouterr().err


class _Terminal(io.StringIO):
    """stderr as a terminal: the progress line is drawn only on one."""

    def isatty(self) -> bool:
        return True

    @property
    def text(self) -> str:
        return self.getvalue()


def test_the_progress_line_says_when_cognito_slows_the_scan_down():
    from cogtotp_gui.campaign.inventory import Progress
    from cogtotp_gui.cli.inventory import _Progress

    terminal = _Terminal()
    progress = _Progress(terminal)
    progress(Progress("reading", 10, 100, 0.0, 900.0, throttled=7, slowed=True))
    assert "slowed down by Cognito (7 refused, retrying)" in terminal.text
    assert "left" not in terminal.text  # no estimate while Cognito sets the pace
    slowed_line = terminal.text.split("\r")[-1]
    progress._last = 0.0  # the next report is due (the line is redrawn at most every 0.2 s)
    progress(Progress("reading", 20, 100, 30.0, 2.7, throttled=7, slowed=False))
    line = terminal.text.split("\r")[-1]
    assert line.startswith("reading: 20/100 users, 30/s, 3s left")
    assert "slowed" not in line and len(line) >= len(slowed_line)  # the longer line is covered


def test_without_aws_credentials_it_says_what_to_do_in_words(emulator, data_dir, tmp_path, monkeypatch, capsys):
    """Issue 20 #9: it said only ``NoCredentialsError``."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance metadata lookup either
    assert app_main(_args(emulator)) == 1
    err = capsys.readouterr().err
    assert "no AWS credentials were found" in err and "--aws-profile" in err and "--demo" in err
    assert "NoCredentialsError" not in err


def test_an_unknown_aws_profile_is_named(emulator, data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    assert app_main(_args(emulator, "--aws-profile", "nobody-here")) == 1
    err = capsys.readouterr().err
    assert "'nobody-here' is not in this computer's AWS configuration" in err


def test_demo_reads_the_training_pool_without_aws(tmp_path):
    """``inventory --demo``: the built-in emulator's training pool, no AWS
    account, and nothing written to the operator's campaign database (a
    process of its own: one emulator per process)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")} | {
        "COGTOTP_DATA_DIR": str(tmp_path / "data"),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
    }
    out_csv = tmp_path / "users.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cogtotp_gui",
            "inventory",
            "--demo",
            "--exact",
            "--max-rps",
            "500",
            "--csv",
            str(out_csv),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "--demo: the training pool on this computer (http://127.0.0.1:" in done.stderr
    with out_csv.open(encoding="utf-8-sig") as handle:  # every export carries a byte-order mark
        rows = list(csv.DictReader(handle))
    assert any(row["username"] == "kate.lostphone" for row in rows) and len(rows) > 100
    assert "; exact" in done.stdout
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.sqlite3"))


def test_demo_takes_no_pool_options(capsys):
    with pytest.raises(SystemExit) as caught:
        app_main(["inventory", "--demo", "--user-pool-id", "eu-west-1_Abc123"])
    assert caught.value.code == 2
    assert "--demo reads its own training pool; leave out --user-pool-id" in capsys.readouterr().err


def test_exports_are_utf8_with_bom_and_refuse_links(emulator, data_dir, tmp_path, capsys):
    seed_inventory_users(emulator.emu, emulator.seed.pool_id, 5, region=emulator.seed.region)
    out_csv = tmp_path / "users.csv"
    assert app_main(_args(emulator, "--csv", str(out_csv))) == 0
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    capsys.readouterr()
    assert app_main(_args(emulator, "--json", str(link))) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text() == "keep"


def test_history_prints_each_scan_and_the_trend_and_writes_csv(emulator, data_dir, tmp_path, capsys):
    seed_inventory_users(emulator.emu, emulator.seed.pool_id, 12, region=emulator.seed.region)
    assert app_main(_args(emulator, "--exact", "--max-rps", "500")) == 0
    assert app_main(_args(emulator)) == 0  # a census after it
    capsys.readouterr()
    out_csv = tmp_path / "history.csv"
    pool = emulator.seed.pool_id
    assert app_main(["inventory", "--user-pool-id", pool, "--history", "--csv", str(out_csv)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if " scan " in line]
    assert len(lines) == 2 and "(exact)" in lines[0] and "(census)" in lines[1]
    assert "sms now " in out
    rows = list(csv.DictReader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["kind"] for r in rows] == ["exact", "census"]
    assert int(rows[0]["total"]) == sum(int(rows[0][s]) for s in ("totp", "sms", "email", "none", "unknown")) > 12
    with pytest.raises(SystemExit) as caught:
        app_main(["inventory", "--user-pool-id", pool, "--history", "--exact"])
    assert caught.value.code == 2


def test_only_unmigrated_reads_neither_known_totp_users_nor_fewer_than_it_must(
    emulator, data_dir, tmp_path, capsys, monkeypatch
):
    from cogtotp_gui.enrollment.audit import AuditLog, AuditOutcome

    pool = emulator.seed.pool_id
    seed_inventory_users(emulator.emu, pool, 40, region=emulator.seed.region)
    assert app_main(_args(emulator, "--exact", "--max-rps", "500")) == 0
    with sqlite3.connect(data_dir / "campaign.sqlite3") as connection:
        totp = sorted(r[0] for r in connection.execute("SELECT username FROM inventory_users WHERE mfa = 'totp'"))
        everyone = connection.execute("SELECT COUNT(*) FROM inventory_users").fetchone()[0]
    assert len(totp) >= 4
    # Since then: one TOTP user's authenticator reset by this app, and a new user.
    audit_dir = tmp_path / "audit"
    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(audit_dir))
    AuditLog(audit_dir).record_reset(
        connection="c",
        pool=pool,
        username=totp[0],
        reason="lost phone",
        identity_verified=True,
        outcome=AuditOutcome.SUCCESS,
    )
    seed_inventory_users(emulator.emu, pool, 1, region=emulator.seed.region, prefix="newcomer")
    counter = QuotaEnforcer({"UserRead": 10_000.0}, burst=1.0)  # counts reads, never refuses
    emulator.emu.set_quota(counter)
    capsys.readouterr()
    assert app_main(_args(emulator, "--only-unmigrated", "--max-rps", "500")) == 0
    out = capsys.readouterr().out
    saved = len(totp) - 1
    assert f"{saved} users known to be on TOTP were not read again" in out
    assert counter.accepted["UserRead"] == everyone + 1 - saved  # the newcomer and the reset user read
    with sqlite3.connect(data_dir / "campaign.sqlite3") as connection:
        rows = dict(connection.execute("SELECT username, mfa FROM inventory_users"))
    assert all(rows[name] == "totp" for name in totp)  # kept, not lost
    assert rows["newcomer0000"] != "unknown" and len(rows) == everyone + 1


def test_a_malformed_pool_id_is_named_once_with_its_shape(data_dir, capsys):
    """The message said "--user-pool-id: expected user_pool_id: expected <region>_<id>…" (issue 20 #19)."""
    with pytest.raises(SystemExit) as caught:
        app_main(["inventory", "--user-pool-id", "not-a-pool"])
    assert caught.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.count("expected") == 1 and "user_pool_id" not in error
    assert error.endswith("--user-pool-id: expected <region>_<id>, e.g. eu-west-1_AbCdEf123")
