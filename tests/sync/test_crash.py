"""kill -9 at any moment of a push loses and duplicates nothing: the event id is the idempotency key."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from terminal.store.db import Database
from terminal.store.migrate import migrate
from terminal.store.outbox import OutboxRepo
from tests.sync.conftest import assert_exactly_once, enrol, queue_workers
from tests.sync.liveserver import LiveServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kill_after", [3, 17, 40])
def test_killed_mid_push_then_restarted(tmp_path: Path, live_server: LiveServer, kill_after: int) -> None:
    db_key = os.urandom(32)
    db = Database.open(tmp_path / "t.db", db_key)
    migrate(db)
    term = enrol(db, live_server)
    queued = queue_workers(db, 40)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.push_child", str(tmp_path / "t.db"), db_key.hex(),
         term.key.private_raw.hex(), term.terminal_id, live_server.url, term.centre_key.hex()],
        cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(live_server.event_ids(term.terminal_id)) < kill_after and child.poll() is None:
        assert time.monotonic() < deadline, "the child never pushed"
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert child.returncode == -signal.SIGKILL, "the child ended before the kill: nothing was tested"
    assert len(live_server.event_ids(term.terminal_id)) >= kill_after
    term.engine(live_server.url).sync_once()
    assert_exactly_once(live_server, term, queued)
    assert OutboxRepo(db).counts()["accepted"] + OutboxRepo(db).counts()["duplicate"] == len(queued)
    db.close()
