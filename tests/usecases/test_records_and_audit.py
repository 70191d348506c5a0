from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from terminal.core.errors import BackupInvalid, DuplicateWorker, InvalidInput, PermissionDenied, WrongKey
from terminal.core.roles import Role
from terminal.store import audit, backup
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.usecases import queries, records, registration
from terminal.usecases.registration import LetterInput, Scan
from tests.builders import actor, card_read, make_home, profile, sign_in_staff

TODAY = dt.date.today()
CLERK = actor(Role.CLERK)


def test_duplicate_registration_points_to_the_existing_record(db: Database) -> None:
    read = card_read()
    first = registration.register_worker(db, CLERK, read, profile(), TODAY)
    with pytest.raises(DuplicateWorker) as info:
        registration.register_worker(db, CLERK, read, profile(), TODAY)
    assert info.value.worker_id == first
    assert registration.preview(db, read, TODAY).existing_worker_id == first


def test_bad_profile_input_names_the_field(db: Database) -> None:
    with pytest.raises(InvalidInput, match="phone"):
        registration.register_worker(db, CLERK, card_read(), profile(phone="123"), TODAY)
    with pytest.raises(InvalidInput, match="service type"):
        registration.register_worker(db, CLERK, card_read(), profile(service_types=["astronaut"]), TODAY)
    assert db.scalar("SELECT count(*) FROM workers") == 0


def test_letters_are_bound_to_the_read_and_the_scan(db: Database) -> None:
    read = card_read()
    scan = Scan(b"%PDF-1.4 letter scan", "application/pdf", "letter.pdf")
    prof = profile(letters=[LetterInput("credit_authorisation", TODAY, scan)])
    worker_id = registration.register_worker(db, CLERK, read, prof, TODAY)
    row = db.query_one("SELECT * FROM letters WHERE worker_id = ?", (worker_id,))
    assert row is not None
    assert row["identity_read_sha256"] == read.provenance.raw_sha256
    import hashlib

    assert row["scan_sha256"] == hashlib.sha256(scan.data).hexdigest()


def test_service_records_and_the_worker_page(db: Database) -> None:
    worker_id = registration.register_worker(db, CLERK, card_read(), profile(), TODAY)
    contract = records.add_contract(db, CLERK, worker_id, TODAY, "cleaning", TODAY, TODAY + dt.timedelta(days=90), "徐汇区")
    records.add_evaluation(db, CLERK, worker_id, {"punctuality": 5, "skill": 4}, "好", contract)
    complaint = records.add_complaint(db, CLERK, worker_id, "迟到")
    records.update_complaint(db, CLERK, complaint, "resolved", "已道歉")
    records.add_credit_record(db, CLERK, worker_id, "positive", "表扬")
    with pytest.raises(InvalidInput):
        records.add_evaluation(db, CLERK, worker_id, {"punctuality": 9}, None)
    with pytest.raises(PermissionDenied):
        records.add_complaint(db, actor(Role.TRAINER), worker_id, "x")
    record = queries.worker_record(db, CLERK, worker_id)
    assert record.tables["evaluations"][0]["overall"] == 4.5
    assert record.tables["complaints"][0]["status"] == "resolved"
    assert not record.may_view_full_id and "*" in record.masked_id
    events = queries.timeline(db, worker_id)
    assert [e.action for e in events][:1] == ["worker.registered"]
    assert all(e.sync_state == "queued" for e in events if e.action != "health_check.recorded")


def test_revealing_an_id_number_is_audited_and_role_checked(db: Database) -> None:
    worker_id = registration.register_worker(db, CLERK, card_read(), profile(), TODAY)
    with pytest.raises(PermissionDenied):
        queries.reveal_id_number(db, CLERK, worker_id)
    number = queries.reveal_id_number(db, actor(Role.SUPERVISOR), worker_id)
    assert len(number) == 18
    assert db.scalar("SELECT operator FROM audit_log WHERE action = 'worker.id_number_viewed'") == "supervisor"


def test_audit_chain_names_the_first_broken_entry(db: Database) -> None:
    for _ in range(3):
        registration.register_worker(db, CLERK, card_read(), profile(), TODAY)
    assert audit.verify(db).ok
    db.conn.execute("DROP TRIGGER audit_log_append_only_update")  # an attacker with the key and a SQL shell
    db.conn.execute("UPDATE audit_log SET operator = 'someone' WHERE seq = 5")
    report = audit.verify(db)
    assert not report.ok and report.first_broken_seq == 5


def test_backup_restores_on_another_machine_with_the_recovery_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, recovery = make_home(tmp_path / "a", monkeypatch)
    db = home.open()
    sign_in_staff(db)
    registration.register_worker(db, CLERK, card_read(name="备份人"), profile(), TODAY)
    backup.create_backup(home, db, tmp_path / "b.tsbk")
    db.close()
    monkeypatch.delenv("TERMINAL_UNLOCK_SECRET")
    other = Home(tmp_path / "other-machine")
    with pytest.raises(WrongKey):
        backup.restore_backup(tmp_path / "b.tsbk", other, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    assert not other.exists()
    restored = backup.restore_backup(tmp_path / "b.tsbk", other, recovery, unlock_secret="new-secret-9")
    assert restored.scalar("SELECT count(*) FROM workers") == 1
    restored.close()
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", "new-secret-9")
    other.open().close()


def test_damaged_backup_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, recovery = make_home(tmp_path / "a", monkeypatch)
    db = home.open()
    backup.create_backup(home, db, tmp_path / "b.tsbk")
    db.close()
    data = bytearray((tmp_path / "b.tsbk").read_bytes())
    data[-100] ^= 1
    (tmp_path / "b.tsbk").write_bytes(bytes(data))
    with pytest.raises(BackupInvalid):
        backup.restore_backup(tmp_path / "b.tsbk", Home(tmp_path / "c"), recovery)
