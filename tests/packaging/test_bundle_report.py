"""tools/bundle_report.py: the size and file count the budget is judged by."""

import json
import runpy
import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "bundle_report.py"


def report(*args):
    return subprocess.run([sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True, timeout=60)


def make_bundle(root):
    (root / "_internal" / "PySide6").mkdir(parents=True)
    (root / "cogtotp-gui").write_bytes(b"x" * 1000)
    (root / "_internal" / "PySide6" / "libQt6Core.so.6").write_bytes(b"q" * 5000)
    (root / "_internal" / "libQt6Core.so.6").symlink_to("PySide6/libQt6Core.so.6")
    return root


def test_size_is_what_du_sb_says_and_links_are_not_files(tmp_path):
    bundle = make_bundle(tmp_path / "b")
    du = subprocess.run(["du", "-sb", str(bundle)], capture_output=True, text=True, check=True)
    done = report(bundle, "--json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["bytes"] == int(du.stdout.split()[0])
    assert data["files"] == 2 and data["within_budget"]
    assert next(iter(data["largest"])) == "_internal/PySide6"


def test_over_budget_fails_and_a_missing_folder_says_so(tmp_path):
    bundle = make_bundle(tmp_path / "b")
    assert report(bundle, "--budget-mb", "0.001").returncode == 1
    missing = report(tmp_path / "nothing")
    assert missing.returncode == 2 and "make bundle" in missing.stderr


def test_measure_groups_by_part(tmp_path):
    measure = runpy.run_path(str(TOOL))["measure"]
    total, files, parts = measure(make_bundle(tmp_path / "b"))
    assert files == 2 and parts["cogtotp-gui"] == 1000 and total >= 6000
