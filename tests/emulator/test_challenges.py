"""Every seeded situation leads to the challenge real Cognito would send."""

import json

import pytest
from botocore.exceptions import ClientError

from cogtotp_gui.emulator import seed_mfa_required_pool
from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD, TRAINING_PASSWORD

from .helpers import EXPIRED_SESSION, INVALID_SESSION, Auth, error_of, other_code

KINDS = [
    "sms", "sms2", "temp_password", "totp", "no_mfa", "no_sms_delivery", "both_mfa", "email_otp",
    "lost_phone",
]  # fmt: skip


def new_password(auth, session, username):
    return auth.respond("NEW_PASSWORD_REQUIRED", session, username, NEW_PASSWORD=SUGGESTED_NEW_PASSWORD)


@pytest.mark.parametrize("kind", KINDS)
def test_each_seeded_kind_reaches_its_first_challenge(auth, kind):
    user = auth.user(kind)
    started = auth.sign_in(user.username)
    if user.first_challenge == "TOKENS":
        assert "ChallengeName" not in started
        assert started["AuthenticationResult"]["AccessToken"]
    else:
        assert started["ChallengeName"] == user.first_challenge
        assert started["Session"]


def test_seed_covers_every_kind(emulator):
    assert sorted(emulator.seed.users) == sorted(KINDS)
    assert emulator.seed.users["sms"].username == "alice.sms"


def test_sessions_are_opaque_and_unique(admin_auth):
    sessions = {admin_auth.sign_in(admin_auth.user("sms").username)["Session"] for _ in range(3)}
    assert len(sessions) == 3
    assert all(len(s) > 64 and "alice" not in s for s in sessions)


@pytest.mark.parametrize("answer", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"])
def test_select_mfa_type_leads_to_the_chosen_challenge(auth, answer):
    user = auth.user("both_mfa")
    started = auth.sign_in(user.username)
    assert started["ChallengeName"] == "SELECT_MFA_TYPE"
    can_choose = json.loads(started["ChallengeParameters"]["MFAS_CAN_CHOOSE"])
    assert can_choose == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]

    chosen = auth.respond("SELECT_MFA_TYPE", started["Session"], user.username, ANSWER=answer)
    assert chosen["ChallengeName"] == answer
    assert chosen["Session"] != started["Session"]
    if answer == "SMS_MFA":
        done = auth.answer_sms(chosen["Session"], user.username)
    else:
        code = auth.totp_now(user.totp_secret)
        done = auth.answer_totp(chosen["Session"], user.username, code)
    assert "AccessToken" in done["AuthenticationResult"]


def test_select_mfa_type_session_is_used_once(admin_auth):
    user = admin_auth.user("both_mfa")
    started = admin_auth.sign_in(user.username)
    admin_auth.respond("SELECT_MFA_TYPE", started["Session"], user.username, ANSWER="SMS_MFA")
    with pytest.raises(ClientError) as excinfo:
        admin_auth.respond("SELECT_MFA_TYPE", started["Session"], user.username, ANSWER="SMS_MFA")
    assert error_of(excinfo) == INVALID_SESSION


def test_new_password_then_sms_code(auth):
    user = auth.user("temp_password")
    started = auth.sign_in(user.username)
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    attributes = json.loads(started["ChallengeParameters"]["userAttributes"])
    assert attributes["phone_number"] == user.phone

    after = new_password(auth, started["Session"], user.username)
    assert after["ChallengeName"] == "SMS_MFA"
    assert after["Session"] != started["Session"]
    assert "AccessToken" in auth.answer_sms(after["Session"], user.username)["AuthenticationResult"]
    # The new password is now the password.
    assert auth.sign_in(user.username, SUGGESTED_NEW_PASSWORD)["ChallengeName"] == "SMS_MFA"


def test_new_password_session_expires(auth):
    user = auth.user("temp_password")
    started = auth.sign_in(user.username)
    auth.h.emu.advance(auth.h.emu.session_ttl)
    with pytest.raises(ClientError) as excinfo:
        new_password(auth, started["Session"], user.username)
    assert error_of(excinfo) == EXPIRED_SESSION


def test_email_otp_user_is_reported_as_such(auth):
    user = auth.user("email_otp")
    started = auth.sign_in(user.username)
    assert started["ChallengeName"] == "EMAIL_OTP"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "h***@e***"
    got = auth.h.client.admin_get_user(UserPoolId=auth.seed.pool_id, Username=user.username)
    assert got["PreferredMfaSetting"] == "EMAIL_OTP"
    assert auth.h.emu.outbox == []  # e-mail is not an SMS
    with pytest.raises(ClientError) as excinfo:
        auth.respond("EMAIL_OTP", started["Session"], user.username, EMAIL_OTP_CODE="not-a-code")
    assert error_of(excinfo)[0] == "CodeMismatchException"


def test_choosing_sms_preferred_clears_email_preference(emulator):
    user = emulator.seed.users["email_otp"]
    emulator.client.admin_set_user_mfa_preference(
        UserPoolId=emulator.seed.pool_id,
        Username=user.username,
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    got = emulator.client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username=user.username)
    assert got["PreferredMfaSetting"] == "SMS_MFA"
    assert set(got["UserMFASettingList"]) == {"SMS_MFA", "EMAIL_OTP"}


# ---------------------------------------------------------------- MFA_SETUP


@pytest.fixture
def setup_auth(emulator, mode):
    return Auth(emulator, mode, seed=seed_mfa_required_pool(emulator.client, emulator.emu))


def test_mfa_setup_path(setup_auth):
    auth = setup_auth
    user = auth.user("mfa_setup")
    started = auth.sign_in(user.username, TRAINING_PASSWORD)
    assert started["ChallengeName"] == "MFA_SETUP"
    assert json.loads(started["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]

    associated = auth.client.associate_software_token(Session=started["Session"])
    secret = associated["SecretCode"]
    assert len(secret) == 32 and associated["Session"] != started["Session"]
    verified = auth.client.verify_software_token(
        Session=associated["Session"], UserCode=auth.totp_now(secret), FriendlyDeviceName="Pixel"
    )
    assert verified["Status"] == "SUCCESS" and verified["Session"] != associated["Session"]
    done = auth.respond("MFA_SETUP", verified["Session"], user.username)
    assert "AccessToken" in done["AuthenticationResult"]

    # From now on the user signs in with the authenticator.
    again = auth.sign_in(user.username, TRAINING_PASSWORD)
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_mfa_setup_steps_cannot_be_skipped_or_replayed(setup_auth):
    auth = setup_auth
    user = auth.user("mfa_setup")
    started = auth.sign_in(user.username, TRAINING_PASSWORD)
    with pytest.raises(ClientError) as excinfo:  # respond before associate/verify
        auth.respond("MFA_SETUP", started["Session"], user.username)
    assert error_of(excinfo) == INVALID_SESSION

    associated = auth.client.associate_software_token(Session=started["Session"])
    with pytest.raises(ClientError) as excinfo:  # the first session is spent
        auth.client.associate_software_token(Session=started["Session"])
    assert error_of(excinfo) == INVALID_SESSION
    with pytest.raises(ClientError) as excinfo:  # wrong code does not verify
        wrong = other_code(auth.totp_now(associated["SecretCode"]))
        auth.client.verify_software_token(Session=associated["Session"], UserCode=wrong)
    assert error_of(excinfo)[0] == "EnableSoftwareTokenMFAException"


def test_mfa_setup_session_expires(setup_auth):
    auth = setup_auth
    started = auth.sign_in(auth.user("mfa_setup").username, TRAINING_PASSWORD)
    auth.h.emu.advance(auth.h.emu.session_ttl + 1)
    with pytest.raises(ClientError) as excinfo:
        auth.client.associate_software_token(Session=started["Session"])
    assert error_of(excinfo) == EXPIRED_SESSION
