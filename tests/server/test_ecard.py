"""The electronic credential's rules at the centre, over HTTP against a real centre on SQLite and PostgreSQL: an
activation link believed only from the owning agency's terminal, once, before it expires, for a live credential;
the phone's key certified for the card; a later activation voiding the phone before; a shown code checked by its
chain, its freshness and the phone being current; revocation and reprint disabling it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from terminal.store.db import Database
from terminal.store.migrate import migrate
from terminal.usecases.ecard import new_code
from tests.server.centre_builders import CredentialOnTerminal, number_for, push_worker, qr_url
from tests.sync.conftest import Terminal, enrol
from tests.sync.liveserver import LiveServer
from wirecontract import ecard, signing
from wirecontract.signing import TerminalKey, b64url, b64url_decode

AGENCY_B = ("91310000MA1FLBBBBX", "乙家政服务有限公司")
JSON = {"Accept": "application/json"}


def link(server: LiveServer, term: Terminal, card_url: str, code: str | None = None, age: int = 0) -> str:
    """An activation link as the terminal makes it (terminal.usecases.ecard), with a fresh code unless given."""
    activation = ecard.Activation(code or new_code(), int(time.time()) - age, ecard.ACTIVATION_TTL_MINUTES, card_url)
    return ecard.encode_activation(activation, term.key, server.url)


class P256Phone:
    """A phone whose browser has no Ed25519: an ECDSA P-256 key, signing as WebCrypto does (r||s)."""

    def __init__(self) -> None:
        self._key = ec.generate_private_key(ec.SECP256R1())
        self.public_raw = self._key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )

    def sign(self, message: bytes) -> bytes:
        r, s = utils.decode_dss_signature(self._key.sign(message, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")


Phone = TerminalKey | P256Phone


def activate(url: str, phone: Phone) -> requests.Response:
    session = requests.Session()
    page = session.get(url, timeout=10)
    token = session.cookies.get("csrftoken") or ""
    answer = session.post(url, json={"public_key": b64url(phone.public_raw)}, timeout=10,
                          headers={"X-CSRFToken": token, "Referer": url, **JSON})  # fmt: skip
    assert page.status_code in (200, 409)
    return answer


def shown(answer: dict[str, Any], phone: Phone, at: int | None = None) -> str:
    now = int(time.time()) if at is None else at
    card_url = answer["card_url"]
    proof = phone.sign(ecard.proof_message(card_url, now))
    return ecard.encode_presentation(ecard.Presentation(card_url, phone.public_raw, answer["certified"],
                                                        b64url_decode(answer["certificate"]), now, proof))  # fmt: skip


def verdict(url: str) -> dict[str, Any]:
    response = requests.get(url, headers=JSON, timeout=10)
    body: dict[str, Any] = response.json()
    return body


def test_activation_certification_and_the_shown_code(
    live_server: LiveServer, terminal: Terminal, tmp_path: Path
) -> None:
    """One centre per database for both parts: a centre's start costs more than the checks."""
    phones_and_codes(live_server, terminal)
    owning_agency_live_credential_reprint(live_server, terminal, tmp_path)


def phones_and_codes(live_server: LiveServer, terminal: Terminal) -> None:
    client = terminal.client(live_server.url)
    number = number_for(live_server, terminal, 1)
    cred = CredentialOnTerminal(client, number, push_worker(client))
    assert {r.status for r in cred.issue()} == {"accepted"}
    card_url = qr_url(live_server, terminal, number)

    first = TerminalKey.generate()
    first_link = link(live_server, terminal, card_url)
    bad_key = requests.Session()
    bad_key.get(first_link, timeout=10)
    sent = bad_key.post(first_link, json={"public_key": "not-a-key"}, timeout=10,
                        headers={"X-CSRFToken": bad_key.cookies.get("csrftoken") or "", **JSON})  # fmt: skip
    assert sent.status_code == 409 and "密钥" in sent.json()["error"]  # and the code is not spent by it
    assert requests.get(live_server.url + "/A/NOTALINK", timeout=10).status_code == 409
    assert requests.get(live_server.url + "/E/NOTACODE", headers=JSON, timeout=10).json()["state"] == "unknown"
    answer = activate(first_link, first)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["card"]["holder"] == "王**" and body["card"]["credential_no"] == number
    centre_public = b64url_decode(body["centre_key"])
    message = ecard.certificate_message(card_url, first.public_raw, body["certified"])
    assert signing.verify(centre_public, message, b64url_decode(body["certificate"]))

    fresh = verdict(shown(body, first))
    assert fresh["state"] == "valid" and fresh["ecard"] is True, fresh
    stale = verdict(shown(body, first, at=int(time.time()) - 5 * 60))  # a screenshot from five minutes ago
    assert stale["state"] == "refused" and "过时" in stale["reasons"][0]["text"]
    forged = shown(body, TerminalKey.generate())  # another key, not the certified one
    assert verdict(forged)["state"] == "refused"

    # The same code for another phone: refused, and the first phone keeps working.
    again = activate(first_link, TerminalKey.generate())
    assert again.status_code == 409 and "已使用" in again.json()["error"]
    assert verdict(shown(body, first))["state"] == "valid"

    # A new link (a lost phone): the new phone works, the old one is void; an older unused link cannot undo it.
    second = P256Phone()
    renewed = activate(link(live_server, terminal, card_url, code="KLMNOPQRST"), second)
    assert renewed.status_code == 201
    assert verdict(shown(renewed.json(), second))["state"] == "valid"
    assert verdict(shown(body, first))["state"] == "refused"
    older = activate(link(live_server, terminal, card_url, code="UVWXYZ2345", age=3600), first)
    assert older.status_code == 409
    rows = live_server.query("SELECT voided_at IS NULL FROM ecard_phones WHERE credential_no = ? ORDER BY certified_at, id",
                             number)  # fmt: skip
    assert sorted(r[0] for r in rows) == [False, True]
    status = requests.get(live_server.url + "/e/status/" + body["phone_id"], timeout=10).json()
    assert status == {"usable": False, "state": "voided", "text": status["text"]}

    # Revoked at the centre: the live status says so, for the phone and for whoever checks its code.
    live_server.set_credential_status(number, "revoked", "违规")
    assert verdict(shown(renewed.json(), second))["state"] == "revoked"
    current = requests.get(live_server.url + "/e/status/" + renewed.json()["phone_id"], timeout=10).json()
    assert current["usable"] is False and current["state"] == "revoked"
    refused = activate(link(live_server, terminal, card_url, code="ZZZZZ22222"), TerminalKey.generate())
    assert refused.status_code == 409
    # Per link: the eleventh attempt within the hour is told to wait, refused or not.
    flooded = link(live_server, terminal, card_url, code="FLOODFLOOD")
    answers = [activate(flooded, TerminalKey.generate()).status_code for _ in range(11)]
    assert answers[:10] == [409] * 10 and answers[10] == 429


def owning_agency_live_credential_reprint(live_server: LiveServer, terminal: Terminal, tmp_path: Path) -> None:
    client = terminal.client(live_server.url)
    number = number_for(live_server, terminal, 2)
    cred = CredentialOnTerminal(client, number, push_worker(client, id_number="310101199001011250"))
    assert {r.status for r in cred.issue()} == {"accepted"}
    card_url = qr_url(live_server, terminal, number)
    other_db = Database.open(tmp_path / "b.db", b"k" * 32)
    migrate(other_db)
    try:
        other = enrol(other_db, live_server, agency=AGENCY_B)
        foreign = activate(link(live_server, other, card_url), TerminalKey.generate())
        assert foreign.status_code == 409 and "所属机构" in foreign.json()["error"]
    finally:
        other_db.close()
    expired = activate(link(live_server, terminal, card_url, age=(ecard.ACTIVATION_TTL_MINUTES + 1) * 60),
                       TerminalKey.generate())  # fmt: skip
    assert expired.status_code == 409 and "过期" in expired.json()["error"]
    tampered = link(live_server, terminal, card_url)
    tampered = tampered[:-3] + ("A" if tampered[-3] != "A" else "B") + tampered[-2:]
    assert activate(tampered, TerminalKey.generate()).status_code == 409
    # A reprint (version 2): the phone certified for version 1 stops, and a link for the old card is refused.
    phone = TerminalKey.generate()
    answer = activate(link(live_server, terminal, card_url), phone)
    assert answer.status_code == 201
    assert cred.send("approved", new_version=True).status == "accepted"
    assert cred.send("printed").status == "accepted" and cred.send("issued").status == "accepted"
    assert verdict(shown(answer.json(), phone))["state"] == "replaced"
    old_card = activate(link(live_server, terminal, card_url, code="QQQQQQQQQQ"), TerminalKey.generate())
    assert old_card.status_code == 409
    renewed = qr_url(live_server, terminal, number, version=2)
    assert activate(link(live_server, terminal, renewed, code="RRRRRRRRRR"), TerminalKey.generate()).status_code == 201
