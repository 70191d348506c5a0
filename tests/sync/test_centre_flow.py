"""The demo data end to end: production refuses simulated identities, a demo centre takes them, and what
the centre decides (revocation, background check) comes back to the terminal."""

from __future__ import annotations

import datetime as dt

import pytest

from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo, SyncStateRepo
from terminal.sync import state as keys
from terminal.usecases.demo import fill_demo
from terminal.usecases.staleness import issuing_blocked
from tests.sync.conftest import enrol
from tests.sync.liveserver import LiveServer


@pytest.mark.expected_logs("centre rejected")
def test_production_centre_rejects_every_simulated_event(live_server: LiveServer, store: Database) -> None:
    fill_demo(store, workers=4)
    term = enrol(store, live_server)
    simulated = int(store.scalar("SELECT count(*) FROM outbox WHERE simulated = 1"))
    report = term.engine(live_server.url).sync_once()
    assert report.rejected == OutboxRepo(store).counts()["rejected"] == simulated > 0
    assert report.rejected_codes == {"simulated_identity": simulated}
    rejected = OutboxRepo(store).rejected()
    assert all(e.reject_code == "simulated_identity" and e.reject_reason for e in rejected)
    reconciliation = term.engine(live_server.url).reconcile()
    assert reconciliation.matches and reconciliation.server.count == report.accepted


def test_revocation_and_check_result_reach_the_terminal(demo_server: LiveServer, store: Database) -> None:
    fill_demo(store, workers=12)
    term = enrol(store, demo_server)
    state = SyncStateRepo(store)
    assert issuing_blocked(store, dt.datetime.now(dt.UTC))
    first = term.engine(demo_server.url).sync_once()
    assert first.rejected == 0 and first.accepted == sum(OutboxRepo(store).counts().values())
    assert not issuing_blocked(store, dt.datetime.now(dt.UTC))
    assert state.get(keys.DRIFT_SECONDS) is not None

    issued = store.query_one("SELECT c.credential_no, w.id_number FROM credentials c JOIN workers w "
                             "ON w.id = c.worker_id WHERE c.state = 'issued' ORDER BY c.id LIMIT 1")  # fmt: skip
    assert issued is not None
    demo_server.set_credential_status(issued["credential_no"], "revoked", "中心核查：证件信息不实")
    demo_server.post_check_result(issued["id_number"], "adverse")
    second = term.engine(demo_server.url).sync_once()
    assert second.pulled == 2
    revoked = store.query_one("SELECT state, state_reason FROM credentials WHERE credential_no = ?",
                              (issued["credential_no"],))  # fmt: skip
    assert revoked is not None and (revoked["state"], revoked["state_reason"]) == ("revoked", "中心核查：证件信息不实")
    assert store.scalar("SELECT result FROM background_checks ORDER BY id DESC LIMIT 1") == "adverse"
    # the terminal's own revocation record goes back up; the centre already agrees, so nothing conflicts
    third = term.engine(demo_server.url).sync_once()
    assert third.pulled == 0 and third.rejected == 0
    assert term.engine(demo_server.url).reconcile().matches
