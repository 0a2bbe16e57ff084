"""``cogtotp-gui inventory``: who in a pool is still on SMS, without a window.

    cogtotp-gui inventory (--profile NAME | --user-pool-id ID [--region R] [--endpoint-url URL] | --demo)
                          [--aws-profile NAME] [--exact] [--max-rps N] [--csv PATH] [--json PATH]
    cogtotp-gui inventory (--profile NAME | --user-pool-id ID) --history [--csv PATH]

``--demo`` reads the training pool of the built-in emulator (the one
``cogtotp-gui --demo`` uses) with no AWS account and nothing kept.

Results go to the campaign database in the app's data folder
(``COGTOTP_DATA_DIR`` overrides it); an interrupted run (Ctrl+C) keeps what
it read and the next run of the same kind resumes it. Exit status: 0 done,
1 an AWS or database error (a plain sentence on stderr), 2 a usage error,
130 interrupted. Rules: docs/inventory.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any, TextIO

from cogtotp_gui.cli import add_pool_options
from cogtotp_gui.plural import count

PROG = "cogtotp-gui inventory"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Count a user pool's users by MFA state (totp, sms, email, none, unknown) and export them. "
        "Needs cognito-idp:ListUsers, and with --exact also cognito-idp:AdminGetUser and "
        "cognito-idp:GetUserPoolMfaConfig.",
        epilog="Ctrl+C keeps what was read; the next run resumes. Exit status: 0 done, 1 AWS or database error, "
        "2 usage error, 130 interrupted.",
    )
    add_pool_options(parser, profile_help="a saved connection (its pool, region, endpoint)")
    parser.add_argument(
        "--exact",
        action="store_true",
        help="read every user with AdminGetUser (UserRead quota) for an exact classification; "
        "without it, a census from ListUsers alone (mfa is sms or unknown)",
    )
    parser.add_argument(
        "--only-unmigrated",
        action="store_true",
        help="an exact scan (implies --exact) that does not read again users an earlier exact scan found on "
        "TOTP; new users and users whose authenticator this app has reset since are read",
    )
    parser.add_argument(
        "--max-rps",
        type=float,
        metavar="N",
        help="at most N per-user reads a second (default 30: a quarter of the 120/s UserRead quota, "
        "which production shares)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="read the training pool of the built-in emulator (as cogtotp-gui --demo does): no AWS account or "
        "credentials needed, and nothing is kept",
    )
    parser.add_argument(
        "--csv",
        metavar="PATH",
        help="write one row per user as CSV (UTF-8 with a byte-order mark; with --history, one row per scan); "
        "PATH is replaced through a temporary file and must not be a link",
    )
    parser.add_argument("--json", metavar="PATH", help="write one object per user as a JSON array")
    parser.add_argument(
        "--history",
        action="store_true",
        help="scan nothing: print the stored scans' counts per state, the SMS count's pace and the estimated "
        "date nobody is left on SMS, and users enrolled a day in onboarding sessions",
    )
    return parser


def _pool(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Any:
    """The pool to read (a :class:`PoolSettings`: no app client, no secret)."""
    from cogtotp_gui.enrollment.settings import PoolSettings, SettingsError, SignInMode

    values: dict[str, Any] = {}
    aws_profile = args.aws_profile
    if args.profile:
        # The saved connection's pool, region, endpoint and AWS profile (not
        # through app.py: the command is a room of its own, app.py imports it).
        from cogtotp_gui.connections.store import ProfileStore

        profile = ProfileStore().get(args.profile)
        if profile is None:
            parser.error(f"no saved connection is called {args.profile!r}")
        values.update(
            user_pool_id=profile.user_pool_id,
            region=profile.region,
            endpoint_url=profile.endpoint_url,
            name=profile.name,
        )
        if aws_profile is None and profile.mode is SignInMode.ADMIN:
            aws_profile = profile.aws_profile
    for option in ("user_pool_id", "region", "endpoint_url"):
        value = getattr(args, option)
        if value is not None:
            values[option] = value
    if not values.get("user_pool_id"):
        parser.error("say which pool: --profile NAME or --user-pool-id ID")
    try:
        return PoolSettings.create(aws_profile=aws_profile, **values)
    except SettingsError as error:
        parser.error(f"--{error.field.replace('_', '-')}: expected {error.expected}")


def _aws_problem(error: Any, aws_profile: str | None) -> str:
    """What went wrong with AWS, and what to do, in words (not an exception's name)."""
    key = error.message_key
    named = f" --profile {aws_profile}" if aws_profile else ""
    if key == "error.no_aws_credentials":
        return (
            "no AWS credentials were found. The inventory reads the pool with your AWS credentials: "
            "name a profile with --aws-profile NAME (set one up with 'aws configure' or 'aws configure sso'), "
            "or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. "
            f"To try the command without AWS, run '{PROG} --demo'."
        )
    if key == "error.sso_expired":
        return f"your AWS single sign-on session has expired: run 'aws sso login{named}', then try again."
    if key == "error.aws_profile_not_found":
        return (
            f"the AWS profile {aws_profile!r} is not in this computer's AWS configuration (~/.aws/config): "
            "check --aws-profile (or the saved connection's AWS profile)."
        )
    if key == "error.aws_credentials_expired":
        return "your AWS credentials have expired: renew them, then try again."
    if key == "error.aws_credentials":
        return "your AWS credentials were not accepted: check which AWS profile or keys this computer uses."
    if key == "config.endpoint_insecure":
        return (
            "this computer's AWS configuration (AWS_ENDPOINT_URL or an endpoint in the AWS config file) sends the "
            "calls over plain http:// to another computer; change it to https://, or remove it."
        )
    return str(error.detail or key)


class _Progress:
    """done/total, rate and time left on one stderr line, when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0
        self._width = 60

    def __call__(self, p: Any) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.2:
            return
        self._last = now
        if p.slowed:  # the estimate means nothing while Cognito refuses calls
            left = f", slowed down by Cognito ({p.throttled} refused, retrying)"
        elif p.seconds_left is not None:
            left = f", {_duration(p.seconds_left)} left"
        else:
            left = ""
        line = f"{p.phase}: {p.done}/{count(p.total, 'user')}, {p.rate:.0f}/s{left}"
        self.stream.write("\r" + line.ljust(self._width))  # covers the longer line before it
        self._width = max(self._width, len(line))
        self.stream.flush()

    def end(self) -> None:
        if self.enabled and self._last:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def _history(pool_id: str, csv_path: str | None) -> int:
    """``--history``: the stored scans and the trend, printed (and with ``csv_path``, one CSV row a scan)."""
    from cogtotp_gui.campaign.database import DatabaseUnavailable
    from cogtotp_gui.campaign.export import write_csv
    from cogtotp_gui.campaign.inventory import MFA_STATES
    from cogtotp_gui.campaign.inventory_query import InventoryQuery, history, iso

    try:
        with InventoryQuery.open(None, pool_id) as query:
            found = history(query)
    except DatabaseUnavailable as error:
        print(f"{PROG}: the inventory database cannot be used ({error.problem.value}): {error.path}", file=sys.stderr)
        return 1
    if not found.scans:
        print(f"{pool_id}: no finished scan yet")
    for entry in found.scans:
        counts = ", ".join(f"{state} {entry.counts.get(state, 0)}" for state in MFA_STATES)
        kind = "exact" if entry.exact else "census"
        print(f"{iso(entry.finished_at)}  scan {entry.scan_id} ({kind}): {count(entry.total, 'user')} ({counts})")
    sms = found.sms
    if sms.last is not None:
        line = f"sms now {int(sms.last.value)}"
        if sms.per_day is not None:
            line += f", {-sms.per_day:.1f} fewer a day" if sms.per_day < 0 else f", {sms.per_day:+.1f} a day"
        if sms.finish is not None:
            line += f", none left by {time.strftime('%Y-%m-%d', time.localtime(sms.finish))} at this pace"
        elif len(sms.points) >= 2:
            line += ", not falling: no finish date"
        print(line)
    if found.enrolled:
        recent = found.enrolled[-7:]
        days = ", ".join(f"{time.strftime('%Y-%m-%d', time.localtime(p.when))} {int(p.value)}" for p in recent)
        print(f"enrolled in sessions a day (last {len(recent)} day(s) with any): {days}")
    if csv_path:
        try:
            write_csv(
                csv_path,
                ("finished_at", "scan", "kind", *MFA_STATES, "total"),
                (
                    (
                        iso(e.finished_at),
                        e.scan_id,
                        "exact" if e.exact else "census",
                        *(e.counts.get(s, 0) for s in MFA_STATES),
                        e.total,
                    )
                    for e in found.scans
                ),
            )
        except OSError as error:
            print(f"{PROG}: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
            return 1
    return 0


def _scan_interruptibly(run: Any, cancel: threading.Event) -> Any:
    """Run the scan on a thread; Ctrl+C sets ``cancel`` so readers stop between calls.

    The scan commits what it read before it returns, so an interrupt loses
    nothing, and sqlite3 is never interrupted inside a transaction.
    """
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = run()
        except BaseException as error:  # re-raised on the main thread
            outcome["error"] = error
        finally:
            done.set()

    worker = threading.Thread(target=work, name="cogtotp-inventory-scan")
    worker.start()
    # An Event, not Thread.join: a join interrupted by Ctrl+C may later return early.
    try:
        while not done.wait(0.25):
            pass
    except KeyboardInterrupt:
        cancel.set()
        while not done.wait(0.25):
            pass
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.max_rps is not None and not (0 < args.max_rps <= 1000):
        parser.error("--max-rps: expected a number of reads a second above 0 and at most 1000")
    if args.only_unmigrated:
        args.exact = True
    if args.history:
        if args.json or args.exact or args.max_rps is not None or args.demo:
            parser.error("--history scans nothing: it takes only the pool and --csv")
        return _history(_pool(args, parser).user_pool_id, args.csv)
    if args.demo:
        return _demo(args, parser)
    return _inventory(args, _pool(args, parser))


def _demo(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``--demo``: the training pool of the built-in emulator, on this
    computer, with the training's dummy AWS keys; its inventory goes to a
    temporary database, never into the operator's."""
    given = [f"--{name.replace('_', '-')}" for name in _POOL_OPTIONS if getattr(args, name) is not None]
    if given:
        parser.error(f"--demo reads its own training pool; leave out {', '.join(given)}")
    import tempfile
    from pathlib import Path

    from cogtotp_gui.training.environment import CredentialsIsolation, TrainingEnvironment

    isolation = CredentialsIsolation()
    environment = TrainingEnvironment()
    isolation.apply()
    try:
        pool = environment.start().pool()
        print(
            f"{PROG}: --demo: the training pool on this computer ({pool.endpoint_url}); nothing is kept.",
            file=sys.stderr,
        )
        with tempfile.TemporaryDirectory(prefix="cogtotp-inventory-demo-") as folder:
            return _inventory(args, pool, Path(folder) / "campaign.sqlite3")
    finally:
        environment.stop()
        isolation.restore()


_POOL_OPTIONS = ("profile", "user_pool_id", "region", "endpoint_url", "aws_profile")


def _inventory(args: argparse.Namespace, pool: Any, db_path: Any = None) -> int:
    from cogtotp_gui.campaign.database import DatabaseUnavailable
    from cogtotp_gui.campaign.inventory import (
        DEFAULT_MAX_RPS,
        InventoryError,
        estimate_users,
        reset_since,
        scan,
    )
    from cogtotp_gui.campaign.inventory_store import InventoryStore
    from cogtotp_gui.enrollment.errors import EnrollmentError
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    max_rps = args.max_rps or DEFAULT_MAX_RPS
    gateway = CognitoGateway(pool, aws_profile=pool.aws_profile, max_attempts=1)
    pool_id = pool.user_pool_id
    try:
        store = InventoryStore.open(db_path)
    except DatabaseUnavailable as error:
        print(f"{PROG}: the inventory database cannot be used ({error.problem.value}): {error.path}", file=sys.stderr)
        return 1
    progress = _Progress(sys.stderr)
    cancel = threading.Event()
    try:
        users = estimate_users(gateway) or sum(store.counts(pool_id).values()) or None
        if args.exact:
            about = f"about {count(users, 'user')}" if users is not None else "every user"
            minutes = f", about {_duration(users / max_rps)} at {max_rps:g}/s" if users else ""
            print(
                f"{PROG}: --exact reads {about} one by one with AdminGetUser{minutes}. "
                "AWS warns that per-user reads of a large pool can count towards monthly active users "
                "and affect the bill.",
                file=sys.stderr,
            )

        reread: set[str] = set()
        if args.only_unmigrated:
            since = store.last_exact_scan_start(pool_id)
            reread = reset_since(pool_id, since) if since is not None else set()

        def run() -> Any:
            own = InventoryStore.open(store.db.path)  # sqlite3: one connection per thread
            try:
                return scan(
                    gateway,
                    own,
                    pool_id,
                    exact=args.exact,
                    max_rps=max_rps,
                    cancel=cancel,
                    on_progress=progress,
                    only_unmigrated=args.only_unmigrated,
                    reread=reread,
                    expected_total=users,
                )
            finally:
                own.close()

        result = _scan_interruptibly(run, cancel)
        progress.end()
        if not result.completed:
            raise KeyboardInterrupt
        if args.csv or args.json:
            from cogtotp_gui.campaign.inventory_query import InventoryQuery, write_inventory_csv, write_inventory_json

            # Streamed from the database through the campaign's one writer (campaign/export.py):
            # a temporary file renamed over the target; a link or a non-regular file is refused.
            query = InventoryQuery(store.db, pool_id)
            if args.csv:
                write_inventory_csv(args.csv, query.rows())
            if args.json:
                write_inventory_json(args.json, query.rows())
    except KeyboardInterrupt:
        progress.end()
        print(f"{PROG}: interrupted; what was read is kept and the next run resumes.", file=sys.stderr)
        return 130
    except InventoryError as error:
        progress.end()
        if error.action:
            print(
                f"{PROG}: access denied: the AWS credentials lack the IAM permission {error.action} "
                f"on {pool_id}. What was read is kept.",
                file=sys.stderr,
            )
        else:
            print(f"{PROG}: {_aws_problem(error.error, pool.aws_profile)}", file=sys.stderr)
        return 1
    except EnrollmentError as error:  # building the client: credentials, profile
        progress.end()
        print(f"{PROG}: {_aws_problem(error, pool.aws_profile)}", file=sys.stderr)
        return 1
    except DatabaseUnavailable as error:
        progress.end()
        print(f"{PROG}: the inventory database cannot be used ({error.problem.value}): {error.path}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{PROG}: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    finally:
        store.close()
    kind = "exact" if result.exact else "census (ListUsers only: totp, email and none show as unknown)"
    counts = ", ".join(f"{state} {n}" for state, n in result.counts.items())
    print(f"{pool_id}: {count(result.total, 'user')} ({counts}); {kind}")
    if result.mfa_configuration:
        print(f"pool MFA: {result.mfa_configuration}")
    if args.only_unmigrated:
        print(
            f"--only-unmigrated: {count(result.saved, 'user')} known to be on TOTP were not read again "
            f"({count(result.saved, 'read')} saved; {count(len(reread), 'user')} reset since the last exact "
            "scan read again)"
        )
    if result.throttled:
        print(f"throttled {count(result.throttled, 'time')} (retried)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - python -m cogtotp_gui.cli.inventory
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main(sys.argv[1:]))
