"""``--self-check`` from source: the same command the bundle is proved with.

Run in a subprocess: the self-check installs the strict emulator, which is
process-wide, and the e2e fixtures keep their own installed for the session.
"""

import os
import subprocess
import sys

import pytest

from cogtotp_gui.emulator.seed import SUGGESTED_NEW_PASSWORD, TEMPORARY_PASSWORD, TRAINING_PASSWORD


def run_self_check(*, env_extra=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "cogtotp_gui", "--self-check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_self_check_passes_from_source_and_names_each_check():
    done = run_self_check()
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("cogtotp-gui ") and "(source," in lines[0]
    checks = [line for line in lines[1:-1]]
    assert checks and all(line.startswith("✓") and " ms " in line for line in checks)
    for name in (
        "modules",
        "assets",
        "translation ja",
        "QR painting",
        "enroll, user mode",
        "enroll, admin mode",
        "training start",
    ):
        assert any(f" {name} " in line for line in checks), name
    assert "1 translations" not in done.stdout
    keyring = next(line for line in checks if " keyring " in line)
    assert "fail active" not in keyring and (
        "no OS keyring: secrets are kept in memory only" in keyring or "OS keyring" in keyring
    )
    assert lines[-1].startswith(f"all {len(checks)} checks passed")
    # Nothing between the lines: the offscreen platform's notice once printed mid-report (issue 20 #19).
    assert done.stderr.strip() == "", done.stderr


def test_self_check_prints_nothing_secret():
    done = run_self_check()
    output = done.stdout + done.stderr
    for secret in (TRAINING_PASSWORD, TEMPORARY_PASSWORD, SUGGESTED_NEW_PASSWORD, "eyJ"):
        assert secret not in output
    # no SMS/TOTP code: six digits in a row never appear (timings have at most five)
    assert not any(token.isdigit() and len(token) >= 6 for token in output.replace("/", " ").split())


def test_a_failed_check_names_what_is_missing_never_the_exception_text():
    from cogtotp_gui.diagnostics import selfcheck
    from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind

    def missing_module():
        raise ModuleNotFoundError("No module named 'moto.cognitoidp'", name="moto.cognitoidp")

    result = selfcheck._timed("modules", missing_module)
    assert not result.ok and result.detail == "missing module moto.cognitoidp"

    def rejected():
        raise EnrollmentError(
            ErrorKind.WRONG_CODE, "error.wrong_code", "Invalid code 123456", code="CodeMismatchException"
        )

    assert selfcheck._timed("enroll", rejected).detail == "EnrollmentError wrong_code (CodeMismatchException)"

    def leaky():
        raise ValueError("Invalid value for parameter PASSWORD: Training-1234!")

    assert selfcheck._timed("enroll", leaky).detail == "ValueError"


def test_training_start_fails_when_the_emulator_cannot_answer_sts():
    """Issue 15: the bundle lacked moto.sts.urls; the self-check passed
    because it never made training mode's STS identity call."""
    probe = "import sys; sys.modules['moto.sts.urls'] = None\nfrom cogtotp_gui.diagnostics import selfcheck\nsys.exit(selfcheck.run())"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    assert done.returncode == 1
    failed = [line for line in done.stdout.splitlines() if line.startswith("✗")]
    assert len(failed) == 1 and " training start " in failed[0] and "STS identity" in failed[0], done.stdout


@pytest.mark.parametrize(("platform", "name"), [("win32", "Windows Credential Manager"), ("darwin", "macOS Keychain")])
def test_the_keyring_check_wants_the_os_keyring_on_windows_and_macos(platform, name):
    """There the OS keyring is always present: keyring must pick it (the
    workflow's self-check proves it on the real systems); a bundle that lost
    the backend falls back to no keyring, which must fail the check."""
    from keyring.backends import SecretService, Windows, fail, macOS

    from cogtotp_gui.diagnostics.selfcheck import CheckFailed, keyring_verdict

    right = {"win32": Windows.WinVaultKeyring, "darwin": macOS.Keyring}[platform]()
    assert keyring_verdict(platform, right, 7) == f"OS keyring {name} in use (7 backends known)"
    with pytest.raises(CheckFailed, match=f"no OS keyring: {name} not found"):
        keyring_verdict(platform, None, 7)
    with pytest.raises(CheckFailed, match=f"keyring keyring.backends.fail.Keyring in use, not {name}"):
        keyring_verdict(platform, fail.Keyring(), 7)

    # keyring's ChainerBackend when another backend is viable too (its name is what the check reads)
    chain = type("ChainerBackend", (), {"backends": (SecretService.Keyring(), right)})
    assert keyring_verdict(platform, chain(), 7) == f"OS keyring {name} in use (7 backends known)"
    lost = type("ChainerBackend", (), {"backends": (SecretService.Keyring(),)})
    with pytest.raises(CheckFailed, match=f"not {name}"):
        keyring_verdict(platform, lost(), 7)


def test_the_keyring_check_accepts_linux_without_a_keyring():
    """The "no keyring" path: secrets stay in memory, the installation is fine."""
    from keyring.backends import SecretService

    from cogtotp_gui.diagnostics.selfcheck import keyring_verdict

    assert keyring_verdict("linux", None, 5) == "no OS keyring: secrets are kept in memory only (5 backends known)"
    assert keyring_verdict("linux", SecretService.Keyring(), 5) == "OS keyring SecretService in use (5 backends known)"


def test_the_english_check_fails_without_the_english_plural_catalogue(monkeypatch):
    """A bundle without cogtotp_en.qm would say "1 user(s)": the self-check says so."""
    from cogtotp_gui import i18n
    from cogtotp_gui.diagnostics import selfcheck

    real = i18n.catalogue_bytes
    monkeypatch.setattr(i18n, "catalogue_bytes", lambda code: None if code == "en" else real(code))
    try:
        with pytest.raises(selfcheck.CheckFailed, match="plural"):
            selfcheck.check_translation("en")()
    finally:
        monkeypatch.undo()
        i18n.install_translations(selfcheck._application(), "en")
    assert selfcheck.check_translation("en")()
