"""The pool inventory against the strict emulator: classification, paging, quotas, IAM, resume."""

from __future__ import annotations

import threading

import pytest

from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.inventory import (
    InventoryError,
    Pacer,
    classify,
    scan,
)
from cogtotp_gui.campaign.inventory_store import InventoryStore
from cogtotp_gui.emulator.clock import ManualClock
from cogtotp_gui.emulator.quota import QuotaEnforcer
from cogtotp_gui.emulator.seed import INVENTORY_MIX, seed_inventory_users
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode

# The state each seeded kind of user must be classified as by an exact scan.
EXPECTED = {
    "sms": "sms",
    "legacy_sms": "sms",  # MFAOptions only, empty UserMFASettingList
    "totp": "totp",
    "both_totp_preferred": "totp",
    "both_sms_preferred": "sms",
    "email": "email",
    "none": "none",
    "unverified_token": "none",  # associated, never verified: not TOTP
    "disabled_sms": "sms",
    "temporary_password": "sms",
}


def _gateway(emulator):
    settings = ConnectionSettings(
        user_pool_id=emulator.seed.pool_id,
        client_id="inventory",
        region=emulator.seed.region,
        mode=SignInMode.ADMIN,
        endpoint_url=emulator.endpoint_url,
    )
    return CognitoGateway(settings, max_attempts=1)


@pytest.fixture
def store(tmp_path):
    store = InventoryStore.open(tmp_path / "campaign.sqlite3")
    yield store
    store.close()


@pytest.fixture
def pool(emulator):
    states = seed_inventory_users(emulator.emu, emulator.seed.pool_id, 100, region=emulator.seed.region)
    assert set(states.values()) == set(EXPECTED)
    return states


def _rows(store, emulator):
    return {row.username: row for row in store.users(emulator.seed.pool_id)}


def _set_pool_mfa(emulator, configuration):
    emulator.client.set_user_pool_mfa_config(
        UserPoolId=emulator.seed.pool_id,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration=configuration,
    )


@pytest.mark.parametrize("configuration", ["OPTIONAL", "ON"])
def test_exact_scan_classifies_every_state(emulator, store, pool, configuration):
    _set_pool_mfa(emulator, configuration)
    result = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    assert result.completed and result.mfa_configuration == configuration
    rows = _rows(store, emulator)
    assert result.total == len(rows) == 100 + len(emulator.seed.users)
    for username, state in pool.items():
        assert rows[username].mfa == EXPECTED[state], (username, state)
        assert rows[username].enabled is (state != "disabled_sms")
    both = next(u for u, s in pool.items() if s == "both_totp_preferred")
    assert rows[both].preferred == "totp"
    assert result.counts["sms"] == sum(1 for r in rows.values() if r.mfa == "sms")
    temporary = next(u for u, s in pool.items() if s == "temporary_password")
    assert rows[temporary].user_status == "FORCE_CHANGE_PASSWORD"


def test_a_pool_with_mfa_off_has_no_one_on_sms(emulator, store, pool):
    _set_pool_mfa(emulator, "OFF")
    result = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    assert result.mfa_configuration == "OFF"
    assert {row.mfa for row in store.users(emulator.seed.pool_id)} == {"none"}


def test_census_knows_only_the_legacy_option(emulator, store, pool):
    result = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=False)
    assert result.completed
    rows = _rows(store, emulator)
    for username, state in pool.items():
        assert rows[username].mfa == ("sms" if state == "legacy_sms" else "unknown")


def test_empty_pages_before_the_last_lose_nobody(emulator, store, pool):
    emulator.emu.set_list_users_empty_pages(3)
    result = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    assert result.completed
    assert set(pool) <= set(_rows(store, emulator))
    assert result.total == 100 + len(emulator.seed.users)


def test_throttling_is_retried_and_nobody_is_lost(emulator, store, pool):
    quota = QuotaEnforcer({"UserRead": 40.0, "UserList": 30.0})
    emulator.emu.set_quota(quota)
    result = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=400)
    assert result.completed and result.throttled > 0
    assert quota.rejected["UserRead"] > 0
    rows = _rows(store, emulator)
    for username, state in pool.items():
        assert rows[username].mfa == EXPECTED[state]


def test_progress_says_slowed_while_cognito_refuses_every_read(emulator, pool, monkeypatch, tmp_path):
    """No read completes while every call is refused: the scan must still say why nothing moves."""
    monkeypatch.setattr(inventory, "BACKOFF_BASE", 0.002)  # the quota's clock decides, not the backoff
    monkeypatch.setattr(inventory, "BACKOFF_CAP", 0.01)
    # A clock that never moves: 10 reads go through, then every read is refused.
    quota = QuotaEnforcer({"UserRead": 1.0}, burst=10.0, clock=ManualClock(0))
    emulator.emu.set_quota(quota)
    cancel = threading.Event()
    slowed = threading.Event()
    seen: list[inventory.Progress] = []

    def on_progress(progress: inventory.Progress) -> None:
        seen.append(progress)
        if progress.slowed and progress.throttled >= 20:
            slowed.set()

    outcome: dict[str, object] = {}

    def run() -> None:
        own = InventoryStore.open(tmp_path / "campaign.sqlite3")  # sqlite3: one connection per thread
        try:
            outcome["result"] = scan(
                _gateway(emulator), own, emulator.seed.pool_id, exact=True, cancel=cancel, on_progress=on_progress
            )
        finally:
            own.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert slowed.wait(30), "no progress said the scan was slowed down"
    finally:
        cancel.set()
        thread.join(30)
    result = outcome["result"]
    assert isinstance(result, inventory.ScanResult)
    assert not result.completed and result.throttled >= 20
    assert quota.accepted["UserRead"] == 10
    stuck = [p for p in seen if p.slowed]
    # Reported again and again while nothing was read, each with the refusals so far.
    assert len({p.throttled for p in stuck}) > 1 and {p.done for p in stuck} <= set(range(11))
    assert not any(p.slowed for p in seen if p.throttled == 0)


def test_access_denied_names_the_action_and_keeps_the_listing(emulator, store, pool):
    emulator.emu.deny("AdminGetUser")
    with pytest.raises(InventoryError) as caught:
        scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    assert caught.value.action == "cognito-idp:AdminGetUser"
    assert "cognito-idp:AdminGetUser" in str(caught.value)
    assert len(_rows(store, emulator)) > 0
    emulator.emu.allow()
    result = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    assert result.completed
    rows = _rows(store, emulator)
    assert all(rows[u].mfa == EXPECTED[s] for u, s in pool.items())


def test_list_users_denied_names_its_action(emulator, store):
    emulator.emu.deny("ListUsers")
    with pytest.raises(InventoryError) as caught:
        scan(_gateway(emulator), store, emulator.seed.pool_id, exact=False)
    assert caught.value.action == "cognito-idp:ListUsers"


def test_cancel_keeps_what_was_read_and_the_next_scan_resumes(emulator, store, pool):
    cancel = threading.Event()

    def progress(p):
        if p.done >= 20:
            cancel.set()

    first = scan(
        _gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=200, cancel=cancel, on_progress=progress
    )
    assert not first.completed
    done_before = store.db.connection.execute(
        "SELECT COUNT(*) FROM inventory_users WHERE read_scan = ?", (first.scan_id,)
    ).fetchone()[0]
    assert done_before >= 20
    second = scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    assert second.completed and second.scan_id == first.scan_id
    rows = _rows(store, emulator)
    assert all(rows[u].mfa == EXPECTED[s] for u, s in pool.items())


def test_no_phone_number_or_email_reaches_the_database(emulator, store, pool, tmp_path):
    scan(_gateway(emulator), store, emulator.seed.pool_id, exact=True, max_rps=500)
    store.db.connection.execute("PRAGMA wal_checkpoint(FULL)")
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"+1555" not in data and b"@example.com" not in data
    assert next(iter(pool)).encode() in data


def test_a_later_scan_drops_users_deleted_since(emulator, store, pool):
    scan(_gateway(emulator), store, emulator.seed.pool_id, exact=False)
    gone = next(iter(pool))
    emulator.client.admin_delete_user(UserPoolId=emulator.seed.pool_id, Username=gone)
    scan(_gateway(emulator), store, emulator.seed.pool_id, exact=False)
    assert gone not in _rows(store, emulator)


def test_classify_rules_without_a_server():
    assert classify({"UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]}) == ("sms", "")
    assert classify({"UserMFASettingList": ["EMAIL_OTP", "SOFTWARE_TOKEN_MFA"]}) == ("totp", "")
    assert classify({"MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]}) == ("sms", "")
    assert classify({"UserMFASettingList": ["SMS_MFA"], "PreferredMfaSetting": "SMS_MFA"}, "OFF") == ("none", "sms")


def test_a_throttled_reader_lowers_the_pace_and_answers_raise_it(emulator, pool):
    """The readers tell the pacer: a throttle lowers the pace, an answer raises it."""
    pacer = Pacer(100.0)  # on the real clock: the reader waits for the pace between its calls
    cancel = threading.Event()
    throttles = inventory._Throttles()
    throttles.listener = cancel.set  # the first throttle ends this reader's retries
    reader = inventory._Reader(_gateway(emulator), pacer, cancel, throttles)
    pacer._set_rate(50.0)
    assert reader.call("admin_get_user", "alice.sms") is not None
    assert pacer.rate > 50.0
    raised = pacer.rate
    # A clock that never moves: once its few tokens are spent, every read is refused.
    emulator.emu.set_quota(QuotaEnforcer({"UserRead": 1.0}, burst=2.0, clock=ManualClock(0)))
    while reader.call("admin_get_user", "alice.sms") is not None:
        pass
    assert throttles.count >= 1
    assert pacer.rate < raised and pacer.rate == pytest.approx(pacer.ceiling * inventory.RATE_DECREASE)


def test_pacer_spaces_calls_evenly():
    now = [100.0]
    pacer = Pacer(10.0, clock=lambda: now[0])
    assert [pacer.slot() for _ in range(3)] == pytest.approx([0.0, 0.1, 0.2])
    pacer.hold(1.0)
    assert pacer.slot() == pytest.approx(1.0)
    assert len(INVENTORY_MIX) == len(EXPECTED)


def test_progress_total_holds_still_and_counts_come_as_the_scan_commits(emulator, store, pool, monkeypatch):
    """Issue 20 #10: with the pool's estimate the total does not jump, and counts are not zero until the end."""
    total = len(pool) + len(emulator.seed.users)
    seen: list[inventory.Progress] = []
    monkeypatch.setattr(inventory, "COMMIT_EVERY_S", 0.0)  # commit (and report) after every read
    result = scan(
        _gateway(emulator),
        store,
        emulator.seed.pool_id,
        exact=True,
        max_rps=400,
        expected_total=total,
        on_progress=seen.append,
    )
    assert result.completed and result.total == total
    assert {p.total for p in seen} == {total}  # never "0 of 240", then "63 of 309"
    partial = [sum(p.counts.values()) for p in seen if p.counts is not None and p.done < total]
    assert partial and max(partial) > 0  # users counted before the scan ended
    sms_seen = [p.counts["sms"] for p in seen if p.counts]
    assert sms_seen == sorted(sms_seen)  # as they come, never back
    assert seen[-1].counts == result.counts


def test_the_census_lists_in_parts_that_cover_everyone_once_and_resume_part_by_part(emulator, store):
    """16 parts by the first hex digit of sub: every user in exactly one; a cancelled listing goes on
    from each part's own token (pages already listed are not asked for again)."""
    pool_id = emulator.seed.pool_id
    seed_inventory_users(emulator.emu, pool_id, 1500, region=emulator.seed.region)
    everyone = 1500 + len(emulator.seed.users)
    counter = QuotaEnforcer({"UserList": 100_000.0}, burst=1.0)  # counts pages, never refuses
    emulator.emu.set_quota(counter)
    cancel = threading.Event()

    def progress(p):
        if p.done >= 300:
            cancel.set()

    first = scan(_gateway(emulator), store, pool_id, exact=False, list_rps=500, cancel=cancel, on_progress=progress)
    assert not first.completed
    parts = store.db.connection.execute(
        "SELECT COUNT(*), SUM(done), COUNT(token) FROM inventory_list_parts WHERE scan_id = ?", (first.scan_id,)
    ).fetchone()
    assert parts[0] == len(inventory.LIST_PARTS) and parts[1] + parts[2] >= 1  # some parts under way or done
    pages_before = counter.accepted["UserList"]
    second = scan(_gateway(emulator), store, pool_id, exact=False, list_rps=500)
    assert second.completed and second.scan_id == first.scan_id
    listed = store.db.connection.execute(
        "SELECT COUNT(*), COUNT(DISTINCT username) FROM inventory_users WHERE pool_id = ?", (pool_id,)
    ).fetchone()
    assert listed == (everyone, everyone)  # nobody lost, nobody twice
    # The resumed listing asked only for what was left: the pages fetched ahead but not yet
    # written when it was cancelled (one in flight and one queued a walk) are asked for again.
    from_scratch = sum(-(-n // 60) or 1 for n in _users_per_part(emulator, pool_id).values())
    walks = inventory.in_flight(500, inventory.LIST_PARALLEL, len(inventory.LIST_PARTS))
    assert counter.accepted["UserList"] <= from_scratch + 2 * walks
    assert counter.accepted["UserList"] - pages_before < from_scratch


def _users_per_part(emulator, pool_id):
    counts: dict[str, int] = dict.fromkeys(inventory.LIST_PARTS, 0)
    token = None
    while True:
        kwargs = {"UserPoolId": pool_id, "Limit": 60}
        if token:
            kwargs["PaginationToken"] = token
        emulator.emu.set_quota(None)
        page = emulator.client.list_users(**kwargs)
        for user in page["Users"]:
            sub = next(a["Value"] for a in user["Attributes"] if a["Name"] == "sub")
            counts[sub[0]] += 1
        token = page.get("PaginationToken")
        if not token:
            return counts


class _RoundTrips:
    """The emulator's gateway, but ``operation`` calls wait until ``wanted`` of them are under way at once.

    The round trip to Cognito's Region, which loopback lacks: a scan that keeps too few calls in
    flight never gets there (``most`` stays below ``wanted``) and is capped at threads / round trip.
    """

    def __init__(self, gateway, operation, wanted):
        self._gateway = gateway
        self._operation = operation
        self._wanted = wanted
        self._lock = threading.Lock()
        self._under_way = 0
        self.most = 0
        self._all_in = threading.Event()

    def __getattr__(self, name):
        call = getattr(self._gateway, name)
        if name != self._operation:
            return call

        def waiting(*args, **kwargs):
            with self._lock:
                self._under_way += 1
                self.most = max(self.most, self._under_way)
                if self._under_way >= self._wanted:
                    self._all_in.set()
            try:
                if not self._all_in.wait(timeout=10):  # the others are on their way, or never come:
                    self._all_in.set()  # then nobody waits any more (the test fails on ``most``)
                return call(*args, **kwargs)
            finally:
                with self._lock:
                    self._under_way -= 1

        return waiting


def test_an_exact_scan_keeps_enough_reads_in_flight_for_its_pace(emulator, store, pool):
    """Issue 23: four readers capped a scan at 4 / round trip (52/s against 60 ms round trips,
    whatever --max-rps); the readers now cover the pace for round trips of ROUND_TRIP_ALLOWANCE_S."""
    wanted = inventory.in_flight(120.0, inventory.READ_WORKERS, inventory.MAX_READ_WORKERS)
    assert wanted >= 120.0 * 0.25  # a quarter-second round trip at 120/s
    gateway = _RoundTrips(_gateway(emulator), "admin_get_user", wanted)
    result = scan(gateway, store, emulator.seed.pool_id, exact=True, max_rps=120)
    assert result.completed and gateway.most == wanted
    assert {row.mfa for row in store.users(emulator.seed.pool_id)} - {"unknown"}  # and they were read


def test_the_census_walks_enough_parts_at_once_for_its_page_rate(emulator, store):
    seed_inventory_users(emulator.emu, emulator.seed.pool_id, 600, region=emulator.seed.region)
    wanted = inventory.in_flight(inventory.DEFAULT_LIST_RPS, inventory.LIST_PARALLEL, len(inventory.LIST_PARTS))
    assert wanted >= inventory.DEFAULT_LIST_RPS * 0.25
    gateway = _RoundTrips(_gateway(emulator), "list_users_page", wanted)
    result = scan(gateway, store, emulator.seed.pool_id, exact=False)
    assert result.completed and result.total == 600 + len(emulator.seed.users)
    assert gateway.most == wanted
