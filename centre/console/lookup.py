"""Look-up use cases (查询检索): workers and agencies, role-checked, paged, answered from indexed columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from centre.console import roles as r
from centre.console.admission import statuses
from centre.console.admission_rules import Admission
from centre.console.models import AgencyAdmission, WorkerIndex
from centre.console.search_index import Freshness, catch_up_briefly
from centre.console.search_rules import Query, QueryKind, prefix_upper_bound, reversed_id
from centre.credentials.models import Credential
from centre.sync.models import IdentityRegistration
from centre.terminals.models import Agency
from wirecontract.idnumber import mask, mask_phone


def _prefix(field: str, text: str) -> Q:
    return Q(**{f"{field}__gte": text, f"{field}__lt": prefix_upper_bound(text)})


def workers(user: Any, query: Query | None, agency_id: str = "") -> tuple[QuerySet[WorkerIndex], Freshness | None]:
    """Workers matching the query (and agency) by name, and how far behind the records the index is (None: it has
    read them all), after the look-up's brief catch-up (search_index.catch_up_briefly: a look-up never waits for
    a city's pushes; after a bulk import, `terminal-server console-index`). Read-only: no audit (masked data)."""
    r.check_role(user, *r.READ)
    fresh = catch_up_briefly()
    behind = fresh if fresh.behind else None
    rows = WorkerIndex.objects.all()
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    if query is not None:
        rows = rows.filter(worker_condition(query))
    elif not agency_id:
        return rows.none(), behind
    return rows.order_by("name", "worker_uid"), behind


def worker_condition(query: Query) -> Q:
    text = query.text
    if query.kind is QueryKind.NAME:
        return _prefix("name", text)
    if query.kind is QueryKind.PINYIN:
        return _prefix("pinyin", text) | _prefix("initials", text)
    if query.kind is QueryKind.ID_FULL:
        return Q(id_number=text)
    if query.kind is QueryKind.ID_SUFFIX:
        return _prefix("id_reversed", reversed_id(text))
    if query.kind is QueryKind.PHONE:
        return Q(phone=text)
    holders = Credential.objects.filter(credential_no=text).values_list("worker_uid", flat=True)
    return Q(worker_uid__in=list(holders))


@dataclass(frozen=True)
class WorkerRow:
    worker_uid: str
    name: str
    masked_id: str
    masked_phone: str
    agency_id: str
    agency_name: str
    registered_at: Any
    released: bool


def worker_rows(found: list[WorkerIndex]) -> list[WorkerRow]:
    names = dict(Agency.objects.filter(id__in={w.agency_id for w in found}).values_list("id", "name"))
    # Released at the centre (the registry) or by the agency's own terminal (the record says so).
    released = set(IdentityRegistration.objects.filter(id_number__in={w.id_number for w in found if w.id_number},
                                                       released_at__isnull=False).values_list("worker_uid", flat=True))  # fmt: skip
    return [WorkerRow(w.worker_uid, w.name, mask(w.id_number) if w.id_number else "", mask_phone(w.phone) if w.phone
                      else "", w.agency_id, names.get(w.agency_id, w.agency_id), w.registered_at,
                      w.released or w.worker_uid in released)
            for w in found]  # fmt: skip


def agencies(user: Any, text: str = "", district: str = "", admission: str = "") -> QuerySet[Agency]:
    """Agencies by name or credit code (prefix), district and current admission (an unknown state is ignored)."""
    r.check_role(user, *r.READ)
    rows = Agency.objects.all()
    if admission in {a.value for a in Admission}:
        latest = (AgencyAdmission.objects.filter(agency=OuterRef("pk")).order_by("-decided_at", "-id")
                  .values("status")[:1])  # fmt: skip
        # No decision yet is "pending" (admission.current_status reads it the same way).
        rows = rows.annotate(admission_now=Coalesce(Subquery(latest), Value(Admission.PENDING.value)))
        rows = rows.filter(admission_now=admission)
    text = text.strip()
    if text:
        upper = text.upper()
        rows = rows.filter(Q(name__icontains=text) | Q(id__startswith=upper))
    if district.strip():
        rows = rows.filter(district=district.strip())
    return rows.order_by("name", "id")


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    admission: Admission


def agency_rows(found: list[Agency]) -> list[AgencyRow]:
    known = statuses(a.id for a in found)
    return [AgencyRow(a, known.get(a.id, Admission.PENDING)) for a in found]


def districts() -> list[str]:
    return list(Agency.objects.exclude(district="").order_by("district").values_list("district", flat=True).distinct())
