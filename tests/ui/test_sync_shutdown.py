"""The app closes while a sync round is still running (a demo centre slow to start): the worker ends cleanly at
its next database call, calls no listener after stop(), and nothing is logged as a bug."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import cast

import pytest
from pytestqt.qtbot import QtBot

from terminal.core.errors import DatabaseClosed
from terminal.sync.engine import SyncEngine
from terminal.sync.worker import SyncWorker, WorkerEvent
from terminal.ui.tasks import TaskThread


def test_a_round_outliving_stop_ends_at_its_next_database_call(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    database: TaskThread[object] = TaskThread("database", resource=object())
    in_round, let_go, ended = threading.Event(), threading.Event(), threading.Event()
    seen: list[BaseException] = []
    events: list[WorkerEvent] = []

    @contextlib.contextmanager
    def slow_engine() -> Iterator[SyncEngine]:
        assert database.call(lambda _db: True)  # the database thread answers while the app runs
        in_round.set()
        let_go.wait(30)  # stop() gives up waiting while the round is here
        try:
            database.call(lambda _db: True)
        except DatabaseClosed as closed:  # typed: the worker treats it as the end, not as a bug
            seen.append(closed)
            raise
        finally:
            ended.set()
        yield cast(SyncEngine, None)  # pragma: no cover - never reached: the database is gone

    worker = SyncWorker(slow_engine, on_event=events.append)
    with caplog.at_level(logging.INFO, logger="terminal.sync.worker"):
        worker.start()
        assert in_round.wait(10)
        thread = worker._thread  # this worker's own thread (an app test may leave others ending)
        assert thread is not None
        assert worker.stop(timeout=0.05) is False  # the round is still running
        database.shutdown()  # what the app does next: its database thread closes
        let_go.set()
        assert ended.wait(10)
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    assert len(seen) == 1 and not events  # no listener called after stop()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("ended as the app closed (database_closed)" in r.getMessage() for r in caplog.records)


def test_a_call_after_shutdown_is_refused_with_a_typed_error(qtbot: QtBot) -> None:
    database: TaskThread[object] = TaskThread("database", resource=object())
    assert database.call(lambda _db: 1) == 1
    database.shutdown()
    with pytest.raises(DatabaseClosed):
        database.call(lambda _db: 1)
