"""A session's report: who is done, as rows, a CSV file and a summary (Qt-free).

The same rows feed the command line (``cogtotp-gui session-report``), the
app's "Export CSV" and the printed/PDF report (``ui/campaign/report_pdf.py``).
Nothing secret is in a session, so nothing secret can be in its report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence

from cogtotp_gui.campaign.export import write_csv as write_export_csv
from cogtotp_gui.campaign.queue import QueueEntry, SessionQueue, UserState
from cogtotp_gui.campaign.sessions import SessionInfo

__all__ = ["CSV_COLUMNS", "OUTCOMES", "ReportRow", "SessionReport", "iso_time", "write_csv"]

CSV_COLUMNS = (
    "username",
    "outcome",
    "started_at",
    "finished_at",
    "duration_s",
    "error",
    "reason",
    "operator",
    "connection",
    "session",
)
OUTCOMES = ("enrolled", "verified", "already_totp", "skipped", "failed", "waiting")


def outcome_of(state: UserState) -> str:
    """The report's outcome: a user still in progress has not finished, so "waiting"."""
    return "waiting" if state in (UserState.WAITING, UserState.IN_PROGRESS) else state.value


def iso_time(seconds: float | None) -> str:
    """UTC, to the second, ISO 8601 with a Z; "" for None."""
    if seconds is None:
        return ""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_time(seconds: float | None) -> str:
    """Local time for people reading the printed report."""
    if seconds is None:
        return ""
    return dt.datetime.fromtimestamp(seconds).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclasses.dataclass(frozen=True)
class ReportRow:
    username: str
    outcome: str
    started_at: float | None
    finished_at: float | None
    duration: float | None
    error: str  # the error kind of a failure (``user_state``, ``rehearsal_sms``...)
    reason: str  # why the operator skipped the user; ``not_rehearsed`` for an enrolled user

    @classmethod
    def of(cls, entry: QueueEntry) -> ReportRow:
        failed = entry.state is UserState.FAILED
        noted = entry.state in (UserState.SKIPPED, UserState.ENROLLED)
        return cls(
            username=entry.username,
            outcome=outcome_of(entry.state),
            started_at=entry.started_at,
            finished_at=entry.finished_at if entry.state.finished else None,
            duration=entry.duration if entry.state.finished else None,
            error=entry.reason if failed else "",
            reason=entry.reason if noted else "",
        )


@dataclasses.dataclass(frozen=True)
class SessionReport:
    """A session as its report shows it."""

    info: SessionInfo
    rows: tuple[ReportRow, ...]
    elapsed: float
    average: float | None

    @classmethod
    def build(cls, info: SessionInfo, entries: Sequence[QueueEntry]) -> SessionReport:
        queue = SessionQueue.from_entries(dataclasses.replace(e) for e in entries)
        # A report is read later: elapsed runs to the last thing recorded, not to now.
        times = [t for e in queue for t in (e.started_at, e.finished_at) if t is not None]
        return cls(
            info=info,
            rows=tuple(ReportRow.of(entry) for entry in queue),
            elapsed=queue.elapsed(now=max(times)) if times else 0.0,
            average=queue.average_seconds(),
        )

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOMES, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts


def write_csv(report: SessionReport, path: str | os.PathLike[str]) -> None:
    """The campaign's CSV (:mod:`cogtotp_gui.campaign.export`: UTF-8 with a BOM, CRLF, defused cells, safe write)."""
    info = report.info
    write_export_csv(
        path,
        CSV_COLUMNS,
        (
            (
                row.username,
                row.outcome,
                iso_time(row.started_at),
                iso_time(row.finished_at),
                "" if row.duration is None else f"{row.duration:.0f}",
                row.error,
                row.reason,
                info.operator,
                info.connection,
                info.id,
            )
            for row in report.rows
        ),
    )
