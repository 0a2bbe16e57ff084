"""Training mode: the seeded pool, the guard, startup, reset, the banner and menu."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from gui_driver import flush_deferred_deletes
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QWizard

from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.flow import EnrollmentFlow, Step
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode
from cogtotp_gui.training.environment import (
    TRAINING_ISSUER,
    CredentialsIsolation,
    TrainingRefused,
    require_local_endpoint,
)
from cogtotp_gui.training.mode import training_gateway_factory
from cogtotp_gui.ui.wizard.pages.base import PageId

ROOT = Path(__file__).resolve().parents[3]

# What signing in as each kind of training user leads to, in the flow's terms.
EXPECTED_FIRST_STEP = {
    "sms": Step.SMS_CODE,
    "sms2": Step.SMS_CODE,
    "temp_password": Step.NEW_PASSWORD,
    "totp": Step.EXISTING_TOTP,
    "no_mfa": Step.SECRET,
    "no_sms_delivery": Step.SMS_CODE,
    "both_mfa": Step.SMS_CODE,  # SELECT_MFA_TYPE, answered with SMS by the flow
    "email_otp": Step.SMS_CODE,  # the code comes by email
    "lost_phone": Step.EXISTING_TOTP,
}


def _settings(endpoint_url: str | None) -> ConnectionSettings:
    return ConnectionSettings.create(
        user_pool_id="eu-west-1_Training1", client_id="training1", endpoint_url=endpoint_url
    )


def _flow(settings: ConnectionSettings) -> EnrollmentFlow:
    return EnrollmentFlow(CognitoGateway(settings, connect_timeout=2, read_timeout=5, max_attempts=1))


# -- the seeded pool -------------------------------------------------------------------


def test_every_training_user_reaches_the_expected_first_step(training_environment):
    credentials = CredentialsIsolation()
    credentials.apply()
    try:
        settings = training_environment.start()
        seed = training_environment.seed
        assert settings.mode is SignInMode.ADMIN
        assert settings.issuer == TRAINING_ISSUER
        assert settings.is_local_endpoint
        assert set(seed.users) == set(EXPECTED_FIRST_STEP)
        for kind, expected in EXPECTED_FIRST_STEP.items():
            user = seed.users[kind]
            flow = _flow(settings)
            assert flow.sign_in(user.username, user.password) is expected, user.username
        emu = training_environment.emu
        assert emu.last_sms_code("alice.sms", seed.pool_id) is not None
        # frank's phone has no signal: a code was sent, none arrived.
        assert [m.delivered for m in emu.outbox if m.username == "frank.nosignal"] == [False]
    finally:
        credentials.restore()


def test_credentials_isolation_uses_dummy_keys_and_gives_everything_back():
    environ = {
        "AWS_PROFILE": "production",
        "AWS_ACCESS_KEY_ID": "AKIAREAL",
        "AWS_SESSION_TOKEN": "real",
        "HOME": "/home/x",
    }
    isolation = CredentialsIsolation(environ)
    isolation.apply()
    assert environ["AWS_ACCESS_KEY_ID"] == "training"
    assert "AWS_PROFILE" not in environ and "AWS_SESSION_TOKEN" not in environ
    assert environ["AWS_CONFIG_FILE"] == environ["AWS_SHARED_CREDENTIALS_FILE"] == os.devnull
    isolation.restore()
    assert environ == {
        "AWS_PROFILE": "production",
        "AWS_ACCESS_KEY_ID": "AKIAREAL",
        "AWS_SESSION_TOKEN": "real",
        "HOME": "/home/x",
    }


# -- only ever the local emulator -------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint_url",
    [None, "https://cognito-idp.eu-west-1.amazonaws.com", "https://10.0.0.5:9229", "https://127.0.0.1.example.com:80"],
)
def test_training_refuses_an_endpoint_that_is_not_local(endpoint_url):
    with pytest.raises(TrainingRefused):
        require_local_endpoint(_settings(endpoint_url))


@pytest.mark.parametrize("endpoint_url", ["http://127.0.0.1:5000", "http://localhost:9229", "http://[::1]:8080"])
def test_training_accepts_this_computer(endpoint_url):
    assert require_local_endpoint(_settings(endpoint_url)).endpoint_url == endpoint_url


def test_training_gateway_never_builds_a_client_for_a_remote_endpoint():
    gateway = training_gateway_factory(_settings("https://cognito-idp.eu-west-1.amazonaws.com"), "production")
    with pytest.raises(EnrollmentError):
        gateway.warm_up()
    local = training_gateway_factory(_settings("http://127.0.0.1:5000"), "production")
    assert local.aws_profile is None  # training never uses a real AWS profile


def test_demo_refuses_a_remote_endpoint_on_the_command_line(qapp, capsys):
    from cogtotp_gui.app import parse_args
    from cogtotp_gui.training import start_training

    status = start_training(
        qapp, parse_args(["--demo", "--endpoint-url", "https://cognito-idp.eu-west-1.amazonaws.com"])
    )
    assert status == 2
    assert "not local" in capsys.readouterr().err


def test_switching_to_a_remote_connection_is_refused_and_undone(training, qtbot):
    remote = training.session.settings.replace(endpoint_url="https://cognito-idp.eu-west-1.amazonaws.com")
    training.controller.connect_to(remote)
    qtbot.waitUntil(lambda: training.controller.settings == training.session.settings)
    box = training.mode._refusal_box
    assert box is not None and box.isVisible()
    assert "only connects to the training pool" in box.text()
    box.close()


# -- startup --------------------------------------------------------------------------------------


def test_wizard_waits_for_the_training_pool(qtbot, training_environment):
    from cogtotp_gui.app import create_main_window
    from cogtotp_gui.training.mode import install_training

    window = create_main_window(None, gateway_factory=training_gateway_factory)
    qtbot.addWidget(window)
    mode = install_training(window, environment=training_environment)
    try:
        with qtbot.waitSignal(window.first_painted, timeout=5000):
            window.show()
        # Painted, but the pool is not there yet: no wizard, no Next to press.
        assert not mode.wizard_shown
        assert not window.wizard.isVisible()
        assert mode.waiting_panel.isVisible()
        assert not mode.banner.reset_button.isEnabled()
        with qtbot.waitSignal(mode.session.started, timeout=15_000):
            pass
        assert mode.wizard_shown and window.wizard.isVisible()
        assert window.wizard.currentId() == PageId.CREDENTIALS
        assert window.wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert window.controller.settings == mode.session.settings
    finally:
        assert mode.shutdown()
        assert window.shutdown()


def test_banner_title_and_menu_say_training(training, qtbot):
    window, mode = training.window, training.mode
    assert window.windowTitle() == "TRAINING — cogtotp-gui"
    banner = mode.banner
    assert banner.isVisible() and banner.title.text() == "TRAINING MODE"
    assert banner.title.font().bold()
    # Above the wizard, full width.
    assert (
        banner.geometry().bottom() < window.wizard.mapTo(window.centralWidget(), window.wizard.rect().topLeft()).y() + 1
    )
    assert banner.width() == window.centralWidget().width()
    # Amber, and painted: not just a coloured label.
    image = banner.grab().toImage()
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert (middle.red(), middle.green(), middle.blue()) == (0xFF, 0xC1, 0x07) or middle.red() > 200
    # The Session menu (practice sessions) is added once the window has painted.
    qtbot.waitUntil(lambda: len(window.menuBar().actions()) == 4)
    names = [action.text() for action in window.menuBar().actions()]
    assert names == ["&File", "&Training", "S&ession", "&Help"]
    assert all(a.isEnabled() for a in (mode.users_action, mode.phone_action, mode.reset_action))
    assert not window.change_connection_action.isEnabled()
    # Nor can a saved connection be chosen on the first page.
    assert not window.wizard.credentials_page.profile_picker.isVisible()
    assert not window.saved_connections.choose("anything")


def _audit_records(path) -> list[dict]:
    import json

    try:
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return []


def test_training_records_stay_out_of_the_real_audit_trail_even_after_the_connection_page(training, qtbot):
    """Issue 15: Back on the sign-in page, Connect, enroll: the status bar
    lost "Training" and the operator's real audit.jsonl got ``"connection": ""``."""
    from cogtotp_gui.enrollment.audit import default_audit_dir

    real = default_audit_dir() / "audit.jsonl"
    real_before = _audit_records(real)
    wizard = training.wizard
    wizard.show_connection_page()
    assert wizard.currentId() == PageId.CONNECTION
    with qtbot.waitSignal(training.controller.connection_ready, timeout=10_000):
        wizard.next()  # Connect, with the training pool's values as shown
    qtbot.waitUntil(lambda: training.controller.settings.name == "Training" and training.controller.is_ready)
    assert training.window.connection_label.full_text.startswith("Training")
    page = wizard.credentials_page
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.CREDENTIALS)
    qtbot.keyClicks(page.username, "bob.sms")
    qtbot.keyClicks(page.password, training.seed.user("bob.sms").password)
    with qtbot.waitSignal(training.controller.step_changed, timeout=10_000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert training.window.connection_label.full_text.startswith("Training")
    training.controller.reset()  # the attempt ends (abandoned): its record is written
    records = _audit_records(training.mode.audit_path)
    assert records and {r["connection"] for r in records} == {"Training"}
    assert {r["username"] for r in records} == {"bob.sms"}
    assert training.mode.audit_path.parent != real.parent
    assert _audit_records(real) == real_before  # nothing of the training in the real trail


def test_the_training_audit_folder_is_gone_when_training_ends(training, qtbot):
    page = training.wizard.credentials_page
    qtbot.keyClicks(page.username, "bob.sms")
    qtbot.keyClicks(page.password, training.seed.user("bob.sms").password)
    with qtbot.waitSignal(training.controller.step_changed, timeout=10_000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    folder = training.mode.audit_path.parent
    assert training.controller.enrollment_in_progress
    assert training.mode.shutdown()
    training.window.shutdown()  # what closing the window does as well
    # The half-done attempt's last record did not bring the folder back.
    assert not folder.exists()


def test_training_users_dialog_lists_everyone_with_copy_buttons(training, qtbot):
    qtbot.mouseClick(training.mode.banner.users_button, Qt.MouseButton.LeftButton)
    dialog = training.session.users_dialog
    assert dialog is not None and dialog.isVisible()
    usernames = dialog.usernames()
    assert usernames == [u.username for u in training.seed.users.values()]
    row = usernames.index("carol.newpass")
    copy_username, copy_password = dialog.copy_buttons(row)
    assert copy_password.accessibleName() == "Copy password of carol.newpass"
    with qtbot.waitSignal(dialog.copied):
        copy_password.click()
    assert QGuiApplication.clipboard().text() == training.seed.user("carol.newpass").password
    # Feedback where the operator looks: on the button and under the table (issue 15).
    assert copy_password.text() == "Copied ✓" and copy_username.text() == "Copy"
    assert dialog.feedback.isVisible() and "password of carol.newpass" in dialog.feedback.text()
    copy_username.click()
    assert QGuiApplication.clipboard().text() == "carol.newpass"
    assert copy_username.text() == "Copied ✓" and copy_password.text() == "Copy"
    assert "username of carol.newpass" in dialog.feedback.text()
    assert "Renewed-5678!" in dialog.table.item(row, dialog.COLUMN_EXPECT).text()
    dialog.close()


def test_the_user_without_signal_says_what_to_tell_them(training):
    training.session.show_training_users()
    dialog = training.session.users_dialog
    row = dialog.usernames().index(
        next(u.username for u in training.seed.users.values() if u.kind == "no_sms_delivery")
    )
    expect = dialog.table.item(row, dialog.COLUMN_EXPECT).text()
    assert "Tell the user" in expect and "Next user" in expect and "Send a new code" in expect
    dialog.close()


def _rows_fit(dialog) -> bool:
    """Every row is whole inside the table's viewport, its text unelided."""
    table = dialog.table
    bottom = max(table.rowViewportPosition(r) + table.rowHeight(r) for r in range(table.rowCount()))
    if bottom > table.viewport().height():
        return False
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        item = table.item(row, dialog.COLUMN_EXPECT)
        width = table.columnWidth(dialog.COLUMN_EXPECT) - 8
        needed = metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), item.text()).height()
        if table.rowHeight(row) < needed:
            return False
    return True


def test_switching_language_at_run_time_retranslates_all_of_training_mode(training, qtbot):
    """Issue 15: after Settings -> 日本語 the banner, Training menu, window
    title, the phone's labels and the training users dialog stayed English,
    and the dialog cut a row off; the status bar said "Training —"."""
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui import i18n

    window, mode, phone = training.window, training.mode, training.phone
    training.session.show_training_users()
    dialog = training.session.users_dialog
    qtbot.waitUntil(lambda: _rows_fit(dialog), timeout=5_000)
    temp_row = [u.kind for u in training.seed.users.values()].index("temp_password")
    english = {
        "title": window.windowTitle(),
        "banner": mode.banner.title.text(),
        "phone button": mode.banner.phone_button.text(),
        "menu": mode.menu.title(),
        "users action": mode.users_action.text(),
        "phone": phone.windowTitle(),
        "phone of": phone._whose_label.text(),
        "messages": phone._messages_title.text(),
        "authenticator": phone._accounts_title.text(),
        "dialog": dialog.windowTitle(),
        "header": dialog.table.horizontalHeaderItem(dialog.COLUMN_EXPECT).text(),
        "intro": dialog._intro.text(),
        "situation": dialog.table.item(temp_row, dialog.COLUMN_KIND).text(),
        "status": window.connection_label.full_text,
    }
    app = QApplication.instance()
    i18n.install_translations(app, "ja")
    try:
        qtbot.waitUntil(lambda: mode.banner.title.text() != english["banner"], timeout=5_000)
        qtbot.waitUntil(lambda: dialog.windowTitle() != english["dialog"], timeout=5_000)
        japanese = {
            "title": window.windowTitle(),
            "banner": mode.banner.title.text(),
            "phone button": mode.banner.phone_button.text(),
            "menu": mode.menu.title(),
            "users action": mode.users_action.text(),
            "phone": phone.windowTitle(),
            "phone of": phone._whose_label.text(),
            "messages": phone._messages_title.text(),
            "authenticator": phone._accounts_title.text(),
            "dialog": dialog.windowTitle(),
            "header": dialog.table.horizontalHeaderItem(dialog.COLUMN_EXPECT).text(),
            "intro": dialog._intro.text(),
            "situation": dialog.table.item(temp_row, dialog.COLUMN_KIND).text(),
            "status": window.connection_label.full_text,
        }
        still_english = sorted(key for key in english if japanese[key] == english[key])
        assert still_english == [], still_english
        assert not japanese["status"].startswith("Training")
        assert japanese["title"] == "トレーニング — cogtotp-gui"
        qtbot.waitUntil(lambda: _rows_fit(dialog), timeout=5_000)  # no row cut off or out of view
    finally:
        i18n.install_translations(app, "en")
        qtbot.waitUntil(lambda: mode.banner.title.text() == english["banner"], timeout=5_000)
    assert window.connection_label.full_text == english["status"]
    dialog.close()


def test_the_phone_gives_its_height_to_the_list_that_has_entries(training, qtbot):
    """Issue 15: the authenticator list scrolled and cut its third entry
    while the empty Messages area above took half the phone."""
    phone = training.phone
    qtbot.waitUntil(phone.isVisible)  # shown beside the wizard at start
    phone.add_account("Training Helpdesk", "extra.user", "JBSWY3DPEHPK3PXP", training.seed.pool_id)
    assert phone.sms_cards() == [] and len(phone.accounts()) == 3
    qtbot.waitUntil(lambda: phone._accounts.height() > phone._messages.height())
    viewport = phone._accounts.viewport().rect()
    for entry in phone.accounts():
        top_left = entry.mapTo(phone._accounts.viewport(), entry.rect().topLeft())
        bottom_right = entry.mapTo(phone._accounts.viewport(), entry.rect().bottomRight())
        assert viewport.contains(top_left) and viewport.contains(bottom_right), entry.username


# -- reset --------------------------------------------------------------------------------------


def _enroll_with_flow(training, username: str) -> None:
    """Enroll a user through a flow of its own, reading codes off the emulator."""
    flow = _flow(training.session.settings)
    user = training.seed.user(username)
    assert flow.sign_in(user.username, user.password) is Step.SMS_CODE
    assert flow.submit_sms_code(training.emu.last_sms_code(username, training.seed.pool_id)) is Step.SECRET
    from cogtotp_gui.emulator import totp_code

    assert flow.verify(totp_code(flow.secret.secret, training.emu.now())) is Step.DONE


def test_reset_restores_the_seed(training, qtbot):
    _enroll_with_flow(training, "alice.sms")
    user = training.seed.user("alice.sms")
    assert _flow(training.session.settings).sign_in(user.username, user.password) is Step.EXISTING_TOTP
    old_pool = training.seed.pool_id
    training.phone.offer_secret("alice.sms", old_pool, TRAINING_ISSUER)

    with qtbot.waitSignal(training.session.training_reset, timeout=15_000):
        qtbot.mouseClick(training.mode.banner.reset_button, Qt.MouseButton.LeftButton)
        assert not training.mode.wizard_shown  # nobody can press Next meanwhile

    settings = training.session.settings
    assert training.controller.settings == settings
    assert training.seed.pool_id != old_pool
    assert training.seed.user("alice.sms").password == user.password
    # alice has SMS MFA again.
    assert _flow(settings).sign_in(user.username, user.password) is Step.SMS_CODE
    # The wizard is back at the start, empty; the phone holds only the seed's authenticators.
    assert training.mode.wizard_shown
    assert training.wizard.currentId() == PageId.CREDENTIALS
    assert training.wizard.credentials_page.username.text() == ""
    assert training.wizard.credentials_page.banner.text == "Training data reset: every user is back to the start."
    assert [e.username for e in training.phone.accounts()] == ["dave.totp", "grace.both"]
    assert training.phone.offered_username is None
    assert not training.phone.add_button.isEnabled()


def test_reset_wipes_an_enrollment_in_progress(training, qtbot):
    page = training.wizard.credentials_page
    qtbot.keyClicks(page.username, "bob.sms")
    qtbot.keyClicks(page.password, training.seed.user("bob.sms").password)
    with qtbot.waitSignal(training.controller.step_changed, timeout=10_000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert training.wizard.currentId() == PageId.SMS_CODE
    training.mode.reset_action.trigger()
    # Half done: it asks first, as Escape and quitting do (issue 15).
    box = training.mode._reset_box
    assert box is not None and box.isVisible() and not training.session.busy
    with qtbot.waitSignal(training.session.training_reset, timeout=15_000):
        box.findChild(QPushButton, "confirmTrainingResetButton").click()
    assert training.wizard.currentId() == PageId.CREDENTIALS
    assert page.username.text() == "" and page.password.text() == ""
    assert training.phone.sms_cards() == []
    assert not training.controller.enrollment_in_progress


def test_reset_asks_first_and_keep_going_keeps_the_enrollment(training, qtbot):
    page = training.wizard.credentials_page
    qtbot.keyClicks(page.username, "bob.sms")
    qtbot.keyClicks(page.password, training.seed.user("bob.sms").password)
    with qtbot.waitSignal(training.controller.step_changed, timeout=10_000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    training.mode.banner.reset_button.click()
    box = training.mode._reset_box
    assert box is not None and box.isVisible()
    assert box.defaultButton() is box.escapeButton()  # Enter and Escape both keep going
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: training.mode._reset_box is None, timeout=5_000)
    assert not training.session.busy and training.controller.enrollment_in_progress
    assert training.wizard.currentId() == PageId.SMS_CODE


def test_reset_with_nothing_in_progress_asks_nothing(training, qtbot):
    with qtbot.waitSignal(training.session.training_reset, timeout=15_000):
        training.mode.reset_action.trigger()
    assert training.mode._reset_box is None


# -- real mode never loads the emulator -------------------------------------------------------------


def test_real_mode_never_imports_the_emulator():
    code = textwrap.dedent(
        """
        import sys
        from cogtotp_gui.app import connection_from_args, create_application, create_main_window, parse_args
        args = parse_args(["--user-pool-id", "eu-west-1_AbCdEf123", "--client-id", "abc123"])
        settings, values = connection_from_args(args, environ={})
        app = create_application()
        window = create_main_window(settings, prefill=values)
        window.show()
        app.processEvents()
        loaded = sorted(m for m in sys.modules if m.startswith(("cogtotp_gui.emulator", "cogtotp_gui.training", "moto")))
        print(loaded)
        window.shutdown()
        sys.exit(1 if loaded else 0)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_starts_after_first_paint_and_places_the_phone_beside_the_wizard(tmp_path):
    """The real ``--demo`` startup, in a process of its own (it runs its own emulator)."""
    screen = tmp_path / "screen.json"
    screen.write_text(
        '{"synthesizedWindowPositions": false, "screens": [{"name": "wide", "x": 0, "y": 0,'
        ' "width": 1600, "height": 1000, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
    )
    code = textwrap.dedent(
        """
        import sys, threading, time
        from PySide6.QtCore import QTimer
        from cogtotp_gui.app import create_application, parse_args
        from cogtotp_gui.training import start_training, training_mode_of
        app = create_application()
        window = start_training(app, parse_args(["--demo"]))
        mode = training_mode_of(window)
        events = []
        window.first_painted.connect(lambda: events.append(("painted", mode.session.is_ready)))
        def started(settings):
            phone = mode.session.phone
            events.append(("started", settings.is_local_endpoint, settings.issuer))
            events.append(("apart", window.frameGeometry().intersects(phone.frameGeometry())))
            events.append(("right", phone.x() > window.frameGeometry().right(), phone.y() == window.frameGeometry().top()))
            QTimer.singleShot(0, app.quit)
        mode.session.started.connect(started)
        mode.session.start_failed.connect(lambda message: (events.append(("failed", message)), app.quit()))
        QTimer.singleShot(30000, app.quit)
        window.show()
        app.exec()
        window.shutdown()
        leftover = [t.name for t in threading.enumerate() if t.name.startswith("cogtotp-emulator")]
        print(events, leftover)
        ok = events == [("painted", False), ("started", True, "Training Helpdesk"), ("apart", False), ("right", True, True)]
        sys.exit(0 if ok and not leftover else 1)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("argv", "expected"), [([], "ja"), (["--lang", "en"], "en")])
def test_demo_follows_the_language_chosen_in_settings_unless_lang_is_given(tmp_path, argv, expected):
    """Issue 15: Settings -> Language -> 日本語, quit, ``make demo``: English.
    ``main(["--demo"])`` in a process of its own, with an empty home whose
    settings say Japanese."""
    config = tmp_path / "config" / "cogtotp-gui"
    config.mkdir(parents=True)
    (config / "cogtotp-gui.conf").write_text("[preferences]\nlanguage=ja\n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from cogtotp_gui import app as app_module
        from cogtotp_gui.training import training_mode_of
        from cogtotp_gui.ui.shell.main_window import MainWindow
        seen = []
        def check():
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
            mode = training_mode_of(windows[0]) if windows else None
            if mode is None or not mode.is_ready:
                QTimer.singleShot(50, check)
                return
            seen.append((windows[0].windowTitle(), windows[0].connection_label.full_text))
            windows[0].close()
        QTimer.singleShot(0, check)
        QTimer.singleShot(30000, lambda: QApplication.instance().quit())
        app_module.main(["--demo", *{argv!r}])
        print(seen)
        sys.exit(0 if seen else 1)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env["HOME"] = str(tmp_path)
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "LANG", "LC_ALL", "LANGUAGE"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    title, status = eval(result.stdout.strip().splitlines()[-1])[0]
    if expected == "ja":
        assert title == "トレーニング — cogtotp-gui" and status.startswith("トレーニング")
    else:
        assert title == "TRAINING — cogtotp-gui" and status.startswith("Training")


def test_a_closed_training_window_is_freed_at_once_not_by_the_cycle_collector(qtbot, training_environment):
    """As for the normal window (shell/test_window_freed.py): nothing training mode adds
    to the window refers back to it, so closing it never leaves a reference
    cycle for Python's collector to destroy in the middle of Qt's work."""
    import gc
    import weakref

    from cogtotp_gui.app import create_main_window
    from cogtotp_gui.training.mode import install_training

    gc.collect()
    gc.disable()
    try:
        window = create_main_window(None, gateway_factory=training_gateway_factory)
        mode = install_training(window, environment=training_environment)
        with qtbot.waitSignal(mode.session.started, timeout=15_000):
            window.show()
        # The helpers training mode opens: the users list and the phone.
        qtbot.mouseClick(mode.banner.users_button, Qt.MouseButton.LeftButton)
        assert mode.session.users_dialog is not None and mode.session.phone is not None
        mode.session.users_dialog.close()
        assert mode.shutdown()
        assert window.shutdown()
        window.close()
        flush_deferred_deletes()  # deleteLater of what closed
        freed = weakref.ref(window)
        del window, mode
        assert freed() is None
    finally:
        gc.enable()


def _dead_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed on return: nobody listens there


def test_training_never_goes_through_an_http_proxy(training_environment, monkeypatch):
    """Behind a corporate proxy (HTTP(S)_PROXY set, loopback not in
    NO_PROXY), training passwords, codes and secrets must not go to the
    proxy, and training must start: here the proxy is a dead port, so any
    request sent to it fails (issue 16, finding 4)."""
    proxy = f"http://127.0.0.1:{_dead_port()}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    credentials = CredentialsIsolation()
    credentials.apply()
    try:
        settings = training_environment.start()  # seeds over HTTP with the admin client
        user = training_environment.seed.users["sms"]
        gateway = training_gateway_factory(settings, None)
        assert EnrollmentFlow(gateway).sign_in(user.username, user.password) is Step.SMS_CODE
        assert gateway.caller_identity()["account"]  # STS on the emulator too
    finally:
        credentials.restore()


def test_email_code_arrives_in_the_training_phones_mailbox(training, qtbot):
    wizard = training.wizard
    page = wizard.credentials_page
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.CREDENTIALS and training.controller.is_ready)
    user = training.seed.users["email_otp"]
    qtbot.keyClicks(page.username, user.username)
    qtbot.keyClicks(page.password, user.password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: training.phone.latest_code(user.username) is not None, timeout=10_000)
    card = training.phone.sms_cards()[0]
    assert card.is_email and card.username == user.username
    assert card.code == training.session.environment.emu.last_email_code(user.username, training.seed.pool_id)
    assert "Email to" in card.accessibleName()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SMS_CODE, timeout=10_000)
    assert wizard.sms_code_page.title() == "Type the code from the email"
