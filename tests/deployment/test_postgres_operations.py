"""What an operator does with PostgreSQL, drilled on private clusters: migrations walked from every earlier state
with data in place, a newer schema refused, a dump restored into a new cluster, point-in-time recovery to before
a bad change, reads routed to a streaming replica, and two application processes taking the same push at once."""

from __future__ import annotations

import datetime as dt
import functools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from bench.centre import AGENCY_ID, AGENCY_NAME, _people, _worker
from bench.centre_load.cards import issue_card
from bench.centre_load.postgres import Cluster
from bench.centre_load.processes import AppProcesses
from terminal.sync.client import SyncClient
from tests.deployment.conftest import server_cli
from tests.sync.liveserver import query
from wirecontract import protocol as p
from wirecontract.qrpayload import encode
from wirecontract.receipt import receipt_of
from wirecontract.signing import TerminalKey

PORT = 54360


@pytest.fixture(scope="module")
def primary() -> Iterator[Cluster]:
    cluster = Cluster.create("centre-pg-primary-", PORT, archive=True).start()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="module")
def standby(primary: Cluster) -> Iterator[Cluster]:
    """A streaming replica of the primary on its own socket folder and port (pg_basebackup -R)."""
    backup = primary.root / "standby-base"
    primary.base_backup(backup, standby=True)
    replica = primary.copy_from_backup("centre-pg-replica-", PORT + 2, backup).start()
    yield replica
    replica.remove()


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
        number = f"SH{dt.date.today().year}{self.enrolment.terminal_number}{self.count:05d}"
        self.claims = issue_card(self.client, number, _people(self.count)[-1])
        return number, encode(self.claims, self.key, self.client.base_url)


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
    assert upgraded.returncode == 0 and "数据库已是最新" in upgraded.stdout
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
        refused = server_cli(url, home, "--lang", "en", *argv)
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


def _at_once(*calls: Any) -> list[Any]:
    """Run the calls in threads released together by a barrier; their results in order (an exception re-raised)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except BaseException as exc:  # handed to the main thread
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _verdicts(*answers: list[Any]) -> dict[str, list[str]]:
    """Per event id, the statuses the answers gave it, sorted."""
    by_event: dict[str, list[str]] = {}
    for answer in answers:
        for result in answer:
            by_event.setdefault(result.event_id, []).append(result.status.value)
    return {event_id: sorted(statuses) for event_id, statuses in by_event.items()}


class Pair:
    """Two application processes on one database, and one enrolled terminal speaking to each of them (its own
    signature and nonce on every request)."""

    def __init__(self, apps: AppProcesses) -> None:
        self.apps = apps
        self.agency = Agency(apps)
        first = self.agency.client
        self.clients = (first, SyncClient(apps.urls[1], self.agency.key, terminal_id=first.terminal_id,
                                          centre_key=first.centre_key, timeout=60))  # fmt: skip
        self.people = iter(_people(700))
        self.sent: list[str] = []

    def new_events(self, count: int) -> list[dict[str, Any]]:
        events = [_worker(next(self.people)) for _ in range(count)]
        self.sent += [event["event_id"] for event in events]
        return events

    def push_at_once(self, clients: tuple[SyncClient, SyncClient], rounds: int = 3) -> None:
        """The same events pushed by both clients at once, in separately signed requests: one verdict each."""
        for round_ in range(rounds):
            events = self.new_events(100)
            answers = _at_once(*(functools.partial(client.push, events) for client in clients))
            assert set(map(tuple, _verdicts(*answers).values())) == {("accepted", "duplicate")}, round_
            assert [r.event_id for r in answers[0]] == [r.event_id for r in answers[1]] == [e["event_id"] for e in events]


@pytest.fixture(scope="module")
def pair(primary: Cluster) -> Iterator[Pair]:
    with AppProcesses(primary.createdb("twice"), 2) as apps:
        yield Pair(apps)


# Two pushes of the same events at once both find them new; the second to commit meets the unique keys and runs
# again, answering `duplicate` (centre/sync/api.py `_ingest`).


def test_the_same_events_pushed_to_two_processes_at_once_get_one_accepted_and_one_duplicate(pair: Pair) -> None:
    pair.push_at_once(pair.clients)


def test_the_same_events_pushed_by_two_threads_into_one_process_get_one_accepted_and_one_duplicate(pair: Pair) -> None:
    pair.push_at_once((pair.clients[0], pair.clients[0]))


def test_a_byte_identical_request_to_two_processes_is_taken_once_and_every_event_stored_once(pair: Pair) -> None:
    first, second = pair.clients
    events = pair.new_events(20)
    body = json.dumps({"events": events}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert first.terminal_id is not None
    headers = {"Content-Type": "application/json",
               **p.signed_headers(pair.agency.key, first.terminal_id, "POST", p.PUSH_PATH, body, p.utc_now())}  # fmt: skip
    codes = _at_once(*(lambda u=base: requests.post(u + p.PUSH_PATH, data=body, headers=headers, timeout=60)
                       for base in pair.apps.urls))  # fmt: skip
    # The nonce is taken once across processes (one table): the replay is refused whichever process sees it.
    assert sorted(answer.status_code for answer in codes) == [200, 401]
    stored = query(pair.apps.db_url, "SELECT event_id, count(*) FROM events WHERE terminal_id = ? GROUP BY event_id",
                   first.terminal_id)  # fmt: skip
    assert all(count == 1 for _, count in stored)
    assert {event_id for event_id, _ in stored} >= {e["event_id"] for e in events}
    receipts = _at_once(first.receipt, second.receipt)
    assert receipts[0] == receipts[1] == receipt_of(event_id for event_id, _ in stored)


def test_point_in_time_recovery_serves_the_data_as_it_was_before_a_bad_change(primary: Cluster) -> None:
    assert primary.archive is not None
    url = primary.createdb("pitr")
    with AppProcesses(url, 1) as apps:
        agency = Agency(apps)
        pages = [agency.issue()[1]]
        backup = primary.root / "pitr-base"
        primary.base_backup(backup)  # the weekly base backup
        pages += [agency.issue()[1] for _ in range(2)]  # after it: recovery replays them from the archived WAL
        receipt = agency.client.receipt()
        sql = "SELECT credential_no, state, status_version FROM credentials ORDER BY credential_no"
        before = query(url, sql)
        target = primary.sql("pitr", "SELECT clock_timestamp()")  # the operator's "just before it went wrong"
        primary.sql("pitr", "TRUNCATE credentials CASCADE")  # the bad change
        assert query(url, sql) == [] and _state(pages[0]) != "valid"
        segment = primary.switch_wal("pitr")
        _wait(lambda: (primary.archive / segment).exists(), "the last WAL segment archived")
        home, port = apps.home, apps.processes[0].port
    recovered = primary.copy_from_backup("centre-pg-pitr-", PORT + 3, backup)
    try:
        recovered.recover_to(primary.archive, target)
        recovered.start()
        _wait(lambda: recovered.sql("pitr", "SELECT pg_is_in_recovery()") == "f", "recovery to end and promote")
        recovered_url = recovered.url("pitr")
        assert query(recovered_url, sql) == before
        # The centre, with the same home and address, on the recovered database: as it was before the change.
        with AppProcesses(recovered_url, 1, home=home, ports=[port]):
            assert agency.client.receipt() == receipt
            assert [_state(page) for page in pages] == ["valid"] * 3
            assert agency.issue()[1]  # and it takes new work
    finally:
        recovered.remove()


def test_public_page_reads_from_the_replica_and_passes_over_a_lagging_or_stopped_one(primary: Cluster,
                                                                                      standby: Cluster) -> None:  # fmt: skip
    url = primary.createdb("replicated")
    # No per-client limits: this test asks for one page many times a second while it waits.
    replica_db = {"CENTRE_REPLICA_DB": standby.url("replicated"), "CENTRE_RATE_LIMITS": "0"}
    with AppProcesses(url, 1, env={**replica_db, "CENTRE_REPLICA_MAX_LAG": "3600"}) as tolerant, \
            AppProcesses(url, 1, env={**replica_db, "CENTRE_REPLICA_MAX_LAG": "0"}, home=tolerant.home) as strict:  # fmt: skip
        agency = Agency(tolerant)  # the terminal API writes through a process that has a replica: to the primary
        number, page = agency.issue()
        on_strict = encode(agency.claims, agency.key, strict.urls[0])  # a QR names the address it is for
        issued = f"SELECT state FROM credentials WHERE credential_no = '{number}'"
        _wait(lambda: standby.sql("replicated", issued) == "issued", "the replica to replay the issued card")
        assert _state(page) == _state(on_strict) == "valid"

        standby.sql("replicated", "SELECT pg_wal_replay_pause()")
        _wait(lambda: standby.sql("replicated", "SELECT pg_get_wal_replay_pause_state()") == "paused", "replay paused")
        tolerant.command("revoke", number, "--reason", "副本演练")
        assert query(url, issued) == [("revoked",)]
        # The tolerant process reads the replica, which has not replayed the revocation: proof of where it reads.
        assert _state(page) == "valid"
        # The strict one passes over a replica that is behind at all and reads the primary.
        _wait(lambda: _state(on_strict) == "revoked", "the strict process to read the primary")
        assert _state(page) == "valid"

        standby.sql("replicated", "SELECT pg_wal_replay_resume()")
        _wait(lambda: _state(page) == "revoked", "the replica to replay the revocation")

        standby.stop()  # a replica that is down: the page still answers, from the primary
        try:
            assert _state(page) == _state(on_strict) == "revoked"
            assert agency.client.receipt().count == 5
        finally:
            standby.start()
