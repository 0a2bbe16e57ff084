"""Training mode (``--demo``): the wizard against a Cognito emulator on this computer.

``cogtotp_gui.app`` calls :func:`start_training` when ``--demo`` is given.
The window paints first; then a worker starts the strict emulator on
127.0.0.1 (random port), seeds the training users and connects the wizard.
A "training phone" window beside the wizard receives the SMS codes and can
act as the authenticator app.

Nothing here is imported in real mode: the emulator (and moto) load only
when training starts.

Modules:
    environment: the emulator, its seed and the connection to it (no Qt).
    session: the emulator's lifecycle on workers, the phone, the users dialog.
    mode: the banner, menu, waiting panel and guard on the main window.
    banner: the "TRAINING MODE" banner.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from cogtotp_gui.campaign.roster import Roster
    from cogtotp_gui.training.mode import TrainingMode
    from cogtotp_gui.ui.shell.main_window import MainWindow

# Options that choose a connection; training has its own and ignores them.
_CONNECTION_OPTIONS = (
    "user_pool_id",
    "client_id",
    "region",
    "endpoint_url",
    "mode",
    "issuer",
    "profile",
    "aws_profile",
)


def start_training(app: QApplication, args: argparse.Namespace, *, roster: Roster | None = None) -> MainWindow | int:
    """Build the training wizard for ``app``; ``app.py`` shows and runs it.

    ``roster`` (``--demo --roster FILE``, read and checked by ``app.py`` as
    in real mode) starts a session of these users once the training pool is
    ready.

    Returns the main window, or an exit status when training cannot start
    (``--endpoint-url`` naming anything but this computer). The training
    pool is stopped and the process' credentials restored when ``app``
    quits.
    """
    from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError
    from cogtotp_gui.names import APP_NAME
    from cogtotp_gui.training.environment import TrainingRefused, require_local_endpoint
    from cogtotp_gui.training.mode import install_training, training_gateway_factory
    from cogtotp_gui.ui.shell.assembly import create_main_window

    endpoint_url = getattr(args, "endpoint_url", None)
    if endpoint_url:
        try:
            require_local_endpoint(
                ConnectionSettings.create(
                    user_pool_id="eu-west-1_training", client_id="training", endpoint_url=endpoint_url
                )
            )
        except (TrainingRefused, SettingsError) as error:
            print(f"{APP_NAME}: --demo: {error}", file=sys.stderr)
            return 2
    ignored = [f"--{name.replace('_', '-')}" for name in _CONNECTION_OPTIONS if getattr(args, name, None)]
    if ignored:
        print(f"{APP_NAME}: --demo uses its own training pool; ignoring {', '.join(ignored)}", file=sys.stderr)

    window = create_main_window(None, gateway_factory=training_gateway_factory)
    mode = install_training(window)
    app.aboutToQuit.connect(mode.shutdown)
    if roster is not None:
        mode.start_session_when_ready(list(roster.usernames), roster.source)
    return window


def training_mode_of(window: MainWindow) -> TrainingMode | None:
    """The training mode installed on ``window``, if any."""
    from cogtotp_gui.training.mode import TrainingMode

    return window.findChild(TrainingMode, "trainingMode")


__all__ = ["start_training", "training_mode_of"]
