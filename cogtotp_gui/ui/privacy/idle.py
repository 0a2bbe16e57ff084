"""Wiping a user nobody is attending to.

A helpdesk operator is called away with a QR code on screen: after a while
without any key or mouse input in the window, the wizard forgets the user.
:class:`IdleWatcher` only measures; what "forget" means is the window's
business (it connects ``timed_out`` to the wizard's "next user").

The watcher filters the application's events only while it is armed (on
the pages that show a secret or a finished user or hold a password, the
rehearsal's included: ``USER_PAGES`` in ``ui/wizard/navmap.py``): an application-wide
Python event filter sees every event, paints and timers included, and
costs nothing when it is not installed.
"""

from __future__ import annotations

import math
import time
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from cogtotp_gui.names import DEFAULT_IDLE_TIMEOUT_S

DEFAULT_TIMEOUT_S = DEFAULT_IDLE_TIMEOUT_S
# The last seconds are announced, so someone still there can stop the wipe.
WARNING_S = 15

# What counts as someone being there. Key releases and hover moves come with
# the presses and moves that count already; a window merely being repainted
# or activated by the system does not count.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Counts time without input in one window (and its dialogs).

    Args:
        window: the window whose input counts.
        timeout_s: seconds without input until ``timed_out``.
        warning_s: how long before that ``warning`` starts counting down.

    Signals:
        warning(int): seconds left before the wipe, once a second during
            the last ``warning_s`` seconds.
        warning_cleared(): input arrived during the warning (or the watcher
            was disarmed): nothing will be wiped.
        timed_out(): ``timeout_s`` passed without input; the watcher has
            disarmed itself.
    """

    warning = Signal(int)
    warning_cleared = Signal()
    timed_out = Signal()

    def __init__(
        self,
        window: QWidget,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        warning_s: float = WARNING_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else window)
        # Weakly: the watcher is the window's child, and a reference back
        # would make the window cyclic garbage.
        self._window = weakref.ref(window)
        self._timeout_s = float(timeout_s)
        self._warning_s = float(warning_s)
        self._last_input = time.monotonic()
        self._armed = False
        self._warned: int | None = None
        self._filtering = False
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._update_interval()
        app = QCoreApplication.instance()
        if app is not None:
            # No Python event filter may be left on the application while
            # it is torn down (the window's shutdown disarms too).
            app.aboutToQuit.connect(self.disarm)

    # -- API -------------------------------------------------------------------

    @property
    def armed(self) -> bool:
        return self._armed

    @property
    def timeout_s(self) -> float:
        return self._timeout_s

    @property
    def warning_s(self) -> float:
        return self._warning_s

    @property
    def warning_shown(self) -> bool:
        return self._warned is not None

    def set_timeout(self, timeout_s: float, warning_s: float | None = None) -> None:
        """Change the delays; counting starts again from now."""
        self._timeout_s = float(timeout_s)
        if warning_s is not None:
            self._warning_s = float(warning_s)
        self._update_interval()
        self.poke()

    def seconds_left(self) -> float:
        return max(0.0, self._timeout_s - (time.monotonic() - self._last_input))

    def arm(self) -> None:
        """Start counting from now (a page worth wiping is showing)."""
        self._last_input = time.monotonic()
        if self._armed:
            self._clear_warning()
            return
        self._armed = True
        self._install_filter(True)
        self._tick.start()

    def disarm(self) -> None:
        """Stop counting (nothing on screen needs wiping)."""
        self._armed = False
        self._tick.stop()
        self._install_filter(False)
        self._clear_warning()

    def poke(self) -> None:
        """Someone is there: count again from now."""
        self._last_input = time.monotonic()
        self._clear_warning()

    # -- plumbing ----------------------------------------------------------------

    def _update_interval(self) -> None:
        # A second is the countdown's resolution; a test's timeout of a
        # fraction of a second still fires on time.
        self._tick.setInterval(max(20, min(1000, round(self._timeout_s * 1000 / 10))))

    def _install_filter(self, on: bool) -> None:
        app = QCoreApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def _clear_warning(self) -> None:
        if self._warned is not None:
            self._warned = None
            self.warning_cleared.emit()

    def _belongs_to_window(self, obj: QObject) -> bool:
        window = self._window()
        widget = obj if isinstance(obj, QWidget) else None
        while widget is not None and window is not None:
            if widget is window:
                return True
            # Up through windows too: a dialog of the window is the window's.
            widget = widget.parentWidget()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._belongs_to_window(obj):
            self.poke()
        return False

    @Slot()
    def _on_tick_timeout(self) -> None:
        if not self._armed:
            return
        left = self.seconds_left()
        if left <= 0:
            self.disarm()
            self.timed_out.emit()
            return
        if left <= self._warning_s:
            seconds = math.ceil(left)
            if seconds != self._warned:
                self._warned = seconds
                self.warning.emit(seconds)
