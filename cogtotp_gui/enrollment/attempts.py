"""The current user's audit attempt, kept apart from the controller (Qt-free).

An attempt begins when a user is signed in (again: a new code or a retry
for the same user is the same attempt) and ends exactly once: with the
result (Done, unsupported), abandoned (next user, stop, idle wipe), or as
already enrolled (stopped on the "already has an authenticator" page, as
that page advises). Failed steps are recorded on the way. The controller
only says what happened; this decides what goes on record. The
lost-authenticator reset writes its own record on the worker, before the
next step (``Attempt.reset``): a synchronous gate, not kept here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogtotp_gui.enrollment.steps import Step

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.audit import Attempt, AuditLog, AuditOutcome
    from cogtotp_gui.enrollment.errors import EnrollmentError
    from cogtotp_gui.enrollment.settings import ConnectionSettings

__all__ = ["AttemptBook"]


class AttemptBook:
    """The attempt of the user being enrolled, if any (``current``)."""

    def __init__(self) -> None:
        self.current: Attempt | None = None

    def begin(self, audit: AuditLog, settings: ConnectionSettings, username: str, step: Step = Step.SIGN_IN) -> None:
        """A sign-in of ``username``: a new attempt, unless it is the one going
        on (another user's, left at ``step``, is recorded as abandoned)."""
        name = username.strip()
        attempt = self.current
        if attempt is not None and not attempt.finished and attempt.username == name:
            return  # signing in again (new code, retry) is the same attempt
        self.abandon(step)
        self.current = audit.start(settings, name)

    def end(self, outcome: AuditOutcome, step: Step, error: EnrollmentError | None = None) -> None:
        """Record how the attempt ended, once."""
        from cogtotp_gui.enrollment.audit import AuditOutcome

        attempt, self.current = self.current, None
        if attempt is None or attempt.finished:
            return
        if outcome is AuditOutcome.ABANDONED and step is Step.EXISTING_TOTP:
            outcome = AuditOutcome.ALREADY_ENROLLED  # stopped, as the page advises
        attempt.finish(outcome, step, error)

    def abandon(self, step: Step) -> None:
        """The user was left at ``step`` (next user, stop, idle wipe, shutdown)."""
        if self.current is None:
            return
        from cogtotp_gui.enrollment.audit import AuditOutcome

        self.end(AuditOutcome.ABANDONED, step)

    def result(self, step: Step) -> None:
        """A call answered with ``step``: Done and unsupported end the attempt."""
        if step not in (Step.DONE, Step.UNSUPPORTED) or self.current is None:
            return
        from cogtotp_gui.enrollment.audit import AuditOutcome

        self.end(AuditOutcome.SUCCESS if step is Step.DONE else AuditOutcome.UNSUPPORTED, step)

    def failure(self, step: Step, error: EnrollmentError) -> None:
        """A step failed; the attempt goes on (the operator may try again)."""
        if self.current is not None:
            self.current.failure(step, error)

    def set_aside(self) -> Attempt | None:
        """Back to sign-in with the same user: the attempt is kept, not abandoned (see :meth:`restore`)."""
        attempt, self.current = self.current, None
        return attempt

    def restore(self, attempt: Attempt | None) -> None:
        self.current = attempt
