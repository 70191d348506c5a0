"""The analysis dashboards in Chromium against a live centre holding a small synthetic city: each page loads for
the regulator, its figures are the database's, its ECharts charts draw on a canvas, and its exports open
(openpyxl; the PDF's text through pdftotext). Nothing is loaded from outside loopback (tests.web.browser)."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from centre.analytics.city_model import CityParams
from tests.console.helpers import console_centre, sign_in
from tests.console_workflows.djangodb import use_database
from tests.sync.liveserver import LiveServer

MONTH = 202510
T = TypeVar("T")


def _in_thread(work: Callable[[], T]) -> T:
    """Django's ORM refuses the thread where Playwright's event loop runs: database work goes to another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def _raw(measure: str, month: int = MONTH, **where: Any) -> int:
    from centre.analytics import statistics_raw
    from centre.analytics.statistics import Slice

    return _in_thread(lambda: statistics_raw.figure(measure, Slice(**where), month).n)


@pytest.fixture(scope="module")
def city_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A small city loaded in-process, its rollup and this week's outlook computed, then the demo centre on it."""
    from django.db import connections

    from centre.analytics import resources, statistics
    from centre.analytics.credit import today_in_shanghai
    from centre.analytics.demo_city import load_city

    db = Path(tmp_path_factory.mktemp("dashboards")) / "centre.db"

    def prepare() -> None:
        use_database(f"sqlite:///{db}")
        load_city(CityParams(workers=120, years=2, seed=17, until=today_in_shanghai()), grade=False)
        statistics.rebuild()
        resources.run()
        connections.close_all()

    _in_thread(prepare)
    server = console_centre(db)
    yield server
    server.stop()


def _canvas_drawn(page: Page, chart: str) -> None:
    expect(page.locator(f"#{chart}")).to_have_attribute("data-rendered", "1")
    expect(page.locator(f"#{chart} canvas")).to_have_count(1)


def _download(page: Page, link: str) -> bytes:
    with page.expect_download() as info:
        page.locator(f"#{link}").click()
    return Path(info.value.path()).read_bytes()


def test_statistics_page_figures_chart_and_xlsx(desktop_page: Page, city_centre: LiveServer) -> None:
    from centre.analytics.statistics import MEASURES

    page = desktop_page
    sign_in(page, city_centre, "regulator")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="数据分析").click()
    expect(page.get_by_role("heading", name="行业统计")).to_be_visible()
    page.goto(city_centre.url + f"/console/analytics/?month={MONTH}")
    for measure in ("contracts", "certified_workers", "complaints"):
        expected = _raw(measure, district="浦东新区")
        cell = page.locator(f'#statistics tr[data-key="浦东新区"] td[data-measure="{measure}"]')
        expect(cell).to_have_attribute("data-n", str(expected))
    _canvas_drawn(page, "chart-line")
    _canvas_drawn(page, "chart-bars")
    book = load_workbook(io.BytesIO(_download(page, "export-xlsx")))
    rows = {row[0]: row for row in book.worksheets[0].iter_rows(values_only=True)}
    assert rows["浦东新区"][1 + MEASURES.index("contracts")] == _raw("contracts", district="浦东新区")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Industry statistics")).to_be_visible()


def test_trends_outlook_supervision_and_the_report(desktop_page: Page, city_centre: LiveServer) -> None:
    from centre.analytics.rollup_models import OutlookRun

    page = desktop_page
    sign_in(page, city_centre, "regulator")
    page.goto(city_centre.url + "/console/analytics/trends/?measure=contracts")
    expect(page.get_by_role("heading", name="趋势分析")).to_be_visible()
    value = page.locator(f'#series tr[data-month="{MONTH}"] td[data-value]')
    expect(value).to_have_attribute("data-value", str(float(_raw("contracts"))))
    _canvas_drawn(page, "chart-trend")

    page.goto(city_centre.url + "/console/analytics/outlook/")
    expect(page.get_by_role("heading", name="高峰低谷预警（未来12周）")).to_be_visible()
    warnings = _in_thread(lambda: len(OutlookRun.objects.order_by("-computed_at")[0].payload["warnings"]))
    expect(page.locator("#warnings tbody tr[data-kind]")).to_have_count(warnings)
    _canvas_drawn(page, "chart-outlook")
    expect(page.locator("#backtest")).to_contain_text("holt")

    page.goto(city_centre.url + f"/console/analytics/supervision/?month={MONTH}")
    expect(page.locator('#dynamics tr[data-measure="contracts"] td[data-now]')).to_have_attribute(
        "data-now", str(float(_raw("contracts"))))
    text = subprocess.run(["pdftotext", "-", "-"], input=_download(page, "report-pdf"), capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "上海市家政服务行业监管月报" in text and "2025年10月" in text and "浦东新区" in text
    assert "分区统计" in load_workbook(io.BytesIO(_download(page, "report-xlsx"))).sheetnames
