"""Helpdesk operations (issue #6): language switching at run time, saved
connections on the first page, the settings dialog from the menu, whose AWS
credentials admin mode uses, and nothing left behind (idle wipe, clipboard,
concealing the QR code)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWizard

from cogtotp_gui import i18n
from cogtotp_gui.ui.pages import PageId


# -- language ---------------------------------------------------------------------


def visible_texts(wizard) -> tuple[str, ...]:
    page = wizard.credentials_page
    return (page.username_label.text(), wizard.button(QWizard.WizardButton.NextButton).text(), page.title())


def test_switching_the_language_relabels_the_visible_page(wizard_app, qtbot):
    wizard = wizard_app.wizard
    english = visible_texts(wizard)
    app = QApplication.instance()
    i18n.install_translations(app, "ja")
    try:
        # Qt posts LanguageChange to every window; it arrives with the next events.
        qtbot.waitUntil(lambda: all(j != e for j, e in zip(visible_texts(wizard), english)), timeout=5000)
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
