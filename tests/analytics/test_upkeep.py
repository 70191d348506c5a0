"""The follower decides when a pass is due (new rows, late commits within the overlap, a pass at least every so
often), waits for a quiet moment (no new rows nor requests for a few seconds, at most a burst interval), skips
while another follower holds the installation's lock (PostgreSQL advisory lock, SQLite lock file:
tested against a second database session), survives a failing pass, and a real pass over a committed push brings
the facts and grades."""

from __future__ import annotations

import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from centre.analytics.upkeep import Follower, installation_lock
from tests.console_workflows.djangodb import use_database

WAIT = 60.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextmanager
def free_lock() -> Iterator[bool]:
    yield True


def follower(mark: list[object], runs: list[float], clock: Clock, lock: object = free_lock,
             requests: list[object] | None = None) -> Follower:  # fmt: skip
    arrivals = requests or [0]
    return Follower(work=lambda: runs.append(clock.now), latest=lambda: mark[0], lock=lock,  # type: ignore[arg-type]
                    poll_seconds=1.0, every_seconds=60.0, settle_seconds=11.0, clock=clock, quiet_seconds=3.0,
                    arrivals=lambda: arrivals[0])  # fmt: skip


def looks(f: Follower, clock: Clock, seconds: int) -> list[bool]:
    """A look every second for `seconds` seconds: which of them ran a pass."""
    ran = []
    for _ in range(seconds):
        clock.now += 1
        ran.append(f.step())
    return ran


def test_a_pass_when_rows_arrive_once_more_after_the_overlap_and_at_least_every_minute() -> None:
    mark: list[object] = [("t0", 1)]
    runs: list[float] = []
    clock = Clock()
    f = follower(mark, runs, clock)
    # The first look catches up whatever came while no follower ran, once nothing has arrived for 3 s.
    assert not f.step()
    assert looks(f, clock, 3) == [False, False, True]
    assert looks(f, clock, 10) == [False] * 10  # nothing new; the first pass's settle pass is not due yet
    assert looks(f, clock, 1) == [True]  # rows committed late with an older time are read within the overlap
    assert looks(f, clock, 5) == [False] * 5  # quiet: no pass at every look
    mark[0] = ("t1", 1)
    assert not f.step()  # rows are arriving: the pass waits until nothing has for 3 s
    assert looks(f, clock, 3) == [False, False, True]
    assert looks(f, clock, 11) == [False] * 10 + [True]  # one settle pass after new rows, then quiet
    assert not f.step()
    clock.now += 60
    assert f.step()  # the centre's own decisions move no mark: a pass at least every minute
    assert len(runs) == f.passes == 5


def test_a_push_under_way_holds_the_pass_back() -> None:
    """A push's request arrives (its nonce is stored) seconds before its rows commit: no pass starts meanwhile."""
    mark: list[object] = [("t0", 1)]
    requests: list[object] = [10]
    runs: list[float] = []
    clock = Clock()
    f = follower(mark, runs, clock, requests=requests)
    assert looks(f, clock, 4) == [False, False, False, True]
    for n in range(11, 16):  # a terminal's drain: a request every second, its rows committed with the next
        requests[0] = n
        mark[0] = ("t", n)
        assert not f.step()
        clock.now += 1
    requests[0] = 16  # the last push: its request arrived, its rows not yet committed
    assert looks(f, clock, 2) == [False, False]
    mark[0] = ("t", 16)
    assert looks(f, clock, 4) == [False, False, False, True]  # 3 s after the commit
    assert len(runs) == 2


def test_under_a_steady_stream_of_pushes_a_pass_runs_at_least_every_burst_interval() -> None:
    mark: list[object] = [("t0", 1)]
    runs: list[float] = []
    clock = Clock()
    f = follower(mark, runs, clock)
    assert not f.step()
    assert looks(f, clock, 3)[-1]
    for n in range(1, 30):  # something new at every look: the pushes have the database to themselves
        clock.now += 1
        mark[0] = ("t", n)
        assert not f.step()
    clock.now += 1
    mark[0] = ("t", 30)
    assert f.step() and runs[1] - runs[0] == 30  # ...but the analysis is never more than 30 s behind


def test_a_follower_started_under_a_steady_stream_passes_within_the_burst_interval() -> None:
    mark: list[object] = [("t0", 0)]
    runs: list[float] = []
    clock = Clock()
    f = follower(mark, runs, clock)
    started = clock.now
    for n in range(30):
        mark[0] = ("t", n)
        assert not f.step()
        clock.now += 1
    mark[0] = ("t", 30)
    assert f.step() and runs == [started + 30]


def test_a_pass_held_out_by_another_follower_runs_at_a_later_look() -> None:
    mark: list[object] = [("t0", 1)]
    runs: list[float] = []
    clock = Clock()
    taken = [True]

    @contextmanager
    def lock() -> Iterator[bool]:
        yield not taken[0]

    f = follower(mark, runs, clock, lock)
    assert looks(f, clock, 4) == [False] * 4 and runs == []  # the 4th look was quiet: only the lock held it
    taken[0] = False
    clock.now += 1
    assert f.step() and len(runs) == 1


@pytest.mark.expected_logs("analytics pass failed")
def test_a_failing_pass_is_logged_and_the_next_look_runs_it_again(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[int] = []
    stop = threading.Event()

    def work() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        stop.set()

    Follower(work=work, latest=lambda: 1, arrivals=lambda: 1, lock=free_lock, poll_seconds=0.0,
             quiet_seconds=0.0).run(stop)  # fmt: skip
    assert len(calls) == 2
    assert [r.getMessage() for r in caplog.records] == ["analytics pass failed; the next pass reads the same rows"]


def test_two_followers_never_pass_at_once(centre_db: str) -> None:
    """Another database session (a second follower process) holds the lock: this one's pass is skipped until it
    lets go. A thread has a database connection of its own, as another process would."""
    from django.db import connections

    holding, release = threading.Event(), threading.Event()
    outcome: list[bool] = []

    def other_follower() -> None:
        try:
            with installation_lock() as held:
                outcome.append(held)
                holding.set()
                release.wait(WAIT)
        finally:
            connections.close_all()

    other = threading.Thread(target=other_follower)
    other.start()
    try:
        assert holding.wait(WAIT) and outcome == [True]
        runs: list[int] = []
        mine = Follower(work=lambda: runs.append(1), latest=lambda: 1, quiet_seconds=0.0)
        assert not mine.step() and runs == []
    finally:
        release.set()
        other.join(WAIT)
    assert mine.step() and runs == [1]
    with installation_lock() as held:  # let go after the pass: the next one takes it
        assert held


def test_the_facts_and_grades_follow_a_committed_push() -> None:
    from centre.analytics.models import CreditGrade, FactContract
    from tests.console_workflows.centre_data import AGENCY_A, push, register, terminal
    from tests.server.test_protocol import wire

    use_database(f"sqlite:///{Path(tempfile.mkdtemp(prefix='centre-upkeep-')) / 'centre.db'}")
    term = terminal(AGENCY_A, "0001")
    worker, _ = register(term, 7)
    push(term, wire(uuid.uuid4().hex, 1, {"worker_uid": worker, "signed_on": "2026-01-05", "service_type": "elderly",
                                          "period_from": "2026-01-06", "period_to": "2026-06-30", "district": "黄浦区"},
                    entity="contract", kind="contract.signed"))  # fmt: skip
    assert Follower(quiet_seconds=0.0).step()  # the real pass, under the real lock (and the real marks)
    assert FactContract.objects.filter(worker_uid=worker).count() == 1
    assert CreditGrade.objects.filter(subject="worker", subject_id=worker).exists()
    assert CreditGrade.objects.filter(subject="agency", subject_id=AGENCY_A).exists()
