"""A desk of a team campaign in the window (issue 22): the strict Cognito
emulator for the users, a moto DynamoDB server (its own process, one
request at a time, reached through ``AWS_ENDPOINT_URL_DYNAMODB`` as the app
is) for the campaign's table. Lease timing runs on fake monotonic clocks."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit

from cogtotp_gui import app as app_module
from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.desk import TeamDesk
from cogtotp_gui.campaign.team.dynamo import TeamStore, create_table, dynamodb_client
from cogtotp_gui.campaign.team.model import Identity, TeamErrorKind
from cogtotp_gui.campaign.team.outbox import Outbox
from cogtotp_gui.enrollment.flow import FlowView
from cogtotp_gui.ui.campaign.team_runner import TeamJoin, TeamRunner
from cogtotp_gui.ui.wizard.pages import PageId
from tests.gui.gui_driver import TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[3]
LEASE = 60.0
_tables = itertools.count(1)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def dynamo_endpoint():
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.support.dynamo_server", "--serialised"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={
            **__import__("os").environ,
            "PYTHONPATH": str(ROOT),
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        },
    )
    try:
        line = server.stdout.readline()
        assert line.startswith("port "), line
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        server.kill()
        server.wait()
        server.stdout.close()


class Network:
    """Makes one desk's DynamoDB client unreachable (botocore's own error,
    raised before the request is sent), and back."""

    def __init__(self, client) -> None:
        self.down = False
        client.meta.events.register("before-call.dynamodb", self._before_call)

    def _before_call(self, **_kwargs):
        if self.down:
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url="http://127.0.0.1:1")
        return None


class Team:
    """The campaign's table, the lead who imports the users, and desks."""

    def __init__(self, emulator, endpoint, monkeypatch, tmp_path, pool_id=None) -> None:
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
        monkeypatch.setenv("COGTOTP_DATA_DIR", str(tmp_path / "data"))
        self.table = f"campaigns-{next(_tables)}"
        self.tmp_path = tmp_path
        self.client = dynamodb_client("eu-west-1")
        create_table(self.client, self.table, wait=False)
        self.lead = self.store("lead", FakeClock())
        self.lead.create(pool_id or emulator.seed.pool_id, lease_seconds=LEASE)
        self.clocks: dict[str, FakeClock] = {}
        self.networks: dict[str, Network] = {}

    def store(self, name: str, clock: FakeClock, client=None) -> TeamStore:
        return TeamStore(
            client or self.client,
            self.table,
            "spring",
            Identity(operator=f"arn:aws:iam::123456789012:user/{name}", desk=f"{name}-pc/{name}"),
            clock=clock,
            sleep=lambda _s: None,
            spread=1,
        )

    def desk_factory(self, name: str):
        """What the runner calls on its worker: a desk with its own client, clock and outbox."""
        clock = self.clocks.setdefault(name, FakeClock())
        client = dynamodb_client("eu-west-1")
        self.networks[name] = Network(client)

        def make() -> TeamDesk:
            return TeamDesk(self.store(name, clock, client), Outbox(self.tmp_path / f"{name}-outbox.sqlite3"))

        return make

    def user(self, username: str):
        return self.lead.user(username)


@pytest.fixture
def team(emulator, dynamo_endpoint, monkeypatch, tmp_path):
    return Team(emulator, dynamo_endpoint, monkeypatch, tmp_path)


def join(driver, team, name="alice", **options):
    control = driver.window.join_campaign(
        TeamJoin("spring", team.table, "eu-west-1"),
        desk_factory=team.desk_factory(name),
        refresh_ms=3_600_000,
        retry_ms=3_600_000,
        **options,
    )
    return control, control.runner


def wait_prefilled(driver, username):
    page = driver.wizard.credentials_page
    driver.qtbot.waitUntil(lambda: page.username.text() == username, timeout=TIMEOUT_MS)
    assert driver.focus() is page.password


def enroll(driver, user, *, wrong_sms_code=False):
    driver.type(user.password)
    driver.enter()
    driver.wait_idle()
    if wrong_sms_code:
        driver.submit_sms(user.username, code="000000")
        driver.wait_banner()
    driver.submit_sms(user.username)
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)


def settled(qtbot, runner):
    qtbot.waitUntil(lambda: not runner.busy, timeout=TIMEOUT_MS)


def test_the_desk_comes_up_with_its_user_and_enter_on_done_takes_the_next(qtbot, wizard_app, team):
    driver = wizard_app
    first, second = driver.user("sms"), driver.user("sms2")
    team.lead.import_users([first.username, second.username])
    control, runner = join(driver, team)
    wait_prefilled(driver, first.username)
    assert control.panel.isVisible()
    assert team.user(first.username).state is UserState.IN_PROGRESS

    with qtbot.waitSignal(runner.outcome_recorded, timeout=TIMEOUT_MS):
        enroll(driver, first, wrong_sms_code=True)
    recorded = team.user(first.username)
    assert recorded.state is UserState.ENROLLED
    assert recorded.operator.endswith("user/alice") and recorded.desk == "alice-pc/alice"
    assert recorded.trouble == {"wrong_sms_code": 1}
    assert recorded.started_at is not None and recorded.finished_at is not None

    assert driver.focus() is driver.next_button
    driver.enter()  # Next user
    wait_prefilled(driver, second.username)
    assert runner.current == second.username
    assert team.user(second.username).state is UserState.IN_PROGRESS
    runner.refresh()
    qtbot.waitUntil(lambda: "This desk: " + second.username in control.panel.current.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: control.panel.table.rowCount() == 1, timeout=TIMEOUT_MS)
    assert control.panel.table.item(0, 0).text().startswith(second.username)
    assert control.panel.table.item(0, 1).text() == "alice"
    assert "2 users: 1 finished, 0 waiting, 1 in progress." in control.panel.summary.text()
    # The panel opens as wide as its columns: the Desk column is not behind a scroll bar.
    table = control.panel.table
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=TIMEOUT_MS)
    assert table.viewport().width() >= sum(table.columnWidth(c) for c in range(table.columnCount()))
    # No session beside the campaign's queue (the Migration window's "Start a session"): the window says why.
    assert driver.window.start_session(["someone"], "inventory") is False
    assert "team campaign" in driver.window.statusBar().currentMessage()
    assert driver.window.sessions.runner is None


def test_a_user_left_before_anything_changed_goes_back_and_one_stopped_half_way_is_skipped(qtbot, wizard_app, team):
    driver = wizard_app
    first, second = driver.user("sms"), driver.user("sms2")
    team.lead.import_users([first.username, second.username])
    _control, runner = join(driver, team)
    wait_prefilled(driver, first.username)
    driver.wizard.start_next_user()  # wiped before anything went to Cognito (the idle wipe): put back, in place
    settled(qtbot, runner)
    wait_prefilled(driver, first.username)  # first in the list again: this desk takes them again
    info = team.lead.info()
    assert (info.counts[UserState.SKIPPED], info.counts[UserState.IN_PROGRESS]) == (0, 1)
    driver.type(first.password)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    driver.wizard.start_next_user()  # the operator stopped half-way (as Escape, then Stop, does)
    wait_prefilled(driver, second.username)
    settled(qtbot, runner)
    skipped = team.user(first.username)
    assert (skipped.state, skipped.reason) == (UserState.SKIPPED, "stopped")


def test_a_desk_with_nobody_to_take_claims_at_the_next_refresh(qtbot, wizard_app, team):
    driver = wizard_app
    control, runner = join(driver, team)
    qtbot.waitUntil(lambda: "nobody is waiting" in control.panel.current.text(), timeout=TIMEOUT_MS)
    settled(qtbot, runner)
    team.lead.import_users([driver.user("sms").username])
    runner.refresh()  # the panel's timer
    wait_prefilled(driver, driver.user("sms").username)


def test_ctrl_k_skips_the_user_in_hand_with_a_reason_and_the_next_comes(qtbot, wizard_app, team):
    driver = wizard_app
    first, second = driver.user("sms").username, driver.user("sms2").username
    team.lead.import_users([first, second])
    control, runner = join(driver, team)
    wait_prefilled(driver, first)
    assert not driver.window.start_session(["someone"], "pasted")  # one queue at a time: the campaign's
    assert not driver.window.sessions.menu.menuAction().isEnabled()
    driver.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: control.skip_dialog is not None and control.skip_dialog.isVisible())
    edit = control.skip_dialog.findChild(QLineEdit)
    qtbot.keyClicks(edit, "not at the desk")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_prefilled(driver, second)
    settled(qtbot, runner)
    skipped = team.user(first)
    assert (skipped.state, skipped.reason) == (UserState.SKIPPED, "not at the desk")
    assert team.lead.info().failures == {"not at the desk": 1}


def test_two_desks_on_one_table_never_get_the_same_user(qtbot, wizard_app, team):
    first = wizard_app
    second = wizard_app.factory()
    names = [first.user(kind).username for kind in ("sms", "sms2")]
    team.lead.import_users(names)
    _a, runner_a = join(first, team, "alice")
    _b, runner_b = join(second, team, "bob")
    qtbot.waitUntil(lambda: runner_a.current is not None and runner_b.current is not None, timeout=TIMEOUT_MS)
    assert {runner_a.current, runner_b.current} == set(names)
    holders = {user.username: user.desk for user in team.lead.in_state(UserState.IN_PROGRESS)}
    assert holders == {runner_a.current: "alice-pc/alice", runner_b.current: "bob-pc/bob"}


def test_offline_the_outcome_is_kept_no_claim_and_back_it_is_written_and_claiming_resumes(qtbot, wizard_app, team):
    driver = wizard_app
    first, second = driver.user("sms"), driver.user("sms2")
    team.lead.import_users([first.username, second.username])
    control, runner = join(driver, team)
    wait_prefilled(driver, first.username)
    team.networks["alice"].down = True

    with qtbot.waitSignal(runner.online_changed, timeout=TIMEOUT_MS) as away:
        enroll(driver, first)  # Cognito is the truth: the operator finishes the user
    assert away.args == [False]
    settled(qtbot, runner)
    assert runner.kept == 1
    banner = control.panel.banner.text
    assert "The campaign table cannot be reached: finish this user; 1 outcome kept; no new users" in banner
    assert team.user(first.username).state is UserState.IN_PROGRESS  # not written yet

    driver.enter()  # Next user: none is claimed while the table is away
    driver.wait_page(PageId.CREDENTIALS)
    settled(qtbot, runner)
    assert driver.wizard.credentials_page.username.text() == ""
    assert runner.current is None
    assert team.user(second.username).state is UserState.WAITING
    assert control.panel.banner.text == (
        "The campaign table cannot be reached: 1 outcome kept; no new users until it is back."
    )

    team.networks["alice"].down = False
    with qtbot.waitSignal(runner.online_changed, timeout=TIMEOUT_MS) as back:
        runner.retry_now()
    assert back.args == [True]
    wait_prefilled(driver, second.username)
    assert team.user(first.username).state is UserState.ENROLLED
    assert team.user(first.username).conflict == ""  # written under the lease it had
    assert control.panel.banner.isHidden()


def test_a_lost_lease_lets_the_operator_finish_and_the_outcome_is_a_late_one(qtbot, wizard_app, team):
    driver = wizard_app
    first = driver.user("sms")
    team.lead.import_users([first.username])
    control, runner = join(driver, team, renew_ms=3_600_000)
    wait_prefilled(driver, first.username)

    # This desk went quiet (no renewal); bob's desk waits a whole lease on its own clock, then takes over.
    bob_clock = FakeClock()
    bob = team.store("bob", bob_clock)
    bob.join(team.lead.info().pool_id)
    assert bob.watch_leases() == []
    bob_clock.advance(LEASE + 1)
    taken = bob.claim_next()
    assert taken is not None and taken.username == first.username
    assert team.user(first.username).desk == "bob-pc/bob"

    with qtbot.waitSignal(runner.lease_lost, timeout=TIMEOUT_MS):
        runner.renew_timer.start(0)
    assert "bob" in control.panel.banner.text and "late one" in control.panel.banner.hint

    with qtbot.waitSignal(runner.outcome_recorded, timeout=TIMEOUT_MS) as recorded:
        enroll(driver, first)
    assert recorded.args[0].conflict
    user = team.user(first.username)
    assert user.state is UserState.ENROLLED and "late outcome enrolled" in user.conflict


def test_a_campaign_of_another_pool_is_refused_and_nobody_is_claimed(
    qtbot, wizard_app, emulator, dynamo_endpoint, monkeypatch, tmp_path
):
    driver = wizard_app
    team = Team(emulator, dynamo_endpoint, monkeypatch, tmp_path, pool_id="eu-west-1_Other999")
    team.lead.import_users([driver.user("sms").username])
    control, runner = join(driver, team)
    qtbot.waitUntil(lambda: runner.stopped, timeout=TIMEOUT_MS)
    assert runner.error.kind is TeamErrorKind.WRONG_POOL
    assert "another user pool" in control.panel.banner.text
    settled(qtbot, runner)
    assert runner.current is None and driver.wizard.credentials_page.username.text() == ""
    assert team.user(driver.user("sms").username).state is UserState.WAITING


def test_a_walk_in_held_by_another_desk_says_by_whom_and_a_free_one_is_taken(qtbot, wizard_app, team):
    driver = wizard_app
    first, second, third = (driver.user(kind).username for kind in ("sms", "sms2", "totp"))
    team.lead.import_users([first, second, third])
    bob = team.store("bob", FakeClock())
    bob.join(team.lead.info().pool_id)
    assert bob.claim(second).username == second
    control, runner = join(driver, team)
    wait_prefilled(driver, first)

    with qtbot.waitSignal(runner.walk_in_refused, timeout=TIMEOUT_MS) as refused:
        assert control.take(second)
    assert refused.args[0].kind is TeamErrorKind.HELD
    assert control.panel.banner.text == f"{second} is held by bob at bob-pc/bob."
    assert runner.current == first  # nothing changed for the user in hand
    assert driver.focus() is driver.wizard.credentials_page.password

    # Ctrl+Shift+U asks for the name; Enter takes them.
    driver.key(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: control.walk_in_dialog is not None and control.walk_in_dialog.isVisible())
    dialog = control.walk_in_dialog
    qtbot.keyClicks(dialog.findChild(QLineEdit), third)
    with qtbot.waitSignal(runner.user_taken, timeout=TIMEOUT_MS):
        qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Return)
    wait_prefilled(driver, third)
    settled(qtbot, runner)
    assert team.user(first).state is UserState.WAITING  # went back as it was
    assert team.user(third).state is UserState.IN_PROGRESS


class _Wizard(QObject):
    user_finished = Signal()
    rehearsal_verdict = Signal(str, object)
    rehearsal_left = Signal(str)


class _Enrollment(QObject):
    step_changed = Signal(object)
    failed = Signal(object)
    enrollment_in_progress = False
    settings = None
    view = FlowView()


def test_the_rehearsal_verdict_turns_enrolled_into_verified_in_the_table(qtbot, team, emulator):
    from cogtotp_gui.enrollment.rehearsal import RehearsalVerdict
    from cogtotp_gui.enrollment.steps import Step

    team.lead.import_users(["ann"])
    wizard, enrollment = _Wizard(), _Enrollment()
    wizard.prefill_user = lambda _name: None
    runner = TeamRunner(enrollment, wizard, team.desk_factory("alice"), pool_id=emulator.seed.pool_id)
    with qtbot.waitSignal(runner.user_taken, timeout=TIMEOUT_MS):
        runner.start()
    enrollment.view = FlowView(step=Step.DONE, username="ann")
    with qtbot.waitSignal(runner.outcome_recorded, timeout=TIMEOUT_MS):
        enrollment.step_changed.emit(Step.DONE)
    took = next(v for v in RehearsalVerdict if v.took)
    wizard.rehearsal_verdict.emit("ann", took)
    settled(qtbot, runner)
    assert team.user("ann").state is UserState.VERIFIED
    info = team.lead.info()
    assert (info.counts[UserState.ENROLLED], info.counts[UserState.VERIFIED]) == (0, 1)
    runner.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_campaign_with_roster_is_a_usage_error_in_both_languages(tmp_path, capsys, lang):
    roster = tmp_path / "roster.csv"
    roster.write_text("alice\n", encoding="utf-8")
    code = app_module.main(["--lang", lang, "--campaign", "spring", "--campaign-table", "t", "--roster", str(roster)])
    assert code == 2
    err = capsys.readouterr().err
    assert "--roster" in err
    if lang == "en":
        assert "cannot be used together" in err
    else:
        assert "cannot" not in err


def test_campaign_without_a_table_is_a_usage_error(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(tmp_path))
    code = app_module.main(
        ["--lang", "en", "--campaign", "spring", "--user-pool-id", "eu-west-1_Abc", "--client-id", "x"]
    )
    assert code == 2
    assert "--campaign-table" in capsys.readouterr().err


def test_a_saved_connections_campaign_settings_are_joined_and_the_command_line_wins(monkeypatch):
    monkeypatch.setattr(app_module, "profile_campaign", lambda _name: ("Spring", "saved-table", "helpdesk"))
    args = app_module.parse_args(["--profile", "Desk"])
    join, problem = app_module.campaign_to_join(args, None, None)
    assert (join, problem) == (TeamJoin("Spring", "saved-table", None, "helpdesk"), "")
    args = app_module.parse_args(["--profile", "Desk", "--campaign", "Autumn", "--region", "eu-west-1"])
    join, _problem = app_module.campaign_to_join(args, None, "ops")
    assert join == TeamJoin("Autumn", "saved-table", "eu-west-1", "ops")
    args = app_module.parse_args(["--profile", "Desk", "--roster", "r.csv"])
    assert app_module.campaign_to_join(args, None, None) == (None, "")  # a session, as asked


def test_every_team_error_kind_has_its_own_words_in_both_languages(qapp):
    from cogtotp_gui import i18n
    from cogtotp_gui.campaign.team.model import TeamError
    from cogtotp_gui.ui.campaign.team_labels import team_error_message

    errors = [TeamError(kind, action="UpdateItem", code="X", holder="bob (bob-pc/bob)") for kind in TeamErrorKind]
    english = [team_error_message(error) for error in errors]
    try:
        i18n.install_translations(qapp, "ja")
        japanese = [team_error_message(error) for error in errors]
    finally:
        i18n.install_translations(qapp, "en")
    assert len({text for text, _hint in english}) == len(errors)
    for (en_text, en_hint), (ja_text, ja_hint) in zip(english, japanese, strict=True):
        assert en_text and ja_text != en_text and "%" not in en_text + ja_text
        assert bool(en_hint) == bool(ja_hint) and (not en_hint or ja_hint != en_hint)


def test_the_app_desk_uses_boto3s_endpoints_sts_for_the_operator_and_the_data_folder_outbox(
    qtbot, wizard_app, team, dynamo_endpoint, monkeypatch, tmp_path
):
    from cogtotp_gui.campaign.team.dynamo import local_desk

    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", dynamo_endpoint)  # moto's server answers STS too
    driver = wizard_app
    team.lead.import_users([driver.user("sms").username])
    driver.window.join_campaign_after_first_paint(TeamJoin("spring", team.table, "eu-west-1"))  # as --campaign
    control = driver.window.team
    wait_prefilled(driver, driver.user("sms").username)
    held = team.user(driver.user("sms").username)
    assert held.operator.startswith("arn:aws:") and held.desk == local_desk()
    settled(qtbot, control.runner)
    assert (tmp_path / "data" / "team-outbox.sqlite3").exists()

    # Another join replaces it: one panel; the user it held but had not started is let go.
    old_holder = control.runner.desk.store.holder
    with qtbot.waitSignal(control.runner.destroyed, timeout=TIMEOUT_MS):
        replaced = driver.window.join_campaign(TeamJoin("spring", team.table, "eu-west-1"), refresh_ms=3_600_000)
    qtbot.waitUntil(lambda: team.user(driver.user("sms").username).holder != old_holder, timeout=TIMEOUT_MS)
    assert driver.window.findChildren(type(replaced.panel)) == [replaced.panel]
    settled(qtbot, replaced.runner)
