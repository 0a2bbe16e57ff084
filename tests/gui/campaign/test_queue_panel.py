"""The queue panel's table: every state readable whole, and told apart without colour (issue 20, item 15)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from cogtotp_gui import i18n
from cogtotp_gui.campaign.queue import UserState
from tests.gui.gui_driver import TIMEOUT_MS


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(tmp_path / "data"))


def every_state(driver):
    """A session whose users are in every state."""
    names = [driver.user(k).username for k in ("sms", "sms2", "totp", "no_mfa")] + ["frank", "grace", "heidi"]
    assert driver.window.start_session(names, "roster.csv")
    runner = driver.wait_session()
    queue = runner.queue
    queue.release(names[0])
    for name, state in zip(
        names[:4],
        (UserState.ENROLLED, UserState.VERIFIED, UserState.ALREADY_TOTP, UserState.FAILED),
        strict=True,
    ):
        queue.begin(name)
        if state is UserState.FAILED:
            queue.finish(name, state, "user_state")
        else:
            queue.finish(name, UserState.ENROLLED if state is UserState.VERIFIED else state)
        if state is UserState.VERIFIED:
            queue.finish(name, UserState.VERIFIED)
    queue.skip("frank", "")
    queue.begin("grace")
    return runner, names


def shown(panel, row):
    model = panel.model
    index = model.index(row, 1)
    font = model.data(index, Qt.ItemDataRole.FontRole) or panel.table.font()
    return model.data(index), index, QFontMetrics(font)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_state_fits_its_column_and_has_a_mark_of_its_own(qtbot, wizard_app, language):
    driver = wizard_app
    app = QApplication.instance()
    i18n.install_translations(app, language)
    try:
        runner, _names = every_state(driver)
        panel = driver.window.sessions.panel
        qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)
        marks = {}
        for row, entry in enumerate(runner.queue):
            text, index, metrics = shown(panel, row)
            if entry.reason:
                continue  # a reason may elide: the tooltip has it whole
            rect = panel.table.visualRect(index)
            assert metrics.horizontalAdvance(text) <= rect.width(), text  # not "Already on an auth…"
            marks[entry.state] = text.split(" ", 1)[0]
        assert set(marks) == set(UserState) - {UserState.FAILED}
        assert len(set(marks.values())) == len(marks)  # enrolled ✓, verified ✓✓, already ● ...
        # Verified is also bold: told apart by weight, not only by its mark.
        verified_row = [e.state for e in runner.queue].index(UserState.VERIFIED)
        assert panel.model.data(panel.model.index(verified_row, 1), Qt.ItemDataRole.FontRole).bold()
    finally:
        i18n.install_translations(app, "en")
