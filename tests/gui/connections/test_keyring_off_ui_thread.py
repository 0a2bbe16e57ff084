"""The keyring is read on a worker: a backend that takes seconds to answer
(Secret Service over D-Bus, a macOS Keychain prompt) leaves the settings
dialog and the window usable, and nothing typed meanwhile is lost."""

from __future__ import annotations

import threading

import pytest
from gui_driver import TIMEOUT_MS
from PySide6.QtCore import QSettings

from cogtotp_gui import names
from cogtotp_gui.connections import model
from cogtotp_gui.connections.store import ProfileStore
from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog
from tests.support.memory_keyring import SlowKeyring, installed

SECRET = "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9876543210abcdEF"


@pytest.fixture
def slow_keyring(monkeypatch):
    monkeypatch.delenv(names.ENV_CLIENT_SECRET, raising=False)
    with installed(SlowKeyring()) as backend:
        yield backend
        backend.gate.set()


def test_the_settings_dialog_stays_usable_while_the_keyring_answers(qtbot, tmp_path, slow_keyring, heartbeat):
    store = ProfileStore(QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat), it_ini=tmp_path / "no.ini")
    slow_keyring.gate.set()  # saving writes; only the dialog's reads are held
    store.save(model.Profile.create(name="Alpha", user_pool_id="eu-west-1_Alpha1", client_id="alpha"), SECRET)
    store.set_last_profile("Alpha")
    slow_keyring.gate.clear()
    slow_keyring.read_threads.clear()

    dialog = SettingsDialog(store, audit_dir=tmp_path / "audit", apply_language=False)  # shows Alpha
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(slow_keyring.reading.is_set, timeout=TIMEOUT_MS)
    # The keyring holds its answer; the dialog goes on: the event loop runs, typing lands.
    ticks = len(heartbeat)
    qtbot.waitUntil(lambda: len(heartbeat) >= ticks + 3, timeout=TIMEOUT_MS)
    assert dialog.secret_edit.placeholderText() == "looking in the keyring…"
    assert dialog.forget_secret_check.isHidden()
    dialog.client_edit.clear()
    qtbot.keyClicks(dialog.client_edit, "alpha-2")
    assert dialog.client_edit.text() == "alpha-2"

    slow_keyring.gate.set()
    qtbot.waitUntil(
        lambda: (
            "keyring" in dialog.secret_edit.placeholderText() and "looking" not in dialog.secret_edit.placeholderText()
        ),
        timeout=TIMEOUT_MS,
    )
    assert dialog.secret_edit.placeholderText() == "saved in the keyring; type to replace"
    assert not dialog.forget_secret_check.isHidden()
    assert dialog.client_edit.text() == "alpha-2"  # nothing typed was lost
    assert slow_keyring.read_threads and threading.main_thread() not in slow_keyring.read_threads
    dialog.client_edit.setText("alpha")  # as saved: closing asks nothing


def test_test_connection_reads_the_saved_secret_on_its_worker(qtbot, tmp_path, slow_keyring):
    store = ProfileStore(QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat), it_ini=tmp_path / "no.ini")
    slow_keyring.gate.set()
    store.save(model.Profile.create(name="Alpha", user_pool_id="eu-west-1_Alpha1", client_id="alpha"), SECRET)
    store.set_last_profile("Alpha")
    seen: list[tuple[str | None, threading.Thread]] = []

    class Gateway:
        def __init__(self, settings, _aws_profile) -> None:
            seen.append((settings.client_secret, threading.current_thread()))

        def check_connection(self) -> dict[str, str]:
            return {"client_name": "alpha"}

    dialog = SettingsDialog(store, audit_dir=tmp_path / "audit", apply_language=False, gateway_factory=Gateway)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.forget_secret_check.isHidden(), timeout=TIMEOUT_MS)
    slow_keyring.read_threads.clear()
    with qtbot.waitSignal(dialog.connection_checked, timeout=TIMEOUT_MS) as checked:
        dialog.test_button.click()
    assert checked.args == [True]
    assert [secret for secret, _thread in seen] == [SECRET]  # the saved secret, though none was typed
    assert slow_keyring.read_threads and threading.main_thread() not in slow_keyring.read_threads


def test_choosing_a_saved_connection_asks_the_keyring_on_a_worker(windows, store, memory_keyring, heartbeat):
    driver = windows("Alpha")
    saved = driver.window.saved_connections
    gate = threading.Event()
    reads: list[threading.Thread] = []
    original = memory_keyring.get_password

    def slow_read(service: str, username: str) -> str | None:
        reads.append(threading.current_thread())
        gate.wait(10)
        return original(service, username)

    memory_keyring.get_password = slow_read  # type: ignore[method-assign]  # a backend that takes its time
    try:
        assert saved.choose("Beta")
        driver.qtbot.waitUntil(lambda: bool(reads), timeout=TIMEOUT_MS)
        ticks = len(heartbeat)
        driver.qtbot.waitUntil(lambda: len(heartbeat) >= ticks + 3, timeout=TIMEOUT_MS)
        assert driver.controller.settings.name == "Alpha"  # not yet: the keyring has not answered
        driver.qtbot.keyClicks(driver.wizard.credentials_page.username, "typed-meanwhile")
        gate.set()
        driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Beta", timeout=TIMEOUT_MS)
    finally:
        gate.set()
    assert driver.controller.settings.client_secret == driver.emulator.seed.client_secret
    assert threading.main_thread() not in reads
