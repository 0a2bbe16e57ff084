"""The strict emulator as a local HTTP endpoint, for boto3 over real sockets.

The server answers only what the app sends: Cognito user pool calls and STS
(``POST /`` with a JSON ``X-Amz-Target`` of Cognito, or a SigV4 signature
for ``cognito-idp`` or ``sts``), addressed to a loopback name. moto's own
control API (``/moto-api``: a state dump, reset, the request recorder), its
other services and its CORS headers are not served, so neither another local
process that finds the port nor a web page in the operator's browser can read
or change the training pool through it (issue 16 #12, docs/security.md).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from flask import Flask
from moto.moto_server.werkzeug_app import MotoRequestHandler, create_backend_app
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


# The services the app calls, by the name a SigV4 credential scope gives them.
SERVED_SERVICES = ("cognito-idp", "sts")
# Unsigned Cognito calls (InitiateAuth, RespondToAuthChallenge, …) name it here.
_COGNITO_TARGET = "AWSCognitoIdentityProviderService."
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})

_StartResponse = Callable[..., Any]


def _service_of(environ: dict[str, Any]) -> str | None:
    """The AWS service a request is for, or None when it is none the app calls."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    if auth:
        # "AWS4-HMAC-SHA256 Credential=KEY/20260101/eu-west-1/cognito-idp/aws4_request, …"
        try:
            scope = auth.split(",", 1)[0].split()[1]
            service = scope.split("/")[3].lower()
        except IndexError:
            return None
        return service if service in SERVED_SERVICES else None
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith(_COGNITO_TARGET):
        return "cognito-idp"
    return None


def _host_name(environ: dict[str, Any]) -> str:
    host = environ.get("HTTP_HOST", "")
    if host.startswith("["):  # "[::1]:5000"
        return host[: host.find("]") + 1].lower()
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


def _refuse(start_response: _StartResponse, status: str, message: str) -> list[bytes]:
    body = message.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


class CognitoOnlyApplication:
    """The WSGI app the emulator serves: moto's Cognito and STS, nothing else.

    moto's own dispatcher would pick a backend for any path and any service
    (``/moto-api`` included) and add CORS headers that echo any ``Origin``.
    This one refuses, before moto sees the request:

    - a method other than ``POST`` or a path other than ``/`` (404/405), which
      leaves out ``/moto-api``, the CORS pre-flight and every REST service;
    - a ``Host`` that is not a loopback name (421), so a web page cannot reach
      the port through a DNS name rebound to 127.0.0.1;
    - a service other than :data:`SERVED_SERVICES` (404);

    and drops any ``Access-Control-*`` header from what moto answers.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._apps: dict[str, Flask] = {}

    def _app(self, service: str) -> Flask:
        with self._lock:
            app = self._apps.get(service)
            if app is None:
                app = self._apps[service] = create_backend_app(service)  # type: ignore[arg-type]  # moto types the name as a Literal of its services
            return app

    def __call__(self, environ: dict[str, Any], start_response: _StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "") != "/":
            return _refuse(start_response, "404 Not Found", "Only the Cognito and STS APIs are served here.")
        if environ.get("REQUEST_METHOD") != "POST":
            return _refuse(start_response, "405 Method Not Allowed", "Only POST is served here.")
        if _host_name(environ) not in _LOOPBACK_HOSTS:
            return _refuse(start_response, "421 Misdirected Request", "Only loopback names are served here.")
        service = _service_of(environ)
        if service is None:
            return _refuse(start_response, "404 Not Found", "Only the Cognito and STS APIs are served here.")

        def without_cors(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            kept = [(name, value) for name, value in headers if not name.lower().startswith("access-control-")]
            return start_response(status, kept, *exc_info)

        return self._app(service)(environ, without_cors)


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
        app = CognitoOnlyApplication()
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
