"""A TCP proxy in front of the emulator server that can misbehave on demand.

Faults a real network produces, on loopback only: refuse connections,
accept and never answer (read timeout), answer HTTP 503 like a load
balancer, or forward normally. Each test switches ``mode`` and the next
request sees it; ``close()`` leaves no thread behind.
"""

from __future__ import annotations

import socket
import threading

FORWARD, REFUSE, BLACKHOLE, HTTP_503 = "forward", "refuse", "blackhole", "http_503"

_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: 19\r\n"
    b"Connection: close\r\n\r\n<h1>Unavailable</h1>"
)


class FaultyProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.mode = FORWARD
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
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
                        conn.close()
                    except OSError:
                        pass
                self._conns.clear()
            if mode == REFUSE and old != REFUSE:
                self._listener.close()
            elif old == REFUSE and mode != REFUSE:
                self._listener = self._listen(self.port)

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
                    dst.sendall(data)
                    idle = False
                if idle and self.mode != FORWARD:
                    return
        finally:
            upstream.close()

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
