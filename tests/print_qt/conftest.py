from __future__ import annotations

from collections.abc import Iterator

import pytest

from terminal.core.signing import TerminalKey
from tests.print.cupsd import PrivateCups, shared_cups


@pytest.fixture()
def cups() -> Iterator[PrivateCups]:
    """The run's shared private cupsd (CUPS_SERVER set before Qt first asks CUPS), queue reset."""
    server = shared_cups()
    server.reset_queue()
    yield server
    server.reset_queue()


@pytest.fixture(scope="session")
def terminal_key() -> TerminalKey:
    return TerminalKey.generate()
