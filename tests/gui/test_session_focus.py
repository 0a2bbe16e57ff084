"""Starting, replacing and working a session from the keyboard (issue 20, items 3, 4 and 6).

The focus rule (docs/sessions.md): after every queue action (start,
replace, skip, retry, reorder, Next user) the keyboard is back in the field
the operator types into next. Skip and retry pressed from the wizard act on
the user in the wizard; from the table, on its selected row.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.ui.wizard.pages import PageId
from tests.gui.gui_driver import TIMEOUT_MS


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(path))
    return path


@pytest.fixture
def skip_reason(monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("on leave", True)))


def names_of(driver, *kinds):
    return [driver.user(kind).username for kind in kinds]


def password_focused(driver, username):
    """The wizard's sign-in with this user prefilled, the keyboard in the password."""
    page = driver.wizard.credentials_page
    driver.qtbot.waitUntil(lambda: driver.focus() is page.password, timeout=TIMEOUT_MS)
    return driver.page_id == PageId.CREDENTIALS and page.username.text() == username and page.password.text() == ""


def enroll(driver, user):
    driver.type(user.password)
    driver.enter()
    driver.wait_idle()
    driver.submit_sms(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)


def answer(driver, name, key, modifier=Qt.KeyboardModifier.NoModifier):
    box = driver.message_box(name)
    driver.qtbot.waitUntil(lambda: driver.focus() is not None and driver.focus().window() is box, timeout=TIMEOUT_MS)
    text = f"{box.text()}\n{box.informativeText()}"
    with driver.qtbot.waitSignal(box.finished, timeout=TIMEOUT_MS):
        driver.key(key, modifier)
    return text


def test_a_session_started_from_the_migration_window_on_done_loads_its_first_user(qtbot, wizard_app):
    """Item 3: the Done page of the last user gave way to the session's first
    user, password focused, so Enter signs in (it did nothing)."""
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    names = names_of(driver, "sms2", "no_mfa")

    driver.window.start_session_with(names)
    driver.wait_session()

    assert password_focused(driver, names[0])
    runner = driver.window.sessions.runner
    assert runner.queue.get(names[0]).state is UserState.IN_PROGRESS
    driver.type(driver.user("sms2").password)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)


def test_every_way_of_starting_a_session_asks_before_replacing_one_and_the_old_one_can_be_resumed(
    qtbot, wizard_app, tmp_path, monkeypatch
):
    """Item 4: a roster file, pasted names, the Migration window (and the
    practice session, which goes through ``start_session`` too) ask first
    while users wait; Escape keeps the session, Enter replaces it and says
    how to come back; Session ▸ Resume does."""
    from PySide6.QtWidgets import QInputDialog

    driver = wizard_app
    sessions = driver.window.sessions
    first_names = names_of(driver, "sms", "sms2")
    assert driver.window.start_session(first_names, "monday.csv")
    first = driver.wait_session()
    first_id = first.info.id
    roster = tmp_path / "tuesday.csv"
    no_mfa = driver.user("no_mfa").username
    roster.write_text(f"username\n{no_mfa}\n{no_mfa}\n", encoding="utf-8")  # one repeated
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("erin\nfrank", True)))

    ways = [
        lambda: sessions.start_from_file(str(roster)),
        sessions.paste_roster,
        lambda: driver.window.start_session_with(["grace"]),
        lambda: driver.window.start_session(["heidi"], "training", training=True),
    ]
    for way in ways:
        way()
        text = answer(driver, "replaceSessionBox", Qt.Key.Key_Escape)  # keep the current one
        assert f"Session {first_id} still has 2 users waiting." in text
        assert f"Resume session {first_id}" in text
        assert sessions.runner is first
        assert password_focused(driver, first_names[0])  # back where the operator was

    sessions.start_from_file(str(roster))
    answer(driver, "replaceSessionBox", Qt.Key.Key_Return)  # Start the new session
    driver.wait_session(previous=first)
    assert sessions.runner is not first and sessions.runner.info.source == "tuesday.csv"
    assert "1 repeated username and" in driver.window.statusBar().currentMessage()  # said once it started
    assert password_focused(driver, driver.user("no_mfa").username)
    assert sessions.resume_previous_action.isVisible()
    assert sessions.resume_previous_action.text() == f"&Resume session {first_id}"

    sessions.resume_previous_action.trigger()
    answer(driver, "replaceSessionBox", Qt.Key.Key_Return)  # the new one has a user waiting too
    # The stored session is opened on a worker (the database may be locked a while).
    driver.qtbot.waitUntil(lambda: sessions.runner.info.id == first_id, timeout=TIMEOUT_MS)
    assert [e.username for e in sessions.runner.queue] == first_names
    assert password_focused(driver, first_names[0])


def test_a_session_with_nobody_waiting_is_replaced_without_asking(qtbot, wizard_app):
    driver = wizard_app
    sessions = driver.window.sessions
    assert driver.window.start_session(names_of(driver, "totp"), "one.csv")
    first = driver.wait_session()
    driver.type(driver.user("totp").password)
    driver.enter()
    driver.wait_page(PageId.EXISTING_TOTP)
    driver.next_button.setFocus()
    driver.enter()  # stop: already on an authenticator; nobody left
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.window.start_session(names_of(driver, "sms"), "two.csv")
    driver.wait_session(previous=first)
    assert sessions.runner.info.source == "two.csv"
    assert password_focused(driver, driver.user("sms").username)


def test_skip_from_the_wizard_acts_on_the_wizards_user_even_with_a_row_selected(qtbot, wizard_app, skip_reason):
    """Item 6: once the table had a current row, Ctrl+K from the wizard skipped that row."""
    driver = wizard_app
    names = names_of(driver, "sms", "sms2", "no_mfa")
    assert driver.window.start_session(names, "roster.csv")
    runner, panel = driver.wait_session(), driver.window.sessions.panel
    qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.select(names[2])  # a row of the table is current
    driver.wizard.credentials_page.password.setFocus()  # back in the wizard
    assert password_focused(driver, names[0])

    driver.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)

    assert runner.queue.get(names[0]).state is UserState.SKIPPED  # the wizard's user
    assert runner.queue.get(names[2]).state is UserState.WAITING  # not the selected row
    assert password_focused(driver, names[1])


def test_skip_and_retry_from_the_table_act_on_its_selected_row_then_the_focus_goes_back(qtbot, wizard_app, skip_reason):
    driver = wizard_app
    names = names_of(driver, "sms", "sms2", "no_mfa")
    assert driver.window.start_session(names, "roster.csv")
    runner, panel = driver.wait_session(), driver.window.sessions.panel
    qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)

    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.select(names[2])
    QTest.keyClick(panel.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[2]).state is UserState.SKIPPED
    assert runner.queue.get(names[0]).state is UserState.IN_PROGRESS  # still on the wizard
    assert password_focused(driver, names[0])  # skip: back to the password

    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.select(names[2])
    QTest.keyClick(panel.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[2]).state is UserState.WAITING
    assert password_focused(driver, names[0])  # retry: back to the password


def test_skip_and_retry_from_the_wizard_never_act_on_another_row(qtbot, wizard_app, skip_reason):
    """Ctrl+K from the wizard skips the user in it; Ctrl+R there has nobody
    to retry (the wizard's user is in progress), even with a skipped user
    in the table: the focus stays in the password."""
    driver = wizard_app
    names = names_of(driver, "sms", "sms2")
    assert driver.window.start_session(names, "roster.csv")
    runner, panel = driver.wait_session(), driver.window.sessions.panel
    qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)
    runner.skip(names[0], "")  # skipped from the wizard: next user up
    assert password_focused(driver, names[1])
    runner.retry(names[0])  # back in the queue, behind the user in progress
    assert runner.queue.get(names[0]).state is UserState.WAITING
    driver.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # skip sms2 from the wizard
    assert runner.queue.get(names[1]).state is UserState.SKIPPED
    assert password_focused(driver, names[0])
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.table.clearSelection()
    driver.wizard.credentials_page.password.setFocus()
    # sms2 was skipped from the wizard, but the wizard now shows sms: Ctrl+R has nobody to retry there.
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[1]).state is UserState.SKIPPED
    assert password_focused(driver, names[0])


def test_next_user_from_the_table_brings_the_focus_to_the_next_users_password(qtbot, wizard_app):
    driver = wizard_app
    names = names_of(driver, "sms", "sms2")
    assert driver.window.start_session(names, "roster.csv")
    runner, panel = driver.wait_session(), driver.window.sessions.panel
    qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)
    enroll(driver, driver.user("sms"))
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert driver.focus() is panel.table
    QTest.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert password_focused(driver, names[1])
    assert runner.queue.get(names[0]).state is UserState.ENROLLED
    assert runner.queue.get(names[1]).state is UserState.IN_PROGRESS
