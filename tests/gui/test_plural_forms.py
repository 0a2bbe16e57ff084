"""Counts in the window take the form the language uses: "1 user", "2 users",
"1 second" (issue 20 #13, #16). Qt's numerus forms with the English catalogue
``cogtotp_en.qm``; Japanese has one form."""

from __future__ import annotations

import pytest

from cogtotp_gui import i18n
from cogtotp_gui.ui.wizard.pages import PageId


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(path))
    return path


@pytest.fixture
def japanese(qapp):
    i18n.install_translations(qapp, "ja")
    yield
    i18n.install_translations(qapp, "en")


def test_the_queue_panel_counts_one_user_as_one_user(wizard_app, data_dir):
    driver = wizard_app
    assert driver.window.start_session([driver.user("sms").username], "one.csv")
    driver.wait_session()
    panel = driver.window.sessions.panel
    assert panel.summary.text().startswith("1 user: 0 done")
    driver.window.sessions.runner.add([driver.user("sms2").username])
    driver.qtbot.waitUntil(lambda: panel.summary.text().startswith("2 users: 0 done"))


def test_the_queue_panel_counts_in_japanese(wizard_app, data_dir, japanese):
    driver = wizard_app
    assert driver.window.start_session([driver.user("sms").username], "one.csv")
    driver.wait_session()
    assert driver.window.sessions.panel.summary.text().startswith("1 人: 完了 0")


@pytest.mark.parametrize(("seconds", "said"), [(1, "in 1 second this"), (2, "in 2 seconds this")])
def test_the_idle_countdown_says_second_or_seconds(wizard_app, seconds, said):
    driver = wizard_app
    operations = driver.window.operations
    operations._on_idle_warning(seconds)
    assert said in operations.idle_banner.text


def test_the_rehearsal_countdown_says_second_or_seconds(wizard_app):
    from gui_driver import go_to_secret_page

    driver = wizard_app
    user = go_to_secret_page(driver)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    page = driver.wizard.rehearsal_page
    page.clock = driver.emu.now
    driver.wizard.show_rehearsal()
    page.password.setFocus()
    driver.type(user.password)
    driver.enter()
    driver.qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy)
    wait = page.rehearsal.seconds_until_fresh_code()
    driver.emu.advance(wait - 0.5)  # half a second before the fresh window
    page._on_tick()
    assert "a new one in 1 second." in page.countdown.text()
    driver.emu.advance(-5)
    page._on_tick()
    assert "a new one in 6 seconds." in page.countdown.text()
