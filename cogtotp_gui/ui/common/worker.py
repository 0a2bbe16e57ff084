"""Run one function off the UI thread and report back with signals.

Modelled on superqt's ``FunctionWorker``: the worker holds a callable and its
arguments, never a widget, so nothing on the worker thread can touch the UI.
Results arrive through queued signals on the thread that created the worker.

A module-level registry counts workers whose function is still running, so
tests can fail when one is left behind and shutdown can tell whether waiting
is worth it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

_running_lock = threading.Lock()
_running: set[FunctionWorker] = set()
# Workers queued and not yet through their last signal (``finished``): a
# superset of ``_running``. Tests wait on it before flushing posted events.
_reporting: set[FunctionWorker] = set()


def running_workers() -> int:
    """How many workers are still inside their function."""
    with _running_lock:
        return len(_running)


def reporting_workers() -> int:
    """How many workers have not yet emitted their last signal; once this is
    0, every signal they sent is posted (``QCoreApplication.sendPostedEvents``
    delivers them)."""
    with _running_lock:
        return len(_reporting)


def _nothing(*_args: Any, **_kwargs: Any) -> None:
    return None


class WorkerSignals(QObject):
    """Signals of a :class:`FunctionWorker`.

    A QRunnable is not a QObject, so its signals live on this companion.

    Signals:
        progress(object): a value the function reported (``TaskContext.progress``).
        returned(object): the function's return value.
        errored(object): the exception it raised.
        finished(): after either of the above.
    """

    progress = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()


class FunctionWorker(QRunnable):
    """Call ``function(*args, **kwargs)`` on a thread-pool thread."""

    def __init__(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        # The owner keeps a reference until ``finished`` arrives; letting the
        # pool delete a Python-owned runnable would free it twice.
        self.setAutoDelete(False)
        self._function = function
        self._args = args
        self._kwargs = kwargs
        self.signals = WorkerSignals()
        self.done = False  # set once the last signal is sent (or it was dropped)

    def mark_started(self) -> None:
        """Count this worker as running from the moment it is queued."""
        with _running_lock:
            _running.add(self)
            _reporting.add(self)

    def mark_dropped(self) -> None:
        """The worker was taken off the pool's queue before it ever ran."""
        with _running_lock:
            _running.discard(self)
            _reporting.discard(self)
        self.done = True
        self._function = _nothing
        self._args = ()
        self._kwargs = {}

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # The receiver's side is gone (the app is exiting while this call
            # ran); there is nobody left to tell.
            pass

    def run(self) -> None:  # called on the pool thread
        try:
            result = self._function(*self._args, **self._kwargs)
        except Exception as exc:  # handed to the UI thread, which decides
            with _running_lock:
                _running.discard(self)
            self._emit(self.signals.errored, without_frames(exc))
        else:
            with _running_lock:
                _running.discard(self)
            self._emit(self.signals.returned, result)
        finally:
            # Drop the call at once: its arguments (or a closure) may hold a
            # password or a code, and the owner keeps this object a while.
            self._function = _nothing
            self._args = ()
            self._kwargs = {}
            self._emit(self.signals.finished)
            with _running_lock:
                _reporting.discard(self)
            self.done = True


def without_frames(exc: BaseException) -> BaseException:
    """``exc`` with the tracebacks of it and its chain dropped.

    What the UI thread gets may be kept (a banner renders it again in
    another language); a traceback's frames hold the failed call's locals:
    a password, a code, a session (issue 16, docs/security.md).
    """
    seen: set[int] = set()
    each: BaseException | None = exc
    while each is not None and id(each) not in seen:
        seen.add(id(each))
        each.__traceback__ = None
        each = each.__cause__ or each.__context__
    return exc
