"""The home page and the sync screen say why sync is waiting, and that a bug stopped it (with a way to
restart it); the bug itself reaches the crash report."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from types import TracebackType

import pytest

from terminal.core.errors import DiskFull, SyncErrorKind, SyncFault
from terminal.sync.engine import SyncEngine
from terminal.sync.worker import WorkerEvent
from tests.ui.conftest import Running


def _runner(running: Running):  # type: ignore[no-untyped-def]
    runner = running.terminal.sync
    assert runner is not None
    return runner


def test_reason_for_waiting_is_shown_on_home_and_sync_pages(signed_in: Running) -> None:
    window, qtbot = signed_in.window, signed_in.qtbot
    runner = _runner(signed_in)
    runner.worker.stop()  # this test plays the worker: its events come through the same bridge
    qtbot.waitUntil(lambda: not runner.worker.running, timeout=30_000)
    qtbot.waitUntil(lambda: window.home.data is not None, timeout=10_000)

    runner.bridge.event_from_worker(WorkerEvent(None, DiskFull(), 12.0))
    qtbot.waitUntil(lambda: "磁盘空间已满" in window.home.sync_state.text(), timeout=10_000)
    assert "12 秒后自动重试" in window.home.sync_state.text()
    window.show_page(window.sync)
    qtbot.waitUntil(lambda: window.sync.view is not None, timeout=10_000)
    assert "磁盘空间已满" in window.sync.fields["status"].text()
    assert not window.sync.restart_button.isVisible()

    runner.bridge.event_from_worker(WorkerEvent(None, SyncFault(SyncErrorKind.OFFLINE, "x"), 5.0))
    window.show_page(window.home)
    qtbot.waitUntil(lambda: window.home.sync_state.text().startswith("离线"), timeout=10_000)

    signed_in.terminal.languages.switch("en")
    runner.bridge.event_from_worker(WorkerEvent(None, DiskFull(), 3.0))
    qtbot.waitUntil(lambda: "The disk is full" in window.home.sync_state.text(), timeout=10_000)


class _Boom:
    """An engine whose round hits a bug (not a TerminalError)."""

    def sync_once(self) -> None:
        raise ZeroDivisionError("a bug in a sync round")


@contextlib.contextmanager
def _buggy_engine() -> Iterator[SyncEngine]:
    yield _Boom()  # type: ignore[misc]


@pytest.mark.expected_logs("sync worker stopped by an unexpected ZeroDivisionError")
def test_a_bug_stops_sync_visibly_goes_to_the_crash_report_and_can_be_restarted(
    signed_in: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, qtbot = signed_in.window, signed_in.qtbot
    runner = _runner(signed_in)
    runner.worker.stop()
    qtbot.waitUntil(lambda: not runner.worker.running, timeout=30_000)
    reports: list[type[BaseException]] = []

    def crash_handler(kind: type[BaseException], _exc: BaseException, _tb: TracebackType | None) -> None:
        reports.append(kind)

    monkeypatch.setattr(sys, "excepthook", crash_handler)
    monkeypatch.setattr(runner.worker, "_open_engine", _buggy_engine)
    window.show_page(window.sync)
    assert runner.restart()
    qtbot.waitUntil(lambda: reports == [ZeroDivisionError], timeout=10_000)
    qtbot.waitUntil(lambda: "同步已停止" in window.sync.fields["status"].text(), timeout=10_000)
    assert window.sync.restart_button.isVisible()
    status = runner.status()
    assert status is not None and status.stopped
    window.show_page(window.home)
    qtbot.waitUntil(lambda: "同步已停止" in window.home.sync_state.text(), timeout=10_000)

    # Restarting from the sync screen starts a new thread (which, with the same bug, stops again).
    window.show_page(window.sync)
    window.sync.restart_button.click()
    qtbot.waitUntil(lambda: reports == [ZeroDivisionError, ZeroDivisionError], timeout=10_000)
