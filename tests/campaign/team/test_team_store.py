"""The DynamoDB store's rules against moto's DynamoDB, in process."""

from __future__ import annotations

import os
import stat

import pytest

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.desk import TeamDesk
from cogtotp_gui.campaign.team.dynamo import TeamStore, counts_of, dynamodb_client
from cogtotp_gui.campaign.team.model import Identity, TeamError, TeamErrorKind
from cogtotp_gui.campaign.team.outbox import Outbox

from .conftest import POOL, TABLE, FakeClock


def assert_counters_match(store: TeamStore) -> None:
    assert store.info().counts == counts_of(store.users())


def test_two_desks_take_different_users_in_list_order(desk_factory):
    alice, bob = desk_factory("alice"), desk_factory("bob")
    assert alice.import_users(["u1", "u2", "u3"]) == (3, 0)
    first, second = alice.claim_next(), bob.claim_next()
    assert (first.username, second.username) == ("u1", "u2")
    assert first.holder != second.holder and first.operator.endswith("/alice")
    assert_counters_match(alice)
    assert alice.info().counts[UserState.IN_PROGRESS] == 2


def test_import_keeps_users_already_there_and_fills_transactions_of_99(desk_factory):
    lead = desk_factory("lead")
    names = [f"user{i:03}" for i in range(250)]
    assert lead.import_users(names[:120]) == (120, 0)
    assert lead.import_users([*names[100:], "user000", "user000"]) == (130, 21)
    users = lead.users()
    assert [u.username for u in users] == names  # list order: first import first
    assert [u.position for u in users] == list(range(250))
    assert lead.info().counts[UserState.WAITING] == 250


def test_outcome_is_written_only_while_the_desk_holds_the_user(desk_factory):
    alice = desk_factory("alice")
    alice.import_users(["u1"])
    user = alice.claim_next()
    lease = alice.renew(user.lease)
    assert lease.version == user.lease_version + 1
    result = alice.finish(lease, UserState.ENROLLED)
    assert result.accepted and not result.conflict
    done = alice.user("u1")
    assert done.state is UserState.ENROLLED and not done.holder and done.finished_at is not None
    info = alice.info()
    assert info.by_operator == {alice.identity.operator: 1} and sum(info.by_day.values()) == 1
    assert_counters_match(alice)
    with pytest.raises(TeamError) as lost:
        alice.renew(lease)
    assert lost.value.kind is TeamErrorKind.LEASE_LOST


def test_a_lease_lapses_only_after_a_whole_lease_seen_on_the_waiting_desks_own_clock(desk_factory):
    clock_a, clock_b = FakeClock(), FakeClock()
    alice = desk_factory("alice", clock=clock_a, lease=60)
    bob = desk_factory("bob", clock=clock_b)
    alice.import_users(["u1"])
    held = alice.claim_next()
    # Alice's clock may say anything: Bob never reads it.
    clock_a.advance(10_000)
    assert bob.claim_next() is None  # first sight of version 1: Bob starts waiting
    clock_b.advance(59)
    assert bob.claim_next() is None
    with pytest.raises(TeamError) as walk_in:
        bob.claim("u1")
    assert walk_in.value.kind is TeamErrorKind.HELD and "alice" in walk_in.value.holder
    lease = alice.renew(held.lease)  # a new version: Bob's wait starts again
    clock_b.advance(30)
    assert bob.claim_next() is None
    clock_b.advance(59)
    assert bob.claim_next() is None
    clock_b.advance(1)  # a whole lease since version 2, but Bob looks every third of a lease
    assert bob.claim_next() is None
    clock_b.advance(19)
    taken = bob.claim_next()
    assert taken.username == "u1" and taken.holder == bob.holder
    assert taken.lease_version == lease.version + 1
    with pytest.raises(TeamError) as lost:
        alice.renew(lease)
    assert lost.value.kind is TeamErrorKind.LEASE_LOST and "bob" in lost.value.holder
    assert alice.info().takeovers == 1
    assert_counters_match(alice)


def test_a_late_outcome_is_kept_when_the_user_has_none_and_the_conflict_is_recorded(desk_factory):
    clock_b = FakeClock()
    alice, bob = desk_factory("alice"), desk_factory("bob", clock=clock_b)
    alice.import_users(["u1"])
    held = alice.claim_next()
    bob.claim_next()
    clock_b.advance(61)
    taken = bob.claim_next()
    assert taken.username == "u1"
    # Alice was asleep with the user enrolled in Cognito: her outcome still counts.
    late = alice.finish(held.lease, UserState.ENROLLED)
    assert late.accepted and late.conflict and late.state is UserState.ENROLLED
    user = alice.user("u1")
    assert user.state is UserState.ENROLLED and "late outcome" in user.conflict and "bob" in user.conflict
    # Bob finishes too (Cognito told him the user is already on TOTP): kept out, noted.
    second = bob.finish(taken.lease, UserState.ALREADY_TOTP)
    assert not second.accepted and second.conflict and second.state is UserState.ENROLLED
    info = alice.info()
    assert info.conflicts == 2 and info.counts[UserState.ENROLLED] == 1 and info.counts[UserState.ALREADY_TOTP] == 0
    assert_counters_match(alice)


def test_walk_ins(desk_factory):
    alice, bob = desk_factory("alice"), desk_factory("bob")
    alice.import_users(["u1", "u2", "u3"])
    assert bob.claim("u3").username == "u3"  # out of turn
    assert alice.claim_next().username == "u1"
    with pytest.raises(TeamError) as held:
        alice.claim("u3")
    assert (
        held.value.kind is TeamErrorKind.HELD and held.value.holder == "arn:aws:iam::123456789012:user/bob (bob-pc/bob)"
    )
    bob.finish(bob.held_by_me()[0], UserState.SKIPPED, reason="not today")
    with pytest.raises(TeamError) as finished:
        alice.claim("u3")
    assert finished.value.kind is TeamErrorKind.FINISHED and finished.value.state == "skipped"
    with pytest.raises(TeamError) as missing:
        alice.claim("nobody")
    assert missing.value.kind is TeamErrorKind.NOT_IN_CAMPAIGN
    alice.retry("u3")
    assert alice.user("u3").state is UserState.WAITING
    assert alice.info().failures == {"not today": 1}
    assert_counters_match(alice)


def test_release_puts_the_user_back_in_place(desk_factory):
    alice = desk_factory("alice")
    alice.import_users(["u1", "u2"])
    user = alice.claim_next()
    alice.release(user.lease)
    assert alice.claim_next().username == "u1"
    assert_counters_match(alice)


def test_every_change_of_a_closed_campaign_says_it_is_closed(desk_factory):
    """One transaction wrapper: the campaign item's refusal is ``campaign_closed``
    for each change (the retry said ``finished``, a late outcome's note kept
    reading the user until it gave up as ``conflict``)."""
    lead, desk = desk_factory("lead"), desk_factory("desk")
    lead.import_users(["u1", "u2"])
    first = desk.claim_next()
    desk.finish(first.lease, UserState.FAILED, error="user_state")
    second = desk.claim_next()
    lead.close()
    for change in (
        lambda: desk.retry("u1"),
        lambda: desk.release(second.lease),
        lambda: desk.record_late("u1", UserState.ENROLLED),
        lambda: desk.finish(second.lease, UserState.ENROLLED),
    ):
        with pytest.raises(TeamError) as closed:
            change()
        assert closed.value.kind is TeamErrorKind.CAMPAIGN_CLOSED
    assert lead.user("u2").state is UserState.IN_PROGRESS and lead.user("u1").state is UserState.FAILED


def test_a_desk_connected_to_another_pool_is_refused(desk_factory):
    desk_factory("lead")
    other = desk_factory("other")
    with pytest.raises(TeamError) as refused:
        other.join("eu-west-1_Other999")
    assert refused.value.kind is TeamErrorKind.WRONG_POOL and POOL in str(refused.value)


def test_a_campaign_of_a_newer_schema_is_refused(client, desk_factory):
    desk = desk_factory("lead")
    client.update_item(
        TableName=TABLE,
        Key={"pk": {"S": "c#spring"}, "sk": {"S": "#campaign"}},
        UpdateExpression="SET #s = :v",
        ExpressionAttributeNames={"#s": "schema"},
        ExpressionAttributeValues={":v": {"N": "2"}},
    )
    with pytest.raises(TeamError) as refused:
        desk.join(POOL)
    assert refused.value.kind is TeamErrorKind.SCHEMA_TOO_NEW


def test_a_table_of_another_shape_is_refused(client):
    client.create_table(
        TableName="other",
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    store = TeamStore(client, "other", "spring", Identity("arn:x", "pc/x"))
    with pytest.raises(TeamError) as refused:
        store.join(POOL)
    assert refused.value.kind is TeamErrorKind.TABLE_SHAPE
    missing = TeamStore(client, "nope", "spring", Identity("arn:x", "pc/x"))
    with pytest.raises(TeamError) as gone:
        missing.join(POOL)
    assert gone.value.kind is TeamErrorKind.TABLE_MISSING and gone.value.action == "DescribeTable"


def test_a_closed_campaign_takes_no_claims_and_its_personal_data_gets_a_time_to_live(client, desk_factory):
    lead = desk_factory("lead")
    lead.import_users(["u1"])
    desk = desk_factory("desk")
    lead.close()
    with pytest.raises(TeamError) as closed:
        desk.claim_next()
    assert closed.value.kind is TeamErrorKind.CAMPAIGN_CLOSED
    item = client.get_item(TableName=TABLE, Key={"pk": {"S": "c#spring"}, "sk": {"S": "u#u1"}})["Item"]
    assert int(item["expires_at"]["N"]) > lead.info().closed_at + 80 * 86400
    with pytest.raises(TeamError) as refused:
        desk.join(POOL)
    assert refused.value.kind is TeamErrorKind.CAMPAIGN_CLOSED


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("AccessDeniedException", TeamErrorKind.ACCESS_DENIED),
        ("ProvisionedThroughputExceededException", TeamErrorKind.THROTTLED),
        ("ThrottlingException", TeamErrorKind.THROTTLED),
        ("ValidationException", TeamErrorKind.AWS),
    ],
)
def test_aws_errors_name_the_call_and_change_nothing(desk_factory, faults, code, kind):
    desk = desk_factory("alice")
    desk.import_users(["u1"])
    user = desk.claim_next()
    faults.fail("UpdateItem", code, times=5)
    with pytest.raises(TeamError) as failed:
        desk.renew(user.lease)
    assert failed.value.kind is kind and failed.value.action == "UpdateItem" and failed.value.code == code
    faults.plans.clear()
    assert desk.renew(user.lease).version == user.lease_version + 1  # the lease was untouched


def test_a_transaction_that_collides_on_the_counter_item_is_retried_with_growing_jitter(desk_factory, faults):
    desk = desk_factory("alice")
    desk.import_users(["u1"])
    waits: list[float] = []
    desk._sleep = waits.append
    faults.fail("TransactWriteItems", "TransactionCanceledException", times=3, reasons=["None", "TransactionConflict"])
    user = desk.claim_next()
    assert user.username == "u1" and len(waits) == 3
    assert all(0 <= w <= 0.02 * 2**i for i, w in enumerate(waits))
    faults.fail("TransactWriteItems", "TransactionConflictException", times=20)
    with pytest.raises(TeamError) as busy:
        desk.finish(user.lease, UserState.ENROLLED)
    assert busy.value.kind is TeamErrorKind.CONFLICT
    faults.plans.clear()
    assert desk.user("u1").state is UserState.IN_PROGRESS
    assert_counters_match(desk)


def test_offline_outcomes_wait_in_the_outbox_and_no_new_claims_meanwhile(desk_factory, faults, tmp_path):
    store = desk_factory("alice")
    store.import_users(["u1", "u2"])
    outbox_path = tmp_path / "data" / "team-outbox.sqlite3"
    desk = TeamDesk(store, Outbox(outbox_path))
    user = desk.next_user()
    faults.unreachable("TransactWriteItems")
    trouble = {"sms_not_delivered": 1, "wrong_totp_code": 2}
    assert desk.finish(user.lease, UserState.ENROLLED, started_at=user.started_at, trouble=trouble) is None
    assert not desk.online and desk.kept == 1
    assert stat.S_IMODE(os.stat(outbox_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(outbox_path.parent).st_mode) == 0o700
    # The app is restarted meanwhile: the kept outcome is on disk.
    desk.outbox.close()
    desk = TeamDesk(store, Outbox(outbox_path))
    faults.unreachable("TransactWriteItems")
    with pytest.raises(TeamError) as offline:
        desk.next_user()
    assert offline.value.kind is TeamErrorKind.OFFLINE and desk.kept == 1
    assert store.user("u2").state is UserState.WAITING
    # The table answers again: the outcome goes first, then the next claim.
    assert desk.next_user().username == "u2"
    assert desk.online and desk.kept == 0
    done = store.user("u1")
    assert done.state is UserState.ENROLLED and not done.conflict  # its own lease: no conflict
    assert done.trouble == trouble and store.info().trouble == trouble
    assert_counters_match(store)


def test_plain_http_goes_only_to_this_computer(aws, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamo.example.com:8000")
    with pytest.raises(TeamError) as refused:
        dynamodb_client("eu-west-1")
    assert refused.value.kind is TeamErrorKind.INSECURE_ENDPOINT
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")
    assert dynamodb_client("eu-west-1").meta.endpoint_url == "http://127.0.0.1:8000"


def test_a_rehearsals_verdict_moves_an_enrolled_user_and_only_the_state_counters(desk_factory):
    desk = desk_factory("alice")
    desk.import_users(["ann", "ben", "cid"])
    for _ in range(3):
        desk.finish(desk.claim_next().lease, UserState.ENROLLED)
    before = desk.info()
    assert desk.rehearsed("ann", UserState.VERIFIED)
    assert desk.rehearsed("ben", UserState.FAILED, reason="rehearsal_sms")
    assert not desk.rehearsed("ann", UserState.VERIFIED)  # not enrolled any more: nothing written
    after = desk.info()
    assert desk.user("ann").state is UserState.VERIFIED
    assert (desk.user("ben").state, desk.user("ben").error) == (UserState.FAILED, "rehearsal_sms")
    assert after.counts == counts_of(desk.users())
    assert (after.counts[UserState.ENROLLED], after.counts[UserState.VERIFIED]) == (1, 1)
    assert after.failures == {"rehearsal_sms": 1}
    assert after.by_day == before.by_day and after.by_operator == before.by_operator  # finished once, counted once
    with pytest.raises(ValueError):
        desk.rehearsed("cid", UserState.SKIPPED)


def test_a_verdict_while_the_table_is_away_changes_the_kept_outcome(desk_factory, faults, tmp_path):
    store = desk_factory("alice")
    store.import_users(["ann"])
    desk = TeamDesk(store, Outbox(tmp_path / "outbox.sqlite3"))
    user = desk.next_user()
    faults.unreachable("TransactWriteItems", times=8)
    assert desk.finish(user.lease, UserState.ENROLLED) is None
    assert desk.rehearsed("ann", UserState.VERIFIED)  # the kept outcome, not the table
    faults.plans.clear()
    (result,) = desk.flush()
    assert result.state is UserState.VERIFIED and not result.conflict
    assert store.user("ann").state is UserState.VERIFIED
