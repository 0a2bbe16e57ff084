"""A team desk in the real main window, measuring the UI thread (issue 22).

The window joins a campaign (``MainWindow.join_campaign``, as ``--campaign``
does) whose table is moto's DynamoDB, either in a process of its own
(``server``, the default: tests/support/dynamo_server.py --serialised, as
real DynamoDB is across a network) or in this process (``inproc``:
``mock_aws``; moto's work then shares this process's GIL, which a real
table's network wait does not: a 166 ms stall was traced to moto's
expression parser on the desk's worker). The users come from the strict
emulator in its own process (bench/emulator_process.py), as
bench/enrollment_child.py has them.

    python -m bench.team_child [server|inproc]
 A 1 ms UI-thread timer records how late each
tick arrives, and each gap is booked to what the desk was doing:

* ``join``: joining (the team modules imported, STS, the table checked) up to
  the first claimed user on the wizard;
* ``renew``: holding that user while the lease is renewed every 50 ms;
* ``finish``: the last Cognito answer (the Done page) and the outcome
  written meanwhile (4 users);
* ``next``: Enter on Done (Next user: the wizard wiped), the next user
  claimed and on the wizard;
* ``offline``: the same with the table unreachable: the outcome kept in the
  outbox, no claim;
* ``flush``: the table back: the kept outcome written, the next user claimed;
* ``enroll``: the other Cognito calls (the enrollment's own figure is
  bench/enrollment_child.py's), booked apart.

``idle_max_ms`` is the same timer with nothing to do, in this process. Prints
one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_data = tempfile.mkdtemp(prefix="cogtotp-bench-team-")
os.environ.update(
    COGTOTP_DATA_DIR=_data,
    XDG_CONFIG_HOME=_data,
    AWS_ACCESS_KEY_ID="bench",
    AWS_SECRET_ACCESS_KEY="bench",
    AWS_DEFAULT_REGION="eu-west-1",
    AWS_CONFIG_FILE=os.devnull,
    AWS_SHARED_CREDENTIALS_FILE=os.devnull,
)
for _name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_STS"):
    os.environ.pop(_name, None)

ONLINE_USERS = 4
RENEW_MS = 50
HOLD_S = 2.0
CAMPAIGN, TABLE = "bench", "bench-desk"


class Network:
    """The desk's DynamoDB client made unreachable (botocore's own error) and back."""

    def __init__(self) -> None:
        self.down = False

    def before_call(self, **_kwargs: object) -> None:
        if self.down:
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com")


def main() -> None:
    from moto import mock_aws
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    emulator = subprocess.Popen(
        [sys.executable, "-m", "bench.emulator_process", "--sms-users", str(ONLINE_USERS + 2)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    info = json.loads(emulator.stdout.readline())
    users = {u["username"]: u["password"] for kind, u in info["users"].items() if kind.startswith("sms0")}

    def sms_code(username: str) -> str:
        """The phone: asked off the UI thread (a blocking read of the pipe here would be a stall of the bench's own)."""
        emulator.stdin.write(f"sms {username}\n")
        emulator.stdin.flush()
        answer: list[str] = []
        reader = threading.Thread(target=lambda: answer.append(emulator.stdout.readline().strip()))
        reader.start()
        wait(lambda: answer)
        reader.join()
        return answer[0]

    mode = sys.argv[1] if len(sys.argv) > 1 else "server"
    if mode == "server":
        table_server = subprocess.Popen(
            [sys.executable, "-m", "tests.support.dynamo_server", "--serialised"], stdout=subprocess.PIPE, text=True
        )
        endpoint = f"http://127.0.0.1:{int(table_server.stdout.readline().split()[1])}"
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = os.environ["AWS_ENDPOINT_URL_STS"] = endpoint
    else:
        mock = mock_aws()
        mock.start()
    from cogtotp_gui.app import create_application, create_main_window
    from cogtotp_gui.campaign.queue import UserState
    from cogtotp_gui.campaign.team.dynamo import TeamStore, create_table, dynamodb_client
    from cogtotp_gui.campaign.team.model import Identity
    from cogtotp_gui.emulator.totp import totp_code
    from cogtotp_gui.enrollment.flow import Step
    from cogtotp_gui.enrollment.settings import ConnectionSettings

    client = dynamodb_client("eu-west-1")
    create_table(client, TABLE, wait=False)
    lead = TeamStore(client, TABLE, CAMPAIGN, Identity("arn:aws:iam::123456789012:user/lead", "bench/lead"))
    lead.create(info["pool_id"], lease_seconds=120)
    lead.import_users(sorted(users))
    # moto's STS (and the IAM models it imports) loaded now: the first use of
    # an emulated service is moto's cost, not the desk's.
    from cogtotp_gui.campaign.team.dynamo import caller_identity

    caller_identity("eu-west-1")

    app = create_application(lang="en")  # noqa: F841  # kept alive: the QApplication must outlive the window
    settings = ConnectionSettings.create(
        user_pool_id=info["pool_id"],
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        endpoint_url=info["endpoint_url"],
        mode="user",
        issuer="Bench",
    )
    window = create_main_window(settings)
    window.show()

    def wait(predicate: Callable[[], object], timeout_s: float = 60.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("benchmark step did not finish")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    # The window settles first (pages built after the first paint, the client warmed up), as sessions_child does.
    from cogtotp_gui.ui.common import worker
    from cogtotp_gui.ui.wizard.navmap import NAVIGATION

    wait(lambda: window._first_paint_reported and len(window.wizard._pages) >= len(NAVIGATION))
    wait(lambda: not worker.running_workers())
    controller = window.controller
    wait(lambda: controller.is_ready)

    phase = ["idle"]
    longest: dict[str, float] = {}
    clock = QElapsedTimer()
    ticks = QTimer()
    ticks.setTimerType(Qt.TimerType.PreciseTimer)
    ticks.setInterval(1)

    def tick() -> None:
        gap = clock.nsecsElapsed() / 1e6
        clock.restart()
        longest[phase[0]] = max(longest.get(phase[0], 0.0), gap)

    ticks.timeout.connect(tick)
    clock.start()
    ticks.start()
    spin(HOLD_S)  # idle: the same timer with nothing else to do

    from cogtotp_gui.ui.campaign.team_runner import TeamJoin, open_desk

    join = TeamJoin(CAMPAIGN, TABLE, "eu-west-1")
    network = Network()
    desks = []

    def make_desk():  # on the runner's worker, as the app's default factory
        desk = open_desk(join)
        desk.store.client.meta.events.register("before-call.dynamodb", network.before_call)
        desks.append(desk)
        return desk

    page = window.wizard.credentials_page
    phase[0] = "join"
    control = window.join_campaign(join, desk_factory=make_desk, renew_ms=RENEW_MS, retry_ms=3_600_000)
    runner = control.runner

    def on_wizard() -> bool:
        return runner.current is not None and page.username.text() == runner.current and not runner.busy

    wait(on_wizard)
    phase[0] = "renew"
    spin(HOLD_S)
    renewals = desks[0].store.requests.get("UpdateItem", 0)

    def enroll(then: str) -> str:
        name = runner.current
        assert name is not None
        phase[0] = "enroll"
        controller.sign_in(name, users[name])
        wait(lambda: not controller.busy and controller.flow.step is Step.SMS_CODE)
        controller.submit_sms_code(sms_code(name))
        wait(lambda: not controller.busy and controller.flow.step is Step.SECRET)
        spin(0.1)  # the QR page paints
        phase[0] = then
        controller.verify(totp_code(controller.flow.secret.secret, time.time()), "bench")
        wait(lambda: not controller.busy and controller.flow.step is Step.DONE)
        return name

    enrolled: list[str] = []
    written: list[object] = []  # the runner's outcome_recorded (no table read on this thread while measuring)
    runner.outcome_recorded.connect(written.append)
    for _ in range(ONLINE_USERS):
        name = enroll("finish")
        wait(lambda: len(written) == len(enrolled) + 1 and written[-1] is not None and not runner.busy)
        phase[0] = "next"
        window.wizard.start_next_user()  # Enter on Done: Next user
        wait(on_wizard)
        enrolled.append(name)

    network.down = True
    kept_user = enroll("offline")
    wait(lambda: runner.kept == 1 and not runner.busy)
    window.wizard.start_next_user()
    wait(lambda: not runner.busy and runner.current is None)
    spin(0.2)

    phase[0] = "flush"
    network.down = False
    runner.retry_now()
    wait(on_wizard)
    phase[0] = "done"
    ticks.stop()
    assert all(lead.user(name).state is UserState.ENROLLED for name in (*enrolled, kept_user))
    assert len({*enrolled, kept_user, runner.current}) == ONLINE_USERS + 2

    window.shutdown(1500)
    window.close()
    if mode == "server":
        table_server.kill()
        table_server.wait()
    else:
        mock.stop()
    emulator.stdin.close()
    emulator.wait(timeout=10)
    table_phases = ("renew", "finish", "next", "offline", "flush")
    print(
        json.dumps(
            {
                "desk_stall_max_ms": max(longest[p] for p in table_phases),
                "desk_idle_max_ms": longest["idle"],
                "desk_phase_max_ms": {p: round(v, 2) for p, v in longest.items()},
                "desk_renewals": renewals,
                "desk_users": ONLINE_USERS + 1,
                "desk_table": mode,
            }
        )
    )


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)
