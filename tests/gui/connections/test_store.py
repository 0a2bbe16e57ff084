"""Saved connections: QSettings round-trips, IT-managed INI files, secrets
only in the keyring (or memory), field-level refusals."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import keyring.errors
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from keyring.backends import fail
from PySide6.QtCore import QSettings

from cogtotp_gui import names
from cogtotp_gui.connections import store as store_module
from cogtotp_gui.connections.model import Preferences, Profile
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.enrollment.settings import SettingsError, SignInMode, SmsAfterEnrollment
from tests.support.memory_keyring import MemoryKeyring, installed

SECRET = "k1Lm2Nn3Oo4Pp5Qq6Rr7Ss8Tt9Uu0VvWwXxYyZz12345678abcd"
OTHER_SECRET = "zZ9yY8xX7wW6vV5uU4tT3sS2rR1qQ0pPoOnNmMlLkKjJiIhHgG"


@pytest.fixture
def memory_keyring():
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def no_keyring():
    with installed(fail.Keyring()):
        yield


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    monkeypatch.delenv(names.ENV_CLIENT_SECRET, raising=False)
    monkeypatch.delenv(names.ENV_PROFILES_INI, raising=False)


@pytest.fixture
def user_ini(tmp_path) -> Path:
    return tmp_path / "user.ini"


def make_store(user_ini: Path, it_ini: Path | list | None = None) -> ProfileStore:
    return ProfileStore(
        QSettings(str(user_ini), QSettings.Format.IniFormat), it_ini=it_ini if it_ini is not None else []
    )


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


def write_it_ini(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


IT_INI = """\
[preferences]
language=ja
idle_timeout_s=300

[profiles]
Corporate\\user_pool_id=ap-northeast-1_Corp12345
Corporate\\client_id=corpclient0123456789
Corporate\\mode=user
Corporate\\issuer="Acme, Inc."
Corporate\\sms_after=disable
Corporate\\client_secret={secret}

[profiles/Staging]
user_pool_id=us-east-2_Stage9876
client_id=stageclient
issuer=Acme, Staging
ClientSecret={secret}
"""


# -- own profiles ---------------------------------------------------------------


def test_profile_round_trips_through_qsettings_and_secret_goes_to_keyring(user_ini, memory_keyring):
    store = make_store(user_ini)
    store.save(sample(), client_secret=SECRET)

    reread = make_store(user_ini)  # a new run
    (profile,) = reread.list()
    assert profile == sample()
    assert profile.mode is SignInMode.ADMIN and profile.sms_after is SmsAfterEnrollment.KEEP
    assert profile.session_ttl_s == 300 and not profile.managed
    assert reread.client_secret("Production") == SECRET
    assert memory_keyring.passwords == {("cogtotp-gui", "Production"): SECRET}

    raw = user_ini.read_bytes()
    assert SECRET.encode() not in raw
    assert b"secret" not in raw.lower()

    settings = reread.load_profile("production")  # names are case-insensitive
    assert settings.client_secret == SECRET
    assert settings.name == "Production" and settings.effective_region == "eu-west-1"


@hsettings(max_examples=40, deadline=None)
@given(
    name=st.text(min_size=1, max_size=64).filter(lambda n: n.strip() and "/" not in n and "\\" not in n),
    issuer=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=":"), min_size=1, max_size=64
    ),
)
def test_any_valid_name_and_issuer_round_trip(name, issuer):
    try:
        profile = sample(name=name, issuer=issuer)
    except SettingsError:
        return  # control characters, blank after strip: refused, not stored
    with tempfile.TemporaryDirectory() as folder:
        store = make_store(Path(folder) / "user.ini")
        store.save(profile)
        assert make_store(Path(folder) / "user.ini").list() == [profile]


def test_none_clears_optional_fields_and_empty_ttl_means_default(user_ini):
    store = make_store(user_ini)
    store.save(sample(region="", endpoint_url=" ", session_ttl_s=""))
    (profile,) = make_store(user_ini).list()
    assert profile.region is None and profile.endpoint_url is None and profile.session_ttl_s is None


def test_rename_moves_the_secret_and_delete_forgets_it(user_ini, memory_keyring):
    store = make_store(user_ini)
    store.save(sample(), client_secret=SECRET)
    store.set_last_profile("Production")
    store.save(sample(name="Prod (Tokyo)"), previous_name="Production")

    assert [p.name for p in store.list()] == ["Prod (Tokyo)"]
    assert store.client_secret("Prod (Tokyo)") == SECRET
    assert ("cogtotp-gui", "Production") not in memory_keyring.passwords
    assert store.preferences().last_profile == "Prod (Tokyo)"

    store.delete("Prod (Tokyo)")
    assert store.list() == []
    assert memory_keyring.passwords == {}
    assert store.preferences().last_profile is None


def test_empty_secret_forgets_none_keeps(user_ini, memory_keyring):
    store = make_store(user_ini)
    store.save(sample(), client_secret=SECRET)
    store.save(sample(issuer="New label"), previous_name="Production")
    assert store.client_secret("Production") == SECRET
    store.save(sample(), client_secret="", previous_name="Production")
    assert store.client_secret("Production") is None


def test_a_taken_name_is_refused(user_ini):
    store = make_store(user_ini)
    store.save(sample())
    with pytest.raises(SettingsError) as caught:
        store.save(sample(name="PRODUCTION", issuer="x"))
    assert caught.value.field == "name" and caught.value.message_key == "settings.name_taken"
    store.save(sample(name="Staging"))
    with pytest.raises(SettingsError):
        store.save(sample(name="Staging"), previous_name="Production")


def test_a_malformed_secret_is_refused_before_anything_is_written(user_ini, memory_keyring):
    store = make_store(user_ini)
    with pytest.raises(SettingsError) as caught:
        store.save(sample(), client_secret="not a secret!")
    assert caught.value.field == "client_secret"
    assert store.list() == [] and memory_keyring.passwords == {}


def test_aws_profile_round_trips(user_ini):
    store = make_store(user_ini)
    store.save(sample(aws_profile="helpdesk-admin"))
    assert make_store(user_ini).get("Production").aws_profile == "helpdesk-admin"


# -- managed (IT) profiles ------------------------------------------------------------


def test_it_ini_profiles_are_managed_and_their_secrets_ignored(user_ini, tmp_path, memory_keyring, caplog):
    it_ini = write_it_ini(tmp_path / "it.ini", IT_INI.format(secret=SECRET))
    with caplog.at_level(logging.WARNING, logger="cogtotp_gui.connections.store"):
        store = make_store(user_ini, it_ini)

    corporate, staging = store.list()
    assert corporate.managed and corporate.source == str(it_ini)
    assert corporate.user_pool_id == "ap-northeast-1_Corp12345" and corporate.issuer == "Acme, Inc."
    assert staging.issuer == "Acme, Staging"  # unquoted comma: QSettings' list, joined back
    assert staging.mode is SignInMode.USER

    # The key is named, the value never.
    assert "'client_secret'" in caplog.text and "'ClientSecret'" in caplog.text
    assert SECRET not in caplog.text
    assert store.client_secret("Corporate") is None
    assert store.load_profile("Corporate").client_secret is None
    assert memory_keyring.passwords == {}
    # IT's defaults apply until the operator chooses otherwise.
    assert store.preferences() == Preferences(language="ja", idle_timeout_s=300)


def test_managed_profiles_are_read_only_and_win_over_own(user_ini, tmp_path, memory_keyring):
    own = make_store(user_ini)
    own.save(sample(name="corporate"))
    store = make_store(user_ini, write_it_ini(tmp_path / "it.ini", IT_INI.format(secret="")))

    assert [p.name for p in store.list()] == ["Corporate", "Staging"]
    for attempt in (lambda: store.save(sample(name="Corporate")), lambda: store.delete("Corporate")):
        with pytest.raises(SettingsError) as caught:
            attempt()
        assert caught.value.message_key == "settings.name_managed"
    # The operator may still give a managed profile its secret, kept in the keyring.
    assert store.set_client_secret("Corporate", SECRET) is True
    assert store.client_secret("corporate") == SECRET
    assert SECRET.encode() not in user_ini.read_bytes()


def test_invalid_managed_profile_is_skipped_with_a_problem(user_ini, tmp_path):
    it_ini = write_it_ini(
        tmp_path / "it.ini",
        "[profiles/Broken]\nuser_pool_id=nowhere\nclient_id=abc\n\n[profiles/Fine]\nuser_pool_id=eu-west-1_X\nclient_id=abc\n",
    )
    store = make_store(user_ini, it_ini)
    assert [p.name for p in store.list()] == ["Fine"]
    (problem,) = store.problems
    assert (problem.profile, problem.field, problem.message_key) == ("Broken", "user_pool_id", "settings.user_pool_id")


def test_a_hand_broken_own_profile_is_one_problem_however_often_listed(user_ini):
    user_ini.write_text("[profiles]\nBad\\user_pool_id=x\nBad\\client_id=c\n", encoding="utf-8")
    store = make_store(user_ini)
    for _ in range(3):
        assert store.list() == []
    assert [(p.profile, p.field) for p in store.problems] == [("Bad", "user_pool_id")]


def test_profiles_ini_from_the_environment(user_ini, tmp_path, monkeypatch):
    it_ini = write_it_ini(tmp_path / "from-env.ini", "[profiles/Env]\nuser_pool_id=eu-west-1_E\nclient_id=abc\n")
    monkeypatch.setenv(names.ENV_PROFILES_INI, str(it_ini))
    store = ProfileStore(QSettings(str(user_ini), QSettings.Format.IniFormat))
    assert store.get("env").managed
    assert store_module.managed_ini_paths()[0] == str(it_ini)


def test_system_scope_location_is_among_the_managed_paths():
    paths = store_module.managed_ini_paths()
    assert any(p.endswith(("cogtotp-gui/cogtotp-gui.ini", "cogtotp-gui\\cogtotp-gui.ini")) for p in paths)


# -- secrets without a keyring -----------------------------------------------------------


def test_without_a_keyring_the_secret_lives_in_memory_for_this_run(user_ini, no_keyring):
    store = make_store(user_ini)
    assert store.keyring_available is False
    store.save(sample(), client_secret=SECRET)
    assert store.client_secret("Production") == SECRET
    assert SECRET.encode() not in user_ini.read_bytes()
    assert make_store(user_ini).client_secret("Production") is None  # next run asks again


def test_environment_secret_is_the_last_resort(user_ini, memory_keyring, monkeypatch):
    store = make_store(user_ini)
    store.save(sample())
    monkeypatch.setenv(names.ENV_CLIENT_SECRET, OTHER_SECRET)
    assert store.client_secret("Production") == OTHER_SECRET
    store.set_client_secret("Production", SECRET)
    assert store.client_secret("Production") == SECRET


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked(f"locked while reading {username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"could not store {password}")


def test_a_failing_keyring_degrades_to_memory_without_leaking(user_ini, caplog):
    with installed(BrokenKeyring()):
        store = make_store(user_ini)
        store.save(sample())
        with caplog.at_level(logging.WARNING, logger="cogtotp_gui.connections.store"):
            assert store.set_client_secret("Production", SECRET) is False
        assert store.keyring_available is False
        assert store.client_secret("Production") == SECRET
        assert SECRET not in caplog.text and "PasswordSetError" in caplog.text


def test_unknown_profile_names_the_known_ones(user_ini):
    store = make_store(user_ini)
    store.save(sample())
    with pytest.raises(SettingsError) as caught:
        store.load_profile("Nope")
    assert caught.value.field == "profile" and "Production" in caught.value.expected


# -- preferences -------------------------------------------------------------------


def test_preferences_round_trip_and_defaults(user_ini):
    store = make_store(user_ini)
    assert store.preferences() == Preferences(
        language="system", idle_timeout_s=120, clipboard_clear_s=30, last_profile=None
    )
    store.save_preferences(
        Preferences(language="ja", idle_timeout_s=600, clipboard_clear_s=15, last_profile="Production")
    )
    assert make_store(user_ini).preferences() == Preferences("ja", 600, 15, "Production")


def test_out_of_range_stored_preference_falls_back(user_ini, caplog):
    user_ini.write_text("[preferences]\nidle_timeout_s=1\nclipboard_clear_s=abc\nlanguage=fr\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="cogtotp_gui.connections.store"):
        assert make_store(user_ini).preferences() == Preferences()
    assert "idle_timeout_s" in caplog.text


def test_it_preconfigures_a_connections_team_campaign_in_its_ini(tmp_path, user_ini):
    it_ini = write_it_ini(
        tmp_path / "it.ini",
        "[profiles/Desk]\nuser_pool_id=eu-west-1_Desk12345\nclient_id=deskclient\n"
        "aws_profile=helpdesk\ncampaign=Spring 2027\ncampaign_table=cogtotp-campaigns\n",
    )
    (profile,) = make_store(user_ini, it_ini).list()
    assert profile.managed
    assert (profile.campaign, profile.campaign_table, profile.aws_profile) == (
        "Spring 2027",
        "cogtotp-campaigns",
        "helpdesk",
    )
