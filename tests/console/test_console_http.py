"""The console over HTTP against a real demo centre (SQLite): every role refused what it must not do (by address
and by form post, with nothing changed), CSRF, lockout, idle time-out, exports, the agency file, integrity
records, terminal contact and staff accounts. The data layer's tests run on both databases (test_console_data)."""

from __future__ import annotations

import io
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.console.helpers import ROLES, Console, signed_in_consoles
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
def consoles(demo_centre: LiveServer) -> Iterator[dict[str, Console]]:
    yield from signed_in_consoles(demo_centre)


def _state(server: LiveServer) -> tuple[object, ...]:
    """What the refused actions would change."""
    return (server.query("SELECT COUNT(*) FROM agency_admissions")[0][0],
            server.query("SELECT COUNT(*) FROM enrolment_codes")[0][0],
            server.query("SELECT COUNT(*) FROM terminals WHERE revoked = ?", True)[0][0],
            server.query("SELECT COUNT(*) FROM auth_user WHERE is_active = ?", True)[0][0],
            server.query("SELECT COUNT(*) FROM otp_totp_totpdevice")[0][0])  # fmt: skip


def _a_terminal(server: LiveServer) -> str:
    return str(server.query("SELECT id FROM terminals WHERE agency_id = ?", PUDONG)[0][0])


def test_anonymous_visitors_are_sent_to_sign_in(demo_centre: LiveServer) -> None:
    with Console(demo_centre, None) as anonymous:
        for path in PAGES:
            answer = anonymous.get(path)
            assert answer.status_code == 302 and answer.headers["location"].startswith("/console/login/?next="), path
        before = _state(demo_centre)
        answer = anonymous.post(f"/console/agencies/{JINGAN}/admission/", {"decision": "admitted", "reason": "x y"},
                                token_from="/console/login/")  # fmt: skip
    assert answer.status_code == 302 and "/console/login/" in answer.headers["location"]
    assert _state(demo_centre) == before


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
def test_actions_a_role_may_not_take_are_refused_by_post(demo_centre: LiveServer,
                                                          consoles: dict[str, Console], role: str) -> None:  # fmt: skip
    console, terminal = consoles[role], _a_terminal(demo_centre)
    before = _state(demo_centre)
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
    assert _state(demo_centre) == before


def test_a_post_without_the_csrf_token_is_refused(demo_centre: LiveServer, consoles: dict[str, Console]) -> None:
    before = _state(demo_centre)
    answer = consoles["admin"].client.post(f"/console/agencies/{JINGAN}/admission/",
                                           data={"decision": "refused", "reason": "forged"},
                                           headers={"Referer": demo_centre.url + "/console/"})  # fmt: skip
    assert answer.status_code == 403
    assert _state(demo_centre) == before


def test_repeated_failed_sign_ins_lock_the_account(demo_centre: LiveServer) -> None:
    demo_centre.extra_env["CENTRE_STAFF_PASSWORD"] = "Locked-out-but-right-1"
    demo_centre.command("staff", "add", "lock.me", "--role", "staff")
    with Console(demo_centre, None) as guesser:
        for attempt in range(5):
            answer = guesser.sign_in("lock.me", f"wrong-{attempt}")
            assert answer.status_code in (200, 403, 429) and answer.headers.get("location") is None
    with Console(demo_centre, None) as owner:
        right = owner.sign_in("lock.me", "Locked-out-but-right-1")
        assert right.status_code != 302 and "账号已锁定" in right.text
    with Console(demo_centre, None) as other:  # others are not locked by it
        assert other.sign_in("staff", "demo1234").status_code == 302


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


def test_the_terminals_page_shows_each_terminals_last_contact(demo_centre: LiveServer,
                                                              consoles: dict[str, Console]) -> None:  # fmt: skip
    from terminal import __version__ as terminal_version
    from terminal.sync.client import SyncClient
    from wirecontract.signing import TerminalKey

    code = demo_centre.command("enrol-code", "--agency", PUDONG).stdout.split()[-1]
    client = SyncClient(demo_centre.url, TerminalKey.generate())
    enrolled = client.enrol(code, PUDONG, "浦东巧手家政有限公司", "二号前台")
    client.receipt()  # a signed request: the centre notes the contact
    [(seen, drift)] = demo_centre.query(
        "SELECT last_seen_at, clock_drift_seconds FROM console_terminal_contact WHERE terminal_id = ?",
        enrolled.terminal_id)  # fmt: skip
    assert seen is not None and abs(int(drift)) <= 30  # a busy test machine may take seconds to answer
    page = consoles["regulator"].get("/console/terminals/?state=active").text
    row = page[page.index(enrolled.terminal_id):]
    row = row[:row.index("</tr>")]
    assert "二号前台" in row and "在用" in row and " 秒" in row and "—" not in row.split("</td>")[5]
    assert f"<td>{terminal_version}</td>" in row


def test_administrators_manage_accounts_in_the_console(demo_centre: LiveServer,
                                                        consoles: dict[str, Console]) -> None:  # fmt: skip
    admin = consoles["admin"]
    weak = admin.post("/console/staff/add/", {"username": "zhao.li", "role": "police", "password": "123456789",
                                              "again": "123456789"})  # fmt: skip
    assert weak.status_code == 302 and "密码太弱" in admin.get("/console/staff/").text
    mismatch = {"username": "zhao.li", "role": "police", "password": "Zhao-li-2026-pw", "again": "Zhao-li-2026-px"}
    admin.post("/console/staff/add/", mismatch)
    assert "两次输入的密码不同" in admin.get("/console/staff/").text
    admin.post("/console/staff/add/", {**mismatch, "again": "Zhao-li-2026-pw"})
    assert "zhao.li\tpolice\tactive" in demo_centre.command("staff", "list").stdout
    with Console(demo_centre, "zhao.li", "Zhao-li-2026-pw") as new:
        assert new.get("/console/search/?q=王").status_code == 200
        admin.post("/console/staff/zhao.li/disable/", {})
        assert new.get("/console/").status_code == 302  # signed out at once
    admin.post("/console/staff/admin/disable/", {})
    assert "不能停用自己的账号" in admin.get("/console/staff/").text
    rows = demo_centre.query("SELECT actor, action FROM audit_entries WHERE subject = ?", "staff:zhao.li")
    audited = {(str(a), str(b)) for a, b in rows}
    assert {("admin", "staff.add"), ("admin", "staff.disable"), ("zhao.li", "staff.sign_in")} <= audited


def test_the_demo_centre_prints_the_console_and_its_accounts(tmp_path: Path) -> None:
    from terminal.centre_process import centre_command, free_port

    server = LiveServer(tmp_path / "printed.db", demo=True)
    argv = [*centre_command(), "serve", "--demo", "--stop-on-eof", "--db", server.db_url, "--port", str(free_port())]
    with subprocess.Popen(argv, env=server.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as serving:
        assert serving.stdout is not None and serving.stdin is not None
        lines = [serving.stdout.readline(), serving.stdout.readline()]
        serving.stdin.close()  # --stop-on-eof: a clean shutdown
        serving.wait(30)
    assert "/console/" in lines[0]
    assert "管理台 / console:" in lines[1] and "admin | staff | police | regulator" in lines[1] and "demo1234" in lines[1]
