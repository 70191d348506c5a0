"""The worker page's history reads as words: headings and values in the UI's language, local time to the
minute, a state badge in the header; and the worker search updates its list instead of resetting it."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTableWidget

from terminal.core.lifecycle import State
from terminal.ui import history, workers_page
from terminal.ui.workers_page import WorkerTableModel
from terminal.usecases.queries import WorkerSummary
from tests.ui.conftest import Running
from tests.ui.helpers import raw_column
from tests.ui.lifecycle_helpers import holder_with_credential, issue_directly
from tests.ui.test_language_walk import switch

MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
CJK = re.compile(r"[\u3400-\u9fff]")


def test_local_time_to_the_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert history.local_time("2026-01-31T16:05:59.123456+00:00") == "2026-02-01 00:05"
        assert history.local_time("2026-01-31T16:05:59") == "2026-02-01 00:05"  # the store writes UTC
        assert history.local_time("2026-01-31") == "2026-01-31"
        assert history.local_wall_time("2026-03-01T09:30:00") == "2026-03-01 09:30"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def _texts(table: QTableWidget) -> tuple[list[str], list[str]]:
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())]  # type: ignore[union-attr]
    return headings, cells


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_tabs_in_words_and_local_time(signed_in: Running, lang: str) -> None:
    worker_id, number = holder_with_credential(signed_in)
    issue_directly(signed_in, number)
    switch(signed_in, lang)
    window = signed_in.window
    window.open_worker(worker_id)
    signed_in.wait_idle()
    page = window.worker
    assert page.badge.isVisible()
    assert page.badge.text() == f"{State.ISSUED.label(lang)} · {number}"
    for name in ("credentials", "credential_events", "timeline"):
        headings, cells = _texts(page.tables[name])
        raw_keys = {c.key for c in history.columns(name)}
        assert headings and not raw_keys & set(headings), f"{name} shows column names: {headings}"
        assert not any("credential." in c or ("_" in c and c.isascii() and c.islower()) for c in cells), cells
        if lang == "en":
            assert not any(CJK.search(h) for h in headings)
    events = page.tables["credential_events"]
    assert raw_column(events, "action")[-1] == "issue"
    shown = [events.item(r, history.column_of(events, "action")).text() for r in range(events.rowCount())]  # type: ignore[union-attr]
    assert shown[-1] == ("发证" if lang == "zh" else "Issued")
    timeline = page.tables["timeline"]
    times = [timeline.item(r, history.column_of(timeline, "at")).text() for r in range(timeline.rowCount())]  # type: ignore[union-attr]
    assert times and all(MINUTE.match(t) for t in times), times
    assert times == sorted(times, reverse=True)  # newest first


def _summary(i: int, name: str = "张三") -> WorkerSummary:
    return WorkerSummary(i, f"u{i}", name, "3101**********0011", "138****5678", ("cleaning",), None, None, False)


def test_the_list_updates_rows_without_a_reset(qtbot: object) -> None:
    model = WorkerTableModel()
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    model.set_rows([_summary(i) for i in range(5)])
    assert model.rowCount() == 5
    model.set_rows([_summary(0), _summary(1), _summary(9, "李四")])  # one row differs, two fewer
    assert model.rowCount() == 3 and changed[-1] == (2, 2)
    model.set_rows([_summary(0), _summary(1), _summary(9, "李四")])  # the same answer: nothing repaints
    assert changed[-1] == (2, 2) and len(changed) == 1
    assert not resets
    assert not model.canFetchMore(QModelIndex())


def test_search_pages_and_drops_stale_answers(signed_in: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_page, "PAGE_ROWS", 10)
    page = signed_in.window.workers
    signed_in.window.show_page(page)
    page.refresh()
    signed_in.wait_idle()
    # Pages of 10; the view itself asks for more while its viewport has room, as it does when scrolled down.
    assert len(page.model.rows) >= 10 and len(page.model.rows) % 10 == 0
    everyone = int(signed_in.terminal.db.call(lambda db: db.scalar("SELECT count(*) FROM workers")))
    for _ in range(everyone // 10 + 1):
        if not page.model.canFetchMore(QModelIndex()):
            break
        page.model.fetchMore(QModelIndex())
        signed_in.wait_idle()
    rows = page.model.rows
    assert len(rows) == everyone and len({r.worker_id for r in rows}) == everyone  # each worker once, then no more
    assert not page.model.canFetchMore(QModelIndex())
    before = page.searches
    name = page.model.rows[0].name
    page.search.setText(name[:1])  # a search starts...
    page.search.setText(name)  # ...and is stale before it answers
    signed_in.qtbot.waitUntil(lambda: page.searches > before, timeout=10_000)
    signed_in.wait_idle()
    assert page.searches == before + 1  # the stale answer was never shown
    assert page.model.rows and all(name in r.name for r in page.model.rows)
