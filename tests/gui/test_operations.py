"""Helpdesk operations (issue #6): language switching at run time, saved
connections on the first page, the settings dialog from the menu, whose AWS
credentials admin mode uses, and nothing left behind (idle wipe, clipboard,
concealing the QR code)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from gui_driver import TIMEOUT_MS, WizardDriver, fast_gateway, show_active
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
)

from cogtotp_gui import i18n
from cogtotp_gui.app import create_main_window
from cogtotp_gui.connections import profiles
from cogtotp_gui.connections.profiles import Preferences, Profile, ProfileStore
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.ui.common import theme, widgets
from cogtotp_gui.ui.common.widgets import BannerKind
from cogtotp_gui.ui.privacy import clipboard
from cogtotp_gui.ui.shell import startup_preferences
from cogtotp_gui.ui.shell.startup_preferences import read_startup_preferences
from cogtotp_gui.ui.wizard.pages import PageId
from tests.support.memory_keyring import MemoryKeyring, installed

# -- language ---------------------------------------------------------------------


def visible_texts(wizard) -> tuple[str, ...]:
    page = wizard.credentials_page
    return (
        page.username_label.text(),
        wizard.button(QWizard.WizardButton.NextButton).text(),
        wizard.button(QWizard.WizardButton.CancelButton).text(),  # QWizard's own (Qt's catalogue)
        page.title(),
    )


def test_switching_the_language_relabels_the_visible_page(wizard_app, qtbot):
    wizard = wizard_app.wizard
    english = visible_texts(wizard)
    app = QApplication.instance()
    i18n.install_translations(app, "ja")
    try:
        # Qt posts LanguageChange to every window; it arrives with the next events.
        qtbot.waitUntil(lambda: all(j != e for j, e in zip(visible_texts(wizard), english, strict=False)), timeout=5000)
        assert "(&U)" in wizard.credentials_page.username_label.text()  # the mnemonic survives translation
    finally:
        i18n.install_translations(app, "en")
    qtbot.waitUntil(lambda: visible_texts(wizard) == english, timeout=5000)


def test_a_shown_error_is_rendered_again_in_the_new_language(wizard_app, qtbot):
    driver = wizard_app
    driver.sign_in("sms", password="Wrong-password-1")
    english = driver.wait_banner()
    app = QApplication.instance()
    i18n.install_translations(app, "ja")
    try:
        qtbot.waitUntil(lambda: bool(driver.page().banner.text) and driver.page().banner.text != english, timeout=5000)
        assert driver.page_id == PageId.CREDENTIALS
    finally:
        i18n.install_translations(app, "en")
    qtbot.waitUntil(lambda: driver.page().banner.text == english, timeout=5000)


# -- shared ------------------------------------------------------------------------


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(profiles.ENV_CLIENT_SECRET, raising=False)
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def store(tmp_path, memory_keyring, emulator) -> ProfileStore:
    """Two saved connections to the emulator's pool, secrets in the keyring."""
    seed = emulator.seed
    store = ProfileStore(
        QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat), it_ini=tmp_path / "none.ini"
    )
    for name, issuer in (("Alpha", "Alpha Helpdesk"), ("Beta", "Beta Helpdesk")):
        profile = Profile.create(
            name=name,
            user_pool_id=seed.pool_id,
            client_id=seed.client_id,
            region=seed.region,
            issuer=issuer,
            endpoint_url=emulator.endpoint_url,
        )
        store.save(profile, client_secret=seed.client_secret)
    return store


def open_window(qtbot, emulator, store: ProfileStore, profile: str | None = "Alpha", **kwargs: Any) -> WizardDriver:
    """A shown, painted main window using the saved profile ``profile``."""
    settings = store.load_profile(profile) if profile else None
    window = create_main_window(settings, gateway_factory=fast_gateway, profile_store=store, **kwargs)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: window.saved_connections.ready, timeout=TIMEOUT_MS)
    driver = WizardDriver(qtbot, emulator, window, settings)  # type: ignore[arg-type]  # settings may be None: the driver only types here
    if settings is not None:
        driver.wait_ready()
    return driver


@pytest.fixture
def windows(qtbot, emulator, store) -> Iterator[Callable[..., WizardDriver]]:
    opened: list[WizardDriver] = []

    def make(profile: str | None = "Alpha", **kwargs: Any) -> WizardDriver:
        driver = open_window(qtbot, emulator, store, profile, **kwargs)
        opened.append(driver)
        return driver

    yield make
    for driver in opened:
        driver.close()


def go_to_secret_page(driver: WizardDriver) -> Any:
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    return user


# -- saved connections ----------------------------------------------------------------


def test_profile_chosen_on_the_first_page_reconnects_and_is_remembered(windows, store):
    driver = windows("Alpha")
    picker = driver.wizard.credentials_page.profile_picker
    assert picker.isVisible() and picker.combo.isEnabled()
    assert [picker.combo.itemText(i) for i in range(picker.combo.count())] == ["Alpha", "Beta"]
    assert picker.combo.currentText() == "Alpha"
    with driver.qtbot.waitSignal(driver.controller.connection_changed, timeout=TIMEOUT_MS):
        picker.combo.setCurrentIndex(1)
        picker.combo.activated.emit(1)
    assert driver.controller.settings.name == "Beta" and driver.controller.settings.issuer == "Beta Helpdesk"
    assert driver.controller.settings.client_secret == driver.emulator.seed.client_secret
    assert store.preferences().last_profile == "Beta"
    assert "Beta" in driver.window.connection_label.full_text
    driver.wait_ready()
    # The new connection works: a user signs in through it.
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)


def test_switching_during_an_enrollment_asks_first(windows, store):
    driver = windows("Alpha")
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    saved = driver.window.saved_connections
    assert saved.choose("Beta")
    box = driver.message_box("switchConnectionConfirmBox")
    box.findChild(QPushButton, "keepEnrollingButton").click()
    driver.qtbot.waitUntil(lambda: saved._confirm_box is None)
    assert driver.controller.settings.name == "Alpha" and driver.page_id == PageId.SMS_CODE
    assert driver.wizard.credentials_page.profile_picker.combo.currentText() == "Alpha"

    assert saved.choose("Beta")
    box = driver.message_box("switchConnectionConfirmBox")
    assert user.username in box.text()
    box.findChild(QPushButton, "confirmSwitchButton").click()
    driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Beta", timeout=TIMEOUT_MS)
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == ""
    assert not driver.controller.enrollment_in_progress


def test_without_a_keyring_the_secret_is_asked_once_and_kept_in_memory(windows, store, memory_keyring, emulator):
    store._keyring_available = False  # as on a computer without a keyring backend
    memory_keyring.passwords.clear()
    driver = windows("Alpha")
    saved = driver.window.saved_connections
    driver.qtbot.waitUntil(
        lambda: saved._secret_prompt is not None and saved._secret_prompt.isVisible(), timeout=TIMEOUT_MS
    )
    prompt = saved._secret_prompt
    edit = prompt.findChild(QLineEdit, "clientSecretPromptEdit")
    assert edit.echoMode() == QLineEdit.EchoMode.Password and edit.accessibleName()
    assert prompt.width() < 800  # the sentence wraps instead of widening the dialog
    prompt.setTextValue(emulator.seed.client_secret)
    prompt.accept()
    driver.qtbot.waitUntil(
        lambda: driver.controller.settings.client_secret == emulator.seed.client_secret, timeout=TIMEOUT_MS
    )
    assert not memory_keyring.passwords  # never written to a keyring
    assert store._memory_secrets == {"Alpha": emulator.seed.client_secret}
    driver.wait_ready()
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    # Once per run: back and forth, no second prompt for Alpha.
    driver.wizard.start_next_user()
    assert saved.choose("Beta")
    driver.qtbot.waitUntil(lambda: saved._secret_prompt is not None, timeout=TIMEOUT_MS)
    saved._secret_prompt.reject()  # Beta: declined, the connection stays
    driver.qtbot.waitUntil(lambda: saved._secret_prompt is None)
    assert driver.controller.settings.name == "Alpha"
    assert saved.choose("Beta") is True
    driver.qtbot.waitUntil(lambda: saved._secret_prompt is not None, timeout=TIMEOUT_MS)
    saved._secret_prompt.setTextValue("")
    saved._secret_prompt.accept()  # "no secret": asked once, not again
    driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Beta", timeout=TIMEOUT_MS)
    assert saved.choose("Alpha")
    driver.qtbot.waitUntil(lambda: driver.controller.settings.name == "Alpha", timeout=TIMEOUT_MS)
    assert saved._secret_prompt is None
    assert driver.controller.settings.client_secret == emulator.seed.client_secret


def test_settings_dialog_opens_from_the_menu_and_saving_the_profile_in_use_reconnects(windows, store):
    driver = windows("Alpha")
    window = driver.window
    assert window.settings_action in window.file_menu.actions()
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    dialog = window.saved_connections.dialog
    assert dialog is not None and dialog.objectName() == "settingsDialog"
    driver.qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT_MS)
    assert dialog.profile_list.currentItem().text() == "Alpha"  # the profile in use
    # Edit the profile in use: the window reconnects with the new values.
    dialog.issuer_edit.setText("Alpha Service Desk")
    dialog._on_edited("issuer")
    with driver.qtbot.waitSignal(driver.controller.connection_changed, timeout=TIMEOUT_MS):
        dialog.save_button.click()
    assert driver.controller.settings.issuer == "Alpha Service Desk"
    dialog.reject()
    driver.qtbot.waitUntil(lambda: window.saved_connections.dialog is None)


def test_shortcut_opens_the_settings(windows):
    driver = windows("Alpha")
    driver.wizard.credentials_page.username.setFocus()
    QTest.keyClick(driver.wizard.credentials_page.username, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    driver.qtbot.waitUntil(lambda: driver.window.saved_connections.dialog is not None, timeout=TIMEOUT_MS)
    driver.window.saved_connections.dialog.reject()


def test_preferences_take_effect_at_once(windows, store):
    driver = windows("Alpha")
    driver.window.apply_preferences(Preferences(idle_timeout_s=45, clipboard_clear_s=12))
    assert driver.window.operations.idle.timeout_s == 45
    assert clipboard.guard().clear_after_s == 12


# -- nothing left behind ------------------------------------------------------------------


@pytest.fixture
def board(qapp):
    cb = QGuiApplication.clipboard()
    cb.clear()
    yield cb
    clipboard.clear_now_if_ours()
    cb.clear()


def test_idle_timeout_warns_then_wipes_the_user(wizard_app, board):
    driver = wizard_app
    operations = driver.window.operations
    operations.idle.set_timeout(1.2, warning_s=0.9)
    user = go_to_secret_page(driver)
    assert operations.idle.armed
    page = driver.wizard.secret_page
    page.copy_button.click()
    assert board.text()  # the key is on the clipboard
    driver.qtbot.waitUntil(
        lambda: operations.idle_banner is not None and operations.idle_banner.isVisible(), timeout=TIMEOUT_MS
    )
    warning = operations.idle_banner.text
    assert "seconds" in warning and operations.idle_banner.kind is BannerKind.WARNING
    assert operations.idle_banner.geometry().top() >= driver.window.centralWidget().geometry().top()
    driver.wait_page(PageId.CREDENTIALS)
    # Everything of this user is gone: fields, flow, QR, clipboard.
    assert driver.wizard.credentials_page.username.text() == "" and driver.wizard.credentials_page.password.text() == ""
    assert driver.controller.flow is not None and driver.controller.flow.username is None
    assert page.qr.module_count == 0 and page.secret.text() == ""
    assert board.text() == ""
    assert operations.idle_banner.isHidden() and not operations.idle.armed
    assert operations.wiped_for_idle == 1
    assert "wiped" in driver.wait_banner()
    assert driver.emu.pending_totp_secret(user.username)  # nothing was enrolled


def test_input_during_the_warning_keeps_the_user(wizard_app):
    driver = wizard_app
    operations = driver.window.operations
    operations.idle.set_timeout(1.5, warning_s=1.4)
    go_to_secret_page(driver)
    driver.qtbot.waitUntil(lambda: operations.idle.warning_shown, timeout=TIMEOUT_MS)
    QTest.mouseMove(driver.wizard.secret_page.qr)
    QTest.keyClick(driver.focus(), Qt.Key.Key_Shift)
    driver.qtbot.waitUntil(lambda: not operations.idle.warning_shown, timeout=TIMEOUT_MS)
    assert operations.idle_banner.isHidden()
    assert driver.page_id == PageId.SECRET
    operations.idle.set_timeout(120)


def test_idle_timeout_is_not_armed_where_nothing_secret_is_shown(wizard_app):
    driver = wizard_app
    operations = driver.window.operations
    assert not operations.idle.armed  # credentials page
    driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    assert not operations.idle.armed


def test_copied_key_is_cleared_after_the_delay_and_on_next_user(wizard_app, board):
    driver = wizard_app
    go_to_secret_page(driver)
    page = driver.wizard.secret_page
    secret = driver.pending_secret(driver.user("sms").username)
    clipboard.guard().clear_after_s = 0.3
    try:
        page.copy_button.click()
        assert board.text().replace(" ", "") == secret
        driver.qtbot.waitUntil(lambda: board.text() == "", timeout=TIMEOUT_MS)
        driver.qtbot.waitUntil(lambda: "removed" in page.banner.text, timeout=TIMEOUT_MS)
        # Something the operator copied afterwards is left alone.
        clipboard.guard().clear_after_s = 60
        page.copy_button.click()
        assert board.text().replace(" ", "") == secret
        # "Next user" (here: abandoning) takes it off at once.
        driver.key(Qt.Key.Key_Escape)
        box = driver.message_box("abandonConfirmBox")
        box.findChild(QPushButton, "confirmAbandonButton").click()
        driver.wait_page(PageId.CREDENTIALS)
        assert board.text() == ""
    finally:
        clipboard.guard().clear_after_s = clipboard.DEFAULT_CLEAR_AFTER_S


def test_copied_key_is_cleared_on_quit(wizard_app, board):
    driver = wizard_app
    go_to_secret_page(driver)
    clipboard.guard().clear_after_s = 60
    driver.wizard.secret_page.copy_button.click()
    assert board.text()
    driver.window.shutdown(5000)
    assert board.text() == ""


def test_qr_code_and_key_are_hidden_while_minimised(wizard_app):
    driver = wizard_app
    go_to_secret_page(driver)
    window, page = driver.window, driver.wizard.secret_page
    assert page.qr.module_count and page.secret.text()
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    if not window.isMinimized():  # pragma: no cover - a platform that refuses
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowStateChange))
    driver.qtbot.waitUntil(lambda: page.concealed, timeout=TIMEOUT_MS)
    assert page.qr.module_count == 0 and page.secret.text() == "" and page.account.text() == ""
    assert page.concealed_label.isVisibleTo(page) and not page.copy_button.isEnabled()
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    driver.qtbot.waitUntil(lambda: not page.concealed, timeout=TIMEOUT_MS)
    assert page.qr.module_count and page.secret.text()
    assert not page.concealed_label.isVisibleTo(page) and page.copy_button.isEnabled()


@pytest.mark.parametrize(
    ("state", "hidden"),
    [
        (Qt.ApplicationState.ApplicationSuspended, True),
        (Qt.ApplicationState.ApplicationHidden, True),
        (Qt.ApplicationState.ApplicationInactive, False),  # another window has the focus: not locked
    ],
)
def test_qr_code_follows_the_application_state(wizard_app, state, hidden):
    driver = wizard_app
    go_to_secret_page(driver)
    page = driver.wizard.secret_page
    watcher = driver.window.operations.conceal
    watcher._on_application_state_changed(state)  # what the platform reports for a locked screen
    assert page.concealed is hidden and bool(page.qr.module_count) is not hidden
    watcher._on_application_state_changed(Qt.ApplicationState.ApplicationActive)
    assert not page.concealed and page.qr.module_count


# -- admin mode: whose AWS credentials ----------------------------------------------------------


def test_admin_mode_shows_the_caller_identity_in_the_status_bar(wizard_app):
    driver = wizard_app.factory(mode="admin")
    label = driver.window.identity_label
    driver.qtbot.waitUntil(lambda: driver.window.operations.identity is not None, timeout=TIMEOUT_MS)
    assert label.isVisible() and label.full_text.startswith("AWS: ") and "arn:aws:" in label.toolTip()
    assert driver.window.operations.identity["account"] in label.toolTip()


class _BrokenSts:
    """An HTTP server on loopback answering every request the way moto's
    server did in the bundle that lacked ``moto.sts.urls``: HTTP 500 with
    an HTML page, which botocore cannot parse (ResponseParserError)."""

    def __init__(self) -> None:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = b"<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"
                self.send_response(500)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.endpoint_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def test_an_sts_failure_is_status_bar_information_not_a_bug_banner(qtbot, emulator):
    """Issue 15: the bundle's emulator could not answer STS, and the first
    page said "Something unexpected went wrong". Whose credentials is the
    status bar's business; the enrollment still works."""
    import boto3

    from cogtotp_gui.enrollment.gateway import CognitoGateway

    broken = _BrokenSts()

    def sts_client() -> Any:
        return boto3.session.Session(
            aws_access_key_id="test", aws_secret_access_key="test", region_name="eu-west-1"
        ).client("sts", endpoint_url=broken.endpoint_url)

    def gateway(settings: ConnectionSettings, aws_profile: str | None) -> CognitoGateway:
        return CognitoGateway(settings, aws_profile, max_attempts=1, read_timeout=3, sts_client_factory=sts_client)

    from gui_driver import make_driver

    driver = make_driver(qtbot, emulator, mode="admin", gateway_factory=gateway)
    try:
        label = driver.window.identity_label
        driver.qtbot.waitUntil(lambda: driver.window.operations._identity_error is not None, timeout=TIMEOUT_MS)
        assert label.isVisible()
        assert driver.page().banner.text == ""  # no "Something unexpected went wrong…"
        assert driver.window.controller.is_ready
        driver.sign_in("sms")  # the enrollment itself goes on
        assert driver.page().banner.text == ""
    finally:
        driver.close()
        broken.close()


def test_user_mode_shows_no_identity(wizard_app):
    assert not wizard_app.window.identity_label.isVisible()
    assert wizard_app.window.operations.identity is None


def test_expired_sso_session_says_which_command_renews_it(wizard_app, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(
        "[profile helpdesk-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"
        "sso_account_id = 123456789012\nsso_role_name = Helpdesk\nregion = eu-west-1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("HOME", str(tmp_path))  # no cached SSO token
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    seed = wizard_app.emulator.seed
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode="admin",
        endpoint_url=wizard_app.emulator.endpoint_url,
    )
    window = create_main_window(settings, aws_profile="helpdesk-sso", gateway_factory=fast_gateway)
    show_active(wizard_app.qtbot, window)
    driver = WizardDriver(wizard_app.qtbot, wizard_app.emulator, window, settings)
    try:
        label = window.identity_label
        driver.qtbot.waitUntil(lambda: "not usable" in label.full_text, timeout=TIMEOUT_MS)
        assert "aws sso login --profile helpdesk-sso" in label.toolTip()
        # The page says it too, with the way to the connection settings; no traceback anywhere.
        if not driver.page().banner.text:
            driver.sign_in("sms")
        text = driver.wait_banner()
        assert "aws sso login --profile helpdesk-sso" in text and "Traceback" not in text
    finally:
        driver.close()


# -- accessibility -------------------------------------------------------------------------------


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _inside_composite(widget: QWidget, root: QWidget) -> bool:
    """Part of a combo box (its line edit, its popup list) or a spin box."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control of ``root`` that takes focus but has no accessible name.

    Parts of a composite control (a spin box's or an editable combo's line
    edit) are named through the composite; labels are read by their text.
    """
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(widget, QLabel):
            continue
        if _inside_composite(widget, root) or (widget is not root and not widget.isVisibleTo(root)):
            continue  # named through its composite, or cannot take focus now
        explicit = widget.accessibleName().strip()
        if isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)) and not explicit:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} (inputs need an explicit name)")
        elif not accessible_name(widget):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_focusable_control_has_an_accessible_name(wizard_app):
    driver = wizard_app
    wizard = driver.wizard
    missing = []
    for page in wizard.enrollment_pages():
        missing += [f"{page.objectName()}: {m}" for m in unnamed_controls(page)]
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        if not accessible_name(wizard.button(which)):
            missing.append(f"wizard button {which}")
    # The banner's own controls, with an error that has details and an action.
    driver.sign_in("sms", password="Wrong-password-1")
    driver.wait_banner()
    missing += [f"banner: {m}" for m in unnamed_controls(driver.page().banner)]
    driver.window.open_settings()
    dialog = driver.window.saved_connections.dialog
    missing += [f"settings: {m}" for m in unnamed_controls(dialog)]
    dialog.reject()
    assert missing == [], "\n".join(missing)


def test_every_control_has_a_description_where_a_hint_explains_it(wizard_app):
    wizard = wizard_app.wizard
    for widget in (
        wizard.credentials_page.password,
        wizard.sms_code_page.code,
        wizard.confirm_page.code,
        wizard.secret_page.copy_button,
        wizard.secret_page.qr,
    ):
        assert widget.accessibleDescription(), widget.objectName()


# -- high contrast -------------------------------------------------------------------------------


def test_high_contrast_banners_use_the_palette_and_keep_icon_and_words(wizard_app, qapp):
    driver = wizard_app
    previous = qapp.palette()
    theme.apply_high_contrast(qapp)
    try:
        assert theme.high_contrast()
        driver.sign_in("sms", password="Wrong-password-1")
        driver.wait_banner()
        banner = driver.page().banner
        assert "#fdecea" not in banner.styleSheet() and "palette(" in banner.styleSheet()
        assert banner.accessibleName() == "Error"  # the kind in words, not only in colour
        assert not banner._icon.pixmap().isNull()
        assert widgets.error_text_style() == ""
        # Outlines in the text colour (Fusion would draw them black on black), arrows that exist.
        import re
        from pathlib import Path

        style = qapp.styleSheet()
        assert "border: 1px solid palette(window-text)" in style
        arrows = re.findall(r"url\(([^)]+)\)", style)
        assert arrows and all(Path(path).is_file() for path in arrows)
        assert widgets.icon("eye").availableSizes() or not widgets.icon("eye").isNull()
    finally:
        qapp.setProperty(theme.PROPERTY, False)
        qapp.setStyleSheet("")
        qapp.setPalette(previous)


def test_the_accessibility_walk_notices_an_unnamed_control(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QLineEdit(root))
    layout.addWidget(QPushButton(root))
    named = QPushButton("&Named", root)
    layout.addWidget(named)
    assert len(unnamed_controls(root)) == 2


# -- start-up: language and the last connection -------------------------------------------------


@pytest.fixture
def own_settings() -> Iterator[QSettings]:
    """The operator's own settings (a temporary folder during the tests)."""
    settings = QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, profiles.ORGANIZATION, profiles.APPLICATION
    )
    settings.clear()
    yield settings
    settings.clear()
    settings.sync()


def test_start_up_reader_agrees_with_the_profile_store(tmp_path, monkeypatch, own_settings):
    for name in (
        "ORGANIZATION",
        "APPLICATION",
        "ENV_PROFILES_INI",
        "MACOS_MANAGED_INI",
        "PREFERENCES_GROUP",
        "LANGUAGES",
    ):
        assert getattr(startup_preferences, name) == getattr(profiles, name), name
    it_ini = tmp_path / "it.ini"
    it_ini.write_text("[preferences]\nLanguage=ja\nlast_profile=Corporate\n", encoding="utf-8")
    monkeypatch.setenv(profiles.ENV_PROFILES_INI, str(it_ini))
    store = ProfileStore()
    assert (store.preferences().language, store.preferences().last_profile) == ("ja", "Corporate")
    assert read_startup_preferences() == ("ja", "Corporate")  # IT's defaults
    store.save_preferences(Preferences(language="system", last_profile="Mine"))
    assert read_startup_preferences() == (None, "Mine")  # the operator's own win
    own_settings.setValue("preferences/language", "klingon")  # out of range: IT's then
    own_settings.sync()
    assert read_startup_preferences()[0] == store.preferences().language == "ja"


def test_start_up_uses_the_saved_language_and_the_last_connection(
    qtbot, emulator, memory_keyring, own_settings, monkeypatch
):
    from PySide6.QtCore import QTimer

    from cogtotp_gui.app import main
    from cogtotp_gui.ui.shell.main_window import MainWindow

    seed = emulator.seed
    store = ProfileStore()
    store.save(
        Profile.create(
            name="Remembered", user_pool_id=seed.pool_id, client_id=seed.client_id, endpoint_url=emulator.endpoint_url
        ),
        client_secret=seed.client_secret,
    )
    store.save_preferences(Preferences(language="ja", last_profile="Remembered"))
    seen: list[tuple[str, str]] = []

    def close_soon() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or not windows[0].controller.is_ready:
            QTimer.singleShot(20, close_soon)
            return
        window = windows[0]
        seen.append((window.controller.settings.name, window.file_menu.title()))
        window.close()

    QTimer.singleShot(0, close_soon)
    try:
        assert main([]) == 0
    finally:
        i18n.install_translations(QApplication.instance(), "en")
    assert seen and seen[0][0] == "Remembered"
    assert seen[0][1] != "&File"  # Japanese


def test_language_chosen_in_the_settings_relabels_the_window_at_once(windows, store):
    driver = windows("Alpha")
    window, wizard = driver.window, driver.wizard
    english = visible_texts(wizard)
    window.open_settings()
    dialog = window.saved_connections.dialog
    try:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ja"))
        driver.qtbot.waitUntil(
            lambda: all(j != e for j, e in zip(visible_texts(wizard), english, strict=False)), timeout=TIMEOUT_MS
        )
        assert window.file_menu.title() != "&File" and store.preferences().language == "ja"
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
        driver.qtbot.waitUntil(lambda: visible_texts(wizard) == english, timeout=TIMEOUT_MS)
        assert window.file_menu.title() == "&File"
    finally:
        i18n.install_translations(QApplication.instance(), "en")
        dialog.reject()


def test_a_closed_window_is_freed_at_once_not_by_the_cycle_collector(qtbot, emulator):
    """Nothing the window owns refers back to it: a window left in a
    reference cycle is destroyed whenever Python's collector runs, in the
    middle of whatever Qt is doing then (it crashed the suite once)."""
    import gc
    import weakref

    seed = emulator.seed
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode="admin",
        endpoint_url=emulator.endpoint_url,
    )
    gc.collect()
    gc.disable()
    try:
        window = create_main_window(settings, gateway_factory=fast_gateway)
        window.show()
        qtbot.waitUntil(
            lambda: window.saved_connections.ready and window.operations.identity is not None,  # noqa: F821  # bound above; deleted only at the end
            timeout=TIMEOUT_MS,
        )
        window.open_settings()
        window.saved_connections.dialog.reject()
        # Errors shown (and kept by banners to render again) keep no frames:
        # one raised right here, with ``window`` among this frame's locals…
        window.controller.sign_in("", "")
        assert window.wizard.credentials_page.banner.text
        # …and one from Cognito.
        window.controller.sign_in(seed.users["sms"].username, "Wrong-password-1")
        qtbot.waitUntil(
            lambda: not window.controller.busy and "not correct" in window.wizard.credentials_page.banner.text,  # noqa: F821  # bound above; deleted only at the end
            timeout=TIMEOUT_MS,
        )
        window.wizard.show_connection_page()
        window.wizard.connection_page.prefill({"user_pool_id": "nonsense"})
        window.shutdown(5000)
        window.close()
        qtbot.wait(50)  # the dialog's deleteLater
        freed = weakref.ref(window)
        del window
        assert freed() is None
    finally:
        gc.enable()


def test_aws_profiles_are_offered_once_admin_mode_is_chosen(qtbot, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(
        "[default]\nregion = eu-west-1\n[profile helpdesk]\nregion = eu-west-1\n[profile Audit]\n", encoding="utf-8"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    window = create_main_window(None, prefill={})
    show_active(qtbot, window)
    try:
        page = window.wizard.connection_page
        combo = page.aws_profile_combo
        assert not combo.loaded and combo.count() == 0 and not combo.isEnabled()  # user mode: nothing read
        page.aws_profile.setText("typed-before")
        page.admin_mode.setChecked(True)
        qtbot.waitUntil(lambda: combo.loaded, timeout=TIMEOUT_MS)
        assert [combo.itemText(i) for i in range(combo.count())] == ["Audit", "default", "helpdesk"]
        assert page.aws_profile.text() == "typed-before"  # what was typed stays
        combo.setCurrentIndex(combo.findText("helpdesk"))
        assert page.aws_profile.text() == "helpdesk" and combo.accessibleName()
    finally:
        window.shutdown(5000)
        window.close()
