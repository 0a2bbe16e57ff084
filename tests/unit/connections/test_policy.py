"""Where each system's administrators push settings, read with the platform
named by the test: Windows Group Policy through a registry adapter, macOS
managed preferences as plists, nothing on Linux. Qt-free."""

from __future__ import annotations

import plistlib

import pytest

import cogtotp_gui.connections.policy as policy
from cogtotp_gui import names
from cogtotp_gui.connections.policy import MappingSource


def _write_plist(path, values) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plistlib.dumps(values))


def test_a_nested_mapping_reads_as_qsettings_groups():
    source = MappingSource(
        {
            "profiles": {"Production": {"client_id": "abc", "session_ttl_s": 300}},
            "preferences": {"language": "ja"},
            "PayloadType": names.BUNDLE_ID,
            "bad/key": "ignored",
            "when": b"bytes are not settings",
        },
        "/Library/Managed Preferences/x.plist",
    )
    assert sorted(source.allKeys()) == [
        "PayloadType",
        "preferences/language",
        "profiles/Production/client_id",
        "profiles/Production/session_ttl_s",
    ]
    source.beginGroup("profiles/Production")
    assert sorted(source.childKeys()) == ["client_id", "session_ttl_s"]
    assert source.value("session_ttl_s") == 300
    source.endGroup()
    source.beginGroup("preferences")
    assert source.childKeys() == ["language"] and source.value("language") == "ja"
    assert source.value("missing") is None
    source.endGroup()
    assert source.fileName() == "/Library/Managed Preferences/x.plist"


def test_linux_has_no_policy_layer():
    assert policy.policy_sources("linux") == []
    assert policy.policy_locations("linux") == []


def test_windows_reads_the_machine_policy_key_through_the_adapter():
    opened: list[str] = []

    def open_registry(key):
        opened.append(key)
        return MappingSource({"preferences": {"language": "en"}}, key)

    sources = policy.policy_sources("win32", open_registry=open_registry)
    assert opened == [r"HKEY_LOCAL_MACHINE\Software\Policies\cogtotp-gui"] == [names.WINDOWS_POLICY_KEY]
    assert policy.enforced_preferences(sources) == {"language": "en"}
    assert policy.policy_locations("win32") == [names.WINDOWS_POLICY_KEY]
    with pytest.raises(ValueError, match="registry adapter"):
        policy.policy_sources("win32")


def test_macos_reads_the_users_managed_preferences_before_the_machines(tmp_path):
    root = tmp_path / "Managed Preferences"
    _write_plist(root / f"{names.BUNDLE_ID}.plist", {"preferences": {"language": "en", "idle_timeout_s": 600}})
    _write_plist(root / "helpdesk1" / f"{names.BUNDLE_ID}.plist", {"preferences": {"language": "ja"}})
    _write_plist(root / "someone-else" / f"{names.BUNDLE_ID}.plist", {"preferences": {"clipboard_clear_s": 5}})
    sources = policy.policy_sources("darwin", root=str(root), user="helpdesk1")
    assert [s.fileName() for s in sources] == [
        str(root / "helpdesk1" / f"{names.BUNDLE_ID}.plist"),
        str(root / f"{names.BUNDLE_ID}.plist"),
    ]
    assert policy.enforced_preferences(sources) == {"language": "ja", "idle_timeout_s": 600}
    # another account: the machine's file only
    others = policy.policy_sources("darwin", root=str(root), user="nobody")
    assert policy.enforced_preferences(others) == {"language": "en", "idle_timeout_s": 600}


def test_macos_without_a_profile_or_with_a_broken_one_reads_nothing(tmp_path, caplog):
    root = tmp_path / "Managed Preferences"
    assert policy.policy_sources("darwin", root=str(root), user="helpdesk1") == []
    root.mkdir()
    (root / f"{names.BUNDLE_ID}.plist").write_bytes(b"not a plist")
    _write_plist(root / "helpdesk1" / f"{names.BUNDLE_ID}.plist", ["an", "array"])
    with caplog.at_level("WARNING"):
        assert policy.policy_sources("darwin", root=str(root), user="helpdesk1") == []
    assert "not a dictionary" in caplog.text and "not read" in caplog.text


def test_a_user_name_never_leaves_the_managed_folder(tmp_path):
    for user in ("../etc", "..", "", "a/b"):
        paths = policy.macos_managed_plists(str(tmp_path), user)
        assert paths == [str(tmp_path / f"{names.BUNDLE_ID}.plist")]


def test_only_language_and_the_two_timers_are_enforceable():
    source = MappingSource(
        {"preferences": {"Language": "ja", "last_profile": "Production", "idle_timeout_s": 90, "colour": "red"}},
        "x",
    )
    assert policy.enforced_preferences([source]) == {"language": "ja", "idle_timeout_s": 90}
