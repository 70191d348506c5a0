"""Reading grades for the console pages and the authority's API (one place for both)."""

from __future__ import annotations

from typing import Any

from centre.analytics.credit_evidence import LISTED
from centre.analytics.models import CreditGrade, CreditGradeChange, CreditListEntry


def grades(subject: str, *, district: str | None = None, grade: str | None = None, agency_id: str | None = None,
           after: str = "", limit: int = 100) -> list[CreditGrade]:  # fmt: skip
    rows = CreditGrade.objects.filter(subject=subject)
    if district:
        rows = rows.filter(district=district)
    if grade:
        rows = rows.filter(grade=grade)
    if agency_id:
        rows = rows.filter(agency_id=agency_id.strip().upper())
    if after:
        rows = rows.filter(subject_id__gt=after)
    return list(rows.order_by("subject_id")[:limit])


def detail(subject: str, subject_id: str) -> tuple[CreditGrade, list[CreditGradeChange]] | None:
    key = subject_id.strip().upper() if subject == "agency" else subject_id.strip()
    grade = CreditGrade.objects.filter(subject=subject, subject_id=key).first()
    if grade is None:
        return None
    history = list(CreditGradeChange.objects.filter(subject=subject, subject_id=key).order_by("-at", "-id")[:100])
    return grade, history


def in_force() -> list[CreditListEntry]:
    return list(CreditListEntry.objects.filter(status__in=LISTED).order_by("kind", "-decided_at")[:1000])


def grade_json(g: CreditGrade) -> dict[str, Any]:
    return {"subject": g.subject, "subject_id": g.subject_id, "agency_id": g.agency_id, "district": g.district,
            "grade": g.grade, "score": g.score, "listed": g.listed, "rule_version": g.rule_version,
            "as_of": g.as_of.isoformat(), "contributions": g.contributions}  # fmt: skip


def change_json(c: CreditGradeChange) -> dict[str, Any]:
    return {"previous": c.previous, "grade": c.grade, "score": c.score, "rule_version": c.rule_version,
            "at": c.at.isoformat()}  # fmt: skip


def list_entry_json(e: CreditListEntry) -> dict[str, Any]:
    return {"subject": e.subject, "subject_id": e.subject_id, "agency_id": e.agency_id, "kind": e.kind,
            "reason": e.reason, "listed_at": e.decided_at.isoformat() if e.decided_at else None}  # fmt: skip
