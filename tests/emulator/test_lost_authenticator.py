"""AdminDeleteSoftwareToken as documented: the registration and the TOTP
preference go, the other factors stay, the next sign-in falls back."""

import json

import pytest
from botocore.exceptions import ClientError

from cogtotp_gui.emulator import seed_mfa_required_pool

from .helpers import CODE_MISMATCH, Auth, error_of


def delete_token(emulator, username, pool_id=None):
    return emulator.client.admin_delete_software_token(UserPoolId=pool_id or emulator.seed.pool_id, Username=username)


def test_lost_phone_user_falls_back_to_sms_after_the_delete(auth, emulator):
    user = auth.user("lost_phone")
    assert auth.sign_in(user.username)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"

    delete_token(emulator, user.username)

    started = auth.sign_in(user.username)
    assert started["ChallengeName"] == "SMS_MFA"
    tokens = auth.answer_sms(started["Session"], user.username)["AuthenticationResult"]
    got = emulator.client.admin_get_user(UserPoolId=emulator.seed.pool_id, Username=user.username)
    assert got["UserMFASettingList"] == ["SMS_MFA"]
    assert "PreferredMfaSetting" not in got  # Cognito omits an unset preference
    assert emulator.emu.totp_secret(user.username) is None
    assert tokens["AccessToken"]


def test_the_old_authenticator_no_longer_signs_in(admin_auth, emulator):
    user = admin_auth.user("lost_phone")
    delete_token(emulator, user.username)
    started = admin_auth.sign_in(user.username)
    # The SMS challenge cannot be answered with the old authenticator's code.
    with pytest.raises(ClientError) as excinfo:
        admin_auth.answer_sms(started["Session"], user.username, code=admin_auth.totp_now(user.totp_secret))
    assert error_of(excinfo) == CODE_MISMATCH


def test_user_with_totp_only_and_mfa_optional_gets_tokens(admin_auth, emulator):
    user = admin_auth.user("totp")
    delete_token(emulator, user.username)
    assert "AuthenticationResult" in admin_auth.sign_in(user.username)


def test_mfa_required_and_nothing_left_leads_to_mfa_setup(emulator):
    seed = seed_mfa_required_pool(emulator.client, emulator.emu)
    auth = Auth(emulator, "admin", seed)
    username = seed.users["mfa_setup"].username
    # Enroll through MFA_SETUP, as the wizard does.
    started = auth.sign_in(username)
    associated = emulator.client.associate_software_token(Session=started["Session"])
    verified = emulator.client.verify_software_token(
        Session=associated["Session"], UserCode=auth.totp_now(associated["SecretCode"])
    )
    auth.respond("MFA_SETUP", verified["Session"], username)
    assert auth.sign_in(username)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"

    delete_token(emulator, username, seed.pool_id)

    again = auth.sign_in(username)
    assert again["ChallengeName"] == "MFA_SETUP"
    assert json.loads(again["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]


def test_email_mfa_remains_after_the_delete(admin_auth, emulator):
    user = admin_auth.user("totp")
    emulator.client.admin_set_user_mfa_preference(
        UserPoolId=emulator.seed.pool_id,
        Username=user.username,
        EmailMfaSettings={"Enabled": True, "PreferredMfa": False},
    )
    delete_token(emulator, user.username)
    started = admin_auth.sign_in(user.username)
    assert started["ChallengeName"] == "EMAIL_OTP"


def test_unknown_user_and_unknown_pool_are_refused_as_cognito_does(emulator):
    with pytest.raises(ClientError) as excinfo:
        delete_token(emulator, "nobody.here")
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")
    with pytest.raises(ClientError) as excinfo:
        delete_token(emulator, "kate.lostphone", pool_id="eu-west-1_doesnotexist")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_a_user_without_a_token_keeps_their_factors(admin_auth, emulator):
    user = admin_auth.user("sms")
    delete_token(emulator, user.username)
    assert admin_auth.sign_in(user.username)["ChallengeName"] == "SMS_MFA"


def test_the_delete_can_be_made_to_fail(emulator):
    emulator.emu.fail_next("AdminDeleteSoftwareToken", "AccessDeniedException", "not allowed")
    with pytest.raises(ClientError) as excinfo:
        delete_token(emulator, "kate.lostphone")
    assert error_of(excinfo)[0] == "AccessDeniedException"
    # Nothing was deleted.
    assert emulator.emu.totp_secret("kate.lostphone") is not None
