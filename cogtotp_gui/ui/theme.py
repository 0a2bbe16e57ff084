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


def apply_high_contrast(app: QGuiApplication) -> None:
    """Use :func:`high_contrast_palette` everywhere (``--high-contrast``)."""
    app.setProperty(PROPERTY, True)
    # Fusion draws frames and focus rectangles from the palette; some
    # native styles ignore it.
    if hasattr(app, "setStyle"):
        app.setStyle("Fusion")  # type: ignore[attr-defined]
    app.setPalette(high_contrast_palette())


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
