"""The main window put together: a controller, the window, its connection.

Used by the command line (:mod:`cogtotp_gui.app`), training mode and the
tests, each with their own settings, gateway factory or profile store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cogtotp_gui.ui.shell.main_window import MainWindow
from cogtotp_gui.ui.wizard.controller import Controller

if TYPE_CHECKING:
    from cogtotp_gui.enrollment.settings import ConnectionSettings


def create_main_window(
    settings: ConnectionSettings | None = None,
    *,
    prefill: dict[str, object] | None = None,
    aws_profile: str | None = None,
    gateway_factory: Any = None,
    session_ttl: float | None = None,
    profile_store: Any = None,
) -> MainWindow:
    """The main window, connected (or asking for a connection).

    Training mode and tests call this with their own settings and gateway
    (and tests with their own ``profile_store``). The client is built by a
    worker after the window first paints.
    """
    kwargs: dict[str, Any] = {"gateway_factory": gateway_factory}
    if session_ttl is not None:
        kwargs["session_ttl"] = session_ttl
    controller = Controller(**kwargs)
    window = MainWindow(controller, profile_store=profile_store)
    if settings is not None:
        controller.connect_to(settings, aws_profile, warm_up=False)
        window.warm_up_after_first_paint()
    window.wizard.use_connection(settings, prefill, aws_profile)
    return window
