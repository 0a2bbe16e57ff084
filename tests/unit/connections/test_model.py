"""The Qt-free connection model: profiles and preferences, and their checks."""

from __future__ import annotations

import pytest

from cogtotp_gui.connections.model import Preferences, Profile, validate_fields
from cogtotp_gui.enrollment.settings import SettingsError

SECRET = "k1Lm2Nn3Oo4Pp5Qq6Rr7Ss8Tt9Uu0VvWwXxYyZz12345678abcd"


def sample(name: str = "Production", **changes) -> Profile:
    values = dict(
        name=name,
        user_pool_id="eu-west-1_AbCdEf123",
        client_id="1a2b3c4d5e6f7g8h9i0j",
        mode="admin",
        issuer="Acme Helpdesk",
        endpoint_url="http://127.0.0.1:5000",
        sms_after="keep",
        session_ttl_s="300",
    )
    values.update(changes)
    return Profile.create(**values)


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"name": "  "}, "name", "settings.name"),
        ({"name": "a/b"}, "name", "settings.name"),
        ({"name": "x" * 65}, "name", "settings.name"),
        ({"user_pool_id": "eu-west-1"}, "user_pool_id", "settings.user_pool_id"),
        ({"client_id": "has space"}, "client_id", "settings.client_id"),
        ({"region": "Europe"}, "region", "settings.region"),
        ({"mode": "root"}, "mode", "settings.mode"),
        ({"issuer": "Acme:Prod"}, "issuer", "settings.issuer_colon"),
        ({"endpoint_url": "ftp://x"}, "endpoint_url", "settings.endpoint_url"),
        ({"sms_after": "delete"}, "sms_after", "settings.sms_after"),
        ({"session_ttl_s": "60"}, "session_ttl_s", "settings.session_ttl"),
        ({"session_ttl_s": "ten"}, "session_ttl_s", "settings.session_ttl"),
        ({"aws_profile": "my profile"}, "aws_profile", "settings.aws_profile"),
        ({"campaign": "spring#2"}, "campaign", "settings.campaign"),
        ({"campaign": "x" * 65}, "campaign", "settings.campaign"),
        ({"campaign_table": "ab"}, "campaign_table", "settings.campaign_table"),
        ({"campaign_table": "my table"}, "campaign_table", "settings.campaign_table"),
        ({"campaign": "Spring"}, "campaign_table", "settings.campaign_table_needed"),
    ],
)
def test_invalid_values_are_refused_with_the_field(changes, field, key):
    with pytest.raises(SettingsError) as caught:
        sample(**changes)
    assert (caught.value.field, caught.value.message_key) == (field, key)
    assert caught.value.expected


def test_every_bad_field_is_reported_at_once():
    errors = validate_fields(
        {"name": "", "user_pool_id": "x", "client_id": "ok", "issuer": "a:b", "session_ttl_s": "5"},
        client_secret="no spaces allowed",
    )
    assert set(errors) == {"name", "user_pool_id", "issuer", "session_ttl_s", "client_secret"}
    assert errors["issuer"].message_key == "settings.issuer_colon"
    assert validate_fields({"name": "Fine", "user_pool_id": "eu-west-1_A", "client_id": "c"}, SECRET) == {}


def test_a_profile_cannot_carry_a_secret():
    with pytest.raises(TypeError):
        Profile.create(name="x", user_pool_id="eu-west-1_A", client_id="c", client_secret=SECRET)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"language": "fr"}, "language"),
        ({"idle_timeout_s": 10}, "idle_timeout_s"),
        ({"idle_timeout_s": True}, "idle_timeout_s"),
        ({"clipboard_clear_s": 601}, "clipboard_clear_s"),
    ],
)
def test_invalid_preferences_are_refused_with_the_field(values, field):
    with pytest.raises(SettingsError) as caught:
        Preferences(**values)
    assert caught.value.field == field


def test_preferences_normalise_text():
    assert Preferences(language=" JA ", idle_timeout_s="90", clipboard_clear_s="10") == Preferences("ja", 90, 10)


def test_a_team_campaign_is_saved_with_the_connection_and_empty_means_none():
    profile = sample(campaign=" Spring 2027 ", campaign_table="cogtotp-campaigns")
    assert (profile.campaign, profile.campaign_table) == ("Spring 2027", "cogtotp-campaigns")
    assert profile.stored_values()["campaign"] == "Spring 2027"
    assert profile.stored_values()["campaign_table"] == "cogtotp-campaigns"
    plain = sample(campaign="", campaign_table="  ")
    assert (plain.campaign, plain.campaign_table) == (None, None)
    assert "campaign" not in plain.stored_values() and "campaign_table" not in plain.stored_values()
