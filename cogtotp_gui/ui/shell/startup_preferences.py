"""The two preferences the app needs before its first paint: the language
and the connection used last time.

:mod:`cogtotp_gui.connections.store` knows everything about preferences, but
importing it (its dataclasses, the settings module) costs ~10 ms, which the
first paint should not wait for when all it needs is two strings. This
module reads them with QSettings alone, from the same places in the same
order: the operator's own settings, then IT's managed INI files.
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
    from PySide6.QtCore import QSettings


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(part) for part in value)
    return "" if value is None else str(value)


def _sources() -> list[QSettings]:
    from PySide6.QtCore import QSettings

    own = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)
    own.setFallbacksEnabled(False)  # IT's values are read below, as IT's
    sources = [own]
    explicit = os.environ.get(ENV_PROFILES_INI, "").strip()
    if explicit:
        sources.append(QSettings(explicit, QSettings.Format.IniFormat))
    if sys.platform == "darwin":
        sources.append(QSettings(MACOS_MANAGED_INI, QSettings.Format.IniFormat))
    sources.append(QSettings(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, ORGANIZATION, APP_NAME))
    return sources


def _preferences_of(source: QSettings) -> dict[str, str]:
    source.beginGroup(PREFERENCES_GROUP)
    try:
        return {key.lower(): _text(source.value(key)).strip() for key in source.childKeys()}
    finally:
        source.endGroup()


def read_startup_preferences() -> tuple[str | None, str | None]:
    """``(language, last_profile)``: ``en``/``ja`` (``None`` means follow the
    system), and the name of the connection used last (``None`` if none).
    A value that is unreadable or out of range counts as unset."""
    language: str | None = None
    last_profile: str | None = None
    found_language = found_last = False
    for source in _sources():
        values = _preferences_of(source)
        if not found_language and values.get("language", "").lower() in LANGUAGE_CHOICES:
            found_language = True
            chosen = values["language"].lower()
            language = None if chosen == "system" else chosen
        if not found_last and values.get("last_profile"):
            found_last = True
            last_profile = values["last_profile"]
    return language, last_profile
