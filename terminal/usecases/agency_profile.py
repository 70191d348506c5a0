"""The agency's own registration file (机构备案资料): the licence, the address and lease, the legal
representative (identity only from a card read, kept with its provenance), the qualification certificates and
the integrity commitment letter as scans. Administrators edit it; every change is audited and pushed to the
centre as a new version of the agency's record (entity "agency"; docs/sync-protocol.md).

What the centre does with it today: it keeps the record's data as sent, like any record of the agency's own,
and refuses it from another agency (not_owner). It does not yet decode the legal representative's card read
itself as it does a worker's registration (only `worker` events are checked so), and two terminals of one
agency number the agency record's versions each on their own (the second may be refused stale_version)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from terminal.core.errors import InvalidInput
from terminal.core.roles import Action
from terminal.store import audit, identity_reads, outbox
from terminal.store.db import Database
from terminal.usecases import validation
from terminal.usecases.context import Actor, authorise, utcnow
from terminal.usecases.registration import Scan, attach_scan
from wirecontract.errors import Text
from wirecontract.identity import CardRead
from wirecontract.signing import b64url

LICENCE_KINDS = ("business_licence", "civil_non_enterprise")
SCANS = ("licence", "lease", "commitment")  # the agency row's attachment columns, by name
_SCAN_COLUMNS = {"licence": "licence_attachment_id", "lease": "lease_attachment_id", "commitment": "commitment_attachment_id"}


@dataclass(frozen=True)
class Qualification:
    name: str
    number: str | None
    scan_sha256: str | None


@dataclass(frozen=True)
class QualificationInput:
    name: str
    number: str | None
    scan: Scan | None


@dataclass(frozen=True)
class LegalRepresentative:
    name: str
    masked_id: str
    read_at: str
    reader: str
    simulated: bool


@dataclass(frozen=True)
class AgencyFile:
    uid: str
    name: str
    credit_code: str
    licence_kind: str
    licence_no: str
    legal_representative: str
    legal_rep: LegalRepresentative | None  # None: only a typed name from set-up, not yet read from a card
    address: str
    phone: str
    lease_until: str | None
    commitment_signed_on: str | None
    qualifications: list[Qualification]
    scans: dict[str, bool]  # which of SCANS are on file
    version: int

    @property
    def missing(self) -> list[str]:
        """What the file still lacks, by name: the page lists them."""
        lacking = [f"{name}_scan" for name in SCANS if not self.scans[name]]
        if self.legal_rep is None:
            lacking.insert(0, "legal_rep_card")
        if not self.qualifications:
            lacking.append("qualifications")
        return lacking


@dataclass(frozen=True)
class AgencyChange:
    licence_kind: str
    licence_no: str
    address: str
    phone: str
    lease_until: dt.date | None
    commitment_signed_on: dt.date | None
    scans: dict[str, Scan] = field(default_factory=dict)  # new scans by SCANS name; absent ones are kept
    add_qualifications: list[QualificationInput] = field(default_factory=list)


def load(db: Database, actor: Actor) -> AgencyFile:
    authorise(db, actor, Action.MANAGE_AGENCY)
    row = db.query_one("SELECT * FROM agency WHERE id = 1")
    assert row is not None  # every home has its agency from set-up
    rep = None
    if row["legal_rep_read_id"] is not None:
        identity = identity_reads.load(db, int(row["legal_rep_read_id"]))
        p = identity.provenance
        rep = LegalRepresentative(identity.display_name, identity.masked_id_number, p.read_at.isoformat(), p.reader, p.simulated)
    quals = [Qualification(str(q.get("name", "")), q.get("number"), q.get("scan_sha256")) if isinstance(q, dict)
             else Qualification(str(q), None, None) for q in json.loads(row["qualifications"] or "[]")]  # fmt: skip
    return AgencyFile(
        uid=str(row["uid"]), name=str(row["name"]), credit_code=str(row["credit_code"]),
        licence_kind=str(row["licence_kind"]), licence_no=str(row["licence_no"]),
        legal_representative=str(row["legal_representative"]), legal_rep=rep, address=str(row["address"]),
        phone=str(row["phone"] or ""), lease_until=row["lease_until"], commitment_signed_on=row["commitment_signed_on"],
        qualifications=quals, scans={name: row[_SCAN_COLUMNS[name]] is not None for name in SCANS},
        version=int(row["record_version"]),
    )  # fmt: skip


def _push(db: Database, actor: Actor, kind: str, payload: dict[str, Any], detail: dict[str, Any],
          provenance: dict[str, Any] | None = None, simulated: bool = False) -> None:  # fmt: skip
    """One new version of the agency's record, audited and queued. Versions count what this terminal sent
    (the set-up row was never sent, so the first push is version 1)."""
    uid = str(db.scalar("SELECT uid FROM agency WHERE id = 1"))
    sent = db.scalar("SELECT max(record_version) FROM outbox WHERE entity = 'agency' AND entity_uid = ?", (uid,))
    version = int(sent or 0) + 1
    db.execute("UPDATE agency SET record_version = ?, updated_at = ? WHERE id = 1", (version, utcnow().isoformat()))
    audit.append(db, actor.username, kind, "agency", uid, detail)
    outbox.enqueue(db, "agency", uid, version, kind, payload, provenance=provenance, simulated=simulated)


def _payload(db: Database) -> dict[str, Any]:
    row = db.query_one("SELECT * FROM agency WHERE id = 1")
    assert row is not None
    scans = {}
    for name in SCANS:
        attachment = row[_SCAN_COLUMNS[name]]
        scans[name] = db.scalar("SELECT sha256 FROM attachments WHERE id = ?", (attachment,)) if attachment else None
    return {
        "credit_code": row["credit_code"], "name": row["name"], "licence_kind": row["licence_kind"],
        "licence_no": row["licence_no"], "address": row["address"], "phone": row["phone"],
        "lease_until": row["lease_until"], "commitment_signed_on": row["commitment_signed_on"],
        "legal_representative": row["legal_representative"], "qualifications": json.loads(row["qualifications"] or "[]"),
        "scans_sha256": scans,
    }  # fmt: skip


def update(db: Database, actor: Actor, change: AgencyChange, today: dt.date) -> list[str]:
    """Edit the file; returns the names of what changed (empty: nothing recorded)."""
    authorise(db, actor, Action.MANAGE_AGENCY)
    if change.licence_kind not in LICENCE_KINDS:
        raise InvalidInput(field=Text("证照类型", "licence kind"))
    licence_no = validation.required(change.licence_no, Text("证照号", "licence number"))
    address = validation.required(change.address, Text("经营地址", "address"))
    phone = validation.phone(change.phone) if change.phone.strip() else ""
    if change.commitment_signed_on is not None and change.commitment_signed_on > today:
        raise InvalidInput(field=Text("承诺书签署日期不能晚于今天", "the commitment letter cannot be signed after today"))
    unknown = [name for name in change.scans if name not in SCANS]
    if unknown:
        raise InvalidInput(field=Text("扫描件种类", "scan kind"))
    for q in change.add_qualifications:
        validation.required(q.name, Text("资质证书名称", "qualification name"))
    with db.transaction():
        row = db.query_one("SELECT * FROM agency WHERE id = 1")
        assert row is not None
        new = {"licence_kind": change.licence_kind, "licence_no": licence_no, "address": address, "phone": phone,
               "lease_until": change.lease_until.isoformat() if change.lease_until else None,
               "commitment_signed_on": change.commitment_signed_on.isoformat() if change.commitment_signed_on else None}  # fmt: skip
        changed = [key for key, value in new.items() if (row[key] or None) != (value or None)]
        sets: dict[str, object] = dict(new)
        for name, scan in change.scans.items():
            attachment, _ = attach_scan(db, scan)
            sets[_SCAN_COLUMNS[name]] = attachment
            changed.append(f"{name}_scan")
        if change.add_qualifications:
            quals = json.loads(row["qualifications"] or "[]")
            for q in change.add_qualifications:
                _, sha = attach_scan(db, q.scan)
                quals.append({"name": q.name.strip(), "number": (q.number or "").strip() or None, "scan_sha256": sha})
            sets["qualifications"] = json.dumps(quals, ensure_ascii=False)
            changed.append("qualifications")
        if not changed:
            return []
        db.execute(f"UPDATE agency SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = 1", tuple(sets.values()))
        _push(db, actor, "agency.profile_changed", _payload(db), {"fields": changed})
    return changed


def set_legal_representative(db: Database, actor: Actor, card_read: CardRead) -> LegalRepresentative:
    """The legal representative taps their ID card: the name comes from the card, never typed, and the read
    (with its provenance) is kept and sent, so the centre can decode it itself."""
    authorise(db, actor, Action.MANAGE_AGENCY)
    identity = identity_reads.decode(card_read)
    with db.transaction():
        read_id, identity = identity_reads.insert(db, card_read, actor.username, purpose="legal_representative")
        db.execute("UPDATE agency SET legal_representative = ?, legal_rep_read_id = ? WHERE id = 1",
                   (identity.display_name, read_id))  # fmt: skip
        payload = _payload(db)
        payload["legal_representative_card_read"] = {"text": b64url(card_read.raw_text)}
        _push(db, actor, "agency.legal_representative", payload, {"id": identity.masked_id_number},
              provenance=identity.provenance.to_json(), simulated=identity.provenance.simulated)  # fmt: skip
    p = identity.provenance
    return LegalRepresentative(identity.display_name, identity.masked_id_number, p.read_at.isoformat(), p.reader, p.simulated)
