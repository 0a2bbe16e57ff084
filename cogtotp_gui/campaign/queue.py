"""The rules of an onboarding session's queue (Qt-free).

A session works through a roster one user at a time. Each user is in one
:class:`UserState`; the operator can skip, retry, reorder, add and remove
users. The queue knows nothing of Qt, SQLite or Cognito: the store
(``sessions.py``) listens to its changes and commits each one, the queue
panel shows it, and :func:`state_for_step` / :func:`state_for_error` say
what an enrollment's end means for the user's state.

Times are wall-clock seconds (``time.time``), because they end up in a
report; the clock is injectable for tests.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable, Iterable, Iterator

__all__ = [
    "FINAL_ERROR_KINDS",
    "QueueChange",
    "QueueEntry",
    "QueueError",
    "SessionQueue",
    "UserState",
    "state_for_error",
    "state_for_step",
]


class UserState(enum.Enum):
    """Where one user of the roster stands."""

    WAITING = "waiting"
    IN_PROGRESS = "in_progress"
    ENROLLED = "enrolled"  # TOTP preferred; the new sign-in not (yet) tried
    VERIFIED = "verified"  # and a rehearsal sign-in asked for the authenticator
    ALREADY_TOTP = "already_totp"
    SKIPPED = "skipped"  # with a reason
    FAILED = "failed"  # with an error kind

    @property
    def finished(self) -> bool:
        return self not in (UserState.WAITING, UserState.IN_PROGRESS)

    @property
    def done(self) -> bool:
        """On the authenticator app, one way or another."""
        return self in (UserState.ENROLLED, UserState.VERIFIED, UserState.ALREADY_TOTP)


# Reasons recorded for a rehearsal that showed the change did not take.
REHEARSAL_SMS = "rehearsal_sms"  # Cognito still asked for an SMS code
REHEARSAL_NO_MFA = "rehearsal_no_mfa"  # Cognito signed in without any MFA
REHEARSAL_OTHER = "rehearsal_other"  # another challenge (EMAIL_OTP, ...)
# The note on an enrolled user whose rehearsal was begun and left without a verdict.
NOT_REHEARSED = "not_rehearsed"

# Error kinds (``ErrorKind.value``) after which trying again cannot help
# with this user today: the queue records the failure and moves on. Every
# other error (a typo, a wrong code, the network) leaves the user in
# progress, on the page where the retry works.
FINAL_ERROR_KINDS = frozenset({"user_state", "unsupported"})


class QueueError(ValueError):
    """An operation the queue's rules do not allow. ``reason`` names which."""

    def __init__(self, reason: str, username: str = "") -> None:
        self.reason = reason
        self.username = username
        super().__init__(reason)


@dataclasses.dataclass
class QueueEntry:
    """One user of the roster.

    Attributes:
        username: as in the roster.
        state: where the user stands.
        reason: why skipped (free text from the operator) or failed (an
            error kind, e.g. ``user_state``); ``not_rehearsed`` for an
            enrolled user whose rehearsal was left; "" otherwise.
        started_at, finished_at: wall-clock seconds, or None.
    """

    username: str
    state: UserState = UserState.WAITING
    reason: str = ""
    started_at: float | None = None
    finished_at: float | None = None

    @property
    def duration(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return max(0.0, self.finished_at - self.started_at)


@dataclasses.dataclass(frozen=True)
class QueueChange:
    """What changed, for listeners: ``kind`` is ``added``, ``removed``,
    ``changed`` (an entry's state) or ``moved`` (the order)."""

    kind: str
    entry: QueueEntry | None = None


Listener = Callable[[QueueChange], None]


class SessionQueue:
    """The users of a session in order, and the rules for moving them along.

    Args:
        usernames: the roster (duplicates ignored).
        clock: wall-clock seconds.
    """

    def __init__(self, usernames: Iterable[str] = (), *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._entries: list[QueueEntry] = []
        self._index: dict[str, QueueEntry] = {}
        self.listeners: list[Listener] = []
        self._add(usernames, notify=False)

    @classmethod
    def from_entries(cls, entries: Iterable[QueueEntry], *, clock: Callable[[], float] = time.time) -> SessionQueue:
        """A queue restored from the store, entries as they were."""
        queue = cls(clock=clock)
        for entry in entries:
            if entry.username not in queue._index:
                queue._entries.append(entry)
                queue._index[entry.username] = entry
        return queue

    # -- reading --------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[QueueEntry]:
        return iter(self._entries)

    @property
    def entries(self) -> list[QueueEntry]:
        return list(self._entries)

    def get(self, username: str) -> QueueEntry:
        try:
            return self._index[username]
        except KeyError:
            raise QueueError("unknown_user", username) from None

    def position(self, username: str) -> int:
        return self._entries.index(self.get(username))

    def __contains__(self, username: object) -> bool:
        return username in self._index

    def next_waiting(self) -> QueueEntry | None:
        """The first waiting user in roster order."""
        return next((entry for entry in self._entries if entry.state is UserState.WAITING), None)

    @property
    def current(self) -> QueueEntry | None:
        """The user in progress, if any (there is at most one)."""
        return next((entry for entry in self._entries if entry.state is UserState.IN_PROGRESS), None)

    @property
    def finished(self) -> bool:
        """Nobody waiting and nobody in progress."""
        return all(entry.state.finished for entry in self._entries)

    def counts(self) -> dict[UserState, int]:
        counts = dict.fromkeys(UserState, 0)
        for entry in self._entries:
            counts[entry.state] += 1
        return counts

    def elapsed(self, now: float | None = None) -> float:
        """Seconds from the first user's start to now (or to the last
        finish, once the queue is finished); 0 before anyone started."""
        starts = [entry.started_at for entry in self._entries if entry.started_at is not None]
        if not starts:
            return 0.0
        if self.finished:
            ends = [entry.finished_at for entry in self._entries if entry.finished_at is not None]
            end = max(ends) if ends else min(starts)
        else:
            end = self._clock() if now is None else now
        return max(0.0, end - min(starts))

    def average_seconds(self) -> float | None:
        """Mean time per user worked on (started and finished), or None."""
        durations = [d for d in (entry.duration for entry in self._entries) if d is not None]
        return sum(durations) / len(durations) if durations else None

    # -- changing -------------------------------------------------------------

    def _notify(self, kind: str, entry: QueueEntry | None = None) -> None:
        change = QueueChange(kind, entry)
        for listener in list(self.listeners):
            listener(change)

    def _add(self, usernames: Iterable[str], *, notify: bool) -> list[QueueEntry]:
        added = []
        for raw in usernames:
            username = raw.strip()
            if not username or username in self._index:
                continue
            entry = QueueEntry(username)
            self._entries.append(entry)
            self._index[username] = entry
            added.append(entry)
            if notify:
                self._notify("added", entry)
        return added

    def add(self, usernames: Iterable[str]) -> list[QueueEntry]:
        """Append users not already in the queue; returns those added."""
        return self._add(usernames, notify=True)

    def remove(self, username: str) -> None:
        """Take a user off the roster (not while in progress)."""
        entry = self.get(username)
        if entry.state is UserState.IN_PROGRESS:
            raise QueueError("in_progress", username)
        self._entries.remove(entry)
        del self._index[username]
        self._notify("removed", entry)

    def move(self, username: str, index: int) -> None:
        """Put a user at ``index`` (clamped to the queue)."""
        entry = self.get(username)
        index = max(0, min(index, len(self._entries) - 1))
        old = self._entries.index(entry)
        if old == index:
            return
        self._entries.pop(old)
        self._entries.insert(index, entry)
        self._notify("moved", entry)

    def move_by(self, username: str, offset: int) -> None:
        self.move(username, self.position(username) + offset)

    def _set(self, entry: QueueEntry, state: UserState, reason: str = "") -> QueueEntry:
        entry.state = state
        entry.reason = reason
        self._notify("changed", entry)
        return entry

    def begin(self, username: str) -> QueueEntry:
        """Start working on a waiting user (one at a time)."""
        entry = self.get(username)
        if entry.state is not UserState.WAITING:
            raise QueueError("not_waiting", username)
        current = self.current
        if current is not None:
            raise QueueError("busy", current.username)
        entry.started_at = self._clock()
        entry.finished_at = None
        return self._set(entry, UserState.IN_PROGRESS)

    def release(self, username: str) -> QueueEntry:
        """The operator left the user unfinished: back to waiting, as before."""
        entry = self.get(username)
        if entry.state is not UserState.IN_PROGRESS:
            raise QueueError("not_in_progress", username)
        entry.started_at = None
        return self._set(entry, UserState.WAITING)

    def finish(self, username: str, state: UserState, reason: str = "") -> QueueEntry:
        """Record how a user ended.

        From in progress: any finished state. From enrolled, the rehearsal's
        verdict: verified, or failed with a ``rehearsal_*`` reason.
        """
        entry = self.get(username)
        if not state.finished:
            raise QueueError("not_final", username)
        if entry.state is UserState.ENROLLED:
            if state not in (UserState.VERIFIED, UserState.FAILED):
                raise QueueError("already_finished", username)
        elif entry.state is not UserState.IN_PROGRESS:
            raise QueueError("not_in_progress", username)
        if state is UserState.FAILED and not reason:
            raise QueueError("reason_required", username)
        entry.finished_at = self._clock()
        return self._set(entry, state, reason)

    def note_not_rehearsed(self, username: str) -> QueueEntry:
        """An enrolled user's rehearsal was left without a verdict: still
        enrolled, noted ``not_rehearsed`` (a later verdict replaces it)."""
        entry = self.get(username)
        if entry.state is not UserState.ENROLLED:
            raise QueueError("not_enrolled", username)
        return self._set(entry, UserState.ENROLLED, NOT_REHEARSED)

    def skip(self, username: str, reason: str = "") -> QueueEntry:
        """Leave a waiting or in-progress user out, saying why."""
        entry = self.get(username)
        if entry.state not in (UserState.WAITING, UserState.IN_PROGRESS):
            raise QueueError("not_skippable", username)
        entry.finished_at = self._clock()
        return self._set(entry, UserState.SKIPPED, reason.strip())

    def retry(self, username: str) -> QueueEntry:
        """Put a skipped or failed user back in the queue, where they were."""
        entry = self.get(username)
        if entry.state not in (UserState.SKIPPED, UserState.FAILED):
            raise QueueError("not_retryable", username)
        entry.started_at = entry.finished_at = None
        return self._set(entry, UserState.WAITING)


def state_for_step(step: str) -> UserState | None:
    """The state an enrollment that stopped at ``step`` (``Step.value``)
    leaves the user in, or None if it is still going.

    ``done`` -> enrolled; ``existing_totp`` (the user already signs in with
    an authenticator) -> already_totp; ``unsupported`` (a challenge the
    wizard does not handle, e.g. email codes) -> failed, kind ``unsupported``.
    """
    return {
        "done": UserState.ENROLLED,
        "existing_totp": UserState.ALREADY_TOTP,
        "unsupported": UserState.FAILED,
    }.get(step)


def state_for_error(kind: str) -> UserState | None:
    """FAILED for an error kind (``ErrorKind.value``) that ends the user's
    turn; None where the operator simply tries again on the same page."""
    return UserState.FAILED if kind in FINAL_ERROR_KINDS else None
