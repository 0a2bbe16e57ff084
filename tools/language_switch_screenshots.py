#!/usr/bin/env python3
"""Screenshots of training mode switched to Japanese at run time, and of the status bar.

Issue 15's acceptance: the training window, the phone and the training users
dialog after Settings -> 日本語 while running, and the status bar in both
languages (training and a real admin connection). Needs an X display::

    Xvfb :99 -screen 0 1600x1000x24 &
    DISPLAY=:99 .venv/bin/python tools/language_switch_screenshots.py [--out DIR]

Writes docs/screenshots/training-ja/*.png (widget grabs, no title bars).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "training-ja")
    options = parser.parse_args()
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or not os.environ.get("DISPLAY"):
        print("needs an X display: set DISPLAY and unset QT_QPA_PLATFORM", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui import i18n
    from cogtotp_gui.app import create_application, parse_args
    from cogtotp_gui.training import start_training, training_mode_of

    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang="en")

    def wait(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.02)

    def settle() -> None:
        wait(lambda: True)
        for _ in range(10):
            app.processEvents()
            time.sleep(0.02)

    def shoot(name: str, widget: Any) -> None:
        settle()
        widget.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    window = start_training(app, parse_args(["--demo"]))
    assert not isinstance(window, int)
    mode = training_mode_of(window)
    assert mode is not None
    window.move(20, 20)
    window.show()
    wait(lambda: mode.is_ready and window.controller.is_ready)
    shoot("statusbar-training-en", window.statusBar())

    # An SMS user signed in, so the phone has a message and the wizard a countdown.
    page = window.wizard.credentials_page
    page.username.setText("bob.sms")
    page.password.setText(mode.session.environment.seed.user("bob.sms").password)
    window.wizard.next()
    wait(lambda: bool(mode.session.phone and mode.session.phone.latest_code("bob.sms")))
    mode.session.show_training_users()
    dialog = mode.session.users_dialog
    assert dialog is not None
    dialog.move(40, 420)

    i18n.install_translations(app, "ja")  # what Settings -> Language does
    wait(lambda: dialog.windowTitle() != "Training users")
    settle()
    shoot("window-ja", window)
    shoot("phone-ja", mode.session.phone)
    shoot("training-users-ja", dialog)
    shoot("statusbar-training-ja", window.statusBar())
    dialog.close()

    # The reset question, in Japanese (an enrollment is half done).
    mode.request_reset()
    box = mode._reset_box
    assert box is not None
    shoot("reset-question-ja", box)
    box.reject()
    settle()

    # A real admin connection's status bar at the default width, both
    # languages (against the training emulator: its identity is moto's).
    from cogtotp_gui.app import create_main_window
    from cogtotp_gui.enrollment.settings import ConnectionSettings
    from cogtotp_gui.ui.shell.main_window import DEFAULT_SIZE

    seed = mode.session.environment.seed
    real = create_main_window(
        ConnectionSettings.create(
            user_pool_id=seed.pool_id,
            client_id=seed.client_id,
            client_secret=seed.client_secret,
            mode="admin",
            endpoint_url=mode.session.settings.endpoint_url,
            name="Production",
        )
    )
    real.resize(*DEFAULT_SIZE)
    real.move(760, 20)
    real.show()
    wait(lambda: real.controller.is_ready and real.operations.identity is not None)
    shoot("statusbar-admin-ja", real.statusBar())
    i18n.install_translations(app, "en")
    wait(lambda: real.file_menu.title() == "&File")
    shoot("statusbar-admin-en", real.statusBar())
    real.close()
    window.close()
    mode.shutdown()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
