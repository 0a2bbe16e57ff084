"""The strict emulator in its own process, so that the app being measured
does not share a GIL with a server (as real Cognito would not).

Prints one JSON line (endpoint and seed), then answers ``sms <username>``
lines on stdin with the newest code, until stdin closes. ``--sms-users N``
adds N more users of the ``sms`` kind (``desk01.sms`` ...; in ``users``
under ``sms01`` ...), for a queue of users to enroll.
"""

import json
import os
import sys

os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3

from cogtotp_gui.emulator import EmulatorServer, StrictCognito, seed_training_pool


def main() -> None:
    emu = StrictCognito()
    server = EmulatorServer(emu)
    url = server.start()
    client = boto3.client("cognito-idp", region_name="eu-west-1", endpoint_url=url)
    seed = seed_training_pool(client, emu)
    extra = int(sys.argv[sys.argv.index("--sms-users") + 1]) if "--sms-users" in sys.argv else 0
    if extra:
        from cogtotp_gui.emulator.seed import _seed_user, _Spec

        for i in range(1, extra + 1):
            spec = _Spec(f"sms{i:02}", f"desk{i:02}.sms", f"+1555560{i:04}", "sms", "SMS_MFA", "")
            seed.users[spec.kind] = _seed_user(client, emu, seed, spec)
    users = {kind: {"username": u.username, "password": u.password} for kind, u in seed.users.items()}
    print(
        json.dumps(
            {
                "endpoint_url": url,
                "pool_id": seed.pool_id,
                "client_id": seed.client_id,
                "client_secret": seed.client_secret,
                "users": users,
            }
        ),
        flush=True,
    )
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "sms":
            print(emu.last_sms_code(arg) or "", flush=True)
    server.stop()


if __name__ == "__main__":
    main()
