"""Named, numbered migrations. Each runs in one transaction; the database's user_version records the last.

Add a migration as a new module mNNNN_name.py with NAME and STATEMENTS (a list of SQL statements) or an
apply(conn) function, and append it to MIGRATIONS. Never edit a migration that has shipped.
"""

from __future__ import annotations

from types import ModuleType

from terminal.store.migrations import (
    m0001_core,
    m0002_workers,
    m0003_credentials_and_records,
    m0004_search_index,
    m0005_worker_photo_source,
    m0006_managers_and_agency_file,
    m0007_centre_casework,
)

MIGRATIONS: tuple[ModuleType, ...] = (
    m0001_core,
    m0002_workers,
    m0003_credentials_and_records,
    m0004_search_index,
    m0005_worker_photo_source,
    m0006_managers_and_agency_file,
    m0007_centre_casework,
)

LATEST = len(MIGRATIONS)
