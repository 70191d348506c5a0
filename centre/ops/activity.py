"""Records each terminal's contact (models.TerminalActivity) as its signed requests are answered: the metrics
endpoint reports terminals not seen for a day and each terminal's pull lag from it.

Throttled per process: a row is written when the terminal's pull cursor moves, else at most once a minute."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from centre.ops.models import TerminalActivity
from centre.terminals.models import Terminal
from wirecontract import protocol as p

REFRESH_SECONDS = 60.0

_lock = threading.Lock()
_written: dict[str, tuple[float, int | None]] = {}  # terminal id -> (monotonic time written, cursor written)


def record_terminal_activity(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        terminal = getattr(request, "auth", None)
        if isinstance(terminal, Terminal) and 200 <= response.status_code < 300:
            cursor = _pulled_cursor(request)
            if _due(terminal.id, cursor):
                _write(terminal.id, cursor)
        return response

    return middleware


def _pulled_cursor(request: HttpRequest) -> int | None:
    """The cursor a pull named: the terminal holds every decision up to it."""
    if request.path != p.PULL_PATH:
        return None
    raw = request.GET.get("cursor", "") or "0"
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _due(terminal_id: str, cursor: int | None) -> bool:
    now = time.monotonic()
    with _lock:
        written = _written.get(terminal_id)
        if written is not None and now - written[0] < REFRESH_SECONDS and (cursor is None or cursor == written[1]):
            return False
        _written[terminal_id] = (now, cursor if cursor is not None else (written[1] if written else None))
        return True


def _write(terminal_id: str, cursor: int | None) -> None:
    defaults: dict[str, object] = {"last_seen_at": p.utc_now()}
    if cursor is not None:
        defaults["pull_cursor"] = cursor
    try:
        TerminalActivity.objects.update_or_create(terminal_id=terminal_id, defaults=defaults)
    except DatabaseError:
        # Watching must never fail the terminal's request; the next request writes the row again.
        with _lock:
            _written.pop(terminal_id, None)
