"""The centre as an ASGI application, for uvicorn (terminal-server serve) or any ASGI server.

Django's application, served as WSGI in a pool of threads (centre/page_threads.py: all its views are synchronous),
is wrapped, outermost first, in the body-size limit (centre/limits.py: a whole body is read before anything of
the centre runs, so the limit has to stand in front of it) and in the dispatch of the bulk
routes to worker processes (centre/bulk_process.py: a large push must not stall the public page)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from centre.bulk_process import BulkRoutesInWorkers
from centre.limits import BodySizeLimit
from centre.ops.db_pool import pool_max
from centre.page_threads import pages_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
django_application = pages_application(get_wsgi_application(), threads=pool_max())
bulk_routes = BulkRoutesInWorkers(django_application, settings.CENTRE_BULK_PROCESSES)
application = BodySizeLimit(bulk_routes,
                            push_limit=settings.CENTRE_PUSH_BODY_LIMIT, default_limit=settings.CENTRE_BODY_LIMIT)  # fmt: skip
