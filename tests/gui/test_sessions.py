"""Onboarding sessions in the window: the queue beside the wizard, keyboard first."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.sessions import SessionStore
from cogtotp_gui.ui.wizard.pages import PageId
from tests.gui.gui_driver import TIMEOUT_MS, settle
from tests.support.pdf_text import pdf_text


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(path))
    return path


def start(driver, kinds):
    names = [driver.user(kind).username for kind in kinds]
    assert driver.window.start_session(names, "roster.csv")
    runner = driver.wait_session()
    driver.wizard.rehearsal_page.clock = driver.emu.now
    return runner


def stored(runner):
    """What is on disk once the window's writer has written everything handed to it."""
    assert runner.store.flush(timeout=TIMEOUT_MS / 1000)
    store = SessionStore.open()
    try:
        return {e.username: e for e in store.entries(runner.info.id)}
    finally:
        store.close()


def wait_prefilled(driver, username):
    """ "Next user" fills the next username in once the finished user is on disk."""
    page = driver.wizard.credentials_page
    driver.qtbot.waitUntil(lambda: page.username.text() == username, timeout=TIMEOUT_MS)


def enroll_current(driver, user):
    """Password typed into the prefilled page, then SMS, QR, code: keyboard only."""
    page = driver.wizard.credentials_page
    assert page.username.text() == user.username
    assert driver.focus() is page.password
    driver.type(user.password)
    driver.enter()
    driver.wait_idle()
    driver.submit_sms(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)


def test_a_roster_is_worked_through_with_the_rehearsal(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    runner = start(driver, ["sms", "sms2"])
    first, second = driver.user("sms"), driver.user("sms2")
    panel = driver.window.sessions.panel
    qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT_MS)
    assert panel.model.rowCount() == 2
    assert runner.queue.get(first.username).state is UserState.IN_PROGRESS

    enroll_current(driver, first)
    # Recorded the moment Cognito said yes, before anyone presses a key.
    assert stored(runner)[first.username].state is UserState.ENROLLED
    done = driver.wizard.done_page
    assert done.rehearse_button.isVisible()
    assert driver.focus() is driver.next_button  # Enter stays "Next user"

    QTest.keyClick(driver.window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    driver.wait_page(PageId.REHEARSAL)
    page = driver.wizard.rehearsal_page
    assert driver.focus() is page.password
    driver.type(first.password)
    driver.enter()
    assert page.password.text() == ""  # wiped the moment the sign-in started
    qtbot.waitUntil(lambda: page.code.isVisible() and not page._busy, timeout=TIMEOUT_MS)
    assert page.rehearsal.challenge == "SOFTWARE_TOKEN_MFA"
    assert not page.code.isEnabled() and "second" in page.countdown.text()  # waits for a fresh window ("1 second." too)
    driver.emu.advance(page.rehearsal.seconds_until_fresh_code())
    qtbot.waitUntil(page.code.isEnabled, timeout=TIMEOUT_MS)
    page.code.setFocus()
    driver.type(driver.totp_now(emulator.emu.totp_secret(first.username)))
    with qtbot.waitSignal(page.verdict_reached, timeout=TIMEOUT_MS) as verdict:
        driver.enter()
    assert verdict.args[1].took
    assert "Verified" in page.verdict_label.text()
    assert stored(runner)[first.username].state is UserState.VERIFIED

    # Enter: the next user, prefilled, password focused.
    driver.next_button.setFocus()
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    wait_prefilled(driver, second.username)
    enroll_current(driver, second)
    driver.enter()  # Next user, without the rehearsal
    driver.wait_page(PageId.CREDENTIALS)
    states = {name: e.state for name, e in stored(runner).items()}
    assert states == {first.username: UserState.VERIFIED, second.username: UserState.ENROLLED}
    assert driver.wizard.credentials_page.username.text() == ""  # nobody left
    assert "2 done (1 verified)" in panel.summary.text()


def test_a_rehearsal_left_by_escape_is_noted_as_not_rehearsed_in_the_report(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    runner = start(driver, ["sms", "sms2"])
    first = driver.user("sms")
    enroll_current(driver, first)
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    driver.wait_page(PageId.REHEARSAL)
    driver.key(Qt.Key.Key_Escape)
    driver.wait_page(PageId.DONE)
    entry = stored(runner)[first.username]
    assert (entry.state, entry.reason) == (UserState.ENROLLED, "not_rehearsed")
    row = next(r for r in runner.report().rows if r.username == first.username)
    assert (row.outcome, row.reason) == ("enrolled", "not_rehearsed")
    assert driver.focus() is driver.next_button
    driver.enter()  # Next user: the queue goes on
    driver.wait_page(PageId.CREDENTIALS)
    wait_prefilled(driver, driver.user("sms2").username)


def test_a_user_already_on_totp_is_recorded_and_the_queue_moves_on(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    runner = start(driver, ["totp", "sms"])
    totp, sms = driver.user("totp"), driver.user("sms")

    driver.type(totp.password)
    driver.enter()
    driver.wait_page(PageId.EXISTING_TOTP)
    driver.next_button.setFocus()
    driver.enter()  # "Stop – next user"
    driver.wait_page(PageId.CREDENTIALS)
    wait_prefilled(driver, sms.username)
    entries = stored(runner)
    assert entries[totp.username].state is UserState.ALREADY_TOTP
    assert entries[sms.username].state is UserState.IN_PROGRESS


def test_the_session_menu_exports_the_report_as_csv_and_pdf(
    qtbot, emulator, settings_dir, wizard_app, data_dir, tmp_path, monkeypatch
):
    """Session ▸ Export: each asks where (in the folder used last: the home
    folder the first time, then the one chosen), writes the report of what
    is in the queue, and says where it went; the Migration window's CSV is
    offered in the same folder (issue 20, item 17)."""
    import csv
    import os

    from PySide6.QtWidgets import QFileDialog

    driver = wizard_app
    start(driver, ["totp", "sms"])
    totp = driver.user("totp")
    driver.type(totp.password)
    driver.enter()
    driver.wait_page(PageId.EXISTING_TOTP)
    driver.next_button.setFocus()
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)

    reports = tmp_path / "reports"
    reports.mkdir()
    asked: list[str] = []
    targets = iter([str(reports / "report.csv"), str(reports / "report.pdf")])

    def where(_parent, title, default, _filter):
        asked.append(f"{title}|{os.path.dirname(default)}|{default.rsplit('.', 1)[1]}")
        return next(targets), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(where))
    sessions = driver.window.sessions
    status = driver.window.statusBar()
    with qtbot.waitSignal(sessions.report_written, timeout=10_000):  # written on a worker
        sessions.export_csv_action.trigger()
    assert status.currentMessage() == f"Report saved to {reports / 'report.csv'}"
    with qtbot.waitSignal(sessions.report_written, timeout=10_000):
        sessions.export_pdf_action.trigger()
    assert status.currentMessage() == f"Report saved to {reports / 'report.pdf'}"
    home = os.path.expanduser("~")
    assert asked == [f"Export the report|{home}|csv", f"Save the report|{reports}|pdf"]
    with open(reports / "report.csv", encoding="utf-8-sig", newline="") as f:
        outcomes = {row["username"]: row["outcome"] for row in csv.DictReader(f)}
    assert outcomes == {totp.username: "already_totp", driver.user("sms").username: "waiting"}
    text = pdf_text(reports / "report.pdf")
    assert totp.username in text and driver.user("sms").username in text

    # The Migration window (admin mode) offers its CSV in the same folder, kept in the settings.
    admin = driver.factory(mode="admin")
    migration = admin.window.open_migration()
    qtbot.waitUntil(lambda: migration.is_loaded, timeout=TIMEOUT_MS)
    targets = iter([""])  # cancelled
    migration.export_csv_dialog()
    assert asked[-1] == f"Export CSV|{reports}|csv"


def test_the_panel_skips_reorders_and_retries_from_the_keyboard(qtbot, emulator, wizard_app, data_dir, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    driver = wizard_app
    runner = start(driver, ["sms", "sms2", "totp"])
    names = [driver.user(k).username for k in ("sms", "sms2", "totp")]
    panel = driver.window.sessions.panel
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("not in today", True)))

    # Alt+Q: the queue; Ctrl+K skips the user in progress, and the next one is loaded.
    qtbot.waitUntil(panel.table.isVisible, timeout=TIMEOUT_MS)
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert driver.focus() is panel.table
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.model.index(-1, -1))
    QTest.keyClick(panel.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[0]).state is UserState.SKIPPED
    assert runner.queue.get(names[0]).reason == "not in today"
    wait_prefilled(driver, names[1])

    # Ctrl+Down moves the selected user; Ctrl+R retries the skipped one.
    assert driver.focus() is driver.wizard.credentials_page.password  # ready for the next user
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.select(names[0])
    QTest.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [e.username for e in runner.queue] == [names[1], names[0], names[2]]
    assert driver.focus() is driver.wizard.credentials_page.password  # the focus rule, after a reorder too
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert panel.selected_username() == names[0]  # the row moved stays selected
    QTest.keyClick(panel.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert runner.queue.get(names[0]).state is UserState.WAITING
    assert driver.focus() is driver.wizard.credentials_page.password
    driver.key(Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel.select(names[2])
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    assert names[2] not in runner.queue
    assert [e.username for e in stored(runner).values()] == [names[1], names[0]]


def test_a_data_folder_that_cannot_be_used_says_so_and_the_wizard_goes_on(
    qtbot, emulator, wizard_app, tmp_path, monkeypatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(blocker / "data"))
    driver = wizard_app
    runner = start(driver, ["sms"])
    panel = driver.window.sessions.panel
    assert runner.store is None and not panel.storage_warning.isHidden()
    assert "not being saved" in panel.storage_warning.text()
    user = driver.user("sms")
    enroll_current(driver, user)
    assert runner.queue.get(user.username).state is UserState.ENROLLED


def test_the_migration_windows_request_starts_a_session(qtbot, emulator, wizard_app, data_dir):
    driver = wizard_app
    names = [driver.user("sms").username, driver.user("sms2").username]
    driver.window.start_session_with(names)
    runner = driver.wait_session()
    assert [e.username for e in runner.queue] == names and runner.info.source == "inventory"
    assert driver.wizard.credentials_page.username.text() == names[0]


# -- the resume offer on a normal start -----------------------------------------------------


def store_unfinished_session(users):
    """A session as an app killed half-way leaves it: one enrolled, one
    skipped, one in progress, one waiting. Returns its id and the usernames."""
    from cogtotp_gui.campaign.queue import SessionQueue

    enrolled, skipped, in_progress, waiting = (users[k].username for k in ("sms", "totp", "sms2", "no_mfa"))
    queue = SessionQueue([enrolled, skipped, in_progress, waiting])
    store = SessionStore.open()
    try:
        session_id = store.create(queue, operator="helpdesk", connection="ACME", source="monday.csv")
        store.attach(session_id, queue)
        queue.begin(enrolled)
        queue.finish(enrolled, UserState.ENROLLED)
        queue.skip(skipped, "on leave")
        queue.begin(in_progress)  # the app ends here, without closing anything
    finally:
        store.close()
    return session_id, [enrolled, skipped, in_progress, waiting]


def open_window_offering_resume(qtbot, emulator):
    """What ``main()`` does on a normal start (no --roster): the window is
    asked to offer an unfinished session once it has painted. Returns the
    driver and whether the offer already existed at the first paint."""
    from PySide6.QtWidgets import QMessageBox

    from cogtotp_gui.app import create_main_window
    from cogtotp_gui.enrollment.settings import ConnectionSettings
    from tests.gui.gui_driver import WizardDriver, fast_gateway, show_active

    seed = emulator.seed
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        region=seed.region,
        issuer="ACME Helpdesk",
        endpoint_url=emulator.endpoint_url,
    )
    window = create_main_window(settings, gateway_factory=fast_gateway)
    offered_at_first_paint: list[bool] = []
    window.first_painted.connect(
        lambda: offered_at_first_paint.append(bool(window.findChildren(QMessageBox, "resumeSessionBox")))
    )
    window.offer_resume_after_first_paint()
    show_active(qtbot, window)
    driver = WizardDriver(qtbot, emulator, window, settings)
    driver.wait_ready()
    return driver, offered_at_first_paint


@pytest.fixture
def started_with_resume_offer(qtbot, emulator, data_dir):
    """The window started with an unfinished session stored. Yields the
    driver, the stored session's id and usernames, and whether the offer
    already existed when the first paint was reported."""
    session_id, names = store_unfinished_session(emulator.seed.users)
    driver, offered_at_first_paint = open_window_offering_resume(qtbot, emulator)
    yield driver, session_id, names, offered_at_first_paint
    driver.close()


def answer_resume_offer(driver, key, modifier=Qt.KeyboardModifier.NoModifier):
    """The offer, answered from the keyboard once it has focus."""
    box = driver.message_box("resumeSessionBox")
    driver.qtbot.waitUntil(lambda: driver.focus() is not None and driver.focus().window() is box, timeout=TIMEOUT_MS)
    with driver.qtbot.waitSignal(box.finished, timeout=TIMEOUT_MS):  # then the box is deleted
        driver.key(key, modifier)


def stored_session(session_id):
    store = SessionStore.open()
    try:
        return store.info(session_id), store.unfinished(training=False), store.entries(session_id)
    finally:
        store.close()


def test_the_unfinished_session_is_offered_after_the_first_paint_and_enter_resumes_it(started_with_resume_offer):
    from cogtotp_gui.ui.campaign.labels import state_label

    driver, session_id, (enrolled, skipped, in_progress, waiting), offered_at_first_paint = started_with_resume_offer
    box = driver.message_box("resumeSessionBox")
    assert offered_at_first_paint == [False]  # the page painted first, then the offer
    assert box.windowModality() == Qt.WindowModality.WindowModal and box.parent() is driver.window
    assert f"Session {session_id} (monday.csv" in box.text()
    assert "2 of 4 users still waiting" in box.text()  # in progress counts as waiting
    assert driver.window.sessions.runner is None  # nothing resumed until the operator says so

    answer_resume_offer(driver, Qt.Key.Key_Return)  # Resume is the default

    sessions = driver.window.sessions
    # Opened on a worker (a database another process holds locked waits there).
    driver.qtbot.waitUntil(lambda: sessions.runner is not None, timeout=TIMEOUT_MS)
    runner, panel = sessions.runner, sessions.panel
    assert runner is not None and runner.info.id == session_id
    driver.qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT_MS)
    model = panel.model
    rows = [
        (model.data(model.index(row, 0)), model.data(model.index(row, 1), Qt.ItemDataRole.AccessibleTextRole))
        for row in range(model.rowCount())
    ]
    # The user the crash left in progress starts again: they are the one on the page.
    assert rows == [
        (enrolled, state_label(UserState.ENROLLED)),
        (skipped, f"{state_label(UserState.SKIPPED)}: on leave"),
        (in_progress, state_label(UserState.IN_PROGRESS)),
        (waiting, state_label(UserState.WAITING)),
    ]
    assert "4 users: 1 done (0 verified), 2 to go, 1 skipped, 0 failed" in panel.summary.text()
    page = driver.wizard.credentials_page
    assert page.username.text() == in_progress
    driver.qtbot.waitUntil(lambda: driver.focus() is page.password, timeout=TIMEOUT_MS)
    # Going on writes to the same stored session, held by this process.
    runner.retry(skipped)
    assert runner.store.flush(timeout=TIMEOUT_MS / 1000)
    states = {e.username: e.state for e in stored_session(session_id)[2]}
    assert states == {
        enrolled: UserState.ENROLLED,
        skipped: UserState.WAITING,
        in_progress: UserState.IN_PROGRESS,
        waiting: UserState.WAITING,
    }


def test_not_now_leaves_the_session_stored_and_offers_it_again_next_time(started_with_resume_offer):
    """Escape ("Not now"): nothing is resumed and nothing is written; the
    session stays open, so the next start offers it again."""
    driver, session_id, _names, _ = started_with_resume_offer
    before = stored_session(session_id)[2]

    answer_resume_offer(driver, Qt.Key.Key_Escape)

    sessions = driver.window.sessions
    assert sessions.runner is None and sessions.panel is None
    assert not sessions.end_action.isEnabled()
    page = driver.wizard.credentials_page
    assert page.username.text() == ""
    driver.qtbot.waitUntil(lambda: driver.focus() is page.username, timeout=TIMEOUT_MS)  # back to work
    info, unfinished, entries = stored_session(session_id)
    assert info.closed_at is None and unfinished.id == session_id
    assert [(e.username, e.state, e.reason) for e in entries] == [(e.username, e.state, e.reason) for e in before]
    sessions.offer_resume()  # what the next normal start does
    assert f"Session {session_id} " in driver.message_box("resumeSessionBox").text()
    answer_resume_offer(driver, Qt.Key.Key_Escape)


def test_close_it_keeps_the_sessions_report_and_stops_offering_it(started_with_resume_offer, tmp_path):
    """Alt+C ("Close it"): the session is marked closed in the database, its
    users and states are kept for the report, and it is not offered again."""
    import csv

    from PySide6.QtWidgets import QMessageBox

    from cogtotp_gui.cli import session_report

    driver, session_id, names, _ = started_with_resume_offer
    before = stored_session(session_id)[2]

    answer_resume_offer(driver, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)

    settle(driver.qtbot)  # closed on a worker
    sessions = driver.window.sessions
    assert sessions.runner is None and sessions.panel is None
    page = driver.wizard.credentials_page
    assert page.username.text() == ""
    driver.qtbot.waitUntil(lambda: driver.focus() is page.username, timeout=TIMEOUT_MS)
    info, unfinished, entries = stored_session(session_id)
    assert info.closed_at is not None and unfinished is None
    assert [(e.username, e.state, e.reason) for e in entries] == [(e.username, e.state, e.reason) for e in before]
    sessions.offer_resume()  # the next normal start: nothing to offer
    settle(driver.qtbot)  # read on a worker
    assert not [b for b in driver.window.findChildren(QMessageBox, "resumeSessionBox") if b.isVisible()]
    # Its report is still there (``cogtotp-gui session-report --session ID``).
    out = tmp_path / "report.csv"
    assert session_report.main(["--session", str(session_id), "--csv", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as file:
        outcomes = [(row["username"], row["outcome"], row["reason"]) for row in csv.DictReader(file)]
    assert outcomes == [
        (names[0], "enrolled", ""),
        (names[1], "skipped", "on leave"),
        (names[2], "waiting", ""),  # in progress when the app ended
        (names[3], "waiting", ""),
    ]


class DatabaseLock:
    """Another process's connection holding the campaign database's write lock."""

    def __init__(self) -> None:
        import sqlite3

        from cogtotp_gui.campaign.database import default_database_path

        self.connection = sqlite3.connect(str(default_database_path()), isolation_level=None)

    def __enter__(self) -> DatabaseLock:
        self.connection.execute("BEGIN EXCLUSIVE")
        return self

    def __exit__(self, *_exc: object) -> None:
        self.connection.rollback()

    def close(self) -> None:
        self.connection.close()


def beats_while_a_worker_waits(driver, heartbeat) -> None:
    """The UI thread goes on (its timer ticks) while a worker waits for the database."""
    from cogtotp_gui.ui.common import worker

    driver.qtbot.waitUntil(lambda: worker.running_workers() > 0, timeout=TIMEOUT_MS)
    ticks = len(heartbeat)
    driver.qtbot.waitUntil(lambda: len(heartbeat) >= ticks + 5, timeout=TIMEOUT_MS)
    assert worker.running_workers() > 0  # still waiting for the lock


def test_a_locked_database_never_stalls_the_window_for_the_offer_or_the_resume(qtbot, emulator, data_dir, heartbeat):
    """Another process holds the campaign database's write lock (for
    seconds, as a second copy writing a big session can): reading the
    offer and opening the session wait on workers; the window goes on,
    typing lands, and both happen once the lock is let go."""
    session_id, (_enrolled, _skipped, in_progress, _waiting) = store_unfinished_session(emulator.seed.users)
    lock = DatabaseLock()
    try:
        with lock:
            driver, _ = open_window_offering_resume(qtbot, emulator)
            beats_while_a_worker_waits(driver, heartbeat)
            assert not [b for b in driver.window.findChildren(QMessageBox, "resumeSessionBox") if b.isVisible()]
            driver.type("typed-meanwhile")  # the sign-in page takes it
            assert driver.wizard.credentials_page.username.text() == "typed-meanwhile"
        box = driver.message_box("resumeSessionBox")  # the read went through once the lock went
        assert f"Session {session_id} " in box.text()

        with lock:
            answer_resume_offer(driver, Qt.Key.Key_Return)  # Resume
            beats_while_a_worker_waits(driver, heartbeat)
            assert driver.window.sessions.runner is None  # the store is still opening
        driver.qtbot.waitUntil(lambda: driver.window.sessions.runner is not None, timeout=TIMEOUT_MS)
        assert driver.window.sessions.runner.info.id == session_id
        driver.qtbot.waitUntil(
            lambda: driver.wizard.credentials_page.username.text() == in_progress, timeout=TIMEOUT_MS
        )
        driver.close()
    finally:
        lock.close()


def test_a_new_session_waits_for_a_locked_database_on_a_worker(qtbot, wizard_app, data_dir, heartbeat):
    driver = wizard_app
    names = [driver.user("sms").username, driver.user("sms2").username]
    store = SessionStore.open()  # the database exists, as after any earlier session
    store.close()
    lock = DatabaseLock()
    try:
        with lock:
            assert driver.window.start_session(names, "roster.csv")
            beats_while_a_worker_waits(driver, heartbeat)
            assert driver.window.sessions.runner is None  # its store is still opening
        runner = driver.wait_session()
    finally:
        lock.close()
    assert runner.info is not None and runner.store is not None  # stored, once the lock went
    assert [e.username for e in runner.queue] == names
    driver.qtbot.waitUntil(lambda: driver.wizard.credentials_page.username.text() == names[0], timeout=TIMEOUT_MS)
    assert {e.username for e in stored(runner).values()} == set(names)


def test_ending_a_session_while_the_database_is_locked_closes_it_on_a_worker(qtbot, wizard_app, data_dir, heartbeat):
    driver = wizard_app
    runner = start(driver, ["sms", "sms2"])
    session_id = runner.info.id
    lock = DatabaseLock()
    try:
        with lock:
            driver.window.sessions.end_action.trigger()
            assert driver.window.sessions.runner is None  # gone from the window at once
            beats_while_a_worker_waits(driver, heartbeat)
        driver.qtbot.waitUntil(lambda: stored_session(session_id)[0].closed_at is not None, timeout=TIMEOUT_MS)
    finally:
        lock.close()
    settle(driver.qtbot)
    store = SessionStore.open()
    try:
        assert store.lease_of(session_id) is None  # given back
    finally:
        store.close()


# -- one process at a time (issue 19 #13) -----------------------------------------------------------


def plant_lease(session_id, operator, pid):
    """The session as another copy of the app on this computer holds it."""
    from cogtotp_gui.campaign.lease import Holder
    from cogtotp_gui.campaign.sqlite_store import SqliteCampaignStore
    from cogtotp_gui.platform.processes import host_name

    store = SqliteCampaignStore.open()
    try:
        store.claim_session(session_id, Holder(operator, host_name(), pid))
    finally:
        store.close()


def test_a_session_held_by_a_running_copy_is_not_resumed_here(started_with_resume_offer):
    import subprocess
    import sys

    driver, session_id, _names, _ = started_with_resume_offer
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        plant_lease(session_id, "helpdesk2", other.pid)
        answer_resume_offer(driver, Qt.Key.Key_Return)
        box = driver.message_box("sessionMessageBox")
        assert "open in another copy of the app (helpdesk2 on" in box.text()
        assert driver.window.sessions.runner is None
        store = SessionStore.open()
        try:
            assert store.lease_of(session_id).holder.pid == other.pid  # untouched
        finally:
            store.close()
        box.close()
    finally:
        other.kill()
        other.communicate()  # closes its stdin pipe


def test_a_session_left_by_a_copy_that_stopped_is_taken_over_after_a_question(started_with_resume_offer):
    import subprocess
    import sys

    driver, session_id, (_enrolled, _skipped, in_progress, _waiting), _ = started_with_resume_offer
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a copy that was killed: its process id runs no more
    plant_lease(session_id, "helpdesk", gone.pid)
    answer_resume_offer(driver, Qt.Key.Key_Return)
    box = driver.message_box("takeOverSessionBox")
    assert "left open by a copy of the app that has stopped (helpdesk on" in box.text()
    assert driver.window.sessions.runner is None  # nothing until the operator says so
    driver.qtbot.waitUntil(lambda: driver.focus() is not None and driver.focus().window() is box, timeout=TIMEOUT_MS)
    with driver.qtbot.waitSignal(box.finished, timeout=TIMEOUT_MS):
        driver.key(Qt.Key.Key_Return)  # Take over is the default
    driver.qtbot.waitUntil(lambda: driver.window.sessions.runner is not None, timeout=TIMEOUT_MS)
    runner = driver.window.sessions.runner
    assert runner is not None and runner.info.id == session_id
    assert driver.wizard.credentials_page.username.text() == in_progress
    lease = runner.store.lease
    assert lease is not None and lease.holder.pid == os.getpid()
    store = SessionStore.open()
    try:
        assert store.lease_of(session_id).holder == lease.holder
    finally:
        store.close()
