"""A count over time with its projection to zero, and a second count as daily bars: one painted widget.

Used by the Migration window (users still on SMS after each scan; users
enrolled per day) and meant for the team campaign's view: it takes plain
:class:`~cogtotp_gui.campaign.trend.Trend` values and draws them, nothing
more. The line is the main series with a dot at each point; a dashed line
continues it at the current pace to the estimated finish; the bars along
the bottom are the second series, on their own scale. In high contrast
everything is drawn in the palette's text colour (line solid, projection
dashed, bars hatched), as the bar chart is.
"""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from cogtotp_gui.campaign.trend import DAY, Point, Trend
from cogtotp_gui.ui.common.theme import high_contrast

LINE_COLOUR = "#c0392b"  # the SMS colour of the bar chart
BAR_COLOUR = "#1e8449"  # the authenticator colour


class TrendChart(QWidget):
    """Paint ``trend`` (a line projected to its finish) over ``bars`` (a count a day)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trend = Trend((), None, None)
        self._bars: list[Point] = []
        self._empty_text = ""
        self._legend = ("", "")
        self.setMinimumHeight(140)

    def set_data(self, trend: Trend, bars: list[Point] | None = None) -> None:
        self._trend = trend
        self._bars = list(bars or [])
        self.update()

    def set_legend(self, line: str, bars: str) -> None:
        """The names of the line and of the bars, drawn in the top right corner."""
        self._legend = (line, bars)
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says while it has fewer than two points to draw."""
        self._empty_text = text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    # -- geometry (public for tests: where things are drawn) ------------------------------

    def time_range(self) -> tuple[float, float]:
        moments = [p.when for p in self._trend.points] + [p.when for p in self._bars]
        if self._trend.finish is not None:
            moments.append(self._trend.finish)
        if not moments:
            now = time.time()
            return now - DAY, now
        start, end = min(moments), max(moments)
        return (start, end) if end > start else (start - DAY / 2, end + DAY / 2)

    def plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("0000000") + 8
        return QRectF(left, 6, max(10.0, self.width() - left - 10), max(10.0, self.height() - metrics.height() - 14))

    def position(self, when: float, value: float, top: float) -> QPointF:
        rect = self.plot_rect()
        start, end = self.time_range()
        x = rect.left() + rect.width() * (when - start) / (end - start)
        y = rect.bottom() - rect.height() * (value / top if top > 0 else 0)
        return QPointF(x, y)

    def _top(self) -> float:
        return max([p.value for p in self._trend.points] + [1.0])

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        contrast = high_contrast()
        text = self.palette().windowText().color()
        line = text if contrast else QColor(LINE_COLOUR)
        bar = text if contrast else QColor(BAR_COLOUR)
        rect = self.plot_rect()
        points = self._trend.points
        if len(points) < 2 and not self._bars:
            painter.setPen(text)
            painter.drawText(
                QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text
            )
            painter.end()
            return
        top = self._top()
        # Axes: the top value and 0 on the left, the first and last dates below.
        painter.setPen(QPen(text, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())
        metrics = painter.fontMetrics()
        painter.drawText(
            QRectF(0, rect.top() - 2, rect.left() - 4, metrics.height()),
            Qt.AlignmentFlag.AlignRight,
            f"{int(top):,}",
        )
        painter.drawText(
            QRectF(0, rect.bottom() - metrics.height(), rect.left() - 4, metrics.height()),
            Qt.AlignmentFlag.AlignRight,
            "0",
        )
        start, end = self.time_range()
        below = QRectF(rect.left(), rect.bottom() + 2, rect.width(), metrics.height() + 4)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, time.strftime("%Y-%m-%d", time.localtime(start)))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, time.strftime("%Y-%m-%d", time.localtime(end)))
        # The second series: bars a day wide, on their own scale (a quarter of the height at most).
        if self._bars:
            most = max(p.value for p in self._bars) or 1
            day_w = max(2.0, rect.width() * DAY / (end - start) * 0.8)
            brush = QBrush(bar, Qt.BrushStyle.BDiagPattern if contrast else Qt.BrushStyle.SolidPattern)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            for p in self._bars:
                height = rect.height() / 4 * p.value / most
                x = self.position(p.when, 0, top).x()
                bar_rect = QRectF(x, rect.bottom() - height, day_w, height)
                painter.fillRect(bar_rect, brush)
                if contrast:
                    painter.setPen(QPen(text, 1))
                    painter.drawRect(bar_rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The main series and its projection.
        pen = QPen(line, 2)
        painter.setPen(pen)
        for a, b in itertools.pairwise(points):
            painter.drawLine(self.position(a.when, a.value, top), self.position(b.when, b.value, top))
        painter.setBrush(QBrush(line))
        for p in points:
            painter.drawEllipse(self.position(p.when, p.value, top), 3, 3)
        last = self._trend.last
        if last is not None and self._trend.finish is not None and self._trend.finish > last.when:
            dashed = QPen(line, 2, Qt.PenStyle.DashLine)
            painter.setPen(dashed)
            painter.drawLine(self.position(last.when, last.value, top), self.position(self._trend.finish, 0, top))
        self._paint_legend(painter, text, line, bar, contrast)
        painter.end()

    def _paint_legend(self, painter: QPainter, text: QColor, line: QColor, bar: QColor, contrast: bool) -> None:
        line_text, bar_text = self._legend
        metrics = painter.fontMetrics()
        rect = self.plot_rect()
        height = metrics.height()
        y = rect.top()
        for label, kind in ((line_text, "line"), (bar_text, "bar") if self._bars else ("", "")):
            if not label:
                continue
            width = metrics.horizontalAdvance(label)
            x = rect.right() - width
            painter.setPen(text)
            painter.drawText(QRectF(x, y, width, height), Qt.AlignmentFlag.AlignLeft, label)
            sample = QRectF(x - 26, y + height / 2 - 4, 20, 8)
            if kind == "line":
                painter.setPen(QPen(line, 2))
                painter.drawLine(
                    QPointF(sample.left(), sample.center().y()), QPointF(sample.right(), sample.center().y())
                )
            else:
                brush = QBrush(bar, Qt.BrushStyle.BDiagPattern if contrast else Qt.BrushStyle.SolidPattern)
                painter.fillRect(sample, brush)
                if contrast:
                    painter.setPen(QPen(text, 1))
                    painter.drawRect(sample)
            y += height + 2
