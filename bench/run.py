"""`make bench`: the app's figures, each against a baseline measured in the
same run on the same machine, printed as a table and written to
bench/latest.json. Nothing here is asserted: figures are for people to read
(timed assertions in tests are flaky on shared machines).
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "cogtotp-gui"
# 15: a start-up varies by ±3 ms from run to run here (~±0.025 in the ratio).
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TARGETS = {"startup_ratio": 1.25, "stall_ms": 50.0, "qr_ms": 10.0, "peak_rss_mib": 130.0}
# The sessions child is run this many times (its figures are medians with their range).
SESSION_RUNS = int(os.environ.get("BENCH_SESSION_RUNS", "5"))
LATEST = ROOT / "bench" / "latest.json"

APP_ARGS = ["--user-pool-id", "eu-west-1_Bench1", "--client-id", "bench1", "--endpoint-url", "http://127.0.0.1:9"]


def env(source: Path = ROOT) -> dict[str, str]:
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e["COGTOTP_EXIT_AFTER_FIRST_PAINT"] = "1"
    e["PYTHONPATH"] = str(source)
    return e


def byte_compiled_copy() -> Path:
    """The package, byte-compiled, in a temporary folder: what an installed
    app runs (pip writes the .pyc files at install time, the bundle ships
    them). A checkout under PYTHONDONTWRITEBYTECODE=1 compiles each of its
    modules again at every start instead (~25 ms of the start-up here)."""
    target = Path(tempfile.mkdtemp(prefix="cogtotp-bench-"))
    shutil.copytree(ROOT / "cogtotp_gui", target / "cogtotp_gui", ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(target / "cogtotp_gui", quiet=1)
    return target


def time_to_first_paint(cmd: list[str], source: Path = ROOT) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env(source), cwd=source
    )
    watchdog = threading.Timer(60, proc.kill)  # an app that never reports must not hang the run
    watchdog.start()
    try:
        for line in proc.stdout:
            if line.strip() == "first-paint":
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError(f"{cmd[0]} exited without reporting its first paint")
        proc.wait(timeout=30)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return elapsed * 1000


def startup(commands: dict[str, tuple[list[str], Path]]) -> tuple[dict[str, float], tuple[float, float]]:
    """Median time to first paint of each command, run from its source
    folder; and the spread of the app's start-up against the baseline's:
    the quartiles of app/baseline over the interleaved pairs of runs."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, source in commands.values():  # warm the file cache once
        time_to_first_paint(cmd, source)
    for _ in range(RUNS):
        for name, (cmd, source) in commands.items():  # interleaved: drift hits all alike
            samples[name].append(time_to_first_paint(cmd, source))
    pairs = [app / base for app, base in zip(samples["app"], samples["baseline"], strict=True)]
    q1, _median, q3 = statistics.quantiles(pairs, n=4)
    return {name: statistics.median(values) for name, values in samples.items()}, (q1, q3)


def child(module: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", module],
        capture_output=True,
        text=True,
        env={**env(), "COGTOTP_EXIT_AFTER_FIRST_PAINT": ""},
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bundle_figures() -> dict[str, float] | None:
    if not (BUNDLE / "cogtotp-gui").exists():
        return None
    # The same count as tools/bundle_report.py (symlinks to Qt's libraries
    # are not counted twice).
    out = subprocess.run(
        [sys.executable, "tools/bundle_report.py", "--json"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    report = json.loads(out.stdout)
    return {"bundle_mb": report["bytes"] / 1e6, "bundle_files": report["files"]}


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def sessions_figures(runs: int | None = None) -> dict[str, object]:
    """Issue 13's figures: bench/sessions_child.py ``runs`` times (default
    ``SESSION_RUNS``), each in a fresh process; the median of each figure and
    its range over the runs (on a shared machine the range says how much to
    trust the median)."""
    runs = SESSION_RUNS if runs is None else runs
    samples = [child("bench.sessions_child") for _ in range(runs)]
    result: dict[str, object] = {"runs": runs, "users": samples[0]["users"]}
    for key in ("roster_open_ms", "stall_max_ms", "idle_max_ms", "locked_stall_max_ms"):
        values = [float(sample[key]) for sample in samples]
        result[key] = statistics.median(values)
        result[f"{key}_range"] = [min(values), max(values)]
    return result


def sessions_rows(figures: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    runs = figures["runs"]

    def spread(key: str) -> str:
        low, high = figures[f"{key}_range"]
        return f"runs {low:.1f}–{high:.1f}"

    return [
        (
            f"{figures['users']:,}-user roster → queue painted (median of {runs})",
            f"{figures['roster_open_ms']:.0f} ms",
            "",
            spread("roster_open_ms"),
            "< 200 ms",
        ),
        (
            f"longest UI stall, {figures['users']:,} queue updates (median of {runs})",
            f"{figures['stall_max_ms']:.1f} ms",
            f"idle loop {figures['idle_max_ms']:.1f} ms ({spread('idle_max_ms')})",
            f"{figures['stall_max_ms'] / figures['idle_max_ms']:.2f}× ({spread('stall_max_ms')})",
            "< 50 ms",
        ),
        (
            f"longest UI stall, 20 queue updates while the database is locked for 1 s (median of {runs})",
            f"{figures['locked_stall_max_ms']:.1f} ms",
            "writes on the ordered writer's thread",
            spread("locked_stall_max_ms"),
            "< 50 ms",
        ),
    ]


def merge_into_latest(update: dict[str, object], latest: Path | None = None) -> None:
    """Write ``update`` over bench/latest.json's keys (default ``LATEST``), keeping the others."""
    latest = LATEST if latest is None else latest
    result = json.loads(latest.read_text()) if latest.exists() else {}
    result.update(update)
    latest.write_text(json.dumps(result, indent=2) + "\n")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def inventory_only() -> int:
    """Issue 12's figures alone, merged into bench/latest.json."""
    sys.path.insert(0, str(ROOT))
    from bench import inventory_bench

    figures = inventory_bench.figures()
    latest = ROOT / "bench" / "latest.json"
    result = json.loads(latest.read_text()) if latest.exists() else {}
    result.update(figures, inventory_date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    for row in inventory_bench.rows(figures):
        print("  ".join(row))
    latest.write_text(json.dumps(result, indent=2) + "\n")
    return 0


def sessions_only() -> int:
    """Issue 13's figures alone, merged into bench/latest.json."""
    figures = sessions_figures()
    print(f"sessions — {now_utc()} — {machine()}")
    for row in sessions_rows(figures):
        print("  ".join(cell for cell in row if cell))
    merge_into_latest({"sessions": figures, "sessions_date": now_utc()})
    return 0


def team_only() -> int:
    """Issue 22's figures alone, merged into bench/latest.json."""
    sys.path.insert(0, str(ROOT))
    from bench import team_bench

    figures = team_bench.figures()
    print(f"team campaigns — {now_utc()} — {machine()}")
    for row in team_bench.rows(figures):
        print("  ".join(cell for cell in row if cell))
    merge_into_latest({"team": figures, "team_date": now_utc()})
    return 0


ONLY = {"inventory": inventory_only, "sessions": sessions_only, "team": team_only}
USAGE = f"usage: bench/run.py [--only {{{','.join(ONLY)}}}]"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "--only" and args[1] in ONLY:
        return ONLY[args[1]]()
    if args:
        print(USAGE, file=sys.stderr)
        return 2
    py = sys.executable
    compiled = byte_compiled_copy()
    commands = {
        "baseline": ([py, str(ROOT / "bench" / "baseline_wizard.py")], ROOT),
        # As installed (pip and the bundle ship .pyc files): the target's figure.
        "app": ([py, "-m", "cogtotp_gui", *APP_ARGS], compiled),
        # The checkout as it is: without __pycache__ (PYTHONDONTWRITEBYTECODE)
        # every module is compiled again at each start.
        "checkout": ([py, "-m", "cogtotp_gui", *APP_ARGS], ROOT),
    }
    frozen = BUNDLE / "cogtotp-gui"
    if frozen.exists():
        commands["frozen"] = ([str(frozen), *APP_ARGS], ROOT)
    try:
        starts, (ratio_q1, ratio_q3) = startup(commands)
    finally:
        shutil.rmtree(compiled, ignore_errors=True)

    enrollments = [child("bench.enrollment_child") for _ in range(3)]
    qr = child("bench.qr_child")
    baseline_rss = child("bench.baseline_rss")
    # Onboarding sessions (alone: bench/run.py --only sessions).
    sessions = sessions_figures()
    stall = max(e["stall_ms"] for e in enrollments)
    idle = max(e["idle_gap_ms"] for e in enrollments)
    rss = max(e["peak_rss_mib"] for e in enrollments)

    result: dict[str, object] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "startup_ms": starts["app"],
        "startup_baseline_ms": starts["baseline"],
        "startup_ratio": starts["app"] / starts["baseline"],
        "startup_ratio_quartiles": [ratio_q1, ratio_q3],
        "startup_checkout_ms": starts["checkout"],
        "startup_checkout_ratio": starts["checkout"] / starts["baseline"],
        "stall_ms": stall,
        "stall_baseline_ms": idle,
        "stall_ratio": stall / idle,
        "qr_ms": qr["qr_ms"],
        "qr_matrix_ms": qr["matrix_ms"],
        "qr_ui_ms": qr["ui_ms"],
        "qr_paint_ms": qr["paint_ms"],
        "qr_baseline_ms": qr["empty_ms"],
        "peak_rss_mib": rss,
        "rss_baseline_mib": baseline_rss["peak_rss_mib"],
        "rss_ratio": rss / baseline_rss["peak_rss_mib"],
    }
    if "frozen" in starts:
        result.update(frozen_startup_ms=starts["frozen"], frozen_ratio=starts["frozen"] / starts["app"])
    figures = bundle_figures()
    if figures:
        result.update(figures)
    sys.path.insert(0, str(ROOT))
    from bench import inventory_bench

    inventory = inventory_bench.figures()
    result.update(inventory)
    from bench import team_bench

    team = team_bench.figures()
    result["team"] = team

    rows = [
        (
            "start-up to first painted page (as installed)",
            f"{starts['app']:.0f} ms",
            f"bare QWizard {starts['baseline']:.0f} ms",
            f"{result['startup_ratio']:.2f}× (runs: {ratio_q1:.2f}–{ratio_q3:.2f})",
            "≤ 1.25×",
        ),
        (
            "  the same, from the checkout as it is",
            f"{starts['checkout']:.0f} ms",
            f"bare QWizard {starts['baseline']:.0f} ms",
            f"{result['startup_checkout_ratio']:.2f}×",
            "",
        ),
        (
            "longest UI stall, full enrollment",
            f"{stall:.1f} ms",
            f"idle loop {idle:.1f} ms",
            f"{result['stall_ratio']:.2f}×",
            "< 50 ms",
        ),
        (
            "secret → painted QR",
            f"{qr['qr_ms']:.2f} ms",
            f"empty widget {qr['empty_ms']:.2f} ms",
            f"matrix {qr['matrix_ms']:.2f} (worker) + UI {qr['ui_ms']:.2f}",
            "< 10 ms",
        ),
        (
            "peak RSS, full enrollment",
            f"{rss:.0f} MiB",
            f"bare QWizard {baseline_rss['peak_rss_mib']:.0f} MiB",
            f"{result['rss_ratio']:.2f}×",
            "< 130 MiB",
        ),
    ]
    result["sessions"] = sessions
    rows.extend(sessions_rows(sessions))
    if "frozen" in starts:
        rows.append(
            (
                "frozen start-up",
                f"{starts['frozen']:.0f} ms",
                f"installed {starts['app']:.0f} ms",
                f"{result['frozen_ratio']:.2f}×",
                "",
            )
        )
    if figures:
        rows.append(
            ("bundle (onedir)", f"{figures['bundle_mb']:.0f} MB", f"{figures['bundle_files']} files", "", "≤ 150 MB")
        )
    rows.extend(inventory_bench.rows(inventory))
    rows.extend(team_bench.rows(team))
    widths = [max(len(str(r[i])) for r in rows) for i in range(5)]
    print(f"cogtotp-gui benchmark — {result['date']} — {result['machine']} — median of {RUNS} start-ups")
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    (ROOT / "bench" / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
