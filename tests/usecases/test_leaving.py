"""A worker leaving the agency (离职/转出): supervisors release them with a reason, once no credential is live;
the release is audited and goes to the centre."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.core import synthetic
from terminal.core.errors import InvalidInput, NotFound, PermissionDenied
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.usecases import credentials, leaving, queries, registration
from tests.builders import actor, person, profile

TODAY = dt.date.today()
CLERK, SUP = actor(Role.CLERK), actor(Role.SUPERVISOR)


def _worker(db: Database) -> int:
    return registration.register_worker(db, CLERK, synthetic.simulated_read(person()), profile(), TODAY)


def test_a_supervisor_releases_a_worker_with_a_reason(db: Database) -> None:
    worker_id = _worker(db)
    uid = str(db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,)))
    with pytest.raises(PermissionDenied):
        leaving.release_worker(db, CLERK, worker_id, "离职")
    with pytest.raises(InvalidInput):
        leaving.release_worker(db, SUP, worker_id, "   ")
    leaving.release_worker(db, SUP, worker_id, "本人离职")
    assert queries.worker_record(db, SUP, worker_id).status == "inactive"
    event = db.query_one("SELECT record_version, payload FROM outbox WHERE entity_uid = ? AND kind = 'worker.released'",
                         (uid,))  # fmt: skip
    assert event is not None and event["record_version"] == 2 and "本人离职" in event["payload"]
    assert db.scalar("SELECT operator FROM audit_log WHERE action = 'worker.released' AND entity_uid = ?", (uid,)) == "supervisor"
    with pytest.raises(InvalidInput):  # once is enough
        leaving.release_worker(db, SUP, worker_id, "again")


def test_a_live_credential_must_be_revoked_first(db: Database) -> None:
    worker_id = _worker(db)
    number = credentials.apply(db, CLERK, worker_id, TODAY)
    with pytest.raises(InvalidInput) as info:
        leaving.release_worker(db, SUP, worker_id, "转出")
    assert number in info.value.message("en")
    assert queries.worker_record(db, SUP, worker_id).status == "active"


def test_commands_name_a_worker_by_record_uid_or_credential_number(db: Database) -> None:
    worker_id = _worker(db)
    uid = str(db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,)))
    number = credentials.apply(db, CLERK, worker_id, TODAY)
    assert leaving.find_worker(db, str(worker_id)) == worker_id
    assert leaving.find_worker(db, uid.upper()) == worker_id
    assert leaving.find_worker(db, number.lower()) == worker_id
    id_number = str(db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,)))
    for unknown in ("999999", "nobody", id_number):  # never by ID number
        with pytest.raises(NotFound):
            leaving.find_worker(db, unknown)
