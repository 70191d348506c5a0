"""The console's idle time-out: a signed-in session unused for CENTRE_CONSOLE_IDLE_SECONDS (default 30 minutes)
is signed out, and the next page asks to sign in again (the session cookie's own age caps a whole day's work)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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
