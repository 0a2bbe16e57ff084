"""AssociateSoftwareToken / VerifySoftwareToken / SOFTWARE_TOKEN_MFA with real TOTP."""

import re

import pytest
from botocore.exceptions import ClientError

from .helpers import CODE_MISMATCH, TOTP_ENABLE_MISMATCH, error_of, other_code

BASE32_SECRET = re.compile(r"[A-Z2-7]{32}")


def test_secrets_are_32_char_base32_and_differ_per_call(auth):
    token = auth.access_token()
    secrets = [auth.associate(token) for _ in range(3)]
    assert all(BASE32_SECRET.fullmatch(s) for s in secrets)
    assert len(set(secrets)) == 3


def test_different_users_get_different_secrets(auth):
    assert auth.associate(auth.access_token("sms")) != auth.associate(auth.access_token("sms2"))


def test_pending_secret_is_visible_to_tests(auth):
    secret = auth.associate(auth.access_token())
    username = auth.user("sms").username
    assert auth.h.emu.pending_totp_secret(username) == secret
    assert auth.h.emu.totp_secret(username) is None


def test_wrong_totp_at_verify_is_refused(auth):
    token = auth.access_token()
    secret = auth.associate(token)
    with pytest.raises(ClientError) as excinfo:
        auth.verify(token, other_code(auth.totp_now(secret)))
    assert error_of(excinfo) == TOTP_ENABLE_MISMATCH


@pytest.mark.parametrize("steps", [-1, 0, 1])
def test_verify_accepts_one_step_of_clock_drift(admin_auth, steps):
    token = admin_auth.access_token()
    secret = admin_auth.associate(token)
    assert admin_auth.verify(token, admin_auth.totp_now(secret, steps))["Status"] == "SUCCESS"


@pytest.mark.parametrize("steps", [-2, 2])
def test_verify_rejects_a_code_two_steps_away(admin_auth, steps):
    token = admin_auth.access_token()
    secret = admin_auth.associate(token)
    with pytest.raises(ClientError) as excinfo:
        admin_auth.verify(token, admin_auth.totp_now(secret, steps))
    assert error_of(excinfo) == TOTP_ENABLE_MISMATCH


def test_code_ages_out_on_the_emulator_clock(admin_auth):
    token = admin_auth.access_token()
    code = admin_auth.totp_now(admin_auth.associate(token))
    admin_auth.h.emu.advance(61)  # two steps later, wherever "now" was in its step
    with pytest.raises(ClientError) as excinfo:
        admin_auth.verify(token, code)
    assert error_of(excinfo) == TOTP_ENABLE_MISMATCH


def test_reassociating_invalidates_the_old_secret(auth):
    token = auth.access_token()
    old = auth.associate(token)
    new = auth.associate(token)
    with pytest.raises(ClientError) as excinfo:
        auth.verify(token, auth.totp_now(old))
    assert error_of(excinfo) == TOTP_ENABLE_MISMATCH
    assert auth.verify(token, auth.totp_now(new))["Status"] == "SUCCESS"


def test_verify_without_associate_is_refused(admin_auth):
    with pytest.raises(ClientError) as excinfo:
        admin_auth.verify(admin_auth.access_token(), "123456")
    assert error_of(excinfo)[0] == "SoftwareTokenMFANotFoundException"


def test_preference_before_verify_is_refused(admin_auth):
    token = admin_auth.access_token()
    admin_auth.associate(token)
    with pytest.raises(ClientError) as excinfo:
        admin_auth.client.set_user_mfa_preference(
            AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "User has not verified software token mfa",
    )


def test_full_manual_enrollment_makes_totp_preferred(auth):
    """The recipe of docs/cognito.md ("The job") end to end, then a TOTP sign-in."""
    user = auth.user("sms")
    token = auth.access_token()
    secret = auth.associate(token)
    assert auth.verify(token, auth.totp_now(secret))["Status"] == "SUCCESS"
    auth.client.set_user_mfa_preference(
        AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )

    got = auth.h.client.admin_get_user(UserPoolId=auth.seed.pool_id, Username=user.username)
    assert got["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert "SOFTWARE_TOKEN_MFA" in got["UserMFASettingList"]
    assert auth.h.emu.totp_secret(user.username) == secret

    started = auth.sign_in(user.username)
    assert started["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    done = auth.answer_totp(started["Session"], user.username, auth.totp_now(secret))
    assert "AccessToken" in done["AuthenticationResult"]


def test_wrong_totp_at_the_sign_in_challenge_is_refused(auth):
    user = auth.user("totp")
    started = auth.sign_in(user.username)
    wrong = other_code(auth.totp_now(user.totp_secret))
    with pytest.raises(ClientError) as excinfo:
        auth.answer_totp(started["Session"], user.username, wrong)
    assert error_of(excinfo) == CODE_MISMATCH


@pytest.mark.parametrize(("steps", "accepted"), [(-2, False), (-1, True), (0, True), (1, True), (2, False)])
def test_sign_in_challenge_accepts_exactly_one_step_of_drift(admin_auth, steps, accepted):
    user = admin_auth.user("totp")
    session = admin_auth.sign_in(user.username)["Session"]
    code = admin_auth.totp_now(user.totp_secret, steps)
    if accepted:
        assert "AuthenticationResult" in admin_auth.answer_totp(session, user.username, code)
    else:
        with pytest.raises(ClientError) as excinfo:
            admin_auth.answer_totp(session, user.username, code)
        assert error_of(excinfo) == CODE_MISMATCH


def test_seeded_totp_secret_is_the_emulators(emulator):
    user = emulator.seed.users["totp"]
    assert BASE32_SECRET.fullmatch(user.totp_secret)
    assert emulator.emu.totp_secret(user.username) == user.totp_secret
