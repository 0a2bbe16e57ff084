"""The one value that configures the main window around the wizard.

Training mode (and anything else that embeds the wizard) declares how the
window presents itself, instead of taking its central widget and setting
its attributes one by one: :meth:`MainWindow.configure` applies a
:class:`ShellConfig` once. The ordinary window needs none (its defaults),
so this module is not imported before the first paint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cogtotp_gui.enrollment.audit import AuditLog
    from cogtotp_gui.enrollment.settings import ConnectionSettings


@dataclasses.dataclass(frozen=True)
class ShellConfig:
    """How the main window presents itself.

    Attributes:
        title: the window title in the current language (asked again after
            a language change); None: the app's own.
        caption: the status bar's connection line for these settings (training
            always says Training); None: the connection's name and mode.
        identity_shown: whether the status bar names the AWS identity that
            signs the calls (not the emulator's, to trainees).
        campaign_database: the database the Migration window and sessions'
            inventory use; None: the data folder's.
        audit: where enrollments are recorded; None: the operator's audit log.
        connection_switching: whether the operator may change the connection
            (File ▸ Change connection, the saved-connection pickers).
        frame: builds the window's content around the wizard (a banner
            above it, a panel standing in for it); None: the wizard alone.
    """

    title: Callable[[], str] | None = None
    caption: Callable[[ConnectionSettings], str] | None = None
    identity_shown: bool = True
    campaign_database: Path | None = None
    audit: AuditLog | None = None
    connection_switching: bool = True
    frame: Callable[[QWidget], QWidget] | None = None
