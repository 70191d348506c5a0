"""Each role's journeys through the console in Chromium against the demo centre (SQLite), with a screenshot of
each page for docs/screenshots/centre/. Nothing is loaded from outside loopback (tests.web.browser)."""

from __future__ import annotations

import base64
import re

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.console.helpers import Console, screenshot, sign_in
from tests.sync.liveserver import LiveServer

JINGAN = "静安康乐家政服务社"
PUTUO = "普陀利民家政服务有限公司"


def test_sign_in_page(desktop_page: Page, demo_centre: LiveServer) -> None:
    page = desktop_page
    page.goto(demo_centre.url + "/console/")
    expect(page).to_have_url(re.compile(r"/console/login/\?next=/console/$"))
    expect(page.get_by_role("heading", name="登录中心管理台")).to_be_visible()
    screenshot(page, "login")
    page.get_by_label("用户名", exact=True).fill("staff")
    page.get_by_label("密码", exact=True).fill("not the password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的用户名和密码")


def test_staff_look_up_trace_and_admit(desktop_page: Page, demo_centre: LiveServer) -> None:
    page = desktop_page
    sign_in(page, demo_centre, "staff")
    nav = page.get_by_role("navigation", name="主菜单")
    for shown in ("首页", "查询检索", "机构", "终端与注册码"):
        expect(nav.get_by_role("link", name=shown, exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="审计日志")).to_have_count(0)
    screenshot(page, "home-staff")

    nav.get_by_role("link", name="查询检索").click()
    box = page.get_by_label("姓名、拼音、身份证号（或尾号）、证号或电话")
    box.press_sequentially("zmh")  # results come as one types (htmx), no button needed
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)  # 张美华 at two agencies, one after the other
    expect(page).to_have_url(re.compile(r"/console/search/\?s=[\w-]+$"))  # the typed text is not in the address
    expect(rows.first).to_contain_text("341221********")
    screenshot(page, "search")

    rows.filter(has_text="已离职").get_by_role("link", name="张美华").click()
    expect(page.get_by_role("heading", name="时间线")).to_be_visible()
    expect(page.locator(".timeline li").first).to_be_visible()
    expect(page.get_by_text("查看本页会记入审计日志。")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("中心解除登记")
    screenshot(page, "trace")

    nav.get_by_role("link", name="机构").click()
    expect(page.locator("tbody tr")).to_have_count(4)  # the four demo agencies
    screenshot(page, "agencies")
    page.get_by_role("link", name=JINGAN).click()
    expect(page.get_by_role("heading", name=re.compile(JINGAN))).to_contain_text("待准入")
    page.get_by_label("决定").select_option("admitted")
    page.get_by_label("理由").fill("登记资料核查无误，无严重违法违规记录")
    page.get_by_role("button", name="记录决定").click()
    expect(page.get_by_role("status")).to_contain_text("已记录决定：已准入")
    expect(page.get_by_role("heading", name=re.compile(JINGAN))).to_contain_text("已准入")
    screenshot(page, "agency")


def test_admin_terminals_codes_audit_and_second_factor(desktop_page: Page, demo_centre: LiveServer) -> None:
    page = desktop_page
    sign_in(page, demo_centre, "admin")
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="终端与注册码").click()
    page.get_by_label("已准入机构的统一社会信用代码").fill("91310107MA1DEMO04X")  # suspended
    page.get_by_role("button", name="发放注册码").click()
    expect(page.get_by_role("status")).to_contain_text("尚未准入")
    page.get_by_label("已准入机构的统一社会信用代码").fill("91310104MA1DEMO01X")
    page.get_by_role("button", name="发放注册码").click()
    expect(page.get_by_role("status")).to_contain_text("的一次性注册码")
    row = page.locator("tbody tr").filter(has_text="浦东巧手家政有限公司").first
    row.get_by_label("理由").fill("设备更换，旧终端停用")
    row.get_by_role("button", name="吊销").click()
    expect(page.get_by_role("status")).to_contain_text("：已停用")
    screenshot(page, "terminals")

    page.get_by_role("link", name="审计日志").click()
    page.get_by_role("button", name="校验哈希链").click()
    expect(page.get_by_role("status")).to_contain_text("审计日志完好")
    expect(page.locator("tbody")).to_contain_text("terminal.retired")
    screenshot(page, "audit-log")

    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作人员账号").click()
    page.get_by_label("用户名", exact=True).fill("wu.fang")
    page.get_by_label("姓名", exact=True).fill("吴芳")
    page.get_by_label("角色").select_option("staff")
    page.get_by_label("初始密码（至少 10 位）").fill("Wu-fang-centre-26")
    page.get_by_label("再次输入密码").fill("Wu-fang-centre-26")
    page.get_by_role("button", name="新增账号").click()
    expect(page.get_by_role("status")).to_contain_text("已创建账号 wu.fang")
    expect(page.locator("tbody tr").filter(has_text="wu.fang")).to_contain_text("在用")
    screenshot(page, "staff-accounts")

    page.get_by_role("link", name="admin", exact=True).click()
    page.get_by_role("button", name="开启双重验证").click()
    key = base64.b32decode(page.locator("#totp-secret").inner_text())
    page.get_by_label("验证器应用中的验证码").fill(f"{totp(key):06d}")
    screenshot(page, "second-factor")
    page.get_by_role("button", name="确认").click()
    expect(page.locator(".facts")).to_contain_text("已开启")
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("heading", name="登录中心管理台")).to_be_visible()

    # Now the password alone is not enough, and the code opens the console.
    page.get_by_label("用户名", exact=True).fill("admin")
    page.get_by_label("密码", exact=True).fill("demo1234")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("验证器应用中当前显示的验证码")
    page.get_by_label("用户名", exact=True).fill("admin")
    page.get_by_label("密码", exact=True).fill("demo1234")
    # A code is good once: the next time step's (the device tolerates one step of clock drift).
    used = f"{totp(key, drift=1):06d}"
    page.get_by_label("动态验证码").fill(used)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="您好，admin")).to_be_visible()
    with Console(demo_centre, None) as replay:  # the same code, seen over a shoulder, does not sign in again
        again = replay.sign_in("admin", "demo1234", used)
        assert again.status_code == 200 and "验证器应用中当前显示的验证码" in again.text

    # A lost authenticator: IT removes the second factor; the password alone signs in again.
    reset = demo_centre.command("staff", "reset-totp", "admin")
    assert "1 个设备" in reset.stdout
    page.reload()
    expect(page.get_by_role("heading", name="登录中心管理台")).to_be_visible()  # its sessions were ended
    sign_in(page, demo_centre, "admin")


def test_police_and_regulator_see_only_what_they_may(desktop_page: Page, demo_centre: LiveServer) -> None:
    page = desktop_page
    sign_in(page, demo_centre, "police")
    nav = page.get_by_role("navigation", name="主菜单")
    expect(nav.get_by_role("link", name="查询检索")).to_be_visible()
    expect(nav.get_by_role("link", name="终端与注册码")).to_have_count(0)
    expect(nav.get_by_role("link", name="审计日志")).to_have_count(0)
    page.goto(demo_centre.url + "/console/terminals/")
    expect(page.get_by_role("alert")).to_contain_text("您的角色无权执行此操作")
    screenshot(page, "denied")
    page.get_by_role("button", name="退出登录").click()

    sign_in(page, demo_centre, "regulator")
    page.goto(demo_centre.url + "/console/agencies/")
    page.get_by_role("link", name=PUTUO).click()
    expect(page.get_by_role("heading", name=re.compile(PUTUO))).to_contain_text("已暂停")
    expect(page.get_by_role("button", name="记录决定")).to_have_count(0)
    expect(page.get_by_role("button", name="发放终端注册码")).to_have_count(0)
    page.goto(demo_centre.url + "/console/terminals/")
    expect(page.get_by_role("button", name="吊销")).to_have_count(0)
    expect(page.get_by_role("button", name="发放注册码")).to_have_count(0)


def test_english_on_request(desktop_page: Page, demo_centre: LiveServer) -> None:
    page = desktop_page
    sign_in(page, demo_centre, "regulator")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Welcome, regulator")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    for shown in ("Home", "Look-up", "Agencies", "Terminals"):
        expect(nav.get_by_role("link", name=shown, exact=True)).to_be_visible()
    screenshot(page, "home-english")
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", name="您好，regulator")).to_be_visible()
