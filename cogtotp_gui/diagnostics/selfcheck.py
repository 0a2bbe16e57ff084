"""``cogtotp-gui --self-check``: prove an installation is complete, headless.

The same checks run from a source checkout, a wheel and the frozen bundle, so
a bundle that was pruned too hard (a Qt plugin, a translation, a botocore
model, a moto module left out) fails here, on the build machine, and not at a
helpdesk. Each check prints one line (mark, name, milliseconds, a short fact)
and the process exits 0 only when all of them passed; a failed check names
what is missing.

Nothing secret is printed: the enrollment runs against the embedded
emulator with throw-away users, and a failure is reported by its type, error
kind and code, or the missing module/file name, never by an exception text
that might echo a request parameter.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import time
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any, TextIO

# A string the wizard shows on its QR page, and the ja catalogue must turn
# it into Japanese: if it does not, the .qm is missing, stale or not loaded.
KNOWN_CONTEXT = "QrCodeWidget"
KNOWN_SOURCE = "QR code for the authenticator app"
# A count: English takes its singular from cogtotp_en.qm ("1 user", not "1 user(s)").
KNOWN_COUNT = ("QueuePanel", "%n user(s)", "")
# Translations of Qt's own dialogs/buttons the bundle must keep (docs/qt-and-packaging.md).
QT_TRANSLATIONS = ("qtbase_en", "qtbase_ja")

_SAMPLE_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # a fixed test vector, nobody's secret


@dataclasses.dataclass
class Result:
    name: str
    ok: bool
    ms: float
    detail: str


class CheckFailed(Exception):
    """A check found something missing or wrong; the text names it."""


def _describe(exc: BaseException) -> str:
    """Name what failed without echoing anything a request may have carried."""
    from cogtotp_gui.enrollment.errors import EnrollmentError
    from cogtotp_gui.enrollment.settings import SettingsError

    if isinstance(exc, CheckFailed):
        return str(exc)
    if isinstance(exc, SettingsError):
        return f"SettingsError in field {exc.field}"
    if isinstance(exc, EnrollmentError):
        return f"EnrollmentError {exc.kind.value} ({exc.code or exc.message_key})"
    if isinstance(exc, ImportError):
        return f"missing module {exc.name or '?'}"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"missing file {os.path.basename(str(exc.filename or '?'))}"
    return type(exc).__name__


def _timed(name: str, check: Callable[[], str]) -> Result:
    start = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:
        detail, ok = _describe(exc), False
    return Result(name, ok, (time.perf_counter() - start) * 1000, detail)


# -- Qt ---------------------------------------------------------------------


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "cogtotp-gui"])


def check_qt() -> str:
    """QApplication starts, and the platform plugins a user needs are there."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo

    app = _application()
    plugins = os.path.join(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath), "platforms")
    present = (
        {name.split(".")[0].removeprefix("lib") for name in os.listdir(plugins)} if os.path.isdir(plugins) else set()
    )
    if sys.platform.startswith("linux"):
        needed = {"qxcb", "qoffscreen", "qwayland"}
    elif sys.platform == "win32":
        needed = {"qwindows", "qoffscreen"}
    elif sys.platform == "darwin":
        needed = {"qcocoa", "qoffscreen"}
    else:
        needed = set()
    missing = sorted(needed - present)
    if missing:
        raise CheckFailed("missing Qt platform plugin " + ", ".join(missing))
    return f"PySide6 {pyside_version}, platform {app.platformName()}"


# Not imported: the entry script (would start the app). Test fixtures are not
# in the package at all (tests/support/*_fixtures.py): an installation has no pytest.
_NOT_IMPORTED = ("cogtotp_gui.__main__",)


def check_modules() -> str:
    """Every module of the package imports: nothing it needs was left out."""
    import importlib
    import pkgutil

    import cogtotp_gui

    names = [info.name for info in pkgutil.walk_packages(cogtotp_gui.__path__, "cogtotp_gui.")]
    names = [name for name in names if name not in _NOT_IMPORTED]
    for name in names:
        importlib.import_module(name)
    return f"{len(names)} modules of cogtotp_gui"


def _asset_files() -> Iterator[Any]:
    def walk(node: Any) -> Iterator[Any]:
        for child in node.iterdir():
            if child.is_dir():
                yield from walk(child)
            elif not child.name.startswith("."):
                yield child

    yield from walk(resources.files("cogtotp_gui") / "assets")


def check_assets() -> str:
    """Every icon decodes and every .qm loads, read through importlib.resources."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QImage

    _application()
    icons = catalogues = 0
    names: set[str] = set()
    for item in _asset_files():
        data = item.read_bytes()
        suffix = item.name.rsplit(".", 1)[-1].lower()
        names.add(item.name)
        if suffix in ("png", "svg", "ico"):
            if QImage.fromData(data, suffix.upper()).isNull():
                raise CheckFailed(f"icon {item.name} does not decode (image format plugin missing?)")
            icons += 1
        elif suffix == "qm":
            if not QTranslator().load(data):
                raise CheckFailed(f"translation {item.name} does not load")
            catalogues += 1
    if "cogtotp.png" not in names:
        raise CheckFailed("missing asset cogtotp.png (the app icon)")
    if not catalogues:
        raise CheckFailed("missing translations: no .qm under assets/")
    guides = {"operators-guide.md", "operators-guide.ja.md"}  # Help ▸ Operator's guide
    if not guides <= names:
        raise CheckFailed("missing the operator's guide: " + ", ".join(sorted(guides - names)))
    return f"{icons} icons, {catalogues} translation{'s' if catalogues != 1 else ''}, the operator's guide"


def check_translation(lang: str) -> Callable[[], str]:
    def run() -> str:
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

        from cogtotp_gui.i18n import install_translations

        app = _application()
        install_translations(app, lang)
        try:
            text = QCoreApplication.translate(KNOWN_CONTEXT, KNOWN_SOURCE)
            if lang == "ja" and not any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text):
                raise CheckFailed(f"{KNOWN_CONTEXT!r} string is not translated to Japanese")
            if lang == "en" and text != KNOWN_SOURCE:
                raise CheckFailed(f"{KNOWN_CONTEXT!r} string changed under en")
            # English has a catalogue too: the singular and plural of counts.
            if lang == "en" and QCoreApplication.translate(*KNOWN_COUNT, 1) != "1 user":
                raise CheckFailed("English plural forms are missing (cogtotp_en.qm): a count reads '1 user(s)'")
        finally:
            install_translations(app, "en")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_name = f"qtbase_{lang}"
        if not QTranslator().load(qt_name, qt_dir):
            raise CheckFailed(f"missing Qt translation {qt_name}.qm")
        return text[:24] + ("…" if len(text) > 24 else "")

    return run


def check_qr() -> str:
    """The wizard's QR widget paints every module where it belongs."""
    from PySide6.QtGui import QColor, QImage

    from cogtotp_gui.enrollment.otpauth import build_uri
    from cogtotp_gui.enrollment.qr import QUIET_ZONE, qr_matrix
    from cogtotp_gui.ui.wizard.qr_widget import QrCodeWidget

    _application()
    uri = build_uri(_SAMPLE_SECRET, "self.check@example.com", "cogtotp self-check")
    widget = QrCodeWidget()
    try:
        widget.set_text(uri)
        widget.resize(330, 330)
        image = QImage(widget.size(), QImage.Format.Format_RGB32)
        image.fill(QColor(128, 128, 128))  # neither dark nor light: unpainted shows
        widget.render(image)
        matrix = qr_matrix(uri)
        rect = widget.code_rect()
        modules = len(matrix) + 2 * QUIET_ZONE
        module_px = rect.width() / modules
        if module_px < 1:
            raise CheckFailed("QR modules smaller than a pixel")
        wrong = dark = 0
        for row in range(modules):
            for col in range(modules):
                r, c = row - QUIET_ZONE, col - QUIET_ZONE
                expect_dark = 0 <= r < len(matrix) and 0 <= c < len(matrix) and matrix[r][c]
                x = int(rect.x() + (col + 0.5) * module_px)
                y = int(rect.y() + (row + 0.5) * module_px)
                value = QColor(image.pixel(x, y)).value()
                is_dark, is_light = value < 64, value > 192
                dark += is_dark
                wrong += not (is_dark if expect_dark else is_light)
        if wrong:
            raise CheckFailed(f"QR painting wrong in {wrong} of {modules * modules} modules")
        return f"{len(matrix)}×{len(matrix)} modules, {dark} dark, {module_px:.0f} px each"
    finally:
        widget.deleteLater()


# -- Cognito, against the embedded emulator ---------------------------------


class _Emulator:
    """The training emulator on a free local port, seeded; started once."""

    def __init__(self) -> None:
        self.environment: Any = None
        self.seed: Any = None
        self.admin: Any = None

    def start(self) -> str:
        # The training environment: the emulator training mode runs, seeded
        # the same way, its administrator's client signing with dummy keys.
        from cogtotp_gui.training.environment import TrainingEnvironment

        self.environment = TrainingEnvironment()
        self.environment.start()
        self.admin = self.environment.admin_client
        self.seed = self.environment.seed
        return f"{len(self.seed.users)} training users on 127.0.0.1"

    def stop(self) -> str:
        if self.environment is not None:
            self.environment.stop()
            self.environment = self.seed = self.admin = None
        return "stopped"

    def enroll(self, mode: str, kind: str) -> Callable[[], str]:
        def run() -> str:
            from cogtotp_gui.enrollment.flow import EnrollmentFlow, Step
            from cogtotp_gui.enrollment.gateway import CognitoGateway
            from cogtotp_gui.enrollment.settings import ConnectionSettings

            if self.seed is None:
                raise CheckFailed("emulator not running")
            environment, seed = self.environment, self.seed
            emu = environment.emu
            settings = ConnectionSettings.create(
                user_pool_id=seed.pool_id,
                client_id=seed.client_id,
                client_secret=seed.client_secret,
                mode=mode,
                issuer="cogtotp self-check",
                endpoint_url=environment.settings.endpoint_url,
            )
            factory = None
            if mode == "admin":
                # Dummy keys, so a helpdesk's real AWS credentials are never
                # used (not even to sign requests to the local emulator).
                factory = lambda: self.admin  # noqa: E731  # a one-line factory, read where it is passed
            gateway = CognitoGateway(
                settings, client_factory=factory, connect_timeout=2, read_timeout=10, max_attempts=1
            )
            flow = EnrollmentFlow(gateway)
            user = seed.users[kind]

            def expect(step: Step, wanted: Step, what: str) -> None:
                if step is not wanted:
                    raise CheckFailed(f"{what} led to {step.value}, expected {wanted.value}")

            expect(flow.sign_in(user.username, user.password), Step.SMS_CODE, "sign-in")
            code = emu.last_sms_code(user.username, seed.pool_id)
            if code is None:
                raise CheckFailed("no SMS code in the emulator's outbox")
            expect(flow.submit_sms_code(code), Step.SECRET, "SMS code")
            assert flow.secret is not None  # Step.SECRET holds one
            expect(flow.verify(environment.totp_code(flow.secret.secret), "self-check"), Step.DONE, "TOTP code")
            got = self.admin.admin_get_user(UserPoolId=seed.pool_id, Username=user.username)
            preferred = got.get("PreferredMfaSetting")
            if preferred != "SOFTWARE_TOKEN_MFA":
                raise CheckFailed(f"preferred MFA is {preferred}, expected SOFTWARE_TOKEN_MFA")
            return f"{kind} user: SMS -> SOFTWARE_TOKEN_MFA preferred"

        return run


# How long training mode may take to start, connect and learn its identity.
TRAINING_START_TIMEOUT_S = 60.0


def check_training_start() -> str:
    """What ``--demo`` does at start, headless: the training window, its
    emulator on a free port, the connection check, the session validity and
    the STS identity call the status bar shows. Every module moto's server
    dispatches these requests to must be in the installation (issue 15: the
    bundle lacked ``moto.sts.urls``, and only this call found it)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from cogtotp_gui.enrollment.errors import EnrollmentError
    from cogtotp_gui.training.mode import install_training, training_gateway_factory
    from cogtotp_gui.ui.shell.assembly import create_main_window

    _application()
    window = create_main_window(None, gateway_factory=training_gateway_factory)
    mode = install_training(window)
    failures: list[str] = []
    loop = QEventLoop()

    def failed(error: object) -> None:
        failures.append(_describe(error) if isinstance(error, BaseException) else type(error).__name__)
        loop.quit()

    def start_failed(_message: str) -> None:
        failures.append("the training pool did not start")
        loop.quit()

    window.controller.failed.connect(failed)
    window.controller.caller_identity_failed.connect(
        lambda error: failures.append(
            "STS identity: " + (_describe(error) if isinstance(error, EnrollmentError) else "?")
        )
    )
    mode.session.start_failed.connect(start_failed)

    def done() -> bool:
        operations = window.operations
        return failures != [] or (mode.is_ready and window.controller.is_ready and operations.identity is not None)

    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(lambda: loop.quit() if done() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    try:
        window.show()
        poll.start()
        deadline.start(int(TRAINING_START_TIMEOUT_S * 1000))
        if not done():
            loop.exec()
        poll.stop()
        if failures:
            raise CheckFailed(failures[0])
        if not done():
            raise CheckFailed("training mode did not connect within the time limit")
        page = window.wizard.current_page()
        if page is not None and page.banner.text:
            raise CheckFailed("the first training page shows a message")
        identity = window.operations.identity or {}
        if not identity.get("arn"):
            raise CheckFailed("STS answered without an identity")
        return f"training pool connected, {len(mode.session.environment.seed.users)} users, STS identity answered"
    finally:
        poll.stop()
        deadline.stop()
        mode.shutdown()
        window.shutdown()
        window.close()
        window.deleteLater()


def check_aws_models() -> str:
    """The botocore service models the app and its credential chain load
    (the bundle keeps only these; see build.spec)."""
    import botocore.session

    session = botocore.session.get_session()
    loaded = []
    for service in ("cognito-idp", "dynamodb", "sts", "sso", "sso-oidc"):
        session.get_service_model(service)
        loaded.append(service)
    session.get_data("endpoints")
    return ", ".join(loaded)


# The OS keyring each desktop system always has, as keyring names its backend
# there. A bundle that lacks the backend or what it needs (win32ctypes on
# Windows) makes keyring fall back to "no keyring" without a word, and every
# secret typed in Settings would be kept in memory only: on these systems that
# is a broken installation. Linux may really have none (no Secret Service).
EXPECTED_KEYRING = {
    "win32": ("keyring.backends.Windows", "WinVaultKeyring", "Windows Credential Manager"),
    "darwin": ("keyring.backends.macOS", "Keyring", "macOS Keychain"),
}


def keyring_verdict(platform: str, backend: object | None, known: int) -> str:
    """What the keyring check says of ``backend`` (``None``: none usable) on ``platform``.

    Raises:
        CheckFailed: Windows or macOS without their OS keyring.
    """
    expected = EXPECTED_KEYRING.get(platform)
    if backend is None:
        if expected is not None:
            raise CheckFailed(f"no OS keyring: {expected[2]} not found ({known} backends known)")
        # Not a failure of the installation: a Linux computer without a
        # keyring service (a headless build machine) is a normal place to run.
        return f"no OS keyring: secrets are kept in memory only ({known} backends known)"
    kind = type(backend)
    # keyring chains the viable backends when there are several (another
    # one installed beside the OS's): the OS's must be among them.
    chained = getattr(backend, "backends", None) if kind.__name__ == "ChainerBackend" else None
    candidates = [type(b) for b in chained] if chained is not None else [kind]
    if expected is not None and expected[:2] not in {(c.__module__, c.__name__) for c in candidates}:
        raise CheckFailed(f"keyring {kind.__module__}.{kind.__name__} in use, not {expected[2]}")
    active = expected[2] if expected else kind.__module__.rsplit(".", 1)[-1]
    return f"OS keyring {active} in use ({known} backends known)"


def check_keyring() -> str:
    """keyring finds its backends (entry points need its dist-info), and on
    Windows and macOS picks the OS's own (Credential Manager, Keychain)."""
    from importlib.metadata import entry_points

    import keyring

    from cogtotp_gui.connections.secrets import keyring_usable as _keyring_usable

    names = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    if not names:
        raise CheckFailed("missing keyring backends (no keyring.backends entry points)")
    backend = keyring.get_keyring() if _keyring_usable() else None
    return keyring_verdict(sys.platform, backend, len(names))


# -- report -----------------------------------------------------------------


REPORT_FILE = "cogtotp-gui-self-check.txt"


class _Tee:
    """Writes to several UTF-8 text streams at once."""

    encoding = "utf-8"

    def __init__(self, streams: list[TextIO]) -> None:  # any text stream
        self.streams = streams

    def write(self, text: str) -> None:
        for stream in self.streams:
            stream.write(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


@contextlib.contextmanager
def _output(stream: TextIO | None) -> Iterator[TextIO]:
    """Where the report goes. A windowed (console=False) Windows build has no
    stdout: the report then goes to the console of the shell that started
    us, if it has one, and always to %TEMP%\\cogtotp-gui-self-check.txt
    (a shell does not wait for a GUI program; CI reads the file)."""
    if stream is not None or sys.stdout is not None:
        yield stream or sys.stdout
        return
    import tempfile

    with contextlib.ExitStack() as stack:
        streams: list[TextIO] = [
            stack.enter_context(open(os.path.join(tempfile.gettempdir(), REPORT_FILE), "w", encoding="utf-8"))
        ]
        if sys.platform == "win32":
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                console = stack.enter_context(open("CONOUT$", "w", encoding="utf-8", errors="replace"))
                console.write("\n")
                streams.append(console)
        yield _Tee(streams)  # type: ignore[misc]  # duck-typed: write/flush are all the report uses


def _marks(stream: TextIO) -> tuple[str, str]:
    try:
        "✓✗×…".encode(stream.encoding or "ascii")
        return "✓", "✗"
    except (LookupError, UnicodeEncodeError):
        return "ok", "FAIL"


# Qt's offscreen platform says this whenever a window is shown (the training
# window of "training start"); it tells nothing about the installation and
# printed a stray line in the middle of the report (issue 20 #19).
_OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)


@contextlib.contextmanager
def _quiet_offscreen_platform() -> Iterator[None]:
    """Drop the offscreen platform's known notices; pass every other Qt message to stderr."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: object, _context: object, message: str) -> None:
        if message not in _OFFSCREEN_NOISE:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def run(stream: TextIO | None = None) -> int:
    """Run every check, print the report, return the process exit code."""
    # Headless unless a display was asked for explicitly.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with _quiet_offscreen_platform():
        return _run(stream)


def _run(stream: TextIO | None) -> int:
    from cogtotp_gui import __version__

    started = time.perf_counter()
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    emulator = _Emulator()
    checks: list[tuple[str, Callable[[], str]]] = [
        ("Qt", check_qt),
        ("modules", check_modules),
        ("assets", check_assets),
        ("translation en", check_translation("en")),
        ("translation ja", check_translation("ja")),
        ("QR painting", check_qr),
        ("AWS models", check_aws_models),
        ("keyring", check_keyring),
        ("emulator", emulator.start),
        ("enroll, user mode", emulator.enroll("user", "sms")),
        ("enroll, admin mode", emulator.enroll("admin", "sms2")),
        # One emulator may be installed at a time: the training window starts its own.
        ("emulator stopped", emulator.stop),
        ("training start", check_training_start),
    ]
    results: list[Result] = []
    with _output(stream) as out:
        ok_mark, fail_mark = _marks(out)
        out.write(f"cogtotp-gui {__version__} self-check ({frozen}, Python {sys.version.split()[0]}, {sys.platform})\n")
        try:
            for name, check in checks:
                result = _timed(name, check)
                results.append(result)
                mark = ok_mark if result.ok else fail_mark
                out.write(f"{mark:<4} {name:<20} {result.ms:7.0f} ms  {result.detail}\n")
                out.flush()
        finally:
            emulator.stop()
        failed = [r.name for r in results if not r.ok]
        total = (time.perf_counter() - started) * 1000
        if failed:
            out.write(f"{len(failed)} of {len(results)} checks failed: {', '.join(failed)} ({total:.0f} ms)\n")
        else:
            out.write(f"all {len(results)} checks passed ({total:.0f} ms)\n")
        out.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run())
