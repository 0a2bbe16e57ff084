"""What a team campaign's errors say to an operator or a lead, in their language.

The core names what went wrong with a :class:`~cogtotp_gui.campaign.team.model.TeamErrorKind`
(and the refused call, AWS's code, who holds a user); this module turns it
into a sentence and a hint of what to do. The English words of
``cogtotp-gui campaign`` (cli/campaign.py) say the same for scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from cogtotp_gui.ui.common.messages import arg

if TYPE_CHECKING:
    from cogtotp_gui.campaign.team.model import TeamError


def team_error_message(error: TeamError) -> tuple[str, str]:
    """``(sentence, hint)`` for ``error``; the hint may be ""."""
    translate = QCoreApplication.translate
    kind = error.kind.value
    action = error.action or "?"
    texts: dict[str, tuple[str, str]] = {
        "table_missing": (
            translate("TeamMessages", "There is no campaign table of this name in this AWS account and region."),
            translate("TeamMessages", "Check the table's name and the connection's region."),
        ),
        "table_shape": (
            translate(
                "TeamMessages", "This table is not a campaign table: its keys or its index are not the template's."
            ),
            translate("TeamMessages", "Make the table with the template in docs/team-campaigns.md."),
        ),
        "schema_too_new": (
            translate("TeamMessages", "This campaign was written by a newer version of the app."),
            translate("TeamMessages", "Update the app on this computer to open it."),
        ),
        "campaign_missing": (
            translate("TeamMessages", "There is no campaign of this name in the table."),
            translate("TeamMessages", "Check the campaign's name (it is case-sensitive)."),
        ),
        "campaign_exists": (translate("TeamMessages", "A campaign of this name already exists."), ""),
        "campaign_closed": (translate("TeamMessages", "This campaign is closed."), ""),
        "wrong_pool": (
            translate("TeamMessages", "This campaign belongs to another user pool than this connection's."),
            translate("TeamMessages", "Connect to the campaign's user pool, or open another campaign."),
        ),
        "not_in_campaign": (translate("TeamMessages", "This user is not on the campaign's list."), ""),
        "held": (
            arg(translate("TeamMessages", "Another desk is working with this user: %1."), error.holder or "?"),
            "",
        ),
        "finished": (translate("TeamMessages", "This user already has an outcome in the campaign."), ""),
        "lease_lost": (
            translate("TeamMessages", "This desk no longer holds the user: its hold lapsed."),
            translate("TeamMessages", "Finish with the user; the outcome is recorded and the lead sees the overlap."),
        ),
        "access_denied": (
            arg(translate("TeamMessages", "Your AWS identity is not allowed to do this (%1)."), action),
            translate("TeamMessages", "Ask IT for the campaign policy in docs/team-campaigns.md."),
        ),
        "throttled": (
            translate("TeamMessages", "DynamoDB is receiving too many requests right now."),
            translate("TeamMessages", "The app tries again at the next refresh; nothing is lost."),
        ),
        "conflict": (
            translate("TeamMessages", "Other desks kept changing the campaign at the same moment."),
            translate("TeamMessages", "Try again in a moment; nothing is lost."),
        ),
        "offline": (
            translate("TeamMessages", "The campaign table cannot be reached (network, proxy or endpoint)."),
            translate("TeamMessages", "The app tries again at the next refresh."),
        ),
        "credentials": (
            translate("TeamMessages", "There are no usable AWS credentials for the campaign table."),
            translate("TeamMessages", "Check the AWS profile, or sign in again (aws sso login)."),
        ),
        "insecure_endpoint": (
            translate("TeamMessages", "The DynamoDB endpoint is plain http to another computer; the app refuses it."),
            translate("TeamMessages", "Use an https endpoint."),
        ),
    }
    if kind in texts:
        return texts[kind]
    return (
        arg(translate("TeamMessages", "AWS refused the request (%1 %2)."), action, error.code or ""),
        translate("TeamMessages", "Try again; if it keeps failing, show IT the details."),
    )


def desk_usage_error(problem: str, translation: Callable[[str, str], str] | None = None) -> str:
    """Why ``--campaign``/``--campaign-table`` cannot be used as given
    (``problem``: ``with_roster``, ``with_demo``, ``no_table``, ``no_campaign``);
    ``translation`` defaults to the application's (the command line passes
    one for ``--lang`` before any QApplication exists)."""
    # Named "translate": the name lupdate looks for.
    translate = translation or QCoreApplication.translate
    if problem == "with_roster":
        return translate(
            "TeamMessages",
            "--campaign and --roster cannot be used together: a desk of a team campaign takes its users "
            "from the campaign's table, not from a roster.",
        )
    if problem == "with_demo":
        return translate("TeamMessages", "--campaign cannot be used with --demo: training mode has no campaign table.")
    if problem == "no_table":
        return translate(
            "TeamMessages",
            "--campaign needs the campaign's table: give --campaign-table TABLE, or save the table "
            "with the connection.",
        )
    return translate("TeamMessages", "--campaign-table needs the campaign's name: give --campaign NAME too.")
