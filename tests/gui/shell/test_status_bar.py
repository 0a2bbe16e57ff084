"""The status bar says what an operator needs, whole, at the default width (issue 15).

It was "User pool eu-w…nt" and "Acting as …:user/moto": the pool, mode and
endpoint in one elided line, and the emulator's internal identity shown to
trainees. Now: the connection's name (or pool) and the mode; the AWS
identity in short; details in the tooltips; training says Training.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui_driver import TIMEOUT_MS, make_driver
from PySide6.QtWidgets import QApplication

from cogtotp_gui import i18n
from cogtotp_gui.ui.shell.main_window import DEFAULT_SIZE
from cogtotp_gui.ui.shell.operations import short_identity


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest, qtbot: Any) -> Iterator[str]:
    app = QApplication.instance()
    i18n.install_translations(app, request.param)
    try:
        yield request.param
    finally:
        i18n.install_translations(app, "en")


def _whole(label: Any) -> bool:
    return label.isVisible() and label.text() == label.full_text and "…" not in label.text()


@pytest.mark.parametrize("name", ["Production", ""])
def test_admin_connection_and_identity_are_whole_at_the_default_width(qtbot, emulator, language, name):
    driver = make_driver(qtbot, emulator, mode="admin", name=name)
    try:
        window = driver.window
        window.resize(*DEFAULT_SIZE)
        qtbot.waitUntil(lambda: window.operations.identity is not None, timeout=TIMEOUT_MS)
        connection, identity = window.connection_label, window.identity_label
        qtbot.waitUntil(lambda: _whole(connection) and _whole(identity), timeout=TIMEOUT_MS)
        if name:
            assert connection.full_text.startswith(name)
        else:
            assert emulator.seed.pool_id in connection.full_text
        assert "endpoint" not in connection.full_text.lower()  # in the tooltip instead
        assert emulator.endpoint_url in connection.toolTip()
        # Side by side, never laid over each other or over "Ready".
        readiness = window.readiness_label
        assert not connection.geometry().intersects(identity.geometry())
        assert not identity.geometry().intersects(readiness.geometry())
        assert connection.geometry().right() < identity.geometry().left() < readiness.geometry().left()
        arn = window.operations.identity["arn"]
        assert arn not in identity.full_text and arn in identity.toolTip()
    finally:
        driver.close()


def test_training_says_training_and_shows_no_identity(training, qtbot, language):
    window = training.window
    qtbot.waitUntil(lambda: window.connection_label.full_text != "", timeout=TIMEOUT_MS)
    if language == "ja":
        qtbot.waitUntil(lambda: window.connection_label.full_text.startswith("トレーニング"), timeout=TIMEOUT_MS)
    else:
        assert window.connection_label.full_text.startswith("Training")
    assert _whole(window.connection_label)
    assert not window.identity_label.isVisible()
    assert "moto" not in window.connection_label.full_text + window.identity_label.full_text


@pytest.mark.parametrize(
    ("arn", "short"),
    [
        ("arn:aws:sts::123456789012:assumed-role/Helpdesk/alice", "Helpdesk/alice"),
        ("arn:aws:iam::123456789012:user/ops/alice", "alice"),
        ("arn:aws:iam::123456789012:root", "root"),
    ],
)
def test_the_identity_in_short(arn, short):
    assert short_identity(arn) == short
