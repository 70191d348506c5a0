"""Watching a running centre: /metrics behind its token, counting pushes by verdict and each terminal's pull lag;
JSON log lines in which a pushed ID number never appears."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import requests

from bench.centre import AGENCY_ID, AGENCY_NAME, _event, _people, _worker
from bench.centre_load.processes import AppProcesses
from terminal.sync.client import SyncClient
from wirecontract.signing import TerminalKey

TOKEN = "metrics-token-for-the-test-0123456789"


def test_metrics_and_logs(tmp_path: Path) -> None:
    log = (tmp_path / "centre.log").open("w")
    env = {"CENTRE_METRICS_TOKEN": TOKEN, "CENTRE_ACCESS_LOG": "1"}
    apps = AppProcesses(f"sqlite:///{tmp_path / 'centre.db'}", 1, env=env)
    process = apps.processes[0]
    argv = [sys.executable, "-m", "centre.cli", "serve", "--db", apps.db_url, "--port", str(process.port), "--stop-on-eof"]
    server = subprocess.Popen(argv, env=process.env(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log)
    try:
        process._process = server  # stopped like any CentreProcess (its standard input closes)
        _wait_healthy(process.url)
        code = apps.command("enrol-code", "--agency", AGENCY_ID, "--create-agency", AGENCY_NAME).split()[-1]
        client = SyncClient(process.url, TerminalKey.generate(), timeout=60)
        client.enrol(code, AGENCY_ID, AGENCY_NAME, "watched")
        people = _people(3)
        worker = _worker(people[0])
        foreign = _event("credential", "c1", 1, "credential.applied", {  # a number of another terminal's range
            "credential_no": "SH2026999900001", "worker_uid": worker["entity_uid"], "version": 1, "state": "applied",
            "valid_from": "2026-01-01", "valid_to": "2027-01-01"})  # fmt: skip
        results = client.push([worker, foreign])
        assert [r.status.value for r in results] == ["accepted", "rejected"]
        client.pull(None)
        apps.command("check-result", people[1]["id_number"], "--result", "clear")

        assert requests.get(process.url + "/metrics", timeout=10).status_code == 404
        assert requests.get(process.url + "/metrics", headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 404
        text = requests.get(process.url + "/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).text
        assert 'centre_push_events_total{code="",status="accepted"} 1.0' in text
        assert 'centre_push_events_total{' in text and 'status="rejected"' in text
        assert 'centre_http_requests_total{method="POST",route="/v1/events",status="200"}' in text
        assert "centre_terminals_active 1.0" in text and "centre_terminals_not_seen_for_a_day 0.0" in text
        assert f'centre_terminal_pull_lag_decisions{{terminal="{client.terminal_id}"}}' in text
        assert requests.get(process.url + "/healthz", timeout=10).json()["ok"] is True
    finally:
        apps.stop()
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "centre.log").read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    assert any(line.get("route") == "/v1/events" and line.get("status") == 200 for line in lines)
    written = (tmp_path / "centre.log").read_text(encoding="utf-8")
    for person in people:
        assert person["id_number"] not in written and person["name"] not in written


def _wait_healthy(url: str) -> None:
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or busy starting on a loaded machine
            pass
        time.sleep(0.05)  # polling a starting process: there is no signal to wait on
    raise AssertionError(f"the centre did not start at {url}")
