"""Issues 12 and 23's figures: scans behind a quota-enforcing emulator, and the view with a million users.

- scan: ``cogtotp-gui inventory --exact --max-rps 120`` (the command, in
  its own process, start-up included; who was read is counted from its
  database afterwards) against the strict emulator in another process
  enforcing Cognito's default quotas (UserRead 120/s) under each quota
  model (bench/inventory_emulator.py: a token bucket, a sliding one-second
  window, a bucket shared with 40/s of other traffic); 1,200 users. The
  floor is 1,200 / (120 − other traffic); the target ≤ 1.15× of it, nobody lost.
- census: ``cogtotp-gui inventory`` (ListUsers only, its default 20 pages/s
  of 60 users) on 100,000 users; the floor is pages / 20; the target a
  speed ≥ 0.9× of it.
- view: bench/inventory_view_child.py (a million users in the local store).

Each scan row also says where its time went, from the emulator's side: the
command's start-up until its first call, the span from the first to the last
paced call (its rate against the pace) and the tail after it.

Run alone: ``python bench/run.py --only inventory`` (or ``python -m bench.inventory_bench``).
Smaller or partial runs, for a look in minutes (the README's rows are the
issue's sizes): ``BENCH_INVENTORY=scan,census`` (of ``sim,scan,census,view``),
``BENCH_INVENTORY_MODELS=window`` (of ``bucket,window,shared``),
``BENCH_INVENTORY_CENSUS_USERS=20000``; ``BENCH_INVENTORY_LATENCY_MS=60``
holds every request that long in the emulator (a round trip to Cognito's
Region, which loopback lacks). ``BENCH_INVENTORY_APP=/path/to/checkout``
measures that checkout's command against this emulator (an A/B: run both in
turn on the same machine).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = Path(os.environ.get("BENCH_INVENTORY_APP") or ROOT)  # the checkout whose command is measured
SCAN_USERS = 1200
SCAN_RPS = 120.0
CENSUS_USERS = int(os.environ.get("BENCH_INVENTORY_CENSUS_USERS", "100000"))
LATENCY_MS = float(os.environ.get("BENCH_INVENTORY_LATENCY_MS", "0"))
PARTS = os.environ.get("BENCH_INVENTORY", "sim,scan,census,view").split(",")
CENSUS_PAGE_RPS = 20.0  # campaign.inventory.DEFAULT_LIST_RPS
# Quota models: key -> (emulator argument, other traffic a second, words for the table).
MODELS = {
    "bucket": ("bucket", 0.0, "token bucket"),
    "window": ("window", 0.0, "sliding 1 s window"),
    "shared": ("shared:40", 40.0, "bucket shared with 40/s"),
}
TARGETS = {
    "scan_ratio": 1.15,
    "census_speed": 0.9,
    "view_open_ms": 300.0,
    "search_ms": 100.0,
    "view_rss_growth_mib": 120.0,
}


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


def scan_figures(model: str = "bucket", *, exact: bool = True, users: int = SCAN_USERS) -> dict[str, float]:
    """One scan by the command against the emulator; figures keyed ``scan_<model>_*`` (``census_*``)."""
    data_dir = tempfile.mkdtemp(prefix="cogtotp-bench-scan-")
    env = _env(data_dir)
    argument, other, _ = MODELS[model]
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.inventory_emulator", str(users), argument, f"{LATENCY_MS:g}"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and server.stdin is not None
        info = json.loads(server.stdout.readline())
        command = [
            sys.executable,
            "-m",
            "cogtotp_gui",
            "inventory",
            "--user-pool-id",
            info["pool_id"],
            "--endpoint-url",
            info["endpoint_url"],
            *(["--exact", "--max-rps", f"{SCAN_RPS:g}"] if exact else []),
        ]
        load = os.getloadavg()[0]  # the machine is shared: each figure says how busy it was
        start = time.perf_counter()
        started = time.time()  # the emulator's stamps are time.time()
        done = subprocess.run(
            command, cwd=APP, env={**env, "PYTHONPATH": str(APP)}, capture_output=True, text=True, timeout=900, input=""
        )
        seconds = time.perf_counter() - start
        ended = started + seconds
        if done.returncode != 0:
            raise RuntimeError(f"inventory failed: {done.stderr.strip()}")
        # Counted from the command's database: a --json export of 100,000 rows
        # would add its seconds to the scan's.
        with closing(sqlite3.connect(Path(data_dir) / "campaign.sqlite3")) as db:
            rows = db.execute(
                "SELECT username, mfa FROM inventory_users WHERE pool_id = ?", (info["pool_id"],)
            ).fetchall()
        server.stdin.write("stats\n")
        server.stdin.flush()
        stats = json.loads(server.stdout.readline())
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=30)
    operation = "AdminGetUser" if exact else "ListUsers"
    first, last = stats["calls"][operation]
    calls = stats["accepted"]["UserRead" if exact else "UserList"]
    spent = {
        "start_s": min(span[0] for span in stats["calls"].values()) - started,
        "paced_s": last - first,
        "paced_rate": (calls - 1) / (last - first) if last > first else 0.0,
        "tail_s": ended - last,
        "serve_ms": stats["serve_ms"].get("p50", 0.0),
        "latency_ms": LATENCY_MS,
        "load": load,
    }
    if not exact:
        pages = -(-info["users"] // 60)
        floor = pages / CENSUS_PAGE_RPS
        return {
            **{f"census_{name}": value for name, value in spent.items()},
            "census_pages": calls,
            "census_users": info["users"],
            "census_s": seconds,
            "census_floor_s": floor,
            "census_speed": floor / seconds,
            "census_lost": info["users"] - len({username for username, _ in rows}),
            "census_throttled": stats["rejected"].get("UserList", 0),
        }
    floor = info["users"] / (SCAN_RPS - other)
    lost = info["users"] - len({username for username, mfa in rows if mfa != "unknown"})
    key = f"scan_{model}"
    return {
        **{f"{key}_{name}": value for name, value in spent.items()},
        f"{key}_users": info["users"],
        f"{key}_s": seconds,
        f"{key}_floor_s": floor,
        f"{key}_ratio": seconds / floor,
        f"{key}_lost": lost,
        f"{key}_reads": stats["accepted"].get("UserRead", 0),
        f"{key}_throttled": stats["rejected"].get("UserRead", 0),
    }


def view_figures() -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.inventory_view_child"],
        cwd=ROOT,
        env={**_env(tempfile.mkdtemp(prefix="cogtotp-bench-view-")), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return {f"view_{key}": value for key, value in figures.items()}


def figures() -> dict[str, float]:
    from bench import pacer_simulation

    result: dict[str, float] = dict(pacer_simulation.figures()) if "sim" in PARTS else {}
    if "scan" in PARTS:
        for model in os.environ.get("BENCH_INVENTORY_MODELS", ",".join(MODELS)).split(","):
            result.update(scan_figures(model))
    if "census" in PARTS:
        result.update(scan_figures(exact=False, users=CENSUS_USERS))
    if "view" in PARTS:
        result.update(view_figures())
    if LATENCY_MS:
        result["latency_ms"] = LATENCY_MS
    return result


def _spent(result: dict[str, float], key: str) -> str:
    """Where a scan's time went (the emulator's stamps), and how busy the machine was."""
    if f"{key}_paced_s" not in result:
        return ""
    latency = result.get(f"{key}_latency_ms", 0.0)
    return (
        f"start-up {result[f'{key}_start_s']:.2f} s, paced calls {result[f'{key}_paced_s']:.2f} s at "
        f"{result[f'{key}_paced_rate']:.1f}/s, tail {result[f'{key}_tail_s']:.2f} s; emulator "
        f"{result[f'{key}_serve_ms']:.0f} ms a call (median)"
        + (f" + {latency:g} ms latency" if latency else "")
        + f"; load {result[f'{key}_load']:.1f}"
    )


def rows(result: dict[str, float]) -> list[tuple[str, str, str, str, str]]:
    from bench.pacer_simulation import MODELS as SIMULATED
    from bench.pacer_simulation import SHORT

    table: list[tuple[str, str, str, str, str]] = []
    for words in SIMULATED:
        key = f"sim_{SHORT[words]}"
        if f"{key}_ratio" in result:
            table.append(
                (
                    f"pacer, 1,200 users at --max-rps 120, 120/s quota: {words} (simulated clock, the scan's 32 readers)",
                    f"{result[f'{key}_ratio']:.3f}× the floor",
                    "",
                    f"{result[f'{key}_throttled']:.0f} throttled, nobody lost",
                    "≤ 1.15×",
                )
            )
    for model, (_, other, words) in MODELS.items():
        key = f"scan_{model}"
        if f"{key}_s" not in result:
            continue
        table.append(
            (
                f"exact scan, {result[f'{key}_users']:,.0f} users at --max-rps {SCAN_RPS:g}, 120/s quota: {words}",
                f"{result[f'{key}_s']:.2f} s",
                f"floor {result[f'{key}_floor_s']:.1f} s" + (f" (120 − {other:g})" if other else ""),
                f"{result[f'{key}_ratio']:.3f}× ({result[f'{key}_lost']:.0f} lost, "
                f"{result[f'{key}_throttled']:.0f} throttled); {_spent(result, key)}",
                "≤ 1.15×, nobody lost",
            )
        )
    if "census_s" in result:
        table.append(
            (
                f"census (ListUsers), {result['census_users']:,.0f} users at {CENSUS_PAGE_RPS:g} pages/s",
                f"{result['census_s']:.1f} s",
                f"floor {result['census_floor_s']:.1f} s",
                f"{result['census_speed']:.3f}× the floor's speed ({result['census_lost']:.0f} lost); "
                + _spent(result, "census"),
                "≥ 0.9×",
            )
        )
    if "view_open_ms" in result:
        users = f"{result['view_users']:,.0f}"
        table += [
            (
                f"Migration window, {users} users stored: counts, chart, first rows",
                f"{result['view_open_ms']:.0f} ms",
                "",
                "",
                "< 300 ms",
            ),
            (
                "  a search (3+ characters) or state filter (worst of 6)",
                f"{result['view_search_ms']:.1f} ms",
                f"1–2 characters: {result['view_short_search_ms']:.0f} ms (no index)",
                "",
                "< 100 ms",
            ),
            ("  memory growth opening it", f"{result['view_rss_growth_mib']:.0f} MiB", "", "", "< 120 MiB"),
            (
                "  export CSV of all rows (streamed, on a worker)",
                f"{result['view_export_s']:.1f} s",
                f"memory growth {result['view_export_rss_growth_mib']:.0f} MiB",
                "",
                "constant memory",
            ),
        ]
    return table


def main() -> int:
    result = figures()
    for row in rows(result):
        print("  ".join(row))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
