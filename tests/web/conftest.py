"""The browser fixtures are registered once for the whole suite (tests/conftest.py `pytest_plugins`): a session
fixture defined in several conftests would be set up once per folder, and Playwright's sync API cannot start a
second time while the first is running."""
