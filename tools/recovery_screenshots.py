#!/usr/bin/env python3
"""Take the screenshots in docs/screenshots/recovery/: the lost-phone path in training mode.

Needs a real X display with a window manager (the title bars are part of
the pictures), for example::

    Xvfb :99 -screen 0 1600x1000x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 .venv/bin/python tools/recovery_screenshots.py [--lang ja] [--out DIR]

The script runs ``--demo`` (admin mode) and plays the operator: it signs in
the training user whose phone "was lost", resets the authenticator, reads the
SMS code off the training phone, adds the new QR code to the phone and
confirms it (the done page); then enrolls an email-MFA user to its done page.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Step = Iterator[Any]  # yields milliseconds to wait, or a predicate to wait for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    options.out = options.out or ROOT / "docs" / "screenshots" / "recovery" / options.lang
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or not os.environ.get("DISPLAY"):
        print("needs a real X display: set DISPLAY and unset QT_QPA_PLATFORM", file=sys.stderr)
        return 2

    from PySide6.QtCore import QRect, Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel, QWizard

    from cogtotp_gui.app import create_application, parse_args
    from cogtotp_gui.training import start_training, training_mode_of
    from cogtotp_gui.training.phone_window import AuthenticatorEntry
    from cogtotp_gui.ui.wizard.pages.base import PageId

    app = create_application(lang=options.lang)
    window = start_training(app, parse_args(["--demo", "--lang", options.lang]))
    mode = training_mode_of(window)
    session, wizard = mode.session, window.wizard
    options.out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []

    def shoot(name: str, *widgets: Any) -> None:
        area = QRect()
        for widget in widgets:
            area = area.united(widget.frameGeometry())
        area = area.adjusted(-2, -2, 2, 2)
        pixmap = QGuiApplication.primaryScreen().grabWindow(0, area.x(), area.y(), area.width(), area.height())
        pixmap.save(str(options.out / f"{name}.png"))
        print("saved", name)

    def type_text(text: str) -> None:
        QTest.keyClicks(QApplication.focusWidget(), text)

    def press(key: Qt.Key) -> None:
        QTest.keyClick(QApplication.focusWidget(), key)

    def phone_code(username: str) -> str:
        for entry in session.phone.findChildren(AuthenticatorEntry, "authenticatorEntry"):
            if entry.username == username:
                return entry.findChild(QLabel, "totpCode").text().replace(" ", "")
        raise LookupError(username)

    def fresh_code(username: str) -> Callable[[], bool]:
        """Wait until the code has most of its 30 seconds left (time to type it)."""

        def ready() -> bool:
            entry = next(e for e in session.phone.accounts() if e.username == username)
            return entry.ring.remaining >= 22

        return ready

    def both() -> tuple[Any, Any]:
        return window, session.phone

    def script() -> Step:
        yield window.isVisible
        yield lambda: mode.wizard_shown
        yield 600
        users = session.environment.seed
        user = users.users["lost_phone"]
        session.phone.select_user(user.username)
        window.activateWindow()  # no window manager needed
        wizard.credentials_page.username.setFocus()
        yield lambda: QApplication.focusWidget() is wizard.credentials_page.username
        type_text(user.username)
        press(Qt.Key.Key_Tab)
        type_text(user.password)
        press(Qt.Key.Key_Return)
        yield lambda: wizard.currentId() == PageId.EXISTING_TOTP
        yield 400
        shoot("01-already-has-an-authenticator", *both())
        QTest.mouseClick(wizard.existing_totp_page.lost_button, Qt.MouseButton.LeftButton)
        page = wizard.lost_authenticator_page
        yield lambda: wizard.currentId() == PageId.LOST_AUTHENTICATOR and QApplication.focusWidget() is page.reason
        # insert(): QTest cannot type non-ASCII keys
        page.reason.insert("Phone lost; ticket HD-4711" if options.lang == "en" else "スマートフォン紛失 HD-4711")
        page.identity_check.setChecked(True)
        yield 300
        shoot("02-confirm-the-reset", window)
        QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        yield lambda: wizard.currentId() == PageId.SMS_CODE and session.phone.latest_code(user.username) is not None
        yield 400
        shoot("03-sms-code-after-the-reset", *both())
        type_text(session.phone.latest_code(user.username))
        press(Qt.Key.Key_Return)
        yield lambda: wizard.currentId() == PageId.SECRET
        yield 400
        shoot("04-new-qr-code", *both())
        yield from add_and_confirm(user.username)
        shoot("05-done-after-the-reset", window)

        # An email-MFA user's done page names the factor they had (issue 14).
        QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        yield lambda: QApplication.focusWidget() is wizard.credentials_page.username
        email_user = users.users["email_otp"]
        session.phone.select_user(email_user.username)
        type_text(email_user.username)
        press(Qt.Key.Key_Tab)
        type_text(email_user.password)
        press(Qt.Key.Key_Return)
        yield (
            lambda: wizard.currentId() == PageId.SMS_CODE and session.phone.latest_code(email_user.username) is not None
        )
        type_text(session.phone.latest_code(email_user.username))
        press(Qt.Key.Key_Return)
        yield lambda: wizard.currentId() == PageId.SECRET
        yield from add_and_confirm(email_user.username)
        shoot("06-done-email-user", window)

    def add_and_confirm(username: str) -> Step:
        """Add the shown secret to the training phone, type its code: the done page."""
        QTest.mouseClick(session.phone.add_button, Qt.MouseButton.LeftButton)
        yield fresh_code(username)
        QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        yield lambda: wizard.currentId() == PageId.CONFIRM and QApplication.focusWidget() is wizard.confirm_page.code
        type_text(phone_code(username))
        press(Qt.Key.Key_Return)
        yield lambda: wizard.currentId() == PageId.DONE
        yield 400

    steps = script()

    def advance() -> None:
        try:
            waiting = next(steps)
        except StopIteration:
            app.exit(0)  # not quit(): that closes the windows first, and a window may ask before it closes
            return
        except Exception as error:  # a step failed: say which, and stop
            failures.append(repr(error))
            app.exit(1)
            return
        if callable(waiting):

            def poll() -> None:
                if waiting():
                    advance()
                else:
                    QTimer.singleShot(50, poll)

            poll()
        else:
            QTimer.singleShot(int(waiting), advance)

    QTimer.singleShot(30_000 * 4, lambda: app.exit(1))  # never hang
    window.show()
    QTimer.singleShot(0, advance)
    app.exec()
    window.shutdown()
    for failure in failures:
        print("failed:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
