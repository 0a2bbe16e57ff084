#!/usr/bin/env python3
"""Screenshots of the Migration window (issue 12), in English and Japanese.

Starts the strict emulator, seeds a pool with users of mixed MFA states,
runs an exact scan from the window and grabs it: first while Cognito
throttles the scan (a quota on a stopped clock refuses every read after the first 120), then
done. Needs an X display::

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 .venv/bin/python tools/inventory_screenshots.py [--lang en|ja] [--high-contrast] [--out DIR]

Writes docs/screenshots/inventory/migration[-hc]-<lang>.png,
migration-filtered[-hc]-<lang>.png and migration-throttled[-hc]-<lang>.png
(widget grabs, no title bars); ``--high-contrast`` uses the app's
``--high-contrast`` palette.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "inventory")
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    parser.add_argument("--high-contrast", action="store_true", help="the app's --high-contrast palette")
    options = parser.parse_args()
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or not os.environ.get("DISPLAY"):
        print("needs an X display: set DISPLAY and unset QT_QPA_PLATFORM", file=sys.stderr)
        return 2
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        os.environ.setdefault(name, value)
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    from cogtotp_gui.app import create_application
    from cogtotp_gui.emulator.clock import ManualClock
    from cogtotp_gui.emulator.quota import QuotaEnforcer
    from cogtotp_gui.i18n import install_translations
    from cogtotp_gui.training.environment import TrainingEnvironment
    from cogtotp_gui.ui.campaign.inventory_window import MigrationWindow

    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang=options.lang)
    install_translations(app, options.lang)
    if options.high_contrast:
        from cogtotp_gui.ui.common.theme import apply_high_contrast

        apply_high_contrast(app)
    suffix = f"-hc-{options.lang}" if options.high_contrast else f"-{options.lang}"

    def wait(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.02)

    environment = TrainingEnvironment()
    settings = environment.start()  # the training pool: its users plus 300 of mixed states
    folder = Path(tempfile.mkdtemp(prefix="cogtotp-inventory-shots-"))
    window = MigrationWindow(settings, db_path=folder / "campaign.sqlite3")
    window.resize(820, 700)
    window.show()
    wait(lambda: window.is_loaded)
    done: list[object] = []
    window.scan_finished.connect(done.append)
    window.exact_box.setChecked(True)
    # A quota on a clock that never moves: 120 reads go through, then every
    # read is refused until the quota goes, and the window says Cognito is slowing it down.
    quota = QuotaEnforcer({"UserRead": 1.0}, burst=120.0, clock=ManualClock(0))
    environment.emu.set_quota(quota)
    window.start_scan()
    wait(lambda: quota.rejected["UserRead"] >= 8 and "\n" in window.scan_status.text())
    window.grab().save(str(out / f"migration-throttled{suffix}.png"))
    environment.emu.set_quota(None)
    wait(lambda: bool(done))
    wait(lambda: window.model.total() > 0)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out / f"migration{suffix}.png"))
    window.state_combo.setCurrentIndex(window.state_combo.findData("sms"))
    window.search_edit.setText("user01")
    window._apply_filter()  # now, not after the search field's short pause
    window.table.selectRow(0)
    window.table.setFocus()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out / f"migration-filtered{suffix}.png"))
    window.close()
    environment.stop()
    print(f"wrote {out}/migration{suffix}.png, migration-filtered{suffix}.png, migration-throttled{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
