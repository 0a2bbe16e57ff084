"""The QR matrix is built without Qt (enrollment/qr.py): the controller's
worker and the self-check use it; the widget only paints it."""

import subprocess
import sys

from cogtotp_gui.enrollment.otpauth import build_uri
from cogtotp_gui.enrollment.qr import qr_matrix


def test_the_matrix_is_a_square_qr_symbol_of_a_real_version():
    uri = build_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "alice@example.com", "ACME Helpdesk")
    matrix = qr_matrix(uri)
    side = len(matrix)
    assert all(len(row) == side for row in matrix)
    assert (side - 17) % 4 == 0 and side > 21  # version (side - 17) / 4, more than version 1 for a URI
    # The three finder patterns: dark 7x7 rings at three corners.
    for top, left in ((0, 0), (0, side - 7), (side - 7, 0)):
        ring = [matrix[top][left + i] for i in range(7)] + [matrix[top + i][left] for i in range(7)]
        assert all(ring)
    assert qr_matrix(uri) == matrix and qr_matrix(uri + "x") != matrix


def test_encoding_imports_no_qt():
    code = (
        "import sys; from cogtotp_gui.enrollment.qr import qr_matrix; qr_matrix('otpauth://totp/a:b?secret=AA');"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6'))]; sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
