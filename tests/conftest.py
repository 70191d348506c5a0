"""Shared test set-up: a clean environment, temporary data folders, strict logging.

Area fixtures live in tests/<area>/conftest.py. Builders for test data live in tests/builders.py.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Real Chromium for every web test folder, defined once (tests/web/browser.py); the Windows build started in the
# background when the session will test it (tests/packaging/background_build.py).
pytest_plugins = ["tests.web.browser", "tests.packaging.background_build"]

_KEEP_ENV = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "QT_QPA_PLATFORM", "DISPLAY", "XAUTHORITY", "VIRTUAL_ENV"}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's terminal settings; each gets its own home folder."""
    for name in list(os.environ):
        if name.startswith("TERMINAL_") and name not in _KEEP_ENV:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERMINAL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TERMINAL_DEMO_PORT", "0")  # demo centres on free ports: tests run side by side
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # No test may touch the developer's keyring; tests of the keyring protector install their own backend.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


class _UnexpectedLogs(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Warnings and errors in logs fail the test unless it declares them with `expected_logs`."""
    handler = _UnexpectedLogs()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    allowed: list[str] = []
    marker = request.node.get_closest_marker("expected_logs")
    if marker is not None:
        allowed = list(marker.args)
    unexpected = [
        r for r in handler.records if not any(a in r.name or a in r.getMessage() for a in allowed)
    ]
    if unexpected:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in unexpected)
        pytest.fail(f"unexpected log lines:\n{lines}", pytrace=False)
