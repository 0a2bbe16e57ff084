"""This process, this host, and whether another process of this host still runs.

Qt-free; the OS calls are small named functions (a Windows adapter replaces
:func:`process_alive`, where ``os.kill(pid, 0)`` would end the process).
"""

from __future__ import annotations

import os

__all__ = ["host_name", "process_alive", "process_id"]


def host_name() -> str:
    """This computer's name, as other desks would read it (the network name;
    ``os.uname`` where there is one, which spares importing ``socket``)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return uname().nodename or "unknown"
    import socket

    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def process_id() -> int:
    return os.getpid()


def process_alive(pid: int) -> bool | None:
    """Whether a process with this id runs on this host; None when the OS cannot say.

    Signal 0 checks without sending anything (POSIX). Permission denied means
    it runs under another account: alive.
    """
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate it there: no answer here yet
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True
