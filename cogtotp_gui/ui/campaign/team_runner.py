"""A desk of a team campaign beside the wizard: claims, leases, outcomes (issue 22).

The Qt side of :class:`~cogtotp_gui.campaign.team.desk.TeamDesk`. Every
table call runs on a :class:`~cogtotp_gui.ui.common.tasks.BackgroundTask`
in a one-thread pool of the runner's own: the window never waits for AWS,
and the calls reach the table in the order they were asked (a renewal
before the outcome, the outcome before the next claim).

The runner claims a user and puts them on the wizard through its port
(``prefill_user``: the password focused). What an outcome *is* comes from
the onboarding session's referee (``campaign/referee.py``) over a queue
of the one user in hand, so a team desk records what a session would:
enrolled at Done (verified or failed by the rehearsal), already on an
authenticator, failed for an account that needs IT, skipped when left
half-way, released (back to waiting) when nothing was started. It is
written with the user's trouble counts (wrong codes, new SMS codes,
expired sessions... ``model.TROUBLE_KINDS``). When the wizard is wiped
(Done, then Enter), the next user is claimed.

The lease is renewed every third of the campaign's lease on a timer. A
lost lease (another desk took the user after this one went quiet) does not
stop the operator: the outcome is still written, as a late one
(``TeamStore.finish``). When the table cannot be reached the outcome is
kept in the outbox, no user is claimed, and a retry timer writes the kept
outcomes; then claiming resumes.

Public surface (the app, the window's :class:`TeamControl` and the tests
use only this): :class:`TeamJoin`, :func:`open_desk`, and
:class:`TeamRunner` with :meth:`~TeamRunner.start`, :meth:`~TeamRunner.take`,
:meth:`~TeamRunner.refresh`, :meth:`~TeamRunner.retry_now`,
:meth:`~TeamRunner.close` and its signals.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from cogtotp_gui.campaign.queue import QueueChange, SessionQueue, UserState
from cogtotp_gui.campaign.referee import QueueReferee
from cogtotp_gui.campaign.team.model import CampaignInfo, FinishResult, Lease, TeamError, TeamErrorKind, TeamUser
from cogtotp_gui.ui.campaign.ports import follow, unfollow
from cogtotp_gui.ui.common.tasks import BackgroundTask, TaskPool, default_pool

if TYPE_CHECKING:
    from cogtotp_gui.campaign.team.desk import TeamDesk
    from cogtotp_gui.enrollment.errors import EnrollmentError
    from cogtotp_gui.enrollment.rehearsal import RehearsalVerdict
    from cogtotp_gui.enrollment.steps import Step
    from cogtotp_gui.ui.campaign.ports import EnrollmentPort, WizardPort

__all__ = ["TeamJoin", "TeamRunner", "TeamSnapshot", "open_desk", "trouble_of"]

log = logging.getLogger(__name__)

# How often a desk that lost the table tries again (flushing kept outcomes first).
RETRY_MS = 15_000
# How often the team queue panel is read again (one GetItem, one index query).
REFRESH_MS = 30_000
# Errors after which the desk waits for the table (no claims), trying again on a timer.
_AWAY = frozenset({TeamErrorKind.OFFLINE, TeamErrorKind.THROTTLED, TeamErrorKind.CONFLICT})


@dataclasses.dataclass(frozen=True)
class TeamJoin:
    """What a desk joins: ``--campaign NAME --campaign-table TABLE`` (or a
    saved connection's campaign settings), with the region and AWS profile
    of the table's client (the endpoint: boto3's own configuration)."""

    campaign: str
    table: str
    region: str | None = None
    aws_profile: str | None = None


@dataclasses.dataclass(frozen=True)
class TeamSnapshot:
    """What the team queue panel shows: the campaign item (its counters)
    and who holds which user (the ``queue`` index: users in progress)."""

    info: CampaignInfo
    in_progress: list[TeamUser]


def open_desk(join: TeamJoin) -> TeamDesk:
    """The desk for ``join`` (runs on a worker: STS and the table's client).

    Raises:
        TeamError: no credentials, an insecure endpoint, an AWS error.
        DatabaseUnavailable: the outbox cannot be opened.
    """
    from cogtotp_gui.campaign.team.desk import TeamDesk
    from cogtotp_gui.campaign.team.dynamo import TeamStore, caller_identity, desk_identity, dynamodb_client
    from cogtotp_gui.campaign.team.outbox import Outbox

    client = dynamodb_client(join.region, join.aws_profile)
    operator = caller_identity(join.region, join.aws_profile)
    return TeamDesk(TeamStore(client, join.table, join.campaign, desk_identity(operator)), Outbox())


def trouble_of(kind: str, step: str | None) -> str | None:
    """The trouble kind (``model.TROUBLE_KINDS``) an error of ``kind``
    (``ErrorKind.value``) met at ``step`` (``Step.value``) counts as, or None."""
    if kind == "wrong_code":
        return "wrong_sms_code" if step == "sms_code" else "wrong_totp_code" if step == "secret" else None
    return {
        "session_expired": "session_expired",
        "wrong_credentials": "wrong_password",
        "network": "network",
        "throttled": "throttled",
    }.get(kind)


class _Hand:
    """The user this desk holds, as the table knows them: the lease is read
    and replaced only on the runner's worker (calls run one at a time
    there), so an outcome always goes out with the latest renewal."""

    def __init__(self, user: TeamUser) -> None:
        self.user = user
        self.lease: Lease = user.lease
        self.written: UserState | None = None  # the outcome written (or kept), once it is


class TeamRunner(QObject):
    """One desk working a team campaign beside the wizard.

    Args:
        enrollment, wizard: the controller and the wizard, through their ports.
        open_desk: makes the :class:`TeamDesk` (called on the worker).
        pool_id: the connection's user pool: a campaign of another pool is refused.
        retry_ms, refresh_ms: the offline retry and the panel's refresh intervals.
        renew_ms: the renewal interval (default: a third of the campaign's lease).

    Signals:
        joined(object): the :class:`CampaignInfo` once the table and the campaign were checked.
        failed(object): a :class:`TeamError` (or DatabaseUnavailable) the
            operator must see: joining refused (wrong pool...), a claim or an
            outcome refused for a reason other than the table being away.
        user_taken(str): a user was claimed and put on the wizard.
        nobody_waiting(): there is no user left to claim.
        outcome_recorded(object): a :class:`FinishResult`, or None when the
            outcome was kept in the outbox (the table is away).
        online_changed(bool): the table answers again (True) or not (False).
        lease_lost(str): another desk took the user in hand (the operator carries on).
        walk_in_refused(object): the :class:`TeamError` of :meth:`take` (``held`` says by whom).
        refreshed(object): a :class:`TeamSnapshot`.
        changed(): anything the panel shows changed.
    """

    joined = Signal(object)
    failed = Signal(object)
    user_taken = Signal(str)
    nobody_waiting = Signal()
    outcome_recorded = Signal(object)
    online_changed = Signal(bool)
    lease_lost = Signal(str)
    walk_in_refused = Signal(object)
    refreshed = Signal(object)
    changed = Signal()

    def __init__(
        self,
        enrollment: EnrollmentPort,
        wizard: WizardPort,
        open_desk: Callable[[], TeamDesk],
        *,
        pool_id: str | None,
        parent: QObject | None = None,
        retry_ms: int = RETRY_MS,
        refresh_ms: int = REFRESH_MS,
        renew_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teamRunner")
        self.enrollment = enrollment
        self.wizard = wizard
        self._open_desk = open_desk
        self.pool_id = pool_id
        self._renew_ms = renew_ms
        self.desk: TeamDesk | None = None
        self.info: CampaignInfo | None = None
        self.snapshot: TeamSnapshot | None = None
        self.hand: _Hand | None = None
        self.online = True
        self.kept = 0  # outcomes waiting in the outbox
        self.stopped = False  # joining failed, or the campaign closed: no more claims
        self.lost: str | None = None  # the user in hand whose lease another desk took
        self.error: Exception | None = None  # the last problem the operator was told
        self.walk_in = ""  # the username of the last walk-in asked for
        self.queue = SessionQueue()
        self.referee = QueueReferee(self.queue)
        self.trouble: Counter[str] = Counter()
        self._claiming = False
        self._refreshing = False
        self._closed = False
        self._pool = TaskPool(self, max_threads=1)
        self.renew_timer = QTimer(self)
        self.renew_timer.setObjectName("teamRenewTimer")
        self.renew_timer.timeout.connect(self._renew)
        self.retry_timer = QTimer(self)
        self.retry_timer.setObjectName("teamRetryTimer")
        self.retry_timer.setInterval(retry_ms)
        self.retry_timer.timeout.connect(self.retry_now)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setObjectName("teamRefreshTimer")
        self.refresh_timer.setInterval(refresh_ms)
        self.refresh_timer.timeout.connect(self.refresh)
        resent = getattr(enrollment, "sms_code_resent", None)  # the controller has it; a test's port may not
        self._wiring = follow(enrollment, wizard, self, *([(resent, self._on_sms_code_resent)] if resent else []))

    # -- what the window reads ------------------------------------------------------------

    @property
    def current(self) -> str | None:
        """The user this desk holds (on the wizard), if any."""
        return self.hand.user.username if self.hand is not None else None

    @property
    def busy(self) -> bool:
        """A table call is under way (the tests wait for it to settle)."""
        return bool(self._pool.tasks)

    # -- running table calls --------------------------------------------------------------

    def _run(self, work: Callable[[], Any], success: Callable[[Any], object], failure: Callable[[Any], object]) -> None:
        if self._closed:
            return
        BackgroundTask(work, owner=self, pool=self._pool).success(success).failure(failure).run_in_background()

    def _problem(self, error: Exception) -> None:
        """Tell the operator (unless the table is merely away: the banner says that)."""
        if isinstance(error, TeamError) and error.kind in _AWAY:
            self._away()
            return
        if not isinstance(error, TeamError):
            from cogtotp_gui.campaign.database import DatabaseUnavailable

            if not isinstance(error, DatabaseUnavailable):
                raise error
        self.error = error
        self.failed.emit(error)
        self.changed.emit()

    # -- joining --------------------------------------------------------------------------

    def start(self) -> None:
        """Join: check the table and the campaign (its pool), then claim the first user."""

        def work() -> tuple[TeamDesk, CampaignInfo]:
            desk = self._open_desk()
            return desk, desk.store.join(self.pool_id)

        self._run(work, self._on_joined, self._on_join_failed)

    def _on_joined(self, result: tuple[TeamDesk, CampaignInfo]) -> None:
        self.desk, self.info = result
        interval = self._renew_ms if self._renew_ms is not None else int(self.info.lease_seconds * 1000 / 3)
        self.renew_timer.setInterval(max(1, interval))
        self.joined.emit(self.info)
        self.refresh_timer.start()
        self.refresh()
        self._claim()

    def _on_join_failed(self, error: Exception) -> None:
        if isinstance(error, TeamError) and error.kind in _AWAY:
            # The table did not answer: the offline banner; the retry joins.
            self.error = error
            self._away()
            return
        self.stopped = True  # wrong pool, no such campaign...: the operator must act
        self._problem(error)

    # -- claiming -------------------------------------------------------------------------

    def _may_claim(self) -> bool:
        return (
            self.desk is not None
            and not self.stopped
            and not self._closed
            and self.online
            and not self._claiming
            and self.hand is None
            and not self.enrollment.enrollment_in_progress
        )

    def _claim(self) -> None:
        if not self._may_claim():
            return
        desk = self.desk
        assert desk is not None
        self._claiming = True
        self._run(desk.next_user, self._on_claimed, self._on_claim_failed)

    def _on_claimed(self, user: TeamUser | None) -> None:
        self._claiming = False
        if user is None:
            self.nobody_waiting.emit()
            self.changed.emit()
            return
        if self.enrollment.enrollment_in_progress or self.hand is not None:
            # The operator began someone else meanwhile (typed a username): back it goes.
            self._release(_Hand(user))
            return
        self._hold(user)

    def _on_claim_failed(self, error: Exception) -> None:
        self._claiming = False
        if isinstance(error, TeamError) and error.kind is TeamErrorKind.CAMPAIGN_CLOSED:
            self.stopped = True
        self._problem(error)

    def _hold(self, user: TeamUser) -> None:
        """``user`` is this desk's: on the wizard, the password focused; the lease renewed."""
        self.hand = _Hand(user)
        self.lost = None
        self.trouble.clear()
        if self._on_queue_changed in self.queue.listeners:
            self.queue.listeners.remove(self._on_queue_changed)
        self.queue = SessionQueue([user.username])
        self.referee = QueueReferee(self.queue)
        self.referee.take_next()
        self.queue.listeners.append(self._on_queue_changed)
        self.renew_timer.start()
        self.wizard.prefill_user(user.username)
        self.user_taken.emit(user.username)
        self.changed.emit()

    def take(self, username: str) -> bool:
        """A walk-in: take ``username`` out of turn. The user in hand, if
        nothing was started for them, goes back to waiting once the walk-in
        is this desk's; a refusal (``walk_in_refused``: held by another
        desk, finished, not in the campaign) changes nothing. False if it
        cannot be asked now (a user is half-way, or the desk has not joined)."""
        username = username.strip()
        desk = self.desk
        if not username or desk is None or self.stopped or self._claiming or self.enrollment.enrollment_in_progress:
            return False
        self.walk_in = username
        old = self.hand if self.hand is not None and self.hand.written is None else None
        if old is not None and old.user.username == username:
            self.wizard.prefill_user(username)
            return True

        def work() -> TeamUser:
            user = desk.take(username)
            if old is not None:
                old.written = UserState.WAITING  # no renewal of it after this
                try:
                    desk.store.release(old.lease)
                except TeamError as error:
                    log.info("a user could not be put back: %s", error.kind.value)
            return user

        self._claiming = True
        self._run(work, self._on_walk_in, self._on_walk_in_refused)
        return True

    def _on_walk_in(self, user: TeamUser) -> None:
        self._claiming = False
        if self.hand is not None:
            if self._on_queue_changed in self.queue.listeners:
                self.queue.listeners.remove(self._on_queue_changed)  # the old user went back as it was
            self.hand = None
        self._hold(user)

    def _on_walk_in_refused(self, error: Exception) -> None:
        self._claiming = False
        if not isinstance(error, TeamError):
            self._problem(error)
            return
        if error.kind in _AWAY:
            self._away()
        self.walk_in_refused.emit(error)
        self._claim()  # only if this desk holds nobody

    def skip(self, reason: str = "") -> bool:
        """Leave the user in hand out (not at the desk, no phone...): recorded
        *skipped* with ``reason``, the wizard wiped, the next user claimed.
        False if there is no user in hand whose outcome is still open."""
        hand = self.hand
        if hand is None or hand.written is not None or self.queue.current is None:
            return False
        self.queue.skip(hand.user.username, reason)  # -> the listener writes it
        self.wizard.start_next_user()  # -> user_finished: the next one
        return True

    # -- following the wizard ------------------------------------------------------------

    @Slot(object)
    def _on_step_changed(self, step: Step) -> None:
        if self.hand is not None:
            self.referee.step_reached(step.value, self.enrollment.view.username)

    @Slot(object)
    def _on_failed(self, error: EnrollmentError) -> None:
        if self.hand is None:
            return
        trouble = trouble_of(error.kind.value, self.enrollment.view.step.value)
        if trouble is not None:
            self.trouble[trouble] += 1
        self.referee.error(error.kind.value, self.enrollment.view.username)

    @Slot(object)
    def _on_sms_code_resent(self, _view: object) -> None:
        if self.hand is not None:
            self.trouble["sms_not_delivered"] += 1

    @Slot()
    def _on_user_finished(self) -> None:
        """The wizard wiped its user (Next user on Done, Stop, the idle wipe): the next one."""
        if self.hand is not None:
            self.referee.user_left()  # skipped, already on TOTP, or released: written by the listener
        self.hand = None
        self.lost = None
        self.renew_timer.stop()
        self.changed.emit()
        self._claim()

    @Slot(str, object)
    def _on_rehearsal_verdict(self, username: str, verdict: RehearsalVerdict) -> None:
        self.referee.rehearsed(username, verdict.took, verdict.value)

    @Slot(str)
    def _on_rehearsal_left(self, username: str) -> None:
        self.referee.rehearsal_left(username)

    def _on_queue_changed(self, change: QueueChange) -> None:
        """The referee decided: write what it means for the user in hand."""
        hand, entry = self.hand, change.entry
        if change.kind != "changed" or entry is None or hand is None or entry.username != hand.user.username:
            return  # a username typed over the claimed one is not the campaign's (take them as a walk-in)
        if entry.state is UserState.WAITING and hand.written is None:
            self._release(hand)
        elif entry.state.finished and hand.written is None:
            hand.written = entry.state
            self.renew_timer.stop()
            self._finish(hand, entry.state, entry.reason, entry.started_at)
        elif hand.written is UserState.ENROLLED and entry.state in (UserState.VERIFIED, UserState.FAILED):
            hand.written = entry.state
            self._rehearsed(hand, entry.state, entry.reason)

    # -- writing ------------------------------------------------------------------------------

    def _release(self, hand: _Hand) -> None:
        desk = self.desk
        if desk is None:
            return
        hand.written = UserState.WAITING

        def work() -> None:
            try:
                desk.store.release(hand.lease)
            except TeamError as error:
                # Lost already, or the table is away: the lease lapses by itself.
                log.info("a user could not be put back: %s", error.kind.value)

        self._run(work, lambda _none: self.changed.emit(), self._problem)

    def _finish(self, hand: _Hand, state: UserState, reason: str, started_at: float | None) -> None:
        desk = self.desk
        if desk is None:
            return
        error = reason if state is UserState.FAILED else ""
        why = reason if state is UserState.SKIPPED else ""
        trouble = dict(self.trouble)
        started = hand.user.started_at if hand.user.started_at is not None else started_at

        def work() -> tuple[FinishResult | None, int]:
            result = desk.finish(hand.lease, state, error=error, reason=why, started_at=started, trouble=trouble)
            return result, desk.kept if result is None else 0

        self._run(work, self._on_finished, self._problem)

    def _on_finished(self, result: tuple[FinishResult | None, int]) -> None:
        outcome, kept = result
        if outcome is None:
            self.kept = kept
            self._away()
        self.outcome_recorded.emit(outcome)
        self.changed.emit()

    def _rehearsed(self, hand: _Hand, state: UserState, reason: str) -> None:
        desk = self.desk
        if desk is None:
            return
        username = hand.user.username
        self._run(
            lambda: desk.rehearsed(username, state, reason=reason), lambda _ok: self.changed.emit(), self._problem
        )

    @Slot()
    def _renew(self) -> None:
        hand, desk = self.hand, self.desk
        if hand is None or desk is None or hand.written is not None or self.lost is not None:
            self.renew_timer.stop()
            return

        def work() -> None:
            if hand.written is None:
                hand.lease = desk.renew(hand.lease)

        def failed(error: Exception) -> None:
            if isinstance(error, TeamError) and error.kind is TeamErrorKind.LEASE_LOST:
                self.renew_timer.stop()
                if self.hand is hand:
                    self.lost = hand.user.username
                    self.error = error
                    self.lease_lost.emit(hand.user.username)
                    self.changed.emit()
                return
            self._problem(error)

        self._run(work, lambda _none: None, failed)

    # -- the table away and back ----------------------------------------------------------------

    def _away(self) -> None:
        if self.online:
            self.online = False
            self.online_changed.emit(False)
        if not self.retry_timer.isActive() and not self._closed:
            self.retry_timer.start()
        self.changed.emit()

    @Slot()
    def retry_now(self) -> None:
        """Try the table again: write the kept outcomes, then look (one read);
        back online, claiming resumes (joining first, if it never answered)."""
        desk = self.desk
        if desk is None:
            if not self.stopped:
                self.retry_timer.stop()
                self.online = True
                self.start()
            return

        def work() -> tuple[bool, int, list[FinishResult], CampaignInfo | None]:
            results = desk.flush()
            if not desk.online:
                return False, desk.kept, results, None
            try:
                info = desk.store.info()
            except TeamError as error:
                if error.kind in _AWAY:
                    return False, desk.kept, results, None
                raise
            return True, 0, results, info

        self._run(work, self._on_retried, self._problem)

    def _on_retried(self, result: tuple[bool, int, list[FinishResult], CampaignInfo | None]) -> None:
        back, kept, results, info = result
        self.kept = kept
        for outcome in results:
            self.outcome_recorded.emit(outcome)
        if not back:
            self.changed.emit()
            return
        self.retry_timer.stop()
        self.online = True
        self.error = None
        if info is not None:
            self.info = info
        self.online_changed.emit(True)
        self.changed.emit()
        self.refresh()
        self._claim()

    # -- the team queue ----------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the team's counts (the campaign item) and who holds whom (the index)."""
        desk = self.desk
        if desk is None or self._refreshing:
            return
        self._refreshing = True

        def work() -> TeamSnapshot:
            return TeamSnapshot(desk.store.info(), desk.store.in_state(UserState.IN_PROGRESS))

        def done(snapshot: TeamSnapshot) -> None:
            self._refreshing = False
            self.snapshot = snapshot
            self.info = snapshot.info
            self.refreshed.emit(snapshot)
            self.changed.emit()
            # A desk left with nobody to take looks again at each refresh:
            # users imported since, or a crashed desk's lapsed lease.
            self._claim()

        def failed(error: Exception) -> None:
            self._refreshing = False
            if isinstance(error, TeamError) and error.kind in _AWAY:
                self._away()
            else:
                self._problem(error)

        self._run(work, done, failed)

    # -- closing ------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop: no more calls of this runner's; a user claimed but not
        started goes back to waiting (on the shared pool, which quitting
        waits for briefly; else the lease lapses by itself)."""
        if self._closed:
            return
        for timer in (self.renew_timer, self.retry_timer, self.refresh_timer):
            timer.stop()
        unfollow(self._wiring)
        self._closed = True
        self._pool.shutdown(0)
        hand, desk = self.hand, self.desk
        if (
            hand is not None
            and desk is not None
            and hand.written is None
            and not self.enrollment.enrollment_in_progress
        ):
            lease = hand.lease

            def release() -> None:
                try:
                    desk.store.release(lease)
                except TeamError:
                    pass

            BackgroundTask(release, pool=default_pool()).run_in_background()
        self.hand = None
