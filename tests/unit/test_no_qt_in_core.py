"""The Qt-free core loads without Qt (and without boto3 until a client is built)."""

import subprocess
import sys


def test_enrollment_package_imports_no_qt_and_no_boto3():
    code = (
        "import sys, cogtotp_gui.enrollment, cogtotp_gui.enrollment.flow, cogtotp_gui.enrollment.gateway;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','PyQt'))];"
        "lazy=[m for m in sys.modules if m.startswith(('boto3','botocore'))];"
        "print(bad, lazy); sys.exit(1 if bad or lazy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_connection_model_and_secrets_import_no_qt():
    code = (
        "import sys, cogtotp_gui.connections.model, cogtotp_gui.connections.secrets, cogtotp_gui.names, cogtotp_gui.startup;"
        "import cogtotp_gui.plural;"
        "import cogtotp_gui.training.environment;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','PyQt'))];"
        "heavy=[m for m in sys.modules if m.startswith(('boto3','botocore','keyring','moto'))];"
        "print(bad, heavy); sys.exit(1 if bad or heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_policy_reader_and_the_os_adapters_import_no_qt():
    """Read before the first paint on Windows and macOS, and by the Qt-free rooms."""
    code = (
        "import sys, cogtotp_gui.connections.policy, cogtotp_gui.platform.file_systems;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6','PyQt'))];"
        "heavy=[m for m in sys.modules if m.startswith(('boto3','botocore','keyring','moto','platformdirs'))];"
        "print(bad, heavy); sys.exit(1 if bad or heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
