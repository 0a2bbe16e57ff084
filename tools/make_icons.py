"""Render the app icon from its SVG source into the files the app and bundle use.

    .venv/bin/python tools/make_icons.py      (or: make icons)

Reads ``resources/icons/cogtotp.svg`` and writes, into
``cogtotp_gui/assets/icons/``:

* ``cogtotp.png`` (256 px): the window icon, read at run time through
  importlib.resources, and the Linux desktop icon;
* ``cogtotp.ico`` (16-256 px): the Windows executable's icon;

and ``resources/icons/cogtotp.icns``, the macOS app bundle's icon (needed at
build time only, so it stays out of the package).

The outputs are committed (a few tens of KB), so building the bundle needs
neither Pillow nor a display. Qt renders the SVG (QtSvg is part of
PySide6-Essentials); Pillow, from the test extra, only packs the sizes into
.ico/.icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "cogtotp.svg"
TARGET = ROOT / "cogtotp_gui" / "assets" / "icons"
ICNS = ROOT / "resources" / "icons" / "cogtotp.icns"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render(size: int) -> bytes:
    """The SVG rendered at ``size``×``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "cogtotp.png").write_bytes(render(256))
    # Each size rendered from the vector source, not scaled down from 256 px.
    ico_images = [Image.open(io.BytesIO(render(size))) for size in ICO_SIZES]
    ico_images[-1].save(
        TARGET / "cogtotp.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=ico_images[:-1]
    )
    icns_images = [Image.open(io.BytesIO(render(size))) for size in ICNS_SIZES]
    icns_images[-1].save(ICNS, format="ICNS", append_images=icns_images[:-1])
    for path in (TARGET / "cogtotp.png", TARGET / "cogtotp.ico", ICNS):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
