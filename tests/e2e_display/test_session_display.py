"""An onboarding session on a real display, keyboard only, then its report.

``cogtotp-gui --roster FILE`` on a private Xvfb against the strict emulator:
two users of a three-user roster are enrolled one after the other (each
comes up with the username filled in and the cursor in the password
field; Enter on Done takes the next), then the app is killed with SIGKILL
while the third waits. ``cogtotp-gui session-report`` (another process,
no window) must show both finished users, and the third still waiting.
"""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .test_real_display import Desk, preferred_mfa, start_app, totp  # noqa: F401 - start_app is a fixture
from .x11 import Deadline, Screen

ROOT = Path(__file__).resolve().parents[2]
BUDGET_S = 150


def in_progress(data_dir: Path, username: str) -> bool:
    """The session has put ``username`` on the wizard (stored as in progress).

    The sign-in page shows before a session's user is loaded into it (the
    roster's session starts after the first paint; the next user once the
    last one is on disk): a person reads the username before typing, so the
    test waits for the same thing, through the session's own record."""
    path = data_dir / "campaign.sqlite3"
    if not path.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute(
                "SELECT state FROM sessions_users WHERE username = ? ORDER BY session_id DESC LIMIT 1", (username,)
            ).fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == "in_progress"


def enroll_prefilled(desk: Desk, emulator: Any, user: Any, previous: bytes | None, loaded: Callable[[], bool]) -> bytes:
    """The credentials page shows the user; the cursor waits in the password field.

    ``loaded()`` says the app has put the user on the page (its stored state:
    the session's SQLite record, a team desk's claim in the table)."""
    emu = emulator.emu
    sign_in = desk.wait_page_after(previous, f"sign-in page for {user.username}")
    desk.wait(loaded, f"{user.username} loaded by the app")
    desk.type(user.password)
    desk.key("Return")
    sms_code = desk.wait(lambda: emu.last_sms_code(user.username), "SMS code in the emulator's outbox")
    desk.secrets[f"SMS code {user.username}"] = sms_code
    desk.wait_page_after(sign_in, "SMS code page")
    desk.type(sms_code)
    desk.key("Return")
    uris = desk.wait(desk.qr_codes, "decodable QR code on the screen")
    qr_page = desk.header()
    secret = parse_qs(urlsplit(uris[0]).query)["secret"][0]
    desk.secrets[f"TOTP secret {user.username}"] = secret
    desk.key("Return")
    confirm_page = desk.wait_page_after(qr_page, "confirmation page")
    code = totp(secret, emu.now())
    desk.secrets[f"TOTP code {user.username}"] = code
    desk.type(code)
    desk.key("Return")
    desk.wait(lambda: preferred_mfa(emulator, user.username) == "SOFTWARE_TOKEN_MFA", "TOTP preference")
    return desk.wait_page_after(confirm_page, "done page")


def report(data_dir: Path, out: Path) -> dict[str, dict[str, str]]:
    env = dict(os.environ, COGTOTP_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "cogtotp_gui", "session-report", "--csv", str(out)],
        cwd=str(ROOT),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as handle:
        return {row["username"]: row for row in csv.DictReader(handle)}


@pytest.mark.xvfb
def test_a_roster_by_keyboard_survives_a_kill_and_reports(
    emulator: Any,
    x_screen: Screen,
    start_app: Any,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    users = [emulator.seed.users[kind] for kind in ("sms", "sms2", "temp_password")]
    roster = tmp_path / "roster.csv"
    roster.write_bytes(("username,team\r\n" + "".join(f"{u.username},desk\r\n" for u in users)).encode("utf-8-sig"))
    data_dir = tmp_path / "data"
    env = {"COGTOTP_DATA_DIR": str(data_dir)}
    secrets = {"client secret": emulator.seed.client_secret}
    secrets.update({f"password {u.username}": u.password for u in users})
    deadline = Deadline(BUDGET_S)
    app = start_app("user", ("--roster", str(roster)), env)
    desk = Desk(x_screen, app, deadline, tmp_path, secrets)
    desk.find_window()

    done = enroll_prefilled(desk, emulator, users[0], None, lambda: in_progress(data_dir, users[0].username))
    desk.key("Return")  # "Next user", the default button
    done = enroll_prefilled(desk, emulator, users[1], done, lambda: in_progress(data_dir, users[1].username))
    desk.key("Return")
    desk.wait_page_after(done, "sign-in page for the third user")

    # Killed without warning, the third user waiting at the desk.
    os.kill(app.process.pid, signal.SIGKILL)
    app.process.wait(10)
    rows = report(data_dir, tmp_path / "after-kill.csv")
    assert [rows[u.username]["outcome"] for u in users] == ["enrolled", "enrolled", "waiting"]
    for user in users[:2]:
        assert rows[user.username]["started_at"] and rows[user.username]["finished_at"]
    text = (tmp_path / "after-kill.csv").read_text(encoding="utf-8-sig")
    assert not [name for name, value in secrets.items() if value in text]
