"""GUI tests: the wizard against the strict emulator, offscreen.

Fixtures:
    emulator, emulator_server: the strict Cognito emulator (shared server).
    wizard_app: builds a main window connected to the emulator and drives it.
    no_worker_left_behind (autouse): fails a test that leaves a worker running.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_driver import WizardDriver, make_driver
from PySide6.QtCore import QThreadPool

from cogtotp_gui.emulator.pytest_fixtures import *  # noqa: F403  # the fixtures emulator, emulator_server
from cogtotp_gui.ui.common import worker

# The offscreen platform cannot pass a window's minimum size on and says so
# whenever a layout changes it; on a real display (xcb, Windows, macOS) the
# size hints are honoured. Every other Qt warning still fails a test.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


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
