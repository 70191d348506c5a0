"""The centre as an ASGI application, for uvicorn (terminal-server serve) or any ASGI server."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
application = get_asgi_application()
