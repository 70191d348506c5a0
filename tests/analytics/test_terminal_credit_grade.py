"""A changed credit grade reaches the agency's terminal through pull (real encrypted store): a worker's lands once
with the worker's credit records, in words with the reasons, and shows on the worker page's records; the agency's
own grade is kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.usecases import credit_grades, queries, registration
from terminal.usecases.central import apply_pulled
from tests.builders import TODAY, actor, card_read, open_db, profile


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = open_db(tmp_path / "home", monkeypatch)
    yield database
    database.close()


def test_a_workers_grade_change_lands_once_with_the_credit_records(db: Database) -> None:
    worker_id = registration.register_worker(db, actor(Role.CLERK), card_read(), profile(), TODAY)
    uid = str(db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,)))
    change = {"uid": "g1", "subject": "worker", "subject_id": uid, "grade": "2", "previous": "4", "score": 61.2,
              "rule_version": 1, "at": "2026-11-29T02:00:00.000Z",
              "reasons": [{"code": "background", "zh": "背景审查", "en": "background check", "points": -60.0,
                           "detail": "adverse"}]}  # fmt: skip
    agency = {"uid": "g2", "subject": "agency", "subject_id": "91310000MA1FL0001A", "grade": "AAAA",
              "previous": "AAA", "score": 84.0, "rule_version": 1, "at": "2026-11-29T02:00:00.000Z", "reasons": []}  # fmt: skip
    for cursor in ("10", "11"):  # pulled twice (a repeated pull after a crash)
        apply_pulled(db, [{"seq": 10, "kind": "credit_grade", "data": change},
                          {"seq": 11, "kind": "credit_grade", "data": agency}], cursor)  # fmt: skip
    rows = db.query("SELECT kind, category, description FROM credit_records WHERE worker_id = ?", (worker_id,))
    assert [(r["kind"], r["category"]) for r in rows] == [("notice", "credit_grade")]
    assert rows[0]["description"] == "诚信等级 ★★★★ → ★★（得分 61.2，规则第 1 版）：背景审查 -60"
    record = queries.worker_record(db, actor(Role.CLERK), worker_id)  # what the worker page shows
    assert [r["description"][:4] for r in record.tables["credit_records"]] == ["诚信等级"]
    assert (credit_grades.agency_grade(db) or {})["grade"] == "AAAA"
    audited = db.query("SELECT action FROM audit_log WHERE action = 'credit_grade'")
    assert len(audited) == 2


def test_a_grade_for_someone_else_is_skipped(db: Database) -> None:
    apply_pulled(db, [{"seq": 3, "kind": "credit_grade", "data": {"uid": "g9", "subject": "worker",
                                                                  "subject_id": "not-ours", "grade": "1"}}], "3")  # fmt: skip
    assert db.scalar("SELECT count(*) FROM credit_records") == 0
