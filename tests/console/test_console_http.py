"""The console over HTTP against a real demo centre (SQLite): every role refused what it must not do (by address
and by form post, with nothing changed), CSRF, lockout, idle time-out, exports, the agency file, integrity
records, terminal contact and staff accounts. The data layer's tests run on both databases (test_console_data)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.console.helpers import ROLES, Console, csrf_token, signed_in_consoles
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
    audit_page = consoles["admin"].get("/console/audit/?actor=regulator").text
    assert "/console/audit/?actor=regulator&amp;format=xlsx" in audit_page
    audit_file = consoles["admin"].get("/console/audit/?actor=regulator&format=xlsx")
    assert consoles["staff"].get("/console/audit/?format=xlsx").status_code == 403
    log = load_workbook(io.BytesIO(audit_file.content)).active
    assert log is not None
    entries = [tuple(c.value for c in row) for row in log.iter_rows()]
    assert entries[0] == ("#", "时间", "操作人", "操作", "对象") and {e[2] for e in entries[1:]} == {"regulator"}
    assert ("regulator", "list.export", "list:workers") in [e[2:] for e in entries]
    exported = consoles["admin"].server.query("SELECT subject FROM audit_entries WHERE action = ?", "list.export")
    assert {"list:workers", "list:agencies", "list:audit"} <= {str(s) for (s,) in exported}  # every export audited


def test_agencies_filtered_by_admission(consoles: dict[str, Console]) -> None:
    staff = consoles["staff"]
    shown = {state: staff.get(f"/console/agencies/?admission={state}").text.split("<tbody>")[1]
             for state in ("admitted", "pending", "suspended", "refused", "bogus")}  # fmt: skip
    assert "浦东巧手家政有限公司" in shown["admitted"] and JINGAN not in shown["admitted"]
    assert JINGAN in shown["pending"] and "浦东巧手家政有限公司" not in shown["pending"]
    assert shown["suspended"].count("<tr>") == 1 and "没有找到" in shown["refused"]
    assert shown["bogus"].count("<tr>") == 4  # an unknown state filters nothing
    sheet = load_workbook(io.BytesIO(staff.get("/console/agencies/?admission=pending&format=xlsx").content)).active
    assert sheet is not None and [c.value for c in sheet["B"]][1:] == [JINGAN]


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
    argv = [*centre_command(), "--lang", "en", "serve", "--demo", "--stop-on-eof", "--db", server.db_url, "--port",
            str(free_port())]  # fmt: skip
    with subprocess.Popen(argv, env=server.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as serving:
        assert serving.stdout is not None and serving.stdin is not None
        lines = [serving.stdout.readline(), serving.stdout.readline()]
        serving.stdin.close()  # --stop-on-eof: a clean shutdown
        serving.wait(30)
    assert "/console/" in lines[0]
    assert lines[1].startswith("console:") and "admin | staff | police | regulator" in lines[1] and "demo1234" in lines[1]
    assert not any("\u4e00" <= c <= "\u9fff" for c in "".join(lines))  # one language: the one asked for


def test_id_numbers_looked_up_stay_out_of_addresses(consoles: dict[str, Console]) -> None:
    staff, police = consoles["staff"], consoles["police"]
    typed_in_address = staff.get(f"/console/search/?q={WANG_ID}").text
    assert "不能放在网址里" in typed_in_address and "王秀英" not in typed_in_address
    assert f'value="{WANG_ID}"' not in typed_in_address  # not echoed back into the box either
    posted = staff.post("/console/search/", {"q": WANG_ID, "kind": "", "agency": ""}, token_from="/console/search/")
    address = posted.headers["location"]
    assert posted.status_code == 303 and WANG_ID not in address and WANG_ID[-4:] not in address
    found = staff.get(address).text
    assert "王秀英" in found and WANG_ID not in found.split("<main>")[1].split('name="q"')[0]
    second = staff.get(address + "&page=2").text  # paging and the export keep the key, not the number
    assert f'href="?{address.split("?")[1]}&amp;page=1"' in second
    assert staff.get(address + "&format=xlsx").headers["content-type"].startswith("application/vnd.openxmlformats")
    by_htmx = staff.client.post("/console/search/", data={"q": WANG_ID[-6:]}, headers={
        "HX-Request": "true", "X-CSRFToken": csrf_token(staff.get("/console/search/").text),
        "Referer": staff.base + "/console/search/"})  # fmt: skip
    assert by_htmx.status_code == 200 and "王秀英" in by_htmx.text
    assert by_htmx.headers["HX-Push-Url"].startswith("/console/search/?s=") and WANG_ID[-6:] not in by_htmx.headers["HX-Push-Url"]
    assert "王秀英" not in police.get(address).text  # the key belongs to the session that made it


def test_lockout_holds_against_name_variants_and_forged_addresses(tmp_path: Path,
                                                                  capfd: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """Guesses spread over spellings of the name and forged client addresses still lock it; the centre's log
    says a sign-in failed without the name or the password tried (axes' warning, masked)."""
    server = LiveServer(tmp_path / "lockout.db")
    server.extra_env.update({"CENTRE_RATE_LOGIN": "1000/m", "CENTRE_STAFF_PASSWORD": "Right-password-2026"})
    server.command("staff", "add", "lock.me", "--role", "staff")
    with server:
        variants = ["lock.me", " lock.me", "lock.me ", "\tlock.me", " lock.me\t"]
        for attempt, name in enumerate(variants):
            with Console(server, None) as guesser:
                guesser.client.headers.update({"X-Forwarded-For": f"203.0.113.{attempt}", "X-Real-IP": f"198.51.100.{attempt}"})
                assert guesser.sign_in(name, f"guess-{attempt}-secret").status_code != 302
        for name in ("lock.me", " lock.me ", "LOCK.ME", "Lock.Me"):
            with Console(server, None) as owner:
                assert owner.sign_in(name, "Right-password-2026").status_code != 302, repr(name)
    log = capfd.readouterr().err
    assert "AXES" in log and "failure" in log.lower()
    assert "lock.me" not in log.lower() and "secret" not in log and "Right-password" not in log


# Every route under /console/ and the roles it admits, as docs/console.md's table says. A route the resolver knows
# and this table does not (or one without `require_role`) fails the test until its roles are declared here.
_ALL, _CASE_READ = {"admin", "staff", "police", "regulator"}, {"admin", "staff", "regulator"}
ROLE_MATRIX: dict[str, set[str]] = {
    "console:home": _ALL, "console:account": _ALL, "console:search": _ALL, "console:worker": _ALL,
    "console:agencies": _ALL, "console:agency": _ALL, "console:agency-decide": {"admin", "staff"},
    "console:terminals": _CASE_READ, "console:enrolment-code": {"admin"}, "console:terminal-revoke": {"admin"},
    "console:totp-setup": {"admin"}, "console:staff": {"admin"}, "console:staff-add": {"admin"},
    "console:staff-disable": {"admin"}, "console:audit": {"admin"},
    "review:queue": _CASE_READ, "review:item": _CASE_READ, "review:decide": {"staff"},
    "policecheck:overview": _ALL, "policecheck:new-batch": {"police"}, "policecheck:batch-file": {"police"},
    "policecheck:import": {"police"}, "policecheck:apply": {"police"}, "policecheck:enter": {"police"},
    "complaints:list": _CASE_READ, "complaints:register": {"staff"}, "complaints:detail": _CASE_READ,
    "complaints:move": {"staff"}, "complaint-photo": _CASE_READ,
    "integrity:records": _CASE_READ, "integrity:evidence": _CASE_READ,
    "credit:grades": _CASE_READ, "credit:lists": _CASE_READ, "credit:propose": {"admin", "staff"},
    "credit:propose_removal": {"admin", "staff"}, "credit:decide": {"admin"}, "credit:subject": _CASE_READ,
    "credit:finding": {"admin", "staff"},
    "analytics:statistics": _CASE_READ, "analytics:statistics-xlsx": _CASE_READ, "analytics:trends": _CASE_READ,
    "analytics:outlook": _CASE_READ, "analytics:supervision": _CASE_READ, "analytics:report-pdf": _CASE_READ,
    "analytics:report-xlsx": _CASE_READ,
}  # fmt: skip
OPEN_TO_ALL = {"console:login", "console:logout", "console:set_language"}
_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _console_routes() -> list[tuple[str, str, list[str] | None]]:
    child = subprocess.run([sys.executable, "-m", "tests.console.routes_child"], capture_output=True, text=True,
                           check=True, timeout=120, env={**os.environ, "CENTRE_SECRET_KEY": "routes-" + "x" * 40})  # fmt: skip
    return [tuple(r) for r in json.loads(child.stdout)]


def test_every_console_route_admits_exactly_its_roles(demo_centre: LiveServer, consoles: dict[str, Console]) -> None:
    routes = _console_routes()
    undeclared = {name for _, name, roles in routes if roles is None} - OPEN_TO_ALL
    assert not undeclared, f"routes without require_role: {undeclared}"
    declared = {name: set(roles) for _, name, roles in routes if roles is not None}
    assert declared == ROLE_MATRIX, "a route's roles differ from the matrix (or a new route is not in it)"
    before = _state(demo_centre)
    tokens = {role: csrf_token(console.get("/console/").text) for role, console in consoles.items()}
    with Console(demo_centre, None) as anonymous:
        for pattern, name, roles in routes:
            if roles is None:
                continue
            path = "/" + _PARAM.sub(lambda m: "1" if m.group(1) == "int" else "x", pattern)
            for method in ("GET", "POST"):
                answer = anonymous.client.request(method, path, data={"csrfmiddlewaretoken": "x"} if method == "POST" else None)
                assert answer.status_code in (302, 403, 405), (name, method, answer.status_code)
                assert answer.status_code != 302 or "/console/login/" in answer.headers["location"], (name, method)
            for role, console in consoles.items():
                if role in roles:
                    continue
                get = console.get(path)
                post = console.client.post(path, data={"csrfmiddlewaretoken": tokens[role], "reason": "x"},
                                           headers={"Referer": demo_centre.url + "/console/"})  # fmt: skip
                for method, answer in (("GET", get), ("POST", post)):  # 405: a method the route never takes
                    refused = answer.status_code == 405 or "您的角色无权执行此操作" in answer.text
                    assert answer.status_code in (403, 405) and refused, (role, name, method)
    assert _state(demo_centre) == before


def test_sign_in_resists_fixation_and_open_redirects(demo_centre: LiveServer) -> None:
    planted = "fixated0session0key0planted0by0attacker"
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "http:evil.example", "javascript:alert(1)"):
        with Console(demo_centre, None) as visitor:
            visitor.client.cookies.set("sessionid", planted)
            token = csrf_token(visitor.client.get("/console/login/").text)
            answer = visitor.client.post(f"/console/login/?next={target}", data={
                "csrfmiddlewaretoken": token, "username": "regulator", "password": "demo1234", "next": target},
                headers={"Referer": demo_centre.url + "/console/login/"})  # fmt: skip
            assert answer.status_code == 302 and answer.headers["location"] == "/console/", target
            assert answer.cookies.get("sessionid") not in (None, planted)  # a new session on sign-in
            language = visitor.client.post("/console/i18n/setlang/", data={
                "csrfmiddlewaretoken": csrf_token(visitor.get("/console/").text), "language": "en", "next": target},
                headers={"Referer": demo_centre.url + "/console/"})  # fmt: skip
            assert language.status_code == 302 and "evil" not in language.headers["location"], target
    with Console(demo_centre, "regulator") as signed_in:  # signing out takes a POST with the token: a link cannot
        assert signed_in.get("/console/logout/").status_code in (403, 405)
        assert signed_in.get("/console/").status_code == 200
