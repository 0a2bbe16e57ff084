"""Screenshots of an onboarding session: the queue beside the wizard, and the report.

    DISPLAY=:NN python tools/session_screenshots.py --lang en|ja

Writes docs/screenshots/sessions/<lang>-queue.png and <lang>-report.png (the
report's PDF page, rendered with pdftoppm). The states are set on the queue
directly: no Cognito call is made.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots" / "sessions"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="cogtotp-shots-")
    os.environ["COGTOTP_DATA_DIR"] = data
    os.environ["XDG_CONFIG_HOME"] = data
    from PySide6.QtCore import QTimer

    from cogtotp_gui.app import create_application, create_main_window
    from cogtotp_gui.campaign.queue import UserState
    from cogtotp_gui.enrollment.settings import ConnectionSettings

    app = create_application(lang=args.lang)
    settings = ConnectionSettings.create(
        user_pool_id="eu-west-1_AbCdEf123", client_id="1abc2def3ghi4jkl5mno6pqr7s", name="Staging"
    )
    window = create_main_window(settings, gateway_factory=lambda *_: None)
    window.resize(1120, 640)
    window.show()
    names = ["alice.sms", "bob.sms", "carol.newpass", "dave.totp", "erin.nomfa", "frank.nosignal", "grace.both"]
    clock = [1_790_000_000.0]

    def shoot() -> None:
        window.start_session(names, "roster.csv")
        while window.sessions.runner is None:  # the session's store opens on a worker
            app.processEvents()
        queue = window.sessions.runner.queue
        queue._clock = lambda: clock[0]  # type: ignore[attr-defined]  # a fixed clock, so the durations shown are the same each run
        queue.release(names[0])
        for name, state, reason, seconds in (
            ("alice.sms", UserState.VERIFIED, "", 184),
            ("bob.sms", UserState.ENROLLED, "", 142),
            ("carol.newpass", UserState.SKIPPED, "not in today", 0),
            ("dave.totp", UserState.ALREADY_TOTP, "", 35),
            ("erin.nomfa", UserState.FAILED, "rehearsal_sms", 201),
        ):
            if state is UserState.SKIPPED:
                queue.skip(name, reason)
                continue
            queue.begin(name)
            clock[0] += seconds
            if state in (UserState.VERIFIED, UserState.FAILED):
                # Both got as far as enrolment; the rehearsal then passed or failed.
                queue.finish(name, UserState.ENROLLED)
            queue.finish(name, state, reason)
            clock[0] += 20
        window.sessions.runner._load_next()
        QTimer.singleShot(600, grab)

    def grab() -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT / f"{args.lang}-queue.png"))
        from cogtotp_gui.ui.campaign.report_pdf import write_pdf

        pdf = Path(data) / "report.pdf"
        write_pdf(window.sessions.runner.report(), pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf), str(OUT / f"{args.lang}-report")], check=True
        )
        window.shutdown()
        app.quit()

    QTimer.singleShot(800, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
