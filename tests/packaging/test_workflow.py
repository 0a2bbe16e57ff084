"""The CI workflow a maintainer runs on Windows, macOS and Linux
(.github/workflows/bundle.yml) keeps the promises docs/installation.md makes
of it. actionlint and zizmor (make lint-workflows) check that it is a valid,
pinned, least-privilege workflow; this checks what it proves."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "bundle.yml"
SYSTEMS = {"ubuntu-22.04", "windows-latest", "macos-latest"}


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def _oses(job: dict) -> set[str]:
    matrix = job["strategy"]["matrix"]
    return set(matrix.get("os", [])) | {entry["os"] for entry in matrix.get("include", [])}


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_it_runs_on_every_pull_request_on_tags_and_by_hand():
    # PyYAML reads the key `on` as True (YAML 1.1).
    triggers = _workflow()[True]
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch"}
    assert triggers["push"] == {"tags": ["v*"]}


def test_the_tests_and_the_bundle_run_on_all_three_systems():
    jobs = _workflow()["jobs"]
    assert _oses(jobs["test"]) == SYSTEMS and _oses(jobs["bundle"]) == SYSTEMS
    assert "-m pytest" in _runs(jobs["test"])
    assert jobs["test"]["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_the_bundle_proves_itself_and_ships_checksums():
    job = _workflow()["jobs"]["bundle"]
    runs = _runs(job)
    for system in ("Linux", "macOS", "Windows"):
        step = next(s for s in job["steps"] if s.get("name") == f"Self-check ({system})")
        assert "--self-check" in step["run"]
    assert '"$CLI" inventory --help' in runs
    assert "sha256" in runs and '-c "$ARCHIVE.sha256"' in runs
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert "dist/*.sha256" in upload["with"]["path"]


def test_every_action_is_pinned_by_commit_and_names_its_release():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text("utf-8"))
    assert len(uses) >= 5
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (action, comment)


def test_the_linux_jobs_install_the_display_packages_ci_run_installs():
    text = WORKFLOW.read_text("utf-8") + (ROOT / ".ci" / "run").read_text("utf-8")
    assert text.count(".ci/display-packages.txt") >= 2
    packages = (ROOT / ".ci" / "display-packages.txt").read_text("utf-8")
    assert "xvfb" in packages and "xdotool" in packages
