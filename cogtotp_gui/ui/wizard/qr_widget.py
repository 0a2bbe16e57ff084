"""A QR code painted module by module with QPainter.

No image library: the ``qrcode`` package only computes the matrix
(``enrollment/qr.py``, Qt-free), and each
paint fills whole device pixels per module, so the code stays sharp at any
size and any scale factor (a blurry edge is what makes phone cameras fail).
The four-module quiet zone the standard requires is always kept, and the
code stays square and centred however the widget is stretched.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from cogtotp_gui.enrollment.qr import QUIET_ZONE, qr_matrix

MIN_MODULE_PX = 3  # below this, phone cameras struggle


class QrCodeWidget(QWidget):
    """Shows one QR code, as large as the space allows, always square."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("QR code for the authenticator app"))
        self.setAccessibleDescription(self.tr("Scan it with the authenticator app on the user's phone"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------

    def set_text(self, text: str | None) -> None:
        """Encode ``text`` (the otpauth URI); ``None`` or "" clears the code.

        Encoding takes ~8 ms on this thread; ``set_matrix`` with a matrix
        built on a worker does not.
        """
        self.set_matrix(qr_matrix(text) if text else None)

    def set_matrix(self, matrix: list[list[bool]] | None) -> None:
        """Show a matrix from :func:`qr_matrix`; ``None`` or [] clears the code."""
        self._matrix = list(matrix) if matrix else []
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_text(None)

    @property
    def module_count(self) -> int:
        """Modules per side including the quiet zone (0 when empty)."""
        return len(self._matrix) + 2 * QUIET_ZONE if self._matrix else 0

    # -- geometry ------------------------------------------------------------

    def _modules_for_size(self) -> int:
        # Version 4-ish (33 modules) is typical for an otpauth URI.
        return self.module_count or 41

    def minimumSizeHint(self) -> QSize:
        side = self._modules_for_size() * MIN_MODULE_PX
        return QSize(side, side)

    def sizeHint(self) -> QSize:
        side = self._modules_for_size() * 5
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def code_rect(self) -> QRect:
        """Where the code (quiet zone included) is painted, in logical pixels."""
        ratio = self.devicePixelRatioF()
        modules = self.module_count
        if not modules:
            return QRect()
        module_px = self._module_device_px(ratio)
        side = module_px * modules / ratio
        x = (self.width() - side) / 2
        y = (self.height() - side) / 2
        return QRect(int(x), int(y), math.ceil(side), math.ceil(side))

    def _module_device_px(self, ratio: float) -> int:
        available = math.floor(min(self.width(), self.height()) * ratio)
        return max(1, available // self.module_count)

    # -- painting ------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        ratio = self.devicePixelRatioF()
        module_px = self._module_device_px(ratio)
        modules = self.module_count
        side_px = module_px * modules
        # Work in device pixels so every module edge falls on a pixel edge.
        origin_x = (math.floor(self.width() * ratio) - side_px) // 2
        origin_y = (math.floor(self.height() * ratio) - side_px) // 2

        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.scale(1 / ratio, 1 / ratio)
            # Always black on white, whatever the theme: scanners expect it.
            painter.fillRect(origin_x, origin_y, side_px, side_px, QColor(Qt.GlobalColor.white))
            black = QColor(Qt.GlobalColor.black)
            top = origin_y + QUIET_ZONE * module_px
            left = origin_x + QUIET_ZONE * module_px
            for row_index, row in enumerate(self._matrix):
                y = top + row_index * module_px
                run_start = -1
                # One rectangle per horizontal run of dark modules.
                for col_index, dark in enumerate([*row, False]):
                    if dark and run_start < 0:
                        run_start = col_index
                    elif not dark and run_start >= 0:
                        painter.fillRect(
                            left + run_start * module_px, y, (col_index - run_start) * module_px, module_px, black
                        )
                        run_start = -1
        finally:
            painter.end()
