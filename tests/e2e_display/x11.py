"""A private X server and the few things a person does at it: look, type.

Everything here goes through the X server, never through Qt: the screen is
read with Pillow's XCB grabber, keys are sent with ``xdotool`` (XTEST, the
same path as a physical keyboard), and there is no window manager.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from PIL import Image, ImageGrab, features

T = TypeVar("T")

SCREEN = "1280x900x24"
TOOLS = ("Xvfb", "xdotool")


def missing_tools() -> list[str]:
    """What this machine lacks to run the display tests."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not features.check("xcb"):
        missing.append("Pillow built with XCB (screen grabs)")
    return missing


def stop_process(process: subprocess.Popen) -> None:
    """Terminate ``process``, and kill it if it is still there after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Deadline:
    """One time budget shared by every wait of a test."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def poll(self, probe: Callable[[], T | None], *, on_each: Callable[[], None] | None = None) -> T | None:
        """``probe()`` until it returns something truthy or time runs out.

        ``on_each`` runs before every probe and may raise (an app that died
        must not be waited for).
        """
        while True:
            if on_each is not None:
                on_each()
            found = probe()
            if found:
                return found
            if self.left() <= 0:
                return None
            time.sleep(0.05)  # an external process: nothing to wait on but its effects


class XServer:
    """Xvfb on a display number it chose itself (``-displayfd``): no race
    with another X server, and it reports the number only once it accepts
    connections, so nothing has to sleep until it is up."""

    def __init__(self, log_path: Path) -> None:
        self._log: IO[bytes] = open(log_path, "wb")  # noqa: SIM115  # held for the life of Xvfb
        self.log_path = log_path
        read_fd, write_fd = os.pipe()
        try:
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
            )
        except BaseException:
            os.close(read_fd)
            self._log.close()
            raise
        finally:
            os.close(write_fd)
        try:
            number = self._read_display_number(read_fd, timeout=20)
        except BaseException:
            self.stop()
            raise
        finally:
            os.close(read_fd)
        self.display = f":{number}"

    def _read_display_number(self, fd: int, timeout: float) -> int:
        data = b""
        end = time.monotonic() + timeout
        while not data.endswith(b"\n"):
            left = end - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise RuntimeError(f"Xvfb did not report a display within {timeout:.0f} s ({self.log_path})")
            chunk = os.read(fd, 64)
            if not chunk:
                raise RuntimeError(f"Xvfb exited with {self.process.wait()} before it was ready ({self.log_path})")
            data += chunk
        return int(data.strip())

    def stop(self) -> None:
        stop_process(self.process)
        self._log.close()


class Screen:
    """Looking at and typing into one X display."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.env = {**os.environ, "DISPLAY": display}

    # -- xdotool --------------------------------------------------------------

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30, check=False)
        if done.returncode != 0 and args[0] != "search":  # search answers 1 for "nothing yet"
            raise RuntimeError(f"xdotool {args[0]} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def find_window(self, pid: int, title: str) -> str | None:
        """The mapped top-level window of process ``pid`` with this exact title."""
        found = self.xdotool("search", "--all", "--onlyvisible", "--pid", str(pid), "--name", f"^{title}$").split()
        return found[0] if found else None

    def focus(self, window: str) -> None:
        """Give ``window`` the keyboard. No window manager runs under bare
        Xvfb, so nothing would do it (``windowactivate`` needs one)."""
        self.xdotool("windowfocus", "--sync", window)

    def has_focus(self, window: str) -> bool:
        return self.xdotool("getwindowfocus").strip() == window

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", "--", text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "15", "--", *keys)

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        values = dict(
            line.split("=", 1) for line in self.xdotool("getwindowgeometry", "--shell", window).split() if "=" in line
        )
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    # -- pixels ---------------------------------------------------------------

    def grab(self) -> Image.Image:
        return ImageGrab.grab(xdisplay=self.display)

    def grab_window(self, window: str) -> Image.Image:
        x, y, width, height = self.geometry(window)
        return self.grab().crop((x, y, x + width, y + height))


def wizard_header(window_image: Image.Image) -> bytes | None:
    """The pixels of the wizard's header (page title and subtitle), or None.

    The header is the white band across the top of the page, below the menu
    bar; it changes when, and only when, the page changes (no cursor blinks
    in it, no countdown ticks), so it tells the pages apart without OCR.
    """
    width, height = window_image.size
    if width < 20 or height < 40:
        return None
    rgb = window_image.convert("RGB")
    run_start = None
    for y in range(height + 1):
        white = y < height and min(rgb.getpixel((5, y))) >= 245  # type: ignore[arg-type]  # an RGB image: getpixel gives a tuple
        if white and run_start is None:
            run_start = y
        elif not white and run_start is not None:
            if y - run_start >= 16:
                return window_image.crop((0, run_start, width, y)).tobytes()
            run_start = None
    return None
