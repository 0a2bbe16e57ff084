"""Append-only audit trail of enrollment attempts, as JSON lines.

A helpdesk has to answer "who moved which account, when, and did it work"
without anyone being able to read a credential back out of the answer. So a
record has a fixed set of fields, each one type- and length-checked and
scrubbed; there is deliberately no way to pass free-form data (no
``**kwargs``, no "extra" dict), which is what makes "never a password,
code, secret, session or token" a property of the API rather than of every
caller's discipline.

One line per event, for example::

    {"time": "2025-01-31T09:12:44.120Z", "operator": "helpdesk1",
     "connection": "Production", "pool": "eu-west-1_AbCdEf123",
     "username": "taro.yamada", "step": "done", "outcome": "success",
     "error_kind": null, "error_code": null, "duration_s": 48.2,
     "attempt": "3f9c0a1b", "schema": 2}

The file lives in ``<user data dir>/audit/audit.jsonl`` (``COGTOTP_AUDIT_DIR``
overrides the folder) and is rotated by size like
:class:`logging.handlers.RotatingFileHandler`. A failure to write it is
logged and never raised: the person at the desk must not lose an enrollment
because a disk is full. :attr:`AuditLog.on_write` tells the window after
each write, so that a failure is shown, not only logged. One change of a
real account is gated on its record instead: a lost-authenticator reset
first writes its intent (outcome ``requested``) and is refused when that
record cannot be written (see ``enrollment/attempts.py``).

Schema versions: 1, the first; 2 added the reset outcomes ``requested``
(written before AdminDeleteSoftwareToken is sent) and ``unknown`` (its reply
was lost; a later record of the same attempt says how it was resolved);
``not_rehearsed`` (a rehearsal begun, then left without a verdict) came in
the same round.

This module imports no Qt (the core stays testable without a display).
"""

from __future__ import annotations

import enum
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, scrub
from cogtotp_gui.enrollment.settings import region_from_pool_id
from cogtotp_gui.enrollment.steps import Step
from cogtotp_gui.enrollment.usernames import is_username
from cogtotp_gui.names import APP_NAME
from cogtotp_gui.platform.private_files import UnsafeFile, open_private_append, private_folder

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.settings import ConnectionSettings

# json, secrets, datetime, getpass and platformdirs are imported where used:
# the controller imports this module before the window's first paint, and
# they would add ~10 ms there.

log = logging.getLogger(__name__)

ENV_AUDIT_DIR = "COGTOTP_AUDIT_DIR"
FILE_NAME = "audit.jsonl"
SCHEMA = 2
DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_BACKUP_COUNT = 5

# Field limits: the longest legitimate value plus nothing. Cognito usernames
# are at most 128 characters; profile names are limited in the UI to 64.
_MAX_CONNECTION = 64
_MAX_OPERATOR = 64
_MAX_REASON = 200
_MAX_AWS_IDENTITY = 256
# An identifier, or a bare HTTP status: botocore reports a non-Cognito error
# page (a load balancer's 503) with the status as its code.
_ERROR_CODE = r"^(?:[A-Za-z][A-Za-z0-9_.]{0,63}|[1-5][0-9]{2})$"  # compiled (and cached) by re on first use
_INVALID = "<invalid>"
_UNSAFE_CATEGORIES = frozenset({"Zl", "Zp", "Cf"})
_STEPS = frozenset(step.value for step in Step)


class AuditOutcome(enum.Enum):
    """How an attempt ended (or, for ``FAILED``, how one step ended)."""

    SUCCESS = "success"
    FAILED = "failed"
    ABANDONED = "abandoned"  # "next user", idle timeout or window closed mid-way
    ALREADY_ENROLLED = "already_enrolled"  # the user has TOTP; nothing changed
    UNSUPPORTED = "unsupported"  # e.g. EMAIL_OTP: the wizard cannot help
    NOT_REHEARSED = "not_rehearsed"  # enrolled; "Try the new sign-in" begun, then left without a verdict
    # Lost-authenticator resets only (schema 2):
    REQUESTED = "requested"  # the intent, on record before the delete is sent
    UNKNOWN = "unknown"  # the delete's reply was lost: done or not, being checked


def default_audit_dir() -> Path:
    """The audit folder: ``$COGTOTP_AUDIT_DIR`` or the platform's data folder.

    Returns:
        ``~/.local/share/cogtotp-gui/audit`` on Linux,
        ``~/Library/Application Support/cogtotp-gui/audit`` on macOS,
        ``%LOCALAPPDATA%\\cogtotp-gui\\audit`` on Windows.
    """
    override = os.environ.get(ENV_AUDIT_DIR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "audit"


def current_operator() -> str:
    """The OS account running the app, or ``"unknown"``.

    ``getpass.getuser`` raises (``OSError`` on 3.13, ``KeyError`` or
    ``ImportError`` before) in containers and services without a passwd
    entry; an audit line is still better than none.
    """
    import getpass

    try:
        name = getpass.getuser()
    except Exception:
        name = ""
    return _text(name, _MAX_OPERATOR) or "unknown"


def _strip_control(text: str) -> str:
    """Every character that could split or disguise a record, as a space.

    JSON would escape C0/C1 controls, but a newline or an ANSI escape in a
    username has no business in a log a person reads with `less`; U+2028 and
    U+2029 (categories Zl, Zp) end a line for many line-based readers (and
    JSON leaves them as they are); format characters (Cf: the bidi overrides
    U+202E and friends, zero-width spaces) make a name read differently from
    what it is.
    """
    import unicodedata

    return "".join(
        " " if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch
        for ch in text
    )


def _text(value: object, limit: int, *, codes: bool = True) -> str:
    """A bounded, scrubbed string; anything not a string is refused."""
    if not isinstance(value, str):
        return _INVALID
    cleaned = scrub(_strip_control(value).strip(), codes=codes)
    if len(cleaned) > limit:
        return cleaned[: limit - 1] + "…"
    return cleaned


def _username(value: object) -> str:
    """A username as Cognito's one username rule (``enrollment/usernames.py``)
    has it, scrubbed (digit runs kept: employee numbers are common
    usernames); anything else is no username anyone signed in with."""
    if not is_username(value):
        return _INVALID
    assert isinstance(value, str)
    return scrub(value, codes=False)


def _outcome(outcome: AuditOutcome | str) -> str:
    try:
        return AuditOutcome(outcome).value
    except ValueError:
        return _INVALID


def _error_kind(kind: ErrorKind | None) -> str | None:
    return kind.value if isinstance(kind, ErrorKind) else None


def _attempt_id(attempt: str | None) -> str | None:
    return attempt if isinstance(attempt, str) and re.fullmatch(r"[0-9a-f]{8,32}", attempt) else None


def _pool(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and region_from_pool_id(value) is not None:
        return value.strip()
    return _INVALID


def _step(value: object) -> str:
    raw = value.value if isinstance(value, Step) else value
    return raw if isinstance(raw, str) and raw in _STEPS else _INVALID


def _error_code(value: object) -> str | None:
    if value is None or value == "":
        return None
    # A code is an identifier; if scrubbing would change it, it was not one.
    if isinstance(value, str) and re.match(_ERROR_CODE, value) and scrub(value) == value:
        return value
    return _INVALID


def _duration(value: object) -> float | None:
    # bool is an int subclass; True seconds is nonsense, not 1.0.
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value != value or value < 0 or value > 7 * 24 * 3600:  # NaN, negative, absurd
        return None
    return round(float(value), 3)


def _now() -> str:
    import datetime as _dt

    now = _dt.datetime.now(_dt.UTC)
    return now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class AuditLog:
    """The audit file: validated records, size rotation, never raises.

    Args:
        directory: where ``audit.jsonl`` lives; ``None`` uses
            :func:`default_audit_dir` (so ``COGTOTP_AUDIT_DIR`` applies).
        max_bytes: rotate before a write would grow the file beyond this.
        backup_count: how many rotated files (``audit.jsonl.1`` … ``.N``) to keep.
        operator: the OS account to record; ``None`` asks the OS once.

    Attributes:
        path: the current audit file.
        last_error: a short, secret-free description of the last write
            failure, or ``None`` once a write succeeds again (for a status
            line in the UI).
        on_write: called after every write, from the writing thread, with
            ``last_error`` (``None``: written); the window shows a failure.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        backup_count: int = DEFAULT_BACKUP_COUNT,
        operator: str | None = None,
    ) -> None:
        self.directory = Path(directory) if directory is not None else default_audit_dir()
        self.path = self.directory / FILE_NAME
        self.max_bytes = max(1, int(max_bytes))
        self.backup_count = max(0, int(backup_count))
        self.operator = _text(operator, _MAX_OPERATOR) if operator is not None else current_operator()
        self.last_error: str | None = None
        self.on_write: Callable[[str | None], None] | None = None
        self._lock = threading.Lock()

    # -- writing ----------------------------------------------------------

    def record(
        self,
        *,
        connection: str,
        pool: str | None,
        username: str,
        step: Step | str,
        outcome: AuditOutcome | str,
        error_kind: ErrorKind | None = None,
        error_code: str | None = None,
        duration_s: float | None = None,
        attempt: str | None = None,
    ) -> bool:
        """Append one record. Every argument is checked, none is trusted.

        Args:
            connection: the saved profile's name.
            pool: the user pool id (``<region>_<id>``).
            username: the Cognito username the attempt was about.
            step: the :class:`Step` the flow had reached.
            outcome: how it ended.
            error_kind: what kind of error ended it, if any.
            error_code: the Cognito/botocore error code (``CodeMismatchException``).
            duration_s: seconds since the attempt started.
            attempt: links the records of one attempt (see :class:`Attempt`).

        Returns:
            Whether the record reached the disk.
        """
        entry = {
            "time": _now(),
            "operator": self.operator,
            "connection": _text(connection, _MAX_CONNECTION),
            "pool": _pool(pool),
            "username": _username(username),
            "step": _step(step),
            "outcome": _outcome(outcome),
            "error_kind": _error_kind(error_kind),
            "error_code": _error_code(error_code),
            "duration_s": _duration(duration_s),
            "attempt": _attempt_id(attempt),
            "schema": SCHEMA,
        }
        return self._write(entry)

    def _append(self, data: bytes) -> bool:
        written = self._append_locked(data)
        listener = self.on_write
        if listener is not None:
            try:
                listener(None if written else self.last_error or "not written")
            except Exception:  # a listener's bug must not stop an enrollment
                log.exception("audit write listener failed")
        return written

    def _append_locked(self, data: bytes) -> bool:
        with self._lock:
            try:
                # 0o700: usernames are personal data; other local accounts
                # have no business reading who was helped (a folder that
                # exists already keeps its mode: IT may share one on purpose).
                private_folder(self.directory, tighten=False)
                self._rotate_if_needed(len(data))
                fd = self._open()
                try:
                    os.write(fd, data)
                finally:
                    os.close(fd)
            except (OSError, UnsafeFile) as exc:
                # The path is ours and harmless; the record itself is not logged.
                if isinstance(exc, UnsafeFile):
                    self.last_error = str(exc)
                else:
                    self.last_error = exc.strerror or type(exc).__name__
                log.warning("audit record not written to %s: %s", self.path, self.last_error)
                return False
            self.last_error = None
            return True

    def _open(self) -> int:
        """The audit file, opened for appending, and proven to be ours.

        In a shared folder (``COGTOTP_AUDIT_DIR`` on a group share) another
        account could plant ``audit.jsonl`` beforehand: a symbolic link to a
        file of ours it wants overwritten or read back (the open fails
        instead of following it), or a file of its own, or one anyone may
        write (records could then be forged or removed). Such a file is
        refused, not repaired: writing nothing is the safe failure, and
        ``last_error`` says why. The rules are those of every private file
        (``platform/private_files.py``, docs/security.md).

        Raises:
            OSError: the file cannot be opened (a planted link: ``ELOOP``).
            UnsafeFile: it is not owned by this account, or group or others
                may write it.
        """
        return open_private_append(self.path, "audit file")

    def _rotate_if_needed(self, incoming: int) -> None:
        try:
            size = os.lstat(self.path).st_size  # a planted link is refused by _open, never measured
        except FileNotFoundError:
            return
        if size == 0 or size + incoming <= self.max_bytes:
            return
        if self.backup_count == 0:
            self.path.unlink()
            return
        for index in range(self.backup_count - 1, 0, -1):
            older = self.path.with_name(f"{FILE_NAME}.{index}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{FILE_NAME}.{index + 1}"))
        os.replace(self.path, self.path.with_name(f"{FILE_NAME}.1"))

    # -- attempts -----------------------------------------------------------

    def record_reset(
        self,
        *,
        connection: str,
        pool: str | None,
        username: str,
        reason: str,
        identity_verified: bool,
        outcome: AuditOutcome | str,
        aws_identity: str | None = None,
        error_kind: ErrorKind | None = None,
        error_code: str | None = None,
        attempt: str | None = None,
    ) -> bool:
        """Append the record of a lost-authenticator reset (AdminDeleteSoftwareToken).

        Who did it (the OS account and, in admin mode, the AWS identity the
        call was signed with), for which user, why (the operator's reason,
        scrubbed like every text field: a code typed into it is removed),
        whether the user's identity was verified, and how it ended.
        """
        entry = {
            "time": _now(),
            "event": "authenticator_reset",
            "operator": self.operator,
            "aws_identity": _text(aws_identity, _MAX_AWS_IDENTITY, codes=False) if aws_identity else None,
            "connection": _text(connection, _MAX_CONNECTION),
            "pool": _pool(pool),
            "username": _username(username),
            "reason": _text(reason, _MAX_REASON),
            "identity_verified": identity_verified is True,
            "outcome": _outcome(outcome),
            "error_kind": _error_kind(error_kind),
            "error_code": _error_code(error_code),
            "attempt": _attempt_id(attempt),
            "schema": SCHEMA,
        }
        return self._write(entry)

    def _write(self, entry: Mapping[str, object]) -> bool:
        import json

        line = json.dumps(entry, ensure_ascii=False) + "\n"
        return self._append(line.encode("utf-8"))

    def start(self, settings: ConnectionSettings, username: str) -> Attempt:
        """Begin timing an attempt for ``username`` on this connection."""
        return Attempt(self, connection=settings.name, pool=settings.user_pool_id, username=username)


class Attempt:
    """One user's enrollment attempt, from sign-in to its end.

    Start it when the operator presses "Sign in" and call :meth:`finish`
    exactly once when the attempt ends, whichever way; :meth:`failure`
    records a failed step on the way (wrong code, expired session, network
    fault) without ending the attempt. Only the error's *kind* and *code*
    are recorded, never its ``detail`` text.

    Args:
        log: where to write.
        connection: profile name.
        pool: user pool id.
        username: the Cognito username.
        clock: monotonic seconds, injectable for tests.
    """

    def __init__(
        self,
        log: AuditLog,
        *,
        connection: str,
        pool: str | None,
        username: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = log
        self._clock = clock
        self._started = clock()
        self.connection = connection
        self.pool = pool
        self.username = username
        import secrets

        self.id = secrets.token_hex(4)
        self.finished = False

    @property
    def elapsed_s(self) -> float:
        return self._clock() - self._started

    def _write(self, outcome: AuditOutcome | str, step: Step | str, error: EnrollmentError | None) -> bool:
        return self._log.record(
            connection=self.connection,
            pool=self.pool,
            username=self.username,
            step=step,
            outcome=outcome,
            error_kind=error.kind if isinstance(error, EnrollmentError) else None,
            error_code=error.code if isinstance(error, EnrollmentError) else None,
            duration_s=self.elapsed_s,
            attempt=self.id,
        )

    def reset(
        self,
        *,
        reason: str,
        identity_verified: bool,
        aws_identity: str | None = None,
        error: EnrollmentError | None = None,
        outcome: AuditOutcome | None = None,
    ) -> bool:
        """Record a lost-authenticator reset of this attempt's user.

        ``outcome`` defaults to done (``error`` None) or refused; pass
        :attr:`AuditOutcome.REQUESTED` for the intent written before the
        call, :attr:`AuditOutcome.UNKNOWN` when its reply was lost. The
        attempt goes on either way.
        """
        if outcome is None:
            outcome = AuditOutcome.SUCCESS if error is None else AuditOutcome.FAILED
        return self._log.record_reset(
            connection=self.connection,
            pool=self.pool,
            username=self.username,
            reason=reason,
            identity_verified=identity_verified,
            outcome=outcome,
            aws_identity=aws_identity,
            error_kind=error.kind if isinstance(error, EnrollmentError) else None,
            error_code=error.code if isinstance(error, EnrollmentError) else None,
            attempt=self.id,
        )

    def failure(self, step: Step | str, error: EnrollmentError) -> bool:
        """Record a failed step; the attempt goes on (the user may retry)."""
        if self.finished:
            return False
        return self._write(AuditOutcome.FAILED, step, error)

    def finish(self, outcome: AuditOutcome | str, step: Step | str, error: EnrollmentError | None = None) -> bool:
        """Record how the attempt ended. Later calls are ignored.

        Returns:
            Whether a record was written (``False`` if already finished or
            the file could not be written).
        """
        if self.finished:
            return False
        self.finished = True
        return self._write(outcome, step, error)
