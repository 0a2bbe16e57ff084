"""The Migration window with 100,000 users in the local store: open time, search time, memory growth.

Prints one JSON line: ``open_ms`` (construction → counts, chart and the
first rows painted), ``all_rows_ms`` (→ every row in the table, read on a
worker), ``search_ms`` (the worst of several searches and state
filters, model and view updated), ``rss_growth_mib`` (resident memory after
opening minus before: the rows, the model, the window).
"""

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

USERS = 100_000
POOL = "eu-west-1_Bench100k"
STATES = ("sms", "totp", "sms", "none", "email", "totp", "sms", "unknown")


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def fill(path: Path) -> None:
    from cogtotp_gui.campaign.inventory import InventoryStore

    InventoryStore.open(path).close()  # the schema
    now = time.time()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO inventory_scans (pool_id, exact, started_at, finished_at, listing_done) VALUES (?, 1, ?, ?, 1)",
            (POOL, now - 60, now),
        )
        connection.executemany(
            "INSERT INTO inventory_users VALUES (?, ?, 1, 'CONFIRMED', ?, '', ?, 1, 1)",
            ((POOL, f"person{i:06d}@example.org", STATES[i % len(STATES)], now) for i in range(USERS)),
        )


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode

    folder = Path(tempfile.mkdtemp(prefix="cogtotp-bench-inventory-"))
    path = folder / "campaign.sqlite3"
    fill(path)
    app = QApplication(sys.argv[:1])
    settings = ConnectionSettings(user_pool_id=POOL, client_id="bench", mode=SignInMode.ADMIN)
    # Qt and the window's modules loaded before the first measure: the
    # figure is the window's, not the import of PySide6.
    from cogtotp_gui.ui.campaign.inventory_window import MigrationWindow

    warm = MigrationWindow(settings, db_path=folder / "empty.sqlite3")
    while not warm.is_loaded:
        app.processEvents()
    warm.close()
    warm.deleteLater()
    app.processEvents()
    before = rss_mib()
    start = time.perf_counter()
    window = MigrationWindow(settings, db_path=path)
    window.show()
    shown: list[float] = []
    window.first_rows_shown.connect(lambda: shown.append(time.perf_counter()))
    while not shown:
        app.processEvents()
    app.processEvents()  # counts, chart and the first rows painted
    open_ms = (time.perf_counter() - start) * 1000
    while not window.is_loaded:
        app.processEvents()
    app.processEvents()
    all_rows_ms = (time.perf_counter() - start) * 1000
    assert window.model.total() == USERS
    searches = []
    for text, state in (("person0999", ""), ("42", ""), ("", "sms"), ("7", "totp"), ("", ""), ("nobody", "")):
        start = time.perf_counter()
        window.search_edit.setText(text)
        window.state_combo.setCurrentIndex(max(0, window.state_combo.findData(state)))
        window._apply_filter()  # what the search field's 150 ms pause then does
        app.processEvents()
        searches.append((time.perf_counter() - start) * 1000)
    growth = rss_mib() - before
    print(
        json.dumps(
            {
                "open_ms": open_ms,
                "all_rows_ms": all_rows_ms,
                "search_ms": max(searches),
                "rss_growth_mib": growth,
                "users": USERS,
            }
        )
    )


if __name__ == "__main__":
    main()
