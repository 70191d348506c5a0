"""One owner of the staleness limit: the setting moves the real gate and everything that reports it."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.errors import StaleCentralData
from terminal.store.db import Database
from terminal.store.kv import SettingsRepo
from terminal.store.outbox import SyncStateRepo
from terminal.sync import state as keys
from terminal.sync.wiring import status_of
from terminal.ui.sync_page import load_sync_view
from terminal.usecases import staleness

NOW = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)


def _pulled(db: Database, days_ago: float) -> None:
    SyncStateRepo(db).set(keys.LAST_PULL_AT, (NOW - dt.timedelta(days=days_ago)).isoformat())


def test_the_gate_follows_the_setting(db: Database) -> None:
    assert keys.LAST_PULL_AT == staleness.LAST_PULL_AT  # sync writes the key the gate reads
    assert staleness.issuing_blocked(db, NOW)  # never pulled
    _pulled(db, 6)
    assert not staleness.issuing_blocked(db, NOW)
    SettingsRepo(db).set(staleness.SETTING, "5")
    assert staleness.limit_days(db) == 5 and staleness.issuing_blocked(db, NOW)
    with pytest.raises(StaleCentralData) as info:
        staleness.require_fresh_central_data(db, NOW)
    assert info.value.params["days"] == 5
    _pulled(db, -3)  # the clock was set back
    assert staleness.issuing_blocked(db, NOW)


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "¹", ""])
def test_a_malformed_setting_means_the_default(db: Database, raw: str) -> None:
    SettingsRepo(db).set(staleness.SETTING, raw)
    assert staleness.limit_days(db) == staleness.DEFAULT_LIMIT_DAYS


def test_sync_status_and_the_sync_screen_agree_with_the_gate(db: Database) -> None:
    _pulled(db, 6)
    SettingsRepo(db).set(staleness.SETTING, "5")
    now = dt.datetime.now(dt.UTC)
    SyncStateRepo(db).set(keys.LAST_PULL_AT, (now - dt.timedelta(days=6)).isoformat())
    status = status_of(db, now)
    assert status["issuing_blocked"] is True and status["staleness_limit_days"] == 5
    assert load_sync_view(db).issuing_blocked is True  # it used to ignore the setting and say "normal"
