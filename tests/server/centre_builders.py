"""Builders for what terminals send the centre: a worker with a card read, and a credential walked through its
lifecycle, as the terminal's own use cases would send them (record versions in order)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from terminal.sync.client import EventResult, SyncClient
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal
from tests.sync.liveserver import LiveServer
from wirecontract.qrpayload import CredentialClaims, encode

TODAY = dt.date.today()
NEXT_YEAR = TODAY + dt.timedelta(days=365)
ISSUE_PATH = ("applied", "approved", "printed", "issued")


def terminal_number(server: LiveServer, term: Terminal) -> str:
    rows = server.query("SELECT terminal_number FROM terminals WHERE id = ?", term.terminal_id)
    return str(rows[0][0])


def number_for(server: LiveServer, term: Terminal, seq: int) -> str:
    """A credential number in the terminal's own range."""
    return f"SH{TODAY.year}{terminal_number(server, term)}{seq:05d}"


@dataclass
class CredentialOnTerminal:
    """A credential as one terminal keeps it: its record version and card version move as it sends events."""

    client: SyncClient
    number: str
    worker_uid: str
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    record_version: int = 0
    version: int = 1
    state: str | None = None

    def send(self, state: str, new_version: bool = False, **extra: Any) -> EventResult:
        self.record_version += 1
        if new_version:
            self.version += 1
        self.state = state
        payload = {"credential_no": self.number, "worker_uid": self.worker_uid, "version": self.version,
                   "state": state, "valid_from": TODAY.isoformat(), "valid_to": NEXT_YEAR.isoformat(), **extra}  # fmt: skip
        [result] = self.client.push([wire(self.uid, self.record_version, payload, entity="credential",
                                          kind=f"credential.{state}")])  # fmt: skip
        return result

    def issue(self, **extra: Any) -> list[EventResult]:
        return [self.send(state, **extra) for state in ISSUE_PATH]


def push_worker(client: SyncClient, name: str = "王秀英", id_number: str = "310101199001011234",
                photo: dict[str, str] | None = None) -> str:  # fmt: skip
    """A registered worker; `photo` as the terminal sends it (wirecontract.photo.WirePhoto.to_json())."""
    uid = uuid.uuid4().hex
    payload: dict[str, Any] = {"identity": {"id_number": id_number, "name": name}}
    if photo is not None:
        payload["photo"] = photo
    [result] = client.push([wire(uid, 1, payload, kind="worker.registered")])
    assert result.status == "accepted", result
    return uid


def claims(number: str, name: str = "王秀英", version: int = 1, valid_to: dt.date = NEXT_YEAR) -> CredentialClaims:
    return CredentialClaims(number, version, name, "310101********1234", "测试家政", ("cleaning",), TODAY, valid_to)


def qr_url(server: LiveServer, term: Terminal, number: str, **kwargs: Any) -> str:
    return encode(claims(number, **kwargs), term.key, server.url)
