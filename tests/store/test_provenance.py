"""No code path can type in or alter an identity: only a card read with provenance creates one."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from terminal.core.errors import InvalidCardText, MissingProvenance
from terminal.store.db import Database, SqlError
from terminal.usecases import registration
from tests.builders import actor, card_read, person, profile
from wirecontract.cardtext import encode_text_block, sha256_hex
from wirecontract.identity import CardRead

TODAY = dt.date.today()


def test_a_read_with_a_doctored_text_block_is_refused(db: Database) -> None:
    read = card_read()
    doctored = encode_text_block({**person(), "name": "冒名"})
    with pytest.raises(InvalidCardText):
        registration.register_worker(db, actor(), dataclasses.replace(read, raw_text=doctored), profile(), TODAY)
    assert db.scalar("SELECT count(*) FROM workers") == 0


def test_a_read_without_a_sam_or_reader_is_refused(db: Database) -> None:
    read = card_read()
    no_sam = dataclasses.replace(read, provenance=dataclasses.replace(read.provenance, sam_id=""))
    with pytest.raises(MissingProvenance):
        registration.register_worker(db, actor(), no_sam, profile(), TODAY)


def test_identity_fields_come_from_the_block_not_from_the_caller(db: Database) -> None:
    fields = person(name="真名")
    raw = encode_text_block(fields)
    read = card_read()
    forged = CardRead(raw, None, dataclasses.replace(read.provenance, raw_sha256=sha256_hex(raw)))
    worker_id = registration.register_worker(db, actor(), forged, profile(), TODAY)
    name = db.scalar(
        "SELECT r.name FROM workers w JOIN identity_reads r ON r.id = w.identity_read_id WHERE w.id = ?", (worker_id,)
    )
    assert name == "真名"


def test_sql_cannot_create_a_worker_without_a_read(db: Database) -> None:
    with pytest.raises(SqlError), db.transaction():
        db.execute(
            "INSERT INTO workers(uid, id_number, identity_read_id, created_at, created_by, updated_at)"
            " VALUES ('u', '11010519491231002X', 999, 'now', 'x', 'now')"
        )


def test_sql_cannot_change_identity_fields(db: Database) -> None:
    worker_id = registration.register_worker(db, actor(), card_read(), profile(), TODAY)
    other = registration.register_worker(db, actor(), card_read(), profile(), TODAY)
    statements = [
        ("UPDATE identity_reads SET name = '改名' WHERE id = 1", ()),
        ("DELETE FROM identity_reads WHERE id = 1", ()),
        ("UPDATE workers SET id_number = '11010519491231002X' WHERE id = ?", (worker_id,)),
        ("UPDATE workers SET identity_read_id = (SELECT identity_read_id FROM workers WHERE id = ?) WHERE id = ?",
         (other, worker_id)),
    ]  # fmt: skip
    for sql, params in statements:
        with pytest.raises(SqlError), db.transaction():
            db.execute(sql, params)
    # The profile is editable: only identity is locked.
    with db.transaction():
        db.execute("UPDATE workers SET phone = '13800000000' WHERE id = ?", (worker_id,))


def test_audit_and_outbox_are_written_with_the_worker(db: Database) -> None:
    worker_id = registration.register_worker(db, actor(), card_read(), profile(), TODAY)
    uid = db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,))
    assert db.scalar("SELECT count(*) FROM outbox WHERE entity_uid = ? AND kind = 'worker.registered'", (uid,)) == 1
    assert db.scalar("SELECT count(*) FROM audit_log WHERE entity_uid = ?", (uid,)) == 1
    event = db.query_one("SELECT provenance, simulated FROM outbox WHERE entity_uid = ?", (uid,))
    assert event is not None and '"sam_id"' in event["provenance"] and event["simulated"] == 1
