"""The console's look-up never waits for the index to read a city's pushes: it catches up within a budget, one
request at a time in the installation, and says how far the index has read; a worker registered a moment ago on a
quiet centre is still found at once (issue #19: 20–60 s a look-up under the push load)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from centre.console import lookup, search_index
from centre.console.search_rules import read_query
from tests.console_workflows.centre_data import register, terminal


def _found(user: Any, name: str) -> tuple[list[str], Any]:
    rows, behind = lookup.workers(user, read_query(name, ""))
    return [w.worker_uid for w in rows], behind


def test_a_worker_registered_a_moment_ago_is_found_at_once(users: dict[str, Any]) -> None:
    search_index.catch_up(max_rows=10**9)
    uid, _ = register(terminal(), 41, "欧阳新来")
    found, behind = _found(users["staff"], "欧阳新来")
    assert found == [uid] and behind is None


def test_while_another_request_catches_up_the_look_up_answers_and_says_how_far_the_index_has_read(
    users: dict[str, Any],
) -> None:
    search_index.catch_up(max_rows=10**9)
    term = terminal()
    register(term, 42, "司马早到")
    search_index.catch_up(max_rows=10**9)
    late, _ = register(term, 43, "司马晚到")
    with search_index._catching_up() as mine:  # another request is catching up
        assert mine
        found, behind = _found(users["staff"], "司马晚到")
    assert found == [] and behind is not None and behind.behind and behind.read_up_to is not None
    assert behind.seconds_behind >= 1
    found, behind = _found(users["staff"], "司马晚到")  # nobody else now: it catches up itself
    assert found == [late] and behind is None


def test_a_backlog_larger_than_a_brief_batch_is_left_to_the_follower(users: dict[str, Any],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """A city's stream of pushes is indexed at the background's priority, not in a look-up at the public's."""
    search_index.catch_up(max_rows=10**9)
    monkeypatch.setattr(search_index, "BRIEF_BATCH", 2)
    term = terminal()
    uids = [register(term, 70 + i, f"积压{i}")[0] for i in range(3)]
    found, behind = _found(users["staff"], "积压")
    assert found == [] and behind is not None and behind.behind  # answered at once, saying how far it has read
    from centre.analytics import upkeep

    upkeep._refresh()  # the follower's pass reads them
    assert sorted(_found(users["staff"], "积压")[0]) == sorted(uids)


def test_a_catch_up_stops_between_batches_when_its_budget_is_spent(users: dict[str, Any]) -> None:
    search_index.catch_up(max_rows=10**9)
    term = terminal()
    for i in range(5):
        register(term, 50 + i, f"预算{i}")
    ticks = itertools.count()
    read = search_index.catch_up(budget_seconds=3, batch_size=1, clock=lambda: float(next(ticks)))
    assert read == 2  # a second a look (started at 0): batches at 1 and 2 s, and at 3 s the budget is spent
    assert search_index.freshness().behind
    assert search_index.catch_up(max_rows=10**9) >= 3 and not search_index.freshness().behind


def test_the_analytics_follower_brings_the_index_up_to_date_after_its_pass(users: dict[str, Any]) -> None:
    from centre.analytics import upkeep

    search_index.catch_up(max_rows=10**9)
    uid, _ = register(terminal(), 60, "欧阳随后")
    assert search_index.freshness().behind
    upkeep._refresh()  # the follower's pass
    assert not search_index.freshness().behind
    with search_index._catching_up() as mine:  # a look-up now finds it without reading anything itself
        assert mine
        assert _found(users["staff"], "欧阳随后")[0] == [uid]
