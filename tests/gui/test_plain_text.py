"""Usernames, roster lines and file names are shown as typed, never as HTML
(issue 19 #9).

A QLabel guesses whether its text is rich text: a username such as
``<b>mallory</b><img/src=x>`` (Cognito's username pattern allows it) was
rendered on the rehearsal, already-has-an-authenticator, reset and
unsupported pages, in the abandon box, the skip dialog and the Migration
window's heading. Markup is fed through each place the way the app meets
it: a user of that name in the strict emulator, a roster of that name.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from cogtotp_gui.campaign.queue import SessionQueue
from cogtotp_gui.campaign.sessions import SessionStore
from cogtotp_gui.emulator.seed import TRAINING_PASSWORD
from cogtotp_gui.ui.wizard.pages import PageId
from tests.gui.gui_driver import TIMEOUT_MS

MARKUP = "<b>mallory</b><img/src=x>"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("COGTOTP_DATA_DIR", str(path))
    return path


def markup_user(emulator) -> str:
    """A user without MFA whose username is markup."""
    client, pool = emulator.client, emulator.seed.pool_id
    client.admin_create_user(
        UserPoolId=pool,
        Username=MARKUP,
        TemporaryPassword="Temporary-1234!",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "mallory@example.com"}],
    )
    client.admin_set_user_password(UserPoolId=pool, Username=MARKUP, Password=TRAINING_PASSWORD, Permanent=True)
    return MARKUP


def labels_showing(root: QWidget, text: str) -> list[QLabel]:
    labels = root.findChildren(QLabel)
    if isinstance(root, QLabel):
        labels.append(root)
    return [label for label in labels if text in label.text()]


def assert_shown_as_typed(root: QWidget, *expected: QLabel, text: str = MARKUP) -> None:
    """Every label under ``root`` that shows ``text`` shows it as plain text;
    ``expected`` are among them (so the value did reach the screen)."""
    showing = labels_showing(root, text)
    for label in expected:
        assert label in showing, f"{label.objectName() or label} does not show the value"
    rendered = [
        label.objectName() or label.text()[:40] for label in showing if label.textFormat() != Qt.TextFormat.PlainText
    ]
    assert not rendered, f"shown as rich text: {rendered}"


def sign_in_as(driver, username: str) -> None:
    page = driver.wizard.credentials_page
    driver.wait_page(PageId.CREDENTIALS)
    page.username.setText(username)
    page.password.setText(TRAINING_PASSWORD)
    page.password.setFocus()
    driver.enter()
    driver.wait_idle()


def test_a_markup_username_is_shown_as_typed_through_the_wizard(wizard_app, emulator):
    driver = wizard_app.factory(mode="admin")  # the reset page needs admin mode
    wizard = driver.wizard
    name = markup_user(emulator)
    sign_in_as(driver, name)  # no MFA: straight to the QR code
    driver.wait_page(PageId.SECRET)
    assert_shown_as_typed(wizard.secret_page, wizard.secret_page.account)
    # The abandon box names the user.
    driver.qtbot.keyClick(driver.focus(), Qt.Key.Key_Escape)
    box = driver.message_box("abandonConfirmBox")
    assert_shown_as_typed(box, text="mallory")
    assert labels_showing(box, MARKUP)
    box.findChild(QWidget, "keepGoingButton").click()
    driver.qtbot.waitUntil(lambda: not box.isVisible(), timeout=TIMEOUT_MS)

    driver.confirm_totp(name)
    driver.wait_page(PageId.DONE)
    assert_shown_as_typed(wizard.done_page, wizard.done_page.headline)

    wizard.rehearsal_page.clock = driver.emu.now
    wizard.show_rehearsal()
    driver.wait_page(PageId.REHEARSAL)
    assert_shown_as_typed(wizard.rehearsal_page, wizard.rehearsal_page.intro)

    wizard.start_next_user()
    sign_in_as(driver, name)  # now on TOTP: the already-has-an-authenticator page
    driver.wait_page(PageId.EXISTING_TOTP)
    page = wizard.existing_totp_page
    assert_shown_as_typed(page, page.explanation)

    # The lost-authenticator reset page names the user too.
    page.lost_button.click()
    driver.wait_page(PageId.LOST_AUTHENTICATOR)
    reset = wizard.lost_authenticator_page
    assert_shown_as_typed(reset, reset.explanation)


def test_the_unsupported_page_shows_cognitos_words_as_sent(wizard_app):
    page = wizard_app.wizard.unsupported_page
    assert page.explanation.textFormat() == Qt.TextFormat.PlainText


def test_a_markup_username_in_a_session_is_shown_as_typed(wizard_app, emulator, data_dir, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    driver = wizard_app
    name = markup_user(emulator)
    assert driver.window.start_session([name, driver.user("sms").username], "<i>roster</i>.csv")
    driver.wait_session()
    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda _parent, _title, label: (asked.append(label), ("", False))[1])
    )
    driver.window.sessions._on_skip_requested(name)
    # Qt's dialog guesses the label's format: what it gets must read as typed once rendered.
    document = QTextDocument()
    from PySide6.QtGui import Qt as QtGuiNamespace  # mightBeRichText lives in QtGui's Qt

    if QtGuiNamespace.mightBeRichText(asked[0]):
        document.setHtml(asked[0])
    else:
        document.setPlainText(asked[0])
    assert MARKUP in document.toPlainText()


def test_the_resume_offer_shows_the_roster_file_name_as_typed(wizard_app, emulator, data_dir):
    driver = wizard_app
    queue = SessionQueue([driver.user("sms").username])
    store = SessionStore.open()
    try:
        session_id = store.create(queue, operator="helpdesk", connection="ACME", source="<b>monday</b>.csv")
        store.attach(session_id, queue)
    finally:
        store.close()
    driver.window.sessions.offer_resume()
    box = driver.message_box("resumeSessionBox")
    assert_shown_as_typed(box, text="<b>monday</b>.csv")
    assert labels_showing(box, "<b>monday</b>.csv")
    box.reject()


def test_a_session_message_shows_a_roster_line_as_typed(wizard_app, data_dir):
    driver = wizard_app
    driver.window.sessions._say("The usernames cannot be used", "Line 3 (<b>x</b>) is not a username.")
    box = driver.message_box("sessionMessageBox")
    assert_shown_as_typed(box, text="<b>x</b>")
    assert labels_showing(box, "<b>x</b>")
    box.close()


def test_the_migration_heading_is_plain_text(qtbot, emulator, tmp_path):
    from cogtotp_gui.enrollment.settings import ConnectionSettings
    from cogtotp_gui.ui.campaign.inventory_window import MigrationWindow

    settings = ConnectionSettings.create(
        user_pool_id=emulator.seed.pool_id, client_id=emulator.seed.client_id, endpoint_url=emulator.endpoint_url
    )
    window = MigrationWindow(settings, db_path=tmp_path / "campaign.sqlite3")
    qtbot.addWidget(window)
    assert emulator.seed.pool_id in window.heading.text()
    assert window.heading.textFormat() == Qt.TextFormat.PlainText


def test_the_switch_question_shows_the_username_as_typed(windows, emulator):
    """Switching the connection mid-enrollment names the user being stopped."""
    from PySide6.QtWidgets import QPushButton

    driver = windows("Alpha")
    name = markup_user(emulator)
    sign_in_as(driver, name)
    driver.wait_page(PageId.SECRET)
    assert driver.window.saved_connections.choose("Beta")
    box = driver.message_box("switchConnectionConfirmBox")
    assert_shown_as_typed(box, text="mallory")
    assert labels_showing(box, MARKUP)
    box.findChild(QPushButton, "keepEnrollingButton").click()
    driver.qtbot.waitUntil(lambda: driver.window.saved_connections._confirm_box is None, timeout=TIMEOUT_MS)
