"""``cogtotp-gui campaign``: a team campaign on a shared DynamoDB table, without a window.

    cogtotp-gui campaign create NAME --table TABLE --user-pool-id ID [--create-table] [--lease-seconds N]
    cogtotp-gui campaign import NAME --table TABLE --roster FILE
    cogtotp-gui campaign status NAME --table TABLE [--json]
    cogtotp-gui campaign report NAME --table TABLE --csv PATH [--pdf PATH] [--lang ja]
    cogtotp-gui campaign close  NAME --table TABLE

Each also takes ``--region`` and ``--aws-profile``. The DynamoDB endpoint
comes from boto3's own configuration (``AWS_ENDPOINT_URL_DYNAMODB`` for an
emulator; plain http only to this computer). Exit status: 0 done, 1 an AWS
error (a plain sentence on stderr), 2 a usage error. docs/team-campaigns.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from cogtotp_gui.cli import add_aws_options
from cogtotp_gui.names import UI_LANGUAGES

PROG = "cogtotp-gui campaign"

# What each kind of failure tells the person at the terminal (English: the
# commands are for IT's scripts; the app says these in both languages).
_SENTENCES = {
    "table_missing": "there is no such table in this account and region",
    "table_shape": "the table is not a campaign table (make it with the template or --create-table)",
    "schema_too_new": "the campaign was written by a newer version of cogtotp-gui; update this one",
    "campaign_missing": "there is no such campaign in the table",
    "campaign_exists": "a campaign of this name already exists",
    "campaign_closed": "the campaign is closed",
    "access_denied": "your AWS identity may not do this (see the IAM policies in docs/team-campaigns.md)",
    "throttled": "DynamoDB is throttling requests; try again in a minute",
    "conflict": "other desks kept changing the campaign at the same moment; try again",
    "offline": "DynamoDB cannot be reached (network, proxy or endpoint)",
    "credentials": "no usable AWS credentials (profile, environment or SSO session)",
    "insecure_endpoint": "the DynamoDB endpoint is plain http to another computer; use https",
    "aws": "AWS refused the request",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A team campaign: several desks work one migration through a shared DynamoDB table.",
        epilog="Exit status: 0 done, 1 an AWS error, 2 a usage error. Endpoint: boto3's configuration "
        "(AWS_ENDPOINT_URL_DYNAMODB for an emulator).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("name", metavar="NAME", help="the campaign's name")
        sub.add_argument("--table", required=True, metavar="TABLE", help="the DynamoDB table")
        add_aws_options(sub, region_default="boto3's configuration")
        return sub

    create = command("create", "create a campaign bound to a user pool (and, for trials, its table)")
    create.add_argument("--user-pool-id", required=True, metavar="ID", help="the pool the campaign migrates")
    create.add_argument(
        "--create-table", action="store_true", help="create the table first (on-demand; production: the template)"
    )
    create.add_argument(
        "--lease-seconds", type=float, default=120.0, metavar="N", help="how long a silent desk keeps a user"
    )
    add = command("import", "add users from a roster file (a CSV with a username column, or one a line)")
    add.add_argument("--roster", required=True, metavar="FILE")
    status = command("status", "counts per state (one read)")
    status.add_argument("--json", action="store_true", help="print JSON instead of a sentence")
    report = command("report", "every desk's outcomes as CSV and/or PDF")
    report.add_argument("--csv", metavar="PATH", help="one row per user (UTF-8, Excel-ready)")
    report.add_argument("--pdf", metavar="PATH", help="the printable report")
    report.add_argument("--lang", choices=UI_LANGUAGES, help="language of the PDF (default: English)")
    command("close", "end the campaign: no more claims; its personal data expires (TTL) after 90 days")
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command == "report" and not args.csv and not args.pdf:
        parser.error("say where to write the report: --csv PATH and/or --pdf PATH")
    roster = None
    if args.command == "import":
        from cogtotp_gui.campaign.roster import RosterError, read_roster_file

        try:
            roster = read_roster_file(args.roster)
        except RosterError as error:
            print(f"{PROG}: the roster {args.roster!r} cannot be used ({error.reason})", file=sys.stderr)
            return 2
    if args.command == "create":
        from cogtotp_gui.enrollment.settings import region_from_pool_id

        if region_from_pool_id(args.user_pool_id) is None:
            parser.error(f"--user-pool-id {args.user_pool_id!r} is not a user pool id (e.g. eu-west-1_AbCdEf123)")
    from cogtotp_gui.campaign.team.model import TeamError

    try:
        return _run(args, roster)
    except TeamError as error:
        sentence = _SENTENCES.get(error.kind.value, error.kind.value)
        where = f" ({error.action}{': ' + error.code if error.code else ''})" if error.action else ""
        print(f"{PROG} {args.command}: {args.name}: {sentence}{where}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{PROG}: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, roster: Any) -> int:
    from cogtotp_gui.campaign.team.dynamo import (
        TeamStore,
        caller_identity,
        create_table,
        dynamodb_client,
        local_desk,
    )
    from cogtotp_gui.campaign.team.model import Identity, TeamError, TeamErrorKind

    region = args.region
    if region is None and getattr(args, "user_pool_id", None):
        from cogtotp_gui.enrollment.settings import region_from_pool_id

        region = region_from_pool_id(args.user_pool_id)
    client = dynamodb_client(region, args.aws_profile)
    operator = caller_identity(region, args.aws_profile)
    store = TeamStore(client, args.table, args.name, Identity(operator=operator, desk=local_desk()))
    if args.command == "create":
        if args.create_table:
            try:
                create_table(client, args.table)
            except TeamError as error:
                if error.code != "ResourceInUseException":
                    raise
        store.check_table()
        info = store.create(args.user_pool_id, lease_seconds=args.lease_seconds)
        print(f"campaign {info.name} created in {args.table} for pool {info.pool_id}")
        return 0
    store.check_table()
    if args.command == "import":
        added, already = store.import_users(roster.usernames)
        print(f"{args.name}: {added} users added, {already} already in the campaign")
        return 0
    if args.command == "status":
        info = store.info()
        counts = {state.value: n for state, n in info.counts.items()}
        if args.json:
            print(
                json.dumps(
                    {
                        "campaign": info.name,
                        "pool_id": info.pool_id,
                        "total": info.total,
                        "counts": counts,
                        "conflicts": info.conflicts,
                        "takeovers": info.takeovers,
                        "closed": info.closed_at is not None,
                        "by_operator": info.by_operator,
                        "by_day": info.by_day,
                        "stuck": {**info.trouble, **info.failures},
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            text = ", ".join(f"{state} {n}" for state, n in counts.items() if n)
            print(f"{info.name}: {info.total} users ({text or 'none yet'})" + (" - closed" if info.closed_at else ""))
        return 0
    if args.command == "report":
        from cogtotp_gui.campaign.team.report import TeamReport, write_csv

        report = TeamReport(store.info(), store.users())
        if args.csv:
            write_csv(report, args.csv)
        if args.pdf:
            _write_pdf(report, args.pdf, args.lang)
        outcomes = ", ".join(f"{outcome} {n}" for outcome, n in report.counts().items() if n)
        print(f"{args.name}: {len(report.users)} users ({outcomes or 'none yet'})")
        return 0
    if args.command == "close":
        store.close()
        print(f"{args.name}: closed; its users' items expire in 90 days")
        return 0
    raise TeamError(TeamErrorKind.AWS, f"unknown command {args.command}")


def _write_pdf(report: Any, path: str, lang: str | None) -> None:
    from cogtotp_gui.cli.headless_pdf import write_pdf_headless
    from cogtotp_gui.ui.campaign.team_report_pdf import write_pdf

    write_pdf_headless(write_pdf, report, path, lang)
