"""The staleness gate: a terminal that has not heard from the centre for too long stops issuing.

Registration still works offline; only issuing credentials needs fresh revocations and check results.
A terminal that has never pulled counts as stale.
"""

from __future__ import annotations

import datetime as dt

from terminal.core.errors import StaleCentralData
from terminal.sync.ports import StatePort
from terminal.sync.state import SyncState

DEFAULT_LIMIT_DAYS = 7


def issuing_blocked(state: StatePort, now: dt.datetime, limit_days: int = DEFAULT_LIMIT_DAYS) -> bool:
    last_pull = SyncState.read(state).last_pull_at
    if last_pull is None:
        return True
    # A clock set back before the last pull is not trusted to prove freshness either.
    age = now - last_pull
    return age > dt.timedelta(days=limit_days) or age < -dt.timedelta(days=1)


def require_fresh_central_data(state: StatePort, now: dt.datetime, limit_days: int = DEFAULT_LIMIT_DAYS) -> None:
    if issuing_blocked(state, now, limit_days):
        raise StaleCentralData(days=limit_days)
