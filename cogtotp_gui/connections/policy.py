"""Settings an administrator enforces: Windows Group Policy, macOS managed preferences.

Besides IT's INI files (:mod:`cogtotp_gui.connections.store`), each desktop
system has one place where its administrators push settings:

- **Windows**: the machine policy key ``HKLM\\Software\\Policies\\cogtotp-gui``
  (names.WINDOWS_POLICY_KEY), written by Group Policy (the ADMX template in
  ``resources/policy/``) or by Group Policy Preferences / Intune registry
  items. Read through QSettings' native format, which maps subkeys to groups
  exactly as the INI sections are: ``profiles\\Production`` value
  ``user_pool_id`` is the key ``profiles/Production/user_pool_id``.
- **macOS**: managed preferences for the bundle identifier (names.BUNDLE_ID),
  which a configuration profile (MDM, or one installed by hand: the sample in
  ``resources/policy/``) writes as ``/Library/Managed Preferences/<user>/<id>.plist``
  (for one user) and ``/Library/Managed Preferences/<id>.plist`` (for the
  machine). Read with plistlib: nested dictionaries are the groups.
- **Linux and other systems**: none (IT's INI files are the managed layer there).

Precedence (docs/it-preconfiguration.md): a connection defined by policy hides
one of the same name in IT's INI files, which hides the operator's own; the
preferences policy sets (language, idle timeout, clipboard clearing) are
enforced, while IT's INI ``[preferences]`` stay defaults the operator may change.

The OS calls are small adapters passed in (``open_registry``, ``root``,
``user``), so every branch runs on any system with the platform named by the
caller: tests/unit/connections/test_policy.py. Qt-free: the registry adapter
comes from the caller (the store and the start-up reader pass QSettings).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from cogtotp_gui.names import BUNDLE_ID, MACOS_MANAGED_PREFERENCES, PREFERENCES_GROUP, WINDOWS_POLICY_KEY

log = logging.getLogger(__name__)

# The preferences a policy enforces (the operator's own value is ignored and
# the Settings dialog shows them locked). last_profile stays a default even
# from a policy: it only preselects a connection.
ENFORCEABLE_PREFERENCES = ("language", "idle_timeout_s", "clipboard_clear_s")


class SettingsSource(Protocol):
    """The part of QSettings' reading API the store uses (QSettings has it)."""

    def fileName(self) -> str: ...
    def allKeys(self) -> list[str]: ...
    def beginGroup(self, prefix: str) -> None: ...
    def endGroup(self) -> None: ...
    def childKeys(self) -> list[str]: ...
    def value(self, key: str) -> Any: ...


class MappingSource:
    """A read-only :class:`SettingsSource` over a nested mapping (a plist).

    Nested dictionaries are groups, as QSettings' groups: ``{"profiles":
    {"Production": {"client_id": "abc"}}}`` has the key
    ``profiles/Production/client_id``.

    Args:
        values: the mapping (plistlib's result).
        label: what :meth:`fileName` says (where the values came from).
    """

    def __init__(self, values: Mapping[str, Any], label: str) -> None:
        self._flat = dict(_flatten(values))
        self._label = label
        self._groups: list[str] = []

    def fileName(self) -> str:
        return self._label

    def _prefix(self) -> str:
        return "".join(group + "/" for group in self._groups)

    def allKeys(self) -> list[str]:
        prefix = self._prefix()
        return [key[len(prefix) :] for key in self._flat if key.startswith(prefix)]

    def beginGroup(self, prefix: str) -> None:
        self._groups.append(prefix.strip("/"))

    def endGroup(self) -> None:
        if self._groups:
            self._groups.pop()

    def childKeys(self) -> list[str]:
        return [key for key in self.allKeys() if "/" not in key]

    def value(self, key: str) -> Any:
        return self._flat.get(self._prefix() + key)


def _flatten(values: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    for key, value in values.items():
        if not isinstance(key, str) or not key or "/" in key:
            continue  # not a key QSettings could have written either
        if isinstance(value, Mapping):
            pairs += _flatten(value, f"{prefix}{key}/")
        elif isinstance(value, (str, int, float)):  # bool is an int: the model refuses it where a number is due
            pairs.append((prefix + key, value))
        # data, dates and arrays have no meaning in these settings: left out
    return pairs


def macos_managed_plists(root: str = MACOS_MANAGED_PREFERENCES, user: str | None = None) -> list[str]:
    """The managed-preference files of ``user`` (default: this account), most specific first.

    macOS gives a user's managed preferences precedence over the machine's.
    """
    if user is None:
        import getpass

        try:
            user = getpass.getuser()
        except Exception:  # no passwd entry (a service): the machine's file only
            user = ""
    paths = []
    if user and "/" not in user and user not in (".", ".."):
        paths.append(os.path.join(root, user, f"{BUNDLE_ID}.plist"))
    paths.append(os.path.join(root, f"{BUNDLE_ID}.plist"))
    return paths


def read_plist(path: str) -> MappingSource | None:
    """The managed preferences in ``path``, or ``None`` if there is no such file.

    A file that is there but unreadable or not a dictionary is logged and skipped:
    the app still starts, with IT's other layers.
    """
    import plistlib

    try:
        with open(path, "rb") as f:
            values = plistlib.load(f)
    except FileNotFoundError:
        return None
    except (OSError, plistlib.InvalidFileException, ValueError) as exc:
        log.warning("managed preferences %s not read: %s", path, exc)
        return None
    if not isinstance(values, dict):
        log.warning("managed preferences %s not read: not a dictionary", path)
        return None
    return MappingSource(values, path)


def policy_locations(platform: str = sys.platform, *, root: str = MACOS_MANAGED_PREFERENCES) -> list[str]:
    """Where policy is read from on ``platform`` (for Settings and the docs)."""
    if platform == "win32":
        return [WINDOWS_POLICY_KEY]
    if platform == "darwin":
        return macos_managed_plists(root)
    return []


def policy_sources(
    platform: str = sys.platform,
    *,
    open_registry: Callable[[str], SettingsSource] | None = None,
    root: str = MACOS_MANAGED_PREFERENCES,
    user: str | None = None,
) -> list[SettingsSource]:
    """The policy layers of ``platform``, most binding first.

    Args:
        platform: ``sys.platform`` of the system to read (tests name another).
        open_registry: Windows: opens a registry key as a settings source
            (the store passes ``QSettings(key, NativeFormat)``); required there.
        root: macOS: the managed-preferences folder.
        user: macOS: the account whose managed preferences apply.
    """
    if platform == "win32":
        if open_registry is None:
            raise ValueError("reading Windows policy needs a registry adapter")
        return [open_registry(WINDOWS_POLICY_KEY)]
    if platform == "darwin":
        found = (read_plist(path) for path in macos_managed_plists(root, user))
        return [source for source in found if source is not None]
    return []


def enforced_preferences(sources: list[SettingsSource]) -> dict[str, Any]:
    """The enforceable preferences the policy layers set, first layer winning (raw values)."""
    enforced: dict[str, Any] = {}
    for source in sources:
        source.beginGroup(PREFERENCES_GROUP)
        try:
            for key in source.childKeys():
                name = key.lower()
                if name in ENFORCEABLE_PREFERENCES and name not in enforced:
                    enforced[name] = source.value(key)
        finally:
            source.endGroup()
    return enforced
