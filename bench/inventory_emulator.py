"""A quota-enforcing strict emulator in its own process, for the inventory benchmark.

    python -m bench.inventory_emulator USERS [MODEL [LATENCY_MS]]

Seeds the training pool plus bulk users of mixed MFA states up to USERS
users in all, enforces Cognito's default request-rate quotas (UserRead
120/s, UserList 30/s, ...) under MODEL (``bucket``, the default: a token
bucket; ``window``: a sliding one-second window; ``shared:N``: a token
bucket shared with N/s of other traffic), prints one JSON line (endpoint,
pool, users), then answers ``stats`` on stdin until stdin closes: the
quota's accepted/rejected counts, when each operation was first and last
let through (``calls``: the command's start-up and its tail are outside
that span) and how long the emulator took to serve a request (``serve_ms``,
median and 90th percentile, without the added latency).

LATENCY_MS (default 0) holds every request that long before serving it, on
its own request thread: a round trip to Cognito's Region (tens of
milliseconds, hundreds from another continent) where loopback has none.
The quota counts a held request when it came in plus the latency, not when
its thread woke up: on a busy computer sleeping request threads wake
together, a burst that the client did not send and Cognito would not see.
"""

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3

from cogtotp_gui.emulator import EmulatorServer, StrictCognito, seed_training_pool
from cogtotp_gui.emulator.quota import QuotaEnforcer, SlidingWindowQuota
from cogtotp_gui.emulator.seed import seed_inventory_users


def make_quota(model: str, clock: Callable[[], float] = time.monotonic) -> QuotaEnforcer | SlidingWindowQuota:
    if model == "window":
        return SlidingWindowQuota(clock=clock)
    if model.startswith("shared:"):
        return QuotaEnforcer(other_traffic={"UserRead": float(model.partition(":")[2])}, clock=clock)
    return QuotaEnforcer(clock=clock)  # Cognito's default rates


_arrival = threading.local()  # when the request being served came in (plus the latency), on its thread


_latest = [0.0]
_latest_lock = threading.Lock()


def _arrived() -> float:
    """The quota's clock: the request's arrival, never before one already counted (the models count in order)."""
    at = getattr(_arrival, "at", None) or time.monotonic()
    with _latest_lock:
        _latest[0] = max(_latest[0], at)
        return _latest[0]


class _Timed:
    """The server's WSGI application, held ``latency`` seconds first and timed."""

    def __init__(self, app: Any, latency: float) -> None:
        self.app = app
        self.latency = latency
        self.served: list[float] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        _arrival.at = time.monotonic() + self.latency
        try:
            if self.latency:
                time.sleep(self.latency)
            start = time.perf_counter()
            answer = self.app(environ, start_response)
        finally:
            _arrival.at = None
        with self._lock:
            self.served.append(time.perf_counter() - start)
        return answer

    def stats(self) -> dict[str, float]:
        with self._lock:
            served = sorted(self.served)
        if not served:
            return {}
        return {
            "n": len(served),
            "p50": served[len(served) // 2] * 1000,
            "p90": served[int(0.9 * (len(served) - 1))] * 1000,
        }


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
    model = sys.argv[2] if len(sys.argv) > 2 else "bucket"
    latency = float(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0.0
    emu = StrictCognito()
    server = EmulatorServer(emu)
    url = server.start()
    client = boto3.client("cognito-idp", region_name="eu-west-1", endpoint_url=url)
    seed = seed_training_pool(client, emu)
    seed_inventory_users(emu, seed.pool_id, total - len(seed.users), region="eu-west-1")
    quota = make_quota(model, _arrived)
    calls: dict[str, list[float]] = {}  # operation -> [first, last] let through (time.time())
    admit = quota.admit

    def admit_noted(operation_name: str) -> Any:
        refused = admit(operation_name)
        if refused is None:
            now = time.time()
            calls.setdefault(operation_name, [now, now])[1] = now
        return refused

    quota.admit = admit_noted  # type: ignore[method-assign]
    emu.set_quota(quota)
    wsgi = server._server  # the bench wraps the served application
    assert wsgi is not None
    timed = wsgi.app = _Timed(wsgi.app, latency)
    print(json.dumps({"endpoint_url": url, "pool_id": seed.pool_id, "users": total}), flush=True)
    for line in sys.stdin:
        if line.strip() == "stats":
            print(
                json.dumps(
                    {
                        "accepted": quota.accepted,
                        "rejected": quota.rejected,
                        "calls": calls,
                        "serve_ms": timed.stats(),
                    }
                ),
                flush=True,
            )
    server.stop()


if __name__ == "__main__":
    main()
