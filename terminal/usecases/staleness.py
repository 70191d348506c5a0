"""The staleness gate, its one owner: a terminal that has not heard from the centre for too long stops issuing.

Issuing needs fresh revocations and background-check results; registration still works offline. The limit is
the `issue_staleness_days` setting (default 7). A terminal that has never pulled counts as stale, and so does
one whose last pull lies more than a day in the future (a clock set back cannot prove freshness).

The issue use case, the sync screen, `terminal sync status` and `terminal doctor` all ask here, so none can
disagree with the real gate. It reads the last successful pull from the store (sync writes it), so use cases
need not import sync, which imports use cases.
"""

from __future__ import annotations

import datetime as dt

from terminal.core.errors import StaleCentralData
from terminal.store.db import Database
from terminal.store.kv import SettingsRepo
from terminal.store.outbox import SyncStateRepo
from wirecontract.protocol import parse_iso

DEFAULT_LIMIT_DAYS = 7
SETTING = "issue_staleness_days"
LAST_PULL_AT = "last_pull_at"  # the same key as terminal/sync/state.py: written after every successful pull
CLOCK_TOLERANCE = dt.timedelta(days=1)


def limit_days(db: Database) -> int:
    """The configured limit; a missing, malformed or non-positive setting means the default."""
    raw = SettingsRepo(db).get(SETTING)
    if raw is not None and raw.isascii() and raw.isdigit() and int(raw) > 0:
        return int(raw)
    return DEFAULT_LIMIT_DAYS


def is_stale(last_pull: dt.datetime | None, now: dt.datetime, limit: int) -> bool:
    if last_pull is None:
        return True
    age = now - last_pull
    return age > dt.timedelta(days=limit) or age < -CLOCK_TOLERANCE


def last_pull(db: Database) -> dt.datetime | None:
    value = SyncStateRepo(db).get(LAST_PULL_AT)
    return parse_iso(value) if value else None


def issuing_blocked(db: Database, now: dt.datetime) -> bool:
    return is_stale(last_pull(db), now, limit_days(db))


def require_fresh_central_data(db: Database, now: dt.datetime) -> None:
    limit = limit_days(db)
    if is_stale(last_pull(db), now, limit):
        raise StaleCentralData(days=limit)
