"""The public verification page a phone opens from the QR code: the signature and the signer's right first,
then the centre's record: only an issued, current, unexpired credential is valid."""

from __future__ import annotations

import datetime as dt

import requests

from tests.server.centre_builders import TODAY, CredentialOnTerminal, number_for, push_worker, qr_url
from tests.sync.conftest import Terminal
from tests.sync.liveserver import LiveServer
from wirecontract.signing import TerminalKey


def page(url: str, json: bool = False) -> tuple[int, str]:
    response = requests.get(url, timeout=5, headers={"Accept": "application/json"} if json else {})
    return response.status_code, response.text


def state_of(url: str) -> str:
    response = requests.get(url, timeout=5, headers={"Accept": "application/json"})
    return str(response.json()["state"])


def issued(server: LiveServer, term: Terminal, seq: int, **extra: str) -> CredentialOnTerminal:
    client = term.client(server.url)
    credential = CredentialOnTerminal(client, number_for(server, term, seq), push_worker(client))
    assert {r.status for r in credential.issue(**extra)} == {"accepted"}
    return credential


def test_valid_then_revoked(live_server: LiveServer, terminal: Terminal) -> None:
    credential = issued(live_server, terminal, 1)
    url = qr_url(live_server, terminal, credential.number)
    status, html = page(url)
    assert status == 200 and 'data-state="valid"' in html and "王**" in html and "王秀英" not in html
    assert 'name="viewport"' in html
    live_server.set_credential_status(credential.number, "revoked", "违规")
    assert 'data-state="revoked"' in page(url)[1]
    assert state_of(url) == "revoked"


def test_attention_when_health_check_lapsed(live_server: LiveServer, terminal: Terminal) -> None:
    import datetime as dt

    credential = issued(live_server, terminal, 2, health_valid_to=(TODAY - dt.timedelta(days=1)).isoformat())
    status, html = page(qr_url(live_server, terminal, credential.number))
    assert status == 200 and 'data-state="attention"' in html and "健康体检" in html


def test_not_yet_issued_and_replaced(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    credential = CredentialOnTerminal(client, number_for(live_server, terminal, 3), push_worker(client))
    url = qr_url(live_server, terminal, credential.number)
    for state in ("applied", "approved", "printed"):
        assert credential.send(state).status == "accepted"
        assert state_of(url) == "not_issued"
    assert credential.send("issued").status == "accepted"
    assert state_of(url) == "valid"
    assert credential.send("approved", new_version=True).status == "accepted"  # reprint: version 2
    assert state_of(url) == "replaced"  # the old card
    assert credential.send("printed").status == "accepted" and credential.send("issued").status == "accepted"
    assert state_of(qr_url(live_server, terminal, credential.number, version=2)) == "valid"
    assert state_of(url) == "replaced"


def test_a_synced_card_after_its_terminal_is_retired_then_voided_as_compromised(live_server: LiveServer,
                                                                               terminal: Terminal) -> None:  # fmt: skip
    """The signer is read with the record (one statement): its retirement and compromise judged on a card the centre
    holds, on SQLite (timestamps as text) as on PostgreSQL."""
    credential = issued(live_server, terminal, 2)
    card = qr_url(live_server, terminal, credential.number)  # valid from today
    live_server.command("terminal", "revoke", terminal.terminal_id, "--reason", "停用")
    assert state_of(card) == "valid"  # a retired terminal's cards stay valid until they expire
    # Retired three days ago: a card it says it issued from today on was signed after its retirement.
    live_server.query("UPDATE terminals SET revoked_at = ? WHERE id = ?",
                      f"{TODAY - dt.timedelta(days=3)} 12:00:00", terminal.terminal_id)  # fmt: skip
    refusal = requests.get(card, timeout=5, headers={"Accept": "application/json"}).json()
    assert refusal["state"] == "refused" and "停用之后签发" in refusal["text"]
    live_server.command("terminal", "revoke", terminal.terminal_id, "--reason", "被盗", "--compromised")
    status, html = page(card)
    assert status == 200 and 'data-state="refused"' in html and "签发终端已被中心吊销" in html


def test_forged_altered_unsynced_and_unknown(live_server: LiveServer, terminal: Terminal) -> None:
    url = qr_url(live_server, terminal, number_for(live_server, terminal, 4))
    assert state_of(url) == "unsynced"  # an enrolled terminal signed it, but the centre cannot confirm it
    assert "签名有效" not in page(url)[1]
    tampered = url[:-8] + ("A" if url[-8] != "A" else "B") + url[-7:]
    assert 'data-state="refused"' in page(tampered)[1] or page(tampered)[0] == 404
    forged = qr_url(live_server, Terminal(terminal.db, TerminalKey.generate(), "T0", b""), number_for(live_server, terminal, 4))
    _status, html = page(forged)
    assert 'data-state="refused"' in html and "签发终端未登记" in html
    assert page(f"{live_server.url}/V/NOTAPAYLOAD")[0] == 404
    assert page(f"{live_server.url}/c/NOSUCHNUMBER")[0] == 404  # no public look-up by number: numbers can be walked
