"""The strict emulator as a local HTTP endpoint, for boto3 over real sockets."""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import Any

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import ThreadedWSGIServer

from .strict import StrictCognito

log = logging.getLogger(__name__)


class _QuietRequestHandler(MotoRequestHandler):
    """moto's handler without the access log on stderr (tests and the demo
    would otherwise print a line per Cognito call)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def log(self, type: str, message: str, *args: Any) -> None:
        log.debug(message, *args)


class _JoiningWSGIServer(ThreadedWSGIServer):
    """Werkzeug's threaded server, but request threads are joined on close.

    Werkzeug marks request threads as daemons and never joins them, so a
    thread still writing its response could outlive ``stop()``. With
    non-daemon threads ``socketserver`` tracks them and ``server_close``
    waits for each (werkzeug closes every connection after one response, so
    none of them lingers on keep-alive).
    """

    daemon_threads = False
    block_on_close = True


class EmulatorServer:
    """A moto server on 127.0.0.1 with a :class:`StrictCognito` installed.

    ``start()`` returns the endpoint URL to give boto3 as ``endpoint_url``;
    ``stop()`` shuts the server down and joins all of its threads. Both moto
    and the emulator live in this process, so tests can read the emulator's
    outbox and move its clock directly.
    """

    _POLL_INTERVAL = 0.05  # how quickly serve_forever notices shutdown()

    def __init__(self, emu: StrictCognito | None = None, host: str = "127.0.0.1", port: int = 0):
        self.emu = emu if emu is not None else StrictCognito()
        self._host = host
        self._port = port
        self._server: _JoiningWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._installed_here = False

    @property
    def endpoint_url(self) -> str:
        if self._server is None:
            raise RuntimeError("EmulatorServer is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> str:
        """Install the emulator, bind a free port, serve; return the endpoint URL."""
        if self._server is not None:
            return self.endpoint_url
        if not self.emu.is_installed:
            self.emu.install()
            self._installed_here = True
        app = DomainDispatcherApplication(create_backend_app)
        self._server = _JoiningWSGIServer(self._host, self._port, app, handler=_QuietRequestHandler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": self._POLL_INTERVAL},
            name="cogtotp-emulator-server",
            daemon=True,
        )
        self._thread.start()
        return self.endpoint_url

    def stop(self) -> None:
        """Stop serving, join every server thread, restore moto. Idempotent."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            # serve_forever() calls server_close() on its way out, which joins
            # the request threads; joining the serving thread waits for that.
            server.shutdown()
        if thread is not None:
            thread.join()
        if self._installed_here:
            self.emu.uninstall()
            self._installed_here = False

    def reset(self) -> None:
        """Wipe all moto state and all strict state, as a fresh server would have."""
        from moto.moto_api._internal.models import moto_api_backend

        with self.emu._lock:
            moto_api_backend.reset()
            self.emu.reset()

    def __enter__(self) -> EmulatorServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
