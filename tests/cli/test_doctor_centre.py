"""`terminal doctor --json` against a real centre process: healthy while it serves, failing once it has stopped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.test_admin_cli import run
from tests.sync.liveserver import LiveServer


def server_check(home: Path) -> dict[str, Any]:
    doctor = run("--home", str(home), "doctor", "--json")
    [check] = [c for c in json.loads(doctor.stdout) if c["check"] == "server"]
    return dict(check)


def test_doctor_finds_a_running_centre_healthy_and_a_stopped_one_failing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    server = LiveServer(tmp_path / "centre.db").start()
    try:
        # The address IT puts in config.json before enrolment: the doctor checks it the same way.
        (home / "config.json").write_text(json.dumps({"server_url": server.url}), encoding="utf-8")
        healthy = server_check(home)
    finally:
        server.stop()
    assert healthy["ok"] is True, healthy
    assert healthy["detail"] == f"{server.url}: HTTP 200"
    stopped = server_check(home)
    assert stopped["ok"] is False and stopped["detail"].startswith(server.url)
