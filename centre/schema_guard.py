"""Schema versions: bring the database up to this program's migrations, and refuse one that a newer centre
migrated (its tables may mean what this program does not know)."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from centre.errors import NewerSchema


def unknown_applied_migrations(alias: str = "default") -> list[str]:
    """Migrations recorded in the database that this program does not have."""
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    on_disk = set(loader.disk_migrations)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations if (app, name) not in on_disk)


def check_not_newer(alias: str = "default") -> None:
    unknown = unknown_applied_migrations(alias)
    if unknown:
        raise NewerSchema(migrations=", ".join(unknown))


def migrate(alias: str = "default") -> None:
    """Refuse a newer database, then apply what is missing (each migration in its own transaction)."""
    check_not_newer(alias)
    connection = connections[alias]
    if connection.vendor == "sqlite":
        # WAL lets readers (the public page) run while a push writes; the mode persists in the database file.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    call_command("migrate", database=alias, interactive=False, verbosity=0)
