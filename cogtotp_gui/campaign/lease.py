"""Who holds a session: leases that trust no other process's clock.

A session is worked by one process at a time (issue 19 #13), and a team
campaign's user by one desk at a time (issue 22): both use this design
(design notes §9, after the AWS DynamoDB lock client).

- A lease row names its holder (OS account, host, process id) and carries a
  **version** number. The holder renews it by writing a new version, every
  :data:`RENEW_EVERY_S`; it never writes a time anyone else must trust.
- A waiter never compares clocks. It watches the version on **its own
  monotonic clock** (:class:`VersionWatch`, the one implementation of the
  rule; a session's waiter uses :class:`LeaseWatch`, a team desk
  ``TeamStore.watch``): a lease whose version has not changed for a whole
  :data:`LEASE_DURATION_S` (a team campaign: its own lease seconds) of the
  waiter's watching is stale. Workstation clocks drift, some by minutes; a monotonic clock
  measured by one process does not.
- One desk, one host: the holder's process id is checked as well; a holder
  on this host whose process is gone is stale at once (a crash, a SIGKILL),
  which spares the operator the lease duration's wait.
- Stale or not, a lease is only taken over after the operator was asked
  (the UI's question names the holder), and only with the version the
  waiter saw: a holder that renewed meanwhile keeps its session.
- Every write of the holder is conditional on its current version: a holder
  that paused past its lease (sleep, a hung disk) and was taken over gets
  :class:`LeaseLost` instead of overwriting the new holder's outcomes.

Qt-free.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Container

from cogtotp_gui.platform.processes import host_name, process_alive, process_id

__all__ = [
    "LEASE_DURATION_S",
    "RENEW_EVERY_S",
    "Holder",
    "Lease",
    "LeaseLost",
    "LeaseRecord",
    "LeaseWatch",
    "SessionHeld",
    "VersionWatch",
]

LEASE_DURATION_S = 60.0
RENEW_EVERY_S = LEASE_DURATION_S / 4


@dataclasses.dataclass(frozen=True)
class Holder:
    """Who holds (or wants) a lease: the OS account, the host, the process."""

    operator: str
    host: str
    pid: int

    @classmethod
    def this_process(cls, operator: str) -> Holder:
        return cls(operator, host_name(), process_id())

    @property
    def on_this_host(self) -> bool:
        return self.host == host_name()


@dataclasses.dataclass(frozen=True)
class LeaseRecord:
    """A lease as stored: its holder and version (no time anyone must trust)."""

    holder: Holder
    version: int


@dataclasses.dataclass(frozen=True)
class Lease:
    """What a holder keeps: the session and the version it last wrote."""

    session_id: int
    holder: Holder
    version: int


class SessionHeld(Exception):
    """Another holder has the session; ``record`` says who, ``stale`` whether it may be taken over."""

    def __init__(self, session_id: int, record: LeaseRecord, stale: bool) -> None:
        self.session_id = session_id
        self.record = record
        self.stale = stale
        super().__init__(f"session {session_id} is held by {record.holder.operator} on {record.holder.host}")


class LeaseLost(Exception):
    """The holder's lease was taken over (or released): its write was refused."""

    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        super().__init__(f"session {session_id}: the lease was lost")


class VersionWatch:
    """What a waiter has seen of others' lease versions, on its own monotonic clock.

    :meth:`observe` notes a version now and says whether it has lapsed: the
    same version seen for at least ``duration`` of this watch's time. A new
    version (the holder renewed) starts the wait again; nothing of the
    holder's clock is trusted, and a watch that only just started waits a
    whole duration before it judges anyone's lease lapsed.

    Args:
        duration: seconds a version must stay unchanged to have lapsed.
        clock: monotonic seconds (injectable for tests).
    """

    def __init__(self, duration: float = LEASE_DURATION_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.duration = duration
        self._clock = clock
        self._seen: dict[object, tuple[int, float]] = {}

    def observe(self, key: object, version: int) -> bool:
        """Note ``version`` of ``key``'s lease as seen now; whether it has lapsed."""
        now = self._clock()
        seen = self._seen.get(key)
        if seen is None or seen[0] != version:
            self._seen[key] = (version, now)
            return False
        return now - seen[1] >= self.duration

    def seconds_left(self, key: object) -> float | None:
        """How long until the version seen for ``key`` lapses, if unchanged."""
        seen = self._seen.get(key)
        if seen is None:
            return None
        return max(0.0, self.duration - (self._clock() - seen[1]))

    def forget(self, key: object) -> None:
        self._seen.pop(key, None)

    def keep_only(self, keys: Container[object]) -> None:
        """Drop what is no longer watched (the watch stays small)."""
        for key in [k for k in self._seen if k not in keys]:
            del self._seen[key]


class LeaseWatch(VersionWatch):
    """A session waiter's :class:`VersionWatch`, which also knows this host's processes.

    Args:
        duration: seconds a version must stay unchanged to be stale.
        clock: monotonic seconds (injectable for tests).
        alive: whether a process of this host runs (None: cannot say).
    """

    def __init__(
        self,
        duration: float = LEASE_DURATION_S,
        *,
        clock: Callable[[], float] = time.monotonic,
        alive: Callable[[int], bool | None] = process_alive,
    ) -> None:
        super().__init__(duration, clock)
        self._alive = alive

    def stale(self, key: object, record: LeaseRecord) -> bool:
        """Note ``record`` as seen now; whether it is stale.

        Stale: the holder is a process of this host that no longer runs, or
        the version has stayed the same for ``duration`` of this watch.
        """
        lapsed = self.observe(key, record.version)
        holder = record.holder
        if holder.on_this_host and self._alive(holder.pid) is False:
            return True
        return lapsed
