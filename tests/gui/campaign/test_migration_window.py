"""The Migration window against the strict emulator: scan, counts, filter, export, cancel, selection,
a throttled scan, and the chart in high contrast."""

from __future__ import annotations

import csv
import re
import sqlite3

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox, QTableView

from cogtotp_gui import i18n
from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.inventory_query import PAGE_ROWS, InventoryQuery
from cogtotp_gui.campaign.inventory_store import InventoryStore
from cogtotp_gui.emulator.clock import ManualClock
from cogtotp_gui.emulator.quota import QuotaEnforcer
from cogtotp_gui.emulator.seed import seed_inventory_users
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import PoolSettings
from cogtotp_gui.ui.campaign.inventory_model import InventoryModel
from cogtotp_gui.ui.campaign.inventory_window import _COLOURS, BarChart, MigrationWindow
from cogtotp_gui.ui.common import theme

TIMEOUT_MS = 30_000
POOL = "eu-west-1_Stored1"


def _settings(emulator):
    return PoolSettings(
        user_pool_id=emulator.seed.pool_id, region=emulator.seed.region, endpoint_url=emulator.endpoint_url
    )


def _fast(settings, aws_profile):
    return CognitoGateway(settings, aws_profile=aws_profile, max_attempts=1, connect_timeout=2, read_timeout=5)


@pytest.fixture
def window(qtbot, emulator, tmp_path):
    states = seed_inventory_users(emulator.emu, emulator.seed.pool_id, 90, region=emulator.seed.region)
    win = MigrationWindow(_settings(emulator), db_path=tmp_path / "campaign.sqlite3", gateway_factory=_fast)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    win.states = states
    yield win
    win.cancel_scan()
    win.close()


def _scan(qtbot, win, exact=True):
    win.exact_box.setChecked(exact)
    with qtbot.waitSignal(win.scan_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(win.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.model.total() > 0, timeout=TIMEOUT_MS)
    return finished.args[0]


def test_before_any_scan_it_says_so_and_every_control_is_named(window):
    assert window.model.total() == 0
    assert "No scan yet" in window.age_label.text()
    for widget in (
        window.scan_button,
        window.cancel_button,
        window.search_edit,
        window.state_combo,
        window.table,
        window.export_button,
        window.session_button,
        window.exact_box,
        window.chart,
    ):
        assert widget.accessibleName(), widget.objectName()
    assert not window.session_button.isEnabled()


def test_exact_scan_fills_counts_chart_and_table(qtbot, window, emulator):
    result = _scan(qtbot, window)
    assert result.completed
    total = 90 + len(emulator.seed.users)
    assert window.model.total() == total
    sms = sum(1 for r in window.model.all_rows() if r[3] == "sms")
    assert window.chart._counts["sms"] == sms > 0
    assert "Last scan" in window.age_label.text()
    # Filter by state, then search.
    window.state_combo.setCurrentIndex(window.state_combo.findData("totp"))
    assert window.model.rowCount() == window.model.matching() == window.chart._counts["totp"]
    assert {r[3] for r in window.model.all_rows()} == {"totp"}
    window.state_combo.setCurrentIndex(0)
    qtbot.keyClicks(window.search_edit, "USER008")
    qtbot.waitUntil(lambda: window.model.rowCount() < total, timeout=TIMEOUT_MS)
    assert {r[0] for r in window.model.all_rows()} == {f"user{i:04d}" for i in range(80, 90)}
    assert "10 of" in window.count_label.text()


def test_reopening_shows_the_last_scan(qtbot, window, emulator, tmp_path):
    _scan(qtbot, window, exact=False)
    again = MigrationWindow(_settings(emulator), db_path=tmp_path / "campaign.sqlite3", gateway_factory=_fast)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded, timeout=TIMEOUT_MS):
        again.show()
    assert again.model.total() == window.model.total()
    assert "census" in again.age_label.text()


def test_export_csv_writes_the_shown_rows_without_phone_numbers(qtbot, window, tmp_path):
    _scan(qtbot, window)
    window.state_combo.setCurrentIndex(window.state_combo.findData("sms"))
    path = tmp_path / "out.csv"
    count = window.export_csv(str(path))
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert count == len(rows) == window.model.rowCount() > 0
    assert {row["mfa"] for row in rows} == {"sms"}
    assert "+1555" not in text


def test_selection_asks_for_a_session_with_those_users(qtbot, window):
    _scan(qtbot, window)
    selection = window.table.selectionModel()
    for row in (0, 2):
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert window.session_button.isEnabled()
    expected = [window.model.row_at(0)[0], window.model.row_at(2)[0]]
    with qtbot.waitSignal(window.session_requested, timeout=TIMEOUT_MS) as asked:
        qtbot.mouseClick(window.session_button, Qt.MouseButton.LeftButton)
    assert asked.args[0] == expected


def test_cancel_keeps_what_was_read_and_the_next_scan_resumes(qtbot, window, emulator, tmp_path):
    emulator.emu.set_latency(0.01)
    window.exact_box.setChecked(True)
    with qtbot.waitSignal(window.scan_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(window.scan_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.progress_bar.maximum() > 0 and window.progress_bar.value() > 0, timeout=TIMEOUT_MS
        )
        assert window.cancel_button.isEnabled()
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not finished.args[0].completed
    assert "resumes" in window.scan_status.text()
    store = InventoryStore.open(tmp_path / "campaign.sqlite3")
    try:
        read = store.db.connection.execute(
            "SELECT COUNT(*) FROM inventory_users WHERE read_scan IS NOT NULL"
        ).fetchone()[0]
    finally:
        store.close()
    assert read > 0
    emulator.emu.set_latency(0)
    result = _scan(qtbot, window)
    assert result.completed and result.scan_id == finished.args[0].scan_id


def test_access_denied_names_the_iam_action(qtbot, window, emulator):
    emulator.emu.deny("AdminGetUser")
    error = _scan_error(qtbot, window)
    assert error.action == "cognito-idp:AdminGetUser"
    assert "cognito-idp:AdminGetUser" in window.scan_status.text()
    assert window.scan_button.isEnabled()


def _scan_error(qtbot, win):
    with qtbot.waitSignal(win.scan_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(win.scan_button, Qt.MouseButton.LeftButton)
    return finished.args[0]


def _stored(path, users, states=("sms", "totp", "none", "email")):
    """A pool of ``users`` written straight into the inventory tables (the triggers keep the counts)."""
    InventoryStore.open(path).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO inventory_scans (pool_id, exact, started_at, finished_at, listing_done) VALUES (?, 1, 0, 1, 1)",
            (POOL,),
        )
        connection.executemany(
            "INSERT INTO inventory_users VALUES (?, ?, 1, 'CONFIRMED', ?, '', ?, 1, 1)",
            ((POOL, f"user{i:06d}", states[i % len(states)], float(i)) for i in range(users)),
        )
    connection.close()
    return InventoryQuery.open_reader(path, POOL)


def test_the_lazy_model_counts_from_sql_and_fetches_pages_as_the_view_scrolls(qtbot, tmp_path):
    model = InventoryModel()
    model.set_source(_stored(tmp_path / "c.sqlite3", 20_000))
    assert model.total() == model.matching() == 20_000
    assert model.rowCount() == PAGE_ROWS  # one page held, not 20,000 rows
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    view.scrollToBottom()  # the view asks for more (canFetchMore/fetchMore)
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_ROWS, timeout=TIMEOUT_MS)
    assert model.rowCount() % PAGE_ROWS == 0 and model.rowCount() < 20_000
    names = [model.row_at(i)[0] for i in range(model.rowCount())]
    assert names == sorted(names) and len(set(names)) == len(names)  # pages join without a gap or a repeat
    model.set_filter("user0199", "")  # an indexed search (FTS5 trigram when this SQLite has it)
    assert model.matching() == model.rowCount() == 100
    model.set_filter("USER00000", "sms")  # any case, with a state
    assert [model.row_at(i)[0] for i in range(model.rowCount())] == ["user000000", "user000004", "user000008"]
    model.set_filter("", "email")
    assert model.matching() == 5000 and model.rowCount() == PAGE_ROWS
    model.set_filter("9", "")  # too short for the index: a scan, same answer
    assert model.matching() == sum(1 for i in range(20_000) if "9" in f"user{i:06d}")
    model.close()


def test_sorting_by_a_column_pages_in_that_order(qtbot, tmp_path):
    model = InventoryModel()
    model.set_source(_stored(tmp_path / "c.sqlite3", 1500))
    model.sort(5, Qt.SortOrder.DescendingOrder)  # Checked, newest first
    while model.canFetchMore():
        model.fetchMore()
    stamps = [model.row_at(i)[5] for i in range(model.rowCount())]
    assert model.rowCount() == 1500 and stamps == sorted(stamps, reverse=True)
    model.sort(3, Qt.SortOrder.AscendingOrder)  # MFA, then username
    while model.canFetchMore():
        model.fetchMore()
    keys = [(model.row_at(i)[3], model.row_at(i)[0]) for i in range(model.rowCount())]
    assert keys == sorted(keys) and model.rowCount() == 1500
    model.close()


def test_select_all_under_a_filter_means_every_match_and_a_session_is_capped(qtbot, tmp_path, monkeypatch):
    from cogtotp_gui.campaign import roster

    path = tmp_path / "c.sqlite3"
    _stored(path, 3000).close()
    settings = PoolSettings(user_pool_id=POOL, region="eu-west-1")
    win = MigrationWindow(settings, db_path=path, training=True)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    assert POOL not in win.heading.text()  # the practice pool, not the emulator's id
    win.state_combo.setCurrentIndex(win.state_combo.findData("sms"))
    assert win.model.matching() == 750 and win.model.rowCount() == PAGE_ROWS
    win.table.selectAll()
    assert win.selected_count() == 750
    names = win.selected_usernames()
    assert len(names) == 750 and names[:2] == ["user000000", "user000004"]
    monkeypatch.setattr(roster, "MAX_ROSTER_USERS", 600)
    asked: list[list[str]] = []
    win.session_requested.connect(asked.append)
    win.session_button.click()
    box = win.findChild(QMessageBox, "rosterCapQuestion")  # window-modal, not blocking
    assert box is not None and "600" in box.text() and "750" in box.text()
    assert asked == []
    box.button(QMessageBox.StandardButton.Yes).click()
    assert asked == [names[:600]]
    win.close()


def test_export_streams_every_shown_row_with_progress(qtbot, tmp_path):
    path = tmp_path / "c.sqlite3"
    _stored(path, 5000).close()
    settings = PoolSettings(user_pool_id=POOL, region="eu-west-1")
    win = MigrationWindow(settings, db_path=path)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    win.state_combo.setCurrentIndex(win.state_combo.findData("totp"))
    out = tmp_path / "out.csv"
    with qtbot.waitSignal(win.export_finished, timeout=TIMEOUT_MS) as finished:
        win.start_export(str(out))
    assert finished.args[0] == 1250  # every match, not just the page the table holds
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 1250 and {r["mfa"] for r in rows} == {"totp"}
    assert "1,250" in win.scan_status.text() or "1250" in win.scan_status.text()
    win.close()


# The offscreen platform cannot raise a window and says so; a display can.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_the_main_window_opens_it_in_admin_mode_only(qtbot, wizard_app, emulator):
    assert not wizard_app.window.migration_action.isEnabled()  # user mode
    assert wizard_app.window.open_migration() is None
    admin = wizard_app.factory(mode="admin")
    window = admin.window
    assert window.migration_action.isEnabled()
    migration = window.open_migration()
    qtbot.waitUntil(migration.isVisible, timeout=TIMEOUT_MS)
    assert migration.pool.user_pool_id == emulator.seed.pool_id
    # The pool, never the app client or its secret (issue 19 #6).
    assert type(migration.pool).__name__ == "PoolSettings" and migration.pool.client_secret is None
    assert not hasattr(migration.pool, "client_id")
    assert admin.settings.client_secret not in repr(vars(migration))
    assert window.open_migration() is migration
    # "Start a session with these" reaches the main window's sessions.
    asked: list[list[str]] = []
    window.start_session_with = asked.append  # the sessions' own tests cover what it does
    migration.close()
    window._migration = None
    migration = window.open_migration()
    qtbot.waitUntil(lambda: migration.is_loaded, timeout=TIMEOUT_MS)
    migration.session_requested.emit(["alice.sms"])
    assert asked == [["alice.sms"]]
    qtbot.waitUntil(lambda: migration.is_loaded, timeout=TIMEOUT_MS)


# -- high contrast ------------------------------------------------------------------


@pytest.fixture
def high_contrast(qapp):
    previous = qapp.palette()
    theme.apply_high_contrast(qapp)
    try:
        yield qapp
    finally:
        qapp.setProperty(theme.PROPERTY, False)
        qapp.setStyleSheet("")
        qapp.setPalette(previous)


def _chart(qtbot, counts):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(520, 160)
    chart.set_counts(counts)
    return chart, chart.grab().toImage()


def _inside(rect):
    """The pixels well inside a bar (its outline left out)."""
    return [
        (x, y)
        for x in range(int(rect.left()) + 2, int(rect.right()) - 2)
        for y in range(int(rect.top()) + 2, int(rect.bottom()) - 2)
    ]


COUNTS = {"sms": 146, "totp": 110, "email": 60, "none": 40, "unknown": 0}


def test_the_chart_keeps_to_the_high_contrast_palette_and_tells_bars_apart_by_pattern(qtbot, high_contrast):
    chart, image = _chart(qtbot, COUNTS)
    text = chart.palette().windowText().color()
    background = chart.palette().window().color()
    assert (text.name(), background.name()) == ("#ffffff", "#000000")
    # Not one coloured pixel: bars, names and numbers are in the palette's
    # black and white (antialiased text adds greys, never a hue).
    hues = {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if len({image.pixelColor(x, y).red(), image.pixelColor(x, y).green(), image.pixelColor(x, y).blue()}) > 1
    }
    assert hues == set()
    # SMS solid in the text colour; the others black and white in patterns of their own.
    fills = {}
    for state in ("sms", "totp", "email", "none"):
        rect = chart.bar_rect(state)
        pixels = [image.pixelColor(x, y) for x, y in _inside(rect)]
        assert {p.name() for p in pixels} <= {text.name(), background.name()}, state
        # The fill as a pattern: which pixels of an 8 x 8 tile are lit.
        left, top = int(rect.left()) + 8, int(rect.top()) + 3
        fills[state] = frozenset(
            (dx, dy) for dx in range(8) for dy in range(8) if image.pixelColor(left + dx, top + dy) == text
        )
    assert len(fills["sms"]) == 64
    assert len(set(fills.values())) == 4, "two states share a fill: only their names would tell them apart"
    assert all(fills[state] for state in fills)  # no bar is empty black
    # A count of 0 is still a visible line, and its number is there.
    zero = chart.bar_rect("unknown")
    assert image.pixelColor(int(zero.left()), int(zero.center().y())) == text


def test_the_chart_outside_high_contrast_paints_its_colours(qtbot):
    chart, image = _chart(qtbot, COUNTS)
    for state in ("sms", "totp"):
        centre = chart.bar_rect(state).center()
        assert image.pixelColor(int(centre.x()), int(centre.y())).name() == _COLOURS[state]


def test_the_migration_window_in_high_contrast_paints_its_chart_in_the_palette(qtbot, high_contrast, window):
    _scan(qtbot, window)
    chart = window.chart
    image = chart.grab().toImage()
    centre = chart.bar_rect("sms").center()
    assert image.pixelColor(int(centre.x()), int(centre.y())) == chart.palette().windowText().color()
    assert not window.progress_bar.isTextVisible()  # one text colour on the yellow chunk would vanish


# -- a scan that Cognito throttles -----------------------------------------------------

SLOWED = {"en": "Cognito is slowing the scan down", "ja": "Cognito がスキャンを減速させています"}
SLOWED_IN_THE_END = {"en": "Cognito slowed it down", "ja": "Cognito による減速あり"}


@pytest.fixture
def language(request, qapp):
    lang = request.param
    i18n.install_translations(qapp, lang)
    yield lang
    i18n.install_translations(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_a_throttled_scan_says_cognito_slows_it_stays_responsive_and_loses_nobody(
    qtbot, emulator, tmp_path, monkeypatch, language
):
    # The quota's clock, not the client's backoff, decides here: retries go at once.
    monkeypatch.setattr(inventory, "BACKOFF_BASE", 0.002)
    monkeypatch.setattr(inventory, "BACKOFF_CAP", 0.01)
    seed_inventory_users(emulator.emu, emulator.seed.pool_id, 90, region=emulator.seed.region)
    settings = _settings(emulator)
    # The truth to compare with: the same pool read without a quota.
    reference = InventoryStore.open(tmp_path / "reference.sqlite3")
    try:
        expected = inventory.scan(_fast(settings, None), reference, emulator.seed.pool_id, exact=True, max_rps=500)
        expected_rows = {row.username: row.mfa for row in reference.users(emulator.seed.pool_id)}
    finally:
        reference.close()
    assert expected.completed and expected.total == 90 + len(emulator.seed.users)
    # Cognito's UserRead quota on a clock that does not move: 20 reads go
    # through, then every AdminGetUser is refused with TooManyRequestsException.
    quota_clock = ManualClock(0)
    quota = QuotaEnforcer({"UserRead": 1.0}, burst=20.0, clock=quota_clock)
    emulator.emu.set_quota(quota)

    win = MigrationWindow(settings, db_path=tmp_path / "campaign.sqlite3", gateway_factory=_fast)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    win.exact_box.setChecked(True)
    with qtbot.waitSignal(win.scan_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(win.scan_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: SLOWED[language] in win.scan_status.text(), timeout=TIMEOUT_MS)
        assert quota.rejected["UserRead"] > 0 and quota.accepted["UserRead"] == 20
        # Not frozen: the window keeps telling (the refusals go up) and answers the keyboard.
        said = win.scan_status.text()
        qtbot.waitUntil(lambda: win.scan_status.text() != said, timeout=TIMEOUT_MS)
        assert SLOWED[language] in win.scan_status.text()
        qtbot.keyClicks(win.search_edit, "user00")
        assert win.search_edit.text() == "user00"
        assert win.cancel_button.isEnabled() and not win.scan_button.isEnabled()
        assert win.progress_bar.isVisible() and win.progress_bar.value() < expected.total
        # No time-left guess while Cognito decides the pace.
        assert not re.search(r"seconds? left" if language == "en" else "残り約", win.scan_status.text())
        # Cognito lets the reads through again.
        refused = quota.rejected["UserRead"]
        emulator.emu.set_quota(None)
    result = finished.args[0]
    assert result.completed and result.throttled >= refused > 0
    assert SLOWED_IN_THE_END[language] in win.scan_status.text()
    assert f"{result.throttled}" in win.scan_status.text()
    assert win.scan_button.isEnabled() and not win.progress_bar.isVisible()
    qtbot.waitUntil(lambda: win.model.total() == expected.total, timeout=TIMEOUT_MS)
    assert win.chart._counts == expected.counts
    win.search_edit.clear()  # the search typed while it waited
    qtbot.waitUntil(lambda: win.model.rowCount() == expected.total, timeout=TIMEOUT_MS)
    assert {row[0]: row[3] for row in win.model.all_rows()} == expected_rows
    win.close()


def test_export_refuses_a_link_and_says_so(qtbot, tmp_path):
    path = tmp_path / "c.sqlite3"
    _stored(path, 10).close()
    settings = PoolSettings(user_pool_id=POOL, region="eu-west-1")
    win = MigrationWindow(settings, db_path=path)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    with qtbot.waitSignal(win.export_finished, timeout=TIMEOUT_MS) as finished:
        win.start_export(str(link))
    assert isinstance(finished.args[0], OSError)
    assert victim.read_text() == "keep" and "link" in win.scan_status.text()
    win.close()


def test_a_big_pool_waits_for_a_third_character_before_it_searches(qtbot, tmp_path, monkeypatch):
    from cogtotp_gui.ui.campaign import inventory_window

    path = tmp_path / "c.sqlite3"
    _stored(path, 2000).close()
    monkeypatch.setattr(inventory_window, "SHORT_SEARCH_MAX_USERS", 1000)
    settings = PoolSettings(user_pool_id=POOL, region="eu-west-1")
    win = MigrationWindow(settings, db_path=path)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    win.search_edit.setText("19")
    win._apply_filter()
    assert win.model.matching() == 2000 and "3" in win.count_label.text()  # not searched: every user shown
    win.search_edit.setText("199")
    win._apply_filter()
    assert win.model.matching() == sum(1 for i in range(2000) if "199" in f"user{i:06d}")
    win.close()


def test_an_exact_scan_of_a_big_pool_asks_first_without_blocking(qtbot, tmp_path):
    path = tmp_path / "c.sqlite3"
    _stored(path, 1500).close()
    settings = PoolSettings(user_pool_id=POOL, region="eu-west-1")
    win = MigrationWindow(settings, db_path=path)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.loaded, timeout=TIMEOUT_MS):
        win.show()
    win.exact_box.setChecked(True)
    win.start_scan()
    box = win.findChild(QMessageBox, "exactScanQuestion")
    assert box is not None and re.search(r"1,?500 users", box.text()) and not win.scanning
    box.button(QMessageBox.StandardButton.No).click()
    assert not win.scanning and win.scan_button.isEnabled()
    win.close()
