"""``cogtotp-gui inventory``: who in a pool is still on SMS, without a window.

    cogtotp-gui inventory (--profile NAME | --user-pool-id ID [--region R] [--endpoint-url URL] | --demo)
                          [--aws-profile NAME] [--exact] [--max-rps N] [--csv PATH] [--json PATH]

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
import csv
import json
import os
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any, TextIO

from cogtotp_gui.plural import count

PROG = "cogtotp-gui inventory"
FIELDS = ("username", "enabled", "user_status", "mfa", "preferred", "checked_at")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Count a user pool's users by MFA state (totp, sms, email, none, unknown) and export them. "
        "Needs cognito-idp:ListUsers, and with --exact also cognito-idp:AdminGetUser and "
        "cognito-idp:GetUserPoolMfaConfig.",
        epilog="Ctrl+C keeps what was read; the next run resumes. Exit status: 0 done, 1 AWS or database error, "
        "2 usage error, 130 interrupted.",
    )
    parser.add_argument("--profile", metavar="NAME", help="a saved connection (its pool, region, endpoint)")
    parser.add_argument("--user-pool-id", metavar="ID", help="user pool id, e.g. eu-west-1_AbCdEf123")
    parser.add_argument("--region", metavar="REGION", help="AWS region (default: taken from the user pool id)")
    parser.add_argument("--endpoint-url", metavar="URL", help="a non-AWS Cognito endpoint, e.g. an emulator")
    parser.add_argument("--aws-profile", metavar="NAME", help="AWS profile (default: the standard chain)")
    parser.add_argument(
        "--exact",
        action="store_true",
        help="read every user with AdminGetUser (UserRead quota) for an exact classification; "
        "without it, a census from ListUsers alone (mfa is sms or unknown)",
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
    parser.add_argument("--csv", metavar="PATH", help="write one row per user as CSV")
    parser.add_argument("--json", metavar="PATH", help="write one object per user as a JSON array")
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


def _iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


def _write_csv(rows: Sequence[Any], path: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for r in rows:
            # A username starting with = + - @ would be a formula in a spreadsheet.
            name = "'" + r.username if r.username[:1] in ("=", "+", "-", "@") else r.username
            writer.writerow(
                [name, "true" if r.enabled else "false", r.user_status, r.mfa, r.preferred, _iso(r.checked_at)]
            )


def _write_json(rows: Sequence[Any], path: str) -> None:
    data = [
        {
            "username": r.username,
            "enabled": r.enabled,
            "user_status": r.user_status,
            "mfa": r.mfa,
            "preferred": r.preferred,
            "checked_at": _iso(r.checked_at),
        }
        for r in rows
    ]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def _count_users(gateway: Any) -> int | None:
    """``EstimatedNumberOfUsers`` from DescribeUserPool, or None if not allowed."""
    try:
        answer = gateway._call("describe_user_pool", UserPoolId=gateway.pool.user_pool_id)
    except Exception:
        return None
    number = (answer.get("UserPool") or {}).get("EstimatedNumberOfUsers")
    return int(number) if isinstance(number, int) else None


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
    from cogtotp_gui.campaign.inventory import DEFAULT_MAX_RPS, InventoryError, InventoryStore, scan
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
        if args.exact:
            users = _count_users(gateway) or sum(store.counts(pool_id).values()) or None
            about = f"about {count(users, 'user')}" if users is not None else "every user"
            minutes = f", about {_duration(users / max_rps)} at {max_rps:g}/s" if users else ""
            print(
                f"{PROG}: --exact reads {about} one by one with AdminGetUser{minutes}. "
                "AWS warns that per-user reads of a large pool can count towards monthly active users "
                "and affect the bill.",
                file=sys.stderr,
            )

        def run() -> Any:
            own = InventoryStore.open(store.db.path)  # sqlite3: one connection per thread
            try:
                return scan(
                    gateway, own, pool_id, exact=args.exact, max_rps=max_rps, cancel=cancel, on_progress=progress
                )
            finally:
                own.close()

        result = _scan_interruptibly(run, cancel)
        progress.end()
        if not result.completed:
            raise KeyboardInterrupt
        rows = store.users(pool_id)
        if args.csv:
            _write_csv(rows, args.csv)
        if args.json:
            _write_json(rows, args.json)
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
    if result.throttled:
        print(f"throttled {count(result.throttled, 'time')} (retried)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - python -m cogtotp_gui.cli.inventory
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main(sys.argv[1:]))
