"""The casework journeys in Chromium against a real centre process (the demo centre, whose staff have an account per
role) and a real agency terminal store syncing with it over loopback:

- a registration returned for correction, corrected with the person's card at the terminal, resubmitted, accepted;
- a police-check batch made, downloaded, answered, uploaded, previewed and applied; the adverse result blocks
  issuing at the terminal; malformed result files refused with a message per row, changing nothing;
- a hotline complaint from registration to closure, answered from the agency's terminal;
- an integrity record about the agency with its evidence file, arriving at the terminal.
Screenshots of each page go to docs/screenshots/centre/."""

from __future__ import annotations

import http.client
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from terminal.core.errors import IssuePreconditionFailed
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.sync.engine import SyncEngine
from terminal.usecases import complaints, corrections, credentials, registration
from terminal.usecases.corrections import Profile
from tests.builders import TODAY, actor, card_read, open_db, profile
from tests.console.helpers import console_centre, screenshot, sign_in
from tests.console_workflows.sheets import HEADER, sheet
from tests.sync.conftest import enrol
from tests.sync.liveserver import LiveServer


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = console_centre(tmp_path_factory.mktemp("workflows") / "centre.db")
    yield server
    server.stop()


@dataclass
class AgencyTerminal:
    db: Database
    engine: SyncEngine
    agency_name: str

    def sync(self) -> None:
        self.engine.sync_once()

    def register(self) -> tuple[int, Any]:
        read = card_read()
        return registration.register_worker(self.db, actor(Role.CLERK), read, profile(), TODAY), read


@pytest.fixture
def agency_terminal(centre: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AgencyTerminal]:
    db = open_db(tmp_path / "home", monkeypatch)
    row = db.query_one("SELECT name, credit_code FROM agency WHERE id = 1")
    assert row is not None
    term = enrol(db, centre, agency=(str(row["credit_code"]), str(row["name"])))
    # The first push starts the centre's bulk worker processes: a loaded machine takes seconds.
    yield AgencyTerminal(db, term.engine(centre.url, timeout=60), str(row["name"]))
    db.close()


def test_a_registration_is_returned_corrected_at_the_terminal_and_accepted(
    centre: LiveServer, agency_terminal: AgencyTerminal, desktop_page: Page
) -> None:
    page, term = desktop_page, agency_terminal
    _, read = term.register()
    term.sync()
    sign_in(page, centre, "staff")
    _nav(page, "登记审核")
    row = page.locator("#review-queue tbody tr", has_text=term.agency_name)
    expect(row).to_contain_text("新登记")
    screenshot(page, "review-queue")
    row.get_by_role("link", name="查看").click()
    expect(page.get_by_role("heading", name=read_name(read))).to_be_visible()
    page.get_by_label("退回更正的原因（机构将据此更正）").fill("现住址缺门牌号，请补全")
    screenshot(page, "review-item")
    page.get_by_role("button", name="退回更正").click()
    expect(page.get_by_text("已退回机构更正")).to_be_visible()

    term.sync()  # the return arrives in the terminal's inbox
    [returned] = corrections.inbox(term.db)
    assert (returned.reason, returned.status) == ("现住址缺门牌号，请补全", "open")
    corrections.resubmit(term.db, actor(Role.CLERK), returned.uid, read,
                         Profile("13912345678", "上海市黄浦区南京东路 100 号 3 室", ["cleaning"]))  # fmt: skip
    term.sync()

    _nav(page, "登记审核")
    row = page.locator("#review-queue tbody tr", has_text=term.agency_name)
    expect(row).to_contain_text("更正后重新提交")
    row.get_by_role("link", name="查看").click()
    expect(page.locator("#returned-reason")).to_contain_text("现住址缺门牌号")
    expect(page.locator("#profile")).to_contain_text("南京东路 100 号 3 室")
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_text("已通过审核")).to_be_visible()
    term.sync()
    assert corrections.inbox(term.db)[0].status == "accepted"


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation").get_by_role("link", name=name, exact=True).click()


def read_name(read: Any) -> str:
    from terminal.store import identity_reads

    return identity_reads.decode(read).name


def _answer(batch_file: bytes, results: dict[str, str], default: str = "无异常") -> bytes:
    book = load_workbook(io.BytesIO(batch_file))
    rows = [list(r) for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    return sheet([[*r[:4], results.get(str(r[2]), default), "公安答复"] for r in rows])


def test_a_police_check_batch_is_exported_answered_and_imported(
    centre: LiveServer, agency_terminal: AgencyTerminal, desktop_page: Page, tmp_path: Path
) -> None:
    page, term = desktop_page, agency_terminal
    worker_id, _ = term.register()
    clear_id, _ = term.register()
    term.sync()
    adverse_number = str(term.db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,)))
    sign_in(page, centre, "police")
    _nav(page, "公安核查")
    page.get_by_role("button", name="生成批次").click()
    expect(page.get_by_text("已生成核查批次")).to_be_visible()
    screenshot(page, "policecheck")
    with page.expect_download() as download:
        page.locator("#batches a.download").first.click()
    batch_file = Path(download.value.path()).read_bytes()
    numbers = [str(r[2]) for r in load_workbook(io.BytesIO(batch_file)).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert adverse_number in numbers

    before = centre.query("SELECT count(*) FROM background_checks")[0][0]
    for name, content, message in _malformed(batch_file, numbers):
        path = tmp_path / name
        path.write_bytes(content)
        _nav(page, "公安核查")
        page.locator("#result-file").set_input_files(str(path))
        page.get_by_role("button", name="上传并预览").click()
        expect(page.locator("#file-error")).to_be_visible()
        expect(page.locator("main")).to_contain_text(message)
        if name == "bad-rows.xlsx":
            screenshot(page, "policecheck-refused")
    assert centre.query("SELECT count(*) FROM background_checks")[0][0] == before
    _refused_at_the_door(centre, page)
    assert centre.query("SELECT count(*) FROM background_checks")[0][0] == before

    answered = tmp_path / "结果.xlsx"
    answered.write_bytes(_answer(batch_file, {adverse_number: "有异常"}))
    _nav(page, "公安核查")
    page.locator("#result-file").set_input_files(str(answered))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.locator("#preview tbody tr")).to_have_count(len(numbers))
    expect(page.locator("#preview")).to_contain_text("有异常")
    screenshot(page, "policecheck-preview")
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("条结果，已发送至各机构")).to_be_visible()
    assert centre.query("SELECT count(*) FROM background_checks")[0][0] == before + len(numbers)

    term.sync()  # the results reach the agency; the adverse one blocks issuing there
    with pytest.raises(IssuePreconditionFailed):
        credentials.apply(term.db, actor(Role.CLERK), worker_id, TODAY)
    credentials.apply(term.db, actor(Role.CLERK), clear_id, TODAY)


def _malformed(batch_file: bytes, numbers: list[str]) -> list[tuple[str, bytes, str]]:
    rows = [list(r) for r in load_workbook(io.BytesIO(batch_file)).worksheets[0].iter_rows(min_row=2, values_only=True)]
    first = rows[0]
    wrong_digit = str(first[2])[:-1] + ("1" if str(first[2])[-1] != "1" else "2")
    return [
        ("empty.xlsx", b"", "文件是空的"),
        ("not-excel.xlsx", "批次号,序号,公民身份号码\n".encode(), "这不是 Excel"),
        ("columns.xlsx", sheet([first[:3]], header=["批次", "号码", "结果"]), "第 1 行的列名应为"),
        ("bad-rows.xlsx", sheet([[*first[:2], wrong_digit, first[3], "无异常"],
                                 [first[0], 2, numbers[0], "", "无异常"],
                                 [first[0], 3, numbers[-1], "", "也许"]], header=HEADER), "校验位不正确"),
    ]  # fmt: skip


def _refused_at_the_door(centre: LiveServer, page: Page) -> None:
    """A 50 MB upload is refused before a byte of it is read, with a page that says why."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    address = urlsplit(centre.url)
    conn = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
    conn.putrequest("POST", "/console/policecheck/import/")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    conn.endheaders()
    answer = conn.getresponse()
    assert answer.status == 413 and "文件过大" in answer.read().decode()
    conn.close()


def test_a_hotline_complaint_is_answered_from_the_terminal_and_closed(
    centre: LiveServer, agency_terminal: AgencyTerminal, desktop_page: Page
) -> None:
    page, term = desktop_page, agency_terminal
    worker_id, _ = term.register()
    term.sync()
    number = str(term.db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,)))
    sign_in(page, centre, "staff")
    _nav(page, "投诉")
    page.get_by_role("link", name="登记热线投诉").click()
    page.get_by_label("从业人员身份证号").fill(number)
    page.get_by_label("投诉内容").fill("约定上午九点上门，迟到两小时且未提前告知")
    page.get_by_label("投诉人称呼").fill("李女士")
    page.get_by_label("联系电话").fill("13912345678")
    screenshot(page, "complaint-register")
    page.get_by_role("button", name="登记").click()
    expect(page.locator("#complaint-state")).to_have_text("机构处理中")
    reference = page.get_by_role("heading").first.inner_text().split()[1]

    term.sync()
    [waiting] = [c for c in complaints.inbox(term.db) if c.reference == reference]
    assert waiting.due_at and waiting.status == "open"
    complaints.resolve(term.db, actor(Role.SUPERVISOR), waiting.uid, "已向客户致歉，并减免当次服务费")
    term.sync()

    page.reload()
    expect(page.locator("#complaint-state")).to_have_text("机构已答复")
    expect(page.locator("#resolution")).to_contain_text("减免当次服务费")
    screenshot(page, "complaint-detail")
    page.get_by_label("办结说明").fill("回访投诉人，对处理结果满意")
    page.get_by_role("button", name="办结").click()
    expect(page.locator("#complaint-state")).to_have_text("已办结")
    page.get_by_role("link", name="返回投诉列表").click()
    expect(page.locator("#complaints")).to_contain_text(reference)
    screenshot(page, "complaints")


def test_an_integrity_record_with_evidence_reaches_the_agency(
    centre: LiveServer, agency_terminal: AgencyTerminal, desktop_page: Page, tmp_path: Path
) -> None:
    page, term = desktop_page, agency_terminal
    credit_code = str(term.db.scalar("SELECT credit_code FROM agency WHERE id = 1"))
    evidence = tmp_path / "表彰决定.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% a commendation\n")
    sign_in(page, centre, "staff")
    _nav(page, "诚信信息")
    page.get_by_label("对象").select_option("agency")
    page.get_by_label("机构统一社会信用代码").fill(credit_code)
    page.get_by_label("类别").select_option("award")
    page.get_by_label("说明", exact=True).fill("2026 年度家政服务质量优秀机构")
    page.locator("#evidence").set_input_files(str(evidence))
    page.get_by_role("button", name="记录并发送至机构").click()
    expect(page.get_by_text("诚信信息已记录并发送至机构")).to_be_visible()
    expect(page.locator("#integrity-records")).to_contain_text("表彰决定.pdf")
    screenshot(page, "integrity")
    term.sync()
    assert term.db.scalar("SELECT description FROM agency_integrity_records") == "2026 年度家政服务质量优秀机构"


def test_roles_are_refused_in_the_browser(centre: LiveServer, desktop_page: Page) -> None:
    page = desktop_page
    sign_in(page, centre, "regulator")
    expect(page.get_by_role("navigation").get_by_role("link", name="公安核查")).to_be_visible()  # regulators read
    page.goto(centre.url + "/console/complaints/new/")
    expect(page.get_by_text("您的角色无权执行此操作")).to_be_visible()
    page.goto(centre.url + "/console/policecheck/")
    expect(page.locator("#make-batch")).to_have_count(0)  # no form for a reader
