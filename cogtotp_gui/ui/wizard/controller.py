"""The one place that knows about threads.

The controller owns the connection (gateway) and the current user's
:class:`EnrollmentFlow`. Every Cognito call runs as a :class:`~cogtotp_gui.ui.common.tasks.BackgroundTask`
in the controller's own thread pool; results come back as past-tense
signals on the UI thread. Pages never touch the flow's network methods.

Rules kept here:

* input mistakes are caught on the UI thread, before any worker starts, with
  the same checks the flow applies (``enrollment.inputs``);
* one call at a time; a second request while busy is refused;
* every call is tagged with a generation; ``reset()`` and ``shutdown()`` bump
  it, so a late answer for a user who has since been abandoned is dropped
  (the abandoned flow object is wiped and replaced, never reused);
* ``shutdown()`` waits briefly, then abandons what still runs without
  destroying a pool that has live threads.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode
from cogtotp_gui.enrollment.steps import DEFAULT_SESSION_TTL, Step

if TYPE_CHECKING:
    # The rest of the core (flow, gateway, audit, input checks) is imported
    # when first used, after the window's first paint (~5 ms): connect_to()
    # only notes the connection, and the flow is built on first need.
    from cogtotp_gui.enrollment.attempts import AttemptBook
    from cogtotp_gui.enrollment.audit import AuditLog
    from cogtotp_gui.enrollment.flow import EnrollmentFlow, FlowView
    from cogtotp_gui.enrollment.gateway import CognitoGateway
    from cogtotp_gui.ui.common.tasks import BackgroundTask, TaskPool

log = logging.getLogger(__name__)

GatewayFactory = Callable[[ConnectionSettings, "str | None"], "CognitoGateway"]


def _default_gateway_factory(settings: ConnectionSettings, aws_profile: str | None) -> CognitoGateway:
    from cogtotp_gui.enrollment.gateway import CognitoGateway

    return CognitoGateway(settings, aws_profile=aws_profile)


def _default_audit_log() -> AuditLog:
    from cogtotp_gui.enrollment.audit import AuditLog

    return AuditLog()


def _inputs():  # the module; its type is inferred
    """``enrollment.inputs``: the checks run before a worker starts."""
    from cogtotp_gui.enrollment import inputs

    return inputs


class Operation:
    """Names of the calls the controller runs (for busy text and retry)."""

    CONNECT = "connect"
    CALLER_IDENTITY = "caller_identity"
    SESSION_VALIDITY = "session_validity"
    SIGN_IN = "sign_in"
    RESEND_SMS_CODE = "resend_sms_code"
    SUBMIT_SMS_CODE = "submit_sms_code"
    SUBMIT_NEW_PASSWORD = "submit_new_password"
    SUBMIT_EXISTING_TOTP = "submit_existing_totp"
    NEW_SECRET = "new_secret"
    VERIFY = "verify"
    RESET_AUTHENTICATOR = "reset_authenticator"


@dataclasses.dataclass
class _Job:
    operation: str
    generation: int
    task: BackgroundTask[Any]
    busy: bool
    retry: Callable[[], bool]
    # For a connection-level call (whose AWS credentials): the connection it
    # was asked for. Its answer belongs to that connection, whatever users
    # come and go meanwhile (issue 16, finding 11).
    connection: ConnectionSettings | None = None


class _NewSecret(NamedTuple):
    """A step's answer that came with a new secret, and the secret's QR matrix."""

    step: Step
    uri: str
    matrix: list[list[bool]]


class Controller(QObject):
    """Runs the enrollment steps on workers and reports back.

    Args:
        gateway_factory: builds the gateway for a connection (tests pass a
            slowed-down or failing one).
        session_ttl: seconds a challenge session lives (countdown).
        audit: where attempts and outcomes are recorded (default: the
            platform's data folder, or ``COGTOTP_AUDIT_DIR``).

    Attributes:
        operation: the running (visible) call's :class:`Operation` name, or None.

    Signals:
        connection_changed(object): a new ConnectionSettings is in use.
        connection_ready(): boto3 is imported and the client built.
        step_changed(object): the flow moved (or stayed) at this Step after a call.
        signed_in(object): sign-in answered; the Step it led to.
        sms_code_resent(object): a new SMS code was requested; the Step.
        secret_ready(): ``flow.secret`` holds a (new) secret to show.
        enrollment_verified(object): the Outcome; TOTP is now preferred.
        failed(object): an EnrollmentError (input mistakes included).
        busy_changed(bool): a visible call started or ended.
        flow_reset(): everything about the previous user was wiped.
        caller_identity_found(object): admin mode's AWS identity, a dict
            with ``arn``, ``account`` and ``user_id``.
        caller_identity_failed(object): the EnrollmentError of that check
            (status-bar information: not reported through ``failed``).
        audit_written(object): an audit record was written (``None``) or
            not (the audit log's reason, a str); the window shows a failure.
    """

    connection_changed = Signal(object)
    connection_ready = Signal()
    step_changed = Signal(object)
    signed_in = Signal(object)
    sms_code_resent = Signal(object)
    secret_ready = Signal()
    enrollment_verified = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)
    flow_reset = Signal()
    caller_identity_found = Signal(object)
    caller_identity_failed = Signal(object)
    audit_written = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        gateway_factory: GatewayFactory | None = None,
        session_ttl: float = DEFAULT_SESSION_TTL,
        audit: AuditLog | None = None,
    ) -> None:
        super().__init__(parent)
        # The default log is opened at the first attempt: finding its folder
        # imports platformdirs, ~4 ms before the window's first paint.
        self._audit_given = audit
        self._aws_identity: str | None = None  # admin mode: whose credentials sign
        # The audit bookkeeping (enrollment/attempts.py), made at first need
        # (the first sign-in): nothing of it is imported before the first paint.
        self._attempts: AttemptBook | None = None
        self._gateway_factory = gateway_factory or _default_gateway_factory
        self._session_ttl = session_ttl
        self._default_session_ttl = session_ttl
        # Made with the first call (ui/common/tasks.py loads after the first paint).
        self._pool: TaskPool | None = None
        self._generation = 0
        self._jobs: dict[BackgroundTask[Any], _Job] = {}
        self._view: FlowView | None = None
        self._current: _Job | None = None
        self._retry: Callable[[], bool] | None = None
        self._settings: ConnectionSettings | None = None
        self._aws_profile: str | None = None
        self._gateway: CognitoGateway | None = None
        self._flow: EnrollmentFlow | None = None
        # connect_to() or reset() asked for a flow that is not built yet.
        self._flow_pending = False
        # The current secret's otpauth URI and QR matrix, for the QR page only:
        # dropped with the flow and at any other step (Done).
        self._qr: tuple[str, list[list[bool]]] | None = None
        self._ready = False
        self._shut_down = False

    # -- state -------------------------------------------------------------

    @property
    def audit(self) -> AuditLog:
        """Where attempts and outcomes are recorded."""
        return self._book().audit

    def use_audit(self, audit: AuditLog) -> None:
        """Record attempts in ``audit`` from now on (training mode keeps its
        records apart from the operator's real audit trail)."""
        if self._attempts is None:
            self._audit_given = audit
        else:
            self._attempts.use(audit)

    def _book(self) -> AttemptBook:
        """The attempt book, made on first need."""
        if self._attempts is None:
            from cogtotp_gui.enrollment.attempts import AttemptBook

            # A write may happen on a worker: the signal crosses to the UI thread.
            self._attempts = AttemptBook(_default_audit_log, self.audit_written.emit)
            if self._audit_given is not None:
                self._attempts.use(self._audit_given)
            self._audit_given = None
        return self._attempts

    @property
    def settings(self) -> ConnectionSettings | None:
        return self._settings

    @property
    def aws_profile(self) -> str | None:
        return self._aws_profile

    @property
    def gateway_factory(self) -> GatewayFactory:
        """How this controller builds gateways (the settings dialog's
        connection test builds its own the same way, guards included)."""
        return self._gateway_factory

    @property
    def gateway(self) -> CognitoGateway | None:
        """The connection's Cognito calls, once built (the rehearsal signs in with them)."""
        return self._gateway

    @property
    def flow(self) -> EnrollmentFlow | None:
        """The current user's flow; read it, call its steps through here."""
        return self._ensure_flow()

    @property
    def busy(self) -> bool:
        return self._current is not None

    @property
    def operation(self) -> str | None:
        return self._current.operation if self._current else None

    @property
    def is_ready(self) -> bool:
        """Whether the client has been built (warm-up done)."""
        return self._ready

    @property
    def can_retry(self) -> bool:
        return self._retry is not None and not self.busy

    @property
    def enrollment_in_progress(self) -> bool:
        """Something would be lost by abandoning now."""
        if self.busy:
            return True
        flow = self._flow  # one not built yet has nothing in progress
        return flow is not None and flow.step not in (Step.SIGN_IN, Step.DONE, Step.UNSUPPORTED)

    @property
    def session_ttl(self) -> float:
        """Seconds a sign-in session lives: the app client's own validity
        once admin mode has asked Cognito, else the saved connection's
        setting, else Cognito's default."""
        return self._session_ttl

    def seconds_left(self) -> float | None:
        return self.view.seconds_left()

    @property
    def view(self) -> FlowView:
        """What the pages show of the current user: a snapshot of the flow
        taken on the UI thread when its last call answered. Never the live
        flow, which a running call changes (a resend restarts the session)."""
        if self._view is None:
            from cogtotp_gui.enrollment.flow import FlowView

            self._view = FlowView()
        return self._view

    def _take_view(self) -> None:
        """Copy the flow for the pages; only while no call of it runs."""
        self._view = self._flow.view() if self._flow is not None else None

    def qr_matrix(self, uri: str) -> list[list[bool]]:
        """The QR matrix of ``uri``, the current secret's URI.

        The worker that received the secret has built it already, so the
        ~8 ms of pure Python stay off the UI thread; a URI no worker saw is
        encoded here.
        """
        if self._qr is None or self._qr[0] != uri:
            from cogtotp_gui.enrollment.qr import qr_matrix

            self._qr = (uri, qr_matrix(uri))
        return self._qr[1]

    # -- connection --------------------------------------------------------

    def connect_to(
        self,
        settings: ConnectionSettings,
        aws_profile: str | None = None,
        *,
        warm_up: bool = True,
        session_ttl: float | None = None,
    ) -> None:
        """Use this connection from now on; any user in progress is dropped.

        ``session_ttl``: the pool's sign-in session validity, when a saved
        connection knows it (else the controller's default).
        """
        self._drop_flow()
        self._session_ttl = session_ttl if session_ttl is not None else self._default_session_ttl
        self._settings = settings
        self._aws_profile = aws_profile
        # Built on first need (warm-up, a step, reading .flow): not before
        # the first paint.
        self._gateway = None
        self._flow_pending = True
        self._ready = False
        self.connection_changed.emit(settings)
        self.flow_reset.emit()
        if warm_up:
            self.warm_up()

    def _ensure_flow(self) -> EnrollmentFlow | None:
        """The flow, built now if connect_to() or reset() asked for one."""
        if self._flow is None and self._flow_pending and not self._shut_down:
            from cogtotp_gui.enrollment.flow import EnrollmentFlow

            assert self._settings is not None
            if self._gateway is None:
                self._gateway = self._gateway_factory(self._settings, self._aws_profile)
            self._flow = EnrollmentFlow(self._gateway, session_ttl=self._session_ttl)
            self._flow_pending = False
            self._take_view()
        return self._flow

    def warm_up(self) -> bool:
        """Import boto3 and build the client on a worker (after first paint)."""
        self._ensure_flow()
        gateway = self._gateway
        if gateway is None or self._shut_down:
            return False
        return self._start(Operation.CONNECT, gateway.warm_up, retry=self.warm_up, busy=False)

    def _ask_session_validity(self) -> None:
        """In admin mode, ask Cognito how long this client's sign-in sessions
        live, so the SMS page counts down to the real expiry (on a worker)."""
        gateway = self._gateway
        settings = self._settings
        ask = getattr(gateway, "session_validity", None)
        if ask is None or settings is None or settings.mode is not SignInMode.ADMIN or self._shut_down:
            return

        def call() -> tuple[ConnectionSettings, float | None]:
            # The answer belongs to this connection, whatever users come and
            # go meanwhile (the generation counter is about users).
            return settings, ask()

        self._start(Operation.SESSION_VALIDITY, call, retry=lambda: False, busy=False)

    def _apply_session_validity(self, result: object) -> None:
        connection, seconds = result if isinstance(result, tuple) else (None, None)
        if connection is not self._settings or not isinstance(seconds, float) or self._shut_down:
            return
        self._session_ttl = seconds
        if self._flow is not None:
            self._flow.session_ttl = seconds
            if not self.busy:  # else the answer of the running call takes it
                self._take_view()

    def check_caller_identity(self) -> bool:
        """Ask STS whose AWS credentials admin mode uses (on a worker).

        Answers with ``caller_identity_found`` or ``caller_identity_failed``;
        not a visible step, so the page stays usable meanwhile.
        """
        self._ensure_flow()
        gateway = self._gateway
        if gateway is None or self._shut_down:
            return False
        return self._start(
            Operation.CALLER_IDENTITY, gateway.caller_identity, retry=self.check_caller_identity, busy=False
        )

    # -- steps ---------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> bool:
        """Start (or restart) sign-in; returns whether a call was started."""

        def check() -> None:
            _inputs().normalize_username(username)
            _inputs().check_password(password)

        started = self._step(
            Operation.SIGN_IN,
            check,
            lambda flow: flow.sign_in(username, password),
            lambda: self.sign_in(username, password),
        )
        if started:
            self._begin_attempt(username)
        return started

    def resend_sms_code(self) -> bool:
        """Sign in again with what was typed, so Cognito texts a new code."""
        return self._step(Operation.RESEND_SMS_CODE, None, lambda flow: flow.resend_sms_code(), self.resend_sms_code)

    def submit_sms_code(self, code: str) -> bool:
        return self._step(
            Operation.SUBMIT_SMS_CODE,
            lambda: _inputs().normalize_code(code, field="sms_code"),
            lambda flow: flow.submit_sms_code(code),
            lambda: self.submit_sms_code(code),
        )

    def submit_new_password(self, new_password: str, repeat: str | None = None) -> bool:
        def check() -> None:
            _inputs().check_password(new_password, field="new_password")
            if repeat is not None and repeat != new_password:
                raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.password_mismatch", field="new_password_repeat")

        return self._step(
            Operation.SUBMIT_NEW_PASSWORD,
            check,
            lambda flow: flow.submit_new_password(new_password, repeat),
            lambda: self.submit_new_password(new_password, repeat),
        )

    def allow_reenrollment(self) -> None:
        """The operator chose to replace the user's current device (no call)."""
        if self._flow is not None and not self.busy:
            self._flow.allow_reenrollment()
            self._take_view()

    # -- lost authenticator ---------------------------------------------------

    def report_lost_authenticator(self) -> bool:
        """The user lost their authenticator: to the confirmation page (no
        call). In user mode the failure explains that an administrator is needed."""
        flow = self._flow
        if flow is None or self.busy:
            return False
        try:
            step = flow.report_lost_authenticator()
        except EnrollmentError as error:
            self._take_view()
            self.failed.emit(error)
            return False
        self._take_view()  # a step taken on the UI thread, no call: the pages' snapshot follows
        self.step_changed.emit(step)
        return True

    def cancel_lost_authenticator(self) -> None:
        """Back from the confirmation: nothing was changed."""
        if self._flow is not None and not self.busy and self._flow.step is Step.LOST_AUTHENTICATOR:
            self._flow.cancel_lost_authenticator()
            self._take_view()

    def reset_authenticator(self, reason: str, identity_verified: bool) -> bool:
        """AdminDeleteSoftwareToken, audited, then sign the user in again.

        The intent goes on the audit trail first, here on the UI thread, and
        the reset is refused (``error.reset_not_audited``, Retry offered,
        nothing typed lost) when it cannot be written: this gate stays
        synchronous (docs/security.md).
        """
        flow = self._ensure_flow()
        if flow is None or self.busy or self._shut_down:
            return False
        try:
            _inputs().normalize_reason(reason)
            if not identity_verified:
                raise EnrollmentError(ErrorKind.INVALID_INPUT, "input.identity_not_verified", field="identity_verified")
        except EnrollmentError as error:
            self.failed.emit(error)
            return False
        record = None
        if flow.step is Step.LOST_AUTHENTICATOR and not flow.authenticator_reset:
            gate_error = None
            try:
                record = self._book().reset_gate(
                    self._settings,
                    flow.username or "",
                    reason=reason,
                    identity_verified=identity_verified,
                    aws_identity=self._aws_identity,
                )
            except EnrollmentError as error:
                gate_error = error
            if gate_error is not None:
                self._retry = lambda: self.reset_authenticator(reason, identity_verified)
                self.failed.emit(gate_error)
                return False

        return self._step(
            Operation.RESET_AUTHENTICATOR,
            None,
            lambda flow: flow.reset_authenticator(reason, identity_verified, record=record),
            lambda: self.reset_authenticator(reason, identity_verified),
        )

    def submit_existing_totp(self, code: str) -> bool:
        return self._step(
            Operation.SUBMIT_EXISTING_TOTP,
            lambda: _inputs().normalize_code(code, field="existing_code"),
            lambda flow: flow.submit_existing_totp(code),
            lambda: self.submit_existing_totp(code),
        )

    def new_secret(self) -> bool:
        """Replace the secret; the previous QR stops working."""
        return self._step(Operation.NEW_SECRET, None, lambda flow: flow.new_secret(), self.new_secret)

    def verify(self, code: str, device_name: str | None = None) -> bool:
        def check() -> None:
            _inputs().normalize_code(code, field="totp_code")
            _inputs().normalize_device_name(device_name)

        return self._step(
            Operation.VERIFY, check, lambda flow: flow.verify(code, device_name), lambda: self.verify(code, device_name)
        )

    def retry(self) -> bool:
        """Run the call that last failed again, with the same input."""
        retry, self._retry = self._retry, None
        if retry is None or self.busy:
            self._retry = retry
            return False
        return retry()

    def reset(self, *, same_user: bool = False) -> None:
        """Forget the current user (next user, abandon, or back to sign-in).

        A call still running finishes on its own, against the old flow
        object, and its answer is dropped. ``same_user``: back to sign-in
        to go on with the same user (Back, "Sign in again"), so the audit
        attempt goes on instead of being recorded as abandoned.
        """
        if self._settings is None:
            return
        kept = None
        if same_user and self._attempts is not None:
            # _drop_flow() would record the attempt as abandoned.
            kept = self._attempts.detach()
        self._drop_flow()
        if self._attempts is not None:
            self._attempts.attach(kept)
        self._flow_pending = True  # a new flow, on the same gateway, when needed
        self.flow_reset.emit()

    def shutdown(self, wait_ms: int = 1500) -> bool:
        """Stop for good: wipe the user, wait briefly for running calls.

        Returns whether every worker finished. If not, the pool is kept
        alive (unparented, referenced) so no running thread is destroyed;
        the caller may then end the process without waiting for it.
        """
        self._shut_down = True
        self._drop_flow()
        self._flow_pending = False
        # Queued calls never start; running ones get wait_ms, then are abandoned.
        done = self._pool.shutdown(wait_ms) if self._pool is not None else True
        self._jobs = {task: job for task, job in self._jobs.items() if not task.abandoned}
        return done

    # -- plumbing -------------------------------------------------------------

    # -- audit ------------------------------------------------------------------

    # What goes on record is decided by enrollment/attempts.py; these say what happened.

    def _begin_attempt(self, username: str) -> None:
        if self._settings is None:
            return  # no connection: nothing to record, and nothing to import yet
        self._book().begin(self._settings, username, self._step_now())

    def _step_now(self) -> Step:
        return self._flow.step if self._flow is not None else Step.SIGN_IN

    def _abandon_attempt(self) -> None:
        if self._attempts is not None:
            self._attempts.abandon(self._step_now())

    def record_unexpected(self, name: str) -> None:
        """The window failed in a way no page handles (``name``: the
        exception's type): a failed step in the current attempt's audit."""
        self._audit_failure(EnrollmentError(ErrorKind.UNEXPECTED, "error.unexpected", name, code=name))

    def _audit_failure(self, error: EnrollmentError) -> None:
        if self._attempts is not None and self._flow is not None:
            self._attempts.failure(self._flow.step, error)

    def _drop_flow(self) -> None:
        self._abandon_attempt()
        self._generation += 1
        self._retry = None
        if self._flow is not None:
            self._flow.reset()  # wipes password, session, tokens, secret
        self._flow = None
        self._view = None
        self._qr = None
        self._set_current(None)

    def _step(
        self,
        operation: str,
        check: Callable[[], object] | None,
        call: Callable[[EnrollmentFlow], Step],
        retry: Callable[[], bool],
    ) -> bool:
        """Check what was typed (at once, on this thread), then ``call(flow)``
        on a worker; returns whether a call was started (not without a
        connection, while one runs, or after shutdown)."""
        flow = self._ensure_flow()
        if flow is None or self.busy or self._shut_down:
            return False
        if check is not None:
            try:
                check()
            except EnrollmentError as error:
                # Shown at once; no worker for a typo.
                self.failed.emit(error)
                return False
        return self._start(operation, self._with_qr_matrix(lambda: call(flow)), retry=retry)

    def _with_qr_matrix(self, call: Callable[[], Step]) -> Callable[[], Step | _NewSecret]:
        """``call``, then, on the same worker, the QR matrix of the secret it
        brought if it brought one (see ``qr_matrix``)."""
        from cogtotp_gui.enrollment.qr import qr_matrix  # here, on the UI thread

        flow, known = self._flow, self._qr

        def run() -> Step | _NewSecret:
            step = call()
            secret = flow.secret if flow is not None else None
            if step is Step.SECRET and secret is not None and (known is None or known[0] != secret.uri):
                return _NewSecret(step, secret.uri, qr_matrix(secret.uri))
            return step

        return run

    def _start(self, operation: str, call: Callable[[], Any], *, retry: Callable[[], bool], busy: bool = True) -> bool:
        from cogtotp_gui.ui.common.tasks import BackgroundTask, TaskPool

        if self._pool is None:
            # One visible step at a time, plus warm-up and abandoned stragglers.
            self._pool = TaskPool(self, max_threads=4)
        task: BackgroundTask[Any] = BackgroundTask(call, owner=self, pool=self._pool)
        connection = self._settings if operation == Operation.CALLER_IDENTITY else None
        job = _Job(operation, self._generation, task, busy, retry, connection)
        self._jobs[task] = job
        task.success(lambda result: self._on_task_returned(job, result))
        task.failure(lambda exc: self._on_task_errored(job, exc))
        task.finally_(lambda: self._on_task_finished(job))
        if busy:
            self._retry = None
            self._set_current(job)
        task.run_in_background()
        return True

    def _set_current(self, job: _Job | None) -> None:
        was_busy = self.busy
        self._current = job
        if was_busy != self.busy:
            self.busy_changed.emit(self.busy)

    def _is_live(self, job: _Job | None) -> bool:
        if job is None or self._shut_down:
            return False
        if job.connection is not None:
            return job.connection is self._settings
        return job.generation == self._generation

    def _on_task_returned(self, job: _Job, result: object) -> None:
        if job.operation == Operation.SESSION_VALIDITY:
            self._apply_session_validity(result)
            return
        if not self._is_live(job):
            return
        assert job is not None
        if job.busy:
            self._take_view()  # the call has returned: the flow is still until the next one
            self._set_current(None)
        if job.operation == Operation.CALLER_IDENTITY:
            if isinstance(result, dict):
                self._aws_identity = str(result.get("arn") or "") or None
            self.caller_identity_found.emit(result)
            return
        if job.operation == Operation.CONNECT:
            self._ready = True
            self.connection_ready.emit()
            self._ask_session_validity()
            return
        if isinstance(result, _NewSecret):
            self._qr = (result.uri, result.matrix)
            result = result.step
        step = result if isinstance(result, Step) else (self._flow.step if self._flow else Step.SIGN_IN)
        if step is not Step.SECRET:
            # The otpauth URI holds the TOTP secret, which the flow has
            # wiped by Done: only the QR page may need it (issue 19 #5).
            self._qr = None
        self._ready = True
        if self._attempts is not None:
            self._attempts.result(step)
        # The general signal first (the wizard moves to the step's page),
        # then the specific ones, which may add to what that page shows.
        self.step_changed.emit(step)
        specific = {
            Operation.SIGN_IN: self.signed_in,
            Operation.RESEND_SMS_CODE: self.sms_code_resent,
        }.get(job.operation)
        if specific is not None:
            specific.emit(step)
        if step is Step.SECRET and job.operation != Operation.VERIFY:
            self.secret_ready.emit()
        if step is Step.DONE and self._flow is not None and self._flow.outcome is not None:
            self.enrollment_verified.emit(self._flow.outcome)

    def _on_task_errored(self, job: _Job, exc: object) -> None:
        if job.operation == Operation.SESSION_VALIDITY:
            # A nicety, never a banner: the countdown keeps its setting.
            log.info("could not learn the session validity: %s", type(exc).__name__)
            return
        if not self._is_live(job):
            return
        assert job is not None
        if job.busy:
            self._take_view()  # the call has returned: the flow is still until the next one
            self._set_current(None)
        if isinstance(exc, EnrollmentError):
            error = exc
        elif isinstance(exc, FlowStateError):
            # A step in the wrong state is our bug; say so without crashing.
            log.error("flow refused %s: %s", job.operation, exc)
            error = EnrollmentError(ErrorKind.UNEXPECTED, "error.unexpected", "FlowStateError", code="FlowStateError")
        else:
            log.error("unexpected failure in %s: %s", job.operation, type(exc).__name__)
            error = EnrollmentError(
                ErrorKind.UNEXPECTED, "error.unexpected", type(exc).__name__, code=type(exc).__name__
            )
        self._audit_failure(error)
        if job.operation == Operation.CALLER_IDENTITY:
            # Status-bar information (whose credentials), never a banner on
            # the page: the enrollment itself may still work, and if it does
            # not, its own call says so where the operator is.
            self.caller_identity_failed.emit(error)
            return
        # Only a failure that trying again can fix is offered for retry.
        self._retry = job.retry if error.retryable else None
        self.failed.emit(error)

    def _on_task_finished(self, job: _Job) -> None:
        self._jobs.pop(job.task, None)
        if self._current is job:
            self._set_current(None)
