"""Browser fixtures for every web test folder: import them from tests.web.browser in that folder's conftest."""

from tests.web.browser import browser, desktop_page, phone_page, playwright_driver  # noqa: F401
