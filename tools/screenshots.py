#!/usr/bin/env python3
"""Screenshots of every wizard page, driven against the strict emulator.

    python tools/screenshots.py                 # en, at 100 % and 150 %
    python tools/screenshots.py --lang ja       # once a Japanese catalogue exists
    python tools/screenshots.py --scale 1.5     # one scale only
    python tools/screenshots.py --scale 2       # 200 %: docs/screenshots/en-200
    python tools/screenshots.py --high-contrast # the --high-contrast palette: en-hc

Writes ``docs/screenshots/<lang>/<nn>-<page>.png`` at scale 1.0 and
``docs/screenshots/<lang>-150/...`` at 1.5 (``-hc`` is appended with
``--high-contrast``). Each scale runs in its own
process, because QT_SCALE_FACTOR is read when the QApplication starts.
Uses the offscreen platform unless QT_QPA_PLATFORM says otherwise (set
``QT_QPA_PLATFORM=xcb`` under Xvfb to see the X11 rendering).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SCALES = (1.0, 1.5)


def out_dir(lang: str, scale: float, high_contrast: bool = False) -> Path:
    name = lang if scale == 1.0 else f"{lang}-{round(scale * 100)}"
    return OUT / (f"{name}-hc" if high_contrast else name)


def run_all(lang: str, scales: tuple[float, ...], high_contrast: bool = False) -> int:
    status = 0
    for scale in scales:
        env = {**os.environ, "QT_SCALE_FACTOR": str(scale), "PYTHONPATH": str(ROOT)}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--lang", lang, "--one-scale", str(scale)]
        if high_contrast:
            cmd.append("--high-contrast")
        print(f"screenshots: {lang} at {scale:g} -> {out_dir(lang, scale, high_contrast).relative_to(ROOT)}")
        status |= subprocess.run(cmd, env=env, cwd=ROOT).returncode
    return status


class Shooter:
    """Drives one main window through the pages and saves a PNG per state."""

    def __init__(self, lang: str, scale: float, high_contrast: bool = False) -> None:
        # Fake AWS credentials, so nothing here can reach a real account.
        for name, value in {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            # Saved connections of this run only, and no OS keyring.
            "XDG_CONFIG_HOME": (config := tempfile.mkdtemp(prefix="cogtotp-screenshots-")),
            "XDG_CONFIG_DIRS": config,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }.items():
            os.environ[name] = value
        os.environ.pop("COGTOTP_PROFILES_INI", None)
        import boto3

        from cogtotp_gui.app import create_application
        from cogtotp_gui.emulator import EmulatorServer, StrictCognito, seed_training_pool
        from cogtotp_gui.emulator.clock import ManualClock

        self.app = create_application(lang=lang)
        if high_contrast:
            from cogtotp_gui.ui.common.theme import apply_high_contrast

            apply_high_contrast(self.app)
        self.emu = StrictCognito(clock=ManualClock())
        self.server = EmulatorServer(self.emu)
        self.server.start()
        admin = boto3.client("cognito-idp", region_name="eu-west-1", endpoint_url=self.server.endpoint_url)
        self.seed = seed_training_pool(admin, self.emu)
        from cogtotp_gui.connections.model import Profile
        from cogtotp_gui.connections.store import ProfileStore

        # Two saved connections, for the picker on the first page.
        self.store = ProfileStore()
        self.store.save(
            Profile.create(
                name="ACME Helpdesk",
                user_pool_id=self.seed.pool_id,
                client_id=self.seed.client_id,
                region=self.seed.region,
                issuer="ACME Helpdesk",
                endpoint_url=self.server.endpoint_url,
            ),
            client_secret=self.seed.client_secret,
        )
        self.store.save(
            Profile.create(name="ACME Staging", user_pool_id="eu-west-1_Staging1", client_id="staging1", mode="admin")
        )
        self.directory = out_dir(lang, scale, high_contrast)
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in self.directory.glob("[0-9][0-9]-*.png"):
            stale.unlink()  # numbering shifts when a state is added
        self.count = 0
        self.window: Any = None

    # -- plumbing -------------------------------------------------------------

    def wait(self, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the wizard did not get there in time")
            self.app.processEvents()
            time.sleep(0.01)

    def settle(self, seconds: float = 0.15) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.01)

    def shoot(self, name: str, widget: Any = None) -> None:
        self.settle()
        self.count += 1
        path = self.directory / f"{self.count:02d}-{name}.png"
        (widget or self.window).grab().save(str(path))
        print(f"  {path.relative_to(ROOT)}")

    def new_window(self, with_connection: bool = True) -> Any:
        from cogtotp_gui.app import create_main_window

        if self.window is not None:
            self.window.shutdown(3000)
            self.window.close()
            self.window.deleteLater()
        settings = self.store.load_profile("ACME Helpdesk") if with_connection else None
        self.window = create_main_window(settings, prefill={}, profile_store=self.store)
        self.window.show()
        self.window.activateWindow()
        if with_connection:
            self.wait(lambda: self.window.controller.is_ready)
        return self.window

    @property
    def wizard(self) -> Any:
        return self.window.wizard

    def page_is(self, page_id: int) -> Callable[[], bool]:
        return lambda: self.wizard.currentId() == page_id

    def idle(self) -> None:
        self.wait(lambda: not self.window.controller.busy)

    def next(self) -> None:
        self.wizard.next()

    def sign_in(self, kind: str, password: str | None = None) -> Any:
        user = self.seed.users[kind]
        page = self.wizard.credentials_page
        page.username.setText(user.username)
        page.password.setText(password if password is not None else user.password)
        self.next()
        self.idle()
        return user

    # -- the tour -------------------------------------------------------------------

    def run(self) -> None:
        from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
        from cogtotp_gui.emulator.totp import totp_code
        from cogtotp_gui.ui.wizard.pages import PageId

        # Connection page, empty and with a mistake.
        self.new_window(with_connection=False)
        self.shoot("connection")
        page = self.wizard.connection_page
        page.user_pool_id.setText("eu-west-1")
        page.connection_form._on_edited("user_pool_id")  # as leaving the field does
        page.client_id.setText(self.seed.client_id)
        page.admin_mode.setChecked(True)
        self.shoot("connection-error")

        self.new_window()
        credentials = self.wizard.credentials_page
        credentials.username.setText(self.seed.users["sms"].username)
        credentials.password.setFocus()
        self.shoot("credentials")

        self.sign_in("sms", password="Wrong-password-1")
        self.shoot("credentials-wrong-password")

        # Busy: a slow answer.
        self.emu.set_latency(5)
        user = self.seed.users["sms"]
        credentials.password.setText(user.password)
        self.next()
        self.settle(0.3)
        self.shoot("credentials-busy")
        self.idle()
        self.emu.set_latency(0)

        self.wait(self.page_is(PageId.SMS_CODE))
        self.shoot("sms-code")
        sms = self.wizard.sms_code_page
        sms.code.setText("000000")
        self.next()
        self.idle()
        self.shoot("sms-code-wrong")
        self.emu.advance(200)
        sms.code.setText(self.emu.last_sms_code(user.username) or "")
        self.next()
        self.idle()
        self.shoot("sms-code-expired")
        sms.banner.action_button.click()
        self.idle()
        self.shoot("sms-code-resent")
        sms.code.setText(self.emu.last_sms_code(user.username) or "")
        self.next()
        self.idle()

        self.wait(self.page_is(PageId.SECRET))
        self.shoot("qr-code")
        operations = self.window.operations
        operations._on_idle_warning(12)  # as after 108 s without input
        self.shoot("qr-code-idle-warning")
        operations._on_idle_warning_cleared()
        self.wizard.secret_page.set_concealed(True)  # as while minimised
        self.shoot("qr-code-concealed")
        self.wizard.secret_page.set_concealed(False)
        self.next()
        self.wait(self.page_is(PageId.CONFIRM))
        confirm = self.wizard.confirm_page
        confirm.device_name.setText("Work phone")
        self.shoot("confirm")
        confirm.code.setText("000000")
        self.next()
        self.idle()
        self.shoot("confirm-wrong")
        secret = self.emu.pending_totp_secret(user.username) or ""
        confirm.code.setText(totp_code(secret, self.emu.now()))
        self.next()
        self.idle()
        self.wait(self.page_is(PageId.DONE))
        self.shoot("done")
        self.next()
        self.wait(self.page_is(PageId.CREDENTIALS))

        self.sign_in("temp_password")
        self.wait(self.page_is(PageId.NEW_PASSWORD))
        self.shoot("new-password")
        new_password = self.wizard.new_password_page
        new_password.new_password.setText(SUGGESTED_NEW_PASSWORD)
        new_password.repeat.setText(SUGGESTED_NEW_PASSWORD + "!")
        self.next()
        self.shoot("new-password-mismatch")
        self.wizard.start_next_user()

        self.sign_in("totp")
        self.wait(self.page_is(PageId.EXISTING_TOTP))
        self.shoot("existing-totp")
        self.wizard.existing_totp_page.reenroll_button.click()
        self.shoot("existing-totp-reenroll")
        self.wizard.start_next_user()

        # An email-MFA user: the code comes by e-mail (issue 14).
        self.sign_in("email_otp")
        self.wait(self.page_is(PageId.SMS_CODE))
        self.shoot("email-code")
        self.wizard.start_next_user()

        # Cognito in trouble: Retry, and the details opened.
        self.emu.fail_next("InitiateAuth", "InternalErrorException", "Internal error", 500)
        self.emu.fail_next("InitiateAuth", "InternalErrorException", "Internal error", 500)
        self.emu.fail_next("InitiateAuth", "InternalErrorException", "Internal error", 500)
        self.sign_in("sms2")
        credentials.banner.details_toggle.setChecked(True)
        self.shoot("service-error-retry")
        self.wizard.start_next_user()

        # The settings dialog, from File > Settings….
        self.window.open_settings()
        dialog = self.window.saved_connections.dialog
        self.wait(dialog.isVisible)
        self.shoot("settings", dialog)
        # Closing with an edit not saved: the dialog asks first.
        from PySide6.QtCore import QTimer

        dialog.client_edit.setText(dialog.client_edit.text() + "x")
        dialog.client_edit.textEdited.emit(dialog.client_edit.text())

        def answer_the_question() -> None:
            from PySide6.QtWidgets import QMessageBox

            # The question is window-modal (msgbox.confirm), not the application's modal widget.
            box = dialog.findChild(QMessageBox, "unsavedChangesBox")
            if box is None or not box.isVisible():
                QTimer.singleShot(50, answer_the_question)
                return
            self.shoot("settings-unsaved", box)
            box.button(QMessageBox.StandardButton.Discard).click()

        QTimer.singleShot(100, answer_the_question)
        dialog.reject()

        # A bug in a slot: the operator is told, once.
        from cogtotp_gui.ui.shell.unexpected import UnexpectedErrors

        unexpected = UnexpectedErrors(self.window)
        unexpected.install()

        def fail() -> None:
            raise RuntimeError("a failure for the screenshot")

        QTimer.singleShot(0, fail)
        self.wait(lambda: unexpected.box is not None and unexpected.box.isVisible())
        self.shoot("unexpected-error", unexpected.box)
        unexpected.box.accept()
        unexpected.uninstall()

    def close(self) -> None:
        if self.window is not None:
            self.window.shutdown(3000)
            self.window.close()
        self.server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", default="en", choices=("en", "ja"))
    parser.add_argument("--scale", type=float, action="append", help="scale factor(s); default 1.0 and 1.5")
    parser.add_argument("--high-contrast", action="store_true", help="with the app's --high-contrast palette")
    parser.add_argument("--one-scale", type=float, help=argparse.SUPPRESS)  # the per-process worker
    args = parser.parse_args(argv)
    if args.one_scale is None:
        return run_all(args.lang, tuple(args.scale or SCALES), args.high_contrast)
    sys.path.insert(0, str(ROOT))
    shooter = Shooter(args.lang, args.one_scale, args.high_contrast)
    try:
        shooter.run()
    finally:
        shooter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
