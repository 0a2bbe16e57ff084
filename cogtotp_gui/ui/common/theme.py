"""High contrast: a palette for ``--high-contrast``, and knowing when one is on.

Widgets that set colours of their own (message banners, the red lines under
wrong fields) ask :func:`high_contrast` and then keep to the palette, so the
operating system's or ``--high-contrast``'s colours win. Nothing in the app
tells anything by colour alone: banners carry an icon and a word ("Error",
"Warning"), wrong fields a sentence.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Set on the application by apply_high_contrast(); read by high_contrast().
PROPERTY = "cogtotpHighContrast"

BLACK = QColor(0, 0, 0)
WHITE = QColor(255, 255, 255)
YELLOW = QColor(255, 255, 0)
CYAN = QColor(0, 255, 255)
GREY = QColor(160, 160, 160)


def high_contrast_palette() -> QPalette:
    """White text on black, yellow for what is selected or a link, and
    disabled text in a grey that still reads (7:1 on black)."""
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        text = GREY if group is QPalette.ColorGroup.Disabled else WHITE
        palette.setColor(group, QPalette.ColorRole.Window, BLACK)
        palette.setColor(group, QPalette.ColorRole.WindowText, text)
        palette.setColor(group, QPalette.ColorRole.Base, BLACK)
        palette.setColor(group, QPalette.ColorRole.AlternateBase, BLACK)
        palette.setColor(group, QPalette.ColorRole.Text, text)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, GREY)
        palette.setColor(group, QPalette.ColorRole.Button, BLACK)
        palette.setColor(group, QPalette.ColorRole.ButtonText, text)
        palette.setColor(group, QPalette.ColorRole.BrightText, YELLOW)
        palette.setColor(group, QPalette.ColorRole.Highlight, YELLOW)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, BLACK)
        palette.setColor(group, QPalette.ColorRole.Link, CYAN)
        palette.setColor(group, QPalette.ColorRole.LinkVisited, CYAN)
        palette.setColor(group, QPalette.ColorRole.ToolTipBase, BLACK)
        palette.setColor(group, QPalette.ColorRole.ToolTipText, WHITE)
        palette.setColor(group, QPalette.ColorRole.Light, WHITE)
        palette.setColor(group, QPalette.ColorRole.Midlight, WHITE)
        palette.setColor(group, QPalette.ColorRole.Mid, WHITE)
        palette.setColor(group, QPalette.ColorRole.Dark, WHITE)
        palette.setColor(group, QPalette.ColorRole.Shadow, WHITE)
    return palette


# Fusion draws the outlines of fields, buttons and radio buttons in a darker
# shade of the window colour: on black, darker is black, and every field
# would be invisible until focused. So outlines are drawn in the text
# colour, and what has focus (or is the default button) in the highlight.
# Progress bars likewise: an outline in the text colour, the chunk in the
# highlight (their text, one colour on both, is better hidden).
HIGH_CONTRAST_STYLE = """
QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit {
    border: 1px solid palette(window-text); padding: 2px;
}
QPushButton, QToolButton {
    border: 1px solid palette(window-text); border-radius: 3px; padding: 4px 12px;
}
QToolButton { padding: 2px 6px; }
QPushButton:default { border: 2px solid palette(highlight); }
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QAbstractItemView:focus,
QPushButton:focus, QToolButton:focus {
    border: 2px solid palette(highlight);
}
QPushButton:disabled, QToolButton:disabled, QLineEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled {
    border: 1px dashed palette(mid);
}
QRadioButton::indicator, QCheckBox::indicator {
    width: 12px; height: 12px; border: 2px solid palette(window-text); background: palette(base);
}
QRadioButton::indicator { border-radius: 8px; }
QRadioButton::indicator:checked, QCheckBox::indicator:checked { background: palette(highlight); }
QRadioButton:focus, QCheckBox:focus { outline: 1px solid palette(highlight); }
QProgressBar { border: 1px solid palette(window-text); background: palette(base); }
QProgressBar::chunk { background: palette(highlight); }
QComboBox::drop-down {
    subcontrol-origin: padding; subcontrol-position: top right; width: 18px;
    border-left: 1px solid palette(window-text);
}
QComboBox::down-arrow { image: url(ARROW_DOWN); width: 10px; height: 10px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {
    subcontrol-origin: border; width: 18px; border-left: 1px solid palette(window-text);
}
QAbstractSpinBox::up-button { subcontrol-position: top right; border-bottom: 1px solid palette(window-text); }
QAbstractSpinBox::down-button { subcontrol-position: bottom right; }
QAbstractSpinBox::up-arrow { image: url(ARROW_UP); width: 8px; height: 8px; }
QAbstractSpinBox::down-arrow { image: url(ARROW_DOWN); width: 8px; height: 8px; }
"""


def high_contrast_style() -> str:
    """:data:`HIGH_CONTRAST_STYLE` with the arrows' image files filled in."""
    from pathlib import Path

    from cogtotp_gui.ui.common.assets import asset_path

    def url(name: str) -> str:
        return Path(asset_path("icons", name)).as_posix()  # Qt wants forward slashes, on Windows too

    return HIGH_CONTRAST_STYLE.replace("ARROW_DOWN", url("arrow-down-hc.svg")).replace(
        "ARROW_UP", url("arrow-up-hc.svg")
    )


def apply_high_contrast(app: QGuiApplication) -> None:
    """Use :func:`high_contrast_palette` everywhere (``--high-contrast``)."""
    app.setProperty(PROPERTY, True)
    # Fusion draws from the palette; some native styles ignore it.
    if hasattr(app, "setStyle") and app.style().name().lower() != "fusion":  # type: ignore[attr-defined]  # QApplication only
        app.setStyle("Fusion")
    app.setPalette(high_contrast_palette())
    if hasattr(app, "setStyleSheet"):
        app.setStyleSheet(high_contrast_style())


def high_contrast() -> bool:
    """Whether colours must come from the palette only.

    True with ``--high-contrast``, or when the platform reports that the
    user asked for more contrast (Windows' contrast themes, macOS
    "Increase contrast"; Qt 6.10+).
    """
    app = QGuiApplication.instance()
    if app is None:
        return False
    if app.property(PROPERTY):
        return True
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    try:
        return accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    except (AttributeError, RuntimeError):
        return False
