"""A fault-injecting HTTP proxy on loopback, between the terminal and the real server.

Each request takes the next fault from a script (then passes through):
  pass | 500 | 503 | 429 (Retry-After: 1) | reset_before (RST, request never forwarded) |
  reset_after (forwarded and answered by the server, then RST) | slow_after (forwarded, answer held back
  past the client's timeout) | twice (forwarded twice, the client sees the first answer:
  a duplicated delivery of the very same request).
"""

from __future__ import annotations

import http.client
import socket
import struct
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class FaultProxy:
    def __init__(self, upstream_port: int, slow_seconds: float = 2.0) -> None:
        self.upstream_port = upstream_port
        self.slow_seconds = slow_seconds
        self.script: deque[str] = deque()
        self.seen: list[tuple[str, str, str]] = []  # (method, path, fault)
        self.replayed_statuses: list[int] = []  # what the server answered to "twice"'s second copy
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy._handle(self)

            def do_POST(self) -> None:
                proxy._handle(self)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def inject(self, *faults: str) -> None:
        with self._lock:
            self.script.extend(faults)

    def _next_fault(self) -> str:
        with self._lock:
            return self.script.popleft() if self.script else "pass"

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        fault = self._next_fault()
        self.seen.append((handler.command, handler.path, fault))
        if fault in ("500", "503", "429"):
            _reply(handler, int(fault), b'{"detail":"injected"}', {"Retry-After": "1"} if fault == "429" else {})
            return
        if fault == "reset_before":
            _reset(handler)
            return
        status, headers, answer = self._forward(handler, body)
        if fault == "twice":
            self.replayed_statuses.append(self._forward(handler, body)[0])
        if fault == "reset_after":
            _reset(handler)
            return
        if fault == "slow_after":
            time.sleep(self.slow_seconds)
        _reply(handler, status, answer, headers)

    def _forward(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=30)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP_HEADERS}
            conn.request(handler.command, handler.path, body=body, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            kept = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_HEADERS}
            return response.status, kept, answer
        finally:
            conn.close()


def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
    try:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        return  # the client gave up waiting (the timeout case)
    handler.close_connection = True


def _reset(handler: BaseHTTPRequestHandler) -> None:
    # SO_LINGER 0 makes close() send RST: the client sees "connection reset by peer".
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True
