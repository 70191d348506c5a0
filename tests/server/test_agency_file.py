"""The agency's registration file (entity "agency") at a real centre, on SQLite and PostgreSQL: only the agency's
own file, the legal representative only from a card read the centre decodes itself, and two terminals of one
agency that never refuse each other's versions (centre/sync/agency_file.py)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from terminal.store.db import Database
from terminal.store.migrate import migrate
from tests.server.test_attacks import AGENCY_B
from tests.server.test_protocol import wire
from tests.sync.conftest import AGENCY_ID, Terminal, enrol, registration
from tests.sync.conftest import test_number as valid_id_number
from tests.sync.liveserver import LiveServer
from wirecontract.protocol import RejectCode

PERSON = ("李法人", valid_id_number(4242))


def _file(legal_representative: str = "王某", credit_code: str = AGENCY_ID) -> dict[str, Any]:
    return {"credit_code": credit_code, "name": "测试家政", "licence_no": "310105000111", "address": "上海市长宁区",
            "legal_representative": legal_representative, "qualifications": []}  # fmt: skip


def _representative(uid: str, version: int, stated: str = PERSON[0], provenance: bool = True) -> dict[str, Any]:
    read, card_provenance = registration(*PERSON)
    event = wire(uid, version, {**_file(stated), "legal_representative_card_read": read["card_read"]},
                 entity="agency", kind="agency.legal_representative")  # fmt: skip
    event["provenance"] = card_provenance if provenance else None
    return event


def _profile(uid: str, version: int, **changes: Any) -> dict[str, Any]:
    return wire(uid, version, {**_file(), **changes}, entity="agency", kind="agency.profile_changed")


def _terminal(tmp_path: Path, name: str, centre: LiveServer, agency: tuple[str, str] | None = None) -> Terminal:
    db = Database.open(tmp_path / f"{name}.db", os.urandom(32))
    migrate(db)
    return enrol(db, centre, agency=agency) if agency else enrol(db, centre)


def _record(centre: LiveServer, uid: str) -> tuple[int, dict[str, Any]]:
    [(version, data)] = centre.query("SELECT version, data FROM records WHERE entity = 'agency' AND entity_uid = ?", uid)
    return int(version), data if isinstance(data, dict) else json.loads(data)


def test_the_agency_file_is_checked_like_a_registration(live_server: LiveServer, tmp_path: Path) -> None:
    centre, uid = live_server, uuid.uuid4().hex
    first = _terminal(tmp_path, "a1", centre).client(centre.url)
    second = _terminal(tmp_path, "a2", centre).client(centre.url)  # the same agency's second counter
    other = _terminal(tmp_path, "b", centre, AGENCY_B).client(centre.url)

    [typed] = first.push([_profile(uid, 1)])
    assert typed.status == "accepted"  # the name typed at set-up, not yet read from a card
    assert "legal_representative_identity" not in _record(centre, uid)[1]

    # The legal representative only from a genuine card read: the stated name is the card's, with provenance.
    refused = first.push([_representative(uid, 2, stated="张冒名"), _representative(uid, 2, provenance=False),
                          _profile(uid, 2, legal_representative_card_read={"text": "x"})])  # fmt: skip
    assert [r.code for r in refused] == [RejectCode.IDENTITY_NOT_FROM_CARD, RejectCode.MISSING_PROVENANCE,
                                         RejectCode.IDENTITY_NOT_FROM_CARD]  # fmt: skip
    [read] = first.push([_representative(uid, 2)])
    assert read.status == "accepted", read
    version, data = _record(centre, uid)
    assert version == 2 and data["legal_representative"] == PERSON[0]
    assert data["legal_representative_identity"]["id_number"] == PERSON[1]
    assert "legal_representative_card_read" not in data  # the block stays in the event
    # A later profile change cannot rename the representative the card named.
    [renamed] = first.push([_profile(uid, 3, legal_representative="张冒名")])
    assert renamed.code == RejectCode.IDENTITY_NOT_FROM_CARD

    # Only the agency's own file: another agency neither writes this record nor files one in this agency's name.
    stolen, forged = other.push([_profile(uid, 5, legal_representative=PERSON[0], credit_code=AGENCY_B[0]),
                                 _profile(uuid.uuid4().hex, 1)])  # fmt: skip
    assert stolen.code == forged.code == RejectCode.NOT_OWNER

    # Two terminals of one agency number the file each on their own: neither refuses the other's versions; a
    # version is stale only against the same terminal's earlier ones. The last file to arrive is the record.
    [from_second] = second.push([_profile(uid, 1, legal_representative=PERSON[0], phone="021-12345678")])
    assert from_second.status == "accepted"
    [from_first] = first.push([_profile(uid, 3, legal_representative=PERSON[0], phone="021-87654321")])
    assert from_first.status == "accepted"
    [replayed] = second.push([_profile(uid, 1, legal_representative=PERSON[0])])
    assert replayed.code == RejectCode.STALE_VERSION
    version, data = _record(centre, uid)
    assert version == 4 and data["phone"] == "021-87654321"
    assert data["legal_representative_identity"]["id_number"] == PERSON[1]  # a profile change keeps the read
