"""What an enrollment's events mean for a session's queue (Qt-free).

The wizard and the controller say what happened (a step was reached, an
error ended a call, the user was wiped, a rehearsal reached its verdict);
:class:`QueueReferee` decides what that does to the queue, after the rules
of ``queue.py`` (:func:`state_for_step`, :func:`state_for_error`). The Qt
side (``ui/campaign/session_runner.py``) only passes the events on.

* a user is *in progress* from the moment they are put on the sign-in page
  (:meth:`QueueReferee.take_next`);
* ``done`` records *enrolled* at once; the rehearsal's verdict makes it
  *verified* or *failed* (``rehearsal_*``); a rehearsal left without a
  verdict keeps *enrolled*, noted ``not_rehearsed``;
* a user who already has an authenticator is *already_totp* when the
  operator moves on from that page (they may choose to re-enroll);
  ``unsupported``, an account that needs IT, are *failed* at once;
* a user left half-way (Stop, idle wipe) is *skipped*, reason ``stopped``;
* a username typed over the prefilled one is followed: a waiting user of
  the roster is taken out of turn, anybody else is added to the roster.
"""

from __future__ import annotations

from cogtotp_gui.campaign.queue import QueueEntry, SessionQueue, UserState, state_for_error, state_for_step

__all__ = ["STOPPED", "QueueReferee"]

STOPPED = "stopped"  # the reason recorded for a user abandoned half-way

# Steps (``Step.value``) at which nothing about the user is known yet.
_NOT_STARTED = (None, "sign_in")


class QueueReferee:
    """Moves one session's queue along as the user on the wizard goes.

    Attributes:
        queue: the session's users.
        on_wizard: the user the wizard was last given (or followed to), or
            None; kept after they finish, until the wizard is wiped, so
            that "skip" or "retry" from the wizard acts on them.
    """

    def __init__(self, queue: SessionQueue) -> None:
        self.queue = queue
        self.on_wizard: str | None = None
        self._last_step: str | None = None

    def take_next(self) -> QueueEntry | None:
        """The next waiting user, now in progress (None: nobody waits)."""
        self._last_step = None
        entry = self.queue.next_waiting()
        if entry is None:
            self.on_wizard = None
            return None
        current = self.queue.current
        if current is not None:
            self.queue.release(current.username)
        self.on_wizard = entry.username
        return self.queue.begin(entry.username)

    def release_current(self) -> None:
        """The user in progress goes back to waiting, as before (nothing changed for them)."""
        current = self.queue.current
        if current is not None:
            self.queue.release(current.username)

    def _follow(self, username: str | None) -> QueueEntry | None:
        """The queue entry of the user being signed in, made current."""
        current = self.queue.current
        if not username:
            return current
        if current is not None and current.username == username:
            return current
        if username not in self.queue:
            self.queue.add([username])
        entry = self.queue.get(username)
        if entry.state is not UserState.WAITING:
            return None  # someone already finished, signed in again by hand: not followed
        if current is not None:
            self.queue.release(current.username)
        self.on_wizard = username
        return self.queue.begin(username)

    def step_reached(self, step: str, username: str | None) -> None:
        """The flow of ``username`` reached ``step`` (a ``Step.value``)."""
        self._last_step = step
        if step in _NOT_STARTED:
            return
        entry = self._follow(username)
        if entry is None or entry.state is not UserState.IN_PROGRESS:
            return
        state = state_for_step(step)
        if state is UserState.ENROLLED:
            self.queue.finish(entry.username, UserState.ENROLLED)
        elif state is UserState.FAILED:
            self.queue.finish(entry.username, UserState.FAILED, "unsupported")
        # ALREADY_TOTP waits for the operator's choice (stop, or re-enroll).

    def error(self, kind: str, username: str | None) -> None:
        """A call for ``username`` failed with this error kind (``ErrorKind.value``)."""
        if state_for_error(kind) is not UserState.FAILED:
            return  # the operator tries again on the same page
        entry = self._follow(username)
        if entry is not None and entry.state is UserState.IN_PROGRESS:
            self.queue.finish(entry.username, UserState.FAILED, kind)

    def user_left(self) -> None:
        """The wizard wiped its user (Next user, Stop, idle wipe)."""
        current = self.queue.current
        if current is not None:
            if self._last_step == "existing_totp":
                self.queue.finish(current.username, UserState.ALREADY_TOTP)
            elif self._last_step not in _NOT_STARTED:
                self.queue.skip(current.username, STOPPED)
            else:
                self.queue.release(current.username)
        self._last_step = None
        self.on_wizard = None

    def rehearsal_left(self, username: str) -> None:
        """The rehearsal of ``username`` was left without a verdict: noted on the enrolled user."""
        if username in self.queue and self.queue.get(username).state is UserState.ENROLLED:
            self.queue.note_not_rehearsed(username)

    def rehearsed(self, username: str, took: bool, reason: str) -> None:
        """A rehearsal sign-in of ``username``: the change took, or ``reason`` why not."""
        if username not in self.queue or self.queue.get(username).state is not UserState.ENROLLED:
            return
        if took:
            self.queue.finish(username, UserState.VERIFIED)
        else:
            self.queue.finish(username, UserState.FAILED, reason)
