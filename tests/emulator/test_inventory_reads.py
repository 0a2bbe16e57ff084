"""ListUsers / AdminGetUser as Cognito answers them, paging, quotas, IAM denials.

Real Cognito's ListUsers carries only ``MFAOptions`` (never
``UserMFASettingList`` or ``PreferredMfaSetting``, which stock moto adds);
AdminGetUser carries all three. See design §8.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from cogtotp_gui.emulator.clock import ManualClock
from cogtotp_gui.emulator.quota import QuotaEnforcer, SlidingWindowQuota
from cogtotp_gui.emulator.seed import INVENTORY_MIX, seed_inventory_users

from .helpers import error_of, no_retry_admin_client

LEGACY = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]


def _all_users(client, pool_id, **kwargs):
    pages, users, token = [], [], None
    while True:
        args = {"UserPoolId": pool_id, **kwargs}
        if token:
            args["PaginationToken"] = token
        page = client.list_users(**args)
        pages.append(len(page["Users"]))
        users.extend(page["Users"])
        token = page.get("PaginationToken")
        if not token:
            return users, pages


def test_list_users_carries_no_mfa_settings_only_legacy_options(emulator):
    client, pool = emulator.client, emulator.seed.pool_id
    legacy = emulator.seed.users["no_mfa"].username
    client.admin_set_user_settings(UserPoolId=pool, Username=legacy, MFAOptions=LEGACY)
    users, _ = _all_users(client, pool)
    by_name = {user["Username"]: user for user in users}
    assert len(by_name) == len(emulator.seed.users)
    for user in users:
        assert "UserMFASettingList" not in user
        assert "PreferredMfaSetting" not in user
        assert "Enabled" in user and "UserStatus" in user
    assert by_name[legacy]["MFAOptions"] == LEGACY
    assert "MFAOptions" not in by_name[emulator.seed.users["sms"].username]


def test_admin_get_user_carries_settings_preference_and_legacy_options(emulator):
    client, pool = emulator.client, emulator.seed.pool_id
    totp = client.admin_get_user(UserPoolId=pool, Username=emulator.seed.users["totp"].username)
    assert totp["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert totp["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    nothing = client.admin_get_user(UserPoolId=pool, Username=emulator.seed.users["no_mfa"].username)
    assert "UserMFASettingList" not in nothing and "PreferredMfaSetting" not in nothing
    assert "MFAOptions" not in nothing
    legacy = emulator.seed.users["no_mfa"].username
    client.admin_set_user_settings(UserPoolId=pool, Username=legacy, MFAOptions=LEGACY)
    got = client.admin_get_user(UserPoolId=pool, Username=legacy)
    assert got["MFAOptions"] == LEGACY
    assert "UserMFASettingList" not in got


def test_a_legacy_sms_user_is_asked_for_an_sms_code_until_the_preference_api_replaces_it(emulator, admin_auth):
    client, pool = emulator.client, emulator.seed.pool_id
    username = emulator.seed.users["no_mfa"].username
    assert "AuthenticationResult" in admin_auth.sign_in(username)
    client.admin_set_user_settings(UserPoolId=pool, Username=username, MFAOptions=LEGACY)
    assert admin_auth.sign_in(username)["ChallengeName"] == "SMS_MFA"
    client.admin_set_user_mfa_preference(
        UserPoolId=pool, Username=username, SMSMfaSettings={"Enabled": False, "PreferredMfa": False}
    )
    assert "MFAOptions" not in client.admin_get_user(UserPoolId=pool, Username=username)
    assert "AuthenticationResult" in admin_auth.sign_in(username)


def test_admin_set_user_settings_refuses_other_delivery(emulator):
    with pytest.raises(ClientError) as caught:
        emulator.client.admin_set_user_settings(
            UserPoolId=emulator.seed.pool_id,
            Username=emulator.seed.users["sms"].username,
            MFAOptions=[{"DeliveryMedium": "EMAIL", "AttributeName": "email"}],
        )
    assert error_of(caught)[0] == "InvalidParameterException"


def test_pages_hold_at_most_60_and_a_larger_limit_is_refused(emulator):
    pool = emulator.seed.pool_id
    seed_inventory_users(emulator.emu, pool, 130, region=emulator.seed.region)
    users, pages = _all_users(emulator.client, pool)
    assert pages == [60, 60, 10 + len(emulator.seed.users)]
    assert len({u["Username"] for u in users}) == 130 + len(emulator.seed.users)
    with pytest.raises(ClientError) as caught:
        emulator.client.list_users(UserPoolId=pool, Limit=61)
    assert error_of(caught)[0] == "InvalidParameterException"


def test_empty_pages_come_before_the_last_one(emulator):
    pool = emulator.seed.pool_id
    seed_inventory_users(emulator.emu, pool, 100, region=emulator.seed.region)
    emulator.emu.set_list_users_empty_pages(2)
    users, pages = _all_users(emulator.client, pool, Limit=50)
    assert pages == [50, 50, 0, 0, len(emulator.seed.users)]
    assert len({u["Username"] for u in users}) == 100 + len(emulator.seed.users)


def test_bulk_seed_gives_every_state_with_matching_reads(emulator):
    pool = emulator.seed.pool_id
    states = seed_inventory_users(emulator.emu, pool, 200, region=emulator.seed.region, prefix="bulk")
    assert set(states.values()) == {state for state, _ in INVENTORY_MIX}
    client = emulator.client
    by_state = {state: name for name, state in states.items()}
    read = lambda state: client.admin_get_user(UserPoolId=pool, Username=by_state[state])  # noqa: E731 - a one-line reader, kept beside its use
    assert read("legacy_sms")["MFAOptions"] == LEGACY
    assert read("both_totp_preferred")["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert set(read("both_totp_preferred")["UserMFASettingList"]) == {"SMS_MFA", "SOFTWARE_TOKEN_MFA"}
    assert read("both_sms_preferred")["PreferredMfaSetting"] == "SMS_MFA"
    assert read("email")["UserMFASettingList"] == ["EMAIL_OTP"]
    assert "UserMFASettingList" not in read("unverified_token")
    assert read("disabled_sms")["Enabled"] is False
    assert read("temporary_password")["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_denied_action_answers_access_denied_naming_the_action(emulator):
    emulator.emu.deny("AdminGetUser")
    client = no_retry_admin_client(emulator.endpoint_url, emulator.seed.region)
    with pytest.raises(ClientError) as caught:
        client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username=emulator.seed.users["sms"].username)
    code, message = error_of(caught)
    assert code == "AccessDeniedException"
    assert "cognito-idp:AdminGetUser" in message and emulator.seed.pool_id in message
    assert client.list_users(UserPoolId=emulator.seed.pool_id)["Users"]
    emulator.emu.allow()
    client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username=emulator.seed.users["sms"].username)
    with pytest.raises(ValueError):
        emulator.emu.deny("AdminGetUsr")


class _FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_quota_buckets_per_category_refill_at_the_rate():
    clock = _FakeClock()
    quota = QuotaEnforcer({"UserRead": 16.0, "UserList": 30.0}, burst=0.5, clock=clock)
    admitted = [quota.admit("AdminGetUser") is None for _ in range(20)]
    assert admitted.count(True) == 8  # 0.5 s worth of 16/s
    refused = quota.admit("AdminGetUser")
    assert refused is not None and refused.error_type == "TooManyRequestsException"
    assert quota.admit("ListUsers") is None  # another category, its own bucket
    assert quota.admit("DescribeUserPool") is None  # a category not limited here
    clock.now += 0.25  # 4 tokens back
    assert [quota.admit("AdminGetUser") is None for _ in range(7)].count(True) == 4
    assert quota.accepted["UserRead"] == 12 and quota.rejected["UserRead"] == 16


def test_a_quota_on_the_emulator_throttles_calls_over_the_rate(emulator):
    clock = _FakeClock()
    emulator.emu.set_quota(QuotaEnforcer({"UserRead": 10.0}, burst=0.1, clock=clock))
    client = no_retry_admin_client(emulator.endpoint_url, emulator.seed.region)
    pool, name = emulator.seed.pool_id, emulator.seed.users["sms"].username
    client.admin_get_user(UserPoolId=pool, Username=name)
    with pytest.raises(ClientError) as caught:
        client.admin_get_user(UserPoolId=pool, Username=name)
    assert error_of(caught) == ("TooManyRequestsException", "Rate exceeded")
    clock.now += 0.125
    client.admin_get_user(UserPoolId=pool, Username=name)
    client.list_users(UserPoolId=pool)  # UserList is not limited by this enforcer


def test_the_sliding_window_counts_calls_in_any_one_second():
    clock = ManualClock(0)
    quota = SlidingWindowQuota({"UserRead": 4.0}, clock=clock)
    assert [quota.admit("AdminGetUser") is None for _ in range(5)] == [True] * 4 + [False]  # no burst credit
    clock.advance(0.5)
    assert quota.admit("AdminGetUser") is not None  # the four are still in the window
    clock.advance(0.5)  # the first four leave it together
    assert [quota.admit("AdminGetUser") is None for _ in range(5)] == [True] * 4 + [False]
    assert quota.admit("ListUsers") is None  # a category not limited here
    assert quota.accepted["UserRead"] == 8 and quota.rejected["UserRead"] == 3


def test_a_shared_bucket_leaves_the_client_the_rest_of_the_rate():
    clock = ManualClock(0)
    quota = QuotaEnforcer({"UserRead": 100.0}, clock=clock, other_traffic={"UserRead": 40.0})
    for _ in range(6000):  # a minute of calls every 10 ms: 100/s asked
        clock.advance(0.01)
        quota.admit("AdminGetUser")
    mine, others = quota.accepted["UserRead"], quota.other_accepted["UserRead"]
    assert 0.55 * 6000 < mine < 0.65 * 6000  # about 60/s are left to the client
    assert 0.35 * 6000 < others < 0.45 * 6000  # the others' 40/s, at random, mostly served
    assert mine + others <= 100 * 60 + quota.capacity("UserRead")
