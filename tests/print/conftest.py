from __future__ import annotations

from collections.abc import Iterator

import pytest

from wirecontract.signing import TerminalKey

from .cupsd import PrivateCups, shared_cups


@pytest.fixture(scope="session")
def terminal_key() -> TerminalKey:
    return TerminalKey.generate()


@pytest.fixture(scope="session")
def known_keys(terminal_key: TerminalKey) -> dict[str, bytes]:
    return {terminal_key.key_id: terminal_key.public_raw}


@pytest.fixture()
def cups() -> Iterator[PrivateCups]:
    """The run's shared private cupsd, its PDF queue enabled, accepting and empty."""
    server = shared_cups()
    server.reset_queue()
    yield server
    server.reset_queue()


@pytest.fixture()
def own_cups() -> Iterator[PrivateCups]:
    """A cupsd of the test's own, which it may stop."""
    server = PrivateCups()
    server.start()
    yield server
    server.stop()
