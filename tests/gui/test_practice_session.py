"""Training ▸ Practice session: every training user queued, for a trainer's rehearsal."""

from __future__ import annotations

import pytest

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.ui.wizard.pages import PageId


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(tmp_path / "data"))


def test_a_practice_session_queues_every_training_user(training, qtbot):
    assert training.mode.practice_action.isEnabled()
    training.mode.practice_action.trigger()
    sessions = training.window.sessions
    qtbot.waitUntil(lambda: sessions.runner is not None, timeout=15_000)  # its store opens on a worker
    runner = sessions.runner
    expected = [user.username for user in training.seed.users.values()]
    assert [entry.username for entry in runner.queue] == expected
    assert runner.info.training and runner.info.source == "training"
    page = training.wizard.credentials_page
    assert training.wizard.currentId() == PageId.CREDENTIALS
    assert page.username.text() == expected[0]
    assert runner.queue.get(expected[0]).state is UserState.IN_PROGRESS
    # A practice session is never offered for resuming in real use.
    from cogtotp_gui.campaign.sessions import SessionStore

    store = SessionStore.open()
    try:
        assert store.unfinished(training=False) is None
        assert store.unfinished(training=True).id == runner.info.id
    finally:
        store.close()


def test_demo_with_a_roster_starts_its_session_once_the_pool_is_ready(qtbot, training_environment):
    """``--demo --roster FILE``: the roster's users queued on the training pool."""
    from cogtotp_gui.training.mode import install_training, training_gateway_factory
    from cogtotp_gui.ui.shell.assembly import create_main_window

    window = create_main_window(None, gateway_factory=training_gateway_factory)
    qtbot.addWidget(window)
    mode = install_training(window, environment=training_environment)
    mode.start_session_when_ready(["alice.sms", "kate.lostphone"], "roster.csv")
    assert window.sessions.runner is None  # not before the pool is there
    with qtbot.waitSignal(mode.session.started, timeout=15_000):
        window.show()
    try:
        qtbot.waitUntil(lambda: window.sessions.runner is not None)
        runner = window.sessions.runner
        assert [entry.username for entry in runner.queue] == ["alice.sms", "kate.lostphone"]
        assert runner.info.training and runner.info.source == "roster.csv"
        assert window.wizard.credentials_page.username.text() == "alice.sms"
    finally:
        assert mode.shutdown() and window.shutdown()
