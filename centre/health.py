"""`/healthz`: is the centre up and its database reachable (for terminals' doctor and load balancers)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from centre.terminals.models import Terminal
from wirecontract import protocol as p


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    terminals = Terminal.objects.count()
    return JsonResponse({"ok": True, "demo": settings.DEMO, "terminals": terminals, "server_time": p.iso(p.utc_now())})
