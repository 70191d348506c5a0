"""The console over HTTP against a real demo centre, on SQLite and PostgreSQL: every role refused what it must not
do (by address and by form post, with nothing changed), CSRF, lockout, look-up answers and masking, the audited
trace, admission gating enrolment codes, and xlsx export."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.console.helpers import ROLES, Console
from tests.sync.liveserver import LiveServer
from wirecontract.idnumber import make_valid_18, mask

WANG_ID = make_valid_18("31010419780312000")  # 王秀英, the demo's first worker (centre/console/demo.py)
PUDONG = "91310115MA1DEMO02X"
JINGAN = "91310106MA1DEMO03X"  # pending in the demo
PAGES = ["/console/", "/console/search/?q=王", "/console/agencies/", f"/console/agencies/{PUDONG}/",
         "/console/terminals/", "/console/audit/", "/console/account/", "/console/staff/"]  # fmt: skip
ADMIN_ONLY = {"/console/audit/", "/console/staff/"}
MAY_NOT_SEE = {"admin": set(), "staff": ADMIN_ONLY, "police": {*ADMIN_ONLY, "/console/terminals/"},
               "regulator": ADMIN_ONLY}  # fmt: skip


@pytest.fixture(scope="module")
def consoles(any_demo_centre: LiveServer) -> Iterator[dict[str, Console]]:
    signed_in = {role: Console(any_demo_centre, role) for role in ROLES}
    yield signed_in
    for console in signed_in.values():
        console.close()


def _state(server: LiveServer) -> tuple[object, ...]:
    """What the refused actions would change."""
    return (server.query("SELECT COUNT(*) FROM agency_admissions")[0][0],
            server.query("SELECT COUNT(*) FROM enrolment_codes")[0][0],
            server.query("SELECT COUNT(*) FROM terminals WHERE revoked = ?", True)[0][0],
            server.query("SELECT COUNT(*) FROM auth_user WHERE is_active = ?", True)[0][0],
            server.query("SELECT COUNT(*) FROM otp_totp_totpdevice")[0][0])  # fmt: skip


def _a_terminal(server: LiveServer) -> str:
    return str(server.query("SELECT id FROM terminals WHERE agency_id = ?", PUDONG)[0][0])


def test_anonymous_visitors_are_sent_to_sign_in(any_demo_centre: LiveServer) -> None:
    with Console(any_demo_centre, None) as anonymous:
        for path in PAGES:
            answer = anonymous.get(path)
            assert answer.status_code == 302 and answer.headers["location"].startswith("/console/login/?next="), path
        before = _state(any_demo_centre)
        answer = anonymous.post(f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": "x y"},
                                token_from="/console/login/")  # fmt: skip
    assert answer.status_code == 302 and "/console/login/" in answer.headers["location"]
    assert _state(any_demo_centre) == before


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_pages_and_is_refused_the_rest(consoles: dict[str, Console], role: str) -> None:
    for path in PAGES:
        answer = consoles[role].get(path)
        expected = 403 if path in MAY_NOT_SEE[role] else 200
        assert answer.status_code == expected, (role, path)
        if expected == 403:
            assert "您的角色无权执行此操作" in answer.text
    nav = consoles[role].get("/console/").text
    assert ('href="/console/audit/"' in nav) == (role == "admin")
    assert ('href="/console/terminals/"' in nav) == (role != "police")


@pytest.mark.parametrize("role", ["staff", "police", "regulator"])
def test_actions_a_role_may_not_take_are_refused_by_post(any_demo_centre: LiveServer,
                                                          consoles: dict[str, Console], role: str) -> None:  # fmt: skip
    console, terminal = consoles[role], _a_terminal(any_demo_centre)
    before = _state(any_demo_centre)
    posts = [("/console/terminals/codes/", {"agency": PUDONG, "hours": "72"}),
             (f"/console/terminals/{terminal}/revoke/", {"reason": "lost", "compromised": "1"}),
             ("/console/account/totp/", {}),
             ("/console/staff/add/", {"username": "intruder", "role": "admin", "password": "Str0ng-enough-pw",
                                      "again": "Str0ng-enough-pw"}),
             ("/console/staff/admin/disable/", {})]  # fmt: skip
    if role != "staff":
        posts.append((f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": "资料齐全"}))
    for path, data in posts:
        answer = console.post(path, data)
        assert answer.status_code == 403, (role, path)
    assert _state(any_demo_centre) == before


def test_a_post_without_the_csrf_token_is_refused(any_demo_centre: LiveServer, consoles: dict[str, Console]) -> None:
    before = _state(any_demo_centre)
    answer = consoles["admin"].client.post(f"/console/agencies/{JINGAN}/admission/",
                                           data={"decision": "refused", "reason": "forged"},
                                           headers={"Referer": any_demo_centre.url + "/console/"})  # fmt: skip
    assert answer.status_code == 403
    assert _state(any_demo_centre) == before


def test_repeated_failed_sign_ins_lock_the_account(any_demo_centre: LiveServer) -> None:
    any_demo_centre.extra_env["CENTRE_STAFF_PASSWORD"] = "Locked-out-but-right-1"
    any_demo_centre.command("staff", "add", "lock.me", "--role", "staff")
    with Console(any_demo_centre, None) as guesser:
        for attempt in range(5):
            answer = guesser.sign_in("lock.me", f"wrong-{attempt}")
            assert answer.status_code in (200, 403, 429) and answer.headers.get("location") is None
    with Console(any_demo_centre, None) as owner:
        right = owner.sign_in("lock.me", "Locked-out-but-right-1")
        assert right.status_code != 302 and "账号已锁定" in right.text
    with Console(any_demo_centre, None) as other:  # others are not locked by it
        assert other.sign_in("staff", "demo1234").status_code == 302


def test_look_up_answers_with_masked_numbers(consoles: dict[str, Console]) -> None:
    staff = consoles["staff"]
    for query in ("王秀英", "王秀", "wangxiuying", "wxy", WANG_ID, WANG_ID[-4:], WANG_ID[-8:], "13800138001"):
        page = staff.get(f"/console/search/?q={query}").text
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


def test_centre_integrity_records_show_on_the_trace_and_the_agency_page(consoles: dict[str, Console]) -> None:
    staff = consoles["staff"]
    page = staff.get("/console/search/?q=王秀英").text
    uid = page.split("/console/workers/")[1].split("/")[0]
    trace = staff.get(f"/console/workers/{uid}/").text
    assert "表彰奖励" in trace and "获评区级优秀家政服务员" in trace and "中心诚信记录" in trace
    agency = staff.get("/console/agencies/91310107MA1DEMO04X/").text
    assert "投诉属实" in agency and "不良" in agency


def test_an_agency_page_shows_its_registration_file(consoles: dict[str, Console]) -> None:
    page = consoles["regulator"].get(f"/console/agencies/{PUDONG}/").text
    for shown in ("法定代表人", "张建国", "家政服务机构备案证明", "营业执照: SHA-256", "诚信承诺书: <span class=\"error\">未上传",
                  "已准入", "已发放", "前台"):  # fmt: skip
        assert shown in page, shown


def test_only_admitted_agencies_get_enrolment_codes(any_demo_centre: LiveServer, consoles: dict[str, Console]) -> None:
    admin, staff = consoles["admin"], consoles["staff"]
    refused = admin.post("/console/terminals/codes/", {"agency": JINGAN, "hours": "72"})
    assert refused.status_code == 302
    assert "尚未准入" in admin.get("/console/terminals/").text
    cli = any_demo_centre.command("enrol-code", "--agency", JINGAN, check=False)
    assert cli.returncode == 1 and "尚未准入" in cli.stderr and "not admitted" in cli.stderr
    empty = staff.post(f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": " "})
    assert empty.status_code == 302 and "请写明理由" in staff.get(f"/console/agencies/{JINGAN}/").text
    staff.post(f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": "资料核查无误，准予准入"})
    assert "已准入" in staff.get(f"/console/agencies/{JINGAN}/").text
    admin.post("/console/terminals/codes/", {"agency": JINGAN, "hours": "24"})
    assert "的一次性注册码" in admin.get("/console/terminals/").text
    assert any_demo_centre.command("enrol-code", "--agency", JINGAN).returncode == 0
    rows = any_demo_centre.query("SELECT decided_by, status FROM agency_admissions WHERE agency_id = ?", JINGAN)
    assert ("staff", "admitted") in [(str(a), str(b)) for a, b in rows]


def test_lists_export_as_xlsx(consoles: dict[str, Console]) -> None:
    answer = consoles["regulator"].get("/console/search/?q=w&kind=pinyin&format=xlsx")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0][:2] == ("姓名", "身份证号")
    assert ("王秀英", mask(WANG_ID)) in [r[:2] for r in rows]
    agencies = load_workbook(io.BytesIO(consoles["staff"].get("/console/agencies/?format=xlsx").content)).active
    assert agencies is not None and any("浦东巧手家政有限公司" in str(c.value) for c in agencies["A"])


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


def test_an_idle_session_is_signed_out(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "idle.db", demo=True)
    server.extra_env["CENTRE_CONSOLE_IDLE_SECONDS"] = "1"
    with server, Console(server, "regulator") as console:
        assert console.get("/console/").status_code == 200  # the session's activity is noted here
        started = time.monotonic()
        # Requests within the time-out do not renew it (it is written at most every 30 s), so asking until the
        # console sends us to sign in waits on the server's own rule, not on a sleep.
        while (answer := console.get("/console/")).status_code == 200:
            assert time.monotonic() - started < 30, "the idle session was never signed out"
        assert answer.status_code == 302 and answer.headers["location"].startswith("/console/login/")
        assert time.monotonic() - started >= 0.9
        page = console.get(answer.headers["location"]).text
        assert "您长时间未操作，已自动退出登录。" in page


def test_the_terminals_page_shows_each_terminals_last_contact(any_demo_centre: LiveServer,
                                                              consoles: dict[str, Console]) -> None:  # fmt: skip
    from terminal import __version__ as terminal_version
    from terminal.sync.client import SyncClient
    from wirecontract.signing import TerminalKey

    code = any_demo_centre.command("enrol-code", "--agency", PUDONG).stdout.split()[-1]
    client = SyncClient(any_demo_centre.url, TerminalKey.generate())
    enrolled = client.enrol(code, PUDONG, "浦东巧手家政有限公司", "二号前台")
    client.receipt()  # a signed request: the centre notes the contact
    [(seen, drift)] = any_demo_centre.query(
        "SELECT last_seen_at, clock_drift_seconds FROM console_terminal_contact WHERE terminal_id = ?",
        enrolled.terminal_id)  # fmt: skip
    assert seen is not None and abs(int(drift)) <= 30  # a busy test machine may take seconds to answer
    page = consoles["regulator"].get("/console/terminals/?state=active").text
    row = page[page.index(enrolled.terminal_id):]
    row = row[:row.index("</tr>")]
    assert "二号前台" in row and "在用" in row and " 秒" in row and "—" not in row.split("</td>")[5]
    assert f"<td>{terminal_version}</td>" in row


def test_the_look_up_index_can_be_brought_up_to_date_from_the_command_line(any_demo_centre: LiveServer) -> None:
    done = any_demo_centre.command("console-index")
    assert "查询索引已是最新" in done.stdout and "up to date" in done.stdout
    workers = any_demo_centre.query("SELECT COUNT(*) FROM console_worker_index")[0][0]
    records = any_demo_centre.query("SELECT COUNT(*) FROM records WHERE entity = ?", "worker")[0][0]
    assert workers == records >= 6


def test_administrators_manage_accounts_in_the_console(any_demo_centre: LiveServer,
                                                        consoles: dict[str, Console]) -> None:  # fmt: skip
    admin = consoles["admin"]
    weak = admin.post("/console/staff/add/", {"username": "zhao.li", "role": "police", "password": "123456789",
                                              "again": "123456789"})  # fmt: skip
    assert weak.status_code == 302 and "密码太弱" in admin.get("/console/staff/").text
    mismatch = {"username": "zhao.li", "role": "police", "password": "Zhao-li-2026-pw", "again": "Zhao-li-2026-px"}
    admin.post("/console/staff/add/", mismatch)
    assert "两次输入的密码不同" in admin.get("/console/staff/").text
    admin.post("/console/staff/add/", {**mismatch, "again": "Zhao-li-2026-pw"})
    assert "zhao.li\tpolice\tactive" in any_demo_centre.command("staff", "list").stdout
    with Console(any_demo_centre, "zhao.li", "Zhao-li-2026-pw") as new:
        assert new.get("/console/search/?q=王").status_code == 200
        admin.post("/console/staff/zhao.li/disable/", {})
        assert new.get("/console/").status_code == 302  # signed out at once
    admin.post("/console/staff/admin/disable/", {})
    assert "不能停用自己的账号" in admin.get("/console/staff/").text
    rows = any_demo_centre.query("SELECT actor, action FROM audit_entries WHERE subject = ?", "staff:zhao.li")
    audited = {(str(a), str(b)) for a, b in rows}
    assert {("admin", "staff.add"), ("admin", "staff.disable"), ("zhao.li", "staff.sign_in")} <= audited
