"""The commands that run without a window (``cogtotp-gui COMMAND ...``).

One row per command in :data:`COMMANDS`: its name, the module that holds its
``main(argv) -> int`` (and its own argparse parser), and a line of help for
the main ``--help``. Only the module of the command asked for is imported,
so its parser is built only then: a GUI start-up reads this table (a few
strings) and nothing else. Adding a command: a module here with
``main(argv)`` and ``build_parser()``, one row below (docs/contributing in the
README's architecture section).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import NamedTuple


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
