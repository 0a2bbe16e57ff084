"""When the window is out of the operator's sight, secrets leave the screen.

A minimised window still has a taskbar thumbnail, a window switcher
preview and a place in screen-sharing tools; a locked screen may be
captured by whoever unlocks it. :class:`ConcealWatcher` says when to take
the QR code and the setup key off the screen and when to put them back:

* the window is minimised (``QEvent.WindowStateChange`` → ``isMinimized()``;
  the window forwards that event to :meth:`ConcealWatcher.window_state_changed`
  from its own ``changeEvent``: an event filter written in Python could
  still be called while the window is torn down at exit);
* the application is suspended or hidden (``applicationStateChanged``:
  ``ApplicationSuspended``/``ApplicationHidden``, what platforms report for a
  locked screen or a hidden app). ``ApplicationInactive`` only means another
  window has the focus, which happens all the time at a helpdesk (the
  ticket system, a chat), so it does not conceal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def _hidden_states() -> tuple[Any, ...]:
    from PySide6.QtCore import Qt

    return (Qt.ApplicationState.ApplicationSuspended, Qt.ApplicationState.ApplicationHidden)


class ConcealWatcher(QObject):
    """Watches one window and the application state.

    Args:
        window: the window that shows secrets.

    Signals:
        concealed_changed(bool): secrets must be hidden (True) or may be
            shown again (False).
    """

    concealed_changed = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._minimized = window.isMinimized()
        self._app_hidden = False
        self._concealed = self._minimized
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state_changed)

    @property
    def concealed(self) -> bool:
        return self._concealed

    def _update(self) -> None:
        concealed = self._minimized or self._app_hidden
        if concealed != self._concealed:
            self._concealed = concealed
            self.concealed_changed.emit(concealed)

    def window_state_changed(self) -> None:
        """The window was minimised or restored (its ``changeEvent`` calls this)."""
        window = self.parent()
        self._minimized = isinstance(window, QWidget) and window.isMinimized()
        self._update()

    def stop(self) -> None:
        """No more reports (the window is closing)."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            try:
                app.applicationStateChanged.disconnect(self._on_application_state_changed)
            except (RuntimeError, TypeError):
                pass

    def _on_application_state_changed(self, state: Any) -> None:
        self._app_hidden = state in _hidden_states()
        self._update()
