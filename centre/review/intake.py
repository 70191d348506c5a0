"""What enters the review queue: called by the push (centre/sync/ingest.py) with the worker events it applied, in
the push's transaction. One pending item per worker: a later version before the review moves the item to it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from centre.review.models import ReviewItem

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
    pending: dict[str, ReviewItem] = {}
    returned: dict[str, str] = {}
    for chunk in _chunks(uids):
        pending.update((r.worker_uid, r) for r in ReviewItem.objects.filter(worker_uid__in=chunk, status="pending"))
        # The latest decision per worker: a correction answers a return only if nothing came after the return.
        for row in ReviewItem.objects.filter(worker_uid__in=chunk).exclude(status="pending").order_by("received_at"):
            returned[row.worker_uid] = row.uid if row.status == "returned" else ""
    new, changed = [], []
    for worker_uid, (version, kind) in latest.items():
        item = pending.get(worker_uid)
        if item is not None:
            item.version = max(item.version, version)
            changed.append(item)
            continue
        corrects = returned.get(worker_uid, "")
        label = "registered" if kind == "worker.registered" else ("corrected" if corrects else "changed")
        new.append(ReviewItem(uid=uuid.uuid4().hex, worker_uid=worker_uid, agency_id=agency_id, version=version,
                              kind=label, corrects=corrects, received_at=now))  # fmt: skip
    ReviewItem.objects.bulk_create(new, batch_size=_CHUNK)
    if changed:
        ReviewItem.objects.bulk_update(changed, ["version"], batch_size=_CHUNK)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    return (values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK))
