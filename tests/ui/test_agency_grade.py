"""The agency's own credit grade, as the centre last sent it through pull, on the agency's registration file page
(real window, real encrypted store): 'not received yet' before, then the grade with its score and rules version,
in Chinese and in English."""

from __future__ import annotations

from terminal.store.db import Database
from terminal.usecases.central import apply_pulled
from tests.ui.conftest import Running


def test_the_agency_page_shows_the_centres_grade_for_the_agency(running: Running) -> None:
    running.sign_in("admin")
    window = running.window
    window.menu_actions["agency"].trigger()
    running.wait_idle()
    page = window.agency
    running.qtbot.waitUntil(lambda: "尚未收到" in page.grade.text(), timeout=10_000)
    change = {"uid": "g-agency", "subject": "agency", "subject_id": "any", "grade": "AAAA", "previous": "AAA",
              "score": 84.5, "rule_version": 2, "at": "2026-11-29T02:00:00.000Z", "reasons": []}  # fmt: skip

    def pulled(db: Database) -> None:
        apply_pulled(db, [{"seq": 7, "kind": "credit_grade", "data": change}], "7")

    running.terminal.db.call(pulled)
    page.refresh()
    running.qtbot.waitUntil(lambda: "AAAA" in page.grade.text(), timeout=10_000)
    assert page.grade.text() == "中心诚信等级：AAAA（得分 84.5，规则第 2 版，2026-11-29）"
    running.terminal.languages.switch("en")
    english = "The centre's credit grade: AAAA (score 84.5, rules version 2, 2026-11-29)"
    running.qtbot.waitUntil(lambda: page.grade.text() == english, timeout=10_000)
