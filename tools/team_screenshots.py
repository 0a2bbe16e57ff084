#!/usr/bin/env python3
"""Screenshots of a team campaign (issue 22), English and Japanese: the
lead's campaign view, and a desk's window working the campaign.

Builds a campaign in moto's DynamoDB, in process: 600 users, four operators
who finished users over twelve working days (their desks' wall clocks set
back day by day), two users in progress, a late outcome, then opens the view
on it and grabs it. No AWS account; the offscreen platform is enough::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/team_screenshots.py [--lang en|ja] [--view lead|desk] [--out DIR]

Writes docs/screenshots/team/campaign-view-<lang>.png (``--view lead``, the
default) or desk-<lang>.png and desk-offline-<lang>.png (``--view desk``:
the main window of the desk of aiko.tanaka, joined as ``--campaign`` does,
the team queue panel beside the wizard, which shows the user the desk
claimed; then the same once the table cannot be reached; no Cognito call
is made).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POOL = "eu-west-1_Example01"
TABLE = "cogtotp-campaigns"
DAY = 86_400.0
OPERATORS = ("aiko.tanaka", "ben.ortiz", "chen.wei", "dana.kowalski")


def fill(now: float) -> None:
    from cogtotp_gui.campaign.queue import UserState
    from cogtotp_gui.campaign.team.dynamo import TeamStore, create_table, dynamodb_client
    from cogtotp_gui.campaign.team.model import Identity

    client = dynamodb_client("eu-west-1")
    create_table(client, TABLE, wait=False)
    rng = random.Random(22)
    start = now - 12 * DAY
    clock = {"now": start}
    desks = {
        name: TeamStore(
            client,
            TABLE,
            "spring",
            Identity(f"arn:aws:sts::123456789012:assumed-role/Helpdesk/{name}", f"HD-{i + 1:02}/{name}"),
            wall=lambda: clock["now"],
            sleep=lambda _s: None,
            spread=1,
        )
        for i, name in enumerate(OPERATORS)
    }
    lead = desks[OPERATORS[0]]
    lead.create(POOL, lease_seconds=120)
    lead.import_users([f"user{i:04d}@example.com" for i in range(600)])
    for desk in desks.values():
        desk.join(POOL)
    for day in range(12):
        if time.gmtime(start + day * DAY).tm_wday >= 5:
            continue
        for name, desk in desks.items():
            for n in range(rng.randint(6, 12) if name != "dana.kowalski" else rng.randint(2, 5)):
                clock["now"] = start + day * DAY + 9 * 3600 + n * 900
                user = desk.claim_next()
                if user is None:
                    break
                outcome = rng.choices(
                    (
                        UserState.VERIFIED,
                        UserState.ENROLLED,
                        UserState.ALREADY_TOTP,
                        UserState.SKIPPED,
                        UserState.FAILED,
                    ),
                    (70, 12, 8, 6, 4),
                )[0]
                desk.finish(
                    user.lease,
                    outcome,
                    error="network" if outcome is UserState.FAILED else "",
                    reason="not at the desk" if outcome is UserState.SKIPPED else "",
                )
    clock["now"] = now - 1800
    held = desks["ben.ortiz"].claim_next()
    desks["chen.wei"].claim_next()
    if held is not None:
        desks["dana.kowalski"].record_late(held.username, UserState.VERIFIED)


def desk_shot(app, path: Path) -> Path:
    """The desk of aiko.tanaka: joined, holding the next waiting user."""
    from cogtotp_gui.app import create_main_window
    from cogtotp_gui.campaign.team.desk import TeamDesk
    from cogtotp_gui.campaign.team.dynamo import TeamStore, dynamodb_client
    from cogtotp_gui.campaign.team.model import Identity
    from cogtotp_gui.campaign.team.outbox import Outbox
    from cogtotp_gui.enrollment.settings import ConnectionSettings
    from cogtotp_gui.ui.campaign.team_runner import TeamJoin

    settings = ConnectionSettings.create(user_pool_id=POOL, client_id="1abc2def3ghi4jkl5mno6pqr7s", name="Helpdesk")
    window = create_main_window(settings, gateway_factory=lambda *_: None)
    window.resize(1280, 660)
    window.show()

    network = {"down": False}

    def unreachable(**_kwargs: object) -> None:
        if network["down"]:
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com")

    def make_desk() -> TeamDesk:  # the app's open_desk, with the operator STS would name
        operator = Identity(f"arn:aws:sts::123456789012:assumed-role/Helpdesk/{OPERATORS[0]}", f"HD-01/{OPERATORS[0]}")
        client = dynamodb_client("eu-west-1")
        client.meta.events.register("before-call.dynamodb", unreachable)
        store = TeamStore(client, TABLE, "spring", operator, spread=1)  # the same user each run
        return TeamDesk(store, Outbox(Path(os.environ["COGTOTP_DATA_DIR"]) / "team-outbox.sqlite3"))

    control = window.join_campaign(TeamJoin("spring", TABLE, "eu-west-1"), desk_factory=make_desk)
    runner = control.runner
    page = window.wizard.credentials_page
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        runner.current and page.username.text() == runner.current and runner.snapshot and not runner.busy
    ):
        app.processEvents()
        time.sleep(0.02)
    runner.refresh()  # the panel read after the claim: this desk among the holders
    while time.monotonic() < deadline and (
        runner.busy or runner.current not in {u.username for u in runner.snapshot.in_progress}
    ):
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(path))
    print(control.panel.summary.text())
    print(control.panel.current.text())
    # The network goes: the panel's next read fails, and the banner says what to do.
    network["down"] = True
    runner.refresh()
    while time.monotonic() < deadline and (runner.online or runner.busy):
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()
        time.sleep(0.02)
    offline = path.with_name(path.stem.replace("desk-", "desk-offline-") + path.suffix)
    window.grab().save(str(offline))
    print(control.panel.banner.text)
    window.shutdown()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "team")
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    parser.add_argument("--view", choices=("lead", "desk"), default="lead")
    options = parser.parse_args()
    data = tempfile.mkdtemp(prefix="cogtotp-team-shots-")
    os.environ["COGTOTP_DATA_DIR"] = data
    os.environ["XDG_CONFIG_HOME"] = data
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    }.items():
        os.environ[name] = value
    from moto import mock_aws

    from cogtotp_gui.app import create_application
    from cogtotp_gui.i18n import install_translations
    from cogtotp_gui.ui.campaign.team_view import CampaignView

    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang=options.lang)
    install_translations(app, options.lang)
    with mock_aws():
        fill(time.time())
        if options.view == "desk":
            path = desk_shot(app, out / f"desk-{options.lang}.png")
            print(f"wrote {path}")
            return 0
        view = CampaignView(POOL, "eu-west-1", campaign="spring", table=TABLE)
        view.resize(860, 720)
        view.show()
        loaded: list[object] = []
        view.refreshed.connect(loaded.append)
        view.conflicts_loaded.connect(loaded.append)
        view.open_campaign()
        deadline = time.monotonic() + 60
        while len(loaded) < 2 and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(10):
            app.processEvents()
            time.sleep(0.02)
        path = out / f"campaign-view-{options.lang}.png"
        view.grab().save(str(path))
        print(view.summary_label.text())
        print(view.finish_label.text())
        view.timer.stop()
        view.close()
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
