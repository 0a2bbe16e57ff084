"""The QR code of an otpauth URI as a matrix of modules: pure Python, no Qt.

The controller builds it on the worker that received the secret, the
self-check compares a painting against it, and ``ui/wizard/qr_widget.py``
only paints what it is given.
"""

from __future__ import annotations

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules for ``text`` (True = dark), without a quiet zone.

    Pure Python, ~8 ms (qrcode tries all eight mask patterns, as ISO/IEC
    18004 requires): the controller calls it on the worker that received
    the secret, and the page shows the result with ``set_matrix``.
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_L

    # Level L: a code on a screen is never damaged, and the smaller symbol
    # (version 6 instead of 7 for a typical URI) gets bigger modules, which
    # cameras read more easily, and is ~15 % quicker to build.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_L, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
