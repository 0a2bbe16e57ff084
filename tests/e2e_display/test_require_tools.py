"""When the real-display tests may skip: never in CI on Linux, always where
there is no X server to run the app on (Windows, macOS). Runs everywhere:
it fakes the platform and what is missing, and starts no display."""

from __future__ import annotations

import pytest
from _pytest.outcomes import Failed, Skipped

from tests.e2e_display import conftest


@pytest.fixture
def nothing_installed(monkeypatch):
    monkeypatch.setattr(conftest, "missing_tools", lambda: ["Xvfb", "xdotool"])


@pytest.mark.parametrize("ci", ["true", "1"])
def test_linux_ci_without_xvfb_fails(monkeypatch, nothing_installed, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(Failed, match=r"Xvfb, xdotool.*missing in CI"):
        conftest._require_tools("linux")


def test_a_developers_linux_without_xvfb_skips(monkeypatch, nothing_installed):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(Skipped, match="apt-get install xvfb"):
        conftest._require_tools("linux")


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_ci_skip(monkeypatch, nothing_installed, platform):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(Skipped, match=f"which {platform} does not have"):
        conftest._require_tools(platform)


def test_nothing_missing_runs(monkeypatch):
    monkeypatch.setattr(conftest, "missing_tools", list)
    monkeypatch.setenv("CI", "true")
    conftest._require_tools("linux")  # neither skips nor fails
