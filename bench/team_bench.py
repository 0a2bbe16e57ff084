"""Team campaigns' figures (issue 22): 8 desk processes claim and finish the
users of one campaign on a moto server that takes one request at a time
(tests/support/dynamo_server.py --serialised, as DynamoDB applies writes to
an item). Claims per second, the p95 claim time, and the request units per
enrolled user counted from the calls the desks sent (docs/team-campaigns.md
has the rules: a transaction's item costs 2 write units per KB, an index
entry that moves costs 2 writes, an eventually consistent query half a read
unit per 4 KB).

The server is moto: its per-request cost (50-600 ms here under load) is most
of a claim's time, so the claim figures are the emulator's more than the
app's; the request units are the app's.

The UI's longest stall while a desk claims, renews and syncs its outbox:
bench/team_child.py (a real window offscreen, the desk runner; moto's
DynamoDB in a process of its own, and again in the app's process),
``STALL_RUNS`` fresh processes each, the median and range of each figure.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("BENCH_TEAM_USERS", "160"))
DESKS = 8
# Units per call, from the item sizes dynamo.py writes (user item < 1 KB,
# campaign item < 1 KB in a fresh campaign): docs/team-campaigns.md.
WRITE_UNITS = {"TransactWriteItems": 2 * (1 + 1) + 2, "UpdateItem": 1 + 1, "PutItem": 1}
READ_UNITS = {"Query": 1.5, "GetItem": 1.0}
STALL_RUNS = int(os.environ.get("BENCH_TEAM_STALL_RUNS", "5"))


def desk(table: str, queue: multiprocessing.Queue) -> None:
    from cogtotp_gui.campaign.queue import UserState
    from cogtotp_gui.campaign.team.dynamo import TeamStore, dynamodb_client
    from cogtotp_gui.campaign.team.model import Identity

    store = TeamStore(
        dynamodb_client("eu-west-1"), table, "bench", Identity(f"arn:op{os.getpid()}", f"pc/{os.getpid()}")
    )
    store.join()
    claims: list[float] = []
    while True:
        start = time.perf_counter()
        user = store.claim_next()
        if user is None:
            break
        claims.append(time.perf_counter() - start)
        store.finish(store.renew(user.lease), UserState.ENROLLED)
    queue.put({"claims": claims, "requests": store.requests})


def stall_figures(runs: int = STALL_RUNS) -> dict[str, object]:
    """bench/team_child.py ``runs`` times with the table in its own process
    (``desk_*``) and ``runs`` times with moto in the app's process
    (``desk_inproc_*``): the median (and range) of the longest UI stall while
    claiming, renewing and syncing, and of the idle loop's."""
    from bench.run import byte_compiled_copy

    # As installed (.pyc files): a checkout under PYTHONDONTWRITEBYTECODE
    # compiles each team module when the desk joins, on the worker, and
    # compile() holds the GIL (measured: a 167 ms stall of the join).
    compiled = byte_compiled_copy()
    try:
        result: dict[str, object] = {"desk_stall_runs": runs}
        for mode, prefix in (("server", "desk"), ("inproc", "desk_inproc")):
            result.update(_stall_runs(compiled, mode, prefix, runs))
    finally:
        shutil.rmtree(compiled, ignore_errors=True)
    return result


def _stall_runs(compiled: Path, mode: str, prefix: str, runs: int) -> dict[str, object]:
    """``runs`` children with the table ``mode`` (server, inproc); figures named ``prefix_*``."""
    from bench.run import env

    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.team_child", mode],
            capture_output=True,
            text=True,
            env={**env(), "COGTOTP_EXIT_AFTER_FIRST_PAINT": "", "PYTHONPATH": f"{compiled}{os.pathsep}{ROOT}"},
            cwd=compiled,  # sys.path[0]: the compiled package before the checkout's
            timeout=300,
            check=True,
        )
        samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    result: dict[str, object] = {f"{prefix}_renewals": samples[0]["desk_renewals"]}
    for key in ("stall_max_ms", "idle_max_ms"):
        values = [float(sample[f"desk_{key}"]) for sample in samples]
        result[f"{prefix}_{key}"] = statistics.median(values)
        result[f"{prefix}_{key}_range"] = [min(values), max(values)]
    for phase in samples[0]["desk_phase_max_ms"]:
        result[f"{prefix}_{phase}_max_ms"] = statistics.median(float(s["desk_phase_max_ms"][phase]) for s in samples)
    return result


def figures() -> dict[str, Any]:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.support.dynamo_server", "--serialised"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline().split()[1])
        env["AWS_ENDPOINT_URL_DYNAMODB"] = f"http://127.0.0.1:{port}"
        os.environ.update(env)
        from cogtotp_gui.campaign.team.dynamo import TeamStore, create_table, dynamodb_client
        from cogtotp_gui.campaign.team.model import Identity

        client = dynamodb_client("eu-west-1")
        create_table(client, "bench", wait=False)
        lead = TeamStore(client, "bench", "bench", Identity("arn:lead", "pc/lead"))
        lead.create("eu-west-1_Bench1")
        lead.import_users(f"user{i:04}" for i in range(USERS))
        queue: multiprocessing.Queue = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=desk, args=("bench", queue)) for _ in range(DESKS)]
        start = time.perf_counter()
        for proc in procs:
            proc.start()
        results = [queue.get(timeout=1800) for _ in procs]
        elapsed = time.perf_counter() - start
        for proc in procs:
            proc.join()
    finally:
        server.kill()
        server.wait()
        server.stdout.close()
    claims = sorted(c for r in results for c in r["claims"])
    calls: dict[str, int] = {}
    for r in results:
        for action, n in r["requests"].items():
            calls[action] = calls.get(action, 0) + n
    enrolled = len(claims)
    return {
        "team_users": enrolled,
        "team_desks": DESKS,
        "team_claims_per_s": enrolled / elapsed,
        "team_claim_p95_ms": 1000 * claims[int(0.95 * (len(claims) - 1))],
        "team_claim_median_ms": 1000 * statistics.median(claims),
        "team_wru_per_user": sum(WRITE_UNITS.get(a, 0) * n for a, n in calls.items()) / enrolled,
        "team_rru_per_user": sum(READ_UNITS.get(a, 0) * n for a, n in calls.items()) / enrolled,
        "team_calls": calls,
        **stall_figures(),
    }


def rows(f: Mapping[str, Any]) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            f"team campaign, {f['team_desks']} desks, {f['team_users']} users (moto server, serialised)",
            f"{f['team_claims_per_s']:.1f} claims/s",
            f"p95 claim {f['team_claim_p95_ms']:.0f} ms",
            f"median {f['team_claim_median_ms']:.0f} ms",
            "",
        ),
        (
            "  request units per enrolled user (1 renewal each)",
            f"{f['team_wru_per_user']:.1f} WRU",
            f"{f['team_rru_per_user']:.2f} RRU",
            "docs/team-campaigns.md",
            "",
        ),
        (
            f"longest UI stall, a desk claiming, renewing, syncing its outbox (median of {f['desk_stall_runs']})",
            f"{f['desk_stall_max_ms']:.1f} ms",
            f"idle loop {f['desk_idle_max_ms']:.1f} ms (runs {_spread(f, 'desk_idle_max_ms')})",
            f"runs {_spread(f, 'desk_stall_max_ms')}; join {f['desk_join_max_ms']:.0f} ms",
            "< 50 ms",
        ),
        (
            "  the same, moto's DynamoDB in the app's process (its work holds the GIL)",
            f"{f['desk_inproc_stall_max_ms']:.1f} ms",
            f"idle loop {f['desk_inproc_idle_max_ms']:.1f} ms (runs {_spread(f, 'desk_inproc_idle_max_ms')})",
            f"runs {_spread(f, 'desk_inproc_stall_max_ms')}; join {f['desk_inproc_join_max_ms']:.0f} ms",
            "",
        ),
    ]


def _spread(f: Mapping[str, Any], key: str) -> str:
    low, high = f[f"{key}_range"]
    return f"{low:.1f}–{high:.1f}"


if __name__ == "__main__":
    result = figures()
    print(json.dumps(result))
