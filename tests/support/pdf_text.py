"""The text of a PDF the app wrote, read back in-process with pypdf.

poppler's ``pdftotext`` is a Debian package here but absent from the Windows
and macOS CI runners; pypdf is a pure-Python wheel from the test extra, so the
report tests read the same PDF the same way on every system.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path


def pdf_text(path: Path | str, *, layout: bool = False) -> str:
    """Every page's text, NFKC-normalised (Qt's PDFs use the "fi" ligature).

    Args:
        layout: keep the page's horizontal layout, as ``pdftotext -layout``
            does (gaps between columns are runs of spaces). Without it, each
            run of spaces and tabs is one space (pypdf puts a tab between
            words that Qt placed one by one).
    """
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if layout:
        text = "\n".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)
        return unicodedata.normalize("NFKC", text).replace("\t", " ")  # pypdf separates words with tabs
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFKC", text))
