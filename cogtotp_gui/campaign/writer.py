"""One ordered writer: every call on a campaign store runs on one thread, in order.

The window never waits for the disk while the operator works (a locked
database waited up to 5 s per change on the UI thread before, issue 19 #13):
a queue change is handed to the writer, which commits it on its own thread,
in the order the changes happened. "Next user" waits for the writer (see
:meth:`OrderedWriter.when_flushed`), so a finished user is on disk before the
next one starts. A store (a sqlite3 connection) belongs to the thread that
opened it: the writer opens it there.

A periodic job (the session lease's renewal) runs on the same thread,
between calls, so it is ordered with the writes it guards.

Qt-free: results come back as :class:`concurrent.futures.Future`; whoever
needs them on a UI thread hops there itself.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, Protocol, TypeVar, cast

__all__ = ["OrderedWriter", "WriterClosed"]

log = logging.getLogger(__name__)


class _Closable(Protocol):
    def close(self) -> None: ...


S = TypeVar("S", bound=_Closable)
T = TypeVar("T")
_Job = tuple[Callable[[Any], Any], "Future[Any]"]

_STOP = object()


class WriterClosed(RuntimeError):
    """A job was handed to a writer that has been closed."""


class OrderedWriter(Generic[S]):
    """A thread that owns one store and runs the jobs given to it, in order.

    Args:
        open_store: opens the store (run on the writer's thread, first). If
            it raises, every job fails with that error.
        close_store: how to close it at the end (default: ``store.close()``).
        name: the thread's name (for debugging).
    """

    def __init__(
        self,
        open_store: Callable[[], S],
        *,
        close_store: Callable[[S], None] | None = None,
        name: str = "campaign-writer",
    ) -> None:
        self._jobs: queue.Queue[_Job | object | None] = queue.Queue()
        self._open_store = open_store
        self._close_store: Callable[[S], None] = close_store or (lambda store: store.close())
        self._periodic: list[tuple[float, Callable[[S], object], list[float]]] = []
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # -- handing work over ------------------------------------------------------------

    def submit(self, job: Callable[[S], T]) -> Future[T]:
        """Run ``job(store)`` after every job submitted before it."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(WriterClosed("the campaign store was closed"))
                return future
            self._jobs.put((job, future))
        return future

    def call(self, job: Callable[[S], T], timeout: float | None = None) -> T:
        """``submit(job)`` and wait for its result (raises what it raised)."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("a job must not wait for the writer it runs on")
        return self.submit(job).result(timeout)

    def when_flushed(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` (on the writer's thread) once every job submitted so far is done."""

        def run(_store: S) -> None:
            callback()

        future = self.submit(run)
        if future.done():  # closed: nothing more will be written
            callback()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every job submitted so far is done; whether it was in time."""
        done = threading.Event()
        self.when_flushed(done.set)
        return done.wait(timeout)

    def every(self, seconds: float, job: Callable[[S], object]) -> Callable[[], None]:
        """Run ``job(store)`` every ``seconds`` between other jobs; returns a function that stops it."""
        entry = (seconds, job, [time.monotonic() + seconds])
        with self._lock:
            self._periodic.append(entry)
        self._jobs.put(None)  # wake the thread to learn the new deadline

        def stop() -> None:
            with self._lock:
                if entry in self._periodic:
                    self._periodic.remove(entry)

        return stop

    def close(self, timeout: float | None = 5.0) -> bool:
        """Run what was handed over, close the store, end the thread."""
        with self._lock:
            if self._closed:
                return not self._thread.is_alive()
            self._closed = True
            self._periodic.clear()
            self._jobs.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def closed(self) -> bool:
        return self._closed

    # -- the thread -------------------------------------------------------------------

    def _next_deadline(self) -> float | None:
        with self._lock:
            deadlines = [entry[2][0] for entry in self._periodic]
        return min(deadlines) if deadlines else None

    def _run_periodic(self, store: S) -> None:
        now = time.monotonic()
        with self._lock:
            due = [entry for entry in self._periodic if entry[2][0] <= now]
        for seconds, job, deadline in due:
            deadline[0] = now + seconds
            try:
                job(store)
            except Exception:
                log.exception("a periodic campaign-store job failed")

    def _run(self) -> None:
        store: S | None = None
        failure: BaseException | None = None
        try:
            store = self._open_store()
        except BaseException as error:  # told to every job: the store cannot be used
            failure = error
        while True:
            deadline = self._next_deadline()
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                item = self._jobs.get(timeout=timeout)
            except queue.Empty:
                item = None
            if item is _STOP:
                break
            if isinstance(item, tuple):
                job, future = cast("_Job", item)
                if not future.set_running_or_notify_cancel():
                    continue
                if failure is not None:
                    future.set_exception(failure)
                    continue
                try:
                    future.set_result(job(store))
                except BaseException as error:
                    future.set_exception(error)
            if store is not None and failure is None:
                self._run_periodic(store)
        # Jobs handed over after the stop (none: submit refuses them) or left behind.
        while not self._jobs.empty():
            item = self._jobs.get_nowait()
            if isinstance(item, tuple):
                item[1].set_exception(WriterClosed("the campaign store was closed"))
        if store is not None:
            try:
                self._close_store(store)
            except Exception:
                log.exception("closing the campaign store failed")
