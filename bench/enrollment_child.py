"""One full enrollment in the real main window, measuring the UI thread.

A 10 ms timer records how late each tick arrives; the longest gap during
the enrollment (first Cognito call, with boto3's import, included) is the
stall. The same timer over an idle stretch of equal length, in this same
process, is the baseline. Prints one JSON line.
"""

import json
import resource
import subprocess
import sys
import time

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from cogtotp_gui.app import create_application, create_main_window
from cogtotp_gui.emulator.totp import totp_code
from cogtotp_gui.enrollment.flow import Step
from cogtotp_gui.enrollment.settings import ConnectionSettings


class GapMeter:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.clock = QElapsedTimer()
        self.max_gap = 0.0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.max_gap = 0.0
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.max_gap

    def _tick(self) -> None:
        gap = self.clock.nsecsElapsed() / 1e6
        self.clock.restart()
        self.max_gap = max(self.max_gap, gap)


def wait(predicate, timeout_s=30.0) -> None:
    loop_deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > loop_deadline:
            raise TimeoutError("benchmark step did not finish")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def main() -> None:
    emulator = subprocess.Popen(
        [sys.executable, "-m", "bench.emulator_process"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    info = json.loads(emulator.stdout.readline())

    def sms_code(username: str) -> str:
        emulator.stdin.write(f"sms {username}\n")
        emulator.stdin.flush()
        return emulator.stdout.readline().strip()

    app = create_application(lang="en")  # noqa: F841  # kept alive: the QApplication must outlive the window
    settings = ConnectionSettings.create(
        user_pool_id=info["pool_id"],
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        endpoint_url=info["endpoint_url"],
        mode="user",
        issuer="Bench",
    )
    meter = GapMeter()
    window = create_main_window(settings)
    painted = []
    window.first_painted.connect(lambda: painted.append(True))
    window.show()
    wait(lambda: painted)
    # From the first paint on: the client is built on a worker now, and the
    # first Cognito call follows; both belong to the measured stretch.
    meter.start()
    controller = window.controller
    user = info["users"]["sms"]

    started = time.monotonic()
    wait(lambda: controller.is_ready)
    controller.sign_in(user["username"], user["password"])
    wait(lambda: not controller.busy and controller.flow.step is Step.SMS_CODE)
    controller.submit_sms_code(sms_code(user["username"]))
    wait(lambda: not controller.busy and controller.flow.step is Step.SECRET)
    spin(0.2)  # let the QR page paint
    controller.verify(totp_code(controller.flow.secret.secret, time.time()), "bench")
    wait(lambda: not controller.busy and controller.flow.step is Step.DONE)
    spin(0.2)
    duration = time.monotonic() - started
    stall = meter.stop()

    meter.start()
    spin(duration)
    idle = meter.stop()

    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.shutdown(1500)
    window.close()
    emulator.stdin.close()
    emulator.wait(timeout=10)
    print(json.dumps({"stall_ms": stall, "idle_gap_ms": idle, "enrollment_s": duration, "peak_rss_mib": peak_rss_mib}))


if __name__ == "__main__":
    main()
