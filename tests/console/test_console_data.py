"""The console's data layer over HTTP on SQLite and PostgreSQL: look-up answers and masking, the audited trace,
admission gating enrolment codes, the look-up index and the query plans behind it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console.helpers import Console, signed_in_consoles
from tests.sync.liveserver import LiveServer
from wirecontract.idnumber import make_valid_18, mask

WANG_ID = make_valid_18("31010419780312000")  # 王秀英, the demo's first worker (centre/console/demo.py)
PUDONG = "91310115MA1DEMO02X"
JINGAN = "91310106MA1DEMO03X"  # pending in the demo


@pytest.fixture(scope="module")
def consoles(any_demo_centre: LiveServer) -> Iterator[dict[str, Console]]:
    yield from signed_in_consoles(any_demo_centre)


def test_look_up_answers_with_masked_numbers(consoles: dict[str, Console]) -> None:
    staff = consoles["staff"]
    for query in ("王秀英", "王秀", "wangxiuying", "wxy", WANG_ID, WANG_ID[-4:], WANG_ID[-8:], "13800138001"):
        page = staff.search(query).text
        results = page[page.index("<tbody>"):page.index("</tbody>")]
        assert "王秀英" in results and mask(WANG_ID) in results and "138****8001" in results, query
        assert WANG_ID not in results and "13800138001" not in results
    both = staff.get("/console/search/?q=张美华").text
    assert both.count("张美华") >= 2  # registered by two agencies, one after the other
    assert "已离职" in both
    assert "没有找到" in staff.get("/console/search/?q=zzzz").text
    assert "请输入姓名" in staff.get("/console/search/?q=%21%21").text
    by_agency = staff.get(f"/console/search/?agency={PUDONG}").text
    assert "陈玉梅" in by_agency and "王秀英" not in by_agency


def test_viewing_a_trace_is_audited(any_demo_centre: LiveServer, consoles: dict[str, Console]) -> None:
    police = consoles["police"]
    page = police.get("/console/search/?q=张美华").text
    uid = page.split("/console/workers/")[1].split("/")[0]
    trace = police.get(f"/console/workers/{uid}/")
    assert trace.status_code == 200
    text = trace.text
    for shown in ("34122119850907", "徐汇安心家政服务有限公司", "浦东巧手家政有限公司", "离职/转出", "有不良记录",
                  "无异常", "家政服务员岗前培训（复训）", "登记（读取身份证）", "demo-reader"):  # fmt: skip
        assert shown in text, shown
    rows = any_demo_centre.query("SELECT actor, subject FROM audit_entries WHERE action = ?", "worker.trace.view")
    assert ("police", f"worker:{uid}") in [(str(a), str(s)) for a, s in rows]
    assert police.get("/console/workers/no-such-worker/").status_code == 404


def test_only_admitted_agencies_get_enrolment_codes(any_demo_centre: LiveServer, consoles: dict[str, Console]) -> None:
    admin, staff = consoles["admin"], consoles["staff"]
    refused = admin.post("/console/terminals/codes/", {"agency": JINGAN, "hours": "72"})
    assert refused.status_code == 302
    assert "尚未准入" in admin.get("/console/terminals/").text
    cli = any_demo_centre.command("enrol-code", "--agency", JINGAN, check=False)
    assert cli.returncode == 1 and "尚未准入" in cli.stderr and "admitted" not in cli.stderr
    empty = staff.post(f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": " "})
    assert empty.status_code == 302 and "请写明理由" in staff.get(f"/console/agencies/{JINGAN}/").text
    staff.post(f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": "资料核查无误，准予准入"})
    assert "已准入" in staff.get(f"/console/agencies/{JINGAN}/").text
    admin.post("/console/terminals/codes/", {"agency": JINGAN, "hours": "24"})
    assert "的一次性注册码" in admin.get("/console/terminals/").text
    assert any_demo_centre.command("enrol-code", "--agency", JINGAN).returncode == 0
    rows = any_demo_centre.query("SELECT decided_by, status FROM agency_admissions WHERE agency_id = ?", JINGAN)
    assert ("staff", "admitted") in [(str(a), str(b)) for a, b in rows]


def test_look_ups_are_answered_from_indexes(any_demo_centre: LiveServer) -> None:
    """Each look-up the console makes at scale reads an index, not the whole table (query plans on this backend)."""
    child = subprocess.run([sys.executable, str(Path(__file__).with_name("plans_child.py")), any_demo_centre.db_url],
                           env=any_demo_centre.env(), capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    plans: dict[str, str] = json.loads(child.stdout)
    for name, plan in plans.items():
        if any_demo_centre.db_url.startswith("sqlite"):
            scans = [line for line in plan.splitlines() if "SCAN" in line and "USING" not in line]
            assert "INDEX" in plan and not scans, (name, plan)
        else:
            assert "Index" in plan and "Seq Scan" not in plan, (name, plan)


def test_the_look_up_index_can_be_brought_up_to_date_from_the_command_line(any_demo_centre: LiveServer) -> None:
    done = any_demo_centre.command("console-index")
    assert "查询索引已是最新" in done.stdout and "up to date" not in done.stdout
    workers = any_demo_centre.query("SELECT COUNT(*) FROM console_worker_index")[0][0]
    records = any_demo_centre.query("SELECT COUNT(*) FROM records WHERE entity = ?", "worker")[0][0]
    assert workers == records >= 6
