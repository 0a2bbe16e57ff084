"""bench/run.py's command line: ``--only inventory|sessions`` (``make bench-inventory``,
``make bench-sessions``) and how a partial run is merged into bench/latest.json.

The figures themselves are not asserted (the bench is for people to read);
what is checked is that the sessions child really ran, each run counted,
and that the merge keeps the rest of the file.
"""

from __future__ import annotations

import json

from bench import run


def test_an_unknown_only_is_refused_with_the_choices(capsys):
    assert run.main(["--only", "nothing"]) == 2
    assert run.main(["--only"]) == 2
    err = capsys.readouterr().err
    assert "--only {inventory,sessions,team}" in err


def test_only_sessions_runs_the_child_each_time_and_merges_its_figures(tmp_path, monkeypatch, capsys):
    latest = tmp_path / "latest.json"
    latest.write_text(json.dumps({"startup_ms": 133.0, "sessions": {"stale": True}}))
    monkeypatch.setattr(run, "LATEST", latest)
    monkeypatch.setattr(run, "SESSION_RUNS", 2)

    assert run.main(["--only", "sessions"]) == 0

    result = json.loads(latest.read_text())
    assert result["startup_ms"] == 133.0  # the other figures are kept
    assert result["sessions_date"].endswith(" UTC")
    sessions = result["sessions"]
    assert "stale" not in sessions
    assert sessions["runs"] == 2 and sessions["users"] == 1000
    for key in ("roster_open_ms", "stall_max_ms", "idle_max_ms", "locked_stall_max_ms"):
        low, high = sessions[f"{key}_range"]
        assert 0 < low <= sessions[key] <= high  # a median of the two runs
    printed = capsys.readouterr().out
    assert "1,000-user roster → queue painted (median of 2)" in printed
    assert "while the database is locked for 1 s" in printed
    assert f"{sessions['roster_open_ms']:.0f} ms" in printed
    assert "< 200 ms" in printed and "< 50 ms" in printed
