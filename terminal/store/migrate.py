"""Run pending migrations, each in its own transaction; refuse a database from a newer version."""

from __future__ import annotations

import datetime as dt
import logging

from terminal.core.errors import NewerSchema
from terminal.store.db import Database
from terminal.store.migrations import LATEST, MIGRATIONS

log = logging.getLogger(__name__)


def schema_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def check_not_newer(db: Database) -> int:
    found = schema_version(db)
    if found > LATEST:
        raise NewerSchema(found=found, supported=LATEST)
    return found


def migrate(db: Database, target: int = LATEST) -> list[str]:
    """Bring the schema up to `target`. Returns the names of the migrations applied."""
    current = check_not_newer(db)
    applied: list[str] = []
    for number in range(current + 1, target + 1):
        module = MIGRATIONS[number - 1]
        with db.transaction() as conn:
            for statement in getattr(module, "STATEMENTS", []):
                conn.execute(statement)
            after = getattr(module, "after", None)
            if after is not None:
                after(conn)
            conn.execute(
                "INSERT INTO schema_migrations(number, name, applied_at) VALUES (?, ?, ?)",
                (number, module.NAME, dt.datetime.now(dt.UTC).isoformat()),
            )
            conn.execute(f"PRAGMA user_version = {number}")
        log.info("applied migration %04d_%s", number, module.NAME)
        applied.append(f"{number:04d}_{module.NAME}")
    return applied
