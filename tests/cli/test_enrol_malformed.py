"""`terminal enrol` against a server that answers nonsense: a bilingual message and exit 1, no traceback.

A tiny HTTP server inside the test plays the broken centre; nothing else is needed."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_admin_cli import INIT, run
from wirecontract.protocol import centre_key_fingerprint
from wirecontract.signing import TerminalKey


class _Answers(http.server.BaseHTTPRequestHandler):
    body = b"{}"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:  # the base class names it `format`
        """Silent: the test reads the client's output, not the server's."""


@pytest.fixture
def broken_centre() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_enrol_against_an_empty_answer_is_a_typed_error(tmp_path: Path, broken_centre: str) -> None:
    home = str(tmp_path) + "/h"
    env = {"TERMINAL_ADMIN_PASSWORD": "admin1234", "TERMINAL_UNLOCK_SECRET": "unlock-me-1"}
    assert run("--home", home, *INIT, env=env).returncode == 0
    # A well-formed code (it names some centre's key); the server's answer `{}` carries no key at all.
    code = "ABCDEFGHJKMN" + centre_key_fingerprint(TerminalKey.generate().public_raw, "ABCDEFGHJKMN")
    result = run("--home", home, "--lang", "en", "enrol", code, "--server", broken_centre, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Sync with the central server failed: protocol" in result.stderr
