"""Client classification through the transport seam: status and error code decide, never message text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from terminal.core.errors import SyncErrorKind, SyncFault
from terminal.sync.client import SyncClient, parse_retry_after
from terminal.sync.transport import HttpResponse
from wirecontract import protocol as p
from wirecontract.signing import TerminalKey, b64url

NOW = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)


CENTRE = TerminalKey.generate()
BASE = "https://centre.example.cn"


class OneAnswer:
    """Answers every request alike, signed by the centre's key as the real centre signs (bound to the request),
    so what is tested is the client's reading of the answer."""

    def __init__(self, status: int, body: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.status, self.body, self.headers = status, body, dict(headers or {})
        self.sent: list[tuple[str, str]] = []

    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: float) -> HttpResponse:
        self.sent.append((method, url))
        target = url.removeprefix(BASE)
        message = p.canonical_response(method, target, body, headers.get(p.HEADER_NONCE, ""), self.status, self.body)
        signed = {**self.headers, p.HEADER_CENTRE_SIGNATURE.lower(): b64url(CENTRE.sign(message))}
        return HttpResponse(self.status, signed, self.body)


def client(transport: OneAnswer) -> SyncClient:
    return SyncClient(BASE, TerminalKey.generate(), "T1", transport=transport, centre_key=CENTRE.public_raw)


def test_retry_after_forms() -> None:
    assert parse_retry_after("7", NOW) == 7.0
    assert parse_retry_after("Thu, 26 Nov 2026 12:00:30 GMT", NOW) == 30.0
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (200, b"<html>captive portal</html>", SyncErrorKind.PROTOCOL),
        (200, b"[]", SyncErrorKind.PROTOCOL),
        (502, b"bad gateway", SyncErrorKind.SERVER_ERROR),
        (401, b'{"error": {"code": "bad_signature", "message": "not enrolled"}}', SyncErrorKind.AUTH),
        (400, b'{"error": {"code": "bad_cursor", "message": "x"}}', SyncErrorKind.REJECTED),
        (302, b"", SyncErrorKind.PROTOCOL),
    ],
)
def test_failures_are_typed(status: int, body: bytes, kind: SyncErrorKind) -> None:
    with pytest.raises(SyncFault) as info:
        client(OneAnswer(status, body)).receipt()
    assert info.value.kind is kind


def test_push_answer_must_be_well_formed() -> None:
    transport = OneAnswer(200, b'{"results": [{"event_id": "a", "status": "maybe"}]}')
    with pytest.raises(SyncFault) as info:
        client(transport).push([])
    assert info.value.kind is SyncErrorKind.PROTOCOL
    assert transport.sent == [("POST", f"{BASE}/v1/events")]
