"""Issue 12's figures: an exact scan behind a quota-enforcing emulator, and the view with 100,000 users.

- scan: ``cogtotp-gui inventory --exact --max-rps 120`` (the command, in
  its own process) against the strict emulator in another process
  enforcing Cognito's default quotas (UserRead 120/s); 1,200 users. The
  floor is 1,200 / 120 = 10 s; the target ≤ 1.15× of it, nobody lost.
- view: bench/inventory_view_child.py (100,000 users in the local store).

Run alone: ``python bench/run.py --only inventory`` (or ``python -m bench.inventory_bench``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCAN_USERS = 1200
SCAN_RPS = 120.0
TARGETS = {"scan_ratio": 1.15, "view_open_ms": 300.0, "search_ms": 100.0, "view_rss_growth_mib": 80.0}


def _env(data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COGTOTP_DATA_DIR": data_dir,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }


def scan_figures() -> dict[str, float]:
    data_dir = tempfile.mkdtemp(prefix="cogtotp-bench-scan-")
    env = _env(data_dir)
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.inventory_emulator", str(SCAN_USERS)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and server.stdin is not None
        info = json.loads(server.stdout.readline())
        out = Path(data_dir) / "users.json"
        command = [
            sys.executable,
            "-m",
            "cogtotp_gui",
            "inventory",
            "--user-pool-id",
            info["pool_id"],
            "--endpoint-url",
            info["endpoint_url"],
            "--exact",
            "--max-rps",
            f"{SCAN_RPS:g}",
            "--json",
            str(out),
        ]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, input="")
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"inventory failed: {done.stderr.strip()}")
        rows = json.loads(out.read_text(encoding="utf-8"))
        server.stdin.write("stats\n")
        server.stdin.flush()
        stats = json.loads(server.stdout.readline())
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=30)
    floor = info["users"] / SCAN_RPS
    lost = info["users"] - len({row["username"] for row in rows if row["mfa"] != "unknown"})
    return {
        "scan_users": info["users"],
        "scan_s": seconds,
        "scan_floor_s": floor,
        "scan_ratio": seconds / floor,
        "scan_lost": lost,
        "scan_reads": stats["accepted"].get("UserRead", 0),
        "scan_throttled": stats["rejected"].get("UserRead", 0),
    }


def view_figures() -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.inventory_view_child"],
        cwd=ROOT,
        env={**_env(tempfile.mkdtemp(prefix="cogtotp-bench-view-")), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "view_users": figures["users"],
        "view_open_ms": figures["open_ms"],
        "view_all_rows_ms": figures["all_rows_ms"],
        "search_ms": figures["search_ms"],
        "view_rss_growth_mib": figures["rss_growth_mib"],
    }


def figures() -> dict[str, float]:
    return {**scan_figures(), **view_figures()}


def rows(result: dict[str, float]) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            f"exact scan, {result['scan_users']:,} users at --max-rps {SCAN_RPS:g} behind a 120/s quota",
            f"{result['scan_s']:.2f} s",
            f"floor {result['scan_floor_s']:.1f} s",
            f"{result['scan_ratio']:.3f}× ({result['scan_lost']} lost, {result['scan_throttled']} throttled)",
            "≤ 1.15×, nobody lost",
        ),
        (
            f"Migration window, {result['view_users']:,} users stored: counts, chart, first rows",
            f"{result['view_open_ms']:.0f} ms",
            f"all rows {result['view_all_rows_ms']:.0f} ms",
            "",
            "< 300 ms",
        ),
        ("  a search or state filter (worst of 6)", f"{result['search_ms']:.1f} ms", "", "", "< 100 ms"),
        ("  memory growth opening it", f"{result['view_rss_growth_mib']:.0f} MiB", "", "", "< 80 MiB"),
    ]


def main() -> int:
    result = figures()
    for row in rows(result):
        print("  ".join(row))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
