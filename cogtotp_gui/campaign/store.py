"""The campaign store: one Qt-free protocol for everything a campaign keeps.

Sessions (a roster worked by one operator), users' states in them, the
lease that says which process holds a session, and the pool inventory
(rows and scans) live behind :class:`CampaignStore`. The SQLite store
(``sqlite_store.py``) is the first implementation; a team campaign's
DynamoDB store (issue 22) is the next, and must pass the same contract
tests (``tests/campaign/test_store_contract.py``, parametrised over
implementations: add a fixture parameter).

Rules every implementation keeps:

- Each write is durable when the call returns (SQLite: its own committed
  transaction, WAL, ``synchronous=FULL``), so a crash loses nothing
  recorded before it.
- Writes of a session's users come with the writer's :class:`Lease` and are
  refused with :class:`LeaseLost` once another holder took the session
  over (``lease.py``).
- Calls come from one thread at a time: the UI uses one
  :class:`~cogtotp_gui.campaign.writer.OrderedWriter` per store, which runs
  every call off the UI thread in the order it was made.
- Nothing secret is ever stored: usernames, states, reasons typed by the
  operator, error kinds, times, the operator's OS account, the host, the
  connection's name.
- Failures come out as :class:`~cogtotp_gui.campaign.database.DatabaseUnavailable`
  (``message_key`` ``database.*``), whatever the backend.

Qt-free; imports no database module (a protocol and plain values).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from cogtotp_gui.campaign.lease import Holder, Lease, LeaseRecord
from cogtotp_gui.campaign.queue import QueueChange, QueueEntry, SessionQueue

__all__ = [
    "MAX_REASON",
    "MFA_STATES",
    "CampaignStore",
    "InventoryRecords",
    "ListedPage",
    "ListedUser",
    "ReadUser",
    "ScanState",
    "SessionInfo",
    "SessionRecords",
    "StoredChange",
    "UserRow",
    "snapshot",
]

# What the inventory says of a user's MFA (docs/inventory.md).
MFA_STATES = ("totp", "sms", "email", "none", "unknown")

# Operator-typed skip reasons are free text; keep them to a line.
MAX_REASON = 200


def clean_reason(text: str) -> str:
    return " ".join(text.split())[:MAX_REASON]


@dataclasses.dataclass(frozen=True)
class SessionInfo:
    """A session's header row.

    Attributes:
        id: the session's number (``--session ID``).
        created_at, closed_at: wall-clock seconds (closed: None while open).
        operator: the OS account that ran it.
        connection: the connection's name (or pool id) it ran on.
        source: where the roster came from (a file name, "pasted", "inventory", "training").
        training: run in training mode, against the emulator.
    """

    id: int
    created_at: float
    closed_at: float | None
    operator: str
    connection: str
    source: str
    training: bool


@dataclasses.dataclass(frozen=True)
class StoredChange:
    """One queue change as it is written: a copy, taken when it happened.

    The queue's entries are changed in place by the next action; the writer
    runs later, on its own thread, so it gets this snapshot instead.

    Attributes:
        kind: ``added``, ``removed``, ``changed`` or ``moved`` (as QueueChange).
        entry: the entry's values then (None for ``moved``).
        position: the entry's place in the queue then (``added``).
        order: every username in queue order then (``moved``).
    """

    kind: str
    entry: QueueEntry | None = None
    position: int = 0
    order: tuple[str, ...] = ()


def snapshot(queue: SessionQueue, change: QueueChange) -> StoredChange:
    """The :class:`StoredChange` of ``change``, read from ``queue`` now."""
    entry = dataclasses.replace(change.entry) if change.entry is not None else None
    if change.kind == "moved":
        return StoredChange("moved", None, 0, tuple(e.username for e in queue))
    position = queue.position(entry.username) if change.kind == "added" and entry is not None else 0
    return StoredChange(change.kind, entry, position)


@dataclasses.dataclass(frozen=True)
class UserRow:
    """One user as the inventory last saw them."""

    username: str
    enabled: bool
    user_status: str
    mfa: str  # one of MFA_STATES
    preferred: str
    checked_at: float


@dataclasses.dataclass(frozen=True)
class ListedUser:
    """A user as ListUsers shows them (``mfa`` classified from the listing)."""

    username: str
    enabled: bool
    user_status: str
    mfa: str


@dataclasses.dataclass(frozen=True)
class ReadUser:
    """A user as AdminGetUser showed them; ``deleted``: gone since listed."""

    username: str
    checked_at: float
    enabled: bool = True
    user_status: str = ""
    mfa: str = "unknown"
    preferred: str = ""
    deleted: bool = False


@dataclasses.dataclass(frozen=True)
class ScanState:
    """Where a (new or resumed) scan stands.

    Attributes:
        parts: the listing's parts not yet walked to their end, each with
            the ``PaginationToken`` to go on from (None: from its start);
            empty once the listing is done.
    """

    scan_id: int
    listing_done: bool
    parts: Mapping[str, str | None]
    listed: int  # users listed by this scan so far
    read_done: int  # of those, read by this scan (exact scans)
    pending: tuple[str, ...]  # listed, not yet read (exact scans), by username


@dataclasses.dataclass(frozen=True)
class ListedPage:
    """What recording one ListUsers page did.

    Attributes:
        listing_done: that was the last page of the last part: users this
            scan did not list are gone from the inventory.
        kept: users of the page kept as an earlier exact read found them on
            TOTP (``keep_totp``): counted as read by this scan, not to be read.
    """

    listing_done: bool
    kept: frozenset[str]


class SessionRecords(Protocol):
    """Sessions, their users' states and who holds them."""

    def create_session(
        self,
        entries: Sequence[QueueEntry],
        *,
        operator: str,
        connection: str,
        source: str = "",
        training: bool = False,
        now: float | None = None,
        holder: Holder | None = None,
    ) -> int:
        """Record a new session with these users; returns its id. With
        ``holder``, held by it from the start (version 1), in the same write."""
        ...

    def record_change(self, session_id: int, change: StoredChange, lease: Lease | None = None) -> None:
        """Write one queue change. With ``lease``: only while it is current (else :class:`LeaseLost`)."""
        ...

    def close_session(self, session_id: int, now: float | None = None) -> None:
        """Mark a session closed: it is no longer offered for resuming."""
        ...

    def session(self, session_id: int) -> SessionInfo | None: ...

    def latest_session(self) -> SessionInfo | None:
        """The most recently created session, open or closed."""
        ...

    def unfinished_session(self, *, training: bool | None = None) -> SessionInfo | None:
        """The latest open session with someone still waiting or in progress."""
        ...

    def session_entries(self, session_id: int) -> list[QueueEntry]:
        """The session's users in queue order, as last recorded (an unknown
        state, written by a newer version, reads as failed with the state as
        its reason: shown, never lost)."""
        ...

    def session_lease(self, session_id: int) -> LeaseRecord | None:
        """Who holds the session now, if anyone."""
        ...

    def claim_session(self, session_id: int, holder: Holder, *, take_over: int | None = None) -> Lease:
        """Hold the session: free, already ours (same host and process), or
        held at exactly version ``take_over`` (a stale lease the operator
        agreed to take over). Raises :class:`~cogtotp_gui.campaign.lease.SessionHeld`
        otherwise (``stale`` False: the store does not judge; the waiter's
        :class:`~cogtotp_gui.campaign.lease.LeaseWatch` does)."""
        ...

    def renew_session(self, lease: Lease) -> Lease:
        """Write a new version while still holding it; :class:`LeaseLost` if not."""
        ...

    def release_session(self, lease: Lease) -> None:
        """Let go (only if still held by this lease; otherwise nothing)."""
        ...


class InventoryRecords(Protocol):
    """The pool inventory: users' rows and the scans that wrote them."""

    def unfinished_scan(self, pool_id: str, exact: bool) -> int | None:
        """This pool's latest scan not finished, if it is of this kind (exact or census)."""
        ...

    def last_scan(self, pool_id: str | None = None) -> tuple[int, str, bool, float | None] | None:
        """(id, pool id, exact, finished_at) of the latest finished scan."""
        ...

    def last_exact_scan_start(self, pool_id: str) -> float | None:
        """When the pool's latest finished exact scan started (what ``--only-unmigrated`` trusts)."""
        ...

    def counts(self, pool_id: str) -> dict[str, int]:
        """Users per state of :data:`MFA_STATES` (every state present, 0 if none)."""
        ...

    def users(self, pool_id: str) -> list[UserRow]:
        """Every user of the pool, by username."""
        ...

    def begin_scan(
        self, pool_id: str, exact: bool, mfa_configuration: str, now: float, parts: Sequence[str]
    ) -> ScanState:
        """Resume this pool's unfinished scan of this kind, or start one.
        A listing not done is walked in ``parts`` (each a ListUsers filter's
        prefix): a new scan gets them, and so does one begun without parts
        (by an older version; its reads are kept); a resumed one goes on
        with its own parts and tokens."""
        ...

    def record_listed(
        self,
        pool_id: str,
        scan_id: int,
        part: str,
        users: Sequence[ListedUser],
        next_token: str | None,
        *,
        exact: bool,
        now: float,
        keep_totp: bool = False,
        reread: Collection[str] = (),
    ) -> ListedPage:
        """One ListUsers page of ``part``, in one write with the part's
        token (``next_token`` None: the part's last page). An exact scan
        keeps what earlier reads found until it reads the user; with
        ``keep_totp`` a user an earlier exact read found on TOTP is not to
        be read again (``kept``) unless named in ``reread``. After the last
        part's last page, users this scan did not list are removed."""
        ...

    def record_reads(self, pool_id: str, scan_id: int, reads: Sequence[ReadUser]) -> None:
        """AdminGetUser answers, in one write (a user deleted since listed: ``deleted``)."""
        ...

    def finish_scan(self, scan_id: int, now: float) -> None:
        """Mark the scan finished and keep its counts per state (the trend, ``trend.py``)."""
        ...


class CampaignStore(SessionRecords, InventoryRecords, Protocol):
    """Everything a campaign keeps (see the module's rules)."""

    def close(self) -> None: ...
