"""Save and open dialogs that start in the folder used last, and remember it.

One place for the rule: every file the app writes or reads on the
operator's say-so (a session's report as CSV or PDF, the Migration
window's CSV, a roster) is offered in the folder the operator chose last
time, kept in the operator's settings (``ProfileStore.last_folder``); the
first time, in the home folder. The caller then says where the file went.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class FolderMemory(Protocol):
    """Where the last folder is kept (``ProfileStore`` is one)."""

    def last_folder(self) -> str | None: ...

    def set_last_folder(self, folder: str) -> None: ...


def start_folder(memory: FolderMemory | None) -> str:
    """The folder to offer: the one used last if it still exists, else home."""
    folder = memory.last_folder() if memory is not None else None
    if folder and os.path.isdir(folder):
        return folder
    return os.path.expanduser("~")


def remember_folder(memory: FolderMemory | None, path: str) -> None:
    """Keep the folder of ``path`` for the next dialog (a settings failure is not the operator's problem)."""
    if memory is None or not path:
        return
    try:
        memory.set_last_folder(os.path.dirname(os.path.abspath(path)))
    except OSError:
        pass


def ask_save_path(
    parent: QWidget | None, title: str, file_name: str, file_filter: str, memory: FolderMemory | None
) -> str:
    """Ask where to save ``file_name`` (offered in the folder used last); "" if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, os.path.join(start_folder(memory), file_name), file_filter)
    if path:
        remember_folder(memory, path)
    return path
