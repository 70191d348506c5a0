"""The credit pages in Chromium against a running demo centre holding a small synthetic city (SQLite): the
regulator reads grades with their reasons and the figures are the database's; staff propose a black listing and
an administrator approves it; the pages in English. Nothing is loaded from outside loopback."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.console.helpers import console_centre, sign_in
from tests.sync.liveserver import TEST_SECRET_KEY, LiveServer


@pytest.fixture(scope="module")
def city_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Path]]:
    folder = tmp_path_factory.mktemp("credit-city")
    database = folder / "centre.db"
    env = {**os.environ, "CENTRE_HOME": str(folder / "home"), "CENTRE_SECRET_KEY": TEST_SECRET_KEY}
    subprocess.run([sys.executable, "-m", "centre.cli", "demo-city", "--db", f"sqlite:///{database}", "--workers",
                    "120", "--years", "2", "--seed", "5", "--until", "2026-11-29"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    server = console_centre(database)
    yield server, database
    server.stop()


def _db_score(database: Path, subject: str, subject_id: str) -> tuple[float, str]:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT score, grade FROM analytics_credit_grades WHERE subject = ? AND subject_id = ?",
                         (subject, subject_id)).fetchone()  # fmt: skip
    return float(row[0]), str(row[1])


def test_the_regulator_reads_grades_and_their_reasons(desktop_page: Page, city_centre: tuple[LiveServer, Path]) -> None:
    server, database = city_centre
    page = desktop_page
    sign_in(page, server, "regulator")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="诚信评价").click()
    expect(page.get_by_role("heading", name="诚信评价")).to_be_visible()
    rows = page.locator("#grades tbody tr")
    expect(rows.first).to_be_visible()
    first = rows.first
    code = first.get_attribute("data-subject-id") or ""
    score, grade = _db_score(database, "agency", code)
    expect(first.locator("[data-score]")).to_have_text(f"{score:.2f}")
    expect(first.locator("[data-grade]")).to_have_text(grade)
    first.get_by_role("link").click()
    expect(page.locator("#grade-line [data-grade]")).to_have_text(grade)
    contributions = page.locator("#contributions tbody tr")
    expect(contributions.filter(has_text="登记与执照")).to_have_count(1)
    expect(contributions.filter(has_text="百单投诉")).to_have_count(1)
    points = [float(text) for text in contributions.locator("[data-points]").all_inner_texts()]
    assert round(sum(points), 1) == round(score, 1)
    expect(page.locator("#history tbody tr").first).to_contain_text(grade)
    expect(page.locator("#propose-form")).to_have_count(0)  # the regulator reads only

    page.goto(server.url + "/console/credit/?subject=worker&district=浦东新区")
    expect(page.locator("#tab-worker")).to_have_attribute("aria-current", "page")
    for district in page.locator("#grades tbody tr td:nth-child(3)").all_inner_texts():
        assert district == "浦东新区"
    page.goto(server.url + "/console/credit/lists/")
    expect(page.locator("#list-entries tbody tr[data-entry]")).to_have_count(2)  # the city's black and red examples
    expect(page.get_by_role("button", name="批准")).to_have_count(0)


def test_staff_propose_and_an_administrator_approves(browser: Browser, city_centre: tuple[LiveServer, Path]) -> None:
    server, database = city_centre
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768}).new_page()
    sign_in(staff, server, "staff")
    staff.goto(server.url + "/console/credit/?subject=worker")
    row = staff.locator("#grades tbody tr").filter(has_not=staff.locator(".badge")).first
    worker = row.get_attribute("data-subject-id") or ""
    row.get_by_role("link").first.click()
    staff.get_by_label("名单").select_option("black")
    staff.get_by_label("理由").fill("冒用他人证件上岗")
    staff.get_by_role("button", name="提请审批").click()
    expect(staff.get_by_role("status")).to_contain_text("待另一位管理员审批")
    entry = staff.locator("#list-entries tbody tr").filter(has_text="冒用他人证件上岗")
    expect(entry.locator("[data-status]")).to_have_attribute("data-status", "proposed")
    expect(entry.get_by_role("button", name="批准")).to_have_count(0)  # staff do not decide
    staff.context.close()

    admin = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768}).new_page()
    sign_in(admin, server, "admin")
    admin.goto(server.url + "/console/credit/lists/")
    entry = admin.locator("#list-entries tbody tr").filter(has_text="冒用他人证件上岗")
    entry.get_by_role("button", name="批准").click()
    expect(admin.get_by_role("status")).to_contain_text("已批准")
    expect(entry.locator("[data-status]")).to_have_attribute("data-status", "listed")
    assert _db_score(database, "worker", worker)[1] == "1"
    entry.get_by_role("link").click()
    expect(admin.locator("#grade-line")).to_contain_text("黑名单：最低等级")
    expect(admin.locator("#grade-line [data-grade]")).to_have_text("★")
    admin.get_by_role("button", name="English").click()
    expect(admin.get_by_role("heading", name="How the score was made")).to_be_visible()
    admin.goto(server.url + "/console/audit/")
    expect(admin.locator("body")).to_contain_text(re.compile(r"credit\.black_list\.listed"))
    admin.context.close()
