"""The public verification page a phone opens from the QR code: signature first, then live status."""

from __future__ import annotations

import datetime as dt
import uuid

import requests

from terminal.sync.client import SyncClient
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal
from tests.sync.liveserver import LiveServer
from wirecontract.qrpayload import CredentialClaims, encode

TODAY = dt.date.today()


def claims(number: str) -> CredentialClaims:
    return CredentialClaims(number, 1, "王秀英", "310101********1234", "测试家政", ("cleaning",), TODAY,
                            TODAY + dt.timedelta(days=365))  # fmt: skip


def push_credential(server: LiveServer, term: Terminal, number: str, **extra: str) -> None:
    worker_uid = uuid.uuid4().hex
    client = SyncClient(server.url, term.key, term.terminal_id)
    results = client.push([
        wire(worker_uid, 1, {"identity": {"id_number": "310101199001011234", "name": "王秀英"}}),
        wire(uuid.uuid4().hex, 1, {"credential_no": number, "worker_uid": worker_uid, "state": "issued",
                                   "valid_to": (TODAY + dt.timedelta(days=365)).isoformat(), **extra},
             entity="credential"),
    ])  # fmt: skip
    assert {r.status for r in results} == {"accepted"}


def page(url: str) -> tuple[int, str]:
    response = requests.get(url, timeout=5)
    return response.status_code, response.text


def test_valid_then_revoked(live_server: LiveServer, terminal: Terminal) -> None:
    push_credential(live_server, terminal, "SH2026000001")
    url = encode(claims("SH2026000001"), terminal.key, live_server.url)
    status, html = page(url)
    assert status == 200 and 'data-state="valid"' in html and "王**" in html and "王秀英" not in html
    assert 'name="viewport"' in html
    live_server.set_credential_status("SH2026000001", "revoked", "违规")
    assert 'data-state="revoked"' in page(url)[1]
    assert 'data-state="revoked"' in page(f"{live_server.url}/c/SH2026000001")[1]


def test_attention_when_health_check_lapsed(live_server: LiveServer, terminal: Terminal) -> None:
    push_credential(live_server, terminal, "SH2026000002", health_valid_to=(TODAY - dt.timedelta(days=1)).isoformat())
    status, html = page(encode(claims("SH2026000002"), terminal.key, live_server.url))
    assert status == 200 and 'data-state="attention"' in html and "健康体检" in html


def test_forged_altered_unsynced_and_unknown(live_server: LiveServer, terminal: Terminal) -> None:
    url = encode(claims("SH2026000003"), terminal.key, live_server.url)
    assert 'data-state="unsynced"' in page(url)[1]  # signed by an enrolled terminal, not synced yet
    tampered = url[:-8] + ("A" if url[-8] != "A" else "B") + url[-7:]
    assert 'data-state="refused"' in page(tampered)[1] or page(tampered)[0] == 404
    from wirecontract.signing import TerminalKey

    forged = encode(claims("SH2026000003"), TerminalKey.generate(), live_server.url)
    _status, html = page(forged)
    assert 'data-state="refused"' in html and "签发终端未登记" in html
    assert page(f"{live_server.url}/V/NOTAPAYLOAD")[0] == 404
    assert page(f"{live_server.url}/c/NOSUCHNUMBER")[0] == 404
