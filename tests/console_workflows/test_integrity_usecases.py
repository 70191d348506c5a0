"""Integrity records (诚信信息), the centre's use cases on SQLite and PostgreSQL: staff add positive and negative
records for workers and agencies with evidence and validity; they go to the agency through pull."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from centre.console.errors import RoleRefused
from centre.integrity import actions
from centre.integrity.actions import Evidence, IntegrityRefused
from centre.integrity.models import IntegrityRecord
from tests.console_workflows.centre_data import AGENCY_A, AGENCY_B, feed_of, register, terminal

TODAY = dt.date(2026, 11, 29)
PDF = Evidence("处罚决定书.pdf", "application/pdf", b"%PDF-1.4 evidence")


def test_records_for_a_worker_and_an_agency_reach_that_agency(users: dict[str, Any]) -> None:
    terminal(AGENCY_A, "0001"), terminal(AGENCY_B, "0002")
    _, number = register(terminal(AGENCY_A, "0003"), 1)
    actions.add_record(users["staff"], subject="worker", category="praise", description="客户书面表扬",
                       valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=365), id_number=number,
                       evidence_note="表扬信编号 2026-118")  # fmt: skip
    actions.add_record(users["staff"], subject="agency", category="penalty", description="未按规定公示收费标准",
                       valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=730), agency_id=AGENCY_B.lower(),
                       evidence=PDF)  # fmt: skip
    [worker_item] = feed_of(AGENCY_A, "integrity_record")
    assert (worker_item["subject"], worker_item["polarity"], worker_item["id_number"]) == ("worker", "positive", number)
    [agency_item] = feed_of(AGENCY_B, "integrity_record")
    assert (agency_item["subject"], agency_item["polarity"], agency_item["valid_to"]) == ("agency", "negative", "2028-11-28")
    assert "id_number" not in agency_item
    assert actions.evidence_of(users["regulator"], agency_item["uid"]).evidence_data == PDF.data


@pytest.mark.parametrize("change", [
    {"category": "nonsense"},
    {"description": " "},
    {"valid_to": TODAY - dt.timedelta(days=1)},
    {"valid_to": TODAY + dt.timedelta(days=366 * 5 + 1)},
    {"evidence_note": "", "evidence": None},
    {"evidence": Evidence("x.pdf", "application/pdf", b"MZ not a pdf")},
    {"evidence": Evidence("x.exe", "application/x-msdownload", b"MZ")},
    {"evidence": Evidence("big.pdf", "application/pdf", b"%PDF" + b"0" * (2 * 1024 * 1024))},
    {"agency_id": "NOPE"},
])  # fmt: skip
def test_bad_input_is_refused_and_nothing_is_stored(users: dict[str, Any], change: dict[str, Any]) -> None:
    terminal()
    fields: dict[str, Any] = {"subject": "agency", "category": "award", "description": "年度优秀",
                              "valid_from": TODAY, "valid_to": TODAY + dt.timedelta(days=30), "agency_id": AGENCY_A,
                              "evidence_note": "文件", **change}  # fmt: skip
    with pytest.raises(IntegrityRefused):
        actions.add_record(users["staff"], **fields)
    assert not IntegrityRecord.objects.exists()


def test_a_person_no_agency_holds_is_refused(users: dict[str, Any]) -> None:
    with pytest.raises(IntegrityRefused):
        actions.add_record(users["staff"], subject="worker", category="award", description="x", valid_from=TODAY,
                           valid_to=TODAY, id_number="11010519491231002X", evidence_note="x")  # fmt: skip


@pytest.mark.parametrize("role", ["police", "regulator", "admin"])
def test_only_staff_record(users: dict[str, Any], role: str) -> None:
    terminal()
    with pytest.raises(RoleRefused):
        actions.add_record(users[role], subject="agency", category="award", description="x", valid_from=TODAY,
                           valid_to=TODAY, agency_id=AGENCY_A, evidence_note="x")  # fmt: skip
