"""The suite-wide leak guard must itself catch a leak, and botocore's DEBUG
request bodies must be dropped even when someone turns botocore to DEBUG."""

import logging
import subprocess
import sys

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings
from tests.support.leak_guard import LeakGuard

SECRET = "Sup3r Secret/Passw0rd!"


def test_guard_finds_a_logged_secret_in_plain_and_encoded_form(monkeypatch):
    guard = LeakGuard(monkeypatch)
    guard.start()
    try:
        logging.getLogger("cogtotp_gui.anything").debug("body PASSWORD=%s", "Sup3r%20Secret%2FPassw0rd%21")
    finally:
        guard.stop()
    guard.secrets.add(SECRET)
    assert guard.leaks()


def test_guard_finds_a_secret_in_an_error_text(monkeypatch):
    guard = LeakGuard(monkeypatch)
    guard.start()
    try:
        EnrollmentError(ErrorKind.UNEXPECTED, "error.unexpected", f"echoed {SECRET}")
    finally:
        guard.stop()
    guard.secrets.add(SECRET)
    assert guard.leaks()


def test_botocore_debug_bodies_are_dropped_even_at_debug_level(monkeypatch):
    settings = ConnectionSettings.create(
        user_pool_id="eu-west-1_Abc123", client_id="abc123", endpoint_url="http://127.0.0.1:9"
    )
    CognitoGateway(settings).warm_up()  # imports botocore, attaches the filter
    guard = LeakGuard(monkeypatch)
    guard.start()
    try:
        logging.getLogger("botocore.endpoint").setLevel(logging.DEBUG)
        logging.getLogger("botocore.endpoint").debug("Making request with params: %s", {"PASSWORD": SECRET})
        logging.getLogger("botocore.parsers").debug("Response body: %s", SECRET)
        logging.getLogger("botocore.endpoint").warning("a real warning still passes")
    finally:
        guard.stop()
    guard.secrets.add(SECRET)
    assert guard.leaks() == []
    assert any("real warning" in text for text in guard.handler.texts)


def test_building_a_client_alone_silences_botocore_in_a_fresh_process():
    code = """
import io, logging
logging.basicConfig(level=logging.DEBUG, stream=io.StringIO())
stream = io.StringIO()
logging.getLogger().addHandler(logging.StreamHandler(stream))
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings
s = ConnectionSettings.create(user_pool_id="eu-west-1_Abc123", client_id="abc123", endpoint_url="http://127.0.0.1:9")
CognitoGateway(s).warm_up()
logging.getLogger("botocore.endpoint").setLevel(logging.DEBUG)
logging.getLogger("botocore.endpoint").debug("params PASSWORD=hunter2-secret")
print("LEAK" if "hunter2-secret" in stream.getvalue() else "CLEAN")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "CLEAN", out.stdout + out.stderr
