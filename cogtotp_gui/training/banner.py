"""The banner across the top of the wizard in training mode.

It must be impossible to mistake training for the real thing: amber with
hazard stripes along both edges, bold words, and a warning icon, so the
message does not rest on colour alone. It also holds the training actions:
the training users, the phone, and "Reset training data".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPolygonF
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

_AMBER = QColor("#ffc107")
_AMBER_DARK = QColor("#2b2100")  # stripes and text: 12:1 contrast on amber
_STRIPE_HEIGHT = 6
_STRIPE_WIDTH = 12


class _WarningSign(QWidget):
    """A dark warning triangle with "!": the style's own warning icon is
    yellow, which disappears on amber."""

    def sizeHint(self) -> QSize:
        side = self.fontMetrics().height() * 2 + 4
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 2
        left = (self.width() - side) / 2
        top = (self.height() - side) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_AMBER_DARK)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(left + side / 2, top + side * 0.04),
                    QPointF(left + side, top + side * 0.94),
                    QPointF(left, top + side * 0.94),
                ]
            )
        )
        painter.setBrush(_AMBER)
        bar_width = side * 0.11
        centre = left + side / 2
        painter.drawRoundedRect(
            QRectF(centre - bar_width / 2, top + side * 0.34, bar_width, side * 0.32), bar_width / 3, bar_width / 3
        )
        painter.drawEllipse(QPointF(centre, top + side * 0.78), bar_width * 0.6, bar_width * 0.6)
        painter.end()


class TrainingBanner(QFrame):
    """ "TRAINING" across the top of the wizard, with the training actions.

    Attributes:
        users_button, phone_button, reset_button: the actions' buttons.

    Signals:
        users_requested(): show the training users.
        phone_requested(): show (raise) the training phone.
        reset_requested(): reset the training data.
    """

    users_requested = Signal()
    phone_requested = Signal()
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Fixed colours on purpose: the banner must look the same in a dark theme.
        palette = self.palette()
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, _AMBER_DARK)
        self.setPalette(palette)

        icon = _WarningSign()
        self._icon = icon

        self.title = QLabel()
        self.title.setObjectName("trainingBannerTitle")
        font = self.title.font()
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("trainingBannerDetail")
        self.detail.setWordWrap(True)
        detail_font = self.detail.font()
        detail_font.setBold(True)
        self.detail.setFont(detail_font)
        self.status = QLabel()
        self.status.setObjectName("trainingBannerStatus")
        self.status.setWordWrap(True)

        # No mnemonics: the Training menu (Alt+T) holds the same actions,
        # with Ctrl+Shift+U and Ctrl+Shift+P, and every free letter is the
        # wizard pages' (issue 15: Alt+H, Alt+U, Alt+R clashed).
        self.users_button = self._button("trainingUsersButton")
        self.phone_button = self._button("trainingPhoneButton")
        self.reset_button = self._button("trainingResetButton")
        self.users_button.clicked.connect(self.users_requested)
        self.phone_button.clicked.connect(self.phone_requested)
        self.reset_button.clicked.connect(self.reset_requested)

        # Title and buttons on the first row, the sentences below across the
        # whole width, so a longer translation wraps instead of being cut.
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.users_button, self.phone_button, self.reset_button):
            buttons.addWidget(button)
        layout = QGridLayout(self)
        layout.setContentsMargins(12, _STRIPE_HEIGHT + 6, 12, _STRIPE_HEIGHT + 6)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        icon.setFixedSize(icon.sizeHint())
        layout.addWidget(icon, 0, 0, 3, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.title, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(buttons, 0, 2, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.detail, 1, 1, 1, 2)
        layout.addWidget(self.status, 2, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self.retranslate()
        self.set_ready(False)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Training mode"))
        self._icon.setAccessibleName(self.tr("Warning"))
        self.title.setText(self.tr("TRAINING MODE"))
        self.detail.setText(self.tr("Practice pool on this computer. No real account is changed."))
        for button, text, accessible in (
            (self.users_button, self.tr("Training users…"), self.tr("Show the training users and their passwords")),
            (self.phone_button, self.tr("Phone"), self.tr("Show the training phone")),
            (
                self.reset_button,
                self.tr("Reset training data"),
                self.tr("Undo every change and start the training again"),
            ),
        ):
            button.setText(text)
            button.setAccessibleName(accessible)
            button.setToolTip(accessible)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        # Banner buttons must not steal Enter from the wizard's Next.
        button.setAutoDefault(False)
        button.setDefault(False)
        # The standard palette, not the banner's, so buttons look like buttons.
        button.setPalette(self.style().standardPalette())
        return button

    def set_ready(self, ready: bool, message: str = "") -> None:
        """Enable the actions once the training pool exists.

        ``message`` is for what must not be missed (the pool failed); the
        progress of starting and resetting shows in place of the wizard.
        """
        for button in (self.users_button, self.phone_button, self.reset_button):
            button.setEnabled(ready)
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _AMBER)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(_AMBER_DARK))
        width = self.width()
        for top in (0, self.height() - _STRIPE_HEIGHT):
            bottom = top + _STRIPE_HEIGHT
            x = -_STRIPE_HEIGHT
            while x < width:
                painter.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(x, bottom),
                            QPointF(x + _STRIPE_HEIGHT, top),
                            QPointF(x + _STRIPE_HEIGHT + _STRIPE_WIDTH / 2, top),
                            QPointF(x + _STRIPE_WIDTH / 2, bottom),
                        ]
                    )
                )
                x += _STRIPE_WIDTH
        painter.end()
