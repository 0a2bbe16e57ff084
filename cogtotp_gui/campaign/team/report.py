"""A team campaign's report: every desk's outcomes, per operator and per day (Qt-free).

Feeds ``cogtotp-gui campaign report`` (CSV, and the PDF laid out by
``ui/campaign/team_report_pdf.py``). The table holds no secret, so neither
does the report: usernames, outcomes, operators (ARNs), desks, times,
error kinds and reasons.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Iterator

from cogtotp_gui.campaign.export import write_csv as write_export_csv
from cogtotp_gui.campaign.report import iso_time, outcome_of
from cogtotp_gui.campaign.team.model import CampaignInfo, TeamUser

__all__ = ["CSV_COLUMNS", "TeamReport", "write_csv"]

CSV_COLUMNS = (
    "username",
    "outcome",
    "operator",
    "desk",
    "started_at",
    "finished_at",
    "duration_s",
    "error",
    "reason",
    "trouble",
    "conflict",
)


@dataclasses.dataclass
class TeamReport:
    info: CampaignInfo
    users: list[TeamUser]

    def counts(self) -> dict[str, int]:
        counts = Counter(outcome_of(user.state) for user in self.users)
        return dict(counts)

    def per_operator(self) -> dict[str, dict[str, int]]:
        """operator -> outcome -> users (finished users only)."""
        table: dict[str, Counter[str]] = {}
        for user in self.users:
            if user.state.finished:
                table.setdefault(user.operator, Counter())[outcome_of(user.state)] += 1
        return {operator: dict(counts) for operator, counts in sorted(table.items())}

    def per_day(self) -> dict[str, dict[str, int]]:
        """UTC day -> outcome -> users finished that day."""
        table: dict[str, Counter[str]] = {}
        for user in self.users:
            if user.state.finished and user.finished_at is not None:
                table.setdefault(iso_time(user.finished_at)[:10], Counter())[outcome_of(user.state)] += 1
        return {day: dict(counts) for day, counts in sorted(table.items())}

    def stuck(self) -> dict[str, int]:
        """Where users got stuck: problems met on the way, per kind, and the
        error kinds / reasons users failed or were skipped with."""
        total: Counter[str] = Counter()
        for user in self.users:
            total.update(user.trouble)
            if user.error:
                total[user.error] += 1
            elif user.reason and outcome_of(user.state) == "skipped":
                total[f"skipped: {user.reason}"] += 1
        return dict(total.most_common())


def write_csv(report: TeamReport, path: str | os.PathLike[str]) -> None:
    """Through the campaign's one CSV writer (campaign/export.py: UTF-8 with a BOM,
    CRLF, defused cells, a temporary file renamed over a regular file)."""

    def rows() -> Iterator[list[object]]:
        for user in report.users:
            duration = (
                f"{max(0.0, user.finished_at - user.started_at):.0f}"
                if user.started_at is not None and user.finished_at is not None
                else ""
            )
            yield [
                user.username,
                outcome_of(user.state),
                user.operator,
                user.desk,
                iso_time(user.started_at),
                iso_time(user.finished_at),
                duration,
                user.error,
                user.reason,
                ";".join(f"{kind}={n}" for kind, n in sorted(user.trouble.items())),
                user.conflict,
            ]

    write_export_csv(path, CSV_COLUMNS, rows())
