"""Rotating the centre's key: cards printed before still verify, an enrolled terminal follows the signed hand-over
on its next real sync and pins the new key, and nothing else can use the hand-over."""

from __future__ import annotations

import datetime as dt

import pytest
import requests

from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.sync import errors
from terminal.sync import state as keys
from terminal.sync.client import SyncClient
from terminal.sync.wiring import engine_for, enrol_terminal
from terminal.usecases.demo import fill_demo
from terminal.usecases.printing import card_data
from terminal.usecases.setup import terminal_key
from tests.sync.liveserver import LiveServer
from wirecontract import keyhandover
from wirecontract import protocol as p
from wirecontract.signing import TerminalKey, b64url, b64url_decode


def _issued_card_url(store: Database) -> str:
    number = store.scalar("SELECT credential_no FROM credentials WHERE state = 'issued' ORDER BY id LIMIT 1")
    assert number
    return card_data(store, str(number), dt.date.today()).qr_url


@pytest.mark.expected_logs("not signed by the pinned centre key")
def test_rotation_keeps_cards_valid_and_terminals_follow_the_handover(demo_server: LiveServer, store: Database) -> None:
    fill_demo(store, workers=6)
    enrol_terminal(store, demo_server.code_for(store), demo_server.url)
    assert engine_for(store).sync_once().rejected == 0
    old_pin = SyncStateRepo(store).get(keys.CENTRE_KEY)
    card = _issued_card_url(store)
    assert 'data-state="valid"' in requests.get(card, timeout=10).text

    rotated = demo_server.command("key", "rotate")
    assert "中心签名密钥已轮换" in rotated.stdout
    demo_server.stop()  # every process restarts after a rotation (docs/keys-and-trust.md)
    demo_server.start()

    assert 'data-state="valid"' in requests.get(card, timeout=10).text  # cards are the terminals' signatures
    trust = requests.get(demo_server.url + p.TRUST_LIST_PATH, timeout=10).json()
    new_key = b64url_decode(trust["centre_public_key"])
    assert b64url(new_key) != old_pin
    [link] = [keyhandover.Link.from_json(raw) for raw in trust["centre_key_handovers"]]
    assert link.verifies() and b64url(link.old_key) == old_pin and link.new_key == new_key

    report = engine_for(store).sync_once()  # the real sync: the answers are signed by the new key
    assert report.rejected == 0 and SyncStateRepo(store).get(keys.LAST_ERROR) is None
    assert SyncStateRepo(store).get(keys.CENTRE_KEY) == b64url(new_key)  # pinned, and kept in the store
    assert engine_for(store).sync_once().rejected == 0  # and the next sync needs no hand-over

    # The same terminal with some other key pinned finds no link from it: the answer is refused, nothing pinned.
    other_pin = TerminalKey.generate().public_raw
    client = SyncClient(demo_server.url, terminal_key(store), SyncStateRepo(store).get(keys.TERMINAL_ID),
                        centre_key=other_pin)  # fmt: skip
    with pytest.raises(errors.UntrustedAnswer):
        client.pull(None)
    assert client.centre_key == other_pin


def test_a_forged_link_is_not_followed() -> None:
    pinned, impostor, target = TerminalKey.generate(), TerminalKey.generate(), TerminalKey.generate()
    forged = keyhandover.make_link(impostor, target.public_raw, "2026-11-29T00:00:00.000Z")
    tampered = keyhandover.Link(pinned.public_raw, target.public_raw, forged.at, forged.signature)
    chain = keyhandover.decode_chain(keyhandover.encode_chain([forged, tampered]))
    assert keyhandover.follow(pinned.public_raw, chain) == pinned.public_raw
    honest = keyhandover.make_link(pinned, impostor.public_raw, forged.at)
    # Two honest steps are followed to the end; a loop back to the start ends there.
    assert keyhandover.follow(pinned.public_raw, [forged, honest]) == target.public_raw
    looping = keyhandover.make_link(target, pinned.public_raw, forged.at)
    assert keyhandover.follow(pinned.public_raw, [honest, forged, looping]) == pinned.public_raw
    for bad in ("", "not base64 !", b64url(b"[]"), b64url(b'[{"old": "x"}]')):
        with pytest.raises(ValueError):
            keyhandover.decode_chain(bad)
