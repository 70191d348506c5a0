"""What enters the review queue: called by the push (centre/sync/ingest.py) with the worker events it applied, in
the push's transaction, once per push. One pending item per worker: a later version before the review moves the
item to it. Written with one statement per table (centre/sync/rows.py), as the push's own rows are."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from centre.review.models import ReviewItem
from centre.sync import rows

_CHUNK = 500
# Leaving the agency is the agency's own decision (and the centre's rules check it); nothing to review.
NOT_REVIEWED = frozenset({"worker.released"})


def take(applied: Iterable[tuple[str, int, str]], agency_id: str, now: dt.datetime) -> None:
    """`applied`: (worker uid, record version, event kind) for each worker event the push applied."""
    latest: dict[str, tuple[int, str]] = {}
    for worker_uid, version, kind in applied:
        if kind in NOT_REVIEWED:
            continue
        seen = latest.get(worker_uid)
        first = seen[1] if seen else kind
        if seen is None or version > seen[0]:
            latest[worker_uid] = (version, first if first == "worker.registered" else kind)
    if not latest:
        return
    uids = sorted(latest)
    pending: dict[str, tuple[str, int]] = {}  # worker uid → its pending item (uid, version)
    returned: dict[str, str] = {}
    for chunk in _chunks(uids):
        # One look-up for both: the pending item, and the latest decision (a correction answers a return only
        # if nothing came after the return).
        items = ReviewItem.objects.filter(worker_uid__in=chunk).order_by("received_at")
        for uid, worker_uid, status, version in items.values_list("uid", "worker_uid", "status", "version"):
            if status == "pending":
                pending[worker_uid] = (uid, version)
            else:
                returned[worker_uid] = uid if status == "returned" else ""
    new, changed = [], []
    received_at = rows.datetime_value(now)
    for worker_uid, (version, kind) in latest.items():
        if worker_uid in pending:
            uid, held = pending[worker_uid]
            if version > held:
                changed.append((version, uid))
            continue
        corrects = returned.get(worker_uid, "")
        label = "registered" if kind == "worker.registered" else ("corrected" if corrects else "changed")
        new.append((uuid.uuid4().hex, worker_uid, agency_id, version, label, corrects, "pending", received_at, "", ""))
    rows.insert(ReviewItem, _NEW_FIELDS, new)
    rows.update(ReviewItem, ("version",), "uid", changed)


_NEW_FIELDS = ("uid", "worker_uid", "agency_id", "version", "kind", "corrects", "status", "received_at",
               "decided_by", "reason")  # fmt: skip


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    return (values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK))
