"""Oversized requests against the real centre process: refused with 413 before the body is read, and a push
of more events than one batch may carry refused with its own code. The centre keeps serving afterwards.

The requests are written on raw sockets: an HTTP library would insist on sending the whole body first, and the
point is to see the answer arrive while the body is still (or was never) being sent.
"""

from __future__ import annotations

import json
import socket
import threading
import uuid
from pathlib import Path

import pytest
import requests

from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal
from tests.sync.liveserver import LiveServer
from wirecontract import protocol as p

ROOT = Path(__file__).parents[2]
MIB = 1024 * 1024
PUSH_LIMIT = 16 * MIB  # docs/centre.md, "Limits"
DEFAULT_LIMIT = 64 * 1024
PIECE = 64 * 1024


def post_endpoints() -> list[str]:
    """Every POST route of the terminal API (from its OpenAPI document), the admin sign-in, and routes that take
    no POST at all: the limit stands in front of routing, so none of them may read a big body either."""
    paths = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))["paths"]
    api = sorted(path for path, methods in paths.items() if "post" in methods)
    assert p.PUSH_PATH in api and p.ENROL_PATH in api
    return [*api, "/admin/login/", "/V/NOTAPAYLOAD", "/healthz", "/no/such/route"]


class RawRequest:
    """One HTTP/1.1 request on its own socket: headers first, then (in a thread) as much body as asked for,
    while the test reads the answer. The sender stops when the centre closes the connection."""

    def __init__(self, port: int, path: str, headers: dict[str, str]) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        head = "".join(f"{name}: {value}\r\n" for name, value in {"Host": f"127.0.0.1:{port}", **headers}.items())
        self.sock.sendall(f"POST {path} HTTP/1.1\r\n{head}\r\n".encode("latin-1"))
        self.sent = 0
        self._sender: threading.Thread | None = None

    def send_body(self, size: int, chunked: bool = False, finish: bool = True) -> None:
        def send() -> None:
            piece = b"x" * PIECE
            try:
                while self.sent < size:
                    part = piece[: min(PIECE, size - self.sent)]
                    self.sock.sendall(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
                    self.sent += len(part)
                if chunked and finish:
                    self.sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the centre answered and closed the connection: exactly what is being tested

        self._sender = threading.Thread(target=send, daemon=True)
        self._sender.start()

    def answer(self) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of the answer (read until the centre closes, or by Content-Length)."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            assert chunk, "the centre closed the connection without answering"
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = self.sock.recv(65536)
            assert chunk, "the answer was cut short"
            body += chunk
        return status, headers, body

    def close(self) -> None:
        self.sock.close()
        if self._sender is not None:
            self._sender.join(30)
            assert not self._sender.is_alive()


def assert_body_too_large(status: int, headers: dict[str, str], body: bytes, limit: int) -> None:
    assert status == 413
    assert headers["content-type"] == "application/json"
    assert p.HEADER_SERVER_TIME.lower() in headers
    error = json.loads(body)["error"]
    assert error["code"] == p.ErrorCode.BODY_TOO_LARGE.value
    assert str(limit) in error["message"]


def signature_shape(path: str) -> dict[str, str]:
    """A push carrying a terminal's signature headers (their values are checked only once the body is read) is
    allowed the push's size; every other request, and an unsigned push, the default."""
    if path != p.PUSH_PATH:
        return {}
    return {p.HEADER_TERMINAL: "T0000000000000000", p.HEADER_TIMESTAMP: "1", p.HEADER_NONCE: "0" * 32,
            p.HEADER_SIGNATURE: "x"}  # fmt: skip


def test_an_unsigned_push_gets_the_default_limit(live_server: LiveServer) -> None:
    size = 1000 * 1000
    request = RawRequest(live_server.port, p.PUSH_PATH, {"Content-Type": "application/json", "Content-Length": str(size)})
    try:
        assert_body_too_large(*request.answer(), DEFAULT_LIMIT)
    finally:
        request.close()


def assert_still_serving(server: LiveServer) -> None:
    assert requests.get(f"{server.url}/healthz", timeout=10).json()["ok"] is True


@pytest.mark.parametrize("path", post_endpoints())
def test_a_20_mb_unauthenticated_body_is_refused_before_it_is_read(live_server: LiveServer, path: str) -> None:
    size = 20 * 1000 * 1000
    limit = DEFAULT_LIMIT  # without a terminal's signature headers, a push gets no more room than anything else
    request = RawRequest(live_server.port, path, {"Content-Type": "application/json", "Content-Length": str(size)})
    try:
        # Not one byte of the body has been sent: an answer now can only come from the declared length.
        assert_body_too_large(*request.answer(), limit)
        assert request.sock.recv(1) == b""  # and the connection is closed, the body never read
    finally:
        request.close()
    assert_still_serving(live_server)


@pytest.mark.parametrize("path", [p.ENROL_PATH, p.PUSH_PATH])
def test_a_20_mb_body_sent_in_full_gets_413_and_the_centre_keeps_serving(live_server: LiveServer, path: str) -> None:
    size = 20 * 1000 * 1000
    request = RawRequest(live_server.port, path,
                         {"Content-Type": "application/json", "Content-Length": str(size), **signature_shape(path)})  # fmt: skip
    request.send_body(size)
    try:
        assert_body_too_large(*request.answer(), PUSH_LIMIT if path == p.PUSH_PATH else DEFAULT_LIMIT)
    finally:
        request.close()
    assert_still_serving(live_server)


@pytest.mark.parametrize(("path", "limit"), [(p.ENROL_PATH, DEFAULT_LIMIT), (p.PUSH_PATH, PUSH_LIMIT)])
def test_a_chunked_body_is_cut_off_at_the_limit(live_server: LiveServer, path: str, limit: int) -> None:
    """No Content-Length to check: the centre counts the body as it arrives. The final chunk is never sent, so the
    answer proves the centre stopped reading at the limit instead of waiting for the body's end."""
    request = RawRequest(live_server.port, path,
                         {"Content-Type": "application/json", "Transfer-Encoding": "chunked", **signature_shape(path)})  # fmt: skip
    request.send_body(limit + PIECE, chunked=True, finish=False)
    try:
        assert_body_too_large(*request.answer(), limit)
    finally:
        request.close()
    assert_still_serving(live_server)


def test_bodies_within_the_limit_reach_the_api(live_server: LiveServer) -> None:
    """At the limit exactly, or chunked and small, a body goes through to the API, which judges what it says."""
    for headers, size, chunked in (
        ({"Content-Length": str(DEFAULT_LIMIT)}, DEFAULT_LIMIT, False),
        ({"Transfer-Encoding": "chunked"}, 1000, True),
    ):
        request = RawRequest(live_server.port, p.ENROL_PATH, {"Content-Type": "application/json", **headers})
        request.send_body(size, chunked=chunked)
        try:
            status, _headers, body = request.answer()
        finally:
            request.close()
        assert status == 400 or status == 422, body  # not JSON: the API's own refusal, not the size limit
    over = RawRequest(live_server.port, p.ENROL_PATH,
                      {"Content-Type": "application/json", "Content-Length": str(DEFAULT_LIMIT + 1)})  # fmt: skip
    try:
        assert_body_too_large(*over.answer(), DEFAULT_LIMIT)
    finally:
        over.close()


def test_a_push_of_more_events_than_a_batch_is_refused_with_its_code(live_server: LiveServer,
                                                                      terminal: Terminal) -> None:  # fmt: skip
    events = [wire(uuid.uuid4().hex, 1) for _ in range(p.MAX_PUSH_BATCH + 1)]
    raw = json.dumps({"events": events}, separators=(",", ":")).encode()
    assert len(raw) < PUSH_LIMIT  # within the body limit: it is the event count that is refused
    headers = p.signed_headers(terminal.key, terminal.terminal_id, "POST", p.PUSH_PATH, raw, p.utc_now())
    response = requests.post(live_server.url + p.PUSH_PATH, data=raw, timeout=60,
                             headers={**headers, "Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert response.json()["error"]["code"] == p.ErrorCode.BATCH_TOO_LARGE.value
    assert live_server.event_ids(terminal.terminal_id, status=None) == []
    assert_still_serving(live_server)
