"""The Migration window against the strict emulator: scan, counts, filter, export, cancel, selection,
a throttled scan, and the chart in high contrast."""

from __future__ import annotations

import csv
import re
import time

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from cogtotp_gui import i18n
from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.inventory import InventoryStore
from cogtotp_gui.emulator.clock import ManualClock
from cogtotp_gui.emulator.quota import QuotaEnforcer
from cogtotp_gui.emulator.seed import seed_inventory_users
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import PoolSettings
from cogtotp_gui.ui.campaign.inventory_model import InventoryModel
from cogtotp_gui.ui.campaign.inventory_window import _COLOURS, BarChart, MigrationWindow
from cogtotp_gui.ui.common import theme

TIMEOUT_MS = 30_000


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
    sms = sum(1 for r in window.model.visible_rows() if r[3] == "sms")
    assert window.chart._counts["sms"] == sms > 0
    assert "Last scan" in window.age_label.text()
    # Filter by state, then search.
    window.state_combo.setCurrentIndex(window.state_combo.findData("totp"))
    assert window.model.rowCount() == window.chart._counts["totp"]
    assert {r[3] for r in window.model.visible_rows()} == {"totp"}
    window.state_combo.setCurrentIndex(0)
    qtbot.keyClicks(window.search_edit, "USER008")
    qtbot.waitUntil(lambda: window.model.rowCount() < total, timeout=TIMEOUT_MS)
    assert {r[0] for r in window.model.visible_rows()} == {f"user{i:04d}" for i in range(80, 90)}
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


def test_the_model_filters_100000_rows(qapp):
    model = InventoryModel()
    states = ("sms", "totp", "none", "email")
    model.set_rows([(f"user{i:06d}", True, "CONFIRMED", states[i % 4], "", time.time()) for i in range(100_000)])
    model.set_filter("user0999", "")
    assert model.rowCount() == 100
    model.set_filter("", "email")
    assert model.rowCount() == 25_000
    model.set_filter("USER00000", "sms")
    assert [model.row_at(i)[0] for i in range(model.rowCount())] == ["user000000", "user000004", "user000008"]


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


def test_a_large_store_shows_counts_and_first_rows_then_every_row(qtbot, window, emulator, tmp_path, monkeypatch):
    from cogtotp_gui.ui.campaign import inventory_window

    _scan(qtbot, window, exact=False)
    total = window.model.total()
    monkeypatch.setattr(inventory_window, "PREVIEW_ROWS", 20)
    again = MigrationWindow(_settings(emulator), db_path=tmp_path / "campaign.sqlite3", gateway_factory=_fast)
    qtbot.addWidget(again)
    seen: list[int] = []
    again.first_rows_shown.connect(lambda: seen.append(again.model.total()))
    with qtbot.waitSignal(again.loaded, timeout=TIMEOUT_MS):
        again.show()
    assert seen == [20]
    assert again.model.total() == total
    assert sum(again.chart._counts.values()) == total


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
    assert {row[0]: row[3] for row in win.model.visible_rows()} == expected_rows
    win.close()
