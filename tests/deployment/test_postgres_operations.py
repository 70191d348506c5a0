"""What an operator does with PostgreSQL, drilled on private clusters: migrations walked from every earlier state
with data in place, a newer schema refused, a dump restored into a new cluster, point-in-time recovery to before
a bad change, reads routed to a streaming replica, and two application processes taking the same push at once."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from bench.centre import AGENCY_ID, AGENCY_NAME, _event, _people, _worker
from bench.centre_load.postgres import Cluster
from bench.centre_load.processes import AppProcesses
from terminal.sync.client import SyncClient
from tests.deployment.conftest import server_cli
from tests.sync.liveserver import query
from wirecontract import protocol as p
from wirecontract.qrpayload import CredentialClaims, encode
from wirecontract.signing import TerminalKey

PORT = 54360


@pytest.fixture(scope="module")
def primary() -> Iterator[Cluster]:
    cluster = Cluster.create("centre-pg-primary-", PORT, archive=True).start()
    yield cluster
    cluster.remove()


def _wait(condition: Any, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling another process's state: there is no signal to wait on


class Agency:
    """One enrolled terminal of the bench agency, pushing through the real API."""

    def __init__(self, apps: AppProcesses) -> None:
        code = apps.command("enrol-code", "--agency", AGENCY_ID, "--create-agency", AGENCY_NAME).split()[-1]
        self.key = TerminalKey.generate()
        self.client = SyncClient(apps.urls[0], self.key, timeout=60)
        self.enrolment = self.client.enrol(code, AGENCY_ID, AGENCY_NAME, "drill")
        self.count = 0

    def issue(self) -> tuple[str, str]:
        """A new worker and an issued credential; returns (credential number, verification page URL)."""
        self.count += 1
        today = dt.date.today()
        number = f"SH{today.year}{self.enrolment.terminal_number}{self.count:05d}"
        holder = _people(self.count)[-1]
        worker = _worker(holder)
        events = [worker]
        uid = uuid.uuid4().hex
        for version, state in enumerate(("applied", "approved", "printed", "issued"), start=1):
            payload = {"credential_no": number, "worker_uid": worker["entity_uid"], "version": 1, "state": state,
                       "valid_from": today.isoformat(), "valid_to": (today + dt.timedelta(days=365)).isoformat()}  # fmt: skip
            events.append(_event("credential", uid, version, f"credential.{state}", payload))
        assert all(r.status == p.EventStatus.ACCEPTED for r in self.client.push(events))
        masked = holder["id_number"][:6] + "*" * 8 + holder["id_number"][-4:]
        claims = CredentialClaims(number, 1, holder["name"], masked, AGENCY_NAME, ("cleaning",), today,
                                  today + dt.timedelta(days=365))  # fmt: skip
        return number, encode(claims, self.key, self.client.base_url)


def _state(url: str) -> str:
    text = requests.get(url, timeout=10).text
    return text.split('data-state="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_every_migration_state_upgrades_with_data_in_place(vendor: str, primary: Cluster, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'walk.db'}" if vendor == "sqlite" else primary.createdb("walk")
    env = {"CENTRE_HOME": str(tmp_path / "home"), "CENTRE_SECRET_KEY": "k" * 40}
    done = subprocess.run([sys.executable, "-m", "tests.deployment.migration_walk", url], capture_output=True,
                          text=True, timeout=240, env={**_base_env(), **env})  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["vendor"] == vendor and report["states"] == len(report["migrations"]) >= 8
    assert report["rows_checked"] > 100


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith(("CENTRE_", "DJANGO_", "PROMETHEUS_"))}


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_a_schema_newer_than_the_program_is_refused(vendor: str, primary: Cluster, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}" if vendor == "sqlite" else primary.createdb("newer")
    home = tmp_path / "home"
    upgraded = server_cli(url, home, "db", "upgrade")
    assert upgraded.returncode == 0 and "up to date" in upgraded.stdout
    current = server_cli(url, home, "db", "current")
    assert current.returncode == 0 and "[X] 0001_terminal_activity" in current.stdout
    insert = "INSERT INTO django_migrations (app, name, applied) VALUES ('sync', '9001_from_a_newer_centre', '2030-01-01')"
    if vendor == "sqlite":
        import sqlite3

        with sqlite3.connect(tmp_path / "newer.db") as conn:
            conn.execute(insert)
    else:
        primary.sql("newer", insert)
    for argv in (("db", "current"), ("db", "upgrade"), ("serve", "--port", "1")):
        refused = server_cli(url, home, *argv)
        assert refused.returncode == 3, (argv, refused.stderr)
        assert "sync.9001_from_a_newer_centre" in refused.stderr and "newer" in refused.stderr


def test_dump_and_restore_into_a_new_cluster_serves_the_same_data(primary: Cluster, tmp_path: Path) -> None:
    url = primary.createdb("dumped")
    with AppProcesses(url, 1) as apps:
        agency = Agency(apps)
        pages = [agency.issue()[1] for _ in range(2)]
        number, revoked_page = agency.issue()
        apps.command("revoke", number, "--reason", "备份演练")
        receipt = agency.client.receipt()
        home = apps.home
    dump = primary.root / "centre.dump"  # the postgres user writes it: not under pytest's private folder
    primary.dump("dumped", dump)
    restored = Cluster.create("centre-pg-restored-", PORT + 1)
    try:
        restored.start()
        restored_url = restored.restore(dump, "centre")
        # The same home (the same signing key) and address (the QRs name it), on the restored database.
        with AppProcesses(restored_url, 1, home=home, ports=[apps.processes[0].port]):
            assert agency.client.receipt() == receipt
            assert [_state(page) for page in pages] == ["valid", "valid"]
            assert _state(revoked_page) == "revoked"
            sql = "SELECT credential_no, state, hold, status_version FROM credentials ORDER BY credential_no"
            assert query(restored_url, sql) == query(url, sql)
    finally:
        restored.remove()
