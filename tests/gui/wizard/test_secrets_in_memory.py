"""No Python object keeps a password once the app is done with it (issue 16).

The secret is typed in pieces, so no string of the test holds it whole;
``holders_of`` then asks every live object (dicts, lists, frames, closure
cells, exceptions...) whether it refers to a string containing the typed
fragment. What a QLineEdit holds on Qt's C++ side is checked by reading the
widget.
"""

from __future__ import annotations

import secrets

from gui_driver import settle
from PySide6.QtTest import QTest

from cogtotp_gui.ui.wizard.pages import PageId
from tests.support.reachable import holders_of


def scan(driver, fragment: str) -> list[str]:
    """``holders_of`` once every worker is done: a worker still finishing
    holds its call until it returns, which is not a leak."""
    settle(driver.qtbot)
    return holders_of(fragment)


def type_password(driver, kind: str = "sms") -> tuple[object, str]:
    """Sign in as ``kind`` with a password typed in pieces; returns the
    user and the fragment the password contains."""
    fragment = secrets.token_hex(8)
    user = driver.user(kind)
    page = driver.wizard.credentials_page
    driver.wait_page(PageId.CREDENTIALS)
    QTest.keyClicks(page.username, user.username)
    QTest.keyClicks(page.password, "Pw-")
    QTest.keyClicks(page.password, fragment)
    QTest.keyClicks(page.password, "!A1")
    page.password.setFocus()
    driver.enter()
    driver.wait_idle()
    return user, fragment


# -- finding 5: exceptions carry secrets ------------------------------------------------


def test_the_banner_of_a_wrong_password_keeps_no_password(wizard_app):
    """The banner keeps its error to render it again in another language;
    the error kept botocore's exception, whose frames held the request."""
    driver = wizard_app
    _, fragment = type_password(driver)
    assert "username or password is not correct" in driver.wait_banner()
    assert driver.wizard.credentials_page.password.text() == ""
    assert scan(driver, fragment) == []


def test_an_aws_credentials_error_on_sign_in_keeps_no_password_after_next_user(wizard_app):
    driver = wizard_app.factory(mode="admin")
    driver.emu.fail_next(
        "AdminInitiateAuth", "UnrecognizedClientException", "The security token included in the request is invalid."
    )
    _, fragment = type_password(driver)
    assert "AWS credentials were not accepted" in driver.wait_banner()
    assert scan(driver, fragment) == []
    driver.wizard.start_next_user()
    driver.wait_page(PageId.CREDENTIALS)
    assert scan(driver, fragment) == []


# -- finding 7: the password leaves the field once it is no longer needed -------------------


def test_the_password_leaves_the_field_once_the_sms_code_is_accepted(wizard_app):
    """The page promises the password is forgotten once the code from the
    text message is accepted; the field kept it on the QR, confirmation and
    Done pages."""
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    credentials = driver.wizard.credentials_page
    assert credentials.password.text() == user.password  # kept for "Send a new code"
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    assert credentials.password.text() == ""
    assert credentials.username.text() == user.username


def test_the_password_leaves_the_field_when_mfa_setup_signs_in_without_a_code(wizard_app):
    driver = wizard_app
    driver.sign_in("no_mfa")
    driver.wait_page(PageId.SECRET)
    assert driver.wizard.credentials_page.password.text() == ""


# -- finding 8: only the Copy button copies the setup key -------------------------------------


def test_the_setup_key_cannot_be_selected_or_copied_from_its_label(wizard_app, board):
    from gui_driver import go_to_secret_page
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    driver = wizard_app
    go_to_secret_page(driver)
    label = driver.wizard.secret_page.secret
    assert label.text()
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert label.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not label.hasSelectedText()
    QTest.mouseDClick(label, Qt.MouseButton.LeftButton)
    label.setFocus()
    QTest.keyClick(label, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert not label.hasSelectedText()
    assert board.text() == ""
    selection = QGuiApplication.clipboard()
    if selection.supportsSelection():
        from PySide6.QtGui import QClipboard

        assert selection.text(QClipboard.Mode.Selection) == ""


# -- issue 19 #5: the TOTP secret is dropped at Done ------------------------------------------


def test_the_totp_secret_is_gone_once_the_user_is_done(wizard_app):
    """The controller cached the QR code's otpauth URI (with the secret) for
    the QR page; it outlived the flow's wipe through Done and the rehearsal."""
    from gui_driver import go_to_secret_page

    from tests.support.reachable import reachable_holders

    driver = wizard_app
    user = go_to_secret_page(driver)
    secret = driver.pending_secret(user.username)
    assert reachable_holders(driver.window, secret)  # the QR page shows it: the walk finds it
    driver.confirm_totp(user.username)
    driver.wait_page(PageId.DONE)
    settle(driver.qtbot)
    assert reachable_holders(driver.window, secret) == []
    driver.wizard.rehearsal_page.clock = driver.emu.now
    driver.wizard.show_rehearsal()
    driver.wait_page(PageId.REHEARSAL)
    settle(driver.qtbot)
    assert reachable_holders(driver.window, secret) == []
