"""Start-up: the saved language and the last connection, read before the first paint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
)

from cogtotp_gui import i18n, names
from cogtotp_gui.connections.model import Preferences, Profile
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.ui.shell.startup_preferences import read_startup_preferences


@pytest.fixture
def own_settings() -> Iterator[QSettings]:
    """The operator's own settings (a temporary folder during the tests)."""
    settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, names.ORGANIZATION, names.APP_NAME)
    settings.clear()
    yield settings
    settings.clear()
    settings.sync()


def test_start_up_reader_agrees_with_the_profile_store(tmp_path, monkeypatch, own_settings):
    it_ini = tmp_path / "it.ini"
    it_ini.write_text("[preferences]\nLanguage=ja\nlast_profile=Corporate\n", encoding="utf-8")
    monkeypatch.setenv(names.ENV_PROFILES_INI, str(it_ini))
    store = ProfileStore()
    assert (store.preferences().language, store.preferences().last_profile) == ("ja", "Corporate")
    assert read_startup_preferences() == ("ja", "Corporate")  # IT's defaults
    store.save_preferences(Preferences(language="system", last_profile="Mine"))
    assert read_startup_preferences() == (None, "Mine")  # the operator's own win
    own_settings.setValue("preferences/language", "klingon")  # out of range: IT's then
    own_settings.sync()
    assert read_startup_preferences()[0] == store.preferences().language == "ja"


def test_start_up_uses_the_saved_language_and_the_last_connection(
    qtbot, emulator, memory_keyring, own_settings, monkeypatch
):
    from PySide6.QtCore import QTimer

    from cogtotp_gui.app import main
    from cogtotp_gui.ui.shell.main_window import MainWindow

    seed = emulator.seed
    store = ProfileStore()
    store.save(
        Profile.create(
            name="Remembered", user_pool_id=seed.pool_id, client_id=seed.client_id, endpoint_url=emulator.endpoint_url
        ),
        client_secret=seed.client_secret,
    )
    store.save_preferences(Preferences(language="ja", last_profile="Remembered"))
    seen: list[tuple[str, str]] = []

    def close_soon() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or not windows[0].controller.is_ready:
            QTimer.singleShot(20, close_soon)
            return
        window = windows[0]
        seen.append((window.controller.settings.name, window.file_menu.title()))
        window.close()

    QTimer.singleShot(0, close_soon)
    try:
        assert main([]) == 0
    finally:
        i18n.install_translations(QApplication.instance(), "en")
    assert seen and seen[0][0] == "Remembered"
    assert seen[0][1] != "&File"  # Japanese
