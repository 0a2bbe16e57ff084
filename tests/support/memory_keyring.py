"""An in-memory keyring backend, so tests never touch the real OS keyring."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Keeps passwords in a dict that dies with the test.

    Attributes:
        passwords: ``(service, username) -> password``, for assertions.
    """

    priority = 1  # type: ignore[assignment]  # keyring declares it a classproperty

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class SlowKeyring(MemoryKeyring):
    """A keyring whose reads wait until the test opens its gate, as Secret
    Service over D-Bus or a macOS Keychain prompt can for seconds.

    Attributes:
        gate: set it to let the reads through (they give up after 10 s).
        read_threads: the thread each read ran on.
        reading: set while a read waits at the gate.
    """

    # Never chosen by keyring's own discovery (every subclass of a backend
    # is a candidate): only installed() makes it the keyring.
    priority = 0  # type: ignore[assignment]  # keyring declares it a classproperty

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.reading = threading.Event()
        self.read_threads: list[threading.Thread] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.read_threads.append(threading.current_thread())
        self.reading.set()
        self.gate.wait(10)
        return super().get_password(service, username)


@contextlib.contextmanager
def installed(backend: keyring.backend.KeyringBackend) -> Iterator[keyring.backend.KeyringBackend]:
    """Make ``backend`` the process's keyring for the duration."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
