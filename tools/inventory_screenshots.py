#!/usr/bin/env python3
"""Screenshots of the Migration window (issue 12), in English and Japanese.

Starts the strict emulator, seeds a pool with users of mixed MFA states,
runs an exact scan from the window and grabs it. Needs an X display::

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 .venv/bin/python tools/inventory_screenshots.py [--lang en|ja] [--out DIR]

Writes docs/screenshots/inventory/migration-<lang>.png and
migration-filtered-<lang>.png (widget grabs, no title bars).
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
    options = parser.parse_args()
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or not os.environ.get("DISPLAY"):
        print("needs an X display: set DISPLAY and unset QT_QPA_PLATFORM", file=sys.stderr)
        return 2
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        os.environ.setdefault(name, value)
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    from cogtotp_gui.app import create_application
    from cogtotp_gui.i18n import install_translations
    from cogtotp_gui.training.environment import TrainingEnvironment
    from cogtotp_gui.ui.campaign.inventory_window import MigrationWindow

    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang=options.lang)
    install_translations(app, options.lang)

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
    window.start_scan()
    wait(lambda: bool(done))
    wait(lambda: window.model.total() > 0)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out / f"migration-{options.lang}.png"))
    window.state_combo.setCurrentIndex(window.state_combo.findData("sms"))
    window.search_edit.setText("user01")
    window._apply_filter()  # now, not after the search field's short pause
    window.table.selectRow(0)
    window.table.setFocus()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out / f"migration-filtered-{options.lang}.png"))
    window.close()
    environment.stop()
    print(f"wrote {out}/migration-{options.lang}.png and migration-filtered-{options.lang}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
