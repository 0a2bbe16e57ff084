"""The wizard's header shows the whole subtitle, in English and in Japanese.

QWizard caps the header at a height worked out from the line spacing of the
widget's font; Japanese is drawn in a CJK fallback font with taller lines, so
a subtitle wrapped onto two lines lost the bottom of its second line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

from cogtotp_gui import i18n


def subtitle_label(wizard: Any) -> QLabel:
    page = wizard.currentPage()
    for label in wizard.findChildren(QLabel):
        if label.text() == page.subTitle() and not page.isAncestorOf(label):
            return label
    raise AssertionError("no header subtitle")


def subtitle_fits(wizard: Any) -> bool:
    label = subtitle_label(wizard)
    header = label.parentWidget()
    return label.height() >= label.heightForWidth(label.width()) and label.geometry().bottom() < header.height()


def wraps(label: QLabel) -> bool:
    return label.heightForWidth(label.width()) > 1.5 * label.fontMetrics().height()


def test_a_wrapped_subtitle_is_not_cut_off(wizard_app, qtbot):
    wizard = wizard_app.wizard
    wizard.window().resize(720, 560)
    qtbot.waitUntil(lambda: subtitle_fits(wizard), timeout=5000)
    app = QApplication.instance()
    english = wizard.currentPage().subTitle()
    i18n.install_translations(app, "ja")
    try:
        qtbot.waitUntil(lambda: wizard.currentPage().subTitle() != english, timeout=5000)
        # Narrow enough that the Japanese subtitle wraps onto a second line.
        wizard.window().resize(560, 560)
        qtbot.waitUntil(lambda: wraps(subtitle_label(wizard)), timeout=5000)
        qtbot.waitUntil(lambda: subtitle_fits(wizard), timeout=5000)
    finally:
        i18n.install_translations(app, "en")
    qtbot.waitUntil(lambda: wizard.currentPage().subTitle() == english, timeout=5000)
