"""What stock moto lets through and the strict emulator refuses, with the
real error codes and messages (docs/cognito.md). Every test asserts an error."""

import pytest
from botocore.exceptions import ClientError

from .helpers import CODE_MISMATCH, EXPIRED_SESSION, INVALID_SESSION, Auth, error_of, other_code

# ------------------------------------------------------------------ SMS code


def test_wrong_sms_code_is_refused_and_the_session_survives(auth):
    username, session = auth.sms_sign_in()
    right = auth.h.emu.last_sms_code(username)
    with pytest.raises(ClientError) as excinfo:
        auth.answer_sms(session, username, other_code(right))
    assert error_of(excinfo) == CODE_MISMATCH
    # Cognito lets the user retry on the same session after a typo.
    assert "AccessToken" in auth.answer_sms(session, username, right)["AuthenticationResult"]


def test_three_wrong_sms_codes_kill_the_session(auth):
    username, session = auth.sms_sign_in()
    right = auth.h.emu.last_sms_code(username)
    for _ in range(3):
        with pytest.raises(ClientError) as excinfo:
            auth.answer_sms(session, username, other_code(right))
        assert error_of(excinfo) == CODE_MISMATCH
    with pytest.raises(ClientError) as excinfo:
        auth.answer_sms(session, username, right)
    assert error_of(excinfo) == INVALID_SESSION


# ------------------------------------------------------------------ sessions


def test_expired_session_is_refused(auth):
    username, session = auth.sms_sign_in()
    auth.h.emu.advance(auth.h.emu.session_ttl + 1)
    with pytest.raises(ClientError) as excinfo:
        auth.answer_sms(session, username)
    assert error_of(excinfo) == EXPIRED_SESSION


def test_session_is_still_good_just_before_expiry(auth):
    username, session = auth.sms_sign_in()
    auth.h.emu.advance(auth.h.emu.session_ttl - 1)
    assert "AuthenticationResult" in auth.answer_sms(session, username)


def _client_with_validity(handle, minutes: int):
    """The seed's pool with another app client whose sessions live ``minutes``."""
    import dataclasses

    from cogtotp_gui.emulator import add_app_client

    created = add_app_client(handle.client, handle.seed.pool_id, f"validity-{minutes}", AuthSessionValidity=minutes)
    return dataclasses.replace(handle.seed, client_id=created["ClientId"], client_secret=created["ClientSecret"])


@pytest.mark.parametrize("minutes", [5, 15])
def test_a_session_lives_as_long_as_its_app_client_says(auth, minutes):
    """AuthSessionValidity is per app client (3-15 minutes): not the
    default 3 minutes for every client."""
    longer = Auth(auth.h, auth.mode, seed=_client_with_validity(auth.h, minutes))
    username, session = longer.sms_sign_in()
    longer.h.emu.advance(minutes * 60 - 1)
    assert "AuthenticationResult" in longer.answer_sms(session, username)
    username, session = longer.sms_sign_in()
    longer.h.emu.advance(minutes * 60)
    with pytest.raises(ClientError) as excinfo:
        longer.answer_sms(session, username)
    assert error_of(excinfo) == EXPIRED_SESSION


def test_session_cannot_be_used_twice(auth):
    username, session = auth.sms_sign_in()
    code = auth.h.emu.last_sms_code(username)
    auth.answer_sms(session, username, code)
    with pytest.raises(ClientError) as excinfo:
        auth.answer_sms(session, username, code)
    assert error_of(excinfo) == INVALID_SESSION


def test_session_of_one_user_is_refused_for_another(auth):
    _alice, alice_session = auth.sms_sign_in("sms")
    bob, _bob_session = auth.sms_sign_in("sms2")
    with pytest.raises(ClientError) as excinfo:
        # Bob's own (correct) code and SECRET_HASH, on Alice's session.
        auth.answer_sms(alice_session, bob, auth.h.emu.last_sms_code(bob))
    assert error_of(excinfo) == INVALID_SESSION


def test_made_up_session_is_refused(auth):
    username, _session = auth.sms_sign_in()
    with pytest.raises(ClientError) as excinfo:
        auth.answer_sms("AYABeMadeUpSessionValue" * 4, username)
    assert error_of(excinfo) == INVALID_SESSION


def test_session_is_bound_to_its_challenge(auth):
    username, session = auth.sms_sign_in()
    with pytest.raises(ClientError) as excinfo:
        auth.answer_totp(session, username, "123456")
    assert error_of(excinfo) == INVALID_SESSION


# --------------------------------------------------------------- SECRET_HASH


@pytest.mark.parametrize("secret_hash", ["d3JvbmcgaGFzaA==", None], ids=["wrong", "missing"])
def test_bad_secret_hash_is_refused_at_sign_in(auth, secret_hash):
    username = auth.user("sms").username
    with pytest.raises(ClientError) as excinfo:
        auth.sign_in(username, secret_hash=secret_hash)
    assert error_of(excinfo) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {auth.seed.client_id}",
    )
    assert auth.h.emu.outbox == []  # refused before any SMS went out


def test_secret_hash_of_another_user_is_refused_at_sign_in(auth):
    alice, bob = auth.user("sms").username, auth.user("sms2").username
    with pytest.raises(ClientError) as excinfo:
        auth.sign_in(alice, secret_hash=auth.seed.secret_hash(bob))
    assert error_of(excinfo)[1].startswith("Unable to verify secret hash")


def test_bad_secret_hash_is_refused_at_the_challenge(auth):
    username, session = auth.sms_sign_in()
    with pytest.raises(ClientError) as excinfo:
        auth.answer_sms(session, username, secret_hash="d3JvbmcgaGFzaA==")
    assert error_of(excinfo)[0] == "NotAuthorizedException"
    assert error_of(excinfo)[1].startswith("Unable to verify secret hash for client")


# ------------------------------------------------------ password and user


def test_wrong_password_has_cognitos_message(auth):
    with pytest.raises(ClientError) as excinfo:
        auth.sign_in(auth.user("sms").username, password="Wrong-0000!")
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_unknown_user_is_not_found(auth):
    with pytest.raises(ClientError) as excinfo:
        auth.sign_in("nobody.here", password="Training-1234!")
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_new_password_must_follow_the_policy(auth):
    user = auth.user("temp_password")
    started = auth.sign_in(user.username)
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    with pytest.raises(ClientError) as excinfo:
        auth.respond("NEW_PASSWORD_REQUIRED", started["Session"], user.username, NEW_PASSWORD="short")
    code, message = error_of(excinfo)
    assert code == "InvalidPasswordException"
    assert message.startswith("Password does not conform to policy")


def test_password_flow_must_be_enabled_on_the_client(emulator, auth):
    bare = emulator.client.create_user_pool_client(UserPoolId=auth.seed.pool_id, ClientName="no-flows")[
        "UserPoolClient"
    ]
    auth.seed = type(auth.seed)(
        pool_id=auth.seed.pool_id,
        client_id=bare["ClientId"],
        client_secret="",
        region=auth.seed.region,
        users=auth.seed.users,
    )
    with pytest.raises(ClientError) as excinfo:
        auth.sign_in(auth.user("sms").username, secret_hash=None)
    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "flow not enabled for this client" in message
