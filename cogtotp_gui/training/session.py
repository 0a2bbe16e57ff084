"""Training mode's Qt side: the emulator's lifecycle, the phone, the users dialog.

:class:`TrainingSession` starts the training pool on a worker thread after
the window has been painted, connects the wizard's controller to it when it
is ready, plays the user's phone (:class:`TrainingPhoneWindow`) and offers
the training users and "Reset training data". It is the only place where the
emulator's threads meet Qt: the emulator tells SMS listeners on its request
threads, and :class:`_SmsRelay` hands each message to the UI thread with a
queued signal.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.enrollment.settings import ConnectionSettings
from cogtotp_gui.training.environment import CredentialsIsolation, TrainingEnvironment
from cogtotp_gui.ui.common.messages import arg
from cogtotp_gui.ui.common.tasks import BackgroundTask, SingleFlight, TaskPool, wait_for

if TYPE_CHECKING:
    from cogtotp_gui.emulator import SmsMessage
    from cogtotp_gui.training.phone_window import TrainingPhoneWindow
    from cogtotp_gui.training.users_dialog import TrainingUsersDialog
    from cogtotp_gui.ui.wizard.controller import Controller

log = logging.getLogger(__name__)

PHONE_GAP = 16  # pixels between the wizard and the phone


class _SmsRelay(QObject):
    """Carries SMS from the emulator's threads to the UI thread.

    The relay lives on the UI thread; emitting from another thread makes
    the connection queued, so slots always run on the UI thread. It is never
    deleted while the session exists, so a listener call racing with
    ``shutdown`` still finds it.
    """

    received = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.enabled = True

    def __call__(self, message: SmsMessage) -> None:  # on an emulator thread
        if self.enabled:
            self.received.emit(message)


def _show_or_raise(window: QWidget) -> None:
    """Show a window, or bring it to the front if it is already shown."""
    if window.isVisible():
        window.raise_()
        window.activateWindow()
    else:
        window.show()


def place_beside(window: QWidget, phone: QWidget, gap: int = PHONE_GAP) -> None:
    """Put ``phone`` to the right of ``window``, top-aligned, not overlapping.

    If the screen is too narrow for both side by side at the window's
    position, the window moves left; if it is too narrow altogether, the
    phone goes as far right as it can.
    """
    screen = window.screen() or phone.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    # The phone's frame is not known before it is shown; assume the window's.
    decoration = frame.width() - window.width()
    phone_width = phone.width() + decoration
    needed = frame.width() + gap + phone_width
    if frame.right() + gap + phone_width > area.right() and needed <= area.width():
        window.move(max(area.left(), area.right() - needed + 1), frame.top())
        frame = window.frameGeometry()
    x = min(frame.right() + 1 + gap, area.right() - phone_width + 1)
    y = max(area.top(), frame.top())
    phone.move(x, y)
    # As tall as the window, so the two read as one workplace.
    phone.resize(
        phone.width(),
        max(phone.minimumHeight(), min(window.height(), area.height() - (frame.height() - window.height()))),
    )


class TrainingSession(QObject):
    """Everything ``--demo`` adds to the wizard.

    Args:
        controller: the wizard's controller; connected to the training pool
            once it is up, and again after each reset.
        window: the wizard's main window (the phone sits beside it and is
            its child window, the users dialog its child dialog).
        environment: the training pool; tests pass one built on a shared
            emulator server.

    Attributes:
        phone: the training phone window, once the pool is up.
        users_dialog: the training users dialog, once opened.

    Signals:
        started(object): the pool is seeded and the controller connected;
            the ConnectionSettings in use.
        start_failed(str): the pool could not be started (a plain reason).
        reset_started(): the current user was dropped; the pool is being reset.
        training_reset(object): reset and re-seeded, controller connected;
            the new ConnectionSettings.
        reset_failed(str): the reset did not work (a plain reason).
        sms_shown(object): the phone shows (or reports lost) this SmsMessage.
    """

    started = Signal(object)
    start_failed = Signal(str)
    reset_started = Signal()
    training_reset = Signal(object)
    reset_failed = Signal(str)
    sms_shown = Signal(object)

    def __init__(
        self,
        controller: Controller,
        window: QWidget | None = None,
        *,
        environment: TrainingEnvironment | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingSession")
        self.controller = controller
        # Weakly: the session is the window's grandchild; a reference back
        # would make the window cyclic garbage.
        self._window = weakref.ref(window) if window is not None else None
        self.environment = environment or TrainingEnvironment()
        self.phone: TrainingPhoneWindow | None = None
        self.users_dialog: TrainingUsersDialog | None = None
        self._credentials = CredentialsIsolation()
        self._relay = _SmsRelay()
        self._relay.received.connect(self._on_sms_received)
        self._pool = TaskPool(self, max_threads=1)  # start, reset, stop: one at a time
        self._listening = False
        self._job = SingleFlight()  # starting or resetting the pool, until it answers
        self._shut_down = False
        controller.secret_ready.connect(self._on_secret_ready)
        controller.step_changed.connect(self._on_step_changed)
        controller.flow_reset.connect(self._on_flow_reset)
        controller.signed_in.connect(self._on_signed_in)

    # -- state -----------------------------------------------------------------

    @property
    def window(self) -> QWidget | None:
        """The main window, while it exists."""
        return self._window() if self._window is not None else None

    @property
    def is_ready(self) -> bool:
        """The pool is seeded and the controller connected to it."""
        return self.environment.running and not self._job.busy

    @property
    def busy(self) -> bool:
        """Starting or resetting."""
        return self._job.busy

    @property
    def settings(self) -> ConnectionSettings:
        return self.environment.settings

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> None:
        """Start the training pool on a worker; ``started`` says when it is up.

        The credential chain is switched to dummy keys here, on the UI
        thread, before any worker builds a boto3 client.
        """
        if self._job.busy or self._shut_down or self.environment.running:
            return
        self._credentials.apply()
        self._job.run(self._task(self.environment.start).success(self._on_started).failure(self._on_start_failed))

    @Slot()
    def reset_training_data(self) -> None:
        """Undo every change: same users and passwords, wizard back to the start."""
        if self._job.busy or self._shut_down or not self.environment.running:
            return
        # Nobody may keep working against the old pool while it is replaced.
        self.controller.reset()
        if self.phone is not None:
            self.phone.clear()
        self._job.run(self._task(self.environment.reset).success(self._on_reset).failure(self._on_reset_failed))
        self.reset_started.emit()  # busy from here: nothing answers before this returns

    def shutdown(self, wait_ms: int = 5000) -> bool:
        """Stop listening, wait for a start/reset still running, stop the
        emulator and give the process its credentials back. Idempotent."""
        if self._shut_down:
            return True
        self._shut_down = True
        self._relay.enabled = False
        self._stop_listening()
        done = wait_for([self._pool], wait_ms)  # what is still running then is abandoned
        if self.phone is not None:
            self.phone.clear()
            self.phone.close()
        if done:
            self.environment.stop()
            self._credentials.restore()
        else:
            log.warning("the training pool did not finish starting; leaving it to the process exit")
        return done

    # -- UI ------------------------------------------------------------------------

    @Slot()
    def show_phone(self) -> None:
        """Show the training phone beside the wizard (bring it back if closed)."""
        phone = self.phone
        if phone is None:
            return
        first = not phone.isVisible() and not phone.property("placed")
        if first and self.window is not None:
            place_beside(self.window, phone)
            phone.setProperty("placed", True)
        _show_or_raise(phone)

    def keep_phone_beside(self) -> None:
        """The window grew or moved (a session's queue panel docked, the
        operator resized it): a phone placed beside it that it now covers
        moves beside the whole window again. A phone the operator put
        elsewhere, clear of the window, stays where it is."""
        phone, window = self.phone, self.window
        if phone is None or window is None or not phone.isVisible() or not phone.property("placed"):
            return
        if window.frameGeometry().intersects(phone.frameGeometry()):
            place_beside(window, phone)

    @Slot()
    def show_training_users(self) -> None:
        """Open (or raise) the training users dialog."""
        if not self.environment.running:
            return
        _show_or_raise(self._users_dialog())

    # -- plumbing ----------------------------------------------------------------

    def _users_dialog(self) -> TrainingUsersDialog:
        if self.users_dialog is None:
            from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD
            from cogtotp_gui.training.users_dialog import TrainingUsersDialog

            self.users_dialog = TrainingUsersDialog(self.window)
            self.users_dialog.set_users(self.environment.seed.users.values(), SUGGESTED_NEW_PASSWORD)
        return self.users_dialog

    def _task(self, call: Any) -> BackgroundTask[Any]:
        return BackgroundTask(call, owner=self, pool=self._pool)

    def _start_listening(self) -> None:
        if not self._listening:
            self.environment.emu.add_sms_listener(self._relay)
            # Email-MFA codes land on the same phone (its mail app).
            self.environment.emu.add_email_listener(self._relay)
            self._listening = True

    def _stop_listening(self) -> None:
        if self._listening:
            try:
                self.environment.emu.remove_sms_listener(self._relay)
                self.environment.emu.remove_email_listener(self._relay)
            except RuntimeError:
                pass  # never started
            self._listening = False

    def _prepare_phone(self) -> None:
        from cogtotp_gui.training.phone_window import TrainingPhoneWindow

        seed = self.environment.seed
        if self.phone is None:
            emu = self.environment.emu
            self.phone = TrainingPhoneWindow(
                clock=emu.now,
                pending_secret=emu.pending_totp_secret,
                parent=self.window,
            )
        phone = self.phone
        phone.clear()
        phone.set_users(seed.users.values())
        phone.set_lost_signal(u.username for u in seed.users.values() if u.kind == "no_sms_delivery")
        # Users who already have an authenticator have it on their phone,
        # except the one whose phone was lost (the reset is the exercise).
        issuer = self.environment.settings.issuer
        # Added last is shown first: add in reverse to keep the seed's order.
        for user in reversed(list(seed.users.values())):
            if user.totp_secret and user.kind != "lost_phone":
                phone.add_account(issuer, user.username, user.totp_secret, seed.pool_id)

    def _connect_wizard(self, settings: ConnectionSettings) -> None:
        self.controller.connect_to(settings)

    @Slot(object)
    def _on_started(self, settings: object) -> None:
        if self._shut_down:
            return
        assert isinstance(settings, ConnectionSettings)
        self._start_listening()
        self._prepare_phone()
        self._connect_wizard(settings)
        self.show_phone()
        self.started.emit(settings)

    @Slot(object)
    def _on_start_failed(self, error: object) -> None:
        if self._shut_down:
            return
        log.error("training pool failed to start: %s", type(error).__name__)
        self.start_failed.emit(arg(self.tr("The training pool could not be started: %1"), str(error)))

    @Slot(object)
    def _on_reset(self, settings: object) -> None:
        if self._shut_down:
            return
        assert isinstance(settings, ConnectionSettings)
        self._prepare_phone()
        if self.users_dialog is not None:
            from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD

            self.users_dialog.set_users(self.environment.seed.users.values(), SUGGESTED_NEW_PASSWORD)
        self._connect_wizard(settings)
        self.training_reset.emit(settings)

    @Slot(object)
    def _on_reset_failed(self, error: object) -> None:
        if self._shut_down:
            return
        log.error("training reset failed: %s", type(error).__name__)
        self.reset_failed.emit(arg(self.tr("Resetting the training data failed: %1"), str(error)))

    @Slot(object)
    def _on_sms_received(self, message: SmsMessage) -> None:
        if self._shut_down or self.phone is None or self._job.busy:
            return
        if message.pool_id != self.environment.seed.pool_id:
            return  # sent by the pool a reset just replaced
        self.phone.show_sms(message)
        self.sms_shown.emit(message)

    @Slot()
    def _on_secret_ready(self) -> None:
        username = self.controller.view.username
        settings = self.controller.settings
        if self.phone is None or username is None or settings is None:
            return
        self.phone.offer_secret(username, settings.user_pool_id, settings.issuer)

    @Slot(object)
    def _on_step_changed(self, step: object) -> None:
        if self.phone is not None and step is not Step.SECRET:
            self.phone.withdraw_offer()

    @Slot()
    def _on_flow_reset(self) -> None:
        if self.phone is not None:
            self.phone.withdraw_offer()

    @Slot(object)
    def _on_signed_in(self, _step: object) -> None:
        username = self.controller.view.username
        if self.phone is not None and username:
            self.phone.follow_user(username)
