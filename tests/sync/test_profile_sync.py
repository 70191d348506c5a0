"""What is done after registration reaches the centre through a real sync: an edited profile as the worker's
next version, a letter signed later, a certificate, and the agency's registration file with its legal
representative read from a card."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import requests

from terminal.core.errors import InvalidInput
from terminal.core.roles import Role
from terminal.store.outbox import OutboxRepo
from terminal.usecases import agency_profile, records, registration
from terminal.usecases.registration import InsuranceInput, LetterInput, Scan
from tests.builders import TODAY, actor, card_read, open_db, profile
from tests.sync.conftest import enrol
from tests.sync.liveserver import LiveServer

SCAN = Scan(b"%PDF-1.4 signed page", "application/pdf", "signed.pdf")


def centre_data(server: LiveServer, entity: str, uid: str) -> dict[str, object]:
    rows = server.query("SELECT data FROM records WHERE entity = ? AND entity_uid = ?", entity, uid)
    assert rows, f"the centre has no {entity} {uid}"
    data = rows[0][0]
    return dict(json.loads(data) if isinstance(data, str) else data)


def test_after_registration_changes_reach_the_centre(demo_server: LiveServer, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    db = open_db(tmp_path / "home", monkeypatch)
    clerk, admin = actor(Role.CLERK), actor(Role.ADMINISTRATOR, "admin")
    worker_id = registration.register_worker(db, clerk, card_read(), profile(complete=False), TODAY)
    uid = str(db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,)))
    agency = db.query_one("SELECT credit_code, name, uid FROM agency WHERE id = 1")
    assert agency is not None
    # Warm the centre up first, and wait for answers longer than the client does: a loaded machine is slow to
    # start the centre's bulk workers.
    requests.get(f"{demo_server.url}/v1/time", timeout=120).raise_for_status()
    term = enrol(db, demo_server, agency=(agency["credit_code"], agency["name"]))
    assert term.engine(demo_server.url, timeout=60).sync_once().rejected == 0
    assert demo_server.record_version("worker", uid) == 1

    # The clerk edits the profile (new phone, one more service type, new insurance) and adds the missing letter.
    edited = profile(phone="13700001111", service_types=["cleaning", "elderly", "hourly"], health_check=None,
                     insurance=InsuranceInput("太平洋保险", "CP9", TODAY, TODAY + dt.timedelta(days=365)), letters=[])  # fmt: skip
    changed = records.update_profile(db, clerk, worker_id, edited)
    assert changed == ["phone", "service_types", "insurance"]
    assert records.update_profile(db, clerk, worker_id, profile(phone="13700001111", service_types=["cleaning", "elderly", "hourly"],
                                                                health_check=None, insurance=None, letters=[])) == []  # fmt: skip
    letter_uid = records.add_letter(db, clerk, worker_id, LetterInput("employment_commitment", TODAY, SCAN), TODAY)
    with pytest.raises(InvalidInput):  # a double click does not file the same letter twice
        records.add_letter(db, clerk, worker_id, LetterInput("employment_commitment", TODAY, SCAN), TODAY)
    # The administrator completes the agency's file: scans, a qualification, the legal representative's card.
    agency_profile.update(db, admin, agency_profile.AgencyChange(
        "business_licence", "310105000111222", "上海市徐汇区漕溪北路1号", "021-64001234", TODAY + dt.timedelta(days=700),
        TODAY, scans={"licence": SCAN, "lease": SCAN, "commitment": SCAN},
        add_qualifications=[agency_profile.QualificationInput("家政服务机构等级证书", "JZ-2025-001", SCAN)]), TODAY)  # fmt: skip
    rep = agency_profile.set_legal_representative(db, admin, card_read(name="赵法人"))
    assert rep.name == "赵法人"
    assert agency_profile.load(db, admin).missing == []
    audit = [r[0] for r in db.query("SELECT action FROM audit_log WHERE action IN ('worker.profile_changed',"
                                     " 'agency.profile_changed', 'agency.legal_representative', 'letter.signed')")]  # fmt: skip
    assert audit.count("worker.profile_changed") == 1 and "agency.legal_representative" in audit
    detail = db.scalar("SELECT detail FROM audit_log WHERE action = 'worker.profile_changed'")
    assert "13700001111" not in str(detail)  # the audit names the fields, not the values

    report = term.engine(demo_server.url, timeout=60).sync_once()
    assert report.rejected == 0 and OutboxRepo(db).counts()["queued"] == 0
    assert demo_server.record_version("worker", uid) == 2
    worker = centre_data(demo_server, "worker", uid)
    assert worker["phone"] == "13700001111" and worker["service_types"] == ["cleaning", "elderly", "hourly"]
    assert "identity" in worker  # what the registering card read said is kept beside the change
    letter = centre_data(demo_server, "letter", letter_uid)
    assert letter["kind"] == "employment_commitment" and letter["worker_uid"] == uid and letter["scan_sha256"]
    assert demo_server.record_version("agency", agency["uid"]) == 2
    file = centre_data(demo_server, "agency", agency["uid"])
    assert file["legal_representative"] == "赵法人" and file["phone"] == "021-64001234"
    scans = file["scans_sha256"]
    assert isinstance(scans, dict) and all(scans.values())
    assert term.engine(demo_server.url, timeout=60).reconcile().matches
