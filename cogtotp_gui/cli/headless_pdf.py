"""A PDF written from a command, without a window: one way for every report."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any


def write_pdf_headless(write: Callable[[Any, str], None], report: Any, path: str, lang: str | None) -> None:
    """``write(report, path)`` under a QGuiApplication on the offscreen platform, in ``lang``.

    Raises:
        OSError: the folder cannot be written (QPdfWriter would fail silently).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    if lang:
        from cogtotp_gui.i18n import install_translations

        install_translations(app, lang)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.access(directory, os.W_OK):
        raise OSError(13, "not writable", path)
    write(report, path)
