"""The two preferences the app needs before its first paint: the language
and the connection used last time.

:mod:`cogtotp_gui.connections.store` knows everything about preferences, but
importing it (its dataclasses, the settings module) costs ~10 ms, which the
first paint should not wait for when all it needs is two strings. This
module reads them with QSettings alone, from the same places in the same
order: a language policy enforces, the operator's own settings, then
policy's and IT's managed INI files' defaults. Policy (Windows Group Policy,
macOS managed preferences) is read only on Windows and macOS: on Linux
nothing more is imported before the first paint.
``tests/gui/shell/test_startup_preferences.py`` checks that both readers agree.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from cogtotp_gui.names import (
    APP_NAME,
    ENV_PROFILES_INI,
    LANGUAGE_CHOICES,
    MACOS_MANAGED_INI,
    ORGANIZATION,
    PREFERENCES_GROUP,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cogtotp_gui.connections.policy import SettingsSource


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(part) for part in value)
    return "" if value is None else str(value)


def _system_policy() -> list[SettingsSource]:
    if sys.platform not in ("win32", "darwin"):
        return []
    from PySide6.QtCore import QSettings

    from cogtotp_gui.connections.policy import policy_sources

    return policy_sources(sys.platform, open_registry=lambda key: QSettings(key, QSettings.Format.NativeFormat))


def _sources(policy: Sequence[SettingsSource]) -> list[SettingsSource]:
    from PySide6.QtCore import QSettings

    own = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)
    own.setFallbacksEnabled(False)  # IT's values are read below, as IT's
    sources: list[SettingsSource] = [own, *policy]
    explicit = os.environ.get(ENV_PROFILES_INI, "").strip()
    if explicit:
        sources.append(QSettings(explicit, QSettings.Format.IniFormat))
    if sys.platform == "darwin":
        sources.append(QSettings(MACOS_MANAGED_INI, QSettings.Format.IniFormat))
    sources.append(QSettings(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, ORGANIZATION, APP_NAME))
    return sources


def _preferences_of(source: SettingsSource) -> dict[str, str]:
    source.beginGroup(PREFERENCES_GROUP)
    try:
        return {key.lower(): _text(source.value(key)).strip() for key in source.childKeys()}
    finally:
        source.endGroup()


def read_startup_preferences(policy: Sequence[SettingsSource] | None = None) -> tuple[str | None, str | None]:
    """``(language, last_profile)``: ``en``/``ja`` (``None`` means follow the
    system), and the name of the connection used last (``None`` if none).
    A value that is unreadable or out of range counts as unset.

    Args:
        policy: the policy layers (tests fake them); ``None`` reads this
            system's (none on Linux).
    """
    policy = _system_policy() if policy is None else list(policy)
    layers = [_preferences_of(source) for source in _sources(policy)]
    # A language a policy sets is enforced: it goes before the operator's own.
    enforced = layers[1 : 1 + len(policy)]
    languages = (values.get("language", "").lower() for values in [*enforced, *layers])
    chosen = next((language for language in languages if language in LANGUAGE_CHOICES), None)
    last_profile = next((values["last_profile"] for values in layers if values.get("last_profile")), None)
    return (None if chosen in (None, "system") else chosen), last_profile
