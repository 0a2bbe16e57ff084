"""The pool inventory: who is still on SMS, read at a pace production can afford.

Two ways to read a pool (rules in ``docs/inventory.md``):

- a **census** from ``ListUsers`` alone (UserList quota, 60 users a page): it
  carries only ``MFAOptions``, so ``mfa`` is ``sms`` where the legacy option
  shows SMS and ``unknown`` otherwise;
- an **exact** scan, which also reads every user with ``AdminGetUser``
  (UserRead quota, shared with every app of the account) and classifies it
  with :func:`classify`.

Results go to the campaign database (``inventory_*`` tables) as they come:
every listed page and every batch of reads is committed, and a scan that is
interrupted (Ctrl+C, Cancel, a crash) resumes where it stopped the next time,
re-reading at most the last uncommitted batch. No phone number, e-mail
address or any other attribute is stored: only the username, enabled flag,
status, the classification and the preferred factor.

Qt-free; imports sqlite3 through :mod:`cogtotp_gui.campaign.database`, and
Cognito only through :class:`cogtotp_gui.enrollment.gateway.CognitoGateway`.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cogtotp_gui.campaign.database import Schema, register_schema
from cogtotp_gui.campaign.retry import jittered
from cogtotp_gui.campaign.store import MFA_STATES, InventoryRecords, ListedUser, ReadUser, UserRow
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind

__all__ = [
    "DEFAULT_MAX_RPS",
    "INVENTORY_SCHEMA",
    "MFA_STATES",
    "InventoryError",
    "Pacer",
    "Progress",
    "ScanResult",
    "UserRow",
    "classify",
    "classify_listed",
    "scan",
]

log = logging.getLogger(__name__)

# The UserRead quota is 120 requests/s per account and Region by default and
# is shared with every application of the account in that Region (their
# AdminGetUser calls, token refreshes' user reads…). A quarter of it leaves
# 90/s to production: a scan never takes the headroom a sign-in peak needs,
# and 100,000 users still read in under an hour (100,000 / 30 ≈ 56 min).
DEFAULT_MAX_RPS = 30.0
# ListUsers pages a second: two thirds of UserList's 30/s (not adjustable).
DEFAULT_LIST_RPS = 20.0
PAGE_SIZE = 60
# The listing is split into parts that page through at the same time: every
# user's sub is a UUID, so `sub ^= "<hex digit>"` selects each user in exactly
# one of 16 parts. One ListUsers walk is sequential (a page's token comes with
# the one before), so its speed is the round trip's; several walks at once
# (in_flight of the page rate: 8 at 20 pages/s, LIST_PARALLEL at least) keep
# the page rate at DEFAULT_LIST_RPS with round trips of up to 0.4 s.
LIST_PARTS = tuple("0123456789abcdef")
LIST_PARALLEL = 4
# Pacing after TooManyRequestsException (docs/inventory.md, "Pace"): the
# ceiling becomes what actually got through in the last second (the quota's
# share left to us, measured), the pace drops to RATE_DECREASE of it (at
# most once a second: the readers' calls already in flight meet the same
# wall), then closes RECOVERY_PER_S of the gap to RECOVERY_TARGET × the
# ceiling every second: an isolated throttle costs a second or two, not the
# half minute an additive climb took. From there the pace probes upwards,
# 1 call/s more a second, the step doubling every second without a throttle
# (PROBE_STEP_MAX at most), up to --max-rps. Sustained throttling lowers the
# ceiling at every throttle, since less and less gets through.
RATE_DECREASE = 0.9
RATE_DECREASE_EVERY_S = 1.0
RATE_FLOOR = 1.0
RECOVERY_PER_S = 2.0
RECOVERY_TARGET = 0.97
PROBE_STEP_MAX = 4.0
MEASURE_WINDOW_S = 1.0
# Backoff after TooManyRequestsException: base * 2**attempt, capped, equal jitter.
BACKOFF_BASE = 0.05
BACKOFF_CAP = 5.0
# Transient faults (network, 5xx) tried this many times before the scan stops.
MAX_TRANSIENT_ATTEMPTS = 5
# A batch of reads is committed at least this often.
COMMIT_EVERY_S = 0.5
# Calls under way at once (in_flight): a pace of R calls a second whose round
# trips take T seconds needs R × T calls in flight, or it is capped at
# threads / T whatever the pacer allows. Four readers capped an exact scan at
# 4 / 0.077 s = 52 reads/s against 60 ms round trips (issue 23's bench, where
# a loaded machine made round trips as slow). Enough threads for round trips
# of ROUND_TRIP_ALLOWANCE_S (another continent's Region, plus parsing a page
# on a busy computer): the pacer still spaces the calls, and the threads
# beyond what the round trip needs wait for their slot.
ROUND_TRIP_ALLOWANCE_S = 0.4
# Calls actually sent are spaced by the pace (Pacer.fire: the generic cell
# rate algorithm), however late the readers wake: a reserved slot only says
# when to wake. Catching up on late calls sends them together, and at a pace
# equal to a token bucket's rate every catch-up spends tokens the bucket,
# full while the calls were late, never got back: it drains until a throttle
# (20 calls in 133 ms over HTTP at a 120/s pace, 10 throttles on an unshared
# bucket). A call may go at most EARLY_S before its time (wake-up jitter).
EARLY_S = 0.004
# An exact scan lists only this far ahead of its reads (seconds of reads at
# the pace): at 20 pages/s the listing outran 120 reads/s tenfold, parsing
# pages (20-40 ms of the GIL each) while the readers sent their calls; on a
# busy computer the delayed sends arrived together and met the token bucket
# (a throttle in the first second of a scan, issue 23's bench over HTTP).
# Users left out by --only-unmigrated are not read, so they do not hold the listing back.
READ_BACKLOG_S = 2.0
READ_WORKERS = 4  # at least
MAX_READ_WORKERS = 32
# A scan counts as slowed down by Cognito while its last throttle answer is
# this recent; while every call is refused, progress is still reported this often.
SLOWED_WINDOW_S = 5.0
THROTTLE_REPORT_EVERY_S = 0.25

IAM_ACTION = {
    "list_users": "cognito-idp:ListUsers",
    "admin_get_user": "cognito-idp:AdminGetUser",
    "get_user_pool_mfa_config": "cognito-idp:GetUserPoolMfaConfig",
}


def _migrate_to_counts(connection: Any) -> None:
    """Inventory schema version 2 (see ``docs/inventory.md``, "Storage at scale")."""
    statements = [
        """CREATE TABLE inventory_counts (
            pool_id TEXT NOT NULL, mfa TEXT NOT NULL, users INTEGER NOT NULL, PRIMARY KEY (pool_id, mfa)
        )""",
        """CREATE TABLE inventory_scan_counts (
            scan_id INTEGER NOT NULL REFERENCES inventory_scans (id) ON DELETE CASCADE,
            mfa TEXT NOT NULL, users INTEGER NOT NULL, PRIMARY KEY (scan_id, mfa)
        )""",
        "CREATE INDEX inventory_users_mfa ON inventory_users (pool_id, mfa, username)",
        """CREATE TRIGGER inventory_users_counted AFTER INSERT ON inventory_users BEGIN
            INSERT INTO inventory_counts (pool_id, mfa, users) VALUES (new.pool_id, new.mfa, 1)
            ON CONFLICT (pool_id, mfa) DO UPDATE SET users = users + 1;
        END""",
        """CREATE TRIGGER inventory_users_uncounted AFTER DELETE ON inventory_users BEGIN
            UPDATE inventory_counts SET users = users - 1 WHERE pool_id = old.pool_id AND mfa = old.mfa;
        END""",
        """CREATE TRIGGER inventory_users_recounted AFTER UPDATE OF mfa ON inventory_users
        WHEN old.mfa != new.mfa BEGIN
            UPDATE inventory_counts SET users = users - 1 WHERE pool_id = old.pool_id AND mfa = old.mfa;
            INSERT INTO inventory_counts (pool_id, mfa, users) VALUES (new.pool_id, new.mfa, 1)
            ON CONFLICT (pool_id, mfa) DO UPDATE SET users = users + 1;
        END""",
        """INSERT INTO inventory_counts (pool_id, mfa, users)
        SELECT pool_id, mfa, COUNT(*) FROM inventory_users GROUP BY pool_id, mfa""",
        # Finished scans before this version keep today's counts as their last point.
        """INSERT INTO inventory_scan_counts (scan_id, mfa, users)
        SELECT s.id, c.mfa, c.users FROM inventory_scans s JOIN inventory_counts c ON c.pool_id = s.pool_id
        WHERE s.id = (SELECT MAX(id) FROM inventory_scans WHERE pool_id = s.pool_id AND finished_at IS NOT NULL)""",
    ]
    for statement in statements:
        connection.execute(statement)
    if search_index_available(connection):
        for statement in (
            "CREATE VIRTUAL TABLE inventory_search USING fts5("
            "username, content='inventory_users', content_rowid='rowid', tokenize='trigram')",
            """CREATE TRIGGER inventory_users_indexed AFTER INSERT ON inventory_users BEGIN
                INSERT INTO inventory_search (rowid, username) VALUES (new.rowid, new.username);
            END""",
            """CREATE TRIGGER inventory_users_unindexed AFTER DELETE ON inventory_users BEGIN
                INSERT INTO inventory_search (inventory_search, rowid, username)
                VALUES ('delete', old.rowid, old.username);
            END""",
            "INSERT INTO inventory_search (inventory_search) VALUES ('rebuild')",
        ):
            connection.execute(statement)


def search_index_available(connection: Any) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite ≥ 3.34 built with FTS5)."""
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.inventory_probe USING fts5(x, tokenize='trigram')")
    except Exception:  # sqlite3.OperationalError: no such module / tokenizer
        return False
    connection.execute("DROP TABLE temp.inventory_probe")
    return True


INVENTORY_SCHEMA = register_schema(
    Schema(
        "inventory",
        (
            """
            CREATE TABLE inventory_scans (
                id INTEGER PRIMARY KEY,
                pool_id TEXT NOT NULL,
                exact INTEGER NOT NULL,
                started_at REAL NOT NULL,
                finished_at REAL,
                listing_done INTEGER NOT NULL DEFAULT 0,
                next_token TEXT,
                mfa_configuration TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE inventory_users (
                pool_id TEXT NOT NULL,
                username TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                user_status TEXT NOT NULL DEFAULT '',
                mfa TEXT NOT NULL,
                preferred TEXT NOT NULL DEFAULT '',
                checked_at REAL NOT NULL,
                listed_scan INTEGER NOT NULL,
                read_scan INTEGER,
                PRIMARY KEY (pool_id, username)
            );
            CREATE INDEX inventory_users_scan ON inventory_users (pool_id, listed_scan, read_scan);
            """,
            # Version 2 (issue 23): counts kept by triggers (the window opens on a
            # million users without counting them), each finished scan's counts
            # (the trend), the state filter's index and the search index.
            _migrate_to_counts,
            # Version 3: the listing runs in parts (one per first hex digit of
            # the users' sub), each with its own PaginationToken.
            """
            CREATE TABLE inventory_list_parts (
                scan_id INTEGER NOT NULL REFERENCES inventory_scans (id) ON DELETE CASCADE,
                part TEXT NOT NULL,
                token TEXT,
                done INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (scan_id, part)
            );
            """,
        ),
    )
)


class InventoryError(Exception):
    """A scan stopped on a Cognito error; what was read so far is kept.

    Attributes:
        error: the gateway's typed error.
        action: the IAM action that was refused (AccessDenied), else ``""``.
    """

    def __init__(self, error: EnrollmentError, operation: str) -> None:
        self.error = error
        denied = error.code in ("AccessDeniedException", "AccessDenied")
        self.action = IAM_ACTION.get(operation, operation) if denied else ""
        if self.action:
            text = f"access denied: the AWS credentials lack the IAM permission {self.action}"
        else:
            text = f"{operation} failed: {error.detail or error.message_key}"
        super().__init__(text)


@dataclass(frozen=True)
class Progress:
    """Where a scan is: ``done`` of ``total`` (total grows while listing)."""

    phase: str  # "listing" | "reading"
    done: int
    total: int
    rate: float  # per-user reads (or users listed) a second, recently
    seconds_left: float | None
    throttled: int = 0  # TooManyRequestsException met so far (each retried)
    slowed: bool = False  # Cognito refused a call as too many in the last SLOWED_WINDOW_S
    counts: dict[str, int] | None = None  # users per state stored so far (as the scan commits them)


@dataclass(frozen=True)
class ScanResult:
    scan_id: int
    exact: bool
    completed: bool  # False: cancelled; the next scan resumes
    counts: dict[str, int]
    total: int
    mfa_configuration: str
    throttled: int  # TooManyRequestsException met (and retried)
    saved: int = 0  # per-user reads left out (only_unmigrated: users known to be on TOTP)


# ---------------------------------------------------------------- classification

_FACTOR = {"SOFTWARE_TOKEN_MFA": "totp", "SMS_MFA": "sms", "EMAIL_OTP": "email"}


def _legacy_sms(options: Iterable[Mapping[str, Any]] | None) -> bool:
    return any(str(o.get("DeliveryMedium", "")).upper() == "SMS" for o in options or ())


def classify_listed(user: Mapping[str, Any]) -> str:
    """A ``ListUsers`` entry's state: ``sms`` if ``MFAOptions`` shows SMS, else ``unknown``."""
    return "sms" if _legacy_sms(user.get("MFAOptions")) else "unknown"


def classify(user: Mapping[str, Any], mfa_configuration: str = "OPTIONAL") -> tuple[str, str]:
    """An ``AdminGetUser`` answer's ``(mfa, preferred)``; rules in docs/inventory.md.

    - factors = ``UserMFASettingList`` plus SMS when the legacy ``MFAOptions``
      shows it (such users have an empty list but are asked for SMS codes);
    - pool ``MfaConfiguration`` OFF: MFA is in force for nobody: ``none``;
    - no factor: ``none`` (an associated but never verified token is not in
      the list, so it is not ``totp``);
    - the preferred factor when it is one of the user's factors;
    - one factor: that one;
    - several, none preferred: ``sms`` if SMS is among them (the user can
      still be sent an SMS code), else ``totp`` if it is, else ``email``.
    """
    preferred = _FACTOR.get(str(user.get("PreferredMfaSetting") or ""), "")
    factors = {_FACTOR[f] for f in user.get("UserMFASettingList") or () if f in _FACTOR}
    if _legacy_sms(user.get("MFAOptions")):
        factors.add("sms")
    if str(mfa_configuration).upper() == "OFF" or not factors:
        return "none", preferred
    if preferred in factors:
        return preferred, preferred
    if len(factors) == 1:
        return next(iter(factors)), preferred
    for state in ("sms", "totp", "email"):
        if state in factors:
            return state, preferred
    return "unknown", preferred  # pragma: no cover - factors is non-empty


# ---------------------------------------------------------------- pacing


class Pacer:
    """At most ``rate`` calls a second, evenly spaced, shared by threads.

    Even spacing (not bursts) is what Cognito's quotas let through. A throttle
    answer pushes every caller back by :meth:`hold` and lowers the pace
    (:meth:`slow_down`) under what got through in the last second (the
    ceiling); answered calls (:meth:`answered`) bring it back to just under
    the ceiling within seconds, then probe above it, up to ``max_rate``.
    Every moment is read from ``clock``, so tests drive it without waiting.

    Slots are reserved ahead (every idle caller holds the next one: with
    enough callers the schedule never restarts from a late caller's "now",
    and the average pace is kept). A throttle or a hold gives them up:
    :attr:`epoch` changes, and a caller whose slot was reserved before it
    takes a new one (:meth:`fire`) at the new pace, after the hold,
    instead of firing at the old pace into the wall. A slot says when to
    wake; :meth:`fire` says when to call: never sooner than the pace after
    the call before, so late callers never bunch.
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.max_rate = rate
        self.rate = rate
        self.ceiling = rate  # what the quota lets through, as last measured
        self.interval = 1.0 / rate
        self._clock = clock
        self._next = clock()
        self._started: float | None = None  # the first slot: what got through is measured from there
        self._slowed_at: float | None = None
        self._answers: deque[float] = deque()
        self._step = 1.0  # the probe's increase a second, above the ceiling
        self._stepped_at = self._next
        self._held_until = self._next
        self._due = self._next  # the next call sent may go then (fire)
        self.epoch = 0  # changes when the slots reserved so far are given up
        self._lock = threading.Lock()

    def _set_rate(self, rate: float) -> None:
        self.rate = rate
        self.interval = 1.0 / rate

    def _through(self, now: float) -> float:
        """Answered calls a second over the last MEASURE_WINDOW_S (or since the start)."""
        answers = self._answers
        while answers and answers[0] <= now - MEASURE_WINDOW_S:
            answers.popleft()
        if self._started is None:
            return self.rate
        # From the first slot, not from the pacer's making: an exact scan's readers start
        # when the first page is listed, and counting the wait before it made the first
        # second's throttle measure a ceiling of 100/s at a 120/s pace (issue 23's bench).
        span = min(MEASURE_WINDOW_S, now - self._started)
        return len(answers) / span if span > 0 else self.rate

    def slow_down(self) -> None:
        """A throttle answer: the ceiling becomes what got through, the pace drops under it."""
        with self._lock:
            now = self._clock()
            if self._slowed_at is not None and now - self._slowed_at < RATE_DECREASE_EVERY_S:
                return
            self._slowed_at = now
            floor = min(RATE_FLOOR, self.max_rate)
            self.ceiling = max(floor, min(self.rate, self._through(now)))
            self._set_rate(max(floor, self.ceiling * RATE_DECREASE))
            self._step = 1.0
            self._stepped_at = now
            self._restart(max(now, self._held_until))

    def answered(self) -> None:
        """A call went through: the pace climbs back (fast under the ceiling, probing above it)."""
        with self._lock:
            now = self._clock()
            self._answers.append(now)
            if self._started is None:
                self._started = now
            if self.rate >= self.max_rate:
                return
            target = self.ceiling * RECOVERY_TARGET
            if self.rate < target - 1.0:
                # Close RECOVERY_PER_S of the gap a second (one call's share of it).
                gain = (target - self.rate) * RECOVERY_PER_S / self.rate
                self._stepped_at = now
            else:
                if now - self._stepped_at >= 1.0:  # a second without a throttle: probe faster
                    self._step = min(PROBE_STEP_MAX, self._step * 2)
                    self._stepped_at = now
                gain = self._step / self.rate
            self._set_rate(min(self.max_rate, self.rate + gain))
            self.ceiling = max(self.ceiling, self.rate)

    def now(self) -> float:
        return self._clock()

    def reserve(self) -> tuple[float, int]:
        """Reserve the next slot: when to wake and the :attr:`epoch` it belongs to (then :meth:`fire`)."""
        with self._lock:
            start = max(self._clock(), self._next)
            self._next = start + self.interval
            if self._started is None:
                self._started = start
            return start, self.epoch

    def slot(self) -> float:
        """Reserve the next slot; returns how long to wait before using it."""
        due, _ = self.reserve()
        return max(0.0, due - self._clock())

    def fire(self, epoch: int) -> float | None:
        """May a caller woken for its slot of ``epoch`` call now? ``0.0``: yes (counted); a
        positive number: wait that long and ask again; None: a throttle or hold since gave
        the slot up (:attr:`epoch` changed), reserve a new one.

        The calls sent are spaced by the pace, at most EARLY_S early, whenever their callers
        woke: lateness is not made up (a burst after a stall, a token bucket drained by
        catching up), the generic cell rate algorithm's rule.
        """
        with self._lock:
            if epoch != self.epoch:
                return None
            now = self._clock()
            earliest = self._due - EARLY_S
            if now < earliest:
                return earliest - now
            self._due = max(now, self._due) + self.interval
            return 0.0

    def hold(self, seconds: float) -> None:
        """No call for ``seconds`` (a backoff): the slots reserved so far are given up."""
        with self._lock:
            self._held_until = max(self._held_until, self._clock() + seconds)
            self._restart(self._held_until)

    def _restart(self, at: float) -> None:
        """The schedule starts again at ``at``; callers holding a slot take a new one."""
        self._next = at
        self._due = max(self._due, at)
        self.epoch += 1


def in_flight(rate: float, least: int, most: int) -> int:
    """Threads for ``rate`` calls a second with round trips of ROUND_TRIP_ALLOWANCE_S, within [least, most]."""
    return max(least, min(most, math.ceil(rate * ROUND_TRIP_ALLOWANCE_S)))


def backoff(attempt: int) -> float:
    """Seconds to wait after the ``attempt``-th throttle (0-based), jittered."""
    return jittered(attempt, base=BACKOFF_BASE, cap=BACKOFF_CAP, floor=0.5)


# ---------------------------------------------------------------- the scan


class _Gateway(Protocol):
    def list_users_page(
        self, pagination_token: str | None = None, limit: int = 60, filter_: str | None = None
    ) -> dict[str, Any]: ...
    def admin_get_user(self, username: str) -> dict[str, Any]: ...
    def pool_mfa_config(self) -> dict[str, Any]: ...


class _Throttles:
    """The throttle answers a scan's readers met, and whether one came recently.

    ``listener`` (set by the scan) is called, at most every
    ``THROTTLE_REPORT_EVERY_S``, from the thread that met the throttle: while
    Cognito refuses every call no read completes, and the operator must still
    hear why nothing moves.
    """

    def __init__(self) -> None:
        self.count = 0
        self.listener: Callable[[], None] | None = None
        self._last: float | None = None
        self._told = 0.0
        self._lock = threading.Lock()

    def seen(self) -> None:
        now = time.monotonic()
        with self._lock:
            self.count += 1
            self._last = now
            tell = self.listener is not None and now - self._told >= THROTTLE_REPORT_EVERY_S
            if tell:
                self._told = now
        if tell and self.listener is not None:
            self.listener()

    def recent(self) -> bool:
        with self._lock:
            return self._last is not None and time.monotonic() - self._last < SLOWED_WINDOW_S


class _Reader:
    """Paced AdminGetUser with backoff: throttles retried without limit."""

    def __init__(self, gateway: _Gateway, pacer: Pacer, cancel: threading.Event, throttles: _Throttles) -> None:
        self.gateway = gateway
        self.pacer = pacer
        self.cancel = cancel
        self.throttles = throttles

    def call(self, operation: str, *args: Any) -> dict[str, Any] | None:
        """The answer, or None when cancelled while waiting; raises InventoryError."""
        throttles = transient = 0
        while True:
            due, epoch = self.pacer.reserve()
            wait: float | None = due - self.pacer.now()
            while True:
                if wait is not None and wait > 0 and self.cancel.wait(wait):
                    return None
                if self.cancel.is_set():
                    return None
                wait = self.pacer.fire(epoch)
                if wait is None or wait <= 0:
                    break
            if wait is None:
                continue  # a throttle or hold since it was reserved: a new slot, at the new pace
            try:
                answer: dict[str, Any] = getattr(self.gateway, operation)(*args)
            except EnrollmentError as error:
                if error.code in ("TooManyRequestsException", "ThrottlingException", "LimitExceededException"):
                    self.throttles.seen()
                    self.pacer.slow_down()
                    pause = backoff(throttles)
                    throttles += 1
                    self.pacer.hold(pause)
                    continue
                if error.kind in (ErrorKind.NETWORK, ErrorKind.SERVICE) and transient + 1 < MAX_TRANSIENT_ATTEMPTS:
                    transient += 1
                    self.pacer.hold(backoff(transient))
                    continue
                raise InventoryError(error, _OPERATION.get(operation, operation)) from None
            self.pacer.answered()
            return answer


_OPERATION = {
    "list_users_page": "list_users",
    "admin_get_user": "admin_get_user",
    "pool_mfa_config": "get_user_pool_mfa_config",
}


def reset_since(pool_id: str, since: float, audit_dir: Path | None = None) -> set[str]:
    """Users of ``pool_id`` whose authenticator this app has reset (or tried to) since ``since``.

    Read from the audit trail (``authenticator_reset`` records, rotated
    files included); an unreadable or damaged line is passed over.
    """
    import datetime as dt
    import json

    from cogtotp_gui.enrollment.audit import FILE_NAME, default_audit_dir

    folder = Path(audit_dir) if audit_dir is not None else default_audit_dir()
    names: set[str] = set()
    for path in sorted(folder.glob(FILE_NAME + "*")):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            try:
                record = json.loads(line)
                if record.get("event") != "authenticator_reset" or record.get("pool") != pool_id:
                    continue
                when = dt.datetime.fromisoformat(str(record["time"]).replace("Z", "+00:00")).timestamp()
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            if when >= since and record.get("outcome") != "failed":
                names.add(str(record.get("username") or ""))
    names.discard("")
    return names


def estimate_users(gateway: Any) -> int | None:
    """``EstimatedNumberOfUsers`` from DescribeUserPool, or None (not allowed, not answered)."""
    try:
        answer = gateway._call("describe_user_pool", UserPoolId=gateway.pool.user_pool_id)
    except Exception:  # cognito-idp:DescribeUserPool is not required: the estimate is a nicety
        return None
    number = (answer.get("UserPool") or {}).get("EstimatedNumberOfUsers")
    return int(number) if isinstance(number, int) else None


class _Lister:
    """ListUsers pages of several parts (:data:`LIST_PARTS`), fetched ahead on threads of their own.

    Each part is walked in order by one thread at a time (its pages' tokens
    chain), ``walks`` parts at once (:func:`in_flight` of the page rate), all paced by the reader's
    pacer; pages reach the consumer, tagged with their part, while it writes
    the ones before. Errors reach the consumer too; :meth:`stop` ends the
    threads whatever they are doing.
    """

    def __init__(
        self, reader: _Reader, parts: Mapping[str, str | None], cancel: threading.Event, walks: int = LIST_PARALLEL
    ) -> None:
        self._queue: queue.Queue[tuple[str, str, Any]] = queue.Queue(maxsize=walks)
        self._stop = threading.Event()
        self._reader = reader
        self._cancel = cancel
        self._pending = list(parts.items())
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, name=f"cogtotp-inventory-list-{n}", daemon=True)
            for n in range(min(walks, len(self._pending)))
        ]
        for thread in self._threads:
            thread.start()

    def _put(self, item: tuple[str, str, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _take(self) -> tuple[str, str | None] | None:
        with self._lock:
            return self._pending.pop(0) if self._pending else None

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                taken = self._take()
                if taken is None:
                    return
                part, token = taken
                while not self._stop.is_set():
                    page = self._reader.call("list_users_page", token, PAGE_SIZE, f'sub ^= "{part}"')
                    if not self._put(("page", part, page)) or page is None:
                        return
                    token = page.get("PaginationToken") or None
                    if token is None:
                        break
        except BaseException as error:  # handed to the scan's thread, which raises it
            self._put(("error", "", error))

    def next(self) -> tuple[str, dict[str, Any]] | None:
        """The next (part, page); None when cancelled or when every part is walked. Raises what a fetch raised."""
        while True:
            try:
                kind, part, value = self._queue.get(timeout=0.1)
            except queue.Empty:
                if self._cancel.is_set():
                    return None
                if not any(thread.is_alive() for thread in self._threads) and self._queue.empty():
                    return None
                continue
            if kind == "error":
                raise value
            if value is None:  # cancelled while it waited for its slot
                return None
            return part, value

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def _pool_mfa(gateway: _Gateway, reader: _Reader) -> str:
    answer = reader.call("pool_mfa_config")
    return str((answer or {}).get("MfaConfiguration") or "OFF").upper()


def scan(
    gateway: _Gateway,
    store: InventoryRecords,
    pool_id: str,
    *,
    exact: bool,
    max_rps: float = DEFAULT_MAX_RPS,
    list_rps: float = DEFAULT_LIST_RPS,
    cancel: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    clock: Callable[[], float] = time.time,
    expected_total: int | None = None,
    only_unmigrated: bool = False,
    reread: Iterable[str] = (),
) -> ScanResult:
    """List (and with ``exact``, read) every user of the pool into ``store``.

    ``expected_total`` (the pool's estimated size, or the last scan's count)
    is the progress's total until the listing passes it, so the total does
    not jump as pages come in; progress carries the stored counts per state.

    ``only_unmigrated`` (exact scans): a listed user whom an earlier exact
    read found on TOTP is not read again (kept as it was, counted in
    ``ScanResult.saved``), unless named in ``reread`` (e.g. users whose
    authenticator this app has reset since: :func:`reset_since`). New users
    and everyone else are read as usual.

    Resumes this pool's unfinished scan of the same kind if there is one.
    Listing and reading overlap: a page's users are read while the next page
    is fetched. ``cancel`` stops between calls; what was read is committed.

    Raises:
        InventoryError: a Cognito error other than a throttle (retried) or a
            transient fault (retried a few times); AccessDenied names the
            IAM action. Everything read before it is kept.
        DatabaseUnavailable: the database cannot be written.
    """
    cancel = cancel or threading.Event()
    throttles = _Throttles()
    list_reader = _Reader(gateway, Pacer(list_rps), cancel, throttles)
    read_reader = _Reader(gateway, Pacer(max_rps), cancel, throttles)
    mfa_configuration = _pool_mfa(gateway, list_reader) if exact else ""

    begun = store.begin_scan(pool_id, exact, mfa_configuration, clock(), LIST_PARTS)
    scan_id, listing_done, listed, read_done = begun.scan_id, begun.listing_done, begun.listed, begun.read_done

    results: list[tuple[str, dict[str, Any] | None, float]] = []
    rate_window: list[float] = []
    counts: dict[str, int] = store.counts(pool_id)

    def recount() -> None:  # on the scan's thread only (its connection)
        counts.update(store.counts(pool_id))

    def expected(listed: int) -> int:
        return listed if listing_done or not expected_total else max(listed, expected_total)

    started = time.monotonic()
    last_commit = time.monotonic()
    # report() runs on the scan's thread and, while throttled, on the reader
    # that met the throttle: one at a time, rate_window with it.
    report_lock = threading.RLock()

    def note_rate(count: int = 1) -> None:
        with report_lock:
            rate_window.extend([time.monotonic()] * count)

    def report() -> None:
        if on_progress is None:
            return
        with report_lock:
            now = time.monotonic()
            rate_window[:] = [t for t in rate_window if now - t < 5.0]
            span = min(5.0, max(now - started, 1e-3))
            rate = len(rate_window) / span
            slowed = throttles.recent()
            total = expected(listed)
            left = (total - read_done) / rate if rate > 0 and exact else None
            seen = dict(counts)
            if exact and listing_done:
                progress = Progress("reading", read_done, total, rate, left, throttles.count, slowed, seen)
            elif exact:
                progress = Progress("listing", read_done, total, rate, left, throttles.count, slowed, seen)
            else:
                progress = Progress("listing", listed, total, rate, None, throttles.count, slowed, seen)
            on_progress(progress)

    def flush() -> None:
        nonlocal read_done, last_commit
        if not results:
            return
        reads = []
        for username, answer, when in results:
            if answer is None:  # deleted since it was listed
                reads.append(ReadUser(username, when, deleted=True))
                continue
            mfa, preferred = classify(answer, mfa_configuration)
            reads.append(
                ReadUser(
                    username,
                    when,
                    enabled=bool(answer.get("Enabled", True)),
                    user_status=str(answer.get("UserStatus", "")),
                    mfa=mfa,
                    preferred=preferred,
                )
            )
        store.record_reads(pool_id, scan_id, reads)
        read_done += len(results)
        results.clear()
        last_commit = time.monotonic()
        recount()

    def read_one(username: str) -> tuple[str, dict[str, Any] | None, bool]:
        try:
            answer = read_reader.call("admin_get_user", username)
        except InventoryError as error:
            if error.error.code == "UserNotFoundException":
                return username, None, True
            raise
        return username, answer, answer is not None

    workers = in_flight(max_rps, READ_WORKERS, MAX_READ_WORKERS)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cogtotp-inventory-read") if exact else None
    futures: set[Future[tuple[str, dict[str, Any] | None, bool]]] = set()

    def submit(names: Iterable[str]) -> None:
        assert executor is not None
        for name in names:
            futures.add(executor.submit(read_one, name))

    def collect(block: bool) -> None:
        nonlocal futures
        if not futures:
            return
        done, futures = wait(futures, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            username, answer, ok = future.result()  # raises InventoryError
            if ok:
                results.append((username, answer, clock()))
                note_rate()
        if time.monotonic() - last_commit >= COMMIT_EVERY_S:
            flush()
            report()

    completed = False
    pages: _Lister | None = None
    saved = 0
    again = set(reread)
    throttles.listener = report
    try:
        if exact:
            submit(begun.pending)
        walks = in_flight(list_rps, LIST_PARALLEL, len(LIST_PARTS))
        pages = _Lister(list_reader, begun.parts, cancel, walks) if not listing_done else None
        backlog = max(2 * PAGE_SIZE, int(READ_BACKLOG_S * max_rps))
        while not listing_done and not cancel.is_set():
            assert pages is not None
            while exact and len(futures) > backlog and not cancel.is_set():
                collect(block=True)  # the reads are behind: no page parsed for nothing meanwhile
            item = pages.next()  # fetched while the previous page was being written
            if item is None:
                break
            part, page = item
            users = [
                ListedUser(
                    str(user["Username"]),
                    bool(user.get("Enabled", True)),
                    str(user.get("UserStatus", "")),
                    classify_listed(user),
                )
                for user in page.get("Users") or []
            ]
            recorded = store.record_listed(
                pool_id,
                scan_id,
                part,
                users,
                page.get("PaginationToken") or None,
                exact=exact,
                now=clock(),
                keep_totp=only_unmigrated,
                reread=again,
            )
            listing_done, known = recorded.listing_done, recorded.kept
            listed += len(users)
            recount()
            saved += len(known)
            read_done += len(known)
            if exact:
                submit(user.username for user in users if user.username not in known)
                collect(block=False)
            else:
                note_rate(len(users))
            report()
        while futures and not cancel.is_set():
            collect(block=True)
        if exact and futures:  # cancelled: let the workers stop, keep what they read
            cancel.set()
            while futures:
                try:
                    collect(block=True)
                except InventoryError:
                    futures.clear()
        flush()
        completed = listing_done and not cancel.is_set()
        if completed:
            store.finish_scan(scan_id, clock())
        report()
    except BaseException:
        # Ctrl+C or an error: keep every read that came back.
        cancel.set()
        for future in list(futures):
            if future.done() and not future.cancelled() and future.exception() is None:
                username, answer, ok = future.result()
                if ok:
                    results.append((username, answer, clock()))
        try:
            flush()
        except Exception:  # the database itself failed: the original error matters
            log.exception("could not keep the last reads")
        raise
    finally:
        if pages is not None:
            pages.stop()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    return ScanResult(
        scan_id=scan_id,
        exact=exact,
        completed=completed,
        counts=store.counts(pool_id),
        total=listed,
        mfa_configuration=mfa_configuration,
        throttled=throttles.count,
        saved=saved,
    )
