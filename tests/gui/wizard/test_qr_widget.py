"""The QR code as a phone camera sees it: decoded back to the exact URI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtGui import QImage

from cogtotp_gui.enrollment import otpauth
from cogtotp_gui.enrollment.qr import QUIET_ZONE
from cogtotp_gui.ui.wizard.pages import PageId
from cogtotp_gui.ui.wizard.qr_widget import QrCodeWidget

ROOT = Path(__file__).resolve().parents[3]
URI = otpauth.build_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "alice o'hara@example.com", "ACME Helpdesk")


def to_pillow(image: QImage) -> Image.Image:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())
    return Image.frombuffer("L", (gray.width(), gray.height()), data, "raw", "L", gray.bytesPerLine(), 1)


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("size", [(180, 180), (320, 240), (237, 411), (600, 600)])
def test_grabbed_code_decodes_to_the_exact_uri_at_any_size(qtbot, size):
    widget = QrCodeWidget()
    qtbot.addWidget(widget)
    widget.set_text(URI)
    widget.resize(*size)
    widget.show()
    image = to_pillow(widget.grab().toImage())
    assert decode(image) == [URI]

    # Square, centred, with the quiet zone; only black and white pixels.
    rect = widget.code_rect()
    assert abs(rect.width() - rect.height()) <= 1
    assert rect.width() <= min(size) and rect.width() >= min(size) - widget.module_count
    inside = image.crop((rect.x(), rect.y(), rect.x() + rect.width(), rect.y() + rect.height()))
    assert set(inside.tobytes()) <= {0, 255}
    module = rect.width() // widget.module_count
    quiet = inside.crop((0, 0, QUIET_ZONE * module, inside.height))
    assert set(quiet.tobytes()) == {255}


def test_secret_page_qr_decodes_to_the_flow_uri(wizard_app):
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    qr = driver.wizard.secret_page.qr
    uri = driver.controller.flow.secret.uri
    assert decode(to_pillow(qr.grab().toImage())) == [uri]
    assert uri.startswith("otpauth://totp/ACME%20Helpdesk:") and "issuer=ACME%20Helpdesk" in uri
    assert driver.pending_secret(user.username) in uri
    # The code follows the window: bigger window, bigger code.
    before = qr.code_rect().width()
    driver.window.resize(1000, 800)
    driver.qtbot.waitUntil(lambda: qr.code_rect().width() > before)


def test_secret_page_qr_matrix_is_built_on_the_worker(wizard_app, monkeypatch):
    """Encoding the QR is ~8 ms of pure Python: the worker that received the
    secret does it, the UI thread only paints (bench/qr_child.py)."""
    import threading

    from cogtotp_gui.enrollment import qr

    on_ui_thread: list[bool] = []
    encode = qr.qr_matrix

    def spy(text: str) -> list[list[bool]]:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return encode(text)

    monkeypatch.setattr(qr, "qr_matrix", spy)
    driver = wizard_app
    user = driver.sign_in("sms")
    driver.submit_sms(user.username)
    driver.wait_page(PageId.SECRET)
    assert on_ui_thread == [False]
    assert decode(to_pillow(driver.wizard.secret_page.qr.grab().toImage())) == [driver.controller.flow.secret.uri]


def test_code_is_crisp_and_decodes_at_150_percent_scale(tmp_path):
    script = textwrap.dedent(
        f"""
        import json, sys
        from PySide6.QtWidgets import QApplication
        from cogtotp_gui.ui.wizard.qr_widget import QrCodeWidget
        app = QApplication([])
        widget = QrCodeWidget()
        widget.set_text({URI!r})
        widget.resize(301, 301)
        widget.show()
        pixmap = widget.grab()
        pixmap.save({str(tmp_path / "qr.png")!r})
        print(json.dumps({{"ratio": pixmap.devicePixelRatio(), "width": pixmap.width()}}))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["ratio"] == 1.5 and facts["width"] >= 451
    image = Image.open(tmp_path / "qr.png").convert("L")
    assert decode(image) == [URI]
    # Whole device pixels per module: no grey anti-aliased edges.
    assert set(image.tobytes()) <= {0, 255} | set(range(200, 256))  # background of the widget may be light grey
    assert not any(40 < value < 200 for value in image.tobytes())
