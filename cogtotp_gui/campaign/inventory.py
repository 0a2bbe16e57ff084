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
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cogtotp_gui.campaign.database import Database, Schema, open_database, register_schema, translated_errors
from cogtotp_gui.campaign.store import InventoryRecords, ListedUser, ReadUser, ScanState, UserRow
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind

__all__ = [
    "DEFAULT_MAX_RPS",
    "INVENTORY_SCHEMA",
    "MFA_STATES",
    "InventoryError",
    "InventoryStore",
    "Pacer",
    "Progress",
    "ScanResult",
    "UserRow",
    "classify",
    "classify_listed",
    "scan",
]

log = logging.getLogger(__name__)

MFA_STATES = ("totp", "sms", "email", "none", "unknown")

# The UserRead quota is 120 requests/s per account and Region by default and
# is shared with every application of the account in that Region (their
# AdminGetUser calls, token refreshes' user reads…). A quarter of it leaves
# 90/s to production: a scan never takes the headroom a sign-in peak needs,
# and 100,000 users still read in under an hour (100,000 / 30 ≈ 56 min).
DEFAULT_MAX_RPS = 30.0
# ListUsers pages a second: two thirds of UserList's 30/s (not adjustable).
DEFAULT_LIST_RPS = 20.0
PAGE_SIZE = 60
# After TooManyRequestsException the pace drops to this share of itself (at
# most once a second: the readers' calls already in flight meet the same
# wall), then climbs back by 1 call/s for every second of answered calls,
# up to --max-rps (additive increase, multiplicative decrease: the pace
# settles just under whatever share of the quota production leaves).
RATE_DECREASE = 0.7
RATE_DECREASE_EVERY_S = 1.0
RATE_FLOOR = 1.0
# Backoff after TooManyRequestsException: base * 2**attempt, capped, jittered.
BACKOFF_BASE = 0.2
BACKOFF_CAP = 5.0
# Transient faults (network, 5xx) tried this many times before the scan stops.
MAX_TRANSIENT_ATTEMPTS = 5
# A batch of reads is committed at least this often.
COMMIT_EVERY_S = 0.5
READ_WORKERS = 4
# A scan counts as slowed down by Cognito while its last throttle answer is
# this recent; while every call is refused, progress is still reported this often.
SLOWED_WINDOW_S = 5.0
THROTTLE_REPORT_EVERY_S = 0.25

IAM_ACTION = {
    "list_users": "cognito-idp:ListUsers",
    "admin_get_user": "cognito-idp:AdminGetUser",
    "get_user_pool_mfa_config": "cognito-idp:GetUserPoolMfaConfig",
}

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


@dataclass(frozen=True)
class ScanResult:
    scan_id: int
    exact: bool
    completed: bool  # False: cancelled; the next scan resumes
    counts: dict[str, int]
    total: int
    mfa_configuration: str
    throttled: int  # TooManyRequestsException met (and retried)


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

    Even spacing (not bursts) is what Cognito's token buckets let through. A
    throttle answer pushes every caller back by :meth:`hold` and lowers the
    pace (:meth:`slow_down`); answered calls raise it again towards ``rate``
    (:meth:`answered`).
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.max_rate = rate
        self.rate = rate
        self.interval = 1.0 / rate
        self._clock = clock
        self._next = clock()
        self._slowed_at: float | None = None
        self._lock = threading.Lock()

    def _set_rate(self, rate: float) -> None:
        self.rate = rate
        self.interval = 1.0 / rate

    def slow_down(self) -> None:
        """A throttle answer: the pace drops by ``RATE_DECREASE`` (once a second at most)."""
        with self._lock:
            now = self._clock()
            if self._slowed_at is not None and now - self._slowed_at < RATE_DECREASE_EVERY_S:
                return
            self._slowed_at = now
            self._set_rate(max(min(RATE_FLOOR, self.max_rate), self.rate * RATE_DECREASE))

    def answered(self) -> None:
        """A call went through: 1 call/s more for each second of them, up to ``max_rate``."""
        with self._lock:
            if self.rate < self.max_rate:
                self._set_rate(min(self.max_rate, self.rate + 1.0 / self.rate))

    def slot(self) -> float:
        """Reserve the next slot; returns how long to wait before using it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
            return start - now

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)


def backoff(attempt: int) -> float:
    """Seconds to wait after the ``attempt``-th throttle (0-based), jittered."""
    return min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt) * (0.5 + random.random() / 2)


# ---------------------------------------------------------------- storage


class InventoryStore:
    """The inventory tables of the campaign database (one per thread)."""

    def __init__(self, database: Database) -> None:
        self.db = database

    @classmethod
    def open(cls, path: Path | None = None) -> InventoryStore:
        return cls(open_database(path, schemas=[INVENTORY_SCHEMA]))

    def close(self) -> None:
        self.db.close()

    def unfinished_scan(self, pool_id: str, exact: bool) -> int | None:
        with translated_errors(self.db.path):
            row = self.db.connection.execute(
                "SELECT id, exact FROM inventory_scans WHERE pool_id = ? AND finished_at IS NULL ORDER BY id DESC",
                (pool_id,),
            ).fetchone()
        if row is None or bool(row[1]) != exact:
            return None
        return int(row[0])

    def last_scan(self, pool_id: str | None = None) -> tuple[int, str, bool, float | None] | None:
        """(id, pool id, exact, finished_at) of the latest finished scan."""
        sql = "SELECT id, pool_id, exact, finished_at FROM inventory_scans WHERE finished_at IS NOT NULL"
        args: tuple[Any, ...] = ()
        if pool_id:
            sql += " AND pool_id = ?"
            args = (pool_id,)
        with translated_errors(self.db.path):
            row = self.db.connection.execute(sql + " ORDER BY finished_at DESC LIMIT 1", args).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), bool(row[2]), row[3])

    def counts(self, pool_id: str) -> dict[str, int]:
        counts = dict.fromkeys(MFA_STATES, 0)
        with translated_errors(self.db.path):
            for mfa, number in self.db.connection.execute(
                "SELECT mfa, COUNT(*) FROM inventory_users WHERE pool_id = ? GROUP BY mfa", (pool_id,)
            ):
                counts[str(mfa)] = int(number)
        return counts

    def users(self, pool_id: str) -> list[UserRow]:
        with translated_errors(self.db.path):
            rows = self.db.connection.execute(
                "SELECT username, enabled, user_status, mfa, preferred, checked_at FROM inventory_users"
                " WHERE pool_id = ? ORDER BY username",
                (pool_id,),
            ).fetchall()
        return [UserRow(r[0], bool(r[1]), r[2], r[3], r[4], float(r[5])) for r in rows]

    # -- a scan's writes (the campaign store's InventoryRecords) ------------------

    def begin_scan(self, pool_id: str, exact: bool, mfa_configuration: str, now: float) -> ScanState:
        """Resume this pool's unfinished scan of this kind, or start one."""
        scan_id = self.unfinished_scan(pool_id, exact)
        with self.db.transaction() as tx:
            if scan_id is None:
                cur = tx.execute(
                    "INSERT INTO inventory_scans (pool_id, exact, started_at, mfa_configuration) VALUES (?, ?, ?, ?)",
                    (pool_id, int(exact), now, mfa_configuration),
                )
                scan_id = int(cur.lastrowid or 0)
            elif exact:
                tx.execute(
                    "UPDATE inventory_scans SET mfa_configuration = ? WHERE id = ?", (mfa_configuration, scan_id)
                )
            listing_done, token = tx.execute(
                "SELECT listing_done, next_token FROM inventory_scans WHERE id = ?", (scan_id,)
            ).fetchone()
        conn = self.db.connection

        def count(sql: str) -> int:
            with translated_errors(self.db.path):
                return int(conn.execute(sql, (pool_id, scan_id)).fetchone()[0])

        listed = count("SELECT COUNT(*) FROM inventory_users WHERE pool_id = ? AND listed_scan = ?")
        read_done = count(
            "SELECT COUNT(*) FROM inventory_users WHERE pool_id = ? AND listed_scan = ? AND read_scan = listed_scan"
        )
        pending: tuple[str, ...] = ()
        if exact:
            with translated_errors(self.db.path):
                pending = tuple(
                    r[0]
                    for r in conn.execute(
                        "SELECT username FROM inventory_users WHERE pool_id = ? AND listed_scan = ?"
                        " AND (read_scan IS NULL OR read_scan != listed_scan) ORDER BY username",
                        (pool_id, scan_id),
                    )
                )
        return ScanState(scan_id, bool(listing_done), token, listed, read_done, pending)

    def record_listed(
        self,
        pool_id: str,
        scan_id: int,
        users: Sequence[ListedUser],
        next_token: str | None,
        *,
        exact: bool,
        now: float,
    ) -> None:
        """One ListUsers page; the last (``next_token`` None) removes users this scan did not list."""
        listing_done = next_token is None
        with self.db.transaction() as tx:
            for user in users:
                tx.execute(
                    "INSERT INTO inventory_users (pool_id, username, enabled, user_status, mfa, preferred,"
                    " checked_at, listed_scan) VALUES (?, ?, ?, ?, ?, '', ?, ?)"
                    " ON CONFLICT (pool_id, username) DO UPDATE SET enabled = excluded.enabled,"
                    " user_status = excluded.user_status, listed_scan = excluded.listed_scan,"
                    " mfa = CASE WHEN ? THEN inventory_users.mfa ELSE excluded.mfa END,"
                    " preferred = CASE WHEN ? THEN inventory_users.preferred ELSE '' END,"
                    " checked_at = CASE WHEN ? THEN inventory_users.checked_at ELSE excluded.checked_at END",
                    (
                        pool_id,
                        user.username,
                        int(user.enabled),
                        user.user_status,
                        user.mfa,
                        now,
                        scan_id,
                        int(exact),
                        int(exact),
                        int(exact),
                    ),
                )
            if listing_done:
                # Users listed by an earlier scan but not by this one are gone.
                tx.execute("DELETE FROM inventory_users WHERE pool_id = ? AND listed_scan != ?", (pool_id, scan_id))
            tx.execute(
                "UPDATE inventory_scans SET next_token = ?, listing_done = ? WHERE id = ?",
                (next_token, int(listing_done), scan_id),
            )

    def record_reads(self, pool_id: str, scan_id: int, reads: Sequence[ReadUser]) -> None:
        """AdminGetUser answers (a user deleted since listed: ``deleted``)."""
        with self.db.transaction() as tx:
            for read in reads:
                if read.deleted:
                    tx.execute(
                        "UPDATE inventory_users SET mfa = 'unknown', user_status = 'DELETED', checked_at = ?,"
                        " read_scan = ? WHERE pool_id = ? AND username = ?",
                        (read.checked_at, scan_id, pool_id, read.username),
                    )
                    continue
                tx.execute(
                    "UPDATE inventory_users SET enabled = ?, user_status = ?, mfa = ?, preferred = ?,"
                    " checked_at = ?, read_scan = ? WHERE pool_id = ? AND username = ?",
                    (
                        int(read.enabled),
                        read.user_status,
                        read.mfa,
                        read.preferred,
                        read.checked_at,
                        scan_id,
                        pool_id,
                        read.username,
                    ),
                )

    def finish_scan(self, scan_id: int, now: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE inventory_scans SET finished_at = ? WHERE id = ?", (now, scan_id))


# ---------------------------------------------------------------- the scan


class _Gateway(Protocol):
    def list_users_page(self, pagination_token: str | None = None, limit: int = 60) -> dict[str, Any]: ...
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
            delay = self.pacer.slot()
            if delay > 0 and self.cancel.wait(delay):
                return None
            if self.cancel.is_set():
                return None
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
) -> ScanResult:
    """List (and with ``exact``, read) every user of the pool into ``store``.

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

    state = store.begin_scan(pool_id, exact, mfa_configuration, clock())
    scan_id, listing_done, token = state.scan_id, state.listing_done, state.next_token
    listed, read_done = state.listed, state.read_done
    pending = list(state.pending)

    results: list[tuple[str, dict[str, Any] | None, float]] = []
    rate_window: list[float] = []
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
            if exact and listing_done:
                left = (listed - read_done) / rate if rate > 0 else None
                progress = Progress("reading", read_done, listed, rate, left, throttles.count, slowed)
            elif exact:
                progress = Progress("listing", read_done, listed, rate, None, throttles.count, slowed)
            else:
                progress = Progress("listing", listed, listed, rate, None, throttles.count, slowed)
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

    def read_one(username: str) -> tuple[str, dict[str, Any] | None, bool]:
        try:
            answer = read_reader.call("admin_get_user", username)
        except InventoryError as error:
            if error.error.code == "UserNotFoundException":
                return username, None, True
            raise
        return username, answer, answer is not None

    executor = ThreadPoolExecutor(max_workers=READ_WORKERS) if exact else None
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
    throttles.listener = report
    try:
        if exact:
            submit(pending)
        while not listing_done and not cancel.is_set():
            page = list_reader.call("list_users_page", token)
            if page is None:
                break
            now = clock()
            users = page.get("Users") or []
            token = page.get("PaginationToken") or None
            store.record_listed(
                pool_id,
                scan_id,
                [
                    ListedUser(
                        str(user["Username"]),
                        bool(user.get("Enabled", True)),
                        str(user.get("UserStatus", "")),
                        classify_listed(user),
                    )
                    for user in users
                ],
                token,
                exact=exact,
                now=now,
            )
            listing_done = token is None
            listed += len(users)
            if exact:
                submit(str(u["Username"]) for u in users)
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
    )
