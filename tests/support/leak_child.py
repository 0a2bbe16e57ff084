"""Whole enrollments in a fresh process, for tests/gui/shell/test_leaks.py.

Run as ``python -c "from tests.support.leak_child import main; main()"``
with the repository as the working directory. The parent runs the strict
emulator; this process is the app, offscreen, with Python logging at DEBUG
to stderr, exactly as an operator's misconfigured workstation might run
it. Everything this process writes (stdout, stderr, the audit file, the
QSettings file) is searched by the parent afterwards.

Nothing secret travels on the command line or through stdout:

* the first stdin line is the configuration (endpoint, pool, users with
  their passwords); the client secret comes in ``COGTOTP_CLIENT_SECRET``;
* when a code is needed the child prints ``ASK <what> <username>`` and
  the parent - the user's phone - answers on stdin;
* the spy gateway appends every session, token and code it sees to the
  file named by ``COGTOTP_TEST_SECRETS_FILE`` (see ``spy_gateway``).

Each user takes the detours that produce the most secrets: a wrong
password, a wrong SMS code, a session that expires (and a new code), a
wrong authenticator code; then the right ones, with a device name.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

LOGGERS = ("botocore", "boto3", "urllib3", "cogtotp_gui")


def ask(what: str, *args: str) -> str:
    print("ASK", what, *args, flush=True)
    reply = sys.stdin.readline()
    if not reply:
        raise SystemExit("the parent went away")
    return reply.rstrip("\n")


def wait(condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(10)  # runs the event loop meanwhile


class Child:
    def __init__(self, window: Any) -> None:
        from PySide6.QtWidgets import QWizard

        self.window = window
        self.wizard = window.wizard
        self.controller = window.controller
        self.next_button = self.wizard.button(QWizard.WizardButton.NextButton)

    def page_is(self, page_id: int) -> bool:
        return self.wizard.currentId() == int(page_id)

    def wait_page(self, page_id: int) -> None:
        wait(lambda: self.page_is(page_id), f"page {int(page_id)}")

    def submit(self) -> None:
        """Next, then wait for the answer (pages that call Cognito stay busy until then)."""
        self.next_button.click()
        wait(lambda: not self.controller.busy, "the call to finish")

    def banner_shows(self, page: Any) -> None:
        wait(lambda: page.banner.isVisible() and page.banner.text, "a message")

    def type_into(self, widget: Any, text: str) -> None:
        from PySide6.QtTest import QTest

        widget.clear()
        QTest.keyClicks(widget, text)

    def enroll(self, username: str, password: str) -> None:
        from cogtotp_gui.ui.wizard.pages import PageId

        wait(lambda: self.controller.is_ready, "the client")
        self.wait_page(PageId.CREDENTIALS)
        credentials = self.wizard.credentials_page
        self.type_into(credentials.username, username)
        self.type_into(credentials.password, password + "x")  # a typo first
        self.submit()
        self.banner_shows(credentials)
        self.type_into(credentials.password, password)
        self.submit()
        self.wait_page(PageId.SMS_CODE)

        sms = self.wizard.sms_code_page
        self.type_into(sms.code, ask("wrongsms", username))
        self.submit()
        self.banner_shows(sms)
        ask("advance", "200")  # the code below has expired by the time it is typed
        self.type_into(sms.code, ask("sms", username))
        self.submit()
        self.banner_shows(sms)
        sms.banner.action_button.click()  # "Send a new code"
        wait(lambda: not self.controller.busy, "the new code")
        self.type_into(sms.code, ask("sms", username))
        self.submit()
        self.wait_page(PageId.SECRET)

        self.next_button.click()
        self.wait_page(PageId.CONFIRM)
        confirm = self.wizard.confirm_page
        self.type_into(confirm.device_name, "Work phone")
        self.type_into(confirm.code, ask("wrongtotp", username))
        self.submit()
        self.banner_shows(confirm)
        self.type_into(confirm.code, ask("totp", username))
        self.submit()
        self.wait_page(PageId.DONE)
        self.next_button.click()  # next user: everything of this one is wiped
        self.wait_page(PageId.CREDENTIALS)


def main() -> int:
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    config = json.loads(sys.stdin.readline())

    from cogtotp_gui.app import create_application, create_main_window
    from cogtotp_gui.connections.model import Profile
    from cogtotp_gui.connections.store import ProfileStore
    from tests.support.spy_gateway import SpyGateway

    app = create_application(["cogtotp-gui"])
    store = ProfileStore()
    for mode, user in (("user", config["users"]["sms"]), ("admin", config["users"]["sms2"])):
        # As the settings dialog saves a connection, and --profile loads it.
        profile = Profile.create(
            name=f"Training {mode}",
            user_pool_id=config["pool_id"],
            client_id=config["client_id"],
            endpoint_url=config["endpoint_url"],
            mode=mode,
            issuer="ACME Helpdesk",
        )
        store.save(profile, client_secret=os.environ["COGTOTP_CLIENT_SECRET"])
        store.set_last_profile(profile.name)
        settings = store.load_profile(profile.name)
        window = create_main_window(settings, gateway_factory=SpyGateway.factory())
        window.show()
        window.activateWindow()
        Child(window).enroll(user["username"], user["password"])
        window.close()
        wait(lambda: not window.isVisible(), "the window to close")  # noqa: B023  # waited on within this iteration
        if not window.shutdown_clean:
            raise SystemExit("a call was still running at close")
    app.processEvents()
    print("BYE", flush=True)
    return 0
