"""``cogtotp-gui session-report``: a session's report without a window.

    cogtotp-gui session-report [--session ID] --csv PATH [--pdf PATH]

The latest session by default. The database is the one in the app's data
folder (``COGTOTP_DATA_DIR`` overrides it). The PDF is laid out by Qt on
the offscreen platform, so no display is needed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cogtotp_gui.names import UI_LANGUAGES
from cogtotp_gui.plural import count

if TYPE_CHECKING:
    from cogtotp_gui.campaign.report import SessionReport

PROG = "cogtotp-gui session-report"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Write the report of an onboarding session (the latest by default) as CSV and/or PDF.",
    )
    parser.add_argument("--session", type=int, metavar="ID", help="the session's number (default: the latest)")
    parser.add_argument("--csv", metavar="PATH", help="write the per-user outcomes as CSV (UTF-8, Excel-ready)")
    parser.add_argument("--pdf", metavar="PATH", help="write the printable report as PDF")
    parser.add_argument("--lang", choices=UI_LANGUAGES, help="language of the PDF (default: English)")
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if not args.csv and not args.pdf:
        parser.error("say where to write the report: --csv PATH and/or --pdf PATH")
    from cogtotp_gui.campaign.database import DatabaseUnavailable
    from cogtotp_gui.campaign.report import SessionReport, write_csv
    from cogtotp_gui.campaign.sessions import SessionStore

    try:
        store = SessionStore.open()
        try:
            info = store.info(args.session) if args.session is not None else store.latest()
            if info is None:
                what = f"session {args.session}" if args.session is not None else "no session yet"
                what = f"there is no {what}" if args.session is not None else f"there is {what}"
                print(f"{PROG}: {what} in {store.location}", file=sys.stderr)
                return 1
            report = SessionReport.build(info, store.entries(info.id))
        finally:
            store.close()
    except DatabaseUnavailable as error:
        print(f"{PROG}: the session database cannot be read ({error.problem.value}): {error.path}", file=sys.stderr)
        return 1
    try:
        if args.csv:
            write_csv(report, args.csv)
        if args.pdf:
            _write_pdf(report, args.pdf, args.lang)
    except OSError as error:
        print(f"{PROG}: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{outcome} {n}" for outcome, n in report.counts().items() if n)
    print(f"session {info.id}: {count(len(report.rows), 'user')} ({counts})")
    return 0


def _write_pdf(report: SessionReport, path: str, lang: str | None) -> None:
    from cogtotp_gui.cli.headless_pdf import write_pdf_headless
    from cogtotp_gui.ui.campaign.report_pdf import write_pdf

    write_pdf_headless(write_pdf, report, path, lang)
