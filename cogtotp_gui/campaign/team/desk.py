"""One desk at work on a team campaign: the table, its outbox, and whether it answers (Qt-free).

The app (and the multi-process test's desks) drive a campaign through this:
take the next user, renew the lease while the operator works, record the
outcome. When the table cannot be reached, the outcome of the user in hand
is kept in the :class:`~.outbox.Outbox` and :attr:`TeamDesk.online` turns
False: no new claims until every kept outcome has been written (the next
claim tries that first). Runs on a worker thread; nothing here blocks on
anything but the network and the local file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TypedDict

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.dynamo import TeamStore
from cogtotp_gui.campaign.team.model import FinishResult, Lease, TeamError, TeamErrorKind, TeamUser
from cogtotp_gui.campaign.team.outbox import Outbox

__all__ = ["OFFLINE_KINDS", "TeamDesk"]

# Errors after which the outcome is kept locally and tried again later.
OFFLINE_KINDS = frozenset({TeamErrorKind.OFFLINE, TeamErrorKind.THROTTLED, TeamErrorKind.CONFLICT})


class _Outcome(TypedDict):
    """An outcome's details, as the store's ``finish`` and the outbox take them."""

    error: str
    reason: str
    started_at: float | None
    trouble: Mapping[str, int] | None


class TeamDesk:
    def __init__(self, store: TeamStore, outbox: Outbox) -> None:
        self.store = store
        self.outbox = outbox
        self.online = True

    @property
    def kept(self) -> int:
        """Outcomes waiting in the outbox for the table."""
        return len(self.outbox.pending(self.store.campaign, self.store.table))

    def flush(self) -> list[FinishResult]:
        """Write the kept outcomes, oldest first; stop at the first that
        still cannot be written (``online`` says whether all went)."""
        results: list[FinishResult] = []
        for entry in self.outbox.pending(self.store.campaign, self.store.table):
            kept: _Outcome = {
                "error": entry.error,
                "reason": entry.reason,
                "started_at": entry.started_at,
                "trouble": entry.trouble,
            }
            result = self._write(entry.lease, entry.state, kept, entry.finished_at)
            if result is None:
                return results
            self.outbox.remove(entry.id)
            results.append(result)
        self.online = True
        return results

    def _write(self, lease: Lease, state: UserState, outcome: _Outcome, finished_at: float) -> FinishResult | None:
        """The store's ``finish``; None (and offline) when the table cannot take it now."""
        with self._unless_away():
            return self.store.finish(lease, state, finished_at=finished_at, **outcome)
        return None

    @contextlib.contextmanager
    def _unless_away(self) -> Iterator[None]:
        """A write the desk can keep for later: an error of :data:`OFFLINE_KINDS`
        turns the desk offline and is swallowed (the caller says what then)."""
        try:
            yield
        except TeamError as failure:
            if failure.kind not in OFFLINE_KINDS:
                raise
            self.online = False

    @contextlib.contextmanager
    def _reaching(self) -> Iterator[None]:
        """A call to the table: a table that cannot be reached turns the desk offline."""
        try:
            yield
        except TeamError as error:
            if error.kind is TeamErrorKind.OFFLINE:
                self.online = False
            raise

    def _ready(self) -> None:
        if not self.online or self.kept:
            self.flush()
            if not self.online:
                raise TeamError(TeamErrorKind.OFFLINE, "outcomes are waiting for the table; no new claims")

    def next_user(self) -> TeamUser | None:
        """The next user this desk takes (None: nobody left to take).

        Raises:
            TeamError: ``offline`` while kept outcomes cannot be written; errors of the claim.
        """
        self._ready()
        with self._reaching():
            return self.store.claim_next()

    def take(self, username: str) -> TeamUser:
        """A walk-in, out of turn (``held`` says by whom if another desk has them)."""
        self._ready()
        return self.store.claim(username)

    def renew(self, lease: Lease) -> Lease:
        """Renew; ``lease_lost`` if another desk took the user (the operator
        carries on: the outcome is still recorded, as a late one)."""
        with self._reaching():
            return self.store.renew(lease)

    def finish(
        self,
        lease: Lease,
        state: UserState,
        *,
        error: str = "",
        reason: str = "",
        started_at: float | None = None,
        trouble: Mapping[str, int] | None = None,
    ) -> FinishResult | None:
        """Record the outcome; None when the table cannot take it now and it
        was kept in the outbox (written by :meth:`flush` / the next claim).

        Raises:
            DatabaseUnavailable: the table is away and the outbox cannot be written either.
        """
        outcome: _Outcome = {"error": error, "reason": reason, "started_at": started_at, "trouble": trouble}
        finished_at = self.store.now()
        result = self._write(lease, state, outcome, finished_at)
        if result is None:
            self.outbox.put(self.store.campaign, self.store.table, lease, state, finished_at=finished_at, **outcome)
        return result

    def rehearsed(self, username: str, state: UserState, *, reason: str = "") -> bool:
        """A rehearsal's verdict on an enrolled user (verified, or failed
        with a ``rehearsal_*`` reason). While the table is away it changes
        the kept outcome if the enrolled one is still in the outbox; else
        (the table already has *enrolled*) it is not recorded: False.

        Raises:
            TeamError: not an offline kind.
        """
        error = reason if state is UserState.FAILED else ""
        if self.kept and self.outbox.restate(self.store.campaign, self.store.table, username, state, error):
            return True
        with self._unless_away():
            return self.store.rehearsed(username, state, reason=reason)
        return False
