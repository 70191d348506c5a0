"""The terminal sync routes: thin calls into the sync rules (ingest, feed, receipt)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import Query, Router

from centre.errors import ApiError
from centre.sync import schemas
from centre.sync.identity_rules import normalise_id_number
from centre.sync.ingest import BatchIngest, Verdict
from centre.sync.models import Decision, Event, IdentityRegistration
from centre.terminals.models import Terminal
from centre.terminals.signature_auth import TerminalSignature
from wirecontract import protocol as p
from wirecontract.receipt import receipt_of

router = Router(auth=TerminalSignature(), tags=["sync"])
ERRORS = {code: schemas.ErrorResponse for code in (400, 401, 403, 404, 409, 413, 422, 429)}


def _terminal(request: HttpRequest) -> Terminal:
    terminal = request.auth  # type: ignore[attr-defined]  # set by ninja from TerminalSignature
    assert isinstance(terminal, Terminal)
    return terminal


@router.post(p.PUSH_PATH.removeprefix(p.API), response={200: schemas.PushResponse, **ERRORS})
def push(request: HttpRequest, body: schemas.PushRequest) -> dict[str, object]:
    terminal = _terminal(request)
    wire = [event.model_dump() for event in body.events]
    verdicts = _ingest(terminal, wire)
    return {"results": [v.to_json() for v in verdicts], "server_time": p.iso(p.utc_now())}


def _ingest(terminal: Terminal, wire: list[dict[str, Any]]) -> list[Verdict]:
    """One transaction. Two pushes of the same events (a terminal's retry racing its first attempt, through two
    application processes) both find them new; the second to commit meets the unique keys and runs once more,
    now seeing what the first stored, so it answers `duplicate` as a later push would (the same holds for two
    agencies registering one person at once: the second is refused as registered elsewhere)."""
    for attempt in range(_INGEST_ATTEMPTS):
        try:
            with transaction.atomic():
                return BatchIngest(terminal, settings.DEMO, p.utc_now()).run(wire)
        except IntegrityError:
            if attempt == _INGEST_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


_INGEST_ATTEMPTS = 3  # each retry follows a commit by another push of the same events: a third is already rare


@router.get(p.PULL_PATH.removeprefix(p.API), response={200: schemas.PullResponse, **ERRORS})
def pull(request: HttpRequest, params: Query[schemas.PullParams]) -> dict[str, object]:
    terminal = _terminal(request)
    cursor = params.cursor
    if cursor and not (cursor.isascii() and cursor.isdigit()):
        raise ApiError(400, p.ErrorCode.BAD_CURSOR, "the cursor was not issued by this server")
    since = int(cursor or 0)
    mine = Decision.objects.filter(seq__gt=since).filter(agency_id__isnull=True) | Decision.objects.filter(
        seq__gt=since, agency_id=terminal.agency_id
    )
    rows = list(mine.order_by("seq")[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    changes = [{"seq": r.seq, "kind": r.kind, "data": r.data} for r in rows]
    next_cursor = str(rows[-1].seq) if rows else str(since)
    return {"changes": changes, "cursor": next_cursor, "more": more, "server_time": p.iso(p.utc_now())}


@router.get(p.RECEIPT_PATH.removeprefix(p.API), response={200: schemas.ReceiptResponse, **ERRORS})
def receipt(request: HttpRequest) -> dict[str, object]:
    terminal = _terminal(request)
    held = Event.objects.filter(terminal_id=terminal.id, status=p.EventStatus.ACCEPTED.value)
    result = receipt_of(held.values_list("event_id", flat=True).iterator(chunk_size=5000))
    return {"terminal_id": terminal.id, **result.to_json(), "server_time": p.iso(p.utc_now())}


@router.get(p.MY_EVENTS_PATH.removeprefix(p.API), response={200: schemas.MyEventsResponse, **ERRORS})
def my_events(request: HttpRequest, params: Query[schemas.MyEventsParams]) -> dict[str, object]:
    """The asking terminal's own accepted events after `after_seq`, as it sent them: a terminal whose database
    was rolled back fetches back what it lost (docs/sync-protocol.md, *Recovery*). Only its own: another
    terminal of the same agency, or another agency, never sees them here."""
    terminal = _terminal(request)
    held = Event.objects.filter(terminal_id=terminal.id, status=p.EventStatus.ACCEPTED.value,
                                seq__gt=params.after_seq).order_by("seq")  # fmt: skip
    rows = list(held[: params.limit + 1])
    fields = ("event_id", "seq", "entity", "entity_uid", "record_version", "kind", "payload", "provenance",
              "simulated", "created_at")  # fmt: skip
    events = [{name: getattr(row, name) for name in fields} for row in rows[: params.limit]]
    return {"events": events, "more": len(rows) > params.limit, "server_time": p.iso(p.utc_now())}


@router.post(p.IDENTITY_STATUS_PATH.removeprefix(p.API), response={200: schemas.IdentityStatusResponse, **ERRORS})
def identity_status(request: HttpRequest, body: schemas.IdentityStatusRequest) -> dict[str, object]:
    """Registration asks before saving: one agency per person (谁发证谁负责)."""
    terminal = _terminal(request)
    current = IdentityRegistration.objects.filter(id_number=normalise_id_number(body.id_number), released_at__isnull=True)
    entry = current.first()
    here = entry is not None and entry.agency_id == terminal.agency_id
    return {"registered_here": here, "registered_elsewhere": entry is not None and not here,
            "server_time": p.iso(p.utc_now())}  # fmt: skip
