"""Time from a secret to a painted QR, against painting an empty widget of
the same size (the baseline: what any widget costs to paint)."""

import json
import statistics
import sys
import time

from PySide6.QtWidgets import QApplication, QWidget

from cogtotp_gui.enrollment.otpauth import build_uri
from cogtotp_gui.ui.qr_widget import QrCodeWidget, qr_matrix

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def main() -> None:
    app = QApplication(sys.argv[:1])  # noqa: F841
    qr, empty = QrCodeWidget(), QWidget()
    for widget in (qr, empty):
        widget.resize(320, 320)
    qr_times, empty_times, matrix_times, paint_times = [], [], [], []
    for i in range(40):
        uri = build_uri(SECRET, f"other{i}@example.com", "ACME Helpdesk")
        start = time.perf_counter()
        qr_matrix(uri)
        matrix_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        qr.update()
        qr.grab()
        paint_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        qr.set_text(build_uri(SECRET, f"user{i}@example.com", "ACME Helpdesk"))
        qr.grab()
        qr_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        empty.update()
        empty.grab()
        empty_times.append((time.perf_counter() - start) * 1000)
    med = lambda xs: statistics.median(xs[5:])  # noqa: E731
    print(json.dumps({"qr_ms": med(qr_times), "matrix_ms": med(matrix_times), "paint_ms": med(paint_times), "empty_ms": med(empty_times)}))


if __name__ == "__main__":
    main()
