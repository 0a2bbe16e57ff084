"""Keys only: focus starts in the field to fill, Tab follows the layout,
Enter moves on, Escape asks before abandoning. Every key goes to whatever
widget has focus, as a person's keyboard would."""

from __future__ import annotations

from gui_driver import WizardDriver, fast_gateway, pool_requires_mfa_without_totp, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from cogtotp_gui.app import create_main_window
from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
from cogtotp_gui.ui.wizard.pages import PageId


def accessible_inputs(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QLineEdit) if not w.accessibleName()]


def test_whole_enrollment_by_keyboard_from_an_empty_connection(qtbot, emulator):
    seed = emulator.seed
    window = create_main_window(None, prefill={}, gateway_factory=fast_gateway)
    show_active(qtbot, window)
    driver = WizardDriver(qtbot, emulator, window, None)  # type: ignore[arg-type]  # no settings: the driver only types here
    wizard = window.wizard
    try:
        # -- connection page: Tab order follows the form
        assert driver.page_id == PageId.CONNECTION
        connection = wizard.connection_page
        assert driver.focus() is connection.user_pool_id
        driver.type(seed.pool_id)
        driver.tab()
        assert driver.focus() is connection.client_id
        driver.type(seed.client_id)
        driver.tab()
        assert driver.focus() is connection.client_secret
        driver.type(seed.client_secret)
        driver.tab()
        assert driver.focus() is connection.user_mode
        driver.tab()  # the AWS profile is disabled in user mode
        assert driver.focus() is connection.issuer
        driver.tab()
        assert driver.focus() is connection.region
        driver.tab()
        assert driver.focus() is connection.endpoint_url
        driver.type(emulator.endpoint_url)
        driver.enter()
        driver.wait_page(PageId.CREDENTIALS)
        driver.wait_ready()

        # -- credentials
        credentials = wizard.credentials_page
        assert driver.focus() is credentials.username
        user = driver.user("sms")
        driver.type(user.username)
        driver.tab()
        assert driver.focus() is credentials.password
        driver.type(user.password)
        driver.enter()
        driver.wait_page(PageId.SMS_CODE)

        # -- SMS code
        sms = wizard.sms_code_page
        driver.qtbot.waitUntil(lambda: driver.focus() is sms.code)
        driver.type(driver.sms_code(user.username))
        driver.enter()
        driver.wait_page(PageId.SECRET)

        # -- QR page: nothing to type, Enter goes on to the confirmation
        driver.qtbot.waitUntil(lambda: driver.focus() is driver.next_button)
        driver.enter()
        driver.wait_page(PageId.CONFIRM)

        # -- confirmation
        confirm = wizard.confirm_page
        assert driver.focus() is confirm.code
        driver.type(driver.totp_now(driver.pending_secret(user.username)))
        driver.tab()
        assert driver.focus() is confirm.device_name
        driver.type("Work phone")
        driver.enter()
        driver.wait_page(PageId.DONE)

        # -- done: Enter starts the next user
        driver.qtbot.waitUntil(lambda: driver.focus() is driver.next_button)
        driver.enter()
        driver.wait_page(PageId.CREDENTIALS)
        assert driver.focus() is credentials.username
        assert credentials.username.text() == "" and credentials.password.text() == ""
    finally:
        window.shutdown(5000)
        window.close()


def test_new_password_page_by_keyboard(wizard_app):
    driver = wizard_app
    driver.sign_in("temp_password")
    driver.wait_page(PageId.NEW_PASSWORD)
    page = driver.wizard.new_password_page
    assert driver.focus() is page.new_password
    driver.type(SUGGESTED_NEW_PASSWORD)
    driver.tab()
    assert driver.focus() is page.repeat
    driver.type(SUGGESTED_NEW_PASSWORD)
    driver.enter()
    driver.wait_page(PageId.SMS_CODE)
    driver.qtbot.waitUntil(lambda: driver.focus() is driver.wizard.sms_code_page.code)


def test_existing_totp_page_by_keyboard(wizard_app):
    driver = wizard_app
    user = driver.sign_in("totp")
    driver.wait_page(PageId.EXISTING_TOTP)
    page = driver.wizard.existing_totp_page
    assert driver.focus() is driver.next_button
    # Alt+R chooses to re-enroll; the code field takes focus.
    driver.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    driver.qtbot.waitUntil(lambda: driver.focus() is page.code)
    driver.type(driver.totp_now(user.totp_secret))
    driver.enter()
    driver.wait_page(PageId.SECRET)


def test_unsupported_page_by_keyboard(wizard_app):
    driver = wizard_app
    pool_requires_mfa_without_totp(driver.emulator)
    driver.sign_in("no_mfa")
    driver.wait_page(PageId.UNSUPPORTED)
    assert driver.focus() is driver.next_button
    driver.enter()
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.focus() is driver.wizard.credentials_page.username


def test_escape_asks_before_abandoning_and_defaults_to_keep_going(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.wait_page(PageId.SMS_CODE)
    sms = driver.wizard.sms_code_page
    driver.type("12")
    driver.key(Qt.Key.Key_Escape)
    box = driver.message_box("abandonConfirmBox")
    assert user.username in box.text()
    # Escape (or Enter) in the box keeps going, with what was typed.
    driver.qtbot.waitUntil(lambda: driver.focus() is not None and driver.focus().window() is box)
    driver.key(Qt.Key.Key_Escape)
    driver.qtbot.waitUntil(lambda: not box.isVisible())
    assert driver.page_id == PageId.SMS_CODE and sms.code.text() == "12"

    driver.qtbot.waitUntil(lambda: driver.focus() is sms.code)
    driver.key(Qt.Key.Key_Escape)
    box = driver.message_box("abandonConfirmBox")
    driver.qtbot.waitUntil(lambda: driver.focus() is not None and driver.focus().window() is box)
    driver.key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "&Stop and start over"
    driver.wait_page(PageId.CREDENTIALS)
    assert driver.wizard.credentials_page.username.text() == ""
    assert sms.code.text() == ""


def test_escape_with_nothing_in_progress_does_nothing(wizard_app):
    driver = wizard_app
    page = driver.wizard.credentials_page
    driver.type("someone")
    driver.key(Qt.Key.Key_Escape)
    assert driver.window.isVisible() and driver.page_id == PageId.CREDENTIALS
    assert page.username.text() == "someone"


def test_every_input_has_an_accessible_name_and_a_buddy_label(wizard_app):
    from PySide6.QtWidgets import QLabel

    wizard = wizard_app.wizard
    for page in wizard.enrollment_pages():
        assert accessible_inputs(page) == [], page.objectName()
        buddies = {label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
        for field in page.fields.values():
            if isinstance(field, QLineEdit):
                assert field in buddies, f"{page.objectName()}: {field.objectName()} has no label"
                label = next(lb for lb in page.findChildren(QLabel) if lb.buddy() is field)
                assert "&" in label.text(), f"{label.text()!r} has no mnemonic"


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def test_mnemonics_are_unique_on_every_page(wizard_app):
    """Two widgets answering the same Alt+letter make Qt cycle focus instead
    of acting (and two actions make it warn): each page keeps them unique,
    apart from the menu bar's and the password fields' Alt+S."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard

    from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
    from cogtotp_gui.ui.common.widgets import PasswordLineEdit
    from cogtotp_gui.ui.wizard.wizard import BACK_BUTTON

    wizard = wizard_app.wizard
    reserved = {"f", "h"}  # File, Help
    banner_actions = [
        wizard.credentials_page.error_action(EnrollmentError(ErrorKind.CONFIG, "error.config_pool"))[0],
        "Retr&y",
    ]
    for page in wizard.enrollment_pages():
        texts = [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
        texts += [
            button.text() for button in page.findChildren(QAbstractButton) if button.objectName() != "bannerAction"
        ]
        texts += [page.buttonText(QWizard.WizardButton.NextButton), wizard.buttonText(BACK_BUTTON), *banner_actions]
        if page is wizard.existing_totp_page:
            texts.append("C&ontinue")  # the Next button's text once re-enrolling
        letters = [m for m in map(mnemonic, texts) if m]
        taken = reserved | ({"s"} if page.findChildren(PasswordLineEdit) else set())
        clashes = sorted({m for m in letters if letters.count(m) > 1 or m in taken})
        assert clashes == [], f"{page.objectName()}: {clashes} in {texts}"
