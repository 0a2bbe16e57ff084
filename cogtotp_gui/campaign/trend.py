"""Progress over time: a count's trend and when it reaches zero (Qt-free, no I/O).

The Migration window, ``cogtotp-gui inventory --history`` and the team
campaign's view all ask the same two questions of a series of counts (users
still on SMS after each scan; users enrolled per day): at what pace does it
move, and when, at that pace, is nobody left? This module answers them from
plain numbers, so each caller brings its own data.

The pace is the least-squares slope of the series over its last
:data:`PACE_WINDOW_DAYS` (older points say little about today's pace); the
finish is the last count divided by that pace, from the last point. No
estimate is given with fewer than two points, a span under an hour, or a
count that does not fall.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["DAY", "PACE_WINDOW_DAYS", "Point", "Trend", "daily_totals", "trend"]

DAY = 86_400.0
PACE_WINDOW_DAYS = 28.0
MIN_SPAN_S = 3600.0


@dataclass(frozen=True)
class Point:
    """A count at a moment (Unix seconds)."""

    when: float
    value: float


@dataclass(frozen=True)
class Trend:
    """A series, its pace and its estimated finish.

    Attributes:
        points: the series, oldest first.
        per_day: the change a day (negative: falling), or None if unknown.
        finish: when the count reaches zero at that pace (Unix seconds), or
            None (too few points, or not falling).
    """

    points: tuple[Point, ...]
    per_day: float | None
    finish: float | None

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None

    def days_left(self, now: float) -> float | None:
        return None if self.finish is None else max(0.0, (self.finish - now) / DAY)


def trend(points: Iterable[Point], *, window_days: float = PACE_WINDOW_DAYS) -> Trend:
    """The series' pace over its last ``window_days`` and when it reaches zero."""
    series = tuple(sorted(points, key=lambda p: p.when))
    if len(series) < 2:
        return Trend(series, None, None)
    last = series[-1]
    recent = [p for p in series if p.when >= last.when - window_days * DAY]
    if len(recent) < 2:
        recent = list(series[-2:])
    span = recent[-1].when - recent[0].when
    if span < MIN_SPAN_S:
        return Trend(series, None, None)
    slope = _slope(recent)  # per second
    per_day = slope * DAY
    if slope >= 0 or last.value <= 0:
        return Trend(series, per_day, last.when if last.value <= 0 else None)
    finish = last.when + last.value / -slope
    return Trend(series, per_day, finish if math.isfinite(finish) else None)


def _slope(points: Sequence[Point]) -> float:
    n = len(points)
    mean_t = sum(p.when for p in points) / n
    mean_v = sum(p.value for p in points) / n
    var = sum((p.when - mean_t) ** 2 for p in points)
    if var == 0:
        return 0.0
    return sum((p.when - mean_t) * (p.value - mean_v) for p in points) / var


def daily_totals(moments: Iterable[float], *, utc_offset_s: float = 0.0) -> list[Point]:
    """Count moments per day (local days at ``utc_offset_s``): one point per day at its start."""
    days: dict[int, int] = {}
    for moment in moments:
        day = int((moment + utc_offset_s) // DAY)
        days[day] = days.get(day, 0) + 1
    return [Point(day * DAY - utc_offset_s, count) for day, count in sorted(days.items())]
