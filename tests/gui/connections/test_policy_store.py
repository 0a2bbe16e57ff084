"""Precedence of the places settings come from, with the platform faked:
policy (Windows Group Policy, macOS managed preferences) over IT's INI file
over the operator's own settings. A connection policy defines hides the INI
file's of the same name, which hides the operator's; a preference policy sets
is enforced (Settings shows it locked, the operator's choice is kept but not
used); IT's INI preferences stay defaults the operator may change.

The Windows registry is faked by an INI file with the same groups: QSettings
maps registry subkeys to groups exactly as INI sections (the Windows-only test
at the end proves it on a real registry in the workflow's Windows job)."""

from __future__ import annotations

import plistlib
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cogtotp_gui import names
from cogtotp_gui.connections.model import Preferences, Profile
from cogtotp_gui.connections.policy import policy_sources
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.ui.shell.startup_preferences import read_startup_preferences
from tests.support.memory_keyring import MemoryKeyring, installed

ROOT = Path(__file__).resolve().parents[3]
SAMPLE_PROFILE = ROOT / "resources" / "policy" / "cogtotp-gui.mobileconfig"

# What Group Policy (the ADMX's policies) and GPP registry items write under
# HKLM\Software\Policies\cogtotp-gui, as QSettings groups.
REGISTRY = """
[profiles/Production]
user_pool_id=eu-west-1_Policy1234
client_id=policyclient
[preferences]
language=ja
clipboard_clear_s=45
last_profile=Production
"""
IT_INI = """
[profiles/Production]
user_pool_id=eu-west-1_IniFile123
client_id=iniclient
[profiles/Staging]
user_pool_id=eu-west-1_Staging12
client_id=stagingclient
[preferences]
idle_timeout_s=300
language=en
clipboard_clear_s=20
"""


@pytest.fixture(autouse=True)
def environment(monkeypatch):
    monkeypatch.delenv(names.ENV_CLIENT_SECRET, raising=False)
    monkeypatch.delenv(names.ENV_PROFILES_INI, raising=False)
    with installed(MemoryKeyring()):
        yield


def _fake_windows(tmp_path: Path, text: str = REGISTRY) -> list:
    registry = tmp_path / "registry.ini"
    registry.write_text(text, encoding="utf-8")
    opened: list[str] = []

    def open_registry(key: str) -> QSettings:
        opened.append(key)
        return QSettings(str(registry), QSettings.Format.IniFormat)

    sources = policy_sources("win32", open_registry=open_registry)
    assert opened == [names.WINDOWS_POLICY_KEY]
    return sources


def _store(tmp_path: Path, policy: list) -> ProfileStore:
    it_ini = tmp_path / "it.ini"
    it_ini.write_text(IT_INI, encoding="utf-8")
    own = QSettings(str(tmp_path / "own.ini"), QSettings.Format.IniFormat)
    store = ProfileStore(own, it_ini=it_ini, policy=policy)
    for name in ("Production", "Staging"):  # the operator's own, hidden by IT's
        own.setValue(f"profiles/{name}/user_pool_id", "eu-west-1_Operator12")
        own.setValue(f"profiles/{name}/client_id", "ownclient")
    # chosen by the operator before any policy
    for key, value in (("language", "system"), ("idle_timeout_s", 200), ("clipboard_clear_s", 10)):
        own.setValue(f"preferences/{key}", value)
    own.sync()
    store.save(Profile.create(name="Mine", user_pool_id="eu-west-1_Operator12", client_id="ownclient"))
    return store


def test_windows_policy_over_it_ini_over_the_operators_own_connections(tmp_path):
    store = _store(tmp_path, _fake_windows(tmp_path))
    listed = {p.name: p for p in store.list()}
    assert sorted(listed) == ["Mine", "Production", "Staging"]
    assert listed["Production"].client_id == "policyclient" and listed["Production"].managed
    assert listed["Staging"].client_id == "stagingclient" and listed["Staging"].managed
    assert listed["Mine"].client_id == "ownclient" and not listed["Mine"].managed


def test_windows_policy_preferences_are_enforced_and_the_ini_stays_a_default(tmp_path):
    store = _store(tmp_path, _fake_windows(tmp_path))
    preferences = store.preferences()
    assert preferences.language == "ja"  # policy, over the operator's "system" and the INI's "en"
    assert preferences.clipboard_clear_s == 45  # policy, over the operator's 10 and the INI's 20
    assert preferences.idle_timeout_s == 200  # no policy: the operator's own, over the INI's default 300
    assert preferences.last_profile == "Production"  # policy's default (the operator chose none)
    assert store.locked_preferences() == {"language", "clipboard_clear_s"}

    # Saving does not copy an enforced value into the operator's own settings.
    store.save_preferences(Preferences(language="ja", idle_timeout_s=240, clipboard_clear_s=45))
    own = QSettings(str(tmp_path / "own.ini"), QSettings.Format.IniFormat)
    assert own.value("preferences/language") == "system" and str(own.value("preferences/clipboard_clear_s")) == "10"
    assert str(own.value("preferences/idle_timeout_s")) == "240"
    # Without the policy, the operator's own choices apply again.
    later = ProfileStore(own, it_ini=tmp_path / "it.ini", policy=[])
    assert (later.preferences().language, later.preferences().clipboard_clear_s) == ("system", 10)


def test_an_invalid_policy_value_is_not_enforced(tmp_path):
    store = _store(tmp_path, _fake_windows(tmp_path, "[preferences]\nlanguage=klingon\nclipboard_clear_s=1\n"))
    assert store.locked_preferences() == frozenset()
    assert store.preferences().language == "system" and store.preferences().clipboard_clear_s == 10


def test_an_invalid_policy_value_does_not_hide_the_ini_default(tmp_path):
    it_ini = tmp_path / "it.ini"
    it_ini.write_text(IT_INI, encoding="utf-8")
    policy = _fake_windows(tmp_path, "[preferences]\nlanguage=klingon\n")
    store = ProfileStore(QSettings(str(tmp_path / "own.ini"), QSettings.Format.IniFormat), it_ini=it_ini, policy=policy)
    assert store.preferences().language == "en"  # the INI's default; the operator chose nothing


def test_the_start_up_reader_agrees_with_the_store_under_policy(tmp_path, monkeypatch):
    policy = _fake_windows(tmp_path)
    own = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, names.ORGANIZATION, names.APP_NAME)
    own.clear()
    try:
        own.setValue("preferences/language", "en")
        own.setValue("preferences/last_profile", "Mine")
        own.sync()
        monkeypatch.setenv(names.ENV_PROFILES_INI, str(tmp_path / "none.ini"))
        assert read_startup_preferences(policy) == ("ja", "Mine")  # enforced language; the operator's last
        assert read_startup_preferences([]) == ("en", "Mine")
    finally:
        own.clear()
        own.sync()


def test_the_settings_dialog_locks_what_policy_enforces(qtbot, tmp_path):
    from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog

    store = _store(tmp_path, _fake_windows(tmp_path))
    dialog = SettingsDialog(store, audit_dir=tmp_path / "audit", apply_language=False)
    qtbot.addWidget(dialog)
    assert not dialog.language_combo.isEnabled() and dialog.language_combo.currentData() == "ja"
    assert not dialog.clipboard_spin.isEnabled() and dialog.clipboard_spin.value() == 45
    assert dialog.idle_spin.isEnabled() and dialog.idle_spin.value() == 200
    assert dialog.language_combo.toolTip() == "Set by your organization's policy"
    assert dialog.idle_spin.toolTip() == ""
    assert dialog.policy_label.isVisibleTo(dialog) and "organization's policy" in dialog.policy_label.text()


def test_without_a_policy_nothing_is_locked_and_no_note_shows(qtbot, tmp_path):
    from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog

    dialog = SettingsDialog(_store(tmp_path, []), audit_dir=tmp_path / "audit", apply_language=False)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.isEnabled() and dialog.clipboard_spin.isEnabled()
    assert not dialog.policy_label.isVisibleTo(dialog)


def _fake_macos(tmp_path: Path, user: str = "helpdesk1") -> list:
    """The sample configuration profile's settings, where macOS puts them."""
    payload = plistlib.loads(SAMPLE_PROFILE.read_bytes())["PayloadContent"][0]
    assert payload["PayloadType"] == names.BUNDLE_ID
    settings = {key: value for key, value in payload.items() if not key.startswith("Payload")}
    root = tmp_path / "Managed Preferences"
    (root / user).mkdir(parents=True)
    (root / user / f"{names.BUNDLE_ID}.plist").write_bytes(plistlib.dumps({"preferences": {"idle_timeout_s": 90}}))
    (root / f"{names.BUNDLE_ID}.plist").write_bytes(plistlib.dumps(settings))
    return policy_sources("darwin", root=str(root), user=user)


def test_macos_managed_preferences_from_the_sample_profile(tmp_path):
    store = _store(tmp_path, _fake_macos(tmp_path))
    listed = {p.name: p for p in store.list()}
    assert sorted(listed) == ["Mine", "Production", "Staging", "本番 (東京)"]
    production = listed["Production"]
    assert production.managed and production.client_id == "1a2b3c4d5e6f7g8h9i0jklmnop"
    assert production.issuer == "Acme, Inc." and production.session_ttl_s == 300
    assert listed["本番 (東京)"].aws_profile == "helpdesk-admin"
    assert store.problems == []
    preferences = store.preferences()
    # the user's managed file (90) over the machine's (120); language and clipboard from the machine's
    assert (preferences.language, preferences.idle_timeout_s, preferences.clipboard_clear_s) == ("ja", 90, 30)
    assert store.locked_preferences() == {"language", "idle_timeout_s", "clipboard_clear_s"}


@pytest.mark.skipif(sys.platform != "win32", reason="a real registry: runs in the workflow's Windows job")
def test_qsettings_reads_registry_subkeys_as_the_groups_the_store_expects():
    import winreg

    # HKCU needs no administrator; the layout is the one GPO writes under HKLM.
    key = rf"Software\cogtotp-gui-test-{uuid.uuid4().hex}"
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key + r"\profiles\Production") as production:
        winreg.SetValueEx(production, "user_pool_id", 0, winreg.REG_SZ, "eu-west-1_Registry12")
        winreg.SetValueEx(production, "client_id", 0, winreg.REG_SZ, "registryclient")
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key + r"\preferences") as preferences:
        winreg.SetValueEx(preferences, "language", 0, winreg.REG_SZ, "ja")
        winreg.SetValueEx(preferences, "idle_timeout_s", 0, winreg.REG_DWORD, 600)
    try:
        policy = policy_sources(
            "win32", open_registry=lambda _: QSettings(rf"HKEY_CURRENT_USER\{key}", QSettings.Format.NativeFormat)
        )
        store = ProfileStore(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "t", "t"), [], policy)
        assert store.get("Production").client_id == "registryclient"
        assert store.preferences().idle_timeout_s == 600 and store.preferences().language == "ja"
    finally:
        for sub in (r"\profiles\Production", r"\profiles", r"\preferences", ""):
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key + sub)
