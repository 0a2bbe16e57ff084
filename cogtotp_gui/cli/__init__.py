"""The commands that run without a window (``cogtotp-gui COMMAND ...``).

One row per command in :data:`COMMANDS`: its name, the module that holds its
``main(argv) -> int`` (and its own argparse parser), and a line of help for
the main ``--help``. Only the module of the command asked for is imported,
so its parser is built only then: a GUI start-up reads this table (a few
strings) and nothing else. Adding a command: a module here with
``main(argv)`` and ``build_parser()``, one row below (docs/contributing in the
README's architecture section).

The options every command and the window spell the same way (the pool,
its region and endpoint, the AWS profile) are added by
:func:`add_pool_options` / :func:`add_aws_options`: they live here, not in
a module of their own, because the window's parser uses them at every
start and must import no command module.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import argparse


class Command(NamedTuple):
    name: str
    module: str  # defines main(argv: Sequence[str]) -> int
    summary: str


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command("session-report", "cogtotp_gui.cli.session_report", "a session's report without a window"),
        Command("inventory", "cogtotp_gui.cli.inventory", "who in a pool is still on SMS"),
        Command("campaign", "cogtotp_gui.cli.campaign", "a team campaign on a shared DynamoDB table"),
    )
}


def run_command(argv: Sequence[str]) -> int | None:
    """Run the command ``argv`` starts with; None when it names none (the GUI's arguments)."""
    command = COMMANDS.get(argv[0]) if argv else None
    if command is None:
        return None
    main = importlib.import_module(command.module).main
    return int(main(list(argv[1:])))


def epilog(app_name: str) -> str:
    """What the main ``--help`` says about the commands."""
    return " ".join(f"'{app_name} {c.name} --help': {c.summary}." for c in COMMANDS.values())


def add_aws_options(
    parser: argparse.ArgumentParser,
    *,
    region_default: str = "taken from the user pool id",
    aws_profile_help: str = "AWS profile (default: the standard chain)",
) -> None:
    """``--region`` and ``--aws-profile``."""
    parser.add_argument("--region", metavar="REGION", help=f"AWS region (default: {region_default})")
    parser.add_argument("--aws-profile", metavar="NAME", help=aws_profile_help)


def add_pool_options(
    parser: argparse.ArgumentParser,
    *,
    profile_help: str = "a saved connection",
    aws_profile_help: str = "AWS profile (default: the standard chain)",
) -> None:
    """The user pool (``--profile`` or ``--user-pool-id`` with ``--region``
    and ``--endpoint-url``) and the AWS credentials (``--aws-profile``)."""
    parser.add_argument("--profile", metavar="NAME", help=profile_help)
    parser.add_argument("--user-pool-id", metavar="ID", help="user pool id, e.g. eu-west-1_AbCdEf123")
    parser.add_argument("--endpoint-url", metavar="URL", help="a non-AWS Cognito endpoint, e.g. an emulator")
    add_aws_options(parser, aws_profile_help=aws_profile_help)
