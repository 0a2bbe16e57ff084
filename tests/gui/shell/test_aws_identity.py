"""Admin mode: whose AWS credentials are used, shown in the status bar."""

from __future__ import annotations

from typing import Any

from gui_driver import TIMEOUT_MS, WizardDriver, fast_gateway, show_active

from cogtotp_gui.app import create_main_window
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings


def test_admin_mode_shows_the_caller_identity_in_the_status_bar(wizard_app):
    driver = wizard_app.factory(mode="admin")
    label = driver.window.identity_label
    driver.qtbot.waitUntil(lambda: driver.window.operations.identity is not None, timeout=TIMEOUT_MS)
    assert label.isVisible() and label.full_text.startswith("AWS: ") and "arn:aws:" in label.toolTip()
    assert driver.window.operations.identity["account"] in label.toolTip()


class _BrokenSts:
    """An HTTP server on loopback answering every request the way moto's
    server did in the bundle that lacked ``moto.sts.urls``: HTTP 500 with
    an HTML page, which botocore cannot parse (ResponseParserError)."""

    def __init__(self) -> None:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = b"<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"
                self.send_response(500)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.endpoint_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def test_an_sts_failure_is_status_bar_information_not_a_bug_banner(qtbot, emulator):
    """Issue 15: the bundle's emulator could not answer STS, and the first
    page said "Something unexpected went wrong". Whose credentials is the
    status bar's business; the enrollment still works."""
    import boto3

    from cogtotp_gui.enrollment.gateway import CognitoGateway

    broken = _BrokenSts()

    def sts_client() -> Any:
        return boto3.session.Session(
            aws_access_key_id="test", aws_secret_access_key="test", region_name="eu-west-1"
        ).client("sts", endpoint_url=broken.endpoint_url)

    def gateway(settings: ConnectionSettings, aws_profile: str | None) -> CognitoGateway:
        return CognitoGateway(settings, aws_profile, max_attempts=1, read_timeout=3, sts_client_factory=sts_client)

    from gui_driver import make_driver

    driver = make_driver(qtbot, emulator, mode="admin", gateway_factory=gateway)
    try:
        label = driver.window.identity_label
        driver.qtbot.waitUntil(lambda: driver.window.operations._identity_error is not None, timeout=TIMEOUT_MS)
        assert label.isVisible()
        assert driver.page().banner.text == ""  # no "Something unexpected went wrong…"
        assert driver.window.controller.is_ready
        driver.sign_in("sms")  # the enrollment itself goes on
        assert driver.page().banner.text == ""
    finally:
        driver.close()
        broken.close()


def test_user_mode_shows_no_identity(wizard_app):
    assert not wizard_app.window.identity_label.isVisible()
    assert wizard_app.window.operations.identity is None


def test_expired_sso_session_says_which_command_renews_it(wizard_app, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.write_text(
        "[profile helpdesk-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"
        "sso_account_id = 123456789012\nsso_role_name = Helpdesk\nregion = eu-west-1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("HOME", str(tmp_path))  # no cached SSO token
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    seed = wizard_app.emulator.seed
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode="admin",
        endpoint_url=wizard_app.emulator.endpoint_url,
    )
    window = create_main_window(settings, aws_profile="helpdesk-sso", gateway_factory=fast_gateway)
    show_active(wizard_app.qtbot, window)
    driver = WizardDriver(wizard_app.qtbot, wizard_app.emulator, window, settings)
    try:
        label = window.identity_label
        driver.qtbot.waitUntil(lambda: "not usable" in label.full_text, timeout=TIMEOUT_MS)
        assert "aws sso login --profile helpdesk-sso" in label.toolTip()
        # The page says it too, with the way to the connection settings; no traceback anywhere.
        if not driver.page().banner.text:
            driver.sign_in("sms")
        text = driver.wait_banner()
        assert "aws sso login --profile helpdesk-sso" in text and "Traceback" not in text
    finally:
        driver.close()


def test_next_user_during_the_identity_check_does_not_leave_it_checking(wizard_app):
    """Whose AWS credentials belongs to the connection, not to the user: an
    answer that arrives after "Next user" still reaches the status bar,
    which stayed at "Checking the AWS credentials…" (issue 16, finding 11)."""
    import threading

    from gui_driver import make_driver

    release = threading.Event()

    class SlowIdentity(CognitoGateway):
        def caller_identity(self) -> dict[str, str]:
            release.wait(TIMEOUT_MS / 1000)
            return super().caller_identity()

    def factory(settings: ConnectionSettings, aws_profile: str | None) -> CognitoGateway:
        return SlowIdentity(settings, aws_profile=aws_profile, connect_timeout=1, read_timeout=3)

    driver = make_driver(wizard_app.qtbot, wizard_app.emulator, mode="admin", gateway_factory=factory)
    label = driver.window.identity_label
    try:
        driver.qtbot.waitUntil(lambda: "Checking" in label.full_text, timeout=TIMEOUT_MS)
        driver.wizard.start_next_user()
        release.set()
        driver.qtbot.waitUntil(lambda: driver.window.operations.identity is not None, timeout=TIMEOUT_MS)
        assert label.full_text.startswith("AWS: ")
    finally:
        release.set()
        driver.close()
