#!/usr/bin/env python3
"""Screenshots of the Migration window's progress over time (issue 23), English and Japanese.

Writes a campaign database with six weeks of history (a scan every few
days, the SMS count falling, onboarding sessions enrolling users on working
days), opens the Migration window on it and grabs the window and the trend
chart alone. No emulator, no scan; the offscreen platform is enough::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/trend_screenshots.py [--lang en|ja] [--high-contrast] [--out DIR]

Writes docs/screenshots/inventory/migration-trend[-hc]-<lang>.png and
trend-chart[-hc]-<lang>.png.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POOL = "eu-west-1_Example01"
DAY = 86_400.0
USERS = 20_000


def fill(path: Path, now: float) -> None:
    """Scans every 3–4 days for six weeks, the SMS count falling; sessions enrolling on working days."""
    from cogtotp_gui.campaign.inventory_store import InventoryStore
    from cogtotp_gui.campaign.sessions import SessionStore

    InventoryStore.open(path).close()
    SessionStore.open(path).close()
    rng = random.Random(23)
    start = now - 42 * DAY
    sms = 12_400
    moments: list[float] = []
    with sqlite3.connect(path) as connection:
        day = 0
        scan_id = 0
        while day <= 42:
            when = start + day * DAY + 10 * 3600
            scan_id += 1
            counts = {"sms": sms, "totp": USERS - sms - 1900, "email": 400, "none": 1300, "unknown": 200}
            connection.execute(
                "INSERT INTO inventory_scans (id, pool_id, exact, started_at, finished_at, listing_done)"
                " VALUES (?, ?, 1, ?, ?, 1)",
                (scan_id, POOL, when - 180, when),
            )
            connection.executemany(
                "INSERT INTO inventory_scan_counts VALUES (?, ?, ?)", [(scan_id, m, n) for m, n in counts.items()]
            )
            step = rng.choice((3, 4))
            for d in range(step):
                weekday = time.localtime(start + (day + d) * DAY).tm_wday
                if weekday < 5:
                    enrolled = rng.randint(110, 190)
                    moments += [start + (day + d) * DAY + 9 * 3600 + i * 60 for i in range(enrolled)]
            sms = max(0, sms - sum(1 for m in moments if when < m <= when + step * DAY))
            day += step
        session = connection.execute(
            "INSERT INTO sessions_sessions (created_at, operator, connection, source) VALUES (?, 'helpdesk1', 'Prod', 'x')",
            (start,),
        ).lastrowid
        connection.executemany(
            "INSERT INTO sessions_users (session_id, username, position, state, started_at, finished_at)"
            " VALUES (?, ?, ?, 'verified', ?, ?)",
            [(session, f"enrolled{i:05d}", i, m - 120, m) for i, m in enumerate(moments) if m < now],
        )
        last = counts
        states = [state for state, n in last.items() for _ in range(n)]
        rng.shuffle(states)
        connection.executemany(
            "INSERT INTO inventory_users VALUES (?, ?, ?, 'CONFIRMED', ?, '', ?, ?, ?)",
            (
                (POOL, f"user{i:05d}@example.com", int(i % 97 != 0), state, start + 42 * DAY, scan_id, scan_id)
                for i, state in enumerate(states)
            ),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "inventory")
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    parser.add_argument("--high-contrast", action="store_true", help="the app's --high-contrast palette")
    options = parser.parse_args()
    from cogtotp_gui.app import create_application
    from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode
    from cogtotp_gui.i18n import install_translations
    from cogtotp_gui.ui.campaign.inventory_window import MigrationWindow

    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(lang=options.lang)
    install_translations(app, options.lang)
    if options.high_contrast:
        from cogtotp_gui.ui.common.theme import apply_high_contrast

        apply_high_contrast(app)
    suffix = f"-hc-{options.lang}" if options.high_contrast else f"-{options.lang}"
    folder = Path(tempfile.mkdtemp(prefix="cogtotp-trend-shots-"))
    fill(folder / "campaign.sqlite3", time.time())
    settings = ConnectionSettings(user_pool_id=POOL, client_id="x", region="eu-west-1", mode=SignInMode.ADMIN)
    window = MigrationWindow(settings, db_path=folder / "campaign.sqlite3")
    window.resize(980, 720)
    window.show()
    deadline = time.monotonic() + 60
    while not window.is_loaded and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(out / f"migration-trend{suffix}.png"))
    window.trend_chart.grab().save(str(out / f"trend-chart{suffix}.png"))
    print(window.trend_label.text())
    window.close()
    print(f"wrote {out}/migration-trend{suffix}.png, trend-chart{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
