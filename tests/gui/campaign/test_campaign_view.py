"""The lead's team campaign view against moto's DynamoDB (in process): one read a refresh,
the figures, the timer, late outcomes, and the errors in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cogtotp_gui import i18n
from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.model import TeamError, TeamErrorKind
from cogtotp_gui.campaign.team.progress import TeamProgress
from cogtotp_gui.ui.campaign.team_view import CampaignView
from tests.campaign.team.conftest import (  # noqa: F401  # fixtures used by name
    POOL,
    TABLE,
    FakeClock,
    Faults,
    aws,
    client,
    desk_factory,
)

TIMEOUT_MS = 20_000


@pytest.fixture
def lead(desk_factory):  # noqa: F811
    """A campaign of 10 users; alice enrolled two, bob verified one and holds one."""
    alice, bob = desk_factory("alice"), desk_factory("bob")
    alice.import_users([f"user{i:02}" for i in range(10)])
    for desk, outcome in ((alice, UserState.ENROLLED), (alice, UserState.ENROLLED), (bob, UserState.VERIFIED)):
        desk.finish(desk.claim_next().lease, outcome)
    bob.claim_next()
    return alice, bob


@pytest.fixture
def stores(monkeypatch):
    """The stores the view made (to count the calls it sent)."""
    from cogtotp_gui.ui.campaign import team_view

    made = []

    def factory(region, profile, table, campaign):
        store = team_view.default_store(region, profile, table, campaign)
        made.append(store)
        return store

    return factory, made


@pytest.fixture
def view(qtbot, lead, stores):
    factory, _made = stores
    win = CampaignView(POOL, "eu-west-1", None, store_factory=factory, refresh_ms=3_600_000)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)  # shortcuts (F5) answer in the active window
    return win


def _open(qtbot, win, campaign="spring", table=TABLE):
    win.campaign_edit.setFocus()
    qtbot.keyClicks(win.campaign_edit, campaign)
    qtbot.keyClick(win.campaign_edit, Qt.Key.Key_Tab)
    assert win.focusWidget() is win.table_edit
    qtbot.keyClicks(win.table_edit, table)
    with qtbot.waitSignal(win.refreshed, timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(win.table_edit, Qt.Key.Key_Return)
    return blocker.args[0]


def _cell(table, row, column):
    return table.item(row, column).text()


def test_typing_the_names_and_enter_shows_the_counts_and_each_operator(qtbot, view):
    result = _open(qtbot, view)
    assert isinstance(result, TeamProgress)
    rows = {_cell(view.states_table, r, 0): _cell(view.states_table, r, 1) for r in range(view.states_table.rowCount())}
    assert rows["Waiting"] == "6" and rows["In progress"] == "1"
    assert rows["Enrolled"] == "2" and rows["Verified"] == "1"
    operators = [
        (_cell(view.operators_table, r, 0), _cell(view.operators_table, r, 1))
        for r in range(view.operators_table.rowCount())
    ]
    assert operators == [("alice", "2"), ("bob", "1")]
    assert "10 users: 3 finished, 7 left (1 in progress)." in view.summary_label.text()
    assert view.heading.text() == "Team campaign spring"
    assert view.focusWidget() is view.states_table  # the keyboard lands on the figures
    assert view.timer.isActive()


def test_a_refresh_is_one_read_of_the_campaign_item_never_a_scan(qtbot, view, stores, lead):
    _open(qtbot, view)
    store = stores[1][-1]
    before = dict(store.requests)
    alice, _bob = lead
    alice.finish(alice.claim_next().lease, UserState.ALREADY_TOTP)
    with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS) as blocker:
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_F5)
    sent = {action: n - before.get(action, 0) for action, n in store.requests.items() if n != before.get(action, 0)}
    assert sent == {"GetItem": 1}
    assert blocker.args[0].counts[UserState.ALREADY_TOTP] == 1
    assert blocker.args[0].left == 6


def test_the_timer_refreshes_without_a_keypress(qtbot, view, lead):
    _open(qtbot, view)
    view.timer.setInterval(20)
    view.timer.start()
    alice, _bob = lead
    alice.finish(alice.claim_next().lease, UserState.SKIPPED, reason="not here")
    qtbot.waitUntil(
        lambda: view.progress is not None and view.progress.counts[UserState.SKIPPED] == 1, timeout=TIMEOUT_MS
    )


def test_a_late_outcome_is_listed_for_the_lead(qtbot, view, lead, desk_factory):  # noqa: F811
    _open(qtbot, view)
    assert view.conflicts_list.count() == 0
    _alice, bob = lead
    held = bob.held_by_me()[0].username
    carol = desk_factory("carol")
    result = carol.record_late(held, UserState.ENROLLED)
    assert result.conflict
    loaded = []
    view.conflicts_loaded.connect(loaded.append)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: len(loaded) == 1, timeout=TIMEOUT_MS)
    assert [u.username for u in loaded[0]] == [held]
    assert view.conflicts_list.count() == 1
    line = view.conflicts_list.item(0).text()
    assert line.startswith(
        f"{held} (Enrolled): late outcome “Enrolled” from carol (carol-pc/carol); bob (bob-pc/bob) was working"
    )
    assert "1 outcome came after another desk had taken the user" in view.conflicts_label.text()


def test_empty_names_are_asked_for_and_nothing_is_read(qtbot, view, stores):
    view.campaign_edit.setFocus()
    qtbot.keyClick(view.campaign_edit, Qt.Key.Key_Return)
    assert view.banner.isVisible() and "campaign's name" in view.banner.text
    assert view.focusWidget() is view.campaign_edit and stores[1] == []


LANGS = {
    "table_missing": {"en": "There is no campaign table", "ja": "キャンペーン用のテーブル"},
    "access_denied": {"en": "not allowed to do this (GetItem)", "ja": "(GetItem)"},
    "throttled": {"en": "too many requests", "ja": "DynamoDB"},
    "schema_too_new": {"en": "newer version of the app", "ja": "新しいバージョン"},
}


@pytest.fixture
def language(request, qapp):
    i18n.install_translations(qapp, request.param)
    yield request.param
    i18n.install_translations(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_a_missing_table_says_so(qtbot, view, language):
    result = _open(qtbot, view, table="no-such-table")
    assert isinstance(result, TeamError) and result.kind is TeamErrorKind.TABLE_MISSING
    assert LANGS["table_missing"][language] in view.banner.text
    assert not view.timer.isActive() and view.open_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_access_denied_keeps_the_last_figures_and_stops_the_timer(qtbot, view, stores, language):
    _open(qtbot, view)
    faults = Faults(stores[1][-1].client)
    faults.fail("GetItem", "AccessDeniedException")
    with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS) as blocker:
        view.refresh()
    assert blocker.args[0].kind is TeamErrorKind.ACCESS_DENIED
    assert LANGS["access_denied"][language] in view.banner.text
    assert view.banner.details == "AccessDeniedException"
    assert not view.timer.isActive()
    assert view.progress is not None and _cell(view.states_table, 0, 1) == "6"  # still shown


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_throttling_is_a_warning_and_the_next_refresh_clears_it(qtbot, view, stores, language):
    _open(qtbot, view)
    faults = Faults(stores[1][-1].client)
    faults.fail("GetItem", "ThrottlingException", times=5)  # more than botocore's own retries take
    with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS) as blocker:
        view.refresh()
    assert blocker.args[0].kind is TeamErrorKind.THROTTLED
    assert LANGS["throttled"][language] in view.banner.text
    assert view.timer.isActive()
    faults.plans.clear()  # DynamoDB answers again
    with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS) as blocker:
        view.refresh()
    assert isinstance(blocker.args[0], TeamProgress) and not view.banner.isVisible()


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_a_campaign_of_a_newer_schema_is_refused(qtbot, view, client, language):  # noqa: F811
    client.update_item(
        TableName=TABLE,
        Key={"pk": {"S": "c#spring"}, "sk": {"S": "#campaign"}},
        UpdateExpression="SET #s = :v",
        ExpressionAttributeNames={"#s": "schema"},
        ExpressionAttributeValues={":v": {"N": "2"}},
    )
    result = _open(qtbot, view)
    assert result.kind is TeamErrorKind.SCHEMA_TOO_NEW
    assert LANGS["schema_too_new"][language] in view.banner.text
    assert view.progress is None


def test_a_campaign_of_another_pool_is_refused(qtbot, lead, stores):
    win = CampaignView("eu-west-1_Other", "eu-west-1", None, store_factory=stores[0])
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    result = _open(qtbot, win)
    assert result.kind is TeamErrorKind.WRONG_POOL
    assert "another user pool" in win.banner.text


def test_every_control_is_named_and_mnemonics_are_unique(qtbot, view):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [label.text() for label in view.findChildren(QLabel) if label.buddy() is not None]
    texts += [b.text() for b in view.findChildren(QAbstractButton) if b.text()]
    letters = [t.replace("&&", "")[t.replace("&&", "").index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) >= 8 and len(letters) == len(set(letters)), texts
    for widget in (
        view.campaign_edit,
        view.table_edit,
        view.states_table,
        view.operators_table,
        view.chart,
        view.conflicts_list,
    ):
        assert widget.accessibleName()


# The offscreen platform cannot raise a window and says so; a display can.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_the_main_window_opens_it_in_admin_mode_only(qtbot, wizard_app, emulator):
    assert not wizard_app.window.campaign_view_action.isEnabled()  # user mode
    assert wizard_app.window.open_campaign_view() is None
    window = wizard_app.factory(mode="admin").window
    assert window.campaign_view_action.isEnabled()
    view = window.open_campaign_view()
    qtbot.waitUntil(view.isVisible, timeout=TIMEOUT_MS)
    assert view.pool_id == emulator.seed.pool_id and view.store is None  # nothing read before Open
    assert window.open_campaign_view() is view
    view.close()
