"""A TCP proxy in front of the emulator server that can misbehave on demand.

Faults a real network produces, on loopback only: refuse connections,
accept and never answer (read timeout), answer HTTP 503 like a load
balancer, or forward normally. Each test switches ``mode`` and the next
request sees it; ``close()`` leaves no thread behind.

``drop_reply_of(operation)`` loses the answer to the next request for that
Cognito operation *after the server acted on it*: the request is forwarded,
the server's whole reply is read, and the client's connection is closed
without a byte of it (what a dropped NAT entry or a flaky Wi-Fi does).
``seen`` counts the requests per operation that reached the server, so a
test can tell whether botocore sent a call again.
"""

from __future__ import annotations

import collections
import re
import socket
import threading

FORWARD, REFUSE, BLACKHOLE, HTTP_503 = "forward", "refuse", "blackhole", "http_503"

_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: 19\r\n"
    b"Connection: close\r\n\r\n<h1>Unavailable</h1>"
)


_TARGET = re.compile(rb"X-Amz-Target: *AWSCognitoIdentityProviderService\.(\w+)", re.IGNORECASE)


class FaultyProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.mode = FORWARD
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._drop: set[str] = set()
        self._swallow: set[str] = set()
        self.seen: collections.Counter[str] = collections.Counter()
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self._spawn(self._accept_loop)

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _listen(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(16)
        sock.settimeout(0.1)
        return sock

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def set_mode(self, mode: str) -> None:
        """Switch behaviour; REFUSE really closes the port (ECONNREFUSED)."""
        with self._lock:
            old, self.mode = self.mode, mode
            if mode != FORWARD:
                # A kept-alive connection must not carry the next request
                # past the fault.
                for conn in self._conns:
                    try:
                        # shutdown() sends the FIN now; close() alone would
                        # wait for the thread still in recv() on it, and the
                        # client would send its next request into a socket
                        # about to close (a lost reply, not a refusal).
                        conn.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    try:
                        conn.close()
                    except OSError:
                        pass
                self._conns.clear()
            if mode == REFUSE and old != REFUSE:
                # shutdown() first: a listener closed while the accept loop
                # still waits in accept() would queue the next connection and
                # reset it after the request was sent (a lost reply again).
                try:
                    self._listener.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self._listener.close()
            elif old == REFUSE and mode != REFUSE:
                self._listener = self._listen(self.port)

    def drop_reply_of(self, operation: str) -> None:
        """Lose the reply to the next ``operation`` request (e.g.
        ``"VerifySoftwareToken"``) once the server has answered it."""
        with self._lock:
            self._drop.add(operation)

    def swallow_request_of(self, operation: str) -> None:
        """Hang up on the next ``operation`` request before the server sees
        it: to the app, a lost reply just like :meth:`drop_reply_of`, but
        Cognito never acted."""
        with self._lock:
            self._swallow.add(operation)

    def _operation(self, request: bytes) -> str | None:
        match = _TARGET.search(request)
        return match.group(1).decode() if match else None

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                listener, mode = self._listener, self.mode
            if mode == REFUSE:
                self._stop.wait(0.05)
                continue
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self._conns.append(conn)
                mode = self.mode  # as of now, not as of before accept() waited
            self._spawn(self._serve, conn, mode)

    def _serve(self, conn: socket.socket, mode: str) -> None:
        conn.settimeout(0.2)
        try:
            if mode == BLACKHOLE:
                while not self._stop.is_set():
                    try:
                        if not conn.recv(65536):
                            return
                    except TimeoutError:
                        continue
            elif mode == HTTP_503:
                conn.recv(65536)
                conn.sendall(_503)
            else:
                self._pipe(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def _pipe(self, conn: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        upstream.settimeout(0.2)
        with self._lock:
            self._conns.append(upstream)
        dropping = False
        try:
            pair = ((conn, upstream), (upstream, conn))
            while not self._stop.is_set():
                idle = True
                for src, dst in pair:
                    try:
                        data = src.recv(65536)
                    except TimeoutError:
                        continue
                    if not data:
                        return
                    if src is conn:
                        operation = self._operation(data)
                        if operation is not None:
                            with self._lock:
                                if operation in self._swallow:
                                    self._swallow.discard(operation)
                                    return
                                self.seen[operation] += 1
                                if operation in self._drop:
                                    self._drop.discard(operation)
                                    dropping = True
                    if src is upstream and dropping:
                        # The server acted and answered; the client never
                        # hears it. Read the reply to its end, then hang up.
                        self._drain(upstream)
                        return
                    dst.sendall(data)
                    idle = False
                if idle and self.mode != FORWARD:
                    return
        finally:
            upstream.close()

    def _drain(self, upstream: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                if not upstream.recv(65536):
                    return
            except TimeoutError:
                return

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            try:
                self._listener.close()
            except OSError:
                pass
            for conn in self._conns:
                try:
                    conn.close()
                except OSError:
                    pass
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=2)
