"""pytest fixtures for tests that talk to the strict emulator.

Registered for the whole suite by ``tests/conftest.py`` (``pytest_plugins``):
a test asks for ``emulator`` or ``emulator_server`` by name. They live under
``tests/``, not in the package: an installation has no pytest.

``emulator_server`` is one HTTP server per test session (starting moto costs
about half a second); ``emulator`` wipes it before every test, seeds the
training pool and hands over what a test needs. Every test shares the same
server, because patches are process-wide and
only one emulator may be installed at a time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from cogtotp_gui.emulator.clock import ManualClock
from cogtotp_gui.emulator.seed import SeedResult, seed_training_pool
from cogtotp_gui.emulator.server import EmulatorServer
from cogtotp_gui.emulator.strict import StrictCognito

__all__ = ["EmulatorHandle", "emulator", "emulator_server"]

REGION = "eu-west-1"
_FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
}
# Anything that could lead boto3 to real credentials or real config.
_UNSET = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
)


@dataclass
class EmulatorHandle:
    """What a test gets from the ``emulator`` fixture.

    Attributes:
        emu: the strict emulator (outbox, secrets, clock, fault injection);
            its clock is a fresh :class:`ManualClock` at real time.
        endpoint_url: where boto3 reaches it.
        seed: the training pool, its client and its users.
        client: a boto3 admin client (fake credentials) for that endpoint.
    """

    emu: StrictCognito
    endpoint_url: str
    seed: SeedResult
    client: Any

    def user_client(self) -> Any:
        """An unsigned client, as user mode makes its calls (no AWS credentials)."""
        return boto3.client(
            "cognito-idp",
            region_name=self.seed.region,
            endpoint_url=self.endpoint_url,
            config=Config(signature_version=UNSIGNED),
        )


class _SharedServer:
    """One emulator server per process, however many conftests ask for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self.server: EmulatorServer | None = None
        self.admin_client: Any = None

    def acquire(self) -> EmulatorServer:
        with self._lock:
            if self.server is None:
                self.server = EmulatorServer(StrictCognito(clock=ManualClock()))
                self.server.start()
                self.admin_client = boto3.client(
                    "cognito-idp",
                    region_name=REGION,
                    endpoint_url=self.server.endpoint_url,
                    aws_access_key_id="testing",
                    aws_secret_access_key="testing",
                )
            self._users += 1
            return self.server

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self.server is not None:
                self.server.stop()
                self.server = self.admin_client = None


_shared = _SharedServer()


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[EmulatorServer]:
    """The strict emulator served on 127.0.0.1 for the whole test session."""
    server = _shared.acquire()
    try:
        yield server
    finally:
        _shared.release()


@pytest.fixture
def emulator(emulator_server: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorHandle]:
    """A wiped, freshly seeded emulator with fake AWS credentials in the env."""
    for name, value in _FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    for name in _UNSET:
        monkeypatch.delenv(name, raising=False)
    # The developer's ~/.aws files could name a region, endpoint or profile.
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    emulator_server.reset()
    emu = emulator_server.emu
    emu.clock = ManualClock()
    seed = seed_training_pool(_shared.admin_client, emu)
    yield EmulatorHandle(
        emu=emu,
        endpoint_url=emulator_server.endpoint_url,
        seed=seed,
        client=_shared.admin_client,
    )
    # Listeners a test registered must not hear the next test's SMS.
    emu.clear_sms_listeners()
