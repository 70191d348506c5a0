"""The demo's credentials stuck without a letter can be completed: adding the letters after registration
clears those issuing conditions. Editing the profile refuses what registration refuses and never touches
identity."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from terminal.core.errors import InvalidInput, PermissionDenied
from terminal.core.issuing import Condition
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.store.migrate import migrate
from terminal.usecases import credentials, demo, operators, records, registration
from terminal.usecases.context import Actor
from terminal.usecases.registration import LetterInput, Scan
from tests.builders import TODAY, actor, card_read, profile

LETTERS = {Condition.EMPLOYMENT_LETTER, Condition.CREDIT_LETTER}
SCAN = Scan(b"%PDF-1.4 signed", "application/pdf", "signed.pdf")


def test_stuck_demo_credentials_can_be_completed(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "demo.db", os.urandom(32))
    migrate(db)
    demo.fill_demo(db, workers=40)
    operators.sign_in(db, "dengji", demo.DEMO_PASSWORD)
    stuck = [int(r[0]) for r in db.query("SELECT DISTINCT worker_id FROM credentials WHERE state IN ('applied', 'approved')")
             if LETTERS & set(credentials.unmet_conditions(db, int(r[0]), TODAY))]  # fmt: skip
    assert stuck, "the demo has credentials waiting without a letter"
    clerk = Actor("dengji", Role.CLERK)
    for worker_id in stuck:
        for kind in (c for c in LETTERS if c in credentials.unmet_conditions(db, worker_id, TODAY)):
            records.add_letter(db, clerk, worker_id, LetterInput(kind.value, TODAY, SCAN), TODAY)
        assert not LETTERS & set(credentials.unmet_conditions(db, worker_id, TODAY))
    db.close()


def test_editing_refuses_what_registration_refuses(db: Database) -> None:
    worker_id = registration.register_worker(db, actor(Role.CLERK), card_read(), profile(), TODAY)
    clerk = actor(Role.CLERK)
    base = records.ProfileChange("13912345678", "上海市徐汇区天钥桥路100号", ["cleaning"], education="初中")
    for bad in (dataclasses.replace(base, phone="123"), dataclasses.replace(base, current_address=" "),
                dataclasses.replace(base, service_types=[]), dataclasses.replace(base, service_types=["spying"]),
                dataclasses.replace(base, education="博士后")):  # fmt: skip
        with pytest.raises(InvalidInput):
            records.edit_profile(db, clerk, worker_id, bad)
    with pytest.raises(PermissionDenied):
        records.edit_profile(db, actor(Role.TRAINER), worker_id, base)
    before = db.query_one("SELECT id_number, identity_read_id FROM workers WHERE id = ?", (worker_id,))
    assert records.edit_profile(db, clerk, worker_id, base) == ["service_types"]
    after = db.query_one("SELECT id_number, identity_read_id, record_version FROM workers WHERE id = ?", (worker_id,))
    assert before is not None and after is not None
    assert (after[0], after[1]) == (before[0], before[1]) and after[2] == 2
    with pytest.raises(InvalidInput):  # a letter dated tomorrow
        records.add_letter(db, clerk, worker_id, LetterInput("credit_authorisation", TODAY.replace(year=TODAY.year + 1),
                                                             SCAN), TODAY)  # fmt: skip
