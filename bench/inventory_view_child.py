"""The Migration window with a million users in the local store: open, search, memory, export.

Prints one JSON line: ``users``; ``open_ms`` (construction → counts, charts
and the first rows painted); ``search_ms`` (the worst of several searches
of 3+ characters and state filters, model and view updated);
``short_search_ms`` (a 1–2 character search, which no trigram index serves);
``sort_ms`` (sorting by the MFA column); ``rss_growth_mib`` (resident memory
after opening and searching minus before); ``export_s`` and
``export_rss_growth_mib`` (Export CSV of every row, streamed on a worker).

The store is filled once per run (a few minutes for a million users with
its indexes); ``COGTOTP_BENCH_USERS`` makes it smaller for a quick look.
"""

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

USERS = int(os.environ.get("COGTOTP_BENCH_USERS", "1000000"))
POOL = "eu-west-1_BenchMillion"
STATES = ("sms", "totp", "sms", "none", "email", "totp", "sms", "unknown")


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def fill(path: Path) -> None:
    from cogtotp_gui.campaign.inventory_store import InventoryStore

    InventoryStore.open(path).close()  # the schema, its triggers and the search index
    now = time.time()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO inventory_scans (pool_id, exact, started_at, finished_at, listing_done) VALUES (?, 1, ?, ?, 1)",
            (POOL, now - 60, now),
        )
        connection.executemany(
            "INSERT INTO inventory_users VALUES (?, ?, 1, 'CONFIRMED', ?, '', ?, 1, 1)",
            ((POOL, f"person{i:07d}@example.org", STATES[i % len(STATES)], now) for i in range(USERS)),
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
    while not window.is_loaded:
        app.processEvents()
    app.processEvents()  # counts, charts and the first rows painted
    open_ms = (time.perf_counter() - start) * 1000
    assert window.model.total() == USERS, window.model.total()

    def timed(text: str, state: str) -> float:
        begin = time.perf_counter()
        window.search_edit.setText(text)
        window.state_combo.setCurrentIndex(max(0, window.state_combo.findData(state)))
        window._apply_filter()  # what the search field's 150 ms pause then does
        app.processEvents()
        return (time.perf_counter() - begin) * 1000

    searches = [
        timed(text, state)
        for text, state in (
            ("person0999", ""),
            ("0042", ""),
            ("", "sms"),
            ("777", "totp"),
            ("", ""),
            ("nobody", ""),
        )
    ]
    print(json.dumps({"searches": searches}), file=sys.stderr)
    short = max(timed(text, "") for text in ("42", "zz"))
    timed("", "")
    begin = time.perf_counter()
    window.model.sort(3)
    app.processEvents()
    sort_ms = (time.perf_counter() - begin) * 1000
    window.model.sort(0)
    window.table.scrollToBottom()  # a few pages more, as a reader scrolling would
    app.processEvents()
    growth = rss_mib() - before

    out = folder / "all.csv"
    peak = [rss_mib()]
    finished: list[object] = []
    window.export_finished.connect(finished.append)
    begin = time.perf_counter()
    base = rss_mib()
    window.start_export(str(out))
    while not finished:
        app.processEvents()
        peak.append(rss_mib())
    export_s = time.perf_counter() - begin
    assert finished[0] == USERS, finished[0]
    print(
        json.dumps(
            {
                "users": USERS,
                "open_ms": open_ms,
                "search_ms": max(searches),
                "short_search_ms": short,
                "sort_ms": sort_ms,
                "rss_growth_mib": growth,
                "export_s": export_s,
                "export_rss_growth_mib": max(peak) - base,
                "fts5_trigram": window.model._query is not None and window.model._query.indexed,
            }
        )
    )


if __name__ == "__main__":
    main()
