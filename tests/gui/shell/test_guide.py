"""Help ▸ Operator's guide: the bundled guide, in the UI's language (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from cogtotp_gui import i18n
from cogtotp_gui.ui.shell.guide import GUIDE_FILES, guide_text


def test_help_menu_opens_the_guide_in_the_ui_language(wizard_app, qtbot):
    window = wizard_app.window
    assert window.guide_action in window.help_menu.actions()
    assert window.help_menu.actions().index(window.guide_action) < window.help_menu.actions().index(window.about_action)
    window.guide_action.trigger()
    dialog = window._guide
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert text.startswith("Operator's guide") and "Say to the user" in text
    assert "Send a new code" in text  # what to do when the text message never arrives
    app = QApplication.instance()
    i18n.install_translations(app, "ja")
    try:
        qtbot.waitUntil(lambda: dialog.browser.toPlainText().startswith("オペレーターガイド"), timeout=5_000)
        assert dialog.windowTitle() != "Operator's guide"
    finally:
        i18n.install_translations(app, "en")
    qtbot.waitUntil(lambda: dialog.browser.toPlainText().startswith("Operator's guide"), timeout=5_000)
    dialog.close()


def test_the_guide_is_package_data_in_both_languages():
    """Read through importlib.resources, as the wheel and the bundle do."""
    for language in GUIDE_FILES:
        text = guide_text(language)
        assert text.startswith("# ") and "|" in text  # a heading and the page table
    assert guide_text("xx") == guide_text("en")
