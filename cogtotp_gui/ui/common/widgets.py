"""Small widgets the pages share: the message banner, the busy row, inputs."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QFocusEvent, QIcon, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cogtotp_gui.ui.common.assets import ASSETS

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QMenu, QStyle

# Neither ``Qt`` nor QStyle nor QAccessible at module level: PySide builds the
# Python classes of a type's enums the first time the type is used (~20 ms for
# the 93 enums of the Qt namespace), and what the first page uses must not pay
# that before the first paint. Code that runs later imports them where needed.


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set a property whose type is an enum of the Qt namespace, by key names:
    ``set_enum_property(form, "labelAlignment", "AlignRight|AlignVCenter")``
    does ``form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | ...)``.

    For what is built before the first paint: Qt's property system takes the
    names, so ``PySide6.QtCore.Qt`` and its 93 enum classes stay unbuilt.

    Raises:
        ValueError: ``obj`` has no such property, or ``keys`` names no value.
    """
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__}.{name} cannot be set to {keys!r}")


def show_plain(*widgets: QWidget) -> None:
    """Show these labels, or every label of these message boxes and dialogs,
    as plain text.

    A QLabel guesses whether its text is HTML: a username, a roster line or a
    file name with markup in it would be rendered (local images included).
    Every label that shows such a value goes through here (docs/security.md,
    "Names are shown as typed"). Call it on a message box after its texts are
    set: QMessageBox makes its informative label only then.
    """
    for widget in widgets:
        labels = widget.findChildren(QLabel)
        if isinstance(widget, QLabel):
            labels.insert(0, widget)
        for label in labels:
            # By name: no Qt.TextFormat, whose enums would be built before the first paint.
            set_enum_property(label, "textFormat", "PlainText")


def as_typed(text: str) -> str:
    """``text`` for a label we cannot make plain (the label of Qt's static
    ``QInputDialog.getText``): HTML that shows the text exactly as typed."""
    import html

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def icon(name: str) -> QIcon:
    """An icon from ``cogtotp_gui/assets/icons``; its white ``-hc`` variant
    under ``--high-contrast`` (dark grey would vanish on black)."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None and app.property("cogtotpHighContrast"):  # theme.PROPERTY, without importing theme
        variant = os.path.join(ASSETS, "icons", f"{name}-hc.svg")
        if os.path.exists(variant):
            return QIcon(variant)
    return QIcon(os.path.join(ASSETS, "icons", f"{name}.svg"))


def fixed_font(point_scale: float = 1.0) -> QFont:
    from PySide6.QtGui import QFontDatabase  # not before the first paint: QFont's enums cost ~2 ms

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if point_scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * point_scale)
    return font


class BannerKind(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _banner_style(kind: BannerKind) -> tuple[str, str, QStyle.StandardPixmap]:
    """Background, border and icon of a banner of this kind."""
    from PySide6.QtWidgets import QStyle

    # Colour is only a second cue: every banner also has an icon and words.
    return {
        BannerKind.ERROR: ("#fdecea", "#d93025", QStyle.StandardPixmap.SP_MessageBoxCritical),
        BannerKind.WARNING: ("#fff4e5", "#e37400", QStyle.StandardPixmap.SP_MessageBoxWarning),
        BannerKind.INFO: ("#e8f0fe", "#1a73e8", QStyle.StandardPixmap.SP_MessageBoxInformation),
    }[kind]


def error_text_style() -> str:
    """The style of a line saying what is wrong with a field: red, unless
    high contrast asks for the palette's own colours (red on black is
    unreadable). The sentence itself says what is wrong; red only helps."""
    from cogtotp_gui.ui.common.theme import high_contrast

    return "" if high_contrast() else "color: #b3261e;"


# What show_translated() calls again after a language change.
BannerRender = Callable[[], "dict[str, Any]"]


class MessageBanner(QFrame):
    """An inline message with icon, text, optional hint, details and action.

    A message shown with :meth:`show_translated` is rendered again when the
    language changes; one shown with :meth:`show_message` stays as it is.

    Signals:
        action_triggered(): the action button was pressed.
    """

    action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.kind = BannerKind.INFO

        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self._text = QLabel(self)
        self._text.setObjectName("bannerText")
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint = QLabel(self)
        self._hint.setObjectName("bannerHint")
        self._hint.setWordWrap(True)
        self._details_toggle = QToolButton(self)
        self._details_toggle.setObjectName("bannerDetailsToggle")
        self._details_toggle.setCheckable(True)
        self._details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self._details_toggle.setAutoRaise(True)
        self._details_toggle.toggled.connect(self._on_details_toggled)
        self._details = QLabel(self)
        self._details.setObjectName("bannerDetails")
        self._details.setWordWrap(True)
        self._details.setFont(fixed_font())
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details.setVisible(False)
        # Errors may quote a username or a file name: shown as typed.
        show_plain(self._text, self._hint, self._details)
        self._action = QPushButton(self)
        self._action.setObjectName("bannerAction")
        # Enter must keep meaning "Next", never this button.
        self._action.setAutoDefault(False)
        self._action.clicked.connect(self.action_triggered)
        self._action_callback: Callable[[], object] | None = None
        self._render: BannerRender | None = None

        text_column = QVBoxLayout()
        text_column.setSpacing(4)
        text_column.addWidget(self._text)
        text_column.addWidget(self._hint)
        footer = QHBoxLayout()
        footer.addWidget(self._details_toggle)
        footer.addStretch(1)
        footer.addWidget(self._action)
        text_column.addLayout(footer)
        text_column.addWidget(self._details)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.addWidget(self._icon)
        row.addLayout(text_column, 1)
        self.action_triggered.connect(self._on_action_triggered)
        self._retranslate()
        self.setVisible(False)

    def _retranslate(self) -> None:
        self._details_toggle.setText(self.tr("Details"))
        self._details_toggle.setAccessibleName(self.tr("Show error details"))
        self._details_toggle.setAccessibleDescription(
            self.tr("Shows the error code and the service's own words, for IT")
        )
        self._details.setAccessibleName(self.tr("Error details"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._render is not None and not self.isHidden():
                opened = self._details_toggle.isChecked()
                self.show_message(**self._render(), render=self._render, announce=False)
                self._details_toggle.setChecked(opened)
        super().changeEvent(event)

    # -- API -------------------------------------------------------------------

    def show_message(
        self,
        kind: BannerKind,
        text: str,
        *,
        hint: str = "",
        details: str = "",
        action_text: str = "",
        action: Callable[[], object] | None = None,
        render: BannerRender | None = None,
        announce: bool = True,
    ) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleEvent
        from PySide6.QtWidgets import QStyle

        from cogtotp_gui.ui.common.theme import high_contrast

        self.kind = kind
        self._render = render
        background, border, pixmap = _banner_style(kind)
        selector = f"QFrame#{self.objectName() or 'messageBanner'}"
        if high_contrast():
            # The palette's colours only; a heavier frame instead of a tint.
            self.setStyleSheet(
                f"{selector} {{ background: palette(window); border: 2px solid palette(window-text); border-radius: 4px; }}"
            )
        else:
            self.setStyleSheet(
                f"{selector} {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
                f"{selector} QLabel {{ background: transparent; color: #202124; }}"
            )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) * 2
        self._icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self._text.setText(text)
        self._hint.setText(hint)
        self._hint.setVisible(bool(hint))
        self._details.setText(details)
        self._details_toggle.setChecked(False)
        self._details_toggle.setVisible(bool(details))
        self._action_callback = action
        self._action.setText(action_text)
        self._action.setAccessibleName(action_text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
        self._action.setVisible(action is not None)
        kind_name = {
            BannerKind.ERROR: self.tr("Error"),
            BannerKind.WARNING: self.tr("Warning"),
            BannerKind.INFO: self.tr("Information"),
        }[kind]
        self.setAccessibleName(kind_name)
        self.setAccessibleDescription(text)
        self.setVisible(True)
        if announce and kind is not BannerKind.INFO:
            # Screen readers announce alerts; a banner appearing silently
            # would be missed by someone who cannot see it.
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def show_translated(self, render: BannerRender) -> None:
        """Show what ``render()`` returns (the keyword arguments of
        :meth:`show_message`), and render it again after a language change."""
        self.show_message(**render(), render=render)

    def clear(self) -> None:
        self._render = None
        self._action_callback = None
        self._text.clear()
        self._hint.clear()
        self._details.clear()
        self.setVisible(False)

    @property
    def text(self) -> str:
        parent = self.parentWidget()
        return self._text.text() if parent is not None and self.isVisibleTo(parent) else ""

    @property
    def hint(self) -> str:
        return self._hint.text()

    @property
    def details(self) -> str:
        return self._details.text()

    @property
    def action_button(self) -> QPushButton:
        return self._action

    @property
    def details_toggle(self) -> QToolButton:
        return self._details_toggle

    # -- slots -------------------------------------------------------------------

    @Slot(bool)
    def _on_details_toggled(self, shown: bool) -> None:
        from PySide6.QtCore import Qt

        self._details.setVisible(shown)
        self._details_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    @Slot()
    def _on_action_triggered(self) -> None:
        if self._action_callback is not None:
            self._action_callback()


class BusyIndicator(QWidget):
    """An indeterminate progress bar with a sentence saying what is going on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self._label = QLabel(self)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 0)
        self._bar.setTextVisible(False)
        self._bar.setMaximumWidth(160)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._bar)
        row.addWidget(self._label, 1)
        self._retranslate()
        self.setVisible(False)

    def _retranslate(self) -> None:
        self._bar.setAccessibleName(self.tr("Working"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()  # the sentence is set again by the page
        super().changeEvent(event)

    def start(self, text: str) -> None:
        self._label.setText(text)
        self._bar.setAccessibleDescription(text)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)

    @property
    def text(self) -> str:
        return self._label.text()


def wipe_text(edit: QLineEdit) -> None:
    """Empty ``edit`` so that no undo can bring its text back.

    ``QLineEdit.clear()`` is recorded as an undoable edit (Ctrl+Z restores
    what was wiped, a revealed password included); ``setText()`` drops the
    undo and redo history. Every wipe of a field goes through here
    (docs/security.md, "Wiped fields keep no undo history").
    """
    edit.setText("")


def _is_undo_or_redo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)


class CodeLineEdit(QLineEdit):
    """A field for a 6-digit code.

    No validator or input mask on purpose: people paste ``123 456`` or type
    full-width digits, and the core normalises both. The field only keeps
    the length sane and looks like a code field. :meth:`clear` leaves no
    undo history (:func:`wipe_text`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setMaxLength(24)
        self.setFont(fixed_font(1.4))
        self.setPlaceholderText("123456")
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        width = self.fontMetrics().horizontalAdvance("0000 0000") + 24
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)

    def clear(self) -> None:
        wipe_text(self)


class SecretLineEdit(QLineEdit):
    """A masked field for a password or a client secret.

    Undo and redo are refused altogether (keys and context menu: QLineEdit
    has no switch for it), and :meth:`clear` leaves no undo history: a
    wiped secret cannot come back, even once the field is revealed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        set_enum_property(self, "inputMethodHints", "ImhSensitiveData|ImhNoPredictiveText")
        # The mask's dots are wide and start at the frame: a little room on
        # the left, and a long value (an app client secret has 51
        # characters) shows its first dots whole, not the end with the
        # first one cut in half (issue 15).
        margins = self.textMargins()
        self.setTextMargins(max(margins.left(), 3), margins.top(), margins.right(), margins.bottom())

    def clear(self) -> None:
        wipe_text(self)

    def setText(self, text: str | None) -> None:
        super().setText(text)
        if not self.hasFocus():
            self.setCursorPosition(0)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setCursorPosition(0)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_or_redo(event):  # type: ignore[arg-type]  # a ShortcutOverride is a QKeyEvent
            # Ours, so that no window-wide Undo acts instead; keyPressEvent drops it.
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_undo_or_redo(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        from PySide6.QtCore import Qt

        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)
                action.deleteLater()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        event.accept()


class PasswordLineEdit(SecretLineEdit):
    """A masked field with a show/hide action (Alt+S while focused)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle_action = QAction(self)
        self.toggle_action.setObjectName("showPasswordAction")
        self.toggle_action.setCheckable(True)
        # setShortcuts(), as PySide resolves setShortcut()'s overloads
        # through the Qt namespace (see set_enum_property).
        self.toggle_action.setShortcuts([QKeySequence("Alt+S")])
        set_enum_property(self.toggle_action, "shortcutContext", "WidgetShortcut")
        self.toggle_action.toggled.connect(self._on_toggle_action_toggled)
        self.addAction(self.toggle_action, QLineEdit.ActionPosition.TrailingPosition)
        self._on_toggle_action_toggled(False)

    @property
    def revealed(self) -> bool:
        return self.echoMode() == QLineEdit.EchoMode.Normal

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._on_toggle_action_toggled(self.revealed)
        super().changeEvent(event)

    def conceal(self) -> None:
        self.toggle_action.setChecked(False)

    @Slot(bool)
    def _on_toggle_action_toggled(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle_action.setIcon(icon("eye-off" if shown else "eye"))
        text = self.tr("Hide password (Alt+S)") if shown else self.tr("Show password (Alt+S)")
        self.toggle_action.setText(text)
        self.toggle_action.setToolTip(text)
        # The button Qt puts in the field for the action: named for screen readers.
        for button in self.findChildren(QToolButton):
            button.setAccessibleName(text)


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" instead of widening the window;
    the full text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full_text = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    @property
    def full_text(self) -> str:
        return self._full_text

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.width())
        # Until its window shows, the label has no real width (a resize event
        # comes then), and a text that fits needs no eliding: in both cases
        # no Qt.TextElideMode, so nothing of the Qt namespace is built before
        # the first paint (see set_enum_property). fontMetrics(), not
        # QFontMetricsF(self.font()): a QFont object would build QFont's
        # enum classes (~1.5 ms) before the first paint.
        if not self.window().isVisible() or self.fontMetrics().horizontalAdvance(self._full_text) <= width:
            self.setText(self._full_text)
            return
        from PySide6.QtCore import Qt

        self.setText(self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideMiddle, width))


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A secondary, word-wrapped explanation under a field or heading."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("hintLabel")
    palette_role = label.foregroundRole()
    palette = label.palette()
    color = palette.color(palette_role)
    color.setAlpha(190)
    palette.setColor(palette_role, color)
    label.setPalette(palette)
    return label


def menu_action(menu: QMenu, parent: QObject, name: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
    """An action added to ``menu``: its object name, its key (``shortcut``,
    a portable key sequence), ``slot`` on trigger. Its text is the caller's
    to set (and set again after a language change)."""
    action = QAction(parent)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action
