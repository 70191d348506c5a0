"""A consumer's complaint from the verification page at phone size, round the whole workflow: the page gives a
reference (the light stays green until staff act on it); staff find it in the console list (the photo re-encoded,
for staff only) and send it to the agency, and the light turns yellow; the agency's terminal pulls it into its inbox and answers; the consumer sees it answered.
Bad photos and forms are refused with a message and change nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
from PIL import Image
from playwright.sync_api import Page, expect

from terminal.core.roles import Role
from terminal.usecases import complaints, contracts, records
from tests.builders import actor, register_eligible
from tests.consumer.conftest import Stack, credential, shoot
from tests.sync.conftest import Terminal

SCRIPT = "<script>alert(1)</script>"
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date.today()


def photo_with_metadata(path: Path) -> Path:
    """A phone photo as it arrives: a JPEG carrying EXIF (camera, here a marker) the centre must not keep."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCamMaker"
    Image.new("RGB", (640, 480), (200, 80, 40)).save(path, "JPEG", exif=exif.tobytes())
    assert b"SecretCamMaker" in path.read_bytes()
    return path


def staff_sign_in(page: Page, stack: Stack) -> None:
    page.goto(stack.server.url + "/console/login/")
    page.get_by_label("用户名", exact=True).fill("staff")
    page.get_by_label("密码", exact=True).fill("demo1234")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="您好，staff")).to_be_visible()


def test_a_complaint_from_the_page_to_the_agency_and_back(
    stack: Stack, pusher: Terminal, phone_page: Page, desktop_page: Page, tmp_path: Path
) -> None:
    url, number = credential(stack, pusher)
    phone_page.goto(url)
    expect(phone_page.locator("section.light")).to_have_attribute("data-light", "green")
    phone_page.locator("a.button", has_text="投诉").click()
    expect(phone_page.locator("[data-about]")).to_have_text("李**")
    phone_page.locator("a.switch").click()  # English, still about the same card
    expect(phone_page.get_by_text("What happened")).to_be_visible()
    expect(phone_page.locator("[data-about]")).to_have_text("李**")
    phone_page.locator("a.switch").click()
    expect(phone_page.get_by_text("发生了什么")).to_be_visible()
    when = (dt.datetime.now(SHANGHAI) - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    phone_page.locator("#what").fill("服务人员迟到两小时且态度恶劣 " + SCRIPT)
    phone_page.locator("#when").fill(when)
    phone_page.locator("#phone").fill("13912345678")
    phone_page.locator("#photos").set_input_files(str(photo_with_metadata(tmp_path / "door.jpg")))
    shoot(phone_page, "complaint-form")
    phone_page.locator("#complaint button[type=submit]").click()
    reference = phone_page.locator("[data-reference]")
    expect(reference).to_be_visible()
    ref = reference.inner_text().strip()
    assert ref.startswith("TS") and len(ref) == 15
    assert SCRIPT not in phone_page.content()
    shoot(phone_page, "complaint-filed")
    phone_page.get_by_role("link", name="查询投诉").click()
    expect(phone_page.locator("[data-state-text]")).to_have_text("已登记")
    assert number not in phone_page.content() and "13912345678" not in phone_page.content()
    shoot(phone_page, "complaint-state")

    # Only registered, nobody at the centre has read it: one stranger's word does not change the light.
    phone_page.goto(url)
    expect(phone_page.locator("section.light")).to_have_attribute("data-light", "green")

    # The centre: the console's list, the complaint with its photo for staff only, sent to the agency.
    staff_sign_in(desktop_page, stack)
    desktop_page.goto(stack.server.url + "/console/complaints/")
    desktop_page.locator("#complaints").get_by_role("link", name=ref).click()
    expect(desktop_page.locator("#complaint-state")).to_have_text("已登记")
    expect(desktop_page.locator("dd.text").first).to_contain_text(SCRIPT)  # shown as the text it is
    photo_path = desktop_page.locator("#consumer-photos a").first.get_attribute("href")
    assert photo_path is not None
    shown = desktop_page.request.get(stack.server.url + photo_path)
    assert shown.status == 200 and shown.headers["content-type"] == "image/jpeg"
    assert shown.body().startswith(b"\xff\xd8") and b"SecretCamMaker" not in shown.body()  # re-encoded
    anonymous = requests.get(stack.server.url + photo_path, timeout=10, allow_redirects=False)
    assert anonymous.status_code == 302 and "/console/login/" in anonymous.headers["Location"]
    desktop_page.locator("#send").click()
    expect(desktop_page.locator("#complaint-state")).to_have_text("机构处理中")
    # Sent to the agency: the light at the door turns yellow and says why (no text of the complaint).
    phone_page.goto(url)
    box = phone_page.locator("section.light")
    expect(box).to_have_attribute("data-light", "yellow")
    expect(box).to_contain_text("1 件投诉正在处理")
    assert "迟到" not in phone_page.content()

    # The agency's terminal pulls it, answers it; the answer goes back with the next sync.
    stack.sync()
    [waiting] = [c for c in complaints.inbox(stack.db) if c.reference == ref]
    assert "迟到两小时" in waiting.summary and SCRIPT in waiting.summary
    complaints.resolve(stack.db, actor(Role.SUPERVISOR), waiting.uid, "已向客户致歉，并调换服务人员")
    stack.sync()

    phone_page.goto(stack.server.url + "/complain/state?ref=" + ref.lower())
    expect(phone_page.locator("[data-state-text]")).to_have_text("机构已答复")
    assert "致歉" not in phone_page.content()  # the answer's text is for the centre, not the public page
    shoot(phone_page, "complaint-resolved")
    phone_page.goto(url)
    expect(phone_page.locator("section.light")).to_have_attribute("data-light", "green")


def test_bad_complaints_are_refused_and_change_nothing(stack: Stack, pusher: Terminal, phone_page: Page) -> None:
    url, _ = credential(stack, pusher)
    source = url[url.index("/V/") :]
    session = requests.Session()
    form = session.get(stack.server.url + "/complain", params={"qr": source}, timeout=10)
    assert form.status_code == 200
    token = session.cookies.get("csrftoken") or ""
    fields = {"csrfmiddlewaretoken": token, "from": source, "what": "坏照片", "phone": "13912345678",
              "when": dt.datetime.now(SHANGHAI).strftime("%Y-%m-%dT%H:%M")}  # fmt: skip

    def post(files: dict[str, tuple[str, bytes, str]] | None = None, **changed: str) -> requests.Response:
        data = {**fields, **{("from" if k == "source" else k): v for k, v in changed.items()}}
        return session.post(stack.server.url + "/complain", data=data, files=files, timeout=10)

    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    for files, expected in (({"photos": ("x.jpg", b"not a picture at all", "image/jpeg")}, "无法读取照片"),
                            ({"photos": ("x.gif", gif.getvalue(), "image/gif")}, "只接受 JPEG 或 PNG")):  # fmt: skip
        answer = post(files)
        assert answer.status_code == 400 and expected in answer.text
    assert "请填写发生了什么" in post(what=" ").text
    assert "不能晚于现在" in post(when="2099-01-01T10:00").text
    assert "联系电话格式不正确" in post(phone="call me").text
    forged = post(source="/V/" + "A" * 40)
    assert forged.status_code == 400
    huge = post({"photos": ("big.jpg", b"\xff" * (7 * 1024 * 1024), "image/jpeg")})
    assert huge.status_code == 413  # the request is cut off before the body is read

    phone_page.goto(url)  # none of them was registered: the light is still green
    expect(phone_page.locator("section.light")).to_have_attribute("data-light", "green")
    phone_page.goto(stack.server.url + "/complain/state?ref=TS000000-ABCDEF")
    expect(phone_page.locator(".error")).to_contain_text("没有这个受理编号")
    # Look-ups are limited per client and per reference (10/h): walking one reference stops, another still answers.
    looks = [session.get(stack.server.url + "/complain/state", params={"ref": "TS000000-ABCDEF"}, timeout=10).status_code
             for _ in range(10)]  # fmt: skip
    assert looks[0] == 404 and looks[-1] == 429
    other = session.get(stack.server.url + "/complain/state", params={"ref": "TS000000-GHJKMN"}, timeout=10)
    assert other.status_code == 404


def test_a_complaint_from_the_evaluation_page_names_the_worker_and_agency(stack: Stack, phone_page: Page) -> None:
    clerk = actor(Role.CLERK)
    worker_id, _ = register_eligible(stack.db)
    contract = records.add_contract(stack.db, clerk, worker_id, TODAY, "cleaning", TODAY, TODAY, "徐汇区")
    slip = contracts.slip(stack.db, clerk, contract)
    stack.sync()
    phone_page.goto(slip.url)
    phone_page.locator("a.button", has_text="投诉").click()
    expect(phone_page.locator("[data-about]")).to_have_text(slip.claims.masked_name)
    phone_page.locator("#what").fill("打碎花瓶未告知")
    phone_page.locator("#when").fill(dt.datetime.now(SHANGHAI).strftime("%Y-%m-%dT%H:%M"))
    phone_page.locator("#phone").fill("021-12345678")
    phone_page.locator("#complaint button[type=submit]").click()
    ref = phone_page.locator("[data-reference]").inner_text().strip()
    [(agency, id_number, summary, source)] = stack.server.query(
        "SELECT agency_id, id_number, summary, source FROM complaints WHERE reference = ?", ref
    )
    assert agency == stack.db.scalar("SELECT credit_code FROM agency WHERE id = 1") and source == "consumer"
    assert id_number == stack.db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,))
    assert contract in summary and "打碎花瓶未告知" in summary
