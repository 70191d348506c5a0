"""The public pages' own scripts and styles, served by the centre itself (no CDN: centres may sit on a closed
network). A fixed list: nothing but these files is reachable. The service worker is allowed to control the whole
site so that it can answer /V/ and /e/ pages offline; it handles only those and its own files."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.views.decorators.http import require_GET

STATIC = Path(__file__).with_name("static")
ASSETS = {
    "public.css": "text/css; charset=utf-8",
    "verify.js": "text/javascript; charset=utf-8",
    "sw.js": "text/javascript; charset=utf-8",
    "offline.html": "text/html; charset=utf-8",
    "icon.svg": "image/svg+xml",
}


@require_GET
def asset(request: HttpRequest, name: str) -> HttpResponseBase:
    if name not in ASSETS or not (STATIC / name).is_file():
        raise Http404(name)
    response = FileResponse((STATIC / name).open("rb"), content_type=ASSETS[name])
    # Short: a fixed script must reach phones soon; the service worker keeps its own copy for offline use.
    response["Cache-Control"] = "public, max-age=300"
    if name == "sw.js":
        response["Service-Worker-Allowed"] = "/"
        response["Cache-Control"] = "no-cache"
    return response
