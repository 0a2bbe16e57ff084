"""Several desks interleaving claims, walk-ins, renewals, outcomes, clock
moves and crashes on one campaign (moto's DynamoDB in process), generated
by hypothesis. After every step: the counters equal a full scan, a user is
held iff in progress, a final outcome never changes, every desk's own view
of what it holds agrees with the table, and a desk took over a user only
after a whole lease of its own clock since that lease's version was written.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.dynamo import TeamStore, counts_of, create_table
from cogtotp_gui.campaign.team.model import Identity, Lease, TeamError, TeamErrorKind

from .conftest import POOL, FakeClock

LEASE = 60.0
USERS = [f"user{i}" for i in range(4)]
FINALS = [UserState.ENROLLED, UserState.ALREADY_TOTP, UserState.SKIPPED, UserState.FAILED]
_tables = itertools.count()


def machine(client):
    class Desks(RuleBasedStateMachine):
        @initialize()
        def campaign(self):
            self.table = f"t{next(_tables)}"
            create_table(client, self.table, wait=False)
            self.clocks: dict[int, FakeClock] = {}
            self.desks: dict[int, TeamStore] = {}
            self.held: dict[int, dict[str, Lease]] = {}
            self.numbers = itertools.count()
            for _ in range(2):
                self._start_desk()
            lead = next(iter(self.desks.values()))
            lead.create(POOL, lease_seconds=LEASE)
            lead.import_users(USERS)
            for desk in self.desks.values():
                desk.join(POOL)
            self.finals: dict[str, UserState] = {}
            # Each desk's clock when a user's lease version was last written.
            self.written_at: dict[str, dict[int, float]] = {}

        def _start_desk(self) -> int:
            number = next(self.numbers)
            clock = FakeClock()
            desk = TeamStore(
                client,
                self.table,
                "c",
                Identity(f"arn:op{number}", f"pc{number}/op"),
                clock=clock,
                sleep=lambda _s: None,
                spread=1,  # strictly in list order: hypothesis replays an example exactly
            )
            if hasattr(self, "finals"):
                desk.join(POOL)
            self.clocks[number], self.desks[number], self.held[number] = clock, desk, {}
            for written in getattr(self, "written_at", {}).values():
                written[number] = clock.now  # a new desk has seen nothing before it started
            return number

        def _wrote_lease(self, username: str) -> None:
            self.written_at[username] = {n: c.now for n, c in self.clocks.items()}

        def _table_user(self, username: str):
            """As the invariant last read it (after the previous step)."""
            return self.snapshot[username]

        def _took(self, number: int, user, before) -> None:
            if before.state is UserState.IN_PROGRESS:
                # A take-over: only after a whole lease on the taker's own clock.
                seen_from = self.written_at[user.username].get(number)
                assert seen_from is not None and self.clocks[number].now - seen_from >= LEASE
            else:
                assert before.state is UserState.WAITING
            self.held[number][user.username] = user.lease
            self._wrote_lease(user.username)

        desk_numbers = st.integers(min_value=0, max_value=50)

        def _desk(self, index: int) -> int:
            numbers = sorted(self.desks)
            return numbers[index % len(numbers)]

        @rule(index=desk_numbers)
        def claim_next(self, index):
            number = self._desk(index)
            before = self.snapshot
            user = self.desks[number].claim_next()
            if user is not None:
                self._took(number, user, before[user.username])

        @rule(index=desk_numbers, username=st.sampled_from(USERS))
        def walk_in(self, index, username):
            number = self._desk(index)
            before = self._table_user(username)
            try:
                user = self.desks[number].claim(username)
            except TeamError as error:
                assert error.kind in (TeamErrorKind.HELD, TeamErrorKind.FINISHED)
                if error.kind is TeamErrorKind.FINISHED:
                    assert before.state.finished
                else:
                    assert before.state is UserState.IN_PROGRESS and error.holder
                return
            if user.holder == before.holder:
                assert before.holder == self.desks[number].holder  # its own
                return
            self._took(number, user, before)

        def _held_pairs(self):
            return [(n, name) for n in sorted(self.held) for name in sorted(self.held[n])]

        @precondition(lambda self: any(self.held.values()))
        @rule(pick=st.integers(min_value=0, max_value=50))
        def renew(self, pick):
            pairs = self._held_pairs()
            number, username = pairs[pick % len(pairs)]
            lease = self.held[number][username]
            before = self._table_user(username)
            current = before.state is UserState.IN_PROGRESS and before.lease == lease
            try:
                self.held[number][username] = self.desks[number].renew(lease)
            except TeamError as error:
                assert error.kind is TeamErrorKind.LEASE_LOST and not current
                del self.held[number][username]
                return
            assert current
            self._wrote_lease(username)

        @precondition(lambda self: any(self.held.values()))
        @rule(pick=st.integers(min_value=0, max_value=50), state=st.sampled_from(FINALS))
        def finish(self, pick, state):
            pairs = self._held_pairs()
            number, username = pairs[pick % len(pairs)]
            lease = self.held[number].pop(username)
            before = self._table_user(username)
            result = self.desks[number].finish(lease, state, reason="r" if state is UserState.SKIPPED else "")
            if before.state is UserState.IN_PROGRESS and before.lease == lease:
                assert result.accepted and not result.conflict
            elif before.state.finished:
                assert not result.accepted and result.conflict and result.state is before.state
            else:
                assert result.accepted and result.conflict
            if result.accepted:
                assert username not in self.finals
                self.finals[username] = state

        @precondition(lambda self: any(self.held.values()))
        @rule(pick=st.integers(min_value=0, max_value=50))
        def release(self, pick):
            pairs = self._held_pairs()
            number, username = pairs[pick % len(pairs)]
            lease = self.held[number].pop(username)
            before = self._table_user(username)
            try:
                self.desks[number].release(lease)
            except TeamError as error:
                assert error.kind is TeamErrorKind.LEASE_LOST
                assert not (before.state is UserState.IN_PROGRESS and before.lease == lease)
                return
            assert before.lease == lease

        @rule(index=desk_numbers, seconds=st.sampled_from([1.0, 21.0, 30.0, 45.0, 61.0]))
        def time_passes(self, index, seconds):
            """The desk looks at who is in progress, then its clock moves on."""
            number = self._desk(index)
            self.desks[number].watch_leases()
            self.clocks[number].advance(seconds)

        @precondition(lambda self: len(self.desks) > 1)
        @rule(index=desk_numbers)
        def crash(self, index):
            """The desk dies with whatever it holds; a new one starts (a new holder)."""
            number = self._desk(index)
            del self.desks[number], self.held[number], self.clocks[number]
            self._start_desk()

        @invariant()
        def the_table_agrees(self):
            if not hasattr(self, "finals"):
                return
            some = next(iter(self.desks.values()))
            users = some.users()
            self.snapshot = {u.username: u for u in users}
            assert some.info().counts == counts_of(users)
            holders = {d.holder: n for n, d in self.desks.items()}
            for user in users:
                assert bool(user.holder) == (user.state is UserState.IN_PROGRESS)
                if user.username in self.finals:
                    assert user.state is self.finals[user.username]
                elif user.state.finished:
                    pytest.fail(f"{user.username} finished without a desk finishing them")
                if user.holder in holders:
                    # A live desk that holds a user knows it, at this version.
                    assert self.held[holders[user.holder]].get(user.username) == user.lease
            believed = [(name, lease) for held in self.held.values() for name, lease in held.items()]
            current = {u.username: u.lease for u in users if u.state is UserState.IN_PROGRESS}
            # At most one desk holds a user at the table's version: no user is held twice.
            for name in {n for n, _ in believed}:
                assert sum(1 for n, lease in believed if n == name and current.get(name) == lease) <= 1

    return Desks


@pytest.mark.timeout(300)  # ~45 s: moto answers each call in ~20 ms, ~300 steps
def test_desks_interleaving_claims_renewals_outcomes_expiries_and_crashes(client):
    run_state_machine_as_test(
        machine(client),
        settings=settings(
            max_examples=10,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
