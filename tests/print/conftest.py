from __future__ import annotations

import pytest

from terminal.core.signing import TerminalKey


@pytest.fixture(scope="session")
def terminal_key() -> TerminalKey:
    return TerminalKey.generate()


@pytest.fixture(scope="session")
def known_keys(terminal_key: TerminalKey) -> dict[str, bytes]:
    return {terminal_key.key_id: terminal_key.public_raw}
