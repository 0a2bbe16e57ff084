"""A process that works through a session as fast as it can, for the SIGKILL test.

Prints ``session ID`` once, then ``finished USERNAME`` after each user's
state change has been committed, until killed. With a third argument
``ordered`` it works as the window does: the session held, every change on
the ordered writer's thread, and "finished" said once the writer reports the
change on disk (what "Next user" waits for).
"""

from __future__ import annotations

import sys
from pathlib import Path

from cogtotp_gui.campaign.queue import SessionQueue, UserState
from cogtotp_gui.campaign.sessions import SessionStore


def main() -> None:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    ordered = sys.argv[3:] == ["ordered"]
    store = SessionStore.ordered(path) if ordered else SessionStore.open(path)
    queue = SessionQueue(f"user{i:04d}" for i in range(count))
    session_id = store.create(queue, operator="helpdesk1", connection="Staging", source="roster.csv", hold=ordered)
    store.attach(session_id, queue)
    print(f"session {session_id}", flush=True)
    states = (UserState.ENROLLED, UserState.ALREADY_TOTP)
    while (entry := queue.next_waiting()) is not None:
        queue.begin(entry.username)
        queue.finish(entry.username, states[len(entry.username) % 2])
        if ordered:
            store.flush()
        print(f"finished {entry.username}", flush=True)
    print("all done", flush=True)
    sys.stdin.read()  # the test kills us before this, or here


if __name__ == "__main__":
    main()
