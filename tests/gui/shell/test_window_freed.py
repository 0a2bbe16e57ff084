"""A closed main window is freed at once, not by the cycle collector."""

from __future__ import annotations

from gui_driver import TIMEOUT_MS, fast_gateway, flush_deferred_deletes

from cogtotp_gui.app import create_main_window
from cogtotp_gui.enrollment.settings import ConnectionSettings


def test_a_closed_window_is_freed_at_once_not_by_the_cycle_collector(qtbot, emulator):
    """Nothing the window owns refers back to it: a window left in a
    reference cycle is destroyed whenever Python's collector runs, in the
    middle of whatever Qt is doing then (it crashed the suite once)."""
    import gc
    import weakref

    seed = emulator.seed
    settings = ConnectionSettings.create(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        mode="admin",
        endpoint_url=emulator.endpoint_url,
    )
    gc.collect()
    gc.disable()
    try:
        window = create_main_window(settings, gateway_factory=fast_gateway)
        window.show()
        qtbot.waitUntil(
            lambda: window.saved_connections.ready and window.operations.identity is not None,  # noqa: F821  # bound above; deleted only at the end
            timeout=TIMEOUT_MS,
        )
        window.open_settings()
        window.saved_connections.dialog.reject()
        # Errors shown (and kept by banners to render again) keep no frames:
        # one raised right here, with ``window`` among this frame's locals…
        window.controller.sign_in("", "")
        assert window.wizard.credentials_page.banner.text
        # …and one from Cognito.
        window.controller.sign_in(seed.users["sms"].username, "Wrong-password-1")
        qtbot.waitUntil(
            lambda: not window.controller.busy and "not correct" in window.wizard.credentials_page.banner.text,  # noqa: F821  # bound above; deleted only at the end
            timeout=TIMEOUT_MS,
        )
        window.wizard.show_connection_page()
        window.wizard.connection_page.prefill({"user_pool_id": "nonsense"})
        window.shutdown(5000)
        window.close()
        flush_deferred_deletes()  # the dialog's deleteLater
        freed = weakref.ref(window)
        del window
        assert freed() is None
    finally:
        gc.enable()
