"""The printed session report: HTML laid out by QTextDocument, written by QPdfWriter.

Used by the app ("Save report as PDF…") and by ``cogtotp-gui
session-report --pdf`` (a QGuiApplication on the offscreen platform, no
window). Text only, so a test can read it back (pypdf, tests/support/pdf_text.py).
"""

from __future__ import annotations

import html
import os

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from cogtotp_gui.campaign.report import OUTCOMES, SessionReport, local_time
from cogtotp_gui.ui.campaign.labels import duration_text, reason_label, state_label
from cogtotp_gui.ui.common.messages import arg


def _when(seconds: float | None, day: str) -> str:
    """The time of day; the date too if it is not the session's day."""
    text = local_time(seconds)
    return text[11:] if text.startswith(day) else text


# A label and its value, side by side: the gap is a cell of its own, because
# a table cell ends where its text does, QTextDocument ignores a cell's
# padding-right, and a long Japanese label ran straight into its number
# ("1 人あたりの平均2:20", issue 20 #12).
_GAP = "<td>&nbsp;&nbsp;&nbsp;&nbsp;</td>"


def report_html(report: SessionReport) -> str:
    """The report as HTML (the subset QTextDocument renders)."""
    # Literals outside the f-strings, where lupdate finds them.
    title = QCoreApplication.translate("SessionReport", "Onboarding session report")
    counts_title = QCoreApplication.translate("SessionReport", "Counts")
    total_title = QCoreApplication.translate("SessionReport", "Total")
    users_title = QCoreApplication.translate("SessionReport", "Users")
    footer = QCoreApplication.translate("SessionReport", "No passwords, codes or secrets are recorded. Session %1.")
    e = html.escape
    info = report.info
    counts = report.counts()
    parts = [
        "<html><body style='font-family: sans-serif; font-size: 10pt'>",
        f"<h1 style='font-size: 16pt'>{e(title)}</h1>",
        "<table cellpadding='2'>",
    ]
    meta = [
        (
            QCoreApplication.translate("SessionReport", "Session"),
            f"#{info.id}" + (" " + QCoreApplication.translate("SessionReport", "(training)") if info.training else ""),
        ),
        (QCoreApplication.translate("SessionReport", "Date"), local_time(info.created_at)),
        (QCoreApplication.translate("SessionReport", "Operator"), info.operator),
        (QCoreApplication.translate("SessionReport", "Connection"), info.connection),
        (QCoreApplication.translate("SessionReport", "Roster"), info.source),
        (QCoreApplication.translate("SessionReport", "Elapsed"), duration_text(report.elapsed)),
        (QCoreApplication.translate("SessionReport", "Average per user"), duration_text(report.average)),
    ]
    for label, value in meta:
        parts.append(f"<tr><td><b>{e(label)}</b></td>{_GAP}<td>{e(value)}</td></tr>")
    parts.append("</table>")
    parts.append(f"<h2 style='font-size: 12pt'>{e(counts_title)}</h2><table cellpadding='2'>")
    for outcome in OUTCOMES:
        parts.append(f"<tr><td>{e(state_label(outcome))}</td>{_GAP}<td align='right'>{counts[outcome]}</td></tr>")
    parts.append(
        f"<tr><td><b>{e(total_title)}</b></td>{_GAP}<td align='right'><b>{len(report.rows)}</b></td></tr></table>"
    )
    parts.append(f"<h2 style='font-size: 12pt'>{e(users_title)}</h2>")
    parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>")
    for header in (
        QCoreApplication.translate("SessionReport", "Username"),
        QCoreApplication.translate("SessionReport", "Outcome"),
        QCoreApplication.translate("SessionReport", "Started"),
        QCoreApplication.translate("SessionReport", "Finished"),
        QCoreApplication.translate("SessionReport", "Duration"),
        QCoreApplication.translate("SessionReport", "Note"),
    ):
        parts.append(f"<th align='left'>{e(header)}</th>")
    parts.append("</tr>")
    day = local_time(info.created_at)[:10]
    for row in report.rows:
        note = reason_label(row.error or row.reason)  # as the queue panel says it
        parts.append(
            "<tr>"
            f"<td>{e(row.username)}</td><td>{e(state_label(row.outcome))}</td>"
            f"<td>{e(_when(row.started_at, day))}</td><td>{e(_when(row.finished_at, day))}</td>"
            f"<td>{e(duration_text(row.duration) if row.duration is not None else '')}</td>"
            f"<td>{e(note)}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<p style='font-size: 8pt'>{e(arg(footer, info.id))}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(report: SessionReport, path: str | os.PathLike[str]) -> None:
    """A4 PDF of the report (needs a QGuiApplication)."""
    write_html_pdf(report_html(report), path, QCoreApplication.translate("SessionReport", "Onboarding session report"))


def write_html_pdf(text: str, path: str | os.PathLike[str], title: str) -> None:
    """A4 PDF of a report's HTML (the session's and the team campaign's)."""
    writer = QPdfWriter(os.fspath(path))
    writer.setTitle(title)
    writer.setCreator("cogtotp-gui")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    document = QTextDocument()
    # Laid out on the writer itself, so points are the page's points and
    # the tables take the page's whole width.
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(text)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
