"""pytest fixtures for training mode: the training wizard on a shared emulator.

Registered for the whole suite by ``tests/conftest.py`` (``pytest_plugins``):
a test asks for ``training`` or ``training_environment`` by name.

Only one emulator can be installed per process, so these fixtures build the
training environment on the session's shared ``emulator_server`` (from
``tests/support/emulator_fixtures.py``) instead of starting their own; the
environment resets and seeds it exactly as ``--demo`` does. The emulator's
clock is a :class:`ManualClock` for the test, so TOTP codes and session
expiry do not depend on when the test runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cogtotp_gui.emulator import ManualClock
from cogtotp_gui.emulator.server import EmulatorServer
from cogtotp_gui.training.environment import TrainingEnvironment

__all__ = ["TrainingHandle", "training", "training_environment"]

START_TIMEOUT_MS = 15_000
# How long the background work a test set off may take to end (a loaded CI machine).
IDLE_TIMEOUT_MS = 15_000


@dataclass
class TrainingHandle:
    """What a test gets from the ``training`` fixture.

    Attributes:
        window: the main window, shown, with training mode installed.
        mode: the :class:`TrainingMode` (banner, menu, waiting panel).
        session: the :class:`TrainingSession` (phone, users dialog, reset).
        environment: the emulator, seed and connection.
    """

    window: Any
    mode: Any
    session: Any
    environment: TrainingEnvironment

    @property
    def emu(self) -> Any:
        return self.environment.emu

    @property
    def seed(self) -> Any:
        return self.environment.seed

    @property
    def phone(self) -> Any:
        return self.session.phone

    @property
    def wizard(self) -> Any:
        return self.window.wizard

    @property
    def controller(self) -> Any:
        return self.window.controller


@pytest.fixture
def training_environment(emulator_server: EmulatorServer) -> Iterator[TrainingEnvironment]:
    """A training environment on the shared server, on a ManualClock (not started)."""
    emu = emulator_server.emu
    saved_clock = emu.clock
    emu.clock = ManualClock()
    environment = TrainingEnvironment(server=emulator_server)
    try:
        yield environment
    finally:
        emu.clear_sms_listeners()
        environment.stop()
        emu.clock = saved_clock


@pytest.fixture
def training(qtbot: Any, training_environment: TrainingEnvironment) -> Iterator[TrainingHandle]:
    """The training wizard, shown and connected to a freshly seeded pool.

    At the end nothing is left running: the session's start/reset worker,
    the controller's workers and the phone's timer are all stopped, and the
    process' AWS environment is as it was.
    """
    from cogtotp_gui.training.mode import install_training, training_gateway_factory
    from cogtotp_gui.ui.common.worker import reporting_workers, running_workers
    from cogtotp_gui.ui.shell.assembly import create_main_window

    def wait_until_idle(_window: Any) -> None:
        # Connecting (at start and after a reset) goes on in the background
        # after the signal a test waits for: the warm-up, then admin mode's
        # STS identity and session-validity checks. pytest-qt closes the
        # window before this fixture's teardown, and closing shuts it down
        # (a check still running after SHUTDOWN_WAIT_MS is abandoned, as a
        # quitting operator wants: tests/gui/shell/test_shutdown.py). Let them
        # finish first, however loaded the machine; whatever is still running
        # then fails the shutdown check below.
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(lambda: reporting_workers() == 0, timeout=IDLE_TIMEOUT_MS)

    window = create_main_window(None, gateway_factory=training_gateway_factory)
    qtbot.addWidget(window, before_close_func=wait_until_idle)
    mode = install_training(window, environment=training_environment)
    with qtbot.waitSignal(mode.session.started, timeout=START_TIMEOUT_MS):
        window.show()
    handle = TrainingHandle(window=window, mode=mode, session=mode.session, environment=training_environment)
    try:
        yield handle
    finally:
        assert mode.shutdown(), "the training session left a worker running"
        assert window.shutdown(), "the controller left a worker running"
        qtbot.waitUntil(lambda: running_workers() == 0, timeout=5000)
