"""The consumer pages against a real demo centre (its own process, SQLite) and a real terminal home (SQLCipher)
enrolled with it, shared by the module: the pages are read-mostly and each test uses its own credentials."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from terminal.store.db import Database
from terminal.usecases import setup
from tests.builders import UNLOCK_SECRET, open_db
from tests.server.centre_builders import CredentialOnTerminal, number_for, push_worker, qr_url
from tests.server.test_protocol import wire
from tests.sync.conftest import Terminal, enrol, test_number
from tests.sync.liveserver import LiveServer

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "consumer"


@dataclass
class Stack:
    server: LiveServer
    db: Database
    term: Terminal

    def sync(self) -> None:
        # The first push starts the centre's bulk worker processes: on a loaded machine that takes seconds.
        report = self.term.engine(self.server.url, timeout=60).sync_once()
        assert report.rejected == 0, report


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("consumer")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TERMINAL_UNLOCK_SECRET", UNLOCK_SECRET)
        db = open_db(root / "home", mp)
        server = LiveServer(root / "centre.db", demo=True).start()
        try:
            agency = db.query_one("SELECT credit_code, name FROM agency WHERE id = 1")
            assert agency is not None
            # Enrolled with the home's own key: the slips and cards it signs are the ones the centre trusts.
            term = enrol(
                db, server, key=setup.terminal_key(db), agency=(str(agency["credit_code"]), str(agency["name"]))
            )
            yield Stack(server, db, term)
        finally:
            server.stop()
            db.close()


def shoot(page: object, name: str) -> None:
    """A screenshot of the page as the phone shows it, for docs/screenshots/consumer/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def pusher(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    """A second terminal of the same agency that pushes hand-made events (tests.server.centre_builders), so its
    event numbers never meet the home terminal's outbox."""
    import os

    from terminal.store.migrate import migrate

    db = Database.open(tmp_path_factory.mktemp("pusher") / "terminal.db", os.urandom(32))
    migrate(db)
    agency = stack.db.query_one("SELECT credit_code, name FROM agency WHERE id = 1")
    assert agency is not None
    yield enrol(db, stack.server, agency=(str(agency["credit_code"]), str(agency["name"])))
    db.close()


_seq = itertools.count(100)


def id_number_for(seq: int) -> str:
    return test_number(seq)


def next_seq() -> int:
    """A fresh number for a worker's ID number and credential number, unique in the module's centre."""
    return next(_seq)


def credential(
    stack: Stack, pusher: Terminal, *, clear: bool = True, trained: bool = True, **extra: Any
) -> tuple[str, str]:
    """An issued credential of a fresh worker; returns (its QR's URL, the credential's number)."""
    client = pusher.client(stack.server.url)
    seq = next_seq()
    id_number = id_number_for(seq)
    worker_uid = push_worker(client, name="李秀兰", id_number=id_number)
    if trained:
        [result] = client.push([wire(uuid.uuid4().hex, 1, {"worker_uid": worker_uid, "passed": True, "score": 90},
                                     entity="training", kind="training.result")])  # fmt: skip
        assert result.status == "accepted", result
    if clear:
        stack.server.post_check_result(id_number, "clear")
    cred = CredentialOnTerminal(client, number_for(stack.server, pusher, seq), worker_uid)
    assert {r.status for r in cred.issue(**extra)} == {"accepted"}
    return qr_url(stack.server, pusher, cred.number, name="李秀兰"), cred.number
