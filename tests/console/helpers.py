"""Signing in to the console over HTTP (httpx) and in a browser (Playwright), as the demo's staff."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from tests.sync.liveserver import LiveServer

DEMO_PASSWORD = "demo1234"
ROLES = ("admin", "staff", "police", "regulator")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "centre"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def console_centre(db: Path | str) -> LiveServer:
    server = LiveServer(db, demo=True)
    # Many sign-ins from one address in a few seconds: the per-client attempt limit is not what these tests test.
    server.extra_env["CENTRE_RATE_LOGIN"] = "1000/m"
    return server.start()


def csrf_token(html: str) -> str:
    found = _CSRF.search(html)
    assert found is not None, "the page has no CSRF token"
    return found.group(1)


class Console:
    """An HTTP client signed in as one user; `post` sends the page's CSRF token as a browser would."""

    def __init__(self, server: LiveServer, username: str | None, password: str = DEMO_PASSWORD) -> None:
        self.client = httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)
        self.server = server
        self.base = server.url
        if username is not None:
            answer = self.sign_in(username, password)
            assert answer.status_code == 302 and answer.headers["location"] == "/console/", answer.text[:500]

    def sign_in(self, username: str, password: str, otp_token: str = "") -> httpx.Response:
        token = csrf_token(self.client.get("/console/login/").text)
        return self.client.post("/console/login/", data={
            "csrfmiddlewaretoken": token, "username": username, "password": password, "otp_token": otp_token,
            "next": "/console/"}, headers={"Referer": self.base + "/console/login/"})  # fmt: skip

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def post(self, path: str, data: dict[str, str], token_from: str = "/console/") -> httpx.Response:
        token = csrf_token(self.client.get(token_from).text)
        return self.client.post(path, data={"csrfmiddlewaretoken": token, **data},
                                headers={"Referer": self.base + token_from})  # fmt: skip

    def search(self, q: str, kind: str = "", agency: str = "", page: int = 1) -> httpx.Response:
        """The look-up as the page's form sends it: a POST, then the page at the address it names (?s=KEY)."""
        posted = self.post("/console/search/", {"q": q, "kind": kind, "agency": agency}, token_from="/console/search/")
        assert posted.status_code == 303, posted.text[:300]
        address = posted.headers["location"]
        assert q not in address or not q.strip(), address
        return self.get(address + (f"&page={page}" if page > 1 else ""))

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Console:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def sign_in(page: Page, server: LiveServer, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(server.url + "/console/login/")
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name=f"您好，{username}")).to_be_visible()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def signed_in_consoles(server: LiveServer) -> Iterator[dict[str, Console]]:
    """An HTTP console for each demo role, signed in once (for a module's fixture)."""
    signed_in = {role: Console(server, role) for role in ROLES}
    yield signed_in
    for console in signed_in.values():
        console.close()
