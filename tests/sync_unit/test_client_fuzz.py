"""Every client call, fed any answer a centre (or a captive portal, or a broken proxy) might give, returns a
value or raises a typed TerminalError, never anything else. The frame decoder has its own property test in
tests/reader/test_fuzz.py; `python -m bench fuzz` runs all of them at full size."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import fuzz
from terminal.core.errors import SyncErrorKind, SyncFault, TerminalError
from terminal.sync.client import SyncClient
from terminal.sync.transport import HttpResponse
from wirecontract import protocol as p

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@st.composite
def answers(draw: st.DrawFn, target: str) -> HttpResponse:
    valid = fuzz.VALID_ANSWERS[target]

    def one_field_changed(key: str) -> st.SearchStrategy[Any]:
        """The valid answer with field `key` replaced by anything, or left out."""
        replaced = json_values.map(lambda value: {**valid, key: value})
        return st.one_of(replaced, st.just({k: v for k, v in valid.items() if k != key}))

    body_value = draw(st.one_of(json_values, st.sampled_from(sorted(valid)).flatmap(one_field_changed)))
    body = draw(st.one_of(st.just(json.dumps(body_value).encode("utf-8", "surrogatepass")), st.binary(max_size=64)))
    status = draw(st.sampled_from([200, 200, 200, 204, 302, 400, 401, 403, 409, 429, 500, 503]))
    headers = draw(
        st.dictionaries(st.sampled_from(["retry-after", p.HEADER_SERVER_TIME.lower()]), st.text(max_size=30))
    )
    return HttpResponse(status, headers, body)


CALLS = fuzz.CALLS


def _client(target: str, answer: HttpResponse) -> SyncClient:
    """A client whose (signing) centre gives `answer`: the signature is right, so the parsers are reached."""
    return fuzz.new_client(target, fuzz.SigningCentre(answer))


def _typed_or_value(target: str, answer: HttpResponse) -> None:
    try:
        CALLS[target](_client(target, answer))
    except TerminalError:
        pass


@pytest.mark.parametrize("target", sorted(CALLS))
@settings(max_examples=250, deadline=None)
@given(data=st.data())
def test_client_calls_raise_only_typed_errors(target: str, data: st.DataObject) -> None:
    _typed_or_value(target, data.draw(answers(target)))


@pytest.mark.parametrize(
    ("target", "body"),
    [
        ("probe", b"{}"),  # the answer that used to kill the sync worker with KeyError('server_time')
        ("probe", '{"server_time": "¹²³"}'.encode()),
        ("enrol", b"{}"),  # `terminal enrol` printed a traceback
        ("enrol", b'{"terminal_id": ["T1"], "agency_id": "A", "key_id": "k"}'),
        ("receipt", b'{"count": Infinity, "sha256": "ab"}'),
        ("push", b'{"results": [{"event_id": "e1", "status": "accepted", "code": {"x": 1}}]}'),
        ("pull", b"[" * 100_000),
        ("my_events", b'{"events": [{"event_id": "e1"}], "more": false}'),
        ("my_events", b'{"events": [], "more": "no"}'),
        ("my_events", b'{"events": [{"event_id": "e", "seq": 1.5, "entity": "w", "entity_uid": "u", "record_version": 1,'
                      b' "kind": "k", "payload": {}, "provenance": null, "simulated": false, "created_at": "t"}], "more": false}'),
    ],
)
def test_known_malformed_answers_are_protocol_faults(target: str, body: bytes) -> None:
    with pytest.raises(SyncFault) as info:
        CALLS[target](_client(target, HttpResponse(200, {}, body)))
    assert info.value.kind is SyncErrorKind.PROTOCOL


def test_superscript_retry_after_is_ignored_not_a_crash() -> None:
    with pytest.raises(SyncFault) as info:
        _client("receipt", HttpResponse(429, {"retry-after": "¹²"}, b"")).receipt()
    assert info.value.kind is SyncErrorKind.RATE_LIMITED and info.value.retry_after is None


@pytest.mark.expected_logs("was not signed by the pinned centre key")  # the bench also sends unsigned answers
def test_the_fuzz_bench_runs_every_target_small_and_finds_nothing_untyped() -> None:
    result = fuzz.run(count=300, seed=3)
    targets: dict[str, dict[str, Any]] = result["targets"]  # type: ignore[assignment]
    assert set(targets) == {*CALLS, "frames"}
    for name, outcome in targets.items():
        assert outcome["inputs"] == 300, name
        assert outcome["untyped"] == 0, (name, outcome["examples"])
        assert outcome["typed_errors"] > 0, name  # the generator does reach the error paths
    assert result["untyped"] == 0 and result["met"] is False  # 300 is below the 100,000 target


def test_the_fuzz_bench_counts_untyped_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(rng: random.Random) -> tuple[object, Callable[[], object]]:
        return "input", lambda: int("¹")

    monkeypatch.setitem(fuzz.TARGETS, "broken", broken)
    outcome = fuzz.fuzz("broken", 10, seed=0)
    assert outcome.untyped == 10 and outcome.examples[0].startswith("ValueError: 'input'")
