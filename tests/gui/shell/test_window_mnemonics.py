"""Alt+letter and shortcuts are unique in the whole window, in both modes and languages.

Issue 15: in training mode Alt+H was both the banner's Phone button and the
Help menu, Alt+U Training users and Username, Alt+R Reset training data
and Repeat; the first press landed on the banner button, and after Alt+R,
Space reset the training data. A mnemonic counts against everything the
window shows at the same time: the menu bar, the training banner, the
wizard's buttons and the current page (page banner actions included).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget, QWizard

from cogtotp_gui import i18n
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.ui.common.widgets import PasswordLineEdit
from cogtotp_gui.ui.wizard.wizard import BACK_BUTTON


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a text (Qt's rule: the character after a single &)."""
    plain = text.replace("&&", "")
    index = plain.find("&")
    return plain[index + 1].lower() if 0 <= index < len(plain) - 1 else None


def _page_texts(window: Any, page: QWidget) -> list[str]:
    wizard = window.wizard
    texts = [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    texts += [box.title() for box in page.findChildren(QGroupBox)]
    texts += [b.text() for b in page.findChildren(QAbstractButton) if b.objectName() != "bannerAction"]
    texts += [page.buttonText(QWizard.WizardButton.NextButton), wizard.buttonText(BACK_BUTTON)]
    # The page banner's action may show on any page (one at a time).
    credentials = wizard.credentials_page
    texts.append(credentials.error_action(EnrollmentError(ErrorKind.CONFIG, "error.config_pool"))[0])
    if page is wizard.existing_totp_page:
        texts.append(credentials.tr("C&ontinue"))  # its Next button once re-enrolling
    return texts


def _window_texts(window: Any) -> list[str]:
    texts = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    from cogtotp_gui.training import training_mode_of

    mode = training_mode_of(window)
    if mode is not None:
        texts += [b.text() for b in mode.banner.findChildren(QAbstractButton) if b.isVisibleTo(mode.banner)]
    return texts


def clashes(window: Any) -> dict[str, list[str]]:
    """Per page: the letters two things answer to (or one that the page's
    password field's Alt+S takes)."""
    found: dict[str, list[str]] = {}
    chrome = _window_texts(window)
    for page in window.wizard.enrollment_pages():
        texts = chrome + _page_texts(window, page)
        letters = [m for m in map(mnemonic, texts) if m]
        taken = {"s"} if page.findChildren(PasswordLineEdit) else set()
        bad = sorted({m for m in letters if letters.count(m) > 1 or m in taken})
        if bad:
            found[page.objectName()] = [f"{m}: {[t for t in texts if mnemonic(t) == m]}" for m in bad]
    return found


def duplicate_shortcuts(window: Any) -> list[str]:
    """Key sequences two actions or shortcuts of the window both claim."""
    # A field's own action (the password field's Alt+S) answers only while
    # that field has the focus; a child dialog is a window of its own.
    local = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    seen: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() in local:
            continue
        for sequence in action.shortcuts():
            seen.setdefault(sequence.toString(), []).append(action.objectName() or action.text())
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        if shortcut.context() in local or (isinstance(owner, QWidget) and owner.window() is not window):
            continue
        seen.setdefault(shortcut.key().toString(), []).append(shortcut.objectName() or "shortcut")
    return [f"{key}: {names}" for key, names in seen.items() if key and len(names) > 1]


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest, qtbot: Any) -> Iterator[str]:
    app = QApplication.instance()
    i18n.install_translations(app, request.param)
    try:
        yield request.param
    finally:
        i18n.install_translations(app, "en")


def _check(window: Any, qtbot: Any, language: str) -> None:
    window.wizard.build_remaining_pages()
    qtbot.waitUntil(lambda: len(window.wizard.enrollment_pages()) >= 9, timeout=5_000)
    if language == "ja":  # Qt posts LanguageChange; it arrives with the next events
        qtbot.waitUntil(lambda: window.file_menu.title() != "&File", timeout=5_000)
    assert clashes(window) == {}
    assert duplicate_shortcuts(window) == []


def test_every_page_of_the_real_window_has_unique_mnemonics(wizard_app, qtbot, language):
    _check(wizard_app.window, qtbot, language)


def test_every_page_of_the_training_window_has_unique_mnemonics(training, qtbot, language):
    _check(training.window, qtbot, language)
    assert QKeySequence.mnemonic(training.window.help_menu.title()).toString()  # Help keeps its letter


def test_next_user_has_one_name_on_every_page(wizard_app, qtbot):
    """Issue 15: "Start with the next user", "Next user" and "Stop – next
    user" were one action; the docs call it "Next user"."""
    wizard = wizard_app.wizard
    wizard.build_remaining_pages()
    qtbot.waitUntil(lambda: len(wizard.enrollment_pages()) >= 9, timeout=5_000)
    for page in (wizard.done_page, wizard.unsupported_page, wizard.existing_totp_page):
        assert page.buttonText(QWizard.WizardButton.NextButton) == "&Next user", page.objectName()


def test_the_training_phone_and_users_dialog_have_unique_mnemonics(training, qtbot, language):
    """Windows of their own beside the wizard: each keeps its letters unique."""
    training.session.show_training_users()
    dialog = training.session.users_dialog
    if language == "ja":
        qtbot.waitUntil(lambda: dialog.windowTitle() != "Training users", timeout=5_000)
    for window in (training.phone, dialog):
        texts = [label.text() for label in window.findChildren(QLabel) if label.buddy() is not None]
        texts += [b.text() for b in window.findChildren(QAbstractButton)]
        letters = [m for m in map(mnemonic, texts) if m]
        assert sorted({m for m in letters if letters.count(m) > 1}) == [], (window.objectName(), texts)
        assert duplicate_shortcuts(window) == []
    dialog.close()


def window_clashes(window: QWidget) -> list[str]:
    """The letters two controls of a window of its own answer to (a
    password field's Alt+S included)."""
    texts = [label.text() for label in window.findChildren(QLabel) if label.buddy() is not None]
    texts += [box.title() for box in window.findChildren(QGroupBox)]
    texts += [b.text() for b in window.findChildren(QAbstractButton)]
    letters = [m for m in map(mnemonic, texts) if m]
    taken = {"s"} if window.findChildren(PasswordLineEdit) else set()
    bad = sorted({m for m in letters if letters.count(m) > 1 or m in taken})
    return [f"{m}: {[t for t in texts if mnemonic(t) == m]}" for m in bad]


def test_every_menu_has_its_letter(wizard_app, qtbot, language):
    """Issue 20 #7: the Session menu had none."""
    window = wizard_app.window
    if language == "ja":
        qtbot.waitUntil(lambda: window.file_menu.title() != "&File", timeout=5_000)
    titles = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    assert len(titles) >= 3 and all(mnemonic(title) for title in titles), titles


def test_the_settings_dialog_has_unique_mnemonics(qtbot, tmp_path, language):
    """Issue 20 #7: Saved connections / App client ID, Issuer / Clear copied,
    SMS after / Open audit, Client secret / Test, Name / New shared a letter."""
    from PySide6.QtCore import QSettings

    from cogtotp_gui.connections.model import Profile
    from cogtotp_gui.connections.store import ProfileStore
    from cogtotp_gui.ui.connections.settings_dialog import SettingsDialog

    it_ini = tmp_path / "it.ini"
    it_ini.write_text("[profiles]\nCorporate\\user_pool_id=eu-west-1_Corp1\nCorporate\\client_id=corp1\n", "utf-8")
    store = ProfileStore(QSettings(str(tmp_path / "user.ini"), QSettings.Format.IniFormat), it_ini=it_ini)
    store.save(Profile.create(name="Production", user_pool_id="eu-west-1_AbC123", client_id="client123"))
    dialog = SettingsDialog(store, audit_dir=tmp_path / "audit", apply_language=False)
    qtbot.addWidget(dialog)
    if language == "ja":
        qtbot.waitUntil(lambda: dialog.windowTitle() != "Settings", timeout=5_000)
    for row in range(dialog.profile_list.count()):  # an own connection, IT's, and a new one
        dialog.profile_list.setCurrentRow(row)
        assert window_clashes(dialog) == [], dialog.profile_list.currentItem().text()
        assert duplicate_shortcuts(dialog) == []
    dialog.new_button.click()
    assert window_clashes(dialog) == []
    labels = dialog.connection_form.labels
    assert all(mnemonic(labels[name].text()) for name in labels if name != "mode"), "every field has its letter"


def test_the_guide_has_unique_mnemonics(qtbot, language):
    from cogtotp_gui.ui.shell.guide import GuideDialog

    guide = GuideDialog()
    qtbot.addWidget(guide)
    assert window_clashes(guide) == []
    assert duplicate_shortcuts(guide) == []
