"""Failures of the app itself, on the UI thread.

An exception raised in a slot or an event handler does not stop Qt: PySide
hands it to ``sys.excepthook`` and carries on. A console app prints it; this
app usually has no console (the bundle), so without a hook nobody would know
that a click just did nothing. :class:`UnexpectedErrors` records such a
failure and tells the operator:

* the log gets the exception's type and the code lines of its traceback,
  never its message or any variable (either may hold what the user typed);
* the current attempt's audit trail gets a failed step with the type's name;
* a dialog says it in plain words, once, however many follow it; what was
  typed stays where it is.

* the exception is let go of: PySide reports it with ``PyErr_Print``, which
  keeps it in ``sys.last_value``/``last_traceback``/``last_exc`` for the
  life of the process, and with it the failed slot's frames and whatever
  their locals hold (a password: issue 16, docs/security.md).

Failures on workers never come here: the controller turns them into
``error.unexpected`` banners with Retry.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from cogtotp_gui.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, "TracebackType | None"], object]


class UnexpectedErrors(QObject):
    """``sys.excepthook`` while the window runs (see the module's text).

    Attributes:
        seen: the type names of the failures so far, in order.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("unexpectedErrors")
        self.seen: list[str] = []
        self._previous: ExceptHook | None = None
        self._box: QMessageBox | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self._hook

    def uninstall(self) -> None:
        if sys.excepthook == self._hook:
            sys.excepthook = self._previous or sys.__excepthook__
        self._previous = None

    @property
    def box(self) -> QMessageBox | None:
        """The dialog, while it is open."""
        return self._box

    def _hook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, Exception):  # Ctrl+C in a terminal, SystemExit: not ours
            (self._previous or sys.__excepthook__)(exc_type, exc, tb)
            return
        name = exc_type.__name__
        # Code lines only: a FrameSummary keeps no variables unless asked to.
        where = "".join(traceback.format_list(traceback.extract_tb(tb)))
        forget(exc, tb)
        log.error("unexpected %s in the window:\n%s", name, where.rstrip())
        self.seen.append(name)
        window = self.parent()
        controller = getattr(window, "controller", None)
        if controller is not None:
            controller.record_unexpected(name)
        # Shown from the event loop, not from inside whatever just failed.
        QTimer.singleShot(0, self, self._show)

    @Slot()
    def _show(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from cogtotp_gui.ui.common import messages

        details = "\n".join(self.seen)
        if self._box is not None:
            self._box.setDetailedText(details)
            return
        box = QMessageBox(self.parent())  # type: ignore[arg-type]  # parented to a QWidget (the main window)
        box.setObjectName("unexpectedErrorBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(messages.message_for_key("error.unexpected"))
        box.setInformativeText(
            self.tr(
                "What was typed is kept. If the page no longer responds, press Cancel to start over with this user."
            )
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(self._on_box_finished)
        self._box = box
        box.open()

    @Slot()
    def _on_box_finished(self) -> None:
        box, self._box = self._box, None
        if box is not None:
            box.deleteLater()


def forget(exc: BaseException, tb: TracebackType | None) -> None:
    """Let go of a reported exception: clear ``sys.last_*`` (where
    ``PyErr_Print`` left it) and the locals of its frames and its chain's."""
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if getattr(sys, name, None) is not None:
            setattr(sys, name, None)
    seen: set[int] = set()
    each: BaseException | None = exc
    tracebacks = [tb]
    while each is not None and id(each) not in seen:
        seen.add(id(each))
        tracebacks.append(each.__traceback__)
        each = each.__cause__ or each.__context__
    for frames in tracebacks:
        if frames is not None:
            traceback.clear_frames(frames)  # locals of frames that have finished
    exc.__traceback__ = None
