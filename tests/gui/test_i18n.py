"""Installing translations: ours from the package, Qt's from Qt, switchable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QWidget

from cogtotp_gui import i18n


@pytest.fixture
def english(qapp):
    yield qapp
    i18n.install_translations(qapp, "en")


@pytest.mark.parametrize(
    ("lang", "locale", "expected"),
    [
        (None, "ja_JP", "ja"),
        ("system", "ja_JP", "ja"),
        (None, "de_DE", "en"),
        (None, "en_GB", "en"),
        ("ja", "de_DE", "ja"),
        ("JA", "en_US", "ja"),
        ("en_US", "ja_JP", "en"),
    ],
)
def test_resolve_language(lang, locale, expected):
    assert i18n.resolve_language(lang, QLocale(locale)) == expected


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError):
        i18n.resolve_language("fr")


def test_our_catalogue_is_package_data():
    assert i18n.catalogue_bytes("ja")
    assert i18n.catalogue_bytes("en")  # the plural forms of English
    assert i18n.catalogue_bytes("xx") is None


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 seconds"), (1, "1 second"), (2, "2 seconds"), (21, "21 seconds")]
)
def test_english_counts_have_singular_and_plural(english, count, expected):
    i18n.install_translations(english, "ja")
    i18n.install_translations(english, "en")
    text = QCoreApplication.translate("CountdownRing", "%n second(s) until the code changes", "", count)
    assert text == f"{expected} until the code changes"


def test_english_catalogue_holds_only_counts(english):
    i18n.install_translations(english, "en")
    # Messages without a count are shown as the code writes them: no entry.
    assert QCoreApplication.translate("Settings", "Settings") == "Settings"


def test_japanese_installs_ours_and_qts(english):
    translators = i18n.install_translations(english, "ja")
    assert len(translators) == 2
    assert i18n.current_language() == "ja"
    translate = QCoreApplication.translate
    assert translate("Settings", "Settings") == "設定"
    # qtbase_ja: standard buttons, QWizard's navigation, line-edit menus.
    assert translate("QPlatformTheme", "Cancel") == "キャンセル"
    assert translate("QWizard", "&Finish") == "完了(&F)"
    assert translate("QLineEdit", "&Paste") == "貼り付け(&P)"


def test_switching_back_removes_the_translators(english):
    i18n.install_translations(english, "ja")
    english_translators = i18n.install_translations(english, "en")
    # Ours carries only plural forms; Qt's qtbase_en is harmless if found.
    assert english_translators and all(t.language().startswith("en") for t in english_translators)
    assert QCoreApplication.translate("Settings", "Settings") == "Settings"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert i18n.current_language() == "en"


class LanguageWatcher(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.changes += 1
        super().changeEvent(event)


def test_a_switch_tells_every_widget(qtbot, english):
    watcher = LanguageWatcher()
    qtbot.addWidget(watcher)
    i18n.install_translations(english, "ja")
    qtbot.waitUntil(lambda: watcher.changes > 0, timeout=2000)


@pytest.mark.parametrize("mode", ["save", "open"])
def test_a_file_dialog_opened_after_a_switch_to_japanese_has_no_english_label(qtbot, english, mode):
    """Qt 6.11 added mnemonics to two file-dialog labels its Japanese catalogue predates (issue 20 #12)."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    i18n.install_translations(english, "en")
    i18n.install_translations(english, "ja")  # switched at run time, as Settings does
    dialog = QFileDialog(None, "", "", "CSV (*.csv)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    accept = QFileDialog.AcceptMode.AcceptSave if mode == "save" else QFileDialog.AcceptMode.AcceptOpen
    dialog.setAcceptMode(accept)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert len(labels) >= 3
    english_left = [text for text in labels if text.isascii()]
    assert not english_left, english_left
