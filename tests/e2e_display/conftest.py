"""Fixtures for the real-display tests: the strict emulator, a private Xvfb.

Xvfb and xdotool are system packages (``.ci/run`` installs them when it runs
as root with apt). Without them a developer's run skips these tests; in CI
(``CI=true``) on Linux it fails instead, because a skipped end-to-end test
proves nothing there. Windows and macOS have no X server to run the app on
(their CI job, .github/workflows/bundle.yml, runs the offscreen tests), so
there the tests skip, CI or not.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .x11 import Screen, XServer, missing_tools


def _require_tools(platform: str = sys.platform) -> None:
    missing = missing_tools()
    if not missing:
        return
    if not platform.startswith("linux"):
        pytest.skip(f"real-display tests run the app on Xvfb, which {platform} does not have")
    message = f"real-display test needs {', '.join(missing)} (apt-get install xvfb xdotool; see .ci/run)"
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(message + " - missing in CI, where this test must run")
    pytest.skip(message)


@pytest.fixture
def x_screen(tmp_path: Path) -> Iterator[Screen]:
    """A fresh Xvfb (1280x900, 24 bit, no TCP, no window manager), stopped afterwards."""
    _require_tools()
    server = XServer(tmp_path / "xvfb.log")
    try:
        yield Screen(server.display)
    finally:
        server.stop()
