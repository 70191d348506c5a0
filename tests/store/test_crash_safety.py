"""kill -9 in the middle of writes loses nothing committed, and the outbox and the data never disagree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from terminal.store import audit
from tests.builders import UNLOCK_SECRET, make_home

WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from terminal.store.home import Home
    from terminal.usecases import registration
    from tests.builders import actor, card_read, profile, sign_in_staff
    db = Home.resolve(sys.argv[1]).open()
    sign_in_staff(db)
    for i in range(100000):
        registration.register_worker(db, actor(), card_read(), profile(), dt.date.today())
        print(i + 1, flush=True)
    """
)


@pytest.mark.parametrize("kill_after", [3, 17, 40])
def test_kill_9_mid_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kill_after: int) -> None:
    home, _ = make_home(tmp_path / "h", monkeypatch)
    env = {**os.environ, "TERMINAL_UNLOCK_SECRET": UNLOCK_SECRET, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(home.root)], stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    committed = 0
    for line in proc.stdout:
        committed = int(line)
        if committed >= kill_after:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL  # it died by the kill, mid-write, not by finishing or failing
    assert committed >= kill_after

    db = home.open()
    try:
        workers = db.scalar("SELECT count(*) FROM workers")
        assert workers >= committed  # everything reported committed survived (one more may have landed)
        assert db.scalar("SELECT count(*) FROM outbox WHERE kind = 'worker.registered'") == workers
        assert db.scalar("SELECT count(*) FROM identity_reads") == workers
        assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'worker.registered'") == workers
        assert audit.verify(db).ok
        assert db.integrity_check() == []
    finally:
        db.close()
