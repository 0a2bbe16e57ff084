"""Choice-based sign-in (USER_AUTH), email codes in a mailbox, MFA_SETUP
choices and the feature plan, as Cognito answers them."""

import json

import pytest
from botocore.exceptions import ClientError

from cogtotp_gui.emulator import seed_sms_only_required_pool, seed_user_auth_pool
from cogtotp_gui.emulator.seed import TRAINING_PASSWORD

from .helpers import CODE_MISMATCH, Auth, error_of, other_code


class ChoiceAuth(Auth):
    """USER_AUTH sign-in in admin or user mode."""

    def start(self, username, **params):
        params = {"USERNAME": username, "SECRET_HASH": self.seed.secret_hash(username), **params}
        if self.mode == "admin":
            return self.client.admin_initiate_auth(
                UserPoolId=self.seed.pool_id, ClientId=self.seed.client_id, AuthFlow="USER_AUTH", AuthParameters=params
            )
        return self.client.initiate_auth(ClientId=self.seed.client_id, AuthFlow="USER_AUTH", AuthParameters=params)


@pytest.fixture
def choice(emulator, mode):
    return ChoiceAuth(emulator, mode, seed_user_auth_pool(emulator.client, emulator.emu))


def test_without_a_preference_cognito_offers_the_available_challenges(choice):
    username = choice.user("sms").username
    started = choice.start(username)
    assert started["ChallengeName"] == "SELECT_CHALLENGE"
    assert started["AvailableChallenges"] == ["PASSWORD", "EMAIL_OTP"]
    answered = choice.respond(
        "SELECT_CHALLENGE", started["Session"], username, ANSWER="PASSWORD", PASSWORD=TRAINING_PASSWORD
    )
    assert answered["ChallengeName"] == "SMS_MFA"


def test_a_wrong_password_in_the_answer_is_refused(choice):
    username = choice.user("sms").username
    started = choice.start(username)
    with pytest.raises(ClientError) as excinfo:
        choice.respond("SELECT_CHALLENGE", started["Session"], username, ANSWER="PASSWORD", PASSWORD="Wrong-1234!")
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_an_answer_not_offered_is_refused(choice):
    username = choice.user("sms").username
    started = choice.start(username)
    with pytest.raises(ClientError) as excinfo:
        choice.respond("SELECT_CHALLENGE", started["Session"], username, ANSWER="WEB_AUTHN")
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_preferred_password_up_front_skips_the_selection(choice):
    username = choice.user("sms").username
    started = choice.start(username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=TRAINING_PASSWORD)
    assert started["ChallengeName"] == "SMS_MFA"
    done = choice.answer_sms(started["Session"], username)
    assert done["AuthenticationResult"]["AccessToken"]


def test_email_mfa_code_arrives_in_the_mailbox(choice, emulator):
    username = choice.user("email_otp").username
    started = choice.start(username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=TRAINING_PASSWORD)
    assert started["ChallengeName"] == "EMAIL_OTP"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "m***@e***"
    code = emulator.emu.last_email_code(username)
    assert code and len(code) == 6
    assert emulator.emu.mailbox[-1].destination == "m***@e***"
    with pytest.raises(ClientError) as excinfo:
        choice.respond("EMAIL_OTP", started["Session"], username, EMAIL_OTP_CODE=other_code(code))
    assert error_of(excinfo) == CODE_MISMATCH
    done = choice.respond("EMAIL_OTP", started["Session"], username, EMAIL_OTP_CODE=code)
    assert done["AuthenticationResult"]["AccessToken"]
    # SMS is not where email codes go.
    assert emulator.emu.last_sms_code(username) is None


def test_email_listeners_hear_each_code(choice, emulator):
    heard = []
    emulator.emu.add_email_listener(heard.append)
    username = choice.user("email_otp").username
    choice.start(username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=TRAINING_PASSWORD)
    assert [m.username for m in heard] == [username]
    assert heard[0].code == emulator.emu.last_email_code(username)


def test_passwordless_user_is_not_offered_a_password(choice):
    user = choice.user("passwordless")
    started = choice.start(user.username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=TRAINING_PASSWORD)
    assert started["ChallengeName"] == "SELECT_CHALLENGE"
    assert started["AvailableChallenges"] == ["EMAIL_OTP"]


def test_passwordless_user_cannot_sign_in_with_a_password_flow(emulator):
    seed = seed_user_auth_pool(
        emulator.client, emulator.emu, flows=("ALLOW_USER_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH")
    )
    auth = Auth(emulator, "admin", seed)
    with pytest.raises(ClientError) as excinfo:
        auth.sign_in(seed.users["passwordless"].username, password=TRAINING_PASSWORD)
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_client_without_allow_user_auth_refuses_the_flow(emulator, mode):
    auth = ChoiceAuth(emulator, mode)  # the training client: password flows only
    with pytest.raises(ClientError) as excinfo:
        auth.start(auth.user("sms").username)
    assert error_of(excinfo) == ("InvalidParameterException", "USER_AUTH flow not enabled for this client")


def test_client_with_only_user_auth_refuses_password_flows(choice):
    with pytest.raises(ClientError) as excinfo:
        choice.sign_in(choice.user("sms").username)
    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert "not enabled" in error_of(excinfo)[1]


def test_lite_pool_lacks_choice_based_sign_in(emulator, mode):
    seed = seed_user_auth_pool(emulator.client, emulator.emu, tier="LITE")
    auth = ChoiceAuth(emulator, mode, seed)
    with pytest.raises(ClientError) as excinfo:
        auth.start(seed.users["sms"].username)
    assert error_of(excinfo)[0] == "FeatureUnavailableInTierException"


def test_mfa_setup_lists_only_what_the_pool_allows(emulator, mode):
    seed = seed_sms_only_required_pool(emulator.client, emulator.emu)
    auth = Auth(emulator, mode, seed)
    started = auth.sign_in(seed.users["mfa_setup"].username)
    assert started["ChallengeName"] == "MFA_SETUP"
    assert json.loads(started["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SMS_MFA"]
