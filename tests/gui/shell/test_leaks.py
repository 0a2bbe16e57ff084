"""No secret is ever written anywhere: logs, stdout/stderr, audit, settings.

Whole enrollments run with Python logging at DEBUG (root, botocore, boto3,
urllib3 and cogtotp_gui set explicitly), taking every detour that handles
secrets: a wrong password, a wrong SMS code, an expired session and a new
code, a temporary password replaced, a wrong authenticator code - in user
mode and in admin mode, with the connection saved as a profile the way
the settings dialog saves it. Then everything the run wrote is collected
and searched for every password, SMS code, authenticator code, TOTP
secret, session, token and secret hash it handled, in plain, URL-encoded,
base32 and base64 form (``tests/support/leak_scan.py``).

The secrets come from both ends: what the test typed or read off the
emulator (passwords, codes, TOTP secrets), and what a spy gateway saw go
to and come back from Cognito (sessions, access/ID/refresh tokens, secret
hashes, secret codes).

The second test does the same in a fresh process, scanning its stdout and
stderr, so what Qt's C++ side prints and what is printed at interpreter
exit are covered too (in-process, pytest-qt and pytest capture those).
"""

from __future__ import annotations

import json
import logging
import os
import queue
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gui_driver import WizardDriver, show_active
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from cogtotp_gui.app import create_main_window
from cogtotp_gui.connections import secrets as connection_secrets
from cogtotp_gui.connections.model import Profile
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.settings import SignInMode
from cogtotp_gui.ui.wizard.pages import PageId
from tests.support.leak_scan import find_leaks, read_tree
from tests.support.memory_keyring import MemoryKeyring, installed
from tests.support.spy_gateway import ENV_SECRETS_FILE, SpyGateway

ROOT = Path(__file__).resolve().parents[3]
LOGGERS = ("", "botocore", "boto3", "urllib3", "cogtotp_gui")
# What the spy gateway must have seen for the search to mean anything.
SPY_KINDS = {
    "PASSWORD",
    "SMS_MFA_CODE",
    "UserCode",
    "Session",
    "AccessToken",
    "IdToken",
    "RefreshToken",
    "SecretCode",
    "SECRET_HASH",
}
# LogRecord attributes every record has; anything else came in ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class CollectEverything(logging.Handler):
    """Every record's message, arguments, exception and extras, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:
            text = f"{record.msg!r} {record.args!r}"
        parts = [f"{record.levelname} {record.name}: {text}"]
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            parts.append(record.stack_info)
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if extras:
            parts.append(repr(extras))
        self.texts.append("\n".join(parts))


@pytest.fixture
def debug_logging():
    handler = CollectEverything()
    saved = {name: logging.getLogger(name).level for name in LOGGERS}
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def wrong_code(*right: str) -> str:
    while True:
        code = f"{random.randrange(1_000_000):06d}"
        if code not in right:
            return code


def seed_secrets(emulator) -> dict[str, str]:
    found = {emulator.seed.client_secret: "client secret", SUGGESTED_NEW_PASSWORD: "new password"}
    for user in emulator.seed.users.values():
        found[user.password] = f"password of {user.username}"
        found[user.password + "x"] = f"mistyped password of {user.username}"
        if user.totp_secret:
            found[user.totp_secret] = f"seeded TOTP secret of {user.username}"
        for secret in (emulator.emu.totp_secret(user.username), emulator.emu.pending_totp_secret(user.username)):
            if secret:
                found[secret] = f"TOTP secret of {user.username}"
    for message in emulator.emu.outbox:
        if message.code:
            found[message.code] = f"SMS code for {message.username}"
    return found


def leak_report(leaks: list[str]) -> str:
    return "secrets were written:\n" + "\n".join(leaks)


# -- in this process ----------------------------------------------------------------


def collect_everything(handler, capfd, qtlog, audit_dir: Path, settings_dir: Path) -> dict[str, str]:
    """Everything written so far: log records, fd 1 and 2, Qt's messages
    (pytest-qt takes them before they reach stderr), the audit folder and
    the QSettings folder."""
    out, err = capfd.readouterr()
    corpus = {
        "log records": "\n".join(handler.texts),
        "stdout": out,
        "stderr": err,
        "Qt messages": "\n".join(record.message for record in qtlog.records),
    }
    corpus |= {f"audit/{name}": text for name, text in read_tree(audit_dir).items()}
    corpus |= {f"QSettings/{name}": text for name, text in read_tree(settings_dir).items()}
    return corpus


def test_every_channel_is_searched(qtlog, capfd, tmp_path, debug_logging, settings_dir):
    """The net has no hole: a secret planted in each channel, each in a
    different form, is found in that channel."""
    import base64
    from urllib.parse import quote

    from PySide6.QtCore import qDebug

    planted = "S3ss10n-planted/token+value=="
    audit_dir = tmp_path / "audit"
    audit_dir.mkdir()
    logging.getLogger("cogtotp_gui.anything").debug("ok", extra={"context": planted})
    os.write(1, quote(planted, safe="").encode() + b"\n")  # below Python's sys.stdout
    os.write(2, base64.b32encode(planted.encode()) + b"\n")
    qDebug(base64.b64encode(planted.encode()).decode())
    (audit_dir / "audit.jsonl.1").write_text(planted, encoding="utf-8")
    stray = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "cogtotp-gui", "stray")
    stray.setValue("token", base64.urlsafe_b64encode(planted.encode()).decode())
    stray.sync()

    corpus = collect_everything(debug_logging, capfd, qtlog, audit_dir, settings_dir)
    found = " | ".join(find_leaks({planted: "planted"}, corpus))
    for channel, form in [
        ("log records", "plain"),
        ("stdout", "url-encoded"),
        ("stderr", "base32"),
        ("Qt messages", "base64"),
        ("audit/audit.jsonl.1", "plain"),
        ("QSettings/cogtotp-gui/stray.ini", "base64url"),
    ]:
        assert f"found {form} in {channel} " in found, (channel, found)


def open_window(qtbot, emulator, settings, gateways) -> WizardDriver:
    window = create_main_window(settings, gateway_factory=SpyGateway.factory(gateways))
    show_active(qtbot, window)
    driver = WizardDriver(qtbot, emulator, window, settings)
    driver.wait_ready()
    return driver


def enroll_with_detours(driver: WizardDriver, typed: dict[str, str], kind: str = "sms") -> None:
    """Wrong password, wrong code, expired session, wrong TOTP, then through."""
    user = driver.sign_in(kind, password=driver.user(kind).password + "x")
    assert "not correct" in driver.wait_banner()
    driver.sign_in(kind)
    driver.wait_page(PageId.SMS_CODE)
    right = driver.sms_code(user.username)
    wrong = wrong_code(right)
    typed[wrong] = "mistyped SMS code"
    driver.submit_sms(user.username, wrong)
    assert "not correct" in driver.wait_banner()

    driver.emu.advance(200)
    driver.submit_sms(user.username, right)
    page = driver.wizard.sms_code_page
    assert "expired" in driver.wait_banner()
    page.banner.action_button.click()
    driver.wait_idle()
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)

    secret = driver.pending_secret(user.username)
    right_totp = driver.totp_now(secret)
    near = {totp_code(secret, driver.emu.now() + d) for d in (-30, 0, 30)}
    wrong_totp = wrong_code(*near)
    typed[wrong_totp] = "mistyped authenticator code"
    typed[right_totp] = "authenticator code"
    driver.confirm_totp(user.username, code=wrong_totp, device="Work phone")
    confirm = driver.wizard.confirm_page
    driver.wait_banner()
    QTest.keyClicks(confirm.code, right_totp)
    confirm.code.setFocus()
    driver.enter()
    driver.wait_page(PageId.DONE)
    driver.enter()  # next user
    driver.wait_page(PageId.CREDENTIALS)


def enroll_with_new_password(driver: WizardDriver, typed: dict[str, str], kind: str = "temp_password") -> None:
    user = driver.sign_in(kind)
    driver.wait_page(PageId.NEW_PASSWORD)
    page = driver.wizard.new_password_page
    QTest.keyClicks(page.new_password, SUGGESTED_NEW_PASSWORD)
    QTest.keyClicks(page.repeat, SUGGESTED_NEW_PASSWORD)
    page.repeat.setFocus()
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    driver.submit_sms(user.username)
    secret = driver.pending_secret(user.username)
    code = driver.totp_now(secret)
    typed[code] = "authenticator code"
    driver.confirm_totp(user.username, code=code)
    driver.wait_page(PageId.DONE)


def test_in_process_enrollments_write_no_secret(
    qtbot, qtlog, capfd, emulator, tmp_path, monkeypatch, debug_logging, settings_dir
):
    audit_dir = tmp_path / "audit"
    monkeypatch.setenv("COGTOTP_AUDIT_DIR", str(audit_dir))
    typed: dict[str, str] = {}
    gateways: list[SpyGateway] = []

    with installed(MemoryKeyring()) as keyring:
        store = ProfileStore()
        profile = Profile.create(
            name="Training",
            user_pool_id=emulator.seed.pool_id,
            client_id=emulator.seed.client_id,
            endpoint_url=emulator.endpoint_url,
            issuer="ACME Helpdesk",
        )
        store.save(profile, client_secret=emulator.seed.client_secret)
        store.set_last_profile("Training")
        settings = store.load_profile("Training")
        assert settings.client_secret == emulator.seed.client_secret  # from the keyring
        assert keyring.passwords == {(connection_secrets.KEYRING_SERVICE, "Training"): emulator.seed.client_secret}

        driver = open_window(qtbot, emulator, settings, gateways)
        try:
            enroll_with_detours(driver, typed)
            enroll_with_new_password(driver, typed)
        finally:
            driver.close()
        admin = open_window(qtbot, emulator, settings.replace(mode=SignInMode.ADMIN), gateways)
        try:
            enroll_with_detours(admin, typed, kind="sms2")
        finally:
            admin.close()

    seen_by_spy: dict[str, str] = {}
    for gateway in gateways:
        seen_by_spy |= gateway.secrets()
    assert {label.split(" ")[0] for label in seen_by_spy.values()} >= SPY_KINDS
    secrets = seed_secrets(emulator) | typed | seen_by_spy

    corpus = collect_everything(debug_logging, capfd, qtlog, audit_dir, settings_dir)

    # The channels were really collected: DEBUG reached the handler, three
    # enrollments reached the audit file, the profile reached QSettings.
    assert "cognito call initiate_auth" in corpus["log records"]
    assert "cognito call admin_initiate_auth" in corpus["log records"]
    assert sum(text.count('"outcome": "success"') for name, text in corpus.items() if name.startswith("audit/")) >= 3
    assert any(emulator.seed.pool_id in text for name, text in corpus.items() if name.startswith("QSettings/"))

    leaks = find_leaks(secrets, corpus)
    assert not leaks, leak_report(leaks)


# -- in a fresh process ------------------------------------------------------------------


CHILD = "import sys; from tests.support.leak_child import main; sys.exit(main())"


class Phone:
    """The parent's side of the conversation: the user's phone and clock."""

    def __init__(self, emulator) -> None:
        self.emu = emulator.emu
        self.handed: dict[str, str] = {}

    def answer(self, what: str, args: list[str]) -> str:
        if what == "advance":
            self.emu.advance(float(args[0]))
            return "ok"
        username = args[0]
        if what in ("sms", "wrongsms"):
            right = self.emu.last_sms_code(username)
            assert right, f"no SMS for {username}"
            if what == "sms":
                return self.hand(right, f"SMS code for {username}")
            return self.hand(wrong_code(right), f"mistyped SMS code for {username}")
        secret = self.emu.pending_totp_secret(username)
        assert secret, f"no pending secret for {username}"
        self.handed[secret] = f"TOTP secret of {username}"
        now = self.emu.now()
        if what == "totp":
            return self.hand(totp_code(secret, now), f"authenticator code for {username}")
        if what == "wrongtotp":
            near = {totp_code(secret, now + d) for d in (-30, 0, 30)}
            return self.hand(wrong_code(*near), f"mistyped authenticator code for {username}")
        raise AssertionError(f"the child asked for {what!r}")

    def hand(self, value: str, label: str) -> str:
        self.handed[value] = label
        return value


def test_subprocess_enrollment_prints_no_secret(emulator, tmp_path):
    child_root = tmp_path / "child"
    audit_dir, config_dir, data_dir = child_root / "audit", child_root / "config", child_root / "data"
    for folder in (audit_dir, config_dir, data_dir):
        folder.mkdir(parents=True)
    secrets_file = tmp_path / "spy-secrets.jsonl"  # outside child_root: not searched
    secrets_file.touch(mode=0o600)
    (child_root / "no-managed-profiles.ini").touch()
    stderr_path = tmp_path / "child-stderr.txt"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        COGTOTP_AUDIT_DIR=str(audit_dir),
        XDG_CONFIG_HOME=str(config_dir),
        XDG_DATA_HOME=str(data_dir),
        XDG_STATE_HOME=str(data_dir),
        COGTOTP_PROFILES_INI=str(child_root / "no-managed-profiles.ini"),
        # No OS keyring in the child: the secret must then stay in memory,
        # not fall back to the settings file.
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        COGTOTP_CLIENT_SECRET=emulator.seed.client_secret,
        PYTHONPATH=str(ROOT),
    )
    env[ENV_SECRETS_FILE] = str(secrets_file)
    for name in ("QT_LOGGING_RULES", "PYTHONWARNINGS"):
        env.pop(name, None)
    seed = emulator.seed
    config = {
        "endpoint_url": emulator.endpoint_url,
        "pool_id": seed.pool_id,
        "client_id": seed.client_id,
        "users": {
            kind: {"username": seed.users[kind].username, "password": seed.users[kind].password}
            for kind in ("sms", "sms2")
        },
    }

    phone = Phone(emulator)
    lines: queue.Queue[str | None] = queue.Queue()
    stdout: list[str] = []
    with open(stderr_path, "wb") as stderr_file:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr_file,
            text=True,
            encoding="utf-8",
            errors="replace",
        )

        def read() -> None:
            for line in child.stdout:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            child.stdin.write(json.dumps(config) + "\n")
            child.stdin.flush()
            while (line := lines.get(timeout=90)) is not None:
                stdout.append(line)
                if line.startswith("ASK "):
                    what, *args = line.split()[1:]
                    child.stdin.write(phone.answer(what, args) + "\n")
                    child.stdin.flush()
            returncode = child.wait(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
            reader.join(timeout=10)
            child.stdin.close()
            child.stdout.close()
    err = stderr_path.read_text(encoding="utf-8", errors="replace")
    assert returncode == 0 and stdout[-1:] == ["BYE\n"], (
        f"the child failed ({returncode}); its stderr ends:\n{err[-3000:]}"
    )

    seen_by_spy = {}
    for line in secrets_file.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        seen_by_spy[item["value"]] = item["label"]
    assert {label.split(" ")[0] for label in seen_by_spy.values()} >= SPY_KINDS
    secrets = seed_secrets(emulator) | phone.handed | seen_by_spy

    corpus = {"child stdout": "".join(stdout), "child stderr": err}
    corpus |= {f"child files/{name}": text for name, text in read_tree(child_root).items()}
    # DEBUG really was on, both enrollments reached the audit file, and the
    # saved connections reached the child's own QSettings file.
    assert "DEBUG cogtotp_gui.enrollment.gateway: cognito call initiate_auth" in err
    assert "cognito call admin_initiate_auth" in err
    audit = corpus.get("child files/audit/audit.jsonl", "")
    assert audit.count('"outcome": "success"') == 2
    assert any(seed.pool_id in text for name, text in corpus.items() if name.startswith("child files/config/")), sorted(
        corpus
    )

    leaks = find_leaks(secrets, corpus)
    assert not leaks, leak_report(leaks)
