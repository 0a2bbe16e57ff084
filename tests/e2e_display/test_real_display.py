"""The real app on a real X server, driven by a keyboard only.

``python -m cogtotp_gui`` runs as its own process on a private Xvfb against
the strict emulator; this test is the person at the desk: it types with
xdotool (XTEST, like a physical keyboard), reads the SMS code off the
emulator's outbox (the phone), and scans the QR code off the screen with an
independent decoder (zxing-cpp) to compute the authenticator's code itself.
It knows the app only by what the X server shows: which page is up is read
from the wizard header's pixels, never from Qt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import zxingcpp

from .x11 import Deadline, Screen, stop_process, wizard_header

ISSUER = "ACME Helpdesk"
WINDOW_TITLE = "Move to an authenticator app"
BUDGET_S = 60  # the whole enrollment, start-up included


def totp(secret_b32: str, at: float, digits: int = 6, step: int = 30) -> str:
    """RFC 6238 (HMAC-SHA1), written here so the test trusts no app code."""
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def test_own_totp_matches_rfc_6238_vectors() -> None:
    # RFC 6238 appendix B, SHA1 key "12345678901234567890", 8 digits.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59, digits=8) == "94287082"
    assert totp(secret, 1111111109, digits=8) == "07081804"
    assert totp(secret, 20000000000, digits=8) == "65353130"


class App:
    """``python -m cogtotp_gui`` on the test's X display, output to files."""

    def __init__(
        self,
        screen: Screen,
        emulator: Any,
        tmp_path: Path,
        mode: str,
        extra_args: tuple[str, ...] = (),
        extra_env: dict[str, str] | None = None,
    ) -> None:
        seed = emulator.seed
        self.screen = screen
        self.stdout_path = tmp_path / "app.stdout"
        self.stderr_path = tmp_path / "app.stderr"
        home = tmp_path / "home"
        runtime = tmp_path / "runtime"
        home.mkdir(exist_ok=True)
        runtime.mkdir(mode=0o700, exist_ok=True)
        env = dict(os.environ)  # the emulator fixture's fake AWS credentials included
        for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "QT_SCALE_FACTOR"):
            env.pop(name, None)  # the test process itself runs Qt offscreen
        env.update(
            DISPLAY=screen.display,
            QT_QPA_PLATFORM="xcb",  # not a desktop's Wayland session, whatever the developer's env says
            COGTOTP_CLIENT_SECRET=seed.client_secret,
            # Nothing of the developer's settings, saved connections or keyring.
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local/share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(runtime),
        )
        env.update(extra_env or {})
        command = [
            sys.executable, "-m", "cogtotp_gui",
            "--user-pool-id", seed.pool_id,
            "--client-id", seed.client_id,
            "--endpoint-url", emulator.endpoint_url,
            "--mode", mode,
            "--issuer", ISSUER,
            "--lang", "en",
            *extra_args,
        ]  # fmt: skip
        # Open for the life of the app process; closed in stop().
        self._stdout = open(self.stdout_path, "wb")  # noqa: SIM115  # outlives this method
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115  # outlives this method
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=str(Path(__file__).resolve().parents[2]),
            stdin=subprocess.DEVNULL,
            stdout=self._stdout,
            stderr=self._stderr,
        )

    def output(self) -> str:
        return self.stdout_path.read_text(errors="replace") + self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        stop_process(self.process)
        self._stdout.close()
        self._stderr.close()


class Desk:
    """The person at the desk: looks at the screen, waits, types."""

    def __init__(self, screen: Screen, app: App, deadline: Deadline, tmp_path: Path, secrets: dict[str, str]) -> None:
        self.screen = screen
        self.app = app
        self.deadline = deadline
        self.tmp_path = tmp_path
        self.secrets = secrets  # grows as the test learns them; kept out of failure messages
        self.window = ""

    def redact(self, text: str) -> str:
        for secret in sorted(self.secrets.values(), key=len, reverse=True):
            text = text.replace(secret, "<secret>")
        return text

    def _app_alive(self) -> None:
        code = self.app.process.poll()
        if code is not None:
            pytest.fail(f"the app exited with {code} before the enrollment was done:\n{self.redact(self.app.output())}")

    def wait(self, probe: Any, what: str) -> Any:
        found = self.deadline.poll(probe, on_each=self._app_alive)
        if not found:
            shot = self.tmp_path / "screen-at-failure.png"
            self.screen.grab().save(shot)
            pytest.fail(f"no {what} within the {self.deadline.seconds:.0f} s budget (screen: {shot})")
        return found

    def find_window(self) -> None:
        self.window = self.wait(lambda: self.screen.find_window(self.app.process.pid, WINDOW_TITLE), "main window")
        self.screen.focus(self.window)

    def header(self) -> bytes | None:
        return wizard_header(self.screen.grab_window(self.window))

    def wait_page_after(self, previous: bytes | None, what: str) -> bytes:
        """The header of the next page: different from ``previous`` and the
        same in two grabs in a row (never half-painted)."""
        seen: list[bytes | None] = [None]

        def settled() -> bytes | None:
            now = self.header()
            stable = now is not None and now != previous and now == seen[0]
            seen[0] = now
            return now if stable else None

        return self.wait(settled, what)

    def type(self, text: str) -> None:
        # No window manager could take the focus away, but nothing may go astray either.
        assert self.screen.has_focus(self.window), "the app's window lost the keyboard focus"
        self.screen.type(text)

    def key(self, *keys: str) -> None:
        assert self.screen.has_focus(self.window), "the app's window lost the keyboard focus"
        self.screen.key(*keys)

    def qr_codes(self) -> list[str]:
        image = self.screen.grab_window(self.window)
        return [found.text for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.fixture
def start_app(x_screen: Screen, emulator: Any, tmp_path: Path) -> Iterator[Any]:
    """Start the app on the test's display; it is ended at teardown whatever happened."""
    apps: list[App] = []

    def start(mode: str = "user", extra_args: tuple[str, ...] = (), extra_env: dict[str, str] | None = None) -> App:
        app = App(x_screen, emulator, tmp_path, mode, extra_args, extra_env)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.stop()


def preferred_mfa(emulator: Any, username: str) -> str | None:
    user = emulator.client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username=username)
    return user.get("PreferredMfaSetting")


def found_in(text: str, secret: str) -> bool:
    if secret.isdigit():  # a code: not as part of a longer number (a port, a pid)
        return re.search(rf"(?<!\d){secret}(?!\d)", text) is not None
    return secret in text or secret.lower() in text.lower()


@pytest.mark.xvfb
@pytest.mark.parametrize("mode", ["user", "admin"])
def test_sms_user_moves_to_totp_by_keyboard_on_a_real_display(
    emulator: Any, x_screen: Screen, start_app: Any, tmp_path: Path, mode: str
) -> None:
    emu = emulator.emu
    user = emulator.seed.users["sms"]
    assert preferred_mfa(emulator, user.username) == "SMS_MFA"
    secrets = {"password": user.password, "client secret": emulator.seed.client_secret}
    deadline = Deadline(BUDGET_S)
    app = start_app(mode)
    desk = Desk(x_screen, app, deadline, tmp_path, secrets)

    # -- credentials: the window comes up with the cursor in "Username"
    desk.find_window()
    sign_in = desk.wait_page_after(None, "sign-in page")
    desk.type(user.username)
    desk.key("Tab")
    desk.type(user.password)
    desk.key("Return")

    # -- the phone receives a code; the wizard moves on to ask for it
    sms_code = desk.wait(lambda: emu.last_sms_code(user.username), "SMS code in the emulator's outbox")
    secrets["SMS code"] = sms_code
    desk.wait_page_after(sign_in, "SMS code page")
    desk.type(sms_code)
    desk.key("Return")

    # -- the QR page: scan the screen like a phone's camera would
    uris = desk.wait(desk.qr_codes, "decodable QR code on the screen")
    assert len(uris) == 1
    qr_page = desk.header()
    uri = urlsplit(uris[0])
    query = parse_qs(uri.query)
    secret = query["secret"][0]
    secrets["TOTP secret"] = secret
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == f"/{ISSUER}:{user.username}"
    assert "%20" in uri.path and "+" not in uri.path
    assert query["issuer"] == [ISSUER]
    assert set(query) == {"secret", "issuer"}
    assert re.fullmatch(r"[A-Z2-7]+", secret), "secret must be upper-case base32 without padding"
    # The emulator only confirms what was scanned; the code is computed from the scan.
    assert secret == emu.pending_totp_secret(user.username)

    # -- nothing to type on the QR page: Enter goes on to the confirmation
    desk.key("Return")
    confirm_page = desk.wait_page_after(qr_page, "confirmation page")
    # The emulator's clock is a ManualClock standing at the fixture's start.
    code = totp(secret, emu.now())
    secrets["TOTP code"] = code
    desk.type(code)
    desk.key("Return")

    # -- Cognito now prefers TOTP, and the wizard says it is done
    desk.wait(lambda: preferred_mfa(emulator, user.username) == "SOFTWARE_TOKEN_MFA", "TOTP preference in Cognito")
    desk.wait_page_after(confirm_page, "done page")
    assert not desk.qr_codes()

    # -- Ctrl+Q: the app ends cleanly, and said nothing it should not have
    desk.key("ctrl+q")
    try:
        app.process.wait(max(deadline.left(), 5))
    except subprocess.TimeoutExpired:
        pytest.fail("the app was still running after Ctrl+Q")
    output = app.output()
    assert "Traceback (most recent call last)" not in output, desk.redact(output)
    leaked = [name for name, value in secrets.items() if found_in(output, value)]
    assert not leaked, f"the app's stdout/stderr contain the {', '.join(leaked)}"
    assert app.process.returncode == 0, desk.redact(output)
