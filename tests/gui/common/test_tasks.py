"""BackgroundTask: the one way work leaves the UI thread, and how it stops."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread

from cogtotp_gui.ui.common.tasks import BackgroundTask, SingleFlight, TaskPool

TIMEOUT_MS = 10_000


def test_success_failure_and_finally_arrive_on_the_ui_thread(qtbot):
    owner = QObject()
    seen: list[tuple[str, object, bool]] = []
    ui_thread = QThread.currentThread()

    def note(kind: str):
        return lambda value=None: seen.append((kind, value, QThread.currentThread() is ui_thread))

    BackgroundTask(lambda: 42, owner=owner).success(note("ok")).finally_(note("end")).run_in_background()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT_MS)
    assert seen == [("ok", 42, True), ("end", None, True)]

    seen.clear()
    boom = ValueError("no")

    def fail() -> None:
        raise boom

    BackgroundTask(fail, owner=owner).success(note("ok")).failure(note("failed")).finally_(
        note("end")
    ).run_in_background()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT_MS)
    assert seen == [("failed", boom, True), ("end", None, True)]


def test_an_answer_for_a_destroyed_owner_reaches_nobody(qtbot):
    release = threading.Event()
    heard: list[object] = []
    owner = QObject()
    task = BackgroundTask(lambda: release.wait(5), owner=owner).success(heard.append).run_in_background()
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.worker is not None and not _alive(owner), timeout=TIMEOUT_MS)
    release.set()
    qtbot.waitUntil(lambda: task.worker.done, timeout=TIMEOUT_MS)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents()
    assert heard == []


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True


def test_shutdown_drops_queued_tasks_and_abandons_a_running_one(qtbot):
    pool = TaskPool(max_threads=1)
    release = threading.Event()
    ran: list[str] = []
    heard: list[object] = []
    running = BackgroundTask(lambda: release.wait(5), pool=pool).success(heard.append).run_in_background()
    queued = BackgroundTask(lambda: ran.append("queued"), pool=pool).success(heard.append).run_in_background()
    qtbot.waitUntil(lambda: pool.active() == 1, timeout=TIMEOUT_MS)
    assert pool.shutdown(50) is False  # the running one outlived the wait
    assert running.abandoned and queued.abandoned
    release.set()
    qtbot.waitUntil(lambda: running.worker.done, timeout=TIMEOUT_MS)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents()
    assert heard == [] and ran == []  # the late answer reached nobody; the queued one never ran


def test_a_single_flight_runs_one_task_at_a_time_and_lets_go_of_it(qtbot):
    owner = QObject()
    flight = SingleFlight()
    release = threading.Event()
    ran: list[str] = []
    seen: list[object] = []

    def first() -> str:
        release.wait(5)
        ran.append("first")
        return "first"

    task = flight.run(BackgroundTask(first, owner=owner).success(lambda value: seen.append((value, flight.busy))))
    assert task is not None and flight.busy
    # A second click while the first is on its way: refused, never runs.
    assert flight.run(BackgroundTask(lambda: ran.append("second"), owner=owner)) is None
    release.set()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=TIMEOUT_MS)
    # Not busy any more in its own callback: a key pressed right after the answer is taken.
    assert seen == [("first", False)]
    assert flight._task is None  # let go of (its function held what was typed)
    assert ran == ["first"]
    # Done: the next one runs, a failure releases it too.
    again = flight.run(BackgroundTask(lambda: 1 / 0, owner=owner).failure(seen.append))
    assert again is not None and flight.busy
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=TIMEOUT_MS)
    assert isinstance(seen[-1], ZeroDivisionError) and not flight.busy and flight._task is None


@pytest.fixture
def blocked_gateway():
    release = threading.Event()
    entered = threading.Event()

    class Blocked:
        def __init__(self, *_args: object) -> None:
            pass

        def check_connection(self) -> dict[str, str]:
            entered.set()
            release.wait(10)
            return {"client_name": "late"}

    Blocked.entered = entered  # type: ignore[attr-defined]  # for the test to wait on
    yield Blocked, release
    release.set()


def test_window_shutdown_also_stops_the_settings_dialogs_connection_test(windows, blocked_gateway):
    """MainWindow.shutdown knew only the controller's calls; the settings
    dialog's "Test connection" ran on, unknown to it."""
    gateway, release = blocked_gateway
    driver = windows("Alpha")
    driver.window.open_settings()
    dialog = driver.window.saved_connections.dialog
    dialog._gateway_factory = gateway
    dialog.test_button.click()
    assert not dialog.test_button.isEnabled()  # the test is running
    # Running, not just queued (a queued task is dropped by shutdown and never runs).
    driver.qtbot.waitUntil(gateway.entered.is_set, timeout=5000)
    assert driver.window.shutdown(100) is False  # waited for it, then abandoned it
    status = dialog.status_label.text()
    release.set()
    from gui_driver import settle

    settle(driver.qtbot)
    assert dialog.status_label.text() == status  # its late answer changed nothing


def test_a_failure_reaches_the_ui_thread_without_the_frames_of_the_failed_call(qtbot):
    """The exception a failure callback gets may be kept (a banner keeps its
    error); the frames of the failed call, and of the error it was raised
    while handling, hold that call's locals: a password, a code, a session
    (issue 16, finding 5)."""
    import secrets

    from tests.support.reachable import reachable_holders

    fragment = secrets.token_hex(8)
    got: list[BaseException] = []

    def sign_in(pieces: list[str]) -> None:
        password = "".join(pieces)  # a local of the failed call, as in the gateway
        try:
            raise OSError(f"refused for {len(password)} characters")
        except OSError:
            raise ValueError("sign-in failed") from None

    BackgroundTask(lambda: sign_in(["Pw-", fragment, "!"])).failure(got.append).run_in_background()
    qtbot.waitUntil(lambda: bool(got), timeout=TIMEOUT_MS)
    (error,) = got
    assert isinstance(error, ValueError)
    assert error.__traceback__ is None and error.__context__.__traceback__ is None
    assert reachable_holders(error, fragment) == []


def test_progress_arrives_in_order_on_the_ui_thread_and_cancel_reaches_the_function(qtbot):
    owner = QObject()
    ui_thread = QThread.currentThread()
    progress: list[tuple[object, bool]] = []
    results: list[object] = []
    halfway = threading.Event()

    def work(context) -> str:
        for step in range(3):
            context.progress(step)
        halfway.set()
        # Wait for the cancel (the UI thread's): a bounded wait, never a fixed sleep.
        return "cancelled" if context.cancel_event.wait(TIMEOUT_MS / 1000) else "not cancelled"

    task = (
        BackgroundTask.with_context(work, owner=owner)
        .on_progress(lambda value: progress.append((value, QThread.currentThread() is ui_thread)))
        .success(results.append)
        .run_in_background()
    )
    assert task.running
    assert halfway.wait(TIMEOUT_MS / 1000)
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert results == ["cancelled"]
    assert progress == [(0, True), (1, True), (2, True)]
    assert not task.running


def test_abandoning_a_task_cancels_it_and_drops_its_progress(qtbot):
    owner = QObject()
    progress: list[object] = []
    started, cancelled = threading.Event(), threading.Event()

    def work(context) -> None:
        started.set()
        if context.cancel_event.wait(TIMEOUT_MS / 1000):
            cancelled.set()
        context.progress("late")

    task = BackgroundTask.with_context(work, owner=owner).on_progress(progress.append).run_in_background()
    assert started.wait(TIMEOUT_MS / 1000)
    task.abandon()
    assert cancelled.wait(TIMEOUT_MS / 1000)
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert progress == []
