"""Finding workers: search, filters, masking, the audited reveal, the worker page and its timeline."""

from __future__ import annotations

from terminal.store import audit
from terminal.store.db import Database
from terminal.ui import history
from tests.ui.conftest import Running


def _search(running: Running, text: str) -> None:
    page = running.window.workers
    before = page.searches
    page.search.setText(text)
    running.qtbot.waitUntil(lambda: page.searches > before and not page._in_flight, timeout=10_000)


def test_search_by_name_and_id_suffix_masks_numbers(signed_in: Running) -> None:
    window = signed_in.window
    window.show_page(window.workers)
    signed_in.wait_idle()
    rows = window.workers.model.rows
    assert len(rows) == 30
    first = rows[0]
    assert "*" in first.masked_id and "*" in first.masked_phone
    _search(signed_in, first.name)
    assert first.worker_id in [r.worker_id for r in window.workers.model.rows]
    _search(signed_in, first.masked_id[-4:])
    assert first.worker_id in [r.worker_id for r in window.workers.model.rows]
    _search(signed_in, "没有这个人的名字")
    assert window.workers.model.rows == []
    assert window.workers.count.text().startswith("找到 0 人")


def test_filters_by_state_and_service_type(signed_in: Running) -> None:
    page = signed_in.window.workers
    signed_in.wait_idle()
    page.state_filter.setCurrentIndex(page.state_filter.findData("issued"))
    signed_in.wait_idle()
    assert page.model.rows and all(r.credential_state == "issued" for r in page.model.rows)
    page.state_filter.setCurrentIndex(0)
    page.type_filter.setCurrentIndex(page.type_filter.findData("cleaning"))
    signed_in.wait_idle()
    assert all("cleaning" in r.service_types for r in page.model.rows)


def test_worker_page_reveal_is_audited_and_timeline_has_sync_state(running: Running) -> None:
    running.sign_in("zhuguan")  # a supervisor may see full ID numbers
    window = running.window
    worker_id = window.workers.model.rows[0].worker_id
    window.open_worker(worker_id)
    running.wait_idle()
    page = window.worker
    assert "*" in page.profile_values["id"].text() and page.reveal_button.isVisible()
    page.reveal_button.click()
    running.wait_idle()
    assert page.revealed_id is not None and page.profile_values["id"].text() == page.revealed_id
    assert "*" not in page.revealed_id
    timeline = page.tables["timeline"]
    assert timeline.rowCount() >= 1
    assert history.column_of(timeline, "sync") >= 0
    uid = page.view.record.uid if page.view else ""

    def reveals(db: Database) -> list[str]:
        return [e.action for e in audit.entries_for(db, uid)]

    found: list[list[str]] = []
    running.window.session.run(reveals, found.append)
    running.wait_idle()
    assert "worker.id_number_viewed" in found[0]


def test_clerk_cannot_reveal(signed_in: Running) -> None:
    window = signed_in.window
    window.open_worker(window.workers.model.rows[0].worker_id)
    signed_in.wait_idle()
    assert not window.worker.reveal_button.isVisible()
    assert "*" in window.worker.profile_values["id"].text()
    assert "*" in window.worker.profile_values["phone"].text()
