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
