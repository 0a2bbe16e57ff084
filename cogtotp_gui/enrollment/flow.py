"""The enrollment state machine: SMS-MFA sign-in to TOTP preferred.

The flow knows the Cognito rules and nothing of pages or threads. Each public
method is one step a person triggers; it returns the :class:`Step` the
wizard should show next, or raises :class:`EnrollmentError` and leaves the
flow where the natural retry works:

* wrong password -> still ``SIGN_IN``;
* wrong SMS code -> still ``SMS_CODE``, same session, type again;
* expired SMS session -> still ``SMS_CODE``; ``resend_sms_code()`` signs in
  again with the username and password it kept, nobody retypes anything;
* wrong TOTP -> still ``SECRET``; ``new_secret()`` replaces the secret;
* network fault / throttle -> the same step can simply be called again;
* the reply to a one-time call lost (Cognito may have acted: the gateway
  never resends those) -> the flow finds out where the user stands, or
  drops what may be used up; see :meth:`verify` and docs/security.md.

Calls that make no sense in the current step raise :class:`FlowStateError`.

The password is kept in memory only until the SMS step is passed (so that a
new code can be requested without retyping), and everything is wiped by
:meth:`reset`. Nothing secret is ever logged.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from cogtotp_gui.enrollment import inputs, otpauth
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.gateway import AuthStep, CognitoGateway
from cogtotp_gui.enrollment.settings import SignInMode, SmsAfterEnrollment
from cogtotp_gui.enrollment.steps import DEFAULT_SESSION_TTL, Step

__all__ = ["DEFAULT_SESSION_TTL", "EnrollmentFlow", "Outcome", "SecretInfo", "Step"]

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class SecretInfo:
    """A software-token secret as the QR page shows it."""

    secret: str = dataclasses.field(repr=False)
    uri: str = dataclasses.field(repr=False)
    account: str = ""
    issuer: str = ""

    @property
    def grouped(self) -> str:
        return otpauth.group_secret(self.secret)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What the enrollment changed, for the done page and the audit trail."""

    username: str
    totp_preferred: bool
    sms_enabled: bool
    via_mfa_setup: bool
    reenrolled: bool
    # The factor the user signed in with before: "SMS_MFA", "EMAIL_OTP" or "".
    previous_factor: str = ""
    # The lost authenticator was reset (AdminDeleteSoftwareToken) first.
    authenticator_reset: bool = False


# Why the wizard cannot go on (Step.UNSUPPORTED): message keys.
UNSUPPORTED_CHALLENGE = "unsupported.challenge"
UNSUPPORTED_PASSWORDLESS = "unsupported.passwordless"
UNSUPPORTED_MFA_SETUP_NO_TOTP = "unsupported.mfa_setup_no_totp"


def _json_list(text: str | None) -> list[str] | None:
    """A list-valued challenge parameter (Cognito sends JSON text); ``None``
    when absent or unreadable: an unexpected shape must not stop anyone."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return [str(item) for item in value] if isinstance(value, list) else None


@dataclasses.dataclass(frozen=True)
class FlowView:
    """What a page shows of a flow, copied at one moment.

    The controller takes one on the UI thread whenever a call has answered;
    pages read it instead of the live flow, which a running call changes
    (a resend, for one, starts the session over).
    """

    step: Step = Step.SIGN_IN
    username: str | None = None
    sms_destination: str | None = None
    sms_attempts: int = 0
    session_expires_at: float | None = None
    session_expired: bool = False
    can_resend_sms: bool = False
    secret: SecretInfo | None = None
    unsupported_challenge: str | None = None
    unsupported_reason: str | None = None
    code_medium: str = "SMS"
    outcome: Outcome | None = None
    clock: Callable[[], float] = time.monotonic

    def seconds_left(self) -> float | None:
        """Seconds until the challenge session lapses, on the flow's clock."""
        expires = self.session_expires_at
        return None if expires is None else max(0.0, expires - self.clock())


class EnrollmentFlow:
    """One user's enrollment, from sign-in to TOTP preferred.

    Args:
        gateway: the Cognito calls.
        clock: monotonic seconds; injectable for expiry tests.
        session_ttl: how long Cognito keeps a challenge session (countdown).
    """

    def __init__(
        self,
        gateway: CognitoGateway,
        *,
        clock: Callable[[], float] = time.monotonic,
        session_ttl: float = DEFAULT_SESSION_TTL,
    ) -> None:
        self.gateway = gateway
        self._clock = clock
        self.session_ttl = session_ttl
        self._busy = threading.Lock()
        self._generation = 0
        self._wipe()

    # -- state ----------------------------------------------------------------

    def _wipe(self) -> None:
        self.step = Step.SIGN_IN
        self.username: str | None = None
        self._password: str | None = None
        self._session: str | None = None
        self._session_started: float | None = None
        self._challenge: str | None = None
        self._access_token: str | None = None
        self._mfa_setup = False
        # True, False, or None: the reply to VerifySoftwareToken was lost,
        # so whether Cognito verified the token is not known yet.
        self._verified: bool | None = False
        self._reenroll_allowed = False
        self._reenrolling = False
        self.sms_destination: str | None = None
        self.sms_attempts = 0
        self.session_expired = False
        self.secret: SecretInfo | None = None
        self.unsupported_challenge: str | None = None
        self.unsupported_reason: str | None = None
        self.outcome: Outcome | None = None
        # "SMS" or "EMAIL": where the sign-in code went (Step.SMS_CODE).
        self.code_medium = "SMS"
        self._previous_factor = ""
        self.authenticator_reset = False
        self.reset_reason: str | None = None

    def reset(self) -> None:
        """Forget this user entirely. Safe to call while a step runs: the
        running step's result is discarded when it returns."""
        self._generation += 1
        self._wipe()

    @property
    def session_expires_at(self) -> float | None:
        """Clock time when the challenge session lapses, if one is pending."""
        if self._session_started is None or self.step not in (Step.SMS_CODE, Step.NEW_PASSWORD, Step.EXISTING_TOTP):
            return None
        return self._session_started + self.session_ttl

    def view(self) -> FlowView:
        """A snapshot of what a page shows (call it when no step runs)."""
        return FlowView(
            step=self.step,
            username=self.username,
            sms_destination=self.sms_destination,
            sms_attempts=self.sms_attempts,
            session_expires_at=self.session_expires_at,
            session_expired=self.session_expired,
            can_resend_sms=self.can_resend_sms,
            secret=self.secret,
            unsupported_challenge=self.unsupported_challenge,
            unsupported_reason=self.unsupported_reason,
            code_medium=self.code_medium,
            outcome=self.outcome,
            clock=self._clock,
        )

    def seconds_left(self) -> float | None:
        expires = self.session_expires_at
        return None if expires is None else max(0.0, expires - self._clock())

    @property
    def can_resend_sms(self) -> bool:
        return self.step is Step.SMS_CODE and self._password is not None

    # -- plumbing -------------------------------------------------------------

    def _require(self, *steps: Step) -> None:
        if self.step not in steps:
            names = ", ".join(s.value for s in steps)
            raise FlowStateError(f"not allowed in step {self.step.value} (needs {names})")

    def _run(self, fn: Callable[[], Step]) -> Step:
        if not self._busy.acquire(blocking=False):
            raise FlowStateError("another step is still running")
        try:
            return fn()
        finally:
            self._busy.release()

    def _stale(self, generation: int) -> bool:
        return generation != self._generation

    def _enter_challenge(self, step: AuthStep) -> None:
        self._challenge = step.challenge
        self._session = step.session
        self._session_started = self._clock()
        self.session_expired = False

    def _follow(self, result: AuthStep, generation: int) -> Step:
        """Move to whatever Cognito's answer calls for."""
        if self._stale(generation):
            return self.step
        if result.access_token:
            self._access_token = result.access_token
            self._password = None  # signed in: no further need for it
            self._session = None
            self._session_started = None
            return self._associate(generation)
        challenge = result.challenge
        if challenge in ("SMS_MFA", "EMAIL_OTP"):
            # Email MFA users move to TOTP like SMS users: the code comes
            # from their mailbox instead of their phone.
            self._enter_challenge(result)
            self.code_medium = "EMAIL" if challenge == "EMAIL_OTP" else "SMS"
            self._previous_factor = challenge
            self.sms_destination = result.parameters.get("CODE_DELIVERY_DESTINATION")
            self.sms_attempts = 0
            self.step = Step.SMS_CODE
        elif challenge == "NEW_PASSWORD_REQUIRED":
            self._enter_challenge(result)
            self.step = Step.NEW_PASSWORD
        elif challenge == "SELECT_MFA_TYPE":
            # The user has several factors with none preferred: we are here
            # to move from SMS (or email), so sign in with that.
            self._enter_challenge(result)
            choices = _json_list(result.parameters.get("MFAS_CAN_CHOOSE"))
            answer_with = "EMAIL_OTP" if choices and "SMS_MFA" not in choices and "EMAIL_OTP" in choices else "SMS_MFA"
            answer = self.gateway.respond_to_challenge(
                "SELECT_MFA_TYPE", result.session or "", self.username or "", {"ANSWER": answer_with}
            )
            return self._follow(answer, generation)
        elif challenge == "SELECT_CHALLENGE":
            # Choice-based sign-in asks for the first factor: the password,
            # if the user has one.
            if "PASSWORD" in result.available_challenges and self._password is not None:
                self._enter_challenge(result)
                answer = self.gateway.respond_to_challenge(
                    "SELECT_CHALLENGE",
                    result.session or "",
                    self.username or "",
                    {"ANSWER": "PASSWORD", "PASSWORD": self._password},
                )
                return self._follow(answer, generation)
            return self._unsupported(challenge, UNSUPPORTED_PASSWORDLESS)
        elif challenge == "MFA_SETUP":
            # The pool requires MFA and the user has none: enroll with the
            # session instead of an access token, if the pool allows TOTP.
            can_setup = _json_list(result.parameters.get("MFAS_CAN_SETUP"))
            if can_setup is not None and "SOFTWARE_TOKEN_MFA" not in can_setup:
                return self._unsupported(challenge, UNSUPPORTED_MFA_SETUP_NO_TOTP)
            self._enter_challenge(result)
            self._mfa_setup = True
            self._password = None
            return self._associate(generation)
        elif challenge == "SOFTWARE_TOKEN_MFA":
            self._enter_challenge(result)
            self.step = Step.EXISTING_TOTP
        else:
            return self._unsupported(challenge or "unknown", UNSUPPORTED_CHALLENGE)
        return self.step

    def _unsupported(self, challenge: str, reason: str) -> Step:
        self._password = None
        self._session = None
        self._session_started = None
        self.unsupported_challenge = challenge
        self.unsupported_reason = reason
        self.step = Step.UNSUPPORTED
        return self.step

    def _associate(self, generation: int) -> Step:
        if self._mfa_setup:
            secret, session = self._mfa_setup_call(
                lambda: self.gateway.associate_software_token(session=self._session), generation
            )
            if self._stale(generation):
                return self.step
            self._session = session or self._session
        else:
            secret, _ = self.gateway.associate_software_token(access_token=self._access_token)
            if self._stale(generation):
                return self.step
        account = self.username or ""
        issuer = self.gateway.settings.issuer
        self.secret = SecretInfo(
            secret=otpauth.normalize_secret(secret),
            uri=otpauth.build_uri(secret, account, issuer),
            account=account,
            issuer=issuer,
        )
        self._verified = False
        self.step = Step.SECRET
        return self.step

    def _mfa_setup_call(self, call: Callable[[], _T], generation: int) -> _T:
        """A call that consumes the MFA_SETUP session and hands out the next.

        If its reply is lost, the next session is lost with it and the used
        one cannot be sent again: the operator starts again with this user.
        """
        lost = None
        try:
            return call()
        except EnrollmentError as error:
            if self._stale(generation) or not error.reply_lost:
                raise
            lost = error
        self._session = None
        self.session_expired = True
        raise _reply_lost(lost, "error.reply_lost_restart")

    def _signed_in_awaiting_secret(self) -> bool:
        """The challenge was answered (tokens held, session used up) but the
        secret could not be fetched: a retry of the same step must go on
        from there instead of re-sending the used session."""
        return self._access_token is not None and self.secret is None and self.step is not Step.SECRET

    def _mark_session_error(self, error: EnrollmentError) -> None:
        if error.kind is ErrorKind.SESSION_EXPIRED:
            self.session_expired = True
            self._session = None

    # -- steps ----------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> Step:
        """Start (or restart) sign-in. Allowed until the user is signed in."""
        self._require(
            Step.SIGN_IN,
            Step.SMS_CODE,
            Step.NEW_PASSWORD,
            Step.EXISTING_TOTP,
            Step.LOST_AUTHENTICATOR,
            Step.UNSUPPORTED,
        )
        username = inputs.normalize_username(username)
        password = inputs.check_password(password)

        def run() -> Step:
            generation = self._generation
            if username != self.username:
                self._reenroll_allowed = False
            before = (self.username, self.step, self._session, self._session_started)
            self.username = username
            self.step = Step.SIGN_IN
            self._session = None
            self._session_started = None
            try:
                result = self.gateway.initiate_auth(username, password)
            except EnrollmentError as error:
                if not self._stale(generation):
                    self._after_failed_sign_in(error, before)
                raise
            if self._stale(generation):
                return self.step
            self._password = password
            return self._follow(result, generation)

        return self._run(run)

    def _after_failed_sign_in(
        self, error: EnrollmentError, before: tuple[str | None, Step, str | None, float | None]
    ) -> None:
        """Where a failed InitiateAuth leaves the flow.

        A failure trying again can fix (network, throttle) keeps the password
        and, for "Send a new code", the SMS step, so Retry works; any other
        failure (wrong password…) forgets the password. A lost reply to a
        resend may have texted a new code for a session the app never saw, so
        the old session is given up: the page asks for a new code.
        """
        username, step, session, started = before
        if not error.retryable or step is not Step.SMS_CODE or username != self.username:
            if not error.retryable:
                self._password = None
            return
        self.step = step
        if error.reply_lost:
            self.session_expired = True
        else:
            self._session, self._session_started = session, started

    def resend_sms_code(self) -> Step:
        """Sign in again with what was typed, so Cognito sends a new code."""
        self._require(Step.SMS_CODE)
        if self._password is None or self.username is None:
            raise FlowStateError("nothing to sign in again with")
        return self.sign_in(self.username, self._password)

    def _answer(self, challenge: str, responses: dict[str, str], on_accepted: Callable[[], None] | None = None) -> Step:
        """Answer the pending challenge and follow where Cognito leads.

        The same step may be called again after any failure: a used-up
        session is never re-sent (see :meth:`_signed_in_awaiting_secret`),
        an expired one is reported as SESSION_EXPIRED.
        """
        if self._signed_in_awaiting_secret():
            return self._run(lambda: self._associate(self._generation))
        if self._session is None:
            raise EnrollmentError(ErrorKind.SESSION_EXPIRED, "error.session_expired", code="LocalSessionGone")

        def run() -> Step:
            generation = self._generation
            lost = None
            try:
                result = self.gateway.respond_to_challenge(
                    challenge, self._session or "", self.username or "", responses
                )
            except EnrollmentError as error:
                if self._stale(generation) or not error.reply_lost:
                    if not self._stale(generation):
                        if error.kind is ErrorKind.WRONG_CODE and challenge in ("SMS_MFA", "EMAIL_OTP"):
                            self.sms_attempts += 1
                        self._mark_session_error(error)
                    raise
                lost = error
            if lost is not None:
                # Cognito may have taken the answer: the session is used up
                # either way, and sending it again would only say "expired".
                # The way on is a new sign-in (a new code), never a resend.
                self.session_expired = True
                self._session = None
                # A new password may be set already: the operator is told,
                # since only one of the two passwords signs in now.
                key = (
                    "error.reply_lost_new_password"
                    if challenge == "NEW_PASSWORD_REQUIRED"
                    else "error.reply_lost_session"
                )
                raise _reply_lost(lost, key)
            if self._stale(generation):
                return self.step
            if on_accepted is not None:
                on_accepted()
            return self._follow(result, generation)

        return self._run(run)

    def submit_sms_code(self, code: str) -> Step:
        """Answer the SMS (or, for an email-MFA user, the e-mailed) code."""
        self._require(Step.SMS_CODE)
        code = inputs.normalize_code(code, field="sms_code")
        challenge = "EMAIL_OTP" if self.code_medium == "EMAIL" else "SMS_MFA"
        return self._answer(challenge, {f"{challenge}_CODE": code})

    def submit_new_password(self, new_password: str, repeat: str | None = None) -> Step:
        self._require(Step.NEW_PASSWORD)
        new_password = inputs.check_password(new_password, field="new_password")
        if repeat is not None and repeat != new_password:
            raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.password_mismatch", field="new_password_repeat")

        def accepted() -> None:
            self._password = new_password  # a resend must use the new one

        return self._answer("NEW_PASSWORD_REQUIRED", {"NEW_PASSWORD": new_password}, accepted)

    def allow_reenrollment(self) -> None:
        """The operator explicitly chose to replace the user's current device."""
        self._require(Step.EXISTING_TOTP)
        self._reenroll_allowed = True

    # -- lost authenticator ---------------------------------------------------

    @property
    def can_reset_authenticator(self) -> bool:
        """Whether this connection can reset a lost authenticator (admin mode)."""
        return self.gateway.settings.mode is SignInMode.ADMIN

    def report_lost_authenticator(self) -> Step:
        """The user lost their authenticator: go to the confirmation."""
        self._require(Step.EXISTING_TOTP)
        if not self.can_reset_authenticator:
            raise EnrollmentError(ErrorKind.UNSUPPORTED, "error.reset_needs_admin", code="UserMode")
        self.step = Step.LOST_AUTHENTICATOR
        return self.step

    def cancel_lost_authenticator(self) -> Step:
        self._require(Step.LOST_AUTHENTICATOR)
        self.step = Step.EXISTING_TOTP
        return self.step

    def reset_authenticator(self, reason: str, identity_verified: bool, *, record: ResetListener | None = None) -> Step:
        """Delete the lost authenticator, then sign the user in again.

        The next sign-in goes where Cognito leads: the SMS (or email) code
        where that factor remains, ``MFA_SETUP`` where MFA is required and
        nothing is left, straight to the new secret otherwise.

        A lost reply to the delete is not a guess either way: ``record`` is
        told (``unknown``), then ``AdminGetUser`` says whether the token is
        gone; gone goes on as done, still there is a failure Retry sends
        again (deleting twice is harmless), and a check that fails too
        leaves it unknown.

        Args:
            record: told how the delete ended (``done``, ``refused``,
                ``reply_lost``), at the moment it is known; the audit trail.

        Raises:
            EnrollmentError: INVALID_INPUT for a missing reason
                (``reset_reason``) or an unticked identity check
                (``identity_verified``); the gateway's errors for the delete.
        """
        self._require(Step.LOST_AUTHENTICATOR)
        reason = inputs.normalize_reason(reason)
        if not identity_verified:
            raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.identity_not_verified", field="identity_verified")

        def run() -> Step:
            generation = self._generation
            username = self.username or ""
            if not self.authenticator_reset:
                self._delete_token(username, generation, record)
                if self._stale(generation):
                    return self.step
                self.authenticator_reset = True
                self.reset_reason = reason
            password = self._password
            self._session = None
            self._session_started = None
            if password is None:
                self.step = Step.SIGN_IN
                return self.step
            result = self.gateway.initiate_auth(username, password)
            if self._stale(generation):
                return self.step
            return self._follow(result, generation)

        return self._run(run)

    def _delete_token(self, username: str, generation: int, record: ResetListener | None) -> None:
        """AdminDeleteSoftwareToken, sent once; a lost reply is resolved with AdminGetUser."""
        failure: EnrollmentError | None = None
        lost: EnrollmentError | None = None
        try:
            self.gateway.delete_software_token(username)
        except EnrollmentError as error:
            if error.reply_lost and not self._stale(generation):
                lost = error
            else:
                failure = error
        if failure is not None:
            if record is not None:
                record.refused(failure)
            raise failure
        if lost is None:
            if record is not None:
                record.done()
            return
        log.info("the reply to AdminDeleteSoftwareToken was lost; checking where the user stands")
        if record is not None:
            record.reply_lost(lost)
        registered: bool | None = None
        try:
            registered = self.gateway.software_token_registered(username)
        except EnrollmentError:
            registered = None  # still unknown: on record as such; Retry deletes again
        if registered is None:
            raise lost
        if registered:
            if record is not None:
                record.refused(lost)
            raise lost
        if record is not None:
            record.done()

    def submit_existing_totp(self, code: str) -> Step:
        """Sign in with the current authenticator's code, to re-enroll."""
        self._require(Step.EXISTING_TOTP)
        if not self._reenroll_allowed:
            raise FlowStateError("re-enrollment was not requested")
        code = inputs.normalize_code(code, field="existing_code")

        def accepted() -> None:
            self._reenrolling = True

        return self._answer("SOFTWARE_TOKEN_MFA", {"SOFTWARE_TOKEN_MFA_CODE": code}, accepted)

    def new_secret(self) -> Step:
        """Ask Cognito for another secret; the previous QR stops working."""
        self._require(Step.SECRET)
        if self._verified:
            raise FlowStateError("the secret is already verified")
        return self._run(lambda: self._associate(self._generation))

    def verify(self, code: str, device_name: str | None = None) -> Step:
        """Verify the first code and make TOTP the preferred MFA."""
        self._require(Step.SECRET)
        code = inputs.normalize_code(code, field="totp_code")
        device_name = inputs.normalize_device_name(device_name)

        def run() -> Step:
            generation = self._generation
            keep_sms = self.gateway.settings.sms_after is SmsAfterEnrollment.KEEP
            if self._verified is False:
                if self._mfa_setup:
                    session = self._mfa_setup_call(
                        lambda: self.gateway.verify_software_token(code, device_name, session=self._session),
                        generation,
                    )
                    if self._stale(generation):
                        return self.step
                    self._session = session or self._session
                    self._verified = True
                else:
                    self._verified = self._verify_with_token(code, device_name, generation)
                    if self._stale(generation):
                        return self.step
            if self._verified is None:
                # The reply to VerifySoftwareToken was lost: setting the
                # preference, the next step anyway, is the check (Cognito
                # refuses it for a token that is not verified).
                self._verified = self._set_preference_if_verified(keep_sms, generation)
                if self._stale(generation):
                    return self.step
                if not self._verified:
                    raise EnrollmentError(
                        ErrorKind.NETWORK, "error.reply_lost_verify", code="VerifySoftwareTokenNotApplied"
                    )
            elif self._mfa_setup and self._access_token is None:
                result = self._mfa_setup_call(
                    lambda: self.gateway.respond_to_challenge(
                        "MFA_SETUP", self._session or "", self.username or "", {}
                    ),
                    generation,
                )
                if self._stale(generation):
                    return self.step
                self._access_token = result.access_token
                self._session = None
                self._set_preference(keep_sms, generation)
            else:
                self._set_preference(keep_sms, generation)
            if self._stale(generation):
                return self.step
            self.outcome = Outcome(
                username=self.username or "",
                totp_preferred=True,
                sms_enabled=keep_sms,
                via_mfa_setup=self._mfa_setup,
                reenrolled=self._reenrolling,
                previous_factor=self._previous_factor,
                authenticator_reset=self.authenticator_reset,
            )
            # The account is done: drop everything secret at once.
            self._access_token = None
            self._session = None
            self.secret = None
            self.step = Step.DONE
            return self.step

        return self._run(run)

    # -- lost replies ---------------------------------------------------------

    def _verify_with_token(self, code: str, device_name: str | None, generation: int) -> bool | None:
        """VerifySoftwareToken with the access token: ``True``, or ``None``
        when its reply was lost (verified or not: :meth:`verify` checks)."""
        try:
            self.gateway.verify_software_token(code, device_name, access_token=self._access_token)
        except EnrollmentError as error:
            if self._stale(generation) or not error.reply_lost:
                raise
            log.info("the reply to VerifySoftwareToken was lost; checking where the user stands")
            return None
        return True

    def _set_preference_if_verified(self, keep_sms: bool, generation: int) -> bool:
        """After a lost VerifySoftwareToken reply: set the preference if
        Cognito verified the token (``True``), else ``False``."""
        try:
            self._set_preference(keep_sms, generation)
        except EnrollmentError as error:
            if error.code == "InvalidParameterException" and "verif" in error.detail.lower():
                return False  # "User has not verified software token mfa"
            raise
        return True

    def _set_preference(self, keep_sms: bool, generation: int) -> None:
        """SetUserMFAPreference, sent once; if its reply is lost, GetUser
        says whether TOTP is preferred now instead of a guess."""
        token = self._access_token or ""
        lost = None
        try:
            self.gateway.set_totp_preferred(token, keep_sms=keep_sms, email_user=self._previous_factor == "EMAIL_OTP")
            return
        except EnrollmentError as error:
            if self._stale(generation) or not error.reply_lost:
                raise
            lost = error
        log.info("the reply to SetUserMFAPreference was lost; checking where the user stands")
        if not self.gateway.totp_preferred(token):
            raise lost


_T = TypeVar("_T")


class ResetListener(Protocol):
    """Told how a lost-authenticator reset's delete ended (the audit trail's
    ``attempts.ResetRecord``); called on the thread that runs the step."""

    def done(self) -> object: ...

    def refused(self, error: EnrollmentError) -> object: ...

    def reply_lost(self, error: EnrollmentError) -> object: ...


def _reply_lost(error: EnrollmentError, message_key: str) -> EnrollmentError:
    """What the operator is told when a used-up session's reply was lost."""
    return EnrollmentError(ErrorKind.SESSION_EXPIRED, message_key, error.detail, code=error.code)
