"""Two agencies' terminals against one real centre over loopback HTTP: what the centre decides about agency A's
worker (a complaint, a police-check result) never reaches agency B's pull, and B's terminal cannot answer A's
complaint, not even by pushing A's uids first; A's own answer goes through."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.store.db import Database
from terminal.store.migrate import migrate
from tests.server.test_protocol import wire
from tests.sync import conftest as sync_helpers
from tests.sync.conftest import Terminal, enrol, queue_workers
from tests.sync.liveserver import LiveServer

AGENCY_B = ("91310000MA1FL0002B", "乙家政服务有限公司")


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "central.db")
    server.extra_env["CENTRE_BULK_LAZY"] = "0"
    yield server.start()
    server.stop()


def _store(path: Path) -> Database:
    db = Database.open(path, os.urandom(32))
    migrate(db)
    return db


def _pulled(term: Terminal, centre: LiveServer) -> list[dict[str, object]]:
    return term.client(centre.url).pull(None).changes


def test_agency_b_neither_reads_nor_answers_agency_as_complaint(centre: LiveServer, tmp_path: Path) -> None:
    store_a, store_b = _store(tmp_path / "a.db"), _store(tmp_path / "b.db")
    try:
        term_a, term_b = enrol(store_a, centre), enrol(store_b, centre, agency=AGENCY_B)
        queue_workers(store_a, 1)
        assert term_a.engine(centre.url, timeout=60).sync_once().rejected == 0
        number = sync_helpers.test_number(0)
        sent = centre.command("--lang", "en", "complaint", number, "--summary", "服务人员迟到两小时").stdout.split()
        uid = sent[sent.index("complaint") + 1]
        centre.post_check_result(number, "adverse")

        for_b = _pulled(term_b, centre)
        assert number not in str(for_b) and uid not in str(for_b) and "迟到" not in str(for_b)
        kinds_a = {str(change.get("kind")) for change in _pulled(term_a, centre)}
        assert {"complaint", "background_check"} <= kinds_a  # A is told; the test could see a leak

        answer = {"status": "resolved", "response": "不是我们的工人"}
        for version in (2, 5):  # the next version, and one far ahead (parked elsewhere, refused here)
            [refused] = term_b.client(centre.url).push([wire(uid, version, answer, entity="complaint",
                                                             kind="complaint.resolved")])  # fmt: skip
            assert (refused.status.value, refused.code) == ("rejected", "not_owner")
        assert centre.query("SELECT status, resolution FROM complaints WHERE uid = ?", uid) == [("with_agency", "")]

        [accepted] = term_a.client(centre.url).push([wire(uid, 2, {"status": "resolved", "response": "已致歉"},
                                                          entity="complaint", kind="complaint.resolved")])  # fmt: skip
        assert accepted.status.value == "accepted"
        assert centre.query("SELECT status, resolution FROM complaints WHERE uid = ?", uid) == [("resolved", "已致歉")]
    finally:
        store_a.close()
        store_b.close()
