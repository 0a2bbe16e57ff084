"""One way to run work off the UI thread: ``BackgroundTask``.

In the spirit of Anki's ``QueryOp`` (``qt/aqt/operations/__init__.py``)::

    BackgroundTask(gateway.check_connection, owner=self)
        .success(self._on_checked)
        .failure(self._on_check_failed)
        .finally_(self._on_check_done)
        .run_in_background()

Work that reports progress or can be cancelled takes a :class:`TaskContext`
(Anki's ``with_progress``, superqt's generator worker are the models)::

    task = BackgroundTask.with_context(
        lambda context: scan(..., cancel=context.cancel_event, on_progress=context.progress),
        owner=self,
    ).on_progress(self._show_progress).success(self._on_done).run_in_background()
    ...
    task.cancel()  # fn sees it through the context; its answer still comes back

A job that must not run twice at once (a button's call, a list being read)
goes through a :class:`SingleFlight`: it starts a task only when the last
one is done, and lets go of it then::

    self._test = SingleFlight()
    ...
    if not self._test.run(BackgroundTask(gateway.check_connection, owner=self).success(...)):
        return  # the last test is still on its way

``fn`` runs on a pool thread (a :class:`~cogtotp_gui.ui.common.worker.FunctionWorker`);
the callbacks run on the UI thread, through a small relay object that is a
child of ``owner``: when the owner is destroyed, its callbacks go with it
and a late answer reaches nobody. ``fn`` must not touch a widget.

Every task starts in a :class:`TaskPool`: the controller and the training
session have their own, everything else shares :func:`default_pool`. At
quit, ``MainWindow.shutdown`` stops the controller's and then the shared one
(:func:`shutdown_shared`); training mode stops its own. Tasks not started yet
never start, running ones get a short wait, and whatever is still running
after it is abandoned: its callbacks are dropped and its pool kept alive
until the process ends (destroying a QThreadPool would wait for it).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Slot

from cogtotp_gui.ui.common.worker import FunctionWorker

log = logging.getLogger(__name__)

T = TypeVar("T")

# Pools whose threads outlived shutdown, kept so nothing destroys them.
_abandoned: list[Any] = []
_pools: weakref.WeakSet[TaskPool] = weakref.WeakSet()
_default: TaskPool | None = None


class TaskPool:
    """A thread pool for background tasks that can be shut down as a whole.

    Args:
        parent: owns the underlying QThreadPool (None: lives as long as the pool).
        max_threads: at most this many tasks run at once (None: Qt's default).
    """

    def __init__(self, parent: QObject | None = None, max_threads: int | None = None) -> None:
        self.qpool = QThreadPool(parent)
        if max_threads is not None:
            self.qpool.setMaxThreadCount(max_threads)
        self._tasks: set[BackgroundTask[Any]] = set()
        self.closed = False
        _pools.add(self)

    @property
    def tasks(self) -> list[BackgroundTask[Any]]:
        """The tasks started here whose worker has not sent its last signal."""
        self._tasks = {task for task in self._tasks if not task.worker.done}
        return list(self._tasks)

    def active(self) -> int:
        """How many of its threads are running a task now."""
        return self.qpool.activeThreadCount()

    def _start(self, task: BackgroundTask[Any]) -> None:
        self._tasks.add(task)
        task.worker.mark_started()
        self.qpool.start(task.worker)

    def _done(self, task: BackgroundTask[Any]) -> None:
        self._tasks.discard(task)

    def drop_queued(self) -> None:
        """Take every task that has not started off the queue: it never runs."""
        for task in list(self._tasks):
            if self.qpool.tryTake(task.worker):
                task.worker.mark_dropped()
                task.abandon()
                self._tasks.discard(task)

    def shutdown(self, wait_ms: int) -> bool:
        """No new tasks; queued ones never run; wait up to ``wait_ms`` for the
        running ones. Returns whether none is left running; if one is, its
        callbacks are dropped and the pool is kept alive (see module doc)."""
        self.closed = True
        self.drop_queued()
        return wait_for([self], wait_ms)


def wait_for(pools: list[TaskPool], wait_ms: int) -> bool:
    """Wait up to ``wait_ms`` for every task running in ``pools``; abandon
    what is still running then. Returns whether none was left."""
    deadline = time.monotonic() + wait_ms / 1000
    # Poll with time.sleep, which releases the GIL: the tasks are Python
    # code and must be able to run to finish.
    while any(pool.active() for pool in pools) and time.monotonic() < deadline:
        time.sleep(0.01)
    clean = True
    for pool in pools:
        if pool.active():
            clean = False
            log.info("abandoning %d running task(s) at shutdown", pool.active())
            for task in pool.tasks:
                task.abandon()
            pool.qpool.setParent(None)
            _abandoned.append((pool.qpool, pool.tasks))
    return clean


def default_pool() -> TaskPool:
    """The application's shared pool (made on first use)."""
    global _default
    if _default is None or _default.closed:
        _default = TaskPool()
    return _default


def shutdown_shared(wait_ms: int) -> bool:
    """Stop the shared pool (the window's own owners stop theirs): queued
    tasks never run, running ones get ``wait_ms``, then are abandoned.
    Returns whether none was left running. The next task gets a new pool."""
    if _default is None:
        return True
    return _default.shutdown(wait_ms)


class TaskContext:
    """Handed to a task's function by :meth:`BackgroundTask.with_context`: progress out, cancel in.

    Both are safe to use from the worker thread (and from threads the
    function starts itself).

    Attributes:
        cancel_event: set by :meth:`BackgroundTask.cancel` (for code that takes an Event).
    """

    def __init__(self) -> None:
        self.cancel_event = threading.Event()
        self._emit: Callable[[object], None] | None = None

    def progress(self, value: object) -> None:
        """Send ``value`` to the task's ``on_progress`` callback, on the UI thread (queued)."""
        emit = self._emit
        if emit is not None:
            try:
                emit(value)
            except RuntimeError:  # the receiving side is gone (the app is exiting)
                pass

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Relay(QObject):
    """Receives a worker's signals on the UI thread, for the task's callbacks.
    A child of the task's owner: destroyed with it, taking its connections."""

    def __init__(self, task: BackgroundTask[Any], owner: QObject | None) -> None:
        super().__init__(owner)
        self._task: BackgroundTask[Any] | None = task

    @Slot(object)
    def on_returned(self, result: object) -> None:
        if self._task is not None:
            self._task._deliver(self._task._on_success, result)

    @Slot(object)
    def on_progress(self, value: object) -> None:
        if self._task is not None and self._task._on_progress is not None:
            self._task._on_progress(value)

    @Slot(object)
    def on_errored(self, error: object) -> None:
        if self._task is not None:
            self._task._deliver(self._task._on_failure, error)

    @Slot()
    def on_finished(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task._finish()
        self.deleteLater()


class BackgroundTask(Generic[T]):
    """Run ``fn()`` on a pool thread; call back on the UI thread.

    Args:
        fn: the work; it gets no arguments (bind them with a closure).
        owner: the QObject the callbacks belong to (None: the task lives
            until it finishes).
        pool: where to run (default: :func:`default_pool`).

    Attributes:
        worker: the runnable (for code that must take it off a queue).
    """

    def __init__(self, fn: Callable[[], T], *, owner: QObject | None = None, pool: TaskPool | None = None) -> None:
        self.worker = FunctionWorker(fn)
        self.context: TaskContext | None = None
        self._pool = pool
        self._owner = owner
        self._on_progress: Callable[[Any], object] | None = None
        self._on_success: Callable[[Any], object] | None = None
        self._on_failure: Callable[[Any], object] | None = None
        self._on_finally: Callable[[], object] | None = None
        self._on_answered: Callable[[], object] | None = None  # a SingleFlight's release
        self._relay: _Relay | None = None
        self.abandoned = False
        self.finished = False

    @classmethod
    def with_context(
        cls, fn: Callable[[TaskContext], T], *, owner: QObject | None = None, pool: TaskPool | None = None
    ) -> BackgroundTask[T]:
        """A task whose ``fn(context)`` can report progress and see a cancel (:class:`TaskContext`)."""
        context = TaskContext()
        task = cls(lambda: fn(context), owner=owner, pool=pool)
        context._emit = task.worker.signals.progress.emit
        task.context = context
        return task

    def on_progress(self, callback: Callable[[Any], object]) -> BackgroundTask[T]:
        """Call ``callback(value)`` on the UI thread for each ``context.progress(value)``."""
        self._on_progress = callback
        return self

    def cancel(self) -> None:
        """Ask ``fn`` to stop (through its context); its answer, or error, still comes back."""
        if self.context is not None:
            self.context.cancel_event.set()

    @property
    def running(self) -> bool:
        """Started and not yet through its last callback."""
        return self._relay is not None and not self.finished

    def success(self, callback: Callable[[T], object]) -> BackgroundTask[T]:
        """Call ``callback(result)`` when ``fn`` returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], object]) -> BackgroundTask[T]:
        """Call ``callback(exception)`` when ``fn`` raises (without it, the
        exception is logged by its type only: its text may quote a secret)."""
        self._on_failure = callback
        return self

    def finally_(self, callback: Callable[[], object]) -> BackgroundTask[T]:
        """Call ``callback()`` after either, once the worker is done with ``fn``."""
        self._on_finally = callback
        return self

    def run_in_background(self) -> BackgroundTask[T]:
        """Queue the task; returns it (to keep, or to :meth:`abandon` later)."""
        pool = self._pool or default_pool()
        self._pool = pool
        relay = _Relay(self, self._owner)
        # The relay lives on the UI thread: the signals arrive queued there.
        self.worker.signals.progress.connect(relay.on_progress)
        self.worker.signals.returned.connect(relay.on_returned)
        self.worker.signals.errored.connect(relay.on_errored)
        self.worker.signals.finished.connect(relay.on_finished)
        self._relay = relay
        pool._start(self)
        return self

    def abandon(self) -> None:
        """Its answer, whenever it comes, reaches nobody (``fn`` still runs
        to its end if it has started)."""
        self.abandoned = True
        self.cancel()
        self._on_success = self._on_failure = self._on_finally = self._on_progress = None

    # -- on the UI thread ----------------------------------------------------------

    def _deliver(self, callback: Callable[[Any], object] | None, value: object) -> None:
        self._answer_in()
        if callback is not None:
            callback(value)
        elif isinstance(value, BaseException) and not self.abandoned:
            log.warning("background task failed: %s", type(value).__name__)

    def _answer_in(self) -> None:
        hook, self._on_answered = self._on_answered, None
        if hook is not None:
            hook()

    def _finish(self) -> None:
        self._answer_in()  # if no answer came (the function was dropped)
        self.finished = True
        self._relay = None
        if self._pool is not None:
            self._pool._done(self)
        callback, self._on_finally = self._on_finally, None
        self._on_success = self._on_failure = self._on_progress = None
        if self.context is not None:
            self.context._emit = None
        if callback is not None:
            callback()


class SingleFlight:
    """One task at a time for one job (a button's call, a list being read).

    :meth:`run` starts a task unless the last one's answer has not come
    yet. Once it has (before its ``success`` or ``failure`` callback runs,
    so the callback may start the next one, and a key pressed right after
    the answer is not refused), the flight lets go of the task: its
    function may hold what was typed (a password, a client secret), which
    must not outlive the call.
    """

    def __init__(self) -> None:
        self._task: BackgroundTask[Any] | None = None

    @property
    def busy(self) -> bool:
        """A task started here has not answered yet."""
        task = self._task
        return task is not None and not task.abandoned

    def run(self, task: BackgroundTask[T]) -> BackgroundTask[T] | None:
        """Start ``task`` (its callbacks set); None, and ``task`` never runs,
        while the last one is busy."""
        if self.busy:
            return None

        def release() -> None:
            if self._task is task:
                self._task = None

        task._on_answered = release
        self._task = task
        return task.run_in_background()


def running_tasks() -> int:
    """Tasks started in any pool that have not finished reporting."""
    return sum(len(pool.tasks) for pool in list(_pools))
