"""One desk of the multi-process test: works a campaign until nobody is left.

    python -m tests.campaign.team.desk_child TABLE CAMPAIGN POOL LOG MARKERS DATA_DIR

Talks to the moto server named by ``AWS_ENDPOINT_URL_DYNAMODB``. For each
user it takes: writes ``work <user> <pid>`` to LOG (O_APPEND, one write a
line) *before* changing anything "in Cognito", then enrolls the user: a
marker file created with O_EXCL stands for Cognito's state (a user whose
marker exists is already on TOTP, as Cognito would say), then records the
outcome. A SIGKILL can come at any line.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    table, campaign, pool, log_path, markers, data_dir = sys.argv[1:7]
    from cogtotp_gui.campaign.queue import UserState
    from cogtotp_gui.campaign.team.desk import TeamDesk
    from cogtotp_gui.campaign.team.dynamo import TeamStore, dynamodb_client
    from cogtotp_gui.campaign.team.model import Identity
    from cogtotp_gui.campaign.team.outbox import Outbox

    pid = os.getpid()
    store = TeamStore(
        dynamodb_client("eu-west-1"), table, campaign, Identity(f"arn:aws:iam::1:user/desk{pid}", f"pc/{pid}")
    )
    store.join(pool)
    desk = TeamDesk(store, Outbox(os.path.join(data_dir, f"outbox-{pid}.sqlite3")))
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    done = 0
    while True:
        user = desk.next_user()
        if user is None:
            counts = store.info().counts
            if counts[UserState.WAITING] == 0 and counts[UserState.IN_PROGRESS] == 0:
                break
            time.sleep(0.2)  # the desk idles until a lapsed lease can be taken (the app: a timer)
            continue
        os.write(log, f"work {user.username} {pid}\n".encode())
        lease = user.lease
        if done % 10 == 0:
            lease = desk.renew(lease)
        try:
            os.close(os.open(os.path.join(markers, user.username), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            state = UserState.ENROLLED
        except FileExistsError:
            state = UserState.ALREADY_TOTP  # a desk that died had changed the user in Cognito
        desk.finish(lease, state, started_at=user.started_at)
        done += 1
    os.close(log)
    print(f"desk {pid}: {done} users; requests {sum(store.requests.values())}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
