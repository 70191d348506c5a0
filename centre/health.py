"""`/healthz`: is the centre up and its database reachable (for terminals' doctor and load balancers).

503 when the database does not answer, so a load balancer takes this process out of rotation."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from centre.terminals.models import Terminal
from wirecontract import protocol as p


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    now = p.iso(p.utc_now())
    try:
        terminals = Terminal.objects.count()
    except DatabaseError:
        return JsonResponse({"ok": False, "database": "unreachable", "server_time": now}, status=503)
    return JsonResponse({"ok": True, "demo": settings.DEMO, "terminals": terminals, "server_time": now})
