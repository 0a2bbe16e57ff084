"""Which enrollment attempt is open, and what of it goes on the audit trail.

The controller runs the steps; this book decides what each step means for
the audit trail (``audit.py``): an attempt begins at sign-in, records failed
steps on the way, and ends exactly once (success, unsupported, already
enrolled, or abandoned by "Next user", the idle wipe or Back to a new user).

One rule is a gate, not a record: a lost-authenticator reset changes a real
account (AdminDeleteSoftwareToken), so its intent is written **before** the
call, synchronously, and the reset is refused when that record cannot be
written (:meth:`AttemptBook.reset_gate`). Its result follows: done, refused,
or ``unknown`` when the reply was lost, then how that was resolved. See
docs/security.md, "The lost-authenticator reset's audit gate".

Qt-free. Imports ``audit`` lazily (platformdirs is not needed before the
first attempt).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.steps import Step

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.audit import Attempt, AuditLog, AuditOutcome
    from cogtotp_gui.enrollment.settings import ConnectionSettings

__all__ = ["AttemptBook", "ResetRecord"]


class ResetRecord:
    """The audit side of one lost-authenticator reset, made by :meth:`AttemptBook.reset_gate`.

    Its methods run on the worker that sends the delete; each writes one
    record of the same attempt (a failed write is shown, not raised: the
    intent is on record already).
    """

    def __init__(self, attempt: Attempt, reason: str, identity_verified: bool, aws_identity: str | None) -> None:
        self._attempt = attempt
        self._reason = reason
        self._verified = identity_verified
        self._aws_identity = aws_identity

    def _write(self, outcome: AuditOutcome | None, error: EnrollmentError | None = None) -> bool:
        return self._attempt.reset(
            reason=self._reason,
            identity_verified=self._verified,
            aws_identity=self._aws_identity,
            error=error,
            outcome=outcome,
        )

    def requested(self) -> bool:
        from cogtotp_gui.enrollment.audit import AuditOutcome

        return self._write(AuditOutcome.REQUESTED)

    def reply_lost(self, error: EnrollmentError) -> bool:
        """The delete's reply was lost: done or not is being checked."""
        from cogtotp_gui.enrollment.audit import AuditOutcome

        return self._write(AuditOutcome.UNKNOWN, error)

    def done(self) -> bool:
        return self._write(None)

    def refused(self, error: EnrollmentError) -> bool:
        return self._write(None, error)


class AttemptBook:
    """The open attempt and its records.

    Args:
        audit_factory: makes the audit log on first need (the default one
            finds its folder through platformdirs).
        on_write: told after every audit write with the log's error, or
            ``None`` when the record was written (from the writing thread).
    """

    def __init__(
        self,
        audit_factory: Callable[[], AuditLog],
        on_write: Callable[[str | None], None] | None = None,
    ) -> None:
        self._audit_factory = audit_factory
        self._audit: AuditLog | None = None
        self._on_write = on_write
        self.current: Attempt | None = None

    @property
    def audit(self) -> AuditLog:
        if self._audit is None:
            self.use(self._audit_factory())
        assert self._audit is not None
        return self._audit

    def use(self, audit: AuditLog) -> None:
        """Record in ``audit`` from now on (training keeps its own)."""
        if self._audit is not None and self._audit is not audit:
            self._audit.on_write = None
        self._audit = audit
        audit.on_write = self._on_write

    # -- an attempt's life ---------------------------------------------------------

    def begin(self, settings: ConnectionSettings | None, username: str, step: Step) -> None:
        """Sign-in pressed for ``username``; signing in again as the same user goes on."""
        name = username.strip()
        if self.current is not None and not self.current.finished and self.current.username == name:
            return
        self.abandon(step)
        if settings is not None:
            self.current = self.audit.start(settings, name)

    def finish(self, outcome: AuditOutcome, step: Step, error: EnrollmentError | None = None) -> None:
        from cogtotp_gui.enrollment.audit import AuditOutcome

        attempt, self.current = self.current, None
        if attempt is None or attempt.finished:
            return
        if outcome is AuditOutcome.ABANDONED and step is Step.EXISTING_TOTP:
            outcome = AuditOutcome.ALREADY_ENROLLED  # stopped, as the page advises
        attempt.finish(outcome, step, error)

    def abandon(self, step: Step) -> None:
        if self.current is None:
            return  # nothing to record (and the audit module may not be loaded yet)
        from cogtotp_gui.enrollment.audit import AuditOutcome

        self.finish(AuditOutcome.ABANDONED, step)

    def result(self, step: Step) -> None:
        """A call answered with ``step``: Done and Unsupported end the attempt."""
        if step not in (Step.DONE, Step.UNSUPPORTED) or self.current is None:
            return
        from cogtotp_gui.enrollment.audit import AuditOutcome

        self.finish(AuditOutcome.SUCCESS if step is Step.DONE else AuditOutcome.UNSUPPORTED, step)

    def failure(self, step: Step, error: EnrollmentError) -> None:
        if self.current is not None:
            self.current.failure(step, error)

    def detach(self) -> Attempt | None:
        """Take the attempt out (it goes on: Back to sign-in with the same user)."""
        attempt, self.current = self.current, None
        return attempt

    def attach(self, attempt: Attempt | None) -> None:
        self.current = attempt

    # -- the reset's gate ------------------------------------------------------------

    def reset_gate(
        self,
        settings: ConnectionSettings | None,
        username: str,
        *,
        reason: str,
        identity_verified: bool,
        aws_identity: str | None,
    ) -> ResetRecord:
        """Put the intent of a reset on record, now, before any call.

        Runs on the caller's thread and returns only once the record is on
        disk: the reset may then go on.

        Raises:
            EnrollmentError: AUDIT (``error.reset_not_audited``, the log's
                own words as the detail) when the record could not be
                written: the reset must not be sent.
        """
        attempt = self.current
        if attempt is None or attempt.finished:
            # A reset outside an attempt (no sign-in recorded): one of its own.
            self.begin(settings, username, Step.LOST_AUTHENTICATOR)
            attempt = self.current
        if attempt is None:
            raise EnrollmentError(ErrorKind.AUDIT, "error.reset_not_audited", "no connection", code="AuditNotWritten")
        record = ResetRecord(attempt, reason, identity_verified, aws_identity)
        if not record.requested():
            detail = self.audit.last_error or "not written"
            raise EnrollmentError(ErrorKind.AUDIT, "error.reset_not_audited", detail, code="AuditNotWritten")
        return record
