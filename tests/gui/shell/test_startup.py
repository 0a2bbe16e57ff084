"""Start-up: the command line answers without Qt, the first page paints
before boto3 is imported, and the window is not blocked meanwhile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cogtotp_gui import __version__
from cogtotp_gui.app import connection_from_args, main, parse_args
from cogtotp_gui.enrollment.settings import SignInMode
from cogtotp_gui.names import ENV_CLIENT_SECRET
from cogtotp_gui.ui.wizard.navmap import NAVIGATION

ROOT = Path(__file__).resolve().parents[3]


def run_python(
    code: str, *args: str, env: dict[str, str] | None = None, timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_first_page_paints_before_boto3_is_imported():
    done = run_python(
        """
        import json, sys, time
        started = time.perf_counter()
        from PySide6.QtCore import QTimer
        from cogtotp_gui.app import create_application, create_main_window
        from cogtotp_gui.enrollment.settings import ConnectionSettings

        app = create_application()
        settings = ConnectionSettings.create(
            user_pool_id="eu-west-1_Example1", client_id="example1", endpoint_url="http://127.0.0.1:9"
        )
        window = create_main_window(settings)
        facts = {"boto3_before_show": "boto3" in sys.modules}

        def painted():
            facts["boto3_at_first_paint"] = "boto3" in sys.modules
            # The endpoint URL's host check reads plain URLs without it (enrollment/settings.py).
            facts["urllib3_at_first_paint"] = "urllib3" in sys.modules
            facts["first_paint_ms"] = (time.perf_counter() - started) * 1000

        def ready():
            facts["boto3_when_ready"] = "boto3" in sys.modules
            app.quit()

        window.first_painted.connect(painted)
        window.controller.connection_ready.connect(ready)
        window.show()
        QTimer.singleShot(20000, app.quit)
        app.exec()
        facts["clean"] = window.shutdown()
        print(json.dumps(facts))
        """
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts == {
        **facts,
        "boto3_before_show": False,
        "boto3_at_first_paint": False,
        "urllib3_at_first_paint": False,
        "boto3_when_ready": True,
        "clean": True,
    }


def test_first_paint_builds_only_the_first_page_and_no_qt_namespace_enums():
    """The start-up budget (bench/run.py): the first paint comes before the
    other pages are built, before PySide builds the 93 enum classes of the
    Qt namespace (~20 ms, on the first use of ``PySide6.QtCore.Qt``; see
    ``widgets.set_enum_property``) or QFont's, and before the controller
    loads the flow, gateway, audit and input checks. Afterwards every page
    and the flow exist."""
    done = run_python(
        """
        import json, sys
        from PySide6 import QtCore, QtGui
        from cogtotp_gui.app import create_application, create_main_window
        from cogtotp_gui.enrollment.settings import ConnectionSettings

        app = create_application(lang="en")
        settings = ConnectionSettings.create(
            user_pool_id="eu-west-1_Example1", client_id="example1", endpoint_url="http://127.0.0.1:9"
        )
        window = create_main_window(settings)
        wizard = window.wizard
        facts = {}

        core = ["cogtotp_gui.enrollment.flow", "cogtotp_gui.enrollment.gateway", "cogtotp_gui.enrollment.audit",
                "cogtotp_gui.enrollment.inputs", "cogtotp_gui.enrollment.otpauth"]

        def painted():
            facts["qt_namespace_built"] = "Qt" in vars(QtCore)
            facts["qfont_built"] = "QFont" in vars(QtGui)
            facts["pages_built"] = len(wizard._pages)
            facts["page_modules"] = sorted(m for m in sys.modules if m.startswith("cogtotp_gui.ui.wizard.pages."))
            facts["core_at_first_paint"] = [m for m in core if m in sys.modules]
            QtCore.QTimer.singleShot(500, later)

        def later():
            facts["flow_later"] = window.controller.flow is not None
            facts["core_later"] = [m for m in core if m in sys.modules]
            facts["window_icon_sizes"] = sorted(s.width() for s in window.windowIcon().availableSizes())
            app.quit()

        window.first_painted.connect(painted)
        window.show()
        QtCore.QTimer.singleShot(20000, app.quit)
        app.exec()
        facts["pages_later"] = len(wizard._pages)
        facts["current"] = wizard.currentPage().objectName()
        window.shutdown()
        print(json.dumps(facts))
        """
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    core = [
        "cogtotp_gui.enrollment.flow",
        "cogtotp_gui.enrollment.gateway",
        "cogtotp_gui.enrollment.audit",
        "cogtotp_gui.enrollment.inputs",
        "cogtotp_gui.enrollment.otpauth",
    ]
    assert facts == {
        "qt_namespace_built": False,
        "qfont_built": False,
        "pages_built": 1,
        "page_modules": ["cogtotp_gui.ui.wizard.pages.base", "cogtotp_gui.ui.wizard.pages.credentials"],
        "core_at_first_paint": [],
        "pages_later": len(NAVIGATION),  # every page, once the window has painted
        "current": "credentialsPage",
        "flow_later": True,
        # The audit module comes with the first attempt (its folder lookup).
        "core_later": [m for m in core if not m.endswith(".audit")],
        "window_icon_sizes": [256],  # the app's icon, set once the page has painted
    }


def test_a_normal_start_paints_before_any_session_module_and_offers_the_unfinished_session_after(tmp_path):
    """Sessions (``cogtotp_gui.campaign``, ``cogtotp_gui.ui.campaign``, SQLite),
    the saved connections' model and urllib3 cost the first paint nothing on a
    normal start: they are imported once the page has painted, and then the
    unfinished session is offered."""
    from cogtotp_gui.campaign.queue import SessionQueue
    from cogtotp_gui.campaign.sessions import SessionStore

    data_dir = tmp_path / "data"
    store = SessionStore.open(data_dir / "campaign.sqlite3")
    try:
        session_id = store.create(SessionQueue(["alice", "bob"]), operator="helpdesk", connection="ACME")
    finally:
        store.close()
    done = run_python(
        """
        import json, sys
        from PySide6.QtCore import QTimer
        import cogtotp_gui.app as app_module

        def session_modules():
            return sorted(
                m for m in sys.modules
                if m.split(".")[:2] == ["cogtotp_gui", "campaign"]
                or m.split(".")[:3] == ["cogtotp_gui", "ui", "campaign"]
                or m in ("sqlite3", "_sqlite3")
                # The commands' modules (and their parsers) only for a command (cli.COMMANDS).
                or m.startswith(("cogtotp_gui.cli.", "cogtotp_gui.diagnostics"))
                # Neither the saved connections' model nor urllib3 (the endpoint URL's
                # host check reads a plain URL without it) before the first paint.
                or m in ("cogtotp_gui.connections.model", "cogtotp_gui.connections.store", "urllib3")
            )

        facts = {"before_main": session_modules()}
        real_run = app_module.run

        def run(app, window):
            from PySide6.QtWidgets import QMessageBox

            def look_for_the_offer():
                boxes = [b for b in window.findChildren(QMessageBox, "resumeSessionBox") if b.isVisible()]
                if not boxes:
                    QTimer.singleShot(10, look_for_the_offer)
                    return
                facts["offer"] = boxes[0].text()
                facts["later"] = session_modules()
                app.quit()

            def painted():
                facts["at_first_paint"] = session_modules()
                facts["offered_at_first_paint"] = bool(window.findChildren(QMessageBox, "resumeSessionBox"))
                look_for_the_offer()

            window.first_painted.connect(painted)
            QTimer.singleShot(20000, app.quit)
            return real_run(app, window)

        app_module.run = run
        facts["code"] = app_module.main(
            ["--user-pool-id", "eu-west-1_Abc123", "--client-id", "client1", "--endpoint-url", "http://127.0.0.1:9"]
        )
        print(json.dumps(facts))
        """,
        env={
            "COGTOTP_DATA_DIR": str(data_dir),
            "XDG_CONFIG_HOME": str(tmp_path),
            "HOME": str(tmp_path),
            "COGTOTP_PROFILES_INI": str(tmp_path / "none.ini"),
        },
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["code"] == 0
    assert facts["before_main"] == []
    assert facts["at_first_paint"] == []
    assert facts["offered_at_first_paint"] is False
    assert f"Session {session_id} " in facts["offer"] and "2 of 2 users" in facts["offer"]
    # The check sees them: the offer brought them in.
    assert {"cogtotp_gui.ui.campaign.session_control", "cogtotp_gui.campaign.sessions", "sqlite3"} <= set(
        facts["later"]
    )


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_need_no_qapplication(option):
    done = run_python(
        """
        import sys
        from cogtotp_gui.app import main
        try:
            main(sys.argv[1:])
        except SystemExit as exit:
            print("exit", exit.code)
        print("qt", "PySide6.QtWidgets" in sys.modules, "boto3" in sys.modules)
        print("commands", [m for m in sys.modules if m.startswith("cogtotp_gui.cli.")])
        """,
        option,
    )
    assert done.returncode == 0, done.stderr
    assert "exit 0" in done.stdout
    assert "qt False False" in done.stdout
    assert "commands []" in done.stdout  # the table's rows, not the commands' modules
    if option == "--version":
        assert __version__ in done.stdout
    else:
        for flag in (
            "--user-pool-id",
            "--client-id",
            "--region",
            "--endpoint-url",
            "--mode",
            "--issuer",
            "--profile",
            "--aws-profile",
            "--lang",
            "--demo",
        ):
            assert flag in done.stdout
        assert ENV_CLIENT_SECRET in done.stdout
        from cogtotp_gui.cli import COMMANDS

        for command in COMMANDS:  # the help names every command (wrapped: a line may break inside)
            assert f"{command} --help" in " ".join(done.stdout.split())


def test_module_entry_point_prints_version():
    done = subprocess.run(
        [sys.executable, "-m", "cogtotp_gui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0 and __version__ in done.stdout


def test_client_secret_is_refused_on_the_command_line(capsys):
    with pytest.raises(SystemExit) as exit:
        parse_args(["--client-secret", "abc"])
    assert exit.value.code == 2
    assert ENV_CLIENT_SECRET in capsys.readouterr().err


def test_connection_from_command_line_and_environment():
    args = parse_args(
        ["--user-pool-id", "eu-west-1_Abc123", "--client-id", "client1", "--mode", "admin", "--issuer", "ACME IT"]
    )
    settings, _values = connection_from_args(args, {ENV_CLIENT_SECRET: "c2VjcmV0"})
    assert settings is not None
    assert settings.mode is SignInMode.ADMIN and settings.issuer == "ACME IT"
    assert settings.client_secret == "c2VjcmV0" and settings.effective_region == "eu-west-1"


def test_incomplete_or_invalid_connection_goes_to_the_connection_page():
    settings, values = connection_from_args(parse_args(["--user-pool-id", "eu-west-1_Abc123"]), {})
    assert settings is None and values["user_pool_id"] == "eu-west-1_Abc123"
    settings, values = connection_from_args(parse_args(["--user-pool-id", "nonsense", "--client-id", "c1"]), {})
    assert settings is None and values["user_pool_id"] == "nonsense"


def test_command_line_prefills_the_connection_page_with_field_errors(qtbot):
    from cogtotp_gui.app import create_main_window
    from cogtotp_gui.ui.wizard.pages import PageId

    settings, values = connection_from_args(
        parse_args(["--user-pool-id", "nonsense", "--client-id", "c1", "--endpoint-url", "ftp://x"]), {}
    )
    window = create_main_window(settings, prefill=values)
    qtbot.addWidget(window)
    page = window.wizard.connection_page
    assert window.wizard.currentId() == PageId.CONNECTION
    assert page.user_pool_id.text() == "nonsense"
    assert "eu-west-1_AbCdEf123" in page.error_labels["user_pool_id"].text()
    assert page.error_labels["endpoint_url"].text()
    assert not page.error_labels["client_id"].text()
    # Fixing a field as you type clears its message.
    page.user_pool_id.setFocus()
    page.user_pool_id.selectAll()
    from PySide6.QtTest import QTest

    QTest.keyClicks(page.user_pool_id, "eu-west-1_Abc123")
    assert not page.error_labels["user_pool_id"].text()
    window.shutdown()


def test_unknown_saved_profile_exits_with_a_clear_message(tmp_path):
    done = run_python(
        """
        import sys
        from cogtotp_gui.app import main
        sys.exit(main(sys.argv[1:]))
        """,
        "--profile",
        "no-such-profile",
        env={
            "XDG_CONFIG_HOME": str(tmp_path),
            "HOME": str(tmp_path),
            "COGTOTP_PROFILES_INI": str(tmp_path / "none.ini"),
        },
    )
    assert done.returncode == 2
    assert "unknown profile" in done.stderr and "no-such-profile" in done.stderr


def test_main_runs_and_quits(qtbot, monkeypatch):
    """main() with a complete connection shows the sign-in page; quitting with
    nothing in progress exits 0."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui.ui.shell.main_window import MainWindow

    seen: list[MainWindow] = []

    def close_soon() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_soon)
            return
        seen.extend(windows)
        qtbot.addWidget(windows[0])  # destroyed at teardown: a hidden window left alive keeps the app's focus
        windows[0].close()

    monkeypatch.setenv(ENV_CLIENT_SECRET, "c2VjcmV0")
    QTimer.singleShot(0, close_soon)
    code = main(
        ["--user-pool-id", "eu-west-1_Abc123", "--client-id", "client1", "--endpoint-url", "http://127.0.0.1:9"]
    )
    assert code == 0
    assert seen and seen[0].controller.settings.client_secret == "c2VjcmV0"
    assert seen[0].wizard.currentId() == 1  # credentials


@pytest.mark.parametrize("skip", [False, True])
def test_imports_after_start_up_are_not_read_as_source(tmp_path, skip):
    """PySide's ``__feature__`` hook reads the source of every module imported
    after PySide6 (through linecache); main() removes the hook. The
    ``skip=False`` run shows the check would see the reads."""
    (tmp_path / "late_module.py").write_text("VALUE = 1\n")
    done = run_python(
        f"""
        import json, linecache, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import PySide6.QtCore
        from cogtotp_gui.startup import skip_pyside_import_scan
        removed = skip_pyside_import_scan() if {skip!r} else None
        import late_module
        read = any(name.endswith("late_module.py") for name in linecache.cache)
        print(json.dumps({{"removed": removed, "read": read, "value": late_module.VALUE}}))
        """
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    if skip:
        assert facts == {"removed": True, "read": False, "value": 1}
    else:
        assert facts == {"removed": None, "read": True, "value": 1}


@pytest.mark.parametrize("secret", ["has a space", "tab\there", "bell\x07", "x" * 129])
def test_a_remembered_connection_whose_secret_is_malformed_opens_the_connection_page(
    qtbot, monkeypatch, settings_dir, secret
):
    """Issue 16 #10: it crashed every start (an uncaught SettingsError)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui.connections.model import Profile
    from cogtotp_gui.connections.secrets import KEYRING_SERVICE
    from cogtotp_gui.connections.store import ProfileStore
    from cogtotp_gui.ui.shell.main_window import MainWindow
    from cogtotp_gui.ui.wizard.pages import PageId
    from tests.support.memory_keyring import MemoryKeyring, installed

    seen: list[dict[str, object]] = []

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, look_then_close)
            return
        window = windows[0]
        qtbot.addWidget(window)  # destroyed at teardown: a hidden window left alive keeps the app's focus
        page = window.wizard.connection_page
        # The page takes focus once it has been entered (after the first paint).
        # (In this window: a window of an earlier test may still hold the focus.)
        qtbot.waitUntil(lambda: window.isAncestorOf(QApplication.focusWidget()))
        seen.append(
            {
                "page": window.wizard.currentId(),
                "pool": page.user_pool_id.text(),
                "banner": page.banner.isVisibleTo(page) and page.banner.text,
                "secret_error": page.error_labels["client_secret"].text(),
                "focus": QApplication.focusWidget() is page.client_secret,
            }
        )
        window.close()

    with installed(MemoryKeyring()) as keyring:
        store = ProfileStore()
        store.save(Profile.create(name="Production", user_pool_id="eu-west-1_Abc123", client_id="client1"))
        store.set_last_profile("Production")
        # Written by something else (another tool, an older version): the app never stores one like it.
        keyring.passwords[(KEYRING_SERVICE, "Production")] = secret
        QTimer.singleShot(0, look_then_close)
        code = main([])
    assert code == 0
    assert seen, "the window never showed"
    shown = seen[0]
    assert shown["page"] == PageId.CONNECTION
    assert shown["pool"] == "eu-west-1_Abc123"  # what was saved is kept
    assert shown["banner"] and "Production" in str(shown["banner"])
    assert shown["secret_error"]
    assert shown["focus"] is True  # on the field to correct
    assert secret not in str(shown)
