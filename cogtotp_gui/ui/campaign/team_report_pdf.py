"""The printed team-campaign report: counts, per operator, per day, where
users got stuck, and every user (HTML laid out by QTextDocument).

Used by ``cogtotp-gui campaign report --pdf`` (offscreen, no window).
"""

from __future__ import annotations

import html
import os

from PySide6.QtCore import QCoreApplication

from cogtotp_gui.campaign.report import OUTCOMES, iso_time, local_time
from cogtotp_gui.campaign.team.report import TeamReport
from cogtotp_gui.ui.campaign.labels import reason_label, state_label
from cogtotp_gui.ui.campaign.report_pdf import write_html_pdf
from cogtotp_gui.ui.common.messages import arg


def _table(headers: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    parts = ["<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"]
    parts += [f"<th align='left'>{e(h)}</th>" for h in headers]
    parts.append("</tr>")
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>")
    parts.append("</table>")
    return "".join(parts)


def _heading(text: str) -> str:
    return f"<h2 style='font-size: 12pt'>{html.escape(text)}</h2>"


def report_html(report: TeamReport) -> str:
    translate = QCoreApplication.translate
    title = translate("TeamReport", "Team campaign report")
    e = html.escape
    info = report.info
    counts = report.counts()
    outcome_headers = [state_label(o) for o in OUTCOMES]
    parts = [
        "<html><body style='font-family: sans-serif; font-size: 10pt'>",
        f"<h1 style='font-size: 16pt'>{e(title)}</h1><table cellpadding='2'>",
    ]
    for label, value in (
        (translate("TeamReport", "Campaign"), info.name),
        (translate("TeamReport", "User pool"), info.pool_id),
        (translate("TeamReport", "Created"), local_time(info.created_at)),
        (translate("TeamReport", "Closed"), local_time(info.closed_at)),
        (translate("TeamReport", "Late outcomes (conflicts)"), str(info.conflicts)),
    ):
        parts.append(f"<tr><td><b>{e(label)}</b></td><td>{e(value)}</td></tr>")
    parts.append("</table>")
    parts.append(_heading(translate("TeamReport", "Counts")))
    parts.append(_table(outcome_headers, [[str(counts.get(o, 0)) for o in OUTCOMES]]))
    parts.append(_heading(translate("TeamReport", "Per operator")))
    parts.append(
        _table(
            [translate("TeamReport", "Operator"), *outcome_headers[:-1]],
            [[op, *(str(c.get(o, 0)) for o in OUTCOMES[:-1])] for op, c in report.per_operator().items()],
        )
    )
    parts.append(_heading(translate("TeamReport", "Per day (UTC)")))
    parts.append(
        _table(
            [translate("TeamReport", "Day"), *outcome_headers[:-1]],
            [[day, *(str(c.get(o, 0)) for o in OUTCOMES[:-1])] for day, c in report.per_day().items()],
        )
    )
    parts.append(_heading(translate("TeamReport", "Where users got stuck")))
    parts.append(
        _table(
            [translate("TeamReport", "Problem"), translate("TeamReport", "Times")],
            [[reason_label(kind), str(n)] for kind, n in report.stuck().items()],
        )
    )
    parts.append(_heading(translate("TeamReport", "Users")))
    parts.append(
        _table(
            [
                translate("TeamReport", "Username"),
                translate("TeamReport", "Outcome"),
                translate("TeamReport", "Operator"),
                translate("TeamReport", "Desk"),
                translate("TeamReport", "Finished (UTC)"),
                translate("TeamReport", "Note"),
            ],
            [
                [
                    u.username,
                    state_label("waiting" if not u.state.finished else u.state.value),
                    u.operator,
                    u.desk,
                    iso_time(u.finished_at),
                    reason_label(u.error) if u.error else u.reason,
                ]
                for u in report.users
            ],
        )
    )
    footer = translate("TeamReport", "No passwords, codes or secrets are recorded. Campaign %1.")
    parts.append(f"<p style='font-size: 8pt'>{e(arg(footer, info.name))}</p></body></html>")
    return "".join(parts)


def write_pdf(report: TeamReport, path: str | os.PathLike[str]) -> None:
    """A4 PDF of the report (needs a QGuiApplication)."""
    write_html_pdf(report_html(report), path, QCoreApplication.translate("TeamReport", "Team campaign report"))
