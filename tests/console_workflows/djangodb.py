"""The centre's use cases in this test process, on SQLite and on a private PostgreSQL: Django is set up once,
each backend is migrated once per session, and each test runs in a transaction that is rolled back."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.sync.liveserver import TEST_SECRET_KEY

_migrated: set[str] = set()


def setup_django() -> None:
    import django
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings")
    os.environ.setdefault("CENTRE_SECRET_KEY", TEST_SECRET_KEY)
    os.environ.setdefault("CENTRE_HOME", tempfile.mkdtemp(prefix="centre-home-"))
    default = Path(tempfile.mkdtemp(prefix="centre-usecases-")) / "centre.db"
    os.environ.setdefault("TERMINAL_SERVER_DB", f"sqlite:///{default}")
    django.setup()


def use_database(url: str) -> None:
    """Point Django's default connection at `url` (migrated the first time)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from centre.config import database_settings

    connections.close_all()
    settings.DATABASES["default"] = database_settings(url)
    connections.settings = connections.configure_settings(settings.DATABASES)
    try:
        del connections["default"]
    except AttributeError:
        pass  # never connected in this thread
    if url not in _migrated:
        call_command("migrate", verbosity=0)
        _migrated.add(url)
