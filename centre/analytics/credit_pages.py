"""What the console's credit pages show (诚信评价): grades with their reasons, a subject's history, the red and
black lists. Reads only; the lists' changes go through credit_lists.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from centre.analytics.credit_rules import grade_label
from centre.analytics.models import CreditGrade, CreditGradeChange, CreditListEntry
from centre.audit import record
from centre.console.roles import Role, check_role
from centre.terminals.models import Agency
from wirecontract.idnumber import mask

VIEW = (Role.ADMIN, Role.STAFF, Role.REGULATOR)


@dataclass(frozen=True)
class Reason:
    label: str
    points: float
    detail: str


@dataclass(frozen=True)
class SubjectCard:
    grade: CreditGrade
    title: str  # the agency's name, or the worker's name with a masked ID number
    label: str  # ★★★★ or AAAA
    reasons: list[Reason]
    history: list[CreditGradeChange]


def grades(user: Any, subject: str, district: str = "", grade: str = "", agency: str = "") -> QuerySet[CreditGrade]:
    check_role(user, *VIEW)
    rows = CreditGrade.objects.filter(subject=subject)
    if district:
        rows = rows.filter(district=district)
    if grade:
        rows = rows.filter(grade=grade)
    if agency:
        rows = rows.filter(agency_id=agency.strip().upper())
    return rows.order_by("score", "subject_id") if subject == "worker" else rows.order_by("-score", "subject_id")


def distribution(subject: str) -> list[tuple[str, int]]:
    counts = (CreditGrade.objects.filter(subject=subject).values("grade").annotate(n=Count("id"))
              .values_list("grade", "n"))  # fmt: skip
    return sorted(((grade_label(subject, g), n) for g, n in counts), key=lambda item: (len(item[0]), item[0]),
                  reverse=True)  # fmt: skip


def names(rows: list[CreditGrade]) -> dict[str, str]:
    """Agencies' names, and workers' names with the ID number masked (as the look-up shows them)."""
    from centre.console.models import WorkerIndex

    agencies = dict(Agency.objects.filter(id__in={r.agency_id for r in rows}).values_list("id", "name"))
    workers = {w: f"{n} {mask(i) if i else ''}".strip() for w, n, i in WorkerIndex.objects.filter(
        worker_uid__in=[r.subject_id for r in rows if r.subject == "worker"]).values_list("worker_uid", "name", "id_number")}  # fmt: skip
    return {r.subject_id: (workers.get(r.subject_id, r.subject_id[:12]) if r.subject == "worker"
                           else agencies.get(r.subject_id, r.subject_id)) for r in rows} | {
        f"agency:{a}": name for a, name in agencies.items()}  # fmt: skip


def card(user: Any, subject: str, subject_id: str, lang: str) -> SubjectCard | None:
    check_role(user, *VIEW)
    grade = CreditGrade.objects.filter(subject=subject, subject_id=subject_id).first()
    if grade is None:
        return None
    if subject == "worker":  # a person's standing is personal data: who looked is kept
        record(user, "credit.worker.view", f"worker:{subject_id}", {"agency": grade.agency_id})
    title = names([grade])[subject_id]
    english = lang.startswith("en")
    reasons = [Reason(str(c["en"] if english else c["zh"]), float(c["points"]), str(c.get("detail") or ""))
               for c in grade.contributions]  # fmt: skip
    history = list(CreditGradeChange.objects.filter(subject=subject, subject_id=subject_id).order_by("-at", "-id")[:50])
    return SubjectCard(grade, title, grade_label(subject, grade.grade), reasons, history)


__all__ = ["VIEW", "SubjectCard", "card", "distribution", "grade_label", "grades", "list_entries", "names"]


def list_entries(user: Any, status: str = "") -> list[CreditListEntry]:
    check_role(user, *VIEW)
    rows = CreditListEntry.objects.order_by("-proposed_at", "-id")
    if status:
        rows = rows.filter(status=status)
    return list(rows[:300])
