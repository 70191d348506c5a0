"""The analysis follows pushes in ONE follower process beside the centre (`terminal-server serve` starts it), not
in the processes that serve pushes: a real centre on SQLite and on PostgreSQL takes a push, and its facts and
grades appear through the follower, while a second follower (`terminal-server analytics follow`, as a systemd unit
would run it) runs too without a pass twice at once (one grade history entry); SIGTERM stops the second, stopping
the centre stops its own."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from centre.analytics.upkeep import FOLLOWING
from terminal.centre_process import centre_command
from terminal.store.db import Database
from terminal.store.migrate import migrate
from tests.server.centre_builders import push_worker
from tests.server.test_protocol import wire
from tests.sync.conftest import enrol
from tests.sync.conftest import test_number as id_number_of
from tests.sync.liveserver import TEST_AGENCY_ID, LiveServer

WAIT = 90.0  # a busy shared machine: the follower's first pass starts Django and reads every source
_databases = itertools.count()


def wait_for(condition: Callable[[], bool], seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)  # polling another process's database: there is no signal to wait on


@pytest.fixture(params=["sqlite", "postgresql"])
def centre(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        server = LiveServer(tmp_path / "centre.db", analytics=True)
    else:
        cluster = request.getfixturevalue("analytics_cluster")
        server = LiveServer(cluster.create_database(f"follow{next(_databases)}"), analytics=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _followers_of(server: LiveServer) -> list[psutil.Process]:
    serving = psutil.Process(server._process.pid)  # type: ignore[union-attr]
    return [c for c in serving.children() if "follow" in c.cmdline()]


def test_a_pushs_facts_and_grades_arrive_through_the_follower_process(centre: LiveServer, tmp_path: Path) -> None:
    [own] = _followers_of(centre)  # serve started exactly one
    second = subprocess.Popen([*centre_command(), "analytics", "follow", "--db", centre.db_url, "--poll-seconds", "0.2"],
                              env=centre.env(), stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert second.stdout is not None and second.stdout.readline().strip() in FOLLOWING
        store = Database.open(tmp_path / "terminal.db", os.urandom(32))
        migrate(store)
        client = enrol(store, centre).client(centre.url)
        worker = push_worker(client, id_number=id_number_of(41))
        contract = {"worker_uid": worker, "signed_on": "2026-01-05", "service_type": "elderly",
                    "period_from": "2026-01-06", "period_to": "2026-06-30", "district": "黄浦区"}  # fmt: skip
        [result] = client.push([wire(uuid.uuid4().hex, 1, contract, entity="contract", kind="contract.signed")])
        assert result.status == "accepted"
        facts = "SELECT count(*) FROM analytics_contracts WHERE worker_uid = ?"
        wait_for(lambda: centre.query(facts, worker)[0][0] == 1)
        grade = "SELECT count(*) FROM analytics_credit_history WHERE subject = ? AND subject_id = ?"
        wait_for(lambda: centre.query(grade, "worker", worker)[0][0] >= 1
                 and centre.query(grade, "agency", TEST_AGENCY_ID)[0][0] >= 1)  # fmt: skip
        assert centre.query(grade, "worker", worker)[0][0] == 1  # graded once, though two followers ran
        store.close()
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(WAIT) == 0  # a clean stop
        if second.stdout is not None:
            second.stdout.close()
    centre.stop()
    own.wait(WAIT)  # it stopped with the centre (psutil raises TimeoutExpired otherwise)
    assert not own.is_running()


def test_the_follower_never_migrates_a_schema(tmp_path: Path) -> None:
    """Several processes starting at once must not all run migrate: the follower refuses a schema not migrated."""
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    env = {**os.environ, "CENTRE_SECRET_KEY": "follower-" + "x" * 40, "CENTRE_HOME": str(tmp_path / "home")}
    done = subprocess.run([*centre_command(), "analytics", "follow", "--db", db], env=env, capture_output=True,
                          text=True, timeout=WAIT)  # fmt: skip
    assert done.returncode == 1 and "terminal-server db upgrade" in done.stderr and not done.stdout.strip()
