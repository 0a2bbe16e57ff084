"""The rehearsal: prove that the user's next sign-in asks for the authenticator.

After an enrollment, the user signs in once more, as they will tomorrow.
Cognito must now answer with the ``SOFTWARE_TOKEN_MFA`` challenge; the user
types the code the authenticator shows, and a sign-in that succeeds proves
the change took. Any other answer is a plain verdict:

* ``SMS_MFA`` - Cognito still texts a code: the change did not take;
* no challenge at all (tokens at once) - the account has no MFA now;
* another challenge (``SELECT_MFA_TYPE``, ``EMAIL_OTP``...) - not the
  authenticator either.

Codes are accepted about ±30 s, and whether Cognito refuses a code used
once already is not documented: the rehearsal takes a code from the first
30-second window *after* the one in which the first code was verified,
and says how long until then (:meth:`Rehearsal.seconds_until_fresh_code`).

The password is passed straight to the one call that needs it and never
kept; the challenge session and the tokens are dropped as soon as the
verdict is known. When the reply to the code is lost, Cognito may have used
the session and the code: the session is dropped and the rehearsal goes back
to the password (as the flow does), with a code from a later window next.
Qt-free, like the rest of ``enrollment``.
"""

from __future__ import annotations

import enum
import math
import threading
import time
from collections.abc import Callable

from cogtotp_gui.enrollment import inputs
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.gateway import AuthStep, CognitoGateway
from cogtotp_gui.enrollment.steps import DEFAULT_SESSION_TTL

__all__ = ["TOTP_PERIOD", "Rehearsal", "RehearsalStep", "RehearsalVerdict"]

TOTP_PERIOD = 30


class RehearsalStep(enum.Enum):
    PASSWORD = "password"  # the user types the password again
    CODE = "code"  # Cognito asked for the authenticator's code
    FINISHED = "finished"  # a verdict is known


class RehearsalVerdict(enum.Enum):
    """How the rehearsal ended; ``VERIFIED`` is the only good one."""

    VERIFIED = "verified"
    STILL_SMS = "rehearsal_sms"
    NO_MFA = "rehearsal_no_mfa"
    OTHER_CHALLENGE = "rehearsal_other"

    @property
    def took(self) -> bool:
        return self is RehearsalVerdict.VERIFIED


class Rehearsal:
    """One rehearsal sign-in for the user just enrolled.

    Args:
        gateway: the connection's Cognito calls.
        username: the user just enrolled.
        verified_at: the clock time at which their first code was verified.
        clock: wall-clock seconds (TOTP windows are wall-clock); injectable.
        session_ttl: how long Cognito keeps the challenge session.
    """

    def __init__(
        self,
        gateway: CognitoGateway,
        username: str,
        *,
        verified_at: float,
        clock: Callable[[], float] = time.time,
        session_ttl: float = DEFAULT_SESSION_TTL,
    ) -> None:
        self.gateway = gateway
        self.username = username
        self._clock = clock
        self.session_ttl = session_ttl
        # The first window whose code cannot be the one used to verify.
        self.fresh_window = math.floor(verified_at / TOTP_PERIOD) + 1
        self.step = RehearsalStep.PASSWORD
        self.verdict: RehearsalVerdict | None = None
        self.challenge: str | None = None  # what Cognito answered the sign-in with
        self._session: str | None = None
        self._session_started: float | None = None
        self._busy = threading.Lock()
        self._cancelled = False

    # -- timing ------------------------------------------------------------------

    def seconds_until_fresh_code(self) -> float:
        """How long until the authenticator shows a code not used before (0: now)."""
        return max(0.0, self.fresh_window * TOTP_PERIOD - self._clock())

    def seconds_left(self) -> float | None:
        """Until the challenge session lapses, while a code is awaited."""
        if self.step is not RehearsalStep.CODE or self._session_started is None:
            return None
        return max(0.0, self._session_started + self.session_ttl - self._clock())

    # -- steps ----------------------------------------------------------------------

    def _guard(self) -> None:
        if not self._busy.acquire(blocking=False):
            raise FlowStateError("another rehearsal step is still running")

    def sign_in(self, password: str) -> RehearsalStep:
        """Sign in with the password; Cognito's answer decides what is next."""
        if self.step is RehearsalStep.FINISHED:
            raise FlowStateError("the rehearsal is over")
        password = inputs.check_password(password, field="rehearsal_password")
        self._guard()
        try:
            result = self.gateway.initiate_auth(self.username, password)
            del password
            if not self._cancelled:
                self._follow(result)
            return self.step
        finally:
            self._busy.release()

    def _follow(self, result: AuthStep) -> None:
        self.challenge = result.challenge
        if result.challenge == "SOFTWARE_TOKEN_MFA":
            self._session = result.session
            self._session_started = self._clock()
            self.step = RehearsalStep.CODE
            return
        if result.access_token:
            self._finish(RehearsalVerdict.NO_MFA)
        elif result.challenge == "SMS_MFA":
            self._finish(RehearsalVerdict.STILL_SMS)
        else:
            self._finish(RehearsalVerdict.OTHER_CHALLENGE)

    def submit_code(self, code: str) -> RehearsalStep:
        """Answer the challenge with the authenticator's code (a fresh one)."""
        if self.step is not RehearsalStep.CODE:
            raise FlowStateError("no code is awaited")
        code = inputs.normalize_code(code, field="rehearsal_code")
        if self.seconds_until_fresh_code() > 0:
            raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.rehearsal_code_too_soon", field="rehearsal_code")
        if self._session is None:
            raise EnrollmentError(ErrorKind.SESSION_EXPIRED, "error.session_expired", code="LocalSessionGone")
        self._guard()
        try:
            lost: EnrollmentError | None = None
            try:
                result = self.gateway.respond_to_challenge(
                    "SOFTWARE_TOKEN_MFA", self._session, self.username, {"SOFTWARE_TOKEN_MFA_CODE": code}
                )
            except EnrollmentError as error:
                if self._cancelled:
                    raise
                if not error.reply_lost:
                    if error.kind is ErrorKind.SESSION_EXPIRED:
                        self._back_to_password()
                    raise
                lost = error
            if lost is not None:
                # Raised out of the except block: no __context__. Cognito may
                # have used the session (and the code): it is never sent again,
                # and the next code comes from a later window (issue 19 #10).
                self._back_to_password()
                self.fresh_window = max(self.fresh_window, math.floor(self._clock() / TOTP_PERIOD) + 1)
                raise EnrollmentError(
                    ErrorKind.SESSION_EXPIRED, "error.reply_lost_rehearsal", lost.detail, code=lost.code
                )
            if not self._cancelled:
                if result.access_token:
                    self._finish(RehearsalVerdict.VERIFIED)
                else:
                    self.challenge = result.challenge
                    self._finish(RehearsalVerdict.OTHER_CHALLENGE)
            return self.step
        finally:
            self._busy.release()

    def _back_to_password(self) -> None:
        """Sign in again: the password is typed once more."""
        self._session = self._session_started = None
        self.step = RehearsalStep.PASSWORD

    def _finish(self, verdict: RehearsalVerdict) -> None:
        self.verdict = verdict
        self.step = RehearsalStep.FINISHED
        self._session = None
        self._session_started = None

    def cancel(self) -> None:
        """Forget everything; a step still running is ignored when it returns."""
        self._cancelled = True
        self._session = None
        self._session_started = None
