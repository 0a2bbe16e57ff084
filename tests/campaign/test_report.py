"""The session report: rows, the CSV file, and the command line without a window."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cogtotp_gui.campaign.queue import SessionQueue, UserState
from cogtotp_gui.campaign.report import CSV_COLUMNS, SessionReport, write_csv
from cogtotp_gui.campaign.sessions import SessionStore
from tests.support.pdf_text import pdf_text

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now


def _worked_session(path: Path, clock: Clock, operator: str = "helpdesk1") -> int:
    store = SessionStore.open(path)
    queue = SessionQueue(["alice", "bob", "=cmd", "dave", "erin", "frank"], clock=clock)
    session_id = store.create(queue, operator=operator, connection="Staging", source="roster.csv", now=clock.now)
    store.attach(session_id, queue)
    queue.begin("alice")
    clock.now += 95
    queue.finish("alice", UserState.ENROLLED)
    queue.finish("alice", UserState.VERIFIED)
    queue.begin("bob")
    clock.now += 40
    queue.finish("bob", UserState.ALREADY_TOTP)
    queue.skip("=cmd", "not in today")
    queue.begin("dave")
    clock.now += 30
    queue.finish("dave", UserState.FAILED, "user_state")
    queue.begin("erin")  # still in progress: reported as waiting
    store.close()
    return session_id


def test_an_enrolled_user_not_rehearsed_says_so_in_the_report_and_the_csv(tmp_path):
    clock = Clock()
    path = tmp_path / "c.sqlite3"
    store = SessionStore.open(path)
    queue = SessionQueue(["alice", "bob"], clock=clock)
    session_id = store.create(queue, operator="op", connection="Staging", source="roster.csv", now=clock.now)
    store.attach(session_id, queue)
    for name in ("alice", "bob"):
        queue.begin(name)
        queue.finish(name, UserState.ENROLLED)
    queue.note_not_rehearsed("alice")
    store.close()
    store = SessionStore.open(path)  # as stored, read back
    report = SessionReport.build(store.info(session_id), store.entries(session_id))
    store.close()
    assert [(r.username, r.outcome, r.error, r.reason) for r in report.rows] == [
        ("alice", "enrolled", "", "not_rehearsed"),
        ("bob", "enrolled", "", ""),
    ]
    write_csv(report, tmp_path / "r.csv")
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["outcome"], row["reason"]) for row in rows] == [("enrolled", "not_rehearsed"), ("enrolled", "")]


def test_rows_counts_and_durations(tmp_path):
    clock = Clock()
    path = tmp_path / "c.sqlite3"
    session_id = _worked_session(path, clock)
    store = SessionStore.open(path)
    report = SessionReport.build(store.info(session_id), store.entries(session_id))
    store.close()
    assert [(r.username, r.outcome, r.error, r.reason) for r in report.rows] == [
        ("alice", "verified", "", ""),
        ("bob", "already_totp", "", ""),
        ("=cmd", "skipped", "", "not in today"),
        ("dave", "failed", "user_state", ""),
        ("erin", "waiting", "", ""),
        ("frank", "waiting", "", ""),
    ]
    assert report.counts() == {
        "enrolled": 0,
        "verified": 1,
        "already_totp": 1,
        "skipped": 1,
        "failed": 1,
        "waiting": 2,
    }
    assert [r.duration for r in report.rows[:2]] == [95, 40]
    assert report.average == pytest.approx((95 + 40 + 30) / 3)
    assert report.elapsed == 165  # to the last recorded time, not to now


def test_the_csv_has_the_columns_and_defuses_formulas(tmp_path):
    clock = Clock()
    path = tmp_path / "c.sqlite3"
    session_id = _worked_session(path, clock, operator="+helpdesk")
    store = SessionStore.open(path)
    report = SessionReport.build(store.info(session_id), store.entries(session_id))
    store.close()
    out = tmp_path / "r.csv"
    write_csv(report, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["username"] == "alice" and rows[0]["outcome"] == "verified"
    assert rows[0]["started_at"] == "2026-09-21T14:13:20Z" and rows[0]["finished_at"] == "2026-09-21T14:14:55Z"
    assert rows[2]["username"] == "'=cmd" and rows[0]["operator"] == "'+helpdesk"
    assert rows[3]["error"] == "user_state" and rows[2]["reason"] == "not in today"


def _cli(args, data_dir):
    env = dict(os.environ, COGTOTP_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "cogtotp_gui", "session-report", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_the_command_line_writes_csv_and_a_pdf_that_reads_back(tmp_path):
    clock = Clock()
    data = tmp_path / "data"
    first = _worked_session(data / "campaign.sqlite3", clock, operator="first-op")
    _worked_session(data / "campaign.sqlite3", clock, operator="latest-op")
    out_csv, out_pdf = tmp_path / "latest.csv", tmp_path / "latest.pdf"
    done = _cli(["--csv", str(out_csv), "--pdf", str(out_pdf)], data)
    assert done.returncode == 0, done.stderr
    assert "6 users" in done.stdout
    assert "latest-op" in out_csv.read_text(encoding="utf-8-sig")
    text = pdf_text(out_pdf)
    for expected in ("Onboarding session report", "latest-op", "Staging", "alice", "Verified", "Already on an"):
        assert expected in text, expected
    assert "the account needs IT" in text and "not in today" in text

    older = _cli(["--session", str(first), "--csv", str(tmp_path / "first.csv")], data)
    assert older.returncode == 0, older.stderr
    assert "first-op" in (tmp_path / "first.csv").read_text(encoding="utf-8-sig")


def test_the_command_line_explains_what_is_missing(tmp_path):
    nothing = _cli(["--csv", str(tmp_path / "x.csv")], tmp_path / "empty")
    assert nothing.returncode == 1 and "there is no session yet" in nothing.stderr
    unknown = _cli(["--session", "42", "--csv", str(tmp_path / "x.csv")], tmp_path / "empty")
    assert unknown.returncode == 1 and "session 42" in unknown.stderr
    no_output = _cli([], tmp_path / "empty")
    assert no_output.returncode == 2 and "--csv" in no_output.stderr


def test_the_command_refuses_to_write_through_a_link(tmp_path):
    data = tmp_path / "data"
    _worked_session(data / "campaign.sqlite3", Clock(), operator="op")
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "r.csv").symlink_to(victim)
    done = _cli(["--csv", str(tmp_path / "r.csv")], data)
    assert done.returncode == 1 and "symbolic link" in done.stderr
    assert victim.read_text() == "keep"


def test_the_japanese_pdf_keeps_a_gap_between_each_label_and_its_value(tmp_path):
    """A long Japanese label ran into its number ("1 人あたりの平均2:20", issue 20 #12)."""
    data = tmp_path / "data"
    _worked_session(data / "campaign.sqlite3", Clock())
    out_pdf = tmp_path / "ja.pdf"
    done = _cli(["--pdf", str(out_pdf), "--lang", "ja"], data)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out_pdf, layout=True)
    lines = {line.strip().split("  ")[0].strip(): line for line in text.splitlines() if line.strip()}
    # The longest labels of the two label tables: each is followed by at least two spaces of layout.
    for label in ("1 人あたりの平均", "すでに認証アプリを使用", "経過時間"):
        line = next((line for key, line in lines.items() if key.startswith(label)), None)
        assert line is not None, (label, text[:800])
        after = line.split(label, 1)[1]
        assert after.startswith("  ") and after.strip(), (label, line)
