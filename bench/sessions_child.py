"""Sessions benchmark: a 1,000-user roster opened, and the queue updating under a clock.

Run alone while developing (``python -m bench.sessions_child``); ``make
bench-sessions`` (``bench/run.py --only sessions``) runs it 5 times and
reports the medians, ``make bench`` too. Prints one JSON line:

* ``roster_open_ms``: from reading a 1,000-user CSV to the queue panel
  painted beside the wizard (the session stored in SQLite on the way), in
  a window that has settled (every page built, the client warmed up);
* ``stall_max_ms``: the longest gap between 5 ms ticks of a UI-thread timer
  while all 1,000 users change state one event-loop turn at a time (each
  change committed to SQLite and repainted in the table), against
  ``idle_max_ms``, the same timer with nothing else to do;
* ``locked_stall_max_ms``: the same timer's longest gap while another
  connection holds the database's write lock for 1 s (a second copy of the
  app, a backup tool) and 20 users change state meanwhile (issue 19 #13:
  writes on the UI thread waited for the lock, up to 5 s each).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_data = tempfile.mkdtemp(prefix="cogtotp-bench-sessions-")
os.environ["COGTOTP_DATA_DIR"] = _data
os.environ.setdefault("XDG_CONFIG_HOME", _data)
USERS = 1000


def main() -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui.app import create_application, create_main_window
    from cogtotp_gui.campaign.queue import UserState
    from cogtotp_gui.enrollment.settings import ConnectionSettings

    app = create_application(lang="en")
    settings = ConnectionSettings.create(user_pool_id="eu-west-1_AbCdEf123", client_id="1abc2def3ghi4jkl5mno6pqr7s")
    window = create_main_window(settings, gateway_factory=lambda *_: None)
    window.show()
    # The window settles first: after the first paint the other wizard pages
    # are built, one per event-loop turn (~5 ms each), then the client warms
    # up. Measured in the middle of that, the roster figure included a few
    # pages and the "idle" loop's longest gap was a page being built.
    from cogtotp_gui.ui.common import worker
    from cogtotp_gui.ui.wizard.navmap import NAVIGATION

    while not window._first_paint_reported or len(window.wizard._pages) < len(NAVIGATION):
        app.processEvents()
    while worker.running_workers():
        app.processEvents()
    roster = Path(_data) / "roster.csv"
    roster.write_text("username,team\n" + "".join(f"user{i:04d}@example.com,t\n" for i in range(USERS)), "utf-8-sig")

    from cogtotp_gui.campaign.roster import read_roster_file

    start = time.perf_counter()
    parsed = read_roster_file(roster)
    window.start_session(list(parsed.usernames), parsed.source)
    while window.sessions.panel is None:  # the session's store opens on a worker
        app.processEvents()
    panel = window.sessions.panel
    painted = []
    while not painted:
        app.processEvents()
        if panel.table.isVisible() and panel.table.viewport().isVisible():
            panel.table.viewport().repaint()
            painted.append(True)
    roster_ms = (time.perf_counter() - start) * 1000

    def gaps(work: list[Any]) -> float:
        clock = QElapsedTimer()
        longest = [0.0]
        last = [0.0]
        ticks = QTimer()
        ticks.setInterval(5)

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            longest[0] = max(longest[0], now - last[0])
            last[0] = now

        ticks.timeout.connect(tick)
        clock.start()
        ticks.start()
        end = time.perf_counter() + 1.0
        while work or time.perf_counter() < end:
            if work:
                work.pop(0)()
            app.processEvents()
        ticks.stop()
        return longest[0]

    idle = gaps([])
    runner = window.sessions.runner
    queue = runner.queue
    steps = []
    for entry in list(queue)[1:]:
        name = entry.username

        def finish_and_next(name: str = name) -> None:
            current = queue.current
            if current is not None:
                queue.finish(current.username, UserState.ENROLLED)
            queue.begin(name)

        steps.append(finish_and_next)
    stall = gaps(steps)

    import sqlite3
    import threading

    from cogtotp_gui.campaign.database import default_database_path

    current = queue.current
    if current is not None:
        queue.finish(current.username, UserState.ENROLLED)
    late = [f"late{i:02d}@example.com" for i in range(20)]
    queue.add(late)  # walk-ins, stored before the lock is taken
    store = runner.store
    if hasattr(store, "flush"):
        store.flush()
    blocker = sqlite3.connect(str(default_database_path()), isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # the write lock, held by another connection
    release = threading.Timer(1.0, blocker.rollback)
    release.start()
    locked_steps = []
    for name in late:

        def begin_and_finish(name: str = name) -> None:
            queue.begin(name)
            queue.finish(name, UserState.ENROLLED)

        locked_steps.append(begin_and_finish)
    locked = gaps(locked_steps)
    release.join()
    blocker.close()
    window.shutdown()
    print(
        json.dumps(
            {
                "roster_open_ms": roster_ms,
                "stall_max_ms": stall,
                "idle_max_ms": idle,
                "locked_stall_max_ms": locked,
                "users": USERS,
            }
        )
    )
    QApplication.instance().quit()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)
