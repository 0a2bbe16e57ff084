"""A quota-enforcing strict emulator in its own process, for the inventory benchmark.

    python -m bench.inventory_emulator USERS [MODEL]

Seeds the training pool plus bulk users of mixed MFA states up to USERS
users in all, enforces Cognito's default request-rate quotas (UserRead
120/s, UserList 30/s, ...) under MODEL (``bucket``, the default: a token
bucket; ``window``: a sliding one-second window; ``shared:N``: a token
bucket shared with N/s of other traffic), prints one JSON line (endpoint,
pool, users), then answers ``stats`` on stdin with the quota's
accepted/rejected counts, until stdin closes.
"""

import json
import os
import sys

os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3

from cogtotp_gui.emulator import EmulatorServer, StrictCognito, seed_training_pool
from cogtotp_gui.emulator.quota import QuotaEnforcer, SlidingWindowQuota
from cogtotp_gui.emulator.seed import seed_inventory_users


def make_quota(model: str) -> QuotaEnforcer | SlidingWindowQuota:
    if model == "window":
        return SlidingWindowQuota()
    if model.startswith("shared:"):
        return QuotaEnforcer(other_traffic={"UserRead": float(model.partition(":")[2])})
    return QuotaEnforcer()  # Cognito's default rates


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
    model = sys.argv[2] if len(sys.argv) > 2 else "bucket"
    emu = StrictCognito()
    server = EmulatorServer(emu)
    url = server.start()
    client = boto3.client("cognito-idp", region_name="eu-west-1", endpoint_url=url)
    seed = seed_training_pool(client, emu)
    seed_inventory_users(emu, seed.pool_id, total - len(seed.users), region="eu-west-1")
    quota = make_quota(model)
    emu.set_quota(quota)
    print(json.dumps({"endpoint_url": url, "pool_id": seed.pool_id, "users": total}), flush=True)
    for line in sys.stdin:
        if line.strip() == "stats":
            print(json.dumps({"accepted": quota.accepted, "rejected": quota.rejected}), flush=True)
    server.stop()


if __name__ == "__main__":
    main()
