"""Help ▸ Operator's guide: the guide shipped with the app, in the UI's language.

The guide is Markdown in ``cogtotp_gui/assets/guide/`` (package data, so a
wheel and the frozen bundle carry it; ``--self-check`` fails without it):
``operators-guide.md`` in English and ``operators-guide.ja.md`` in Japanese.
The dialog renders it with ``QTextBrowser.setMarkdown`` and loads the other
language when the UI's language changes.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_PACKAGE = "cogtotp_gui"
GUIDE_FOLDER = ("assets", "guide")
GUIDE_FILES = {"en": "operators-guide.md", "ja": "operators-guide.ja.md"}


def guide_text(language: str | None) -> str:
    """The guide's Markdown in ``language`` (English for any other)."""
    name = GUIDE_FILES.get(language or "en", GUIDE_FILES["en"])
    node = resources.files(GUIDE_PACKAGE).joinpath(*GUIDE_FOLDER, name)
    return node.read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The operator's guide in a window of its own (non-modal, beside the wizard)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsGuideDialog")
        self.setModal(False)
        self.resize(760, 640)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("operatorsGuideBrowser")
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.language: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        from cogtotp_gui.i18n import current_language

        self.setWindowTitle(self.tr("Operator's guide"))
        self.browser.setAccessibleName(self.tr("Operator's guide"))
        language = current_language() or "en"
        if language != self.language:
            self.language = language
            self.browser.setMarkdown(guide_text(language))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
