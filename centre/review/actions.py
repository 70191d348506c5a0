"""Review use cases: the queue, one item with the worker's record (an audited view of personal data), accept, and
return for correction (退回更正). Each checks the role, runs in one transaction and writes its audit entry.

Returning a registration sends `registration.returned` to the agency (its terminal's "returned for correction"
inbox) and returns the person's applications not yet issued (credential hold `returned`), so no card is made from
a record the centre sent back. The agency's correction (a new version of the worker's record, pushed) lifts that
hold and re-enters the queue as `corrected`; accepting it sends `registration.accepted`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from centre.audit import record
from centre.audit.chain import actor_name
from centre.console.roles import Role, check_role
from centre.credentials.actions import set_credential_status
from centre.credentials.lifecycle import NOT_YET_ISSUED, Hold
from centre.credentials.models import Credential
from centre.review.errors import ReviewRefused
from centre.review.models import ReviewItem
from centre.sync import feed
from centre.sync.models import Event, Record
from wirecontract import idnumber
from wirecontract.errors import Text
from wirecontract.protocol import iso, utc_now

DECIDE = (Role.STAFF,)
VIEW = (Role.STAFF, Role.ADMIN, Role.REGULATOR)
MAX_REASON = 500
# Fields of a worker event a reviewer reads; identity comes from the card read (v1) and never changes.
SHOWN_FIELDS = ("phone", "current_address", "service_types", "residence_permit_no", "education")


@dataclass(frozen=True)
class Change:
    version: int
    kind: str
    fields: dict[str, object]
    received_at: dt.datetime


@dataclass(frozen=True)
class ReviewView:
    item: ReviewItem
    name: str
    masked_id_number: str
    sex: str
    birth_date: str
    address: str
    profile: dict[str, object]
    changes: list[Change]
    returned_reason: str  # the reason given when the registration was returned (for a correction)


def queue(actor: Any) -> QuerySet[ReviewItem]:
    check_role(actor, *VIEW)
    return ReviewItem.objects.filter(status="pending").order_by("received_at")


def history(actor: Any) -> QuerySet[ReviewItem]:
    check_role(actor, *VIEW)
    return ReviewItem.objects.exclude(status="pending").order_by("-decided_at")


def item_view(actor: Any, uid: str) -> ReviewView:
    """The item with what the reviewer must see: the person as the card says, the profile as the agency keeps it,
    and every version since the last decision. Audited: it shows personal data."""
    check_role(actor, *VIEW)
    item = _item(uid)
    worker = Record.objects.filter(entity="worker", entity_uid=item.worker_uid).first()
    data: dict[str, Any] = worker.data if worker else {}
    identity: dict[str, Any] = data.get("identity") if isinstance(data.get("identity"), dict) else {}  # type: ignore[assignment]
    since = ReviewItem.objects.filter(worker_uid=item.worker_uid, decided_at__isnull=False).exclude(status="pending")
    last = since.order_by("-decided_at").values_list("version", flat=True).first() or 0
    events = Event.objects.filter(entity="worker", entity_uid=item.worker_uid, status="accepted",
                                  record_version__gt=last).order_by("record_version")  # fmt: skip
    changes = [Change(e.record_version, e.kind, {k: e.payload[k] for k in SHOWN_FIELDS if k in e.payload},
                      e.received_at) for e in events]  # fmt: skip
    reason = ""
    if item.corrects:
        reason = ReviewItem.objects.filter(pk=item.corrects).values_list("reason", flat=True).first() or ""
    record(actor, "review.view", f"worker:{item.worker_uid}", {"review": item.uid, "version": item.version})
    number = str(identity.get("id_number") or "")
    return ReviewView(item, str(identity.get("name") or ""), idnumber.mask(number) if number else "",
                      str(identity.get("sex") or identity.get("sex_code") or ""), str(identity.get("birth_date") or ""),
                      str(identity.get("address") or ""), {k: data[k] for k in SHOWN_FIELDS if k in data}, changes,
                      reason)  # fmt: skip


def accept(actor: Any, uid: str, version_seen: int, now: dt.datetime | None = None) -> ReviewItem:
    check_role(actor, *DECIDE)
    now = now or utc_now()
    with transaction.atomic():
        item = _pending(uid, version_seen)
        item.status, item.decided_at, item.decided_by = "accepted", now, actor_name(actor)
        item.save()
        if item.corrects:  # the agency's inbox shows the correction as accepted
            feed.post("registration.accepted", {"review_uid": item.corrects, "worker_uid": item.worker_uid,
                                                "at": iso(now)}, item.agency_id, now)  # fmt: skip
        record(actor, "review.accepted", f"worker:{item.worker_uid}", {"review": item.uid, "version": item.version})
        return item


def return_for_correction(actor: Any, uid: str, version_seen: int, reason: str,
                          now: dt.datetime | None = None) -> ReviewItem:  # fmt: skip
    check_role(actor, *DECIDE)
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused(why=Text("请写明退回原因，机构据此更正", "say why it is returned: the agency corrects by it"))
    if len(reason) > MAX_REASON:
        raise ReviewRefused(why=Text(f"退回原因不能超过 {MAX_REASON} 字", f"the reason is over {MAX_REASON} characters"))
    now = now or utc_now()
    with transaction.atomic():
        item = _pending(uid, version_seen)
        item.status, item.decided_at, item.decided_by, item.reason = "returned", now, actor_name(actor), reason
        item.save()
        feed.post("registration.returned", {"review_uid": item.uid, "worker_uid": item.worker_uid,
                                            "version": item.version, "reason": reason, "at": iso(now)},
                  item.agency_id, now)  # fmt: skip
        waiting = Credential.objects.filter(worker_uid=item.worker_uid, agency_id=item.agency_id,
                                            state__in=NOT_YET_ISSUED, hold="").values_list("pk", flat=True)  # fmt: skip
        for credential_no in waiting:
            set_credential_status(credential_no, Hold.RETURNED.value, reason)
        record(actor, "review.returned", f"worker:{item.worker_uid}",
               {"review": item.uid, "version": item.version, "applications_returned": len(waiting)})  # fmt: skip
        return item


def _item(uid: str) -> ReviewItem:
    item = ReviewItem.objects.filter(pk=uid).first()
    if item is None:
        raise ReviewRefused(why=Text("找不到该审核事项", "no such review item"))
    return item


def _pending(uid: str, version_seen: int) -> ReviewItem:
    item = ReviewItem.objects.select_for_update().filter(pk=uid).first()
    if item is None:
        raise ReviewRefused(why=Text("找不到该审核事项", "no such review item"))
    if item.status != "pending":
        raise ReviewRefused(why=Text("该事项已处理", "it was already decided"))
    if item.version != version_seen:
        raise ReviewRefused(why=Text("机构在您审核期间又更新了记录，请重新查看", "the agency changed the record while you "
                                     "were reviewing it: look again"))  # fmt: skip
    return item

