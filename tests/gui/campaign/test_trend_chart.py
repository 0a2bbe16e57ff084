"""The reusable trend chart (issue 23): where it draws the series and its projection, and its empty state."""

from __future__ import annotations

from PySide6.QtGui import QColor

from cogtotp_gui.campaign.trend import DAY, Point, trend
from cogtotp_gui.ui.campaign.trend_chart import LINE_COLOUR, TrendChart
from cogtotp_gui.ui.common import theme


def _chart(qtbot, series, bars=None):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(420, 180)
    chart.set_data(trend(series), bars)
    chart.show()
    return chart


def test_the_projection_reaches_zero_at_the_estimated_finish(qtbot):
    chart = _chart(qtbot, [Point(0, 1000), Point(DAY, 900), Point(2 * DAY, 800)], [Point(DAY, 40)])
    start, end = chart.time_range()
    assert start == 0 and end == 10 * DAY  # the axis runs to the finish date
    top = 1000
    finish = chart.position(10 * DAY, 0, top)
    rect = chart.plot_rect()
    assert finish.x() == rect.right() and finish.y() == rect.bottom()
    image = chart.grab().toImage()
    last = chart.position(2 * DAY, 800, top)
    colour = QColor(image.pixel(int(last.x()), int(last.y())))
    assert colour.red() > 150 and colour.green() < 100  # the SMS line's red dot
    assert QColor(LINE_COLOUR).red() > 150


def test_fewer_than_two_points_show_the_empty_text(qtbot):
    chart = _chart(qtbot, [Point(0, 5)])
    chart.set_empty_text("The trend shows after two scans.")
    image = chart.grab().toImage()
    assert chart._trend.finish is None
    # Nothing but text: no red line anywhere.
    reds = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if QColor(image.pixel(x, y)).red() > 150 and QColor(image.pixel(x, y)).green() < 80
    )
    assert reds == 0


def test_high_contrast_draws_in_the_text_colour_only(qtbot, monkeypatch):
    monkeypatch.setattr(theme, "high_contrast", lambda: True)
    from cogtotp_gui.ui.campaign import trend_chart

    monkeypatch.setattr(trend_chart, "high_contrast", lambda: True)
    chart = _chart(qtbot, [Point(0, 1000), Point(DAY, 900)])
    image = chart.grab().toImage()
    text = chart.palette().windowText().color()
    point = chart.position(DAY, 900, 1000)
    assert QColor(image.pixel(int(point.x()), int(point.y()))) == text
    colours = {
        QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    }
    assert QColor(LINE_COLOUR).name() not in colours
