"""The training phone: SMS feed, authenticator, countdown ring, and a whole
enrollment done with the keyboard and the phone alone."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from cogtotp_gui.emulator import totp_code
from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.training.environment import TRAINING_ISSUER
from cogtotp_gui.training.phone_window import AuthenticatorEntry, CountdownRing, TrainingPhoneWindow
from cogtotp_gui.ui.wizard.pages.base import PageId

TIMEOUT_MS = 10_000


# -- helpers: what a person does ------------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def activate(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)


def shown_sms_code(phone: TrainingPhoneWindow, username: str) -> str | None:
    """The newest code on the phone's screen, read off its label."""
    cards = [card for card in phone.sms_cards() if card.isVisibleTo(phone) and card.username == username]
    if not cards:
        return None
    label = cards[0].findChild(QLabel, "smsCode")
    return label.text().replace(" ", "") if label is not None else None


def shown_totp_code(phone: TrainingPhoneWindow, username: str) -> str | None:
    for entry in phone.findChildren(AuthenticatorEntry, "authenticatorEntry"):
        if entry.username == username and entry.isVisibleTo(phone):
            return entry.findChild(QLabel, "totpCode").text().replace(" ", "")
    return None


def sign_in_with_keyboard(qtbot, training, username: str) -> None:
    wizard = training.wizard
    assert wizard.currentId() == PageId.CREDENTIALS
    activate(qtbot, training.window)
    qtbot.waitUntil(lambda: focused() is wizard.credentials_page.username, timeout=TIMEOUT_MS)
    type_text(username)
    press(Qt.Key.Key_Tab)
    assert focused() is wizard.credentials_page.password
    type_text(training.seed.user(username).password)
    press(Qt.Key.Key_Return)


# -- the SMS feed -------------------------------------------------------------------------------------


def test_phone_sits_beside_the_wizard(training):
    phone = training.phone
    assert phone.isVisible()
    assert phone.objectName() == "trainingPhone" and phone.windowTitle() == "Training phone"
    assert phone.width() < training.window.width() / 1.5  # narrow, like a phone
    assert phone.height() > phone.width()
    # The offscreen screen (800 px) is too narrow for both side by side: the
    # phone then keeps to the right edge. test_training's --demo test runs
    # on a wide screen and checks they do not overlap.
    screen = training.window.screen().availableGeometry()
    assert phone.frameGeometry().right() <= screen.right()
    assert phone.x() >= training.window.frameGeometry().left()


def test_phone_shows_the_sms_code_when_the_wizard_signs_in(training, qtbot):
    phone = training.phone
    assert phone.sms_cards() == []
    threads: list[bool] = []
    training.session.sms_shown.connect(lambda _m: threads.append(threading.current_thread() is threading.main_thread()))
    sign_in_with_keyboard(qtbot, training, "alice.sms")
    qtbot.waitUntil(lambda: training.wizard.currentId() == PageId.SMS_CODE, timeout=TIMEOUT_MS)
    expected = training.emu.last_sms_code("alice.sms", training.seed.pool_id)
    assert expected
    qtbot.waitUntil(lambda: shown_sms_code(phone, "alice.sms") == expected, timeout=TIMEOUT_MS)
    assert threads == [True]  # marshalled from the emulator's thread to the UI thread
    card = phone.sms_cards()[0]
    assert card.findChild(QLabel, "smsRecipient").text().startswith("To alice.sms")
    assert card.accessibleName() == f"Message to alice.sms: verification code {' '.join(expected)}"
    # The phone became alice's only if a single user was chosen; "every user" shows all.
    assert phone.selected_user() is None


def test_newest_message_is_on_top_and_the_selector_filters(training, qtbot):
    emu, seed, phone = training.emu, training.seed, training.phone
    from cogtotp_gui.enrollment.flow import EnrollmentFlow
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    for username in ("alice.sms", "bob.sms", "alice.sms"):
        flow = EnrollmentFlow(CognitoGateway(training.session.settings))
        assert flow.sign_in(username, seed.user(username).password) is Step.SMS_CODE
    qtbot.waitUntil(lambda: len(phone.sms_cards()) == 3, timeout=TIMEOUT_MS)
    assert [card.username for card in phone.sms_cards()] == ["alice.sms", "bob.sms", "alice.sms"]
    assert phone.latest_code() == emu.last_sms_code("alice.sms", seed.pool_id)
    phone.select_user("bob.sms")
    assert [card.username for card in phone.sms_cards() if card.isVisibleTo(phone)] == ["bob.sms"]
    assert shown_sms_code(phone, "bob.sms") == emu.last_sms_code("bob.sms", seed.pool_id)
    assert shown_sms_code(phone, "alice.sms") is None
    phone.select_user(None)
    assert len([card for card in phone.sms_cards() if card.isVisibleTo(phone)]) == 3


def test_a_phone_without_signal_never_shows_the_code(training, qtbot):
    phone = training.phone
    phone.select_user("frank.nosignal")
    assert phone.findChild(QLabel, "phoneSignal").text() == "No signal"
    sign_in_with_keyboard(qtbot, training, "frank.nosignal")
    qtbot.waitUntil(lambda: len(phone.sms_cards()) == 1, timeout=TIMEOUT_MS)
    card = phone.sms_cards()[0]
    assert card.code is None and card.findChild(QLabel, "smsCode") is None
    assert card.findChild(QLabel, "smsLost").isVisibleTo(phone)
    assert phone.latest_code("frank.nosignal") is None


# -- the authenticator ---------------------------------------------------------------------------------


def _reach_the_qr_page(training, qtbot, username: str = "alice.sms") -> None:
    sign_in_with_keyboard(qtbot, training, username)
    qtbot.waitUntil(lambda: training.wizard.currentId() == PageId.SMS_CODE, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: shown_sms_code(training.phone, username) is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: focused() is training.wizard.sms_code_page.code, timeout=TIMEOUT_MS)
    type_text(shown_sms_code(training.phone, username))
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: training.wizard.currentId() == PageId.SECRET, timeout=TIMEOUT_MS)


def test_the_phones_authenticator_code_verifies(training, qtbot):
    phone = training.phone
    assert not phone.add_button.isEnabled()
    _reach_the_qr_page(training, qtbot)
    assert phone.add_button.isEnabled() and phone.offered_username == "alice.sms"
    with qtbot.waitSignal(phone.account_added):
        qtbot.mouseClick(phone.add_button, Qt.MouseButton.LeftButton)
    code = shown_totp_code(phone, "alice.sms")
    assert code is not None and len(code) == 6
    flow = training.controller.flow
    assert code == totp_code(flow.secret.secret, training.emu.now())
    assert flow.verify(code) is Step.DONE


def test_an_existing_authenticator_is_on_the_phone_from_the_start(training):
    phone, seed = training.phone, training.seed
    assert [entry.username for entry in phone.accounts()] == ["dave.totp", "grace.both"]
    dave = phone.accounts()[0]
    assert dave.findChild(QLabel, "authenticatorIssuer").text() == TRAINING_ISSUER
    code = shown_totp_code(phone, "dave.totp")
    # It is the authenticator Cognito knows: signing in with it works.
    from cogtotp_gui.enrollment.flow import EnrollmentFlow
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    flow = EnrollmentFlow(CognitoGateway(training.session.settings))
    assert flow.sign_in("dave.totp", seed.user("dave.totp").password) is Step.EXISTING_TOTP
    flow.allow_reenrollment()
    assert flow.submit_existing_totp(code) is Step.SECRET


def test_the_countdown_ring_follows_the_emulators_clock(training, qtbot):
    emu, phone = training.emu, training.phone
    emu.clock.set(30 * 1_000_000 + 5)  # 5 s into a period
    phone.refresh()
    entry = phone.accounts()[0]
    ring = entry.findChild(CountdownRing, "totpCountdown")
    first = entry.code()
    assert ring.remaining == 25
    assert ring.accessibleDescription() == "25 seconds until the code changes"
    emu.advance(24)
    phone.refresh()
    assert (ring.remaining, entry.code()) == (1, first)
    assert ring.accessibleDescription() == "1 second until the code changes"
    emu.advance(1)
    phone.refresh()
    assert ring.remaining == 30 and entry.code() != first
    assert entry.code() == shown_totp_code(phone, entry.username)
    # The ring is painted: not an empty widget.
    image = ring.grab().toImage()
    assert any(image.pixelColor(x, image.height() // 2).alpha() for x in range(image.width()))
    # The phone's own timer keeps it current, once a second.
    emu.advance(7)
    qtbot.waitUntil(lambda: ring.remaining == 23, timeout=3000)


def test_a_new_qr_code_makes_the_old_scan_useless(training, qtbot):
    phone = training.phone
    _reach_the_qr_page(training, qtbot)
    phone.add_button.click()
    old_code = phone.authenticator_code("alice.sms")
    with qtbot.waitSignal(training.controller.secret_ready, timeout=TIMEOUT_MS):
        training.controller.new_secret()
    assert phone.add_button.isEnabled()  # scan again
    flow = training.controller.flow
    assert totp_code(flow.secret.secret, training.emu.now()) != old_code
    phone.add_button.click()
    assert len(phone.accounts()) == 3  # replaced, not added twice
    assert flow.verify(phone.authenticator_code("alice.sms")) is Step.DONE


# -- the whole enrollment, keyboard and phone only ---------------------------------------------------------


def test_whole_enrollment_with_the_keyboard_and_the_training_phone(training, qtbot):
    wizard, phone = training.wizard, training.phone

    sign_in_with_keyboard(qtbot, training, "bob.sms")
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SMS_CODE, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: shown_sms_code(phone, "bob.sms") is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: focused() is wizard.sms_code_page.code, timeout=TIMEOUT_MS)
    type_text(shown_sms_code(phone, "bob.sms"))
    press(Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SECRET, timeout=TIMEOUT_MS)
    # On the phone: Alt+A, the "Add to authenticator" mnemonic.
    activate(qtbot, phone)
    with qtbot.waitSignal(phone.account_added, timeout=TIMEOUT_MS):
        QTest.keyClick(phone, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    code = shown_totp_code(phone, "bob.sms")
    assert code

    # Back in the wizard: Enter on the QR page, then type the phone's code.
    activate(qtbot, training.window)
    qtbot.waitUntil(lambda: focused() is wizard.button(wizard.WizardButton.NextButton), timeout=TIMEOUT_MS)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.CONFIRM, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: focused() is wizard.confirm_page.code, timeout=TIMEOUT_MS)
    type_text(code)
    with qtbot.waitSignal(training.controller.enrollment_verified, timeout=TIMEOUT_MS) as verified:
        press(Qt.Key.Key_Return)
    assert verified.args[0].username == "bob.sms" and verified.args[0].totp_preferred
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=TIMEOUT_MS)
    assert phone.offered_username is None and not phone.add_button.isEnabled()
    # The phone's authenticator now signs bob in.
    from cogtotp_gui.enrollment.flow import EnrollmentFlow
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    flow = EnrollmentFlow(CognitoGateway(training.session.settings))
    assert flow.sign_in("bob.sms", training.seed.user("bob.sms").password) is Step.EXISTING_TOTP
