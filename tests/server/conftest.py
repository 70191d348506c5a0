"""The server tests use the sync area's loopback server and store fixtures."""

from tests.sync.conftest import demo_server, live_server, store, terminal  # noqa: F401
