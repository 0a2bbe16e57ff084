"""What an onboarding session needs of the window around it: narrow ports.

The session runner and the session control are handed these instead of
the main window, the wizard and the controller, so that they cannot reach
into a page's line edit or read the live flow. ``EnrollmentWizard``,
``Controller`` and ``MainWindow`` satisfy them as they are (structural
typing); a test may hand in anything that does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from cogtotp_gui.enrollment.flow import FlowView
    from cogtotp_gui.enrollment.settings import ConnectionSettings


class WizardPort(Protocol):
    """The wizard, as a session drives it.

    ``user_finished()`` is emitted when a user was wiped and the wizard is
    back at an empty sign-in; ``rehearsal_verdict(str, RehearsalVerdict)``
    when a rehearsal sign-in reached its verdict; ``rehearsal_left(str)``
    when one was left without a verdict.
    """

    @property
    def user_finished(self) -> SignalInstance: ...

    @property
    def rehearsal_verdict(self) -> SignalInstance: ...

    @property
    def rehearsal_left(self) -> SignalInstance: ...

    def start_next_user(self) -> None:
        """Wipe the user; an empty sign-in (then ``user_finished``)."""

    def prefill_user(self, username: str) -> None:
        """Wipe the user; the sign-in with this username, the password focused."""

    def focus_current_field(self) -> None:
        """The keyboard back to the field the operator types into next."""

    def reject(self) -> None:
        """Escape: asks before stopping a half-done user."""


class EnrollmentPort(Protocol):
    """The controller, as a session follows it: its answers, never its flow.

    ``step_changed(Step)`` and ``failed(EnrollmentError)`` are its signals.
    """

    @property
    def step_changed(self) -> SignalInstance: ...

    @property
    def failed(self) -> SignalInstance: ...

    @property
    def enrollment_in_progress(self) -> bool: ...

    @property
    def view(self) -> FlowView:
        """What the pages show, copied when the last call answered."""

    @property
    def settings(self) -> ConnectionSettings | None:
        """The connection (its name goes into the session's record)."""


Wiring = list[tuple["SignalInstance", Callable[..., Any]]]


def follow(enrollment: EnrollmentPort, wizard: WizardPort, runner: Any, *extra: tuple[Any, Any]) -> Wiring:
    """Connect a queue's runner to the events it follows: the controller's
    ``step_changed`` and ``failed``, the wizard's ``user_finished``,
    ``rehearsal_verdict`` and ``rehearsal_left``, each to the runner's
    ``_on_<event>`` slot, plus ``extra`` pairs; returns them for :func:`unfollow`."""
    wiring: Wiring = [
        (enrollment.step_changed, runner._on_step_changed),
        (enrollment.failed, runner._on_failed),
        (wizard.user_finished, runner._on_user_finished),
        (wizard.rehearsal_verdict, runner._on_rehearsal_verdict),
        (wizard.rehearsal_left, runner._on_rehearsal_left),
        *extra,
    ]
    for signal, slot in wiring:
        signal.connect(slot)
    return wiring


def unfollow(wiring: Wiring) -> None:
    """Undo :func:`follow` (a signal already gone with its object is fine)."""
    for signal, slot in wiring:
        try:
            signal.disconnect(slot)
        except (RuntimeError, TypeError):
            pass
