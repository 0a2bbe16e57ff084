"""The campaign's one CSV writer (campaign/export.py): defusing, encoding, and where it may write (issue 19 #12)."""

from __future__ import annotations

import csv
import os
import stat

import pytest

from cogtotp_gui.campaign.export import ExportCancelled, ExportTargetError, defuse, replace_file, write_csv
from cogtotp_gui.campaign.inventory_query import write_inventory_csv, write_inventory_json


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_defused(start):
    assert defuse(start + "SUM(A1)") == "'" + start + "SUM(A1)"


def test_plain_values_are_kept():
    assert defuse("alice") == "alice" and defuse(None) == "" and defuse(42) == "42" and defuse("a=b") == "a=b"


def test_utf8_with_bom_crlf_and_defused_cells(tmp_path):
    out = tmp_path / "out.csv"
    assert write_csv(out, ("username", "note"), [("=cmd|' /C calc'!A0", "\tx"), ("山田", "ok")]) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [["username", "note"], ["'=cmd|' /C calc'!A0", "'\tx"], ["山田", "ok"]]


def test_a_symlink_is_refused_and_its_target_left_alone(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    with pytest.raises(ExportTargetError) as caught:
        write_csv(link, ("a",), [("b",)])
    assert caught.value.filename == str(link)
    assert victim.read_text() == "keep me" and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "victim.txt"]  # no temporary file left


def test_a_folder_and_a_fifo_are_refused(tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(ExportTargetError):
        write_csv(folder, ("a",), [])
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(ExportTargetError):  # opening it for writing would block until a reader comes
        write_csv(fifo, ("a",), [])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_error_or_a_cancel_midway_leaves_the_old_file(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old")

    def failing():
        yield ("one",)
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_csv(out, ("a",), failing())
    assert out.read_text() == "old"
    with pytest.raises(ExportCancelled):
        write_csv(out, ("a",), ((str(i),) for i in range(10_000)), cancelled=lambda: True)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_progress_is_told_while_streaming(tmp_path):
    seen: list[int] = []
    write_csv(tmp_path / "o.csv", ("a",), ((str(i),) for i in range(4500)), on_progress=seen.append)
    assert seen == [2000, 4000, 4500]


def test_a_new_file_is_the_owners_and_a_replaced_one_keeps_its_mode(tmp_path):
    new = tmp_path / "new.csv"
    write_csv(new, ("a",), [])
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = tmp_path / "shared.csv"
    shared.write_text("old")
    shared.chmod(0o640)
    write_csv(shared, ("a",), [])
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640


def test_inventory_csv_and_json_share_the_rules(tmp_path):
    rows = [("-1+1", 1, "CONFIRMED", "sms", "", 0.0), ("bob", 0, "CONFIRMED", "totp", "totp", 60.0)]
    write_inventory_csv(tmp_path / "i.csv", rows)
    text = (tmp_path / "i.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(text.decode("utf-8-sig").splitlines()))
    assert parsed[0]["username"] == "'-1+1" and parsed[1]["enabled"] == "false"
    assert parsed[1]["checked_at"] == "1970-01-01T00:01:00Z"
    link = tmp_path / "i.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(ExportTargetError):
        write_inventory_json(link, rows)
    assert not (tmp_path / "elsewhere.json").exists()


def test_replace_file_writes_nothing_until_the_block_ends(tmp_path):
    out = tmp_path / "o.txt"
    out.write_text("old")
    with replace_file(out) as handle:
        handle.write("new")
        assert out.read_text() == "old"
    assert out.read_text() == "new"
