"""Switching the language at run time relabels what is shown, errors included."""

from __future__ import annotations

from gui_driver import TIMEOUT_MS, visible_texts
from PySide6.QtWidgets import (
    QApplication,
)

from cogtotp_gui import i18n
from cogtotp_gui.ui.wizard.pages import PageId


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
