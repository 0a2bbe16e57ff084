"""Suite-wide guards."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never write audit records into the real user's data folder from a test.
if "COGTOTP_AUDIT_DIR" not in os.environ:
    import tempfile

    os.environ["COGTOTP_AUDIT_DIR"] = tempfile.mkdtemp(prefix="cogtotp-audit-")
# Nor the campaign database (inventory, sessions) into the real data folder.
if "COGTOTP_DATA_DIR" not in os.environ:
    import tempfile

    os.environ["COGTOTP_DATA_DIR"] = tempfile.mkdtemp(prefix="cogtotp-data-")
# Nor read or write the real user's saved connections and preferences (the
# main window opens them after its first paint), nor IT's managed INI files.
if not os.environ.get("COGTOTP_TEST_CONFIG_ISOLATED"):
    import tempfile

    _config = tempfile.mkdtemp(prefix="cogtotp-config-")
    os.environ["XDG_CONFIG_HOME"] = _config
    os.environ["XDG_CONFIG_DIRS"] = _config
    os.environ["COGTOTP_TEST_CONFIG_ISOLATED"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.leak_guard import LeakGuard

# The emulator's and training mode's fixtures (emulator_server, emulator,
# training_environment, training), for every test that names them. They live
# here, not in the package: an installation has no pytest (--self-check
# imports every module of the package).
pytest_plugins = ("tests.support.emulator_fixtures", "tests.support.training_fixtures")


@pytest.fixture(autouse=True)
def no_secret_in_logs_or_errors(request, monkeypatch):
    """Every test that uses the emulator runs at DEBUG and must leak nothing."""
    if "emulator" not in request.fixturenames:
        yield
        return
    handle = request.getfixturevalue("emulator")
    guard = LeakGuard(monkeypatch)
    guard.start()
    try:
        yield
    finally:
        guard.stop()
    guard.learn_from_emulator(handle)
    leaks = guard.leaks()
    assert not leaks, "\n".join(leaks)
