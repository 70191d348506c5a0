"""A push does not wait for the analysis: the follower thread runs the pass after the push has answered,
gathers pushes that arrive close together into one pass, survives a failing pass, and the facts and grades
follow a real push (committed, in a database of its own)."""

from __future__ import annotations

import tempfile
import threading
import uuid
from pathlib import Path

import pytest

from centre.analytics.upkeep import Follower
from tests.console_workflows.djangodb import use_database

WAIT = 60.0


def test_pokes_close_together_make_one_pass() -> None:
    started, release = threading.Event(), threading.Event()
    runs: list[int] = []

    def work() -> None:
        runs.append(1)
        started.set()
        release.wait(WAIT)

    follower = Follower(work, gather_seconds=0.0)
    follower.poke()
    assert started.wait(WAIT)
    for _ in range(5):  # while the first pass runs: all of these make one more pass
        follower.poke()
    release.set()
    assert follower.idle.wait(WAIT)
    assert follower.idle.wait(WAIT) and len(runs) == 2


@pytest.mark.expected_logs("analytics pass after pushes failed")
def test_a_failing_pass_is_logged_and_the_next_one_runs(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")

    follower = Follower(work, gather_seconds=0.0)
    follower.poke()
    assert follower.idle.wait(WAIT)
    follower.poke()
    assert follower.idle.wait(WAIT) and len(calls) == 2
    assert [r.getMessage() for r in caplog.records] == [
        "analytics pass after pushes failed; the next pass reads the same rows"]


def test_the_facts_and_grades_follow_a_committed_push() -> None:
    from centre.analytics import facts, upkeep
    from centre.analytics.models import CreditGrade, FactContract
    from tests.console_workflows.centre_data import AGENCY_A, push, register, terminal
    from tests.server.test_protocol import wire

    use_database(f"sqlite:///{Path(tempfile.mkdtemp(prefix='centre-upkeep-')) / 'centre.db'}")
    term = terminal(AGENCY_A, "0001")
    worker, _ = register(term, 7)
    push(term, wire(uuid.uuid4().hex, 1, {"worker_uid": worker, "signed_on": "2026-01-05", "service_type": "elderly",
                                          "period_from": "2026-01-06", "period_to": "2026-06-30", "district": "黄浦区"},
                    entity="contract", kind="contract.signed"))  # fmt: skip
    upkeep.follower.gather_seconds = 0.0
    facts.after_push()  # answers at once; the follower's thread does the pass
    assert upkeep.follower.idle.wait(WAIT)
    assert FactContract.objects.filter(worker_uid=worker).count() == 1
    assert CreditGrade.objects.filter(subject="worker", subject_id=worker).exists()
    assert CreditGrade.objects.filter(subject="agency", subject_id=AGENCY_A).exists()
