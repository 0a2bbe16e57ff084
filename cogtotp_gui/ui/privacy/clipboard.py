"""Copying a secret without leaving it on the clipboard.

The QR page lets the operator copy the TOTP secret for manual entry. A
secret left on the clipboard ends up pasted into the next user's chat, or
in a clipboard-history tool. So a copied secret is:

* marked for clipboard managers as "do not keep" (the hints KeePassXC and
  others use: KDE/Klipper, macOS pasteboard managers, Windows clipboard
  history and cloud clipboard); these are hints, the timer is the guarantee;
* cleared after a delay, but only if the clipboard still holds it: if the
  operator has copied something else meanwhile, that is left alone;
* cleared at once on "next user" (:func:`clear_now_if_ours`).

Only a SHA-256 digest of the copied text is kept to recognise it, so the
guard itself holds no copy of the secret.
"""

from __future__ import annotations

import hashlib
import sys

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

from cogtotp_gui.names import DEFAULT_CLIPBOARD_CLEAR_S

DEFAULT_CLEAR_AFTER_S = DEFAULT_CLIPBOARD_CLEAR_S

# Windows reads these registered formats as DWORDs.
_DWORD_0 = b"\x00\x00\x00\x00"
_DWORD_1 = b"\x01\x00\x00\x00"


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def secret_mime_data(text: str, platform: str = sys.platform) -> QMimeData:
    """``text`` as clipboard data marked "sensitive" for ``platform``."""
    mime = QMimeData()
    mime.setText(text)
    if platform.startswith("win"):
        mime.setData("ExcludeClipboardContentFromMonitorProcessing", _DWORD_1)
        mime.setData("CanIncludeInClipboardHistory", _DWORD_0)
        mime.setData("CanUploadToCloudClipboard", _DWORD_0)
    elif platform == "darwin":
        mime.setData("application/x-nspasteboard-concealed-type", b"")
    else:
        mime.setData("x-kde-passwordManagerHint", b"secret")
    return mime


class ClipboardGuard(QObject):
    """Copies secrets and takes them back later if nobody replaced them.

    Args:
        clipboard: the clipboard to use (tests may pass their own);
            ``None`` uses the application's.
        parent: the owning QObject.

    Attributes:
        clear_after_s: the delay used when a copy names none (the
            operator's preference; the window sets it).

    Signals:
        expired(bool): the delay of the last copy ran out; ``True`` if the
            clipboard was cleared, ``False`` if it held something else.
    """

    expired = Signal(bool)

    def __init__(self, clipboard: QClipboard | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.clear_after_s: float = DEFAULT_CLEAR_AFTER_S
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def clipboard(self) -> QClipboard:
        return self._clipboard or QGuiApplication.clipboard()

    @property
    def pending(self) -> bool:
        """Whether a copied secret is waiting to be cleared."""
        return self._digest is not None

    def copy_secret(self, text: str, clear_after_s: float | None = None) -> None:
        """Put ``text`` on the clipboard and clear it after ``clear_after_s``
        (``None``: :attr:`clear_after_s`)."""
        delay = self.clear_after_s if clear_after_s is None else clear_after_s
        self.clipboard.setMimeData(secret_mime_data(text), QClipboard.Mode.Clipboard)
        self._digest = _digest(text)
        self._timer.start(max(0, round(delay * 1000)))

    def holds_ours(self) -> bool:
        """Whether the clipboard still holds the last copied secret."""
        return self._digest is not None and _digest(self.clipboard.text(QClipboard.Mode.Clipboard)) == self._digest

    def clear_now_if_ours(self) -> bool:
        """Clear the clipboard now if it holds our secret (e.g. "next user").

        Returns:
            Whether it was cleared.
        """
        self._timer.stop()
        ours = self.holds_ours()
        if ours:
            self.clipboard.clear(QClipboard.Mode.Clipboard)
        self._digest = None
        return ours

    @Slot()
    def _on_timeout(self) -> None:
        self.expired.emit(self.clear_now_if_ours())


_guard: ClipboardGuard | None = None


def guard() -> ClipboardGuard:
    """The application's guard, created on first use (needs a QGuiApplication)."""
    global _guard
    app = QGuiApplication.instance()
    if _guard is None or _guard.parent() is not app:
        # Parented to the application so it lives exactly as long as the
        # clipboard it guards.
        _guard = ClipboardGuard(parent=app)
    return _guard


def copy_secret(text: str, clear_after_s: float | None = None) -> ClipboardGuard:
    """Copy ``text``; clear it after ``clear_after_s`` (``None``: the
    guard's :attr:`~ClipboardGuard.clear_after_s`) if still there.

    Returns:
        The guard, whose ``expired`` signal reports the outcome.
    """
    g = guard()
    g.copy_secret(text, clear_after_s)
    return g


def clear_now_if_ours() -> bool:
    """Clear a secret copied by :func:`copy_secret` right away, if still there."""
    return _guard.clear_now_if_ours() if _guard is not None else False
