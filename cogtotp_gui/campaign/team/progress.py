"""What the lead's campaign view shows, computed from the campaign item alone (Qt-free, no I/O).

The campaign item (:class:`~.model.CampaignInfo`, one strongly consistent
read) carries the counts per state, the users finished per UTC day and per
operator. From those this module derives the burn-down (users left after
each day) and its estimated finish, through the trend computation the
inventory's Migration window uses (:mod:`cogtotp_gui.campaign.trend`), and
each operator's throughput. Nothing here reads the table.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.model import CampaignInfo
from cogtotp_gui.campaign.trend import DAY, Point, Trend, trend

__all__ = ["OperatorPace", "TeamProgress", "day_start", "progress"]


@dataclasses.dataclass(frozen=True)
class OperatorPace:
    """One operator's finished users and their average a day since the campaign began."""

    operator: str
    finished: int
    per_day: float


@dataclasses.dataclass(frozen=True)
class TeamProgress:
    """The view's figures at one refresh.

    Attributes:
        total: users in the campaign.
        left: users without a final outcome (waiting or in progress).
        counts: users per state.
        burn_down: users left after each day with finished users, from the
            campaign's start, the last point now; its pace and finish.
        finished_per_day: users finished each UTC day (the chart's bars).
        operators: by finished users, most first.
        conflicts: late outcomes recorded (see :meth:`TeamStore.record_late`).
    """

    total: int
    left: int
    counts: dict[UserState, int]
    burn_down: Trend
    finished_per_day: list[Point]
    operators: list[OperatorPace]
    conflicts: int


def day_start(day: str) -> float | None:
    """``YYYY-MM-DD`` (a UTC day, as the table keys it) as Unix seconds; None if malformed."""
    try:
        parsed = dt.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return float(calendar.timegm(parsed.utctimetuple()))


def progress(info: CampaignInfo, now: float) -> TeamProgress:
    """The figures for ``info`` as of ``now`` (Unix seconds).

    The burn-down counts today's total as the starting figure (users
    imported later are counted from the start: the campaign item keeps no
    history of imports). A day's point sits at its end (now for today).
    """
    total = info.total
    left = info.counts.get(UserState.WAITING, 0) + info.counts.get(UserState.IN_PROGRESS, 0)
    days = sorted((start, n) for day, n in info.by_day.items() if (start := day_start(day)) is not None and n > 0)
    points = [Point(min(info.created_at, days[0][0]) if days else info.created_at, float(total))]
    done = 0
    for start, n in days:
        done += n
        points.append(Point(min(start + DAY, now), float(max(0, total - done))))
    # The finished figure may exceed the days' sum (a retried user is counted
    # on both days): the last point is the counters' own truth, now.
    if points[-1].when < now:
        points.append(Point(now, float(left)))
    else:
        points[-1] = Point(points[-1].when, float(left))
    span_days = max(1.0, (now - info.created_at) / DAY)
    operators = sorted(
        (OperatorPace(op, n, n / span_days) for op, n in info.by_operator.items() if n > 0),
        key=lambda pace: (-pace.finished, pace.operator),
    )
    return TeamProgress(
        total=total,
        left=left,
        counts=dict(info.counts),
        burn_down=trend(points),
        finished_per_day=[Point(start, float(n)) for start, n in days],
        operators=operators,
        conflicts=info.conflicts,
    )
