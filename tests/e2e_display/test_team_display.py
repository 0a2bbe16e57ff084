"""Two desks of one team campaign on real displays, keyboard only, then the report.

Issue 22's proof: one moto server (this test's process) answers the strict
Cognito emulator, STS and DynamoDB on one port. ``cogtotp-gui campaign
create --create-table`` and ``campaign import`` (the commands IT runs) make
a three-user campaign; two app processes, each on its own Xvfb as two
workstations would be, join it with ``--campaign NAME --campaign-table
TABLE`` under two operators' AWS keys. Each desk comes up holding a user of
its own (the two are held at the same time and differ), and the person at
each desk enrolls that user by keyboard: the password into the field the
cursor waits in, the SMS code from the emulator's outbox, the TOTP code from
the QR code scanned off the screen. Enter on the first desk's Done page
takes the user still waiting, who is enrolled there too. ``campaign report
--csv`` (another process) then lists the three users enrolled, each by the
operator and desk that held it.

Before typing a password the test waits, as the session test does, until
the app has the user: here the table says this desk's operator holds them
(a person reads the username the claim filled in).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.emulator.server import CognitoOnlyApplication, _JoiningWSGIServer, _QuietRequestHandler

from .test_real_display import App, Desk, found_in
from .test_session_display import enroll_prefilled
from .x11 import Deadline, Screen, XServer

ROOT = Path(__file__).resolve().parents[2]
BUDGET_S = 240  # both desks, start-up included, on a loaded 2-core machine
CAMPAIGN = "spring-move"
TABLE = "cogtotp-team"
OPERATORS = ("alice.helpdesk", "bob.helpdesk")


class CognitoAndDynamoDB:
    """The app's three services on one port: DynamoDB (moto, one request at
    a time, as DynamoDB applies conditional writes to an item: moto's
    threaded server does not, docs/team-campaigns.md) and everything else
    to the strict emulator's own application (Cognito, STS)."""

    def __init__(self) -> None:
        from moto.moto_server.werkzeug_app import create_backend_app

        self.cognito = CognitoOnlyApplication()
        self.dynamodb = create_backend_app("dynamodb")
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            with self.lock:
                return list(self.dynamodb(environ, start_response))
        return self.cognito(environ, start_response)


@pytest.fixture
def team_endpoint(emulator: Any) -> Iterator[str]:
    """The URL of one server for Cognito, STS and DynamoDB (the emulator's moto, wiped for this test)."""
    server = _JoiningWSGIServer("127.0.0.1", 0, CognitoAndDynamoDB(), handler=_QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture
def two_screens(x_screen: Screen, tmp_path: Path) -> Iterator[tuple[Screen, Screen]]:
    """Two workstations: the fixture's Xvfb and a second one of its own."""
    second = XServer(tmp_path / "xvfb-2.log")
    try:
        yield x_screen, Screen(second.display)
    finally:
        second.stop()


def operator_keys(names: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """IAM users in moto, each with an access key: name -> (key id, secret, ARN).
    STS GetCallerIdentity answers a key with its user's ARN, the operator
    every write of a desk carries."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    iam = iam_backends[DEFAULT_ACCOUNT_ID]["aws"]
    keys = {}
    for name in names:
        user = iam.create_user("eu-west-1", name)
        key = iam.create_access_key(name)
        keys[name] = (key.access_key_id, key.secret_access_key, user.arn)
    return keys


def add_sms_user(emulator: Any, username: str, phone: str) -> SimpleNamespace:
    """Another user on SMS MFA in the training pool (the seed has two)."""
    pool, password = emulator.seed.pool_id, emulator.seed.users["sms"].password
    client = emulator.client
    client.admin_create_user(
        UserPoolId=pool,
        Username=username,
        TemporaryPassword=password,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "phone_number", "Value": phone}, {"Name": "phone_number_verified", "Value": "true"}],
    )
    client.admin_set_user_password(UserPoolId=pool, Username=username, Password=password, Permanent=True)
    client.admin_set_user_mfa_preference(
        UserPoolId=pool, Username=username, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    return SimpleNamespace(username=username, password=password)


def command(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cogtotp_gui", *args],
        cwd=str(ROOT),
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def save_screens(screens: Iterable[Screen], folder: Path) -> list[Path]:
    shots = []
    for number, screen in enumerate(screens, 1):
        shot = folder / f"desk-{number}-at-failure.png"
        screen.grab().save(shot)
        shots.append(shot)
    return shots


@pytest.mark.xvfb
@pytest.mark.timeout(BUDGET_S + 120)
def test_two_desks_take_different_users_by_keyboard_and_the_report_lists_all(
    emulator: Any,
    team_endpoint: str,
    two_screens: tuple[Screen, Screen],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cogtotp_gui.campaign.team.dynamo import TeamStore, dynamodb_client, local_desk
    from cogtotp_gui.campaign.team.model import Identity

    users = [emulator.seed.users[kind] for kind in ("sms", "sms2")]
    users.append(add_sms_user(emulator, "walter.sms", "+15555550789"))
    keys = operator_keys(("team.lead", *OPERATORS))
    aws = {
        "AWS_ENDPOINT_URL_DYNAMODB": team_endpoint,
        "AWS_ENDPOINT_URL_STS": team_endpoint,
        "AWS_DEFAULT_REGION": emulator.seed.region,
    }
    for name in ("AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)  # the fixture's fake session token would go with every key

    def as_operator(name: str) -> dict[str, str]:
        key_id, secret, _arn = keys[name]
        return {**aws, "AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret}

    # -- IT makes the campaign with the commands of docs/team-campaigns.md
    lead_env = {**os.environ, **as_operator("team.lead")}
    roster = tmp_path / "roster.csv"
    roster.write_bytes(("username\r\n" + "".join(f"{u.username}\r\n" for u in users)).encode("utf-8-sig"))
    pool = emulator.seed.pool_id
    command(["campaign", "create", CAMPAIGN, "--table", TABLE, "--user-pool-id", pool, "--create-table"], lead_env)
    command(["campaign", "import", CAMPAIGN, "--table", TABLE, "--roster", str(roster)], lead_env)

    # The test's eyes on the table: which user each operator holds (as the
    # session test reads the session's stored state before typing).
    for name, value in as_operator("team.lead").items():
        monkeypatch.setenv(name, value)
    table = TeamStore(dynamodb_client(emulator.seed.region), TABLE, CAMPAIGN, Identity("test", "test"))

    def held_by(operator: str) -> str | None:
        arn = keys[operator][2]
        held = [u.username for u in table.in_state(UserState.IN_PROGRESS) if u.operator == arn]
        return held[0] if len(held) == 1 else None

    # -- two workstations join the campaign
    secrets = {"client secret": emulator.seed.client_secret}
    secrets.update({f"password {u.username}": u.password for u in users})
    secrets.update({f"AWS secret {name}": key[1] for name, key in keys.items()})
    deadline = Deadline(BUDGET_S)
    desks: list[Desk] = []
    apps: list[App] = []
    try:
        for screen, operator in zip(two_screens, OPERATORS, strict=True):
            folder = tmp_path / operator
            folder.mkdir()
            env = {**as_operator(operator), "COGTOTP_DATA_DIR": str(folder / "data")}
            app = App(screen, emulator, folder, "user", ("--campaign", CAMPAIGN, "--campaign-table", TABLE), env)
            apps.append(app)
            desks.append(Desk(screen, app, deadline, folder, secrets))
        for desk in desks:
            desk.find_window()

        # -- each desk holds a user of its own, both at the same time
        held = [desks[i].wait(lambda op=op: held_by(op), f"a user held by {op}") for i, op in enumerate(OPERATORS)]
        assert len(set(held)) == 2 and set(held) < {u.username for u in users}, held
        by_name = {u.username: u for u in users}
        (waiting,) = {u.username for u in users} - set(held)
        assert table.user(waiting).state is UserState.WAITING

        def enroll(desk: Desk, operator: str, username: str, previous: bytes | None) -> bytes:
            return enroll_prefilled(desk, emulator, by_name[username], previous, lambda: held_by(operator) == username)

        # -- each person enrolls the user on their screen, keyboard only;
        # Enter on the first desk's Done page takes the user still waiting
        done = enroll(desks[0], OPERATORS[0], held[0], None)
        desks[0].key("Return")  # "Next user", the default button
        desks[0].wait(lambda: held_by(OPERATORS[0]) == waiting, f"{waiting} taken by the first desk")
        enroll(desks[1], OPERATORS[1], held[1], None)
        enroll(desks[0], OPERATORS[0], waiting, done)
        worked = {held[0]: OPERATORS[0], waiting: OPERATORS[0], held[1]: OPERATORS[1]}

        # -- the table has the three outcomes; the report says who did what
        for username in worked:
            desks[0].wait(lambda name=username: table.user(name).state is UserState.ENROLLED, f"{username} enrolled")
        out = tmp_path / "team.csv"
        command(["campaign", "report", CAMPAIGN, "--table", TABLE, "--csv", str(out)], lead_env)
        text = out.read_text(encoding="utf-8-sig")
        rows = {row["username"]: row for row in csv.DictReader(text.splitlines())}
        assert set(rows) == set(worked)
        for username, operator in worked.items():
            row = rows[username]
            assert row["outcome"] == "enrolled", row
            assert row["operator"] == keys[operator][2], row
            assert row["desk"] == local_desk(), row
            assert row["started_at"] and row["finished_at"], row
        assert not [name for name, value in secrets.items() if value in text]

        # -- Ctrl+Q at each desk: a clean end, nothing said that should not be
        for desk in desks:
            desk.key("ctrl+q")
        for desk in desks:
            try:
                desk.app.process.wait(max(deadline.left(), 5))
            except subprocess.TimeoutExpired:
                pytest.fail("a desk was still running after Ctrl+Q")
            output = desk.app.output()
            assert "Traceback (most recent call last)" not in output, desk.redact(output)
            leaked = [name for name, value in desk.secrets.items() if found_in(output, value)]
            assert not leaked, f"a desk's stdout/stderr contain the {', '.join(leaked)}"
            assert desk.app.process.returncode == 0, desk.redact(output)
    except BaseException:
        shots = save_screens(two_screens, tmp_path)
        print(f"screens at failure: {', '.join(map(str, shots))}", file=sys.stderr)
        raise
    finally:
        for app in apps:
            app.stop()
