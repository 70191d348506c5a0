"""The browser fixtures themselves: Chromium starts, renders Chinese, and a page reaching outside is caught."""

from __future__ import annotations

from playwright.sync_api import Page


def test_chromium_renders_a_page_at_phone_size(phone_page: Page) -> None:
    phone_page.set_content("<html lang='zh-CN'><body><h1>上门服务证</h1></body></html>")
    assert phone_page.locator("h1").inner_text() == "上门服务证"
    assert phone_page.viewport_size == {"width": 390, "height": 844}
