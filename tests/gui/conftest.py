"""GUI tests: the wizard against the strict emulator, offscreen.

Fixtures:
    emulator, emulator_server: the strict Cognito emulator (shared server).
    wizard_app: builds a main window connected to the emulator and drives it.
    no_worker_left_behind (autouse): fails a test that leaves a worker running.
    memory_keyring, store, windows: two saved connections to the emulator and
        main windows opened on them; board: the clipboard, cleared around a test.
    settings_dir: the operator's default QSettings, in a folder of the test's own.
    english_catalogue (autouse): English with its plural forms, as the app starts.

The tests are laid out like the package: wizard/, shell/, connections/,
privacy/, training/ and common/ test the ui/ (and training/) folder of the
same name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_driver import WizardDriver, make_driver, open_window
from PySide6.QtCore import QSettings, QStandardPaths, QThreadPool
from PySide6.QtGui import QGuiApplication

from cogtotp_gui import names
from cogtotp_gui.connections.model import Profile
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.ui.common import worker
from cogtotp_gui.ui.privacy import clipboard
from tests.support.memory_keyring import MemoryKeyring, installed

# The offscreen platform cannot pass a window's minimum size on and says so
# whenever a layout changes it; on a real display (xcb, Windows, macOS) the
# size hints are honoured. Every other Qt warning still fails a test.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(qapp: Any) -> None:
    """English as the app starts it: with its catalogue of plural forms ("1 user", "2 users")."""
    from cogtotp_gui import i18n

    i18n.install_translations(qapp, "en")


@pytest.fixture(autouse=True)
def no_worker_left_behind(qtbot: Any) -> Iterator[None]:
    yield
    # A worker that has just delivered its result may still be returning
    # from its function; anything longer is a leak.
    try:
        qtbot.waitUntil(lambda: worker.running_workers() == 0, timeout=2000)
    except Exception:
        pytest.fail(f"{worker.running_workers()} worker(s) still running after the test")
    assert QThreadPool.globalInstance().activeThreadCount() == 0, "a thread of the global pool is still busy"


@pytest.fixture
def heartbeat(qtbot: Any) -> Iterator[list[int]]:
    """A timer of the UI thread: its ticks (one a 10 ms) come only while the
    event loop runs, so a test sees the window stay responsive while a
    worker waits (a locked database, a slow keyring): no wall clock."""
    from PySide6.QtCore import QTimer

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    yield ticks
    timer.stop()


@pytest.fixture
def wizard_app(qtbot: Any, emulator: Any) -> Iterator[WizardDriver]:
    """A started main window in user mode; ``driver.restart(mode=...)`` for others."""
    drivers: list[WizardDriver] = []

    def factory(**kwargs: object) -> WizardDriver:
        driver = make_driver(qtbot, emulator, **kwargs)
        drivers.append(driver)
        return driver

    driver = factory()
    driver.factory = factory
    yield driver
    for each in drivers:
        each.close()


# -- saved connections and the clipboard, shared by several concerns ------------------


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(names.ENV_CLIENT_SECRET, raising=False)
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def store(tmp_path, memory_keyring, emulator) -> ProfileStore:
    """Two saved connections to the emulator's pool, secrets in the keyring."""
    seed = emulator.seed
    store = ProfileStore(
        QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat), it_ini=tmp_path / "none.ini"
    )
    for name, issuer in (("Alpha", "Alpha Helpdesk"), ("Beta", "Beta Helpdesk")):
        profile = Profile.create(
            name=name,
            user_pool_id=seed.pool_id,
            client_id=seed.client_id,
            region=seed.region,
            issuer=issuer,
            endpoint_url=emulator.endpoint_url,
        )
        store.save(profile, client_secret=seed.client_secret)
    return store


@pytest.fixture
def windows(qtbot, emulator, store) -> Iterator[Callable[..., WizardDriver]]:
    opened: list[WizardDriver] = []

    def make(profile: str | None = "Alpha", **kwargs: Any) -> WizardDriver:
        driver = open_window(qtbot, emulator, store, profile, **kwargs)
        opened.append(driver)
        return driver

    yield make
    for driver in opened:
        driver.close()


@pytest.fixture
def settings_dir(tmp_path, monkeypatch):
    """The operator's QSettings, in a folder of this test's own."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    default_path = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    default_format = QSettings.defaultFormat()
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    managed = tmp_path / "no-managed-profiles.ini"
    managed.touch()
    monkeypatch.setenv(names.ENV_PROFILES_INI, str(managed))
    monkeypatch.delenv(names.ENV_CLIENT_SECRET, raising=False)
    yield folder
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, default_path)
    QSettings.setDefaultFormat(default_format)


@pytest.fixture
def board(qapp):
    cb = QGuiApplication.clipboard()
    cb.clear()
    yield cb
    clipboard.clear_now_if_ours()
    cb.clear()
