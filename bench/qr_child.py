"""Time from a secret to a painted QR, against painting an empty widget of
the same size (the baseline: what any widget costs to paint).

In the app the matrix is built on the worker that received the secret
(``Controller.qr_matrix``); the UI thread only takes the matrix and paints
it. So the figures are: ``matrix_ms`` (worker), ``ui_ms`` (set_matrix and
paint, UI thread) and ``qr_ms``, the two in a row: secret -> painted.
"""

import json
import statistics
import sys
import time

from PySide6.QtWidgets import QApplication, QWidget

from cogtotp_gui.enrollment.otpauth import build_uri
from cogtotp_gui.enrollment.qr import qr_matrix
from cogtotp_gui.ui.wizard.qr_widget import QrCodeWidget

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def main() -> None:
    app = QApplication(sys.argv[:1])  # noqa: F841  # kept alive for the widgets below
    qr, empty = QrCodeWidget(), QWidget()
    for widget in (qr, empty):
        widget.resize(320, 320)
    qr_times, empty_times, matrix_times, ui_times, paint_times = [], [], [], [], []
    for i in range(40):
        uri = build_uri(SECRET, f"other{i}@example.com", "ACME Helpdesk")
        start = time.perf_counter()
        matrix = qr_matrix(uri)
        matrix_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        qr.set_matrix(matrix)
        qr.grab()
        ui_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        qr.update()
        qr.grab()
        paint_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        qr.set_matrix(qr_matrix(build_uri(SECRET, f"user{i}@example.com", "ACME Helpdesk")))
        qr.grab()
        qr_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        empty.update()
        empty.grab()
        empty_times.append((time.perf_counter() - start) * 1000)
    med = lambda xs: statistics.median(xs[5:])  # noqa: E731  # a one-line helper
    print(
        json.dumps(
            {
                "qr_ms": med(qr_times),
                "matrix_ms": med(matrix_times),
                "ui_ms": med(ui_times),
                "paint_ms": med(paint_times),
                "empty_ms": med(empty_times),
            }
        )
    )


if __name__ == "__main__":
    main()
