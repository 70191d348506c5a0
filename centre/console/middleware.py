"""The console's idle time-out: a signed-in session unused for CENTRE_CONSOLE_IDLE_SECONDS (default 30 minutes)
is signed out, and the next page asks to sign in again (the session cookie's own age caps a whole day's work)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from centre.console.idle import SESSION_KEY, idle_expired, needs_touch

Clock = Callable[[], float]


def idle_time_out(get_response: Callable[[HttpRequest], HttpResponse],
                  clock: Clock = time.time) -> Callable[[HttpRequest], HttpResponse]:  # fmt: skip
    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = clock()
            last_seen = request.session.get(SESSION_KEY)
            if idle_expired(last_seen, now, settings.CENTRE_CONSOLE_IDLE_SECONDS):
                logout(request)
                messages.info(request, _("You were signed out after a period without activity."))
            elif needs_touch(last_seen, now):
                request.session[SESSION_KEY] = now
        return get_response(request)

    return middleware


_CONTACT_EVERY = 60.0  # seconds: a terminal's contact is written at most this often per process
_contacts: dict[str, float] = {}
_contacts_lock = threading.Lock()


def terminal_contact(get_response: Callable[[HttpRequest], HttpResponse],
                     clock: Clock = time.monotonic) -> Callable[[HttpRequest], HttpResponse]:  # fmt: skip
    """Keeps each terminal's last signed request and its clock against the centre's, for the terminals page."""
    from centre.console.terminals import note_contact
    from centre.terminals.models import Terminal
    from wirecontract import protocol as p

    def middleware(request: HttpRequest) -> HttpResponse:
        arrived = p.utc_now()  # the drift is the request's time against its arrival, not against the answer
        response = get_response(request)
        terminal = getattr(request, "auth", None)
        if isinstance(terminal, Terminal) and response.status_code < 400:
            now = clock()
            with _contacts_lock:
                due = now - _contacts.get(terminal.id, -_CONTACT_EVERY) >= _CONTACT_EVERY
                if due:
                    _contacts[terminal.id] = now
            stamp = request.headers.get(p.HEADER_TIMESTAMP, "")
            if due and stamp.isascii() and stamp.isdigit():
                try:
                    note_contact(terminal.id, int(stamp), request.headers.get("User-Agent", ""), arrived)
                except DatabaseError:  # watching must never fail the terminal's request
                    with _contacts_lock:
                        _contacts.pop(terminal.id, None)
        return response

    return middleware
