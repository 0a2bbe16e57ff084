"""Command line, QApplication and the main window.

``cogtotp-gui`` / ``python -m cogtotp_gui`` start here. The command line is
parsed before Qt is imported, so ``--help`` and ``--version`` answer at once
and never create a QApplication. boto3 is imported by a worker after the
window has painted for the first time (what keeps the first paint fast is
gathered in :mod:`cogtotp_gui.startup`; the README's Benchmarks section has
the figures).

The window itself is built by :func:`cogtotp_gui.ui.shell.assembly.create_main_window`
(re-exported here); ``--demo`` hands over to :mod:`cogtotp_gui.training`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cogtotp_gui import __version__
from cogtotp_gui.names import (
    APP_NAME,
    ENV_CLIENT_SECRET,
    ORGANIZATION,
    ORGANIZATION_DOMAIN,
    UI_LANGUAGES,
    UNUSABLE_PROFILE,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui.campaign.roster import Roster
    from cogtotp_gui.enrollment.settings import ConnectionSettings
    from cogtotp_gui.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

# Set by bench/run.py: print "first-paint" when the first page has painted, then exit.
EXIT_AFTER_FIRST_PAINT_ENV = "COGTOTP_EXIT_AFTER_FIRST_PAINT"


class UnknownProfileError(LookupError):
    """``--profile`` named a saved connection that does not exist."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"unknown profile: {name!r} (no saved connection has this name)")


# -- saved connections ----------------------------------------------------------


def load_profile(name: str) -> ConnectionSettings:
    """The saved connection called ``name``, client secret included if known.

    Raises:
        UnknownProfileError: no saved connection has this name.
    """
    from cogtotp_gui.connections.store import ProfileStore
    from cogtotp_gui.enrollment.settings import SettingsError

    try:
        return ProfileStore().load_profile(name)
    except SettingsError as error:
        if error.message_key == "settings.profile_unknown":
            raise UnknownProfileError(name) from None
        raise


# -- command line -----------------------------------------------------------------


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, told the terminal's width up front.

    Left to itself it asks ``shutil.get_terminal_size()`` each time it is
    made, and ``add_argument`` makes one to check every option: importing
    shutil (with bz2, lzma and zlib) cost ~2 ms of every start-up, for help
    text that is almost never printed.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width if width is not None else _terminal_width())


def _terminal_width() -> int:
    """What ``shutil.get_terminal_size().columns - 2`` gives argparse:
    ``$COLUMNS`` if set, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]  # None only without a console; OSError is caught
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(columns - 2, 11)


def build_parser() -> argparse.ArgumentParser:
    from cogtotp_gui.cli import add_pool_options
    from cogtotp_gui.cli import epilog as command_epilog

    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        formatter_class=_HelpFormatter,
        description="Move Amazon Cognito users from SMS MFA to an authenticator app (TOTP), one user at a time.",
        epilog=(
            f"The app client secret is never taken from the command line (it would show in the process list): "
            f"set {ENV_CLIENT_SECRET} or type it on the connection page. {command_epilog(APP_NAME)}"
        ),
    )
    add_pool_options(parser, aws_profile_help="AWS profile for admin mode (default: the standard chain)")
    parser.add_argument("--client-id", metavar="ID", help="app client id")
    parser.add_argument(
        "--mode", choices=("admin", "user"), help="admin: your AWS credentials; user: none needed (default)"
    )
    parser.add_argument("--issuer", metavar="NAME", help="the name the authenticator app shows above the code")
    parser.add_argument(
        "--lang", choices=UI_LANGUAGES, help="user interface language (default: the settings, else the system's)"
    )
    parser.add_argument(
        "--high-contrast", action="store_true", help="white on black with yellow highlights, whatever the system theme"
    )
    parser.add_argument(
        "--roster",
        metavar="FILE",
        help="start an onboarding session with these users queued: a CSV file with a username column, "
        "or one username a line",
    )
    parser.add_argument(
        "--campaign",
        metavar="NAME",
        help="work on this team campaign (a shared DynamoDB table, docs/team-campaigns.md): "
        "each user comes from the team's queue",
    )
    parser.add_argument(
        "--campaign-table",
        metavar="TABLE",
        help="the team campaign's DynamoDB table (default: the saved connection's); the endpoint comes from "
        "boto3's configuration (AWS_ENDPOINT_URL_DYNAMODB)",
    )
    parser.add_argument("--demo", action="store_true", help="training mode against a built-in Cognito emulator")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check this installation without a window (assets, translations, QR, an enrollment against the "
        "built-in emulator), print a report and exit non-zero if anything is missing",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = build_parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if any(arg == "--client-secret" or arg.startswith("--client-secret=") for arg in args_list):
        parser.error(
            f"the client secret is not accepted on the command line; set {ENV_CLIENT_SECRET} or type it in the app"
        )
    return parser.parse_args(args_list)


def connection_from_args(
    args: argparse.Namespace, environ: dict[str, str] | os._Environ[str] | None = None
) -> tuple[ConnectionSettings | None, dict[str, object]]:
    """The connection the command line (and environment) describe.

    Returns ``(settings, values)``: ``settings`` when complete and valid, and
    the raw ``values`` either way, to prefill the connection page (where an
    invalid value is shown with its field's message).

    Raises:
        UnknownProfileError: ``--profile`` names no saved connection.
    """
    from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError

    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    try:
        base = load_profile(args.profile) if args.profile else None
    except SettingsError:
        # The saved connection itself is valid (invalid ones are not listed),
        # so its client secret, from the keyring or the environment, has the
        # wrong shape. Open the connection page with it marked, not a crash
        # at every start (issue 16 #10).
        base = None
        values.update(_unusable_profile_values(args.profile))
    if base is not None:
        values.update(_saved_values(base))
    for option in ("user_pool_id", "client_id", "region", "endpoint_url", "mode", "issuer"):
        value = getattr(args, option)
        if value is not None:
            values[option] = value
    from cogtotp_gui.connections.secrets import from_environment

    secret = from_environment(environ)
    if secret:
        values["client_secret"] = secret
    if not values.get("user_pool_id") or not values.get("client_id"):
        return None, values
    try:
        fields = {k: v for k, v in values.items() if v is not None and k != UNUSABLE_PROFILE}
        return ConnectionSettings.create(**fields), values
    except SettingsError:
        return None, values


def _saved_values(settings: ConnectionSettings) -> dict[str, object]:
    """A saved connection's values, as the connection page and ``create`` take them."""
    return {
        "user_pool_id": settings.user_pool_id,
        "client_id": settings.client_id,
        "client_secret": settings.client_secret,
        "region": settings.region,
        "mode": settings.mode.value,
        "issuer": settings.issuer,
        "endpoint_url": settings.endpoint_url,
        "sms_after": settings.sms_after,
        "name": settings.name,
    }


def _unusable_profile_values(name: str) -> dict[str, object]:
    """A saved connection's values with its malformed secret as found (to be marked)."""
    from cogtotp_gui.connections.store import ProfileStore

    store = ProfileStore()
    profile = store.get(name)
    if profile is None:
        return {}
    return {
        **_saved_values(profile.to_connection_settings(None)),
        "client_secret": store.client_secret(profile.name),
        UNUSABLE_PROFILE: profile.name,
    }


# -- application ----------------------------------------------------------------------


def create_application(argv: Sequence[str] | None = None, lang: str | None = None) -> QApplication:
    """The QApplication (reused if one exists), named for QSettings."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)  # macOS: QSettings() then reads names.BUNDLE_ID's plist
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from cogtotp_gui.i18n import install_translations

    install_translations(app, lang)
    return app  # type: ignore[return-value]  # instance() is typed as QCoreApplication


def create_main_window(settings: ConnectionSettings | None = None, **kwargs: Any) -> MainWindow:
    """:func:`cogtotp_gui.ui.shell.assembly.create_main_window` (imported when called)."""
    from cogtotp_gui.ui.shell.assembly import create_main_window as create

    return create(settings, **kwargs)


def run(app: QApplication, window: MainWindow | None) -> int:
    """Show the window, run the event loop, shut down cleanly."""
    if window is None:
        return 0
    if os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV):
        # For the start-up benchmark (source and frozen app alike): report
        # the first painted page and leave at once.
        def _painted() -> None:
            sys.stdout.write("first-paint\n")
            sys.stdout.flush()
            os._exit(0)

        window.first_painted.connect(_painted)
    from cogtotp_gui.ui.shell.unexpected import UnexpectedErrors

    unexpected = UnexpectedErrors(window)
    unexpected.install()
    window.show()
    try:
        code = app.exec()
    finally:
        unexpected.uninstall()
    clean = window.shutdown()  # already done by closing the window, if it was closed
    if not clean:
        # A Cognito call is still blocked in the network. Python's shutdown
        # would wait for it (or tear the interpreter down under it); the user
        # has already left, so end the process here.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    from cogtotp_gui.cli import run_command

    code = run_command(arguments)  # a command of its own, without a window (cli.COMMANDS)
    if code is not None:
        return code
    args = parse_args(arguments)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from cogtotp_gui.startup import skip_pyside_import_scan

    skip_pyside_import_scan()

    if args.self_check:  # before any window: it must run headless, in the frozen app too
        from cogtotp_gui.diagnostics import selfcheck

        return selfcheck.run()

    if args.campaign is not None or args.campaign_table is not None:
        # Before the roster is read, before any window: said in the user's language.
        problem = "with_roster" if args.roster else "with_demo" if args.demo else ""
        if problem:
            return say_desk_usage_error(problem, args.lang)

    roster = None
    if args.roster:
        # Read before Qt is even imported (training mode too): a wrong file
        # is said at once, and the app does not start.
        roster = read_roster_or_say_why(args.roster, args.lang)
        if roster is None:
            return 2

    if args.demo:
        from cogtotp_gui.training import start_training

        # The language chosen in Settings applies to training too, unless
        # --lang says otherwise (README; issue 15).
        saved_language, _last_profile = saved_preferences()
        app = create_application(lang=args.lang or saved_language)
        if args.high_contrast:
            from cogtotp_gui.ui.common.theme import apply_high_contrast

            apply_high_contrast(app)
        # The training mode builds its window (create_main_window) and returns
        # it for the event loop, or returns an exit code.
        result = start_training(app, args, roster=roster)
        if isinstance(result, int):
            return result
        return run(app, result)

    saved_language, last_profile = saved_preferences()
    if args.profile is None and not _names_a_connection(args):
        # Nothing on the command line: the connection used last time.
        args.profile = remembered_profile(last_profile)
    try:
        settings, values = connection_from_args(args)
    except UnknownProfileError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    language = args.lang or saved_language
    join, problem = campaign_to_join(args, settings, args.aws_profile)
    if problem:
        return say_desk_usage_error(problem, language)
    app = create_application(lang=language)
    if args.high_contrast:
        from cogtotp_gui.ui.common.theme import apply_high_contrast

        apply_high_contrast(app)
    aws_profile, session_ttl = args.aws_profile, None
    if args.profile and settings is not None:
        # What a saved connection knows besides the connection itself.
        saved_aws_profile, session_ttl = profile_extras(args.profile)
        aws_profile = aws_profile or saved_aws_profile
    window = create_main_window(settings, prefill=values, aws_profile=aws_profile, session_ttl=session_ttl)
    if roster is not None:
        window.start_session_after_first_paint(list(roster.usernames), roster.source)
    elif join is not None:
        window.join_campaign_after_first_paint(join)
    else:
        window.offer_resume_after_first_paint()
    return run(app, window)


def read_roster_or_say_why(path: str, lang: str | None) -> Roster | None:
    """``--roster``: the roster, or ``None`` once stderr says (in the user's
    language) why the file cannot be used, and on which line."""
    from cogtotp_gui.campaign.roster import RosterError, read_roster_file

    try:
        roster = read_roster_file(path)
    except RosterError as error:
        from cogtotp_gui.ui.campaign.roster_messages import command_line_translate, roster_error_text

        if lang is None:
            lang, _last_profile = saved_preferences()
        print(f"{APP_NAME}: {path}: {roster_error_text(error, command_line_translate(lang))}", file=sys.stderr)
        return None
    if roster.dropped:
        from cogtotp_gui.plural import count

        print(
            f"{APP_NAME}: roster: {count(len(roster), 'user')}; {count(roster.duplicates, 'repeated line')} "
            f"and {count(roster.blanks, 'blank line')} left out",
            file=sys.stderr,
        )
    return roster


# -- team campaigns ----------------------------------------------------------------


def campaign_to_join(
    args: argparse.Namespace, settings: ConnectionSettings | None, aws_profile: str | None
) -> tuple[Any, str]:
    """``(join, problem)``: the team campaign this desk works on (a
    :class:`~cogtotp_gui.ui.campaign.team_runner.TeamJoin`, or None), from
    ``--campaign``/``--campaign-table`` and the saved connection's campaign
    settings; ``problem`` names a usage error ("" if none). Nothing of the
    team modules is imported unless a campaign is joined."""
    saved_campaign, saved_table, saved_aws_profile = profile_campaign(args.profile) if args.profile else ("", "", None)
    campaign = args.campaign or ("" if args.campaign_table or args.roster else saved_campaign)
    table = args.campaign_table or saved_table
    if args.campaign_table and not args.campaign and not saved_campaign:
        return None, "no_campaign"
    if not campaign:
        return None, ""
    if not table:
        return None, "no_table"
    from cogtotp_gui.ui.campaign.team_runner import TeamJoin

    region = args.region or (settings.effective_region if settings is not None else None)
    return TeamJoin(campaign, table, region, aws_profile or saved_aws_profile), ""


def say_desk_usage_error(problem: str, lang: str | None) -> int:
    """Say on stderr, in the user's language, why the campaign options
    cannot be used as given; the exit code of a usage error (2)."""
    from cogtotp_gui.ui.campaign.roster_messages import command_line_translate
    from cogtotp_gui.ui.campaign.team_labels import desk_usage_error

    if lang is None:
        lang, _last_profile = saved_preferences()
    print(f"{APP_NAME}: {desk_usage_error(problem, command_line_translate(lang))}", file=sys.stderr)
    return 2


def profile_campaign(name: str) -> tuple[str, str, str | None]:
    """A saved connection's team campaign, its table and its AWS profile ("" when none)."""
    try:
        from cogtotp_gui.connections.store import ProfileStore

        profile = ProfileStore().get(name)
    except Exception:
        return "", "", None
    if profile is None:
        return "", "", None
    return (
        profile.campaign or "",
        profile.campaign_table or "",
        profile.aws_profile,
    )


# -- saved preferences ------------------------------------------------------------


def saved_preferences() -> tuple[str | None, str | None]:
    """The saved language (None: the system's) and the last connection's name."""
    try:
        from cogtotp_gui.ui.shell.startup_preferences import read_startup_preferences

        return read_startup_preferences()
    except Exception as exc:
        log.warning("could not read the preferences: %s", type(exc).__name__)
        return None, None


def _names_a_connection(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name) is not None
        for name in ("user_pool_id", "client_id", "region", "endpoint_url", "mode", "issuer")
    )


def remembered_profile(name: str | None) -> str | None:
    """The profile used last time, if it still exists."""
    if not name:
        return None
    try:
        from cogtotp_gui.connections.store import ProfileStore

        return name if ProfileStore().get(name) is not None else None
    except Exception as exc:
        log.warning("could not read the saved connections: %s", type(exc).__name__)
        return None


def profile_extras(name: str) -> tuple[str | None, float | None]:
    """A saved connection's AWS profile (admin mode) and session validity."""
    try:
        from cogtotp_gui.connections.store import ProfileStore
        from cogtotp_gui.enrollment.settings import SignInMode

        profile = ProfileStore().get(name)
    except Exception:
        return None, None
    if profile is None:
        return None, None
    aws_profile = profile.aws_profile if profile.mode is SignInMode.ADMIN else None
    return aws_profile, (float(profile.session_ttl_s) if profile.session_ttl_s else None)
