"""Fuzz run for the terminal's parsers of outside input: every sync client call against malformed centre
answers, and the card reader's frame decoder against malformed frames. Each input must give a value or a
typed `TerminalError`; anything else is counted as untyped and its first examples are printed so they can
be replayed. Target: ≥ 100,000 inputs per target and 0 untyped. Not in CI at full size (the tests run it
small).

    python -m bench fuzz [--json] [--count N] [--seed S] [--target NAME ...]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from terminal.core.errors import TerminalError
from terminal.reader import frames
from terminal.reader.frames import Command
from terminal.sync.client import SyncClient
from terminal.sync.transport import HttpResponse, Transport
from wirecontract import protocol as p
from wirecontract.signing import TerminalKey, b64url

TARGET_INPUTS = 100_000
EXAMPLES_KEPT = 5
BASE_URL = "http://127.0.0.1:18650"  # loopback: the client refuses plain http anywhere else
# The centre whose key the client pins: answers are signed with it (most of the time), so the fuzzed bodies get
# past the signature check to the parsers behind it.
CENTRE = TerminalKey.generate()
ENROLMENT_CODE = "ABCDEFGHJKMN" + p.centre_key_fingerprint(CENTRE.public_raw, "ABCDEFGHJKMN")

# Well-formed answers, which the generator mutates: most bugs hide one wrong field away from valid.
VALID_ANSWERS: dict[str, dict[str, Any]] = {
    "enrol": {
        "terminal_id": "T-0001",
        "agency_id": "91310000MA1234567X",
        "key_id": "k1",
        "terminal_number": "0001",
        "centre_public_key": b64url(CENTRE.public_raw),
        "agency_name": "agency",
    },
    "push": {
        "results": [
            {"event_id": "e1", "status": "accepted"},
            {"event_id": "e2", "status": "rejected", "code": "bad", "reason": "r"},
        ]
    },
    "pull": {"changes": [{"kind": "credential.revoked", "uid": "c1"}], "cursor": "c2", "more": False},
    "receipt": {"count": 2, "sha256": "ab" * 32},
    "registered_elsewhere": {"registered_elsewhere": True},
    "probe": {"server_time": "2026-11-29T10:00:00+00:00"},
    "my_events": {
        "events": [
            {"event_id": "e1", "seq": 5, "entity": "worker", "entity_uid": "w1", "record_version": 1,
             "kind": "worker.registered", "payload": {"phone": "1"}, "provenance": None, "simulated": False,
             "created_at": "2026-11-29T10:00:00+00:00"},
        ],
        "more": False,
    },
}

_ODD_TEXT = ["", " ", "¹²³", "٣", "２０２６", "2026-13-45T99:99:99", "2026-11-29T10:00:00", "NaN", "Infinity",
             "-1", "9" * 400, "\u0000", "\ud800", "null", "accepted", "duplicate", "rejected", "张三", "T-0001"]  # fmt: skip
_STATUSES = [200] * 12 + [201, 204, 301, 302, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503, 0, 99, 600, 999]


def random_json(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.randrange(10 if depth < 3 else 6)
    if roll == 0:
        return None
    if roll == 1:
        return rng.random() < 0.5
    if roll == 2:
        return rng.choice([0, -1, 1, 2**63, -(2**70), 10**40])
    if roll == 3:
        return rng.choice([0.5, -0.0, 1e308, float("inf"), float("-inf"), float("nan")])
    if roll in (4, 5):
        return rng.choice(_ODD_TEXT) if rng.random() < 0.7 else "".join(
            chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(12)))  # fmt: skip
    if roll in (6, 7):
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["event_id", "status", "code", "reason", "results", "changes", "cursor", "more", "count", "sha256",
            "server_time", "terminal_id", "agency_id", "key_id", "registered_elsewhere", "error"]  # fmt: skip
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def _mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """One random change somewhere inside `value`: drop, replace or retype a field, or wrap the whole."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        copy = dict(value)
        key = rng.choice(list(copy))
        action = rng.randrange(4)
        if action == 0:
            del copy[key]
        elif action == 1:
            copy[key] = random_json(rng)
        else:
            copy[key] = _mutate(rng, copy[key], depth + 1)
        return copy
    if isinstance(value, list) and value and rng.random() < 0.8:
        copy_list = list(value)
        index = rng.randrange(len(copy_list))
        copy_list[index] = _mutate(rng, copy_list[index], depth + 1) if rng.random() < 0.7 else random_json(rng)
        if rng.random() < 0.2:
            copy_list.append(random_json(rng))
        return copy_list
    return random_json(rng)


def _headers(rng: random.Random) -> dict[str, str]:
    headers: dict[str, str] = {}
    if rng.random() < 0.3:
        headers["retry-after"] = rng.choice(["5", "¹²", "-3", "9" * 400, "Thu, 26 Nov 2026 12:00:30 GMT",
                                             "Mon, 99 Foo 0000 99:99:99 GMT", "", "soon", "0"])  # fmt: skip
    if rng.random() < 0.3:
        headers[p.HEADER_SERVER_TIME.lower()] = rng.choice([*_ODD_TEXT, "0001-01-01T00:00:00", "9999-12-31T23:59:59"])
    return headers


def answer_for(target: str, rng: random.Random) -> HttpResponse:
    """One malformed (sometimes well-formed) answer to the call `target`."""
    status = rng.choice(_STATUSES)
    roll = rng.randrange(10)
    body: bytes
    if roll < 5:
        body = json.dumps(_mutate(rng, VALID_ANSWERS[target])).encode("utf-8", "surrogatepass")
    elif roll == 5:
        body = json.dumps(random_json(rng)).encode("utf-8", "surrogatepass")
    elif roll == 6:
        valid = json.dumps(VALID_ANSWERS[target]).encode()
        body = valid[: rng.randrange(len(valid))]
    elif roll == 7:
        depth = rng.choice([10, 1000, 100_000])
        body = b"[" * depth + b"]" * (depth if rng.random() < 0.5 else 0)
    elif roll == 8:
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
    else:
        error = {"error": {"code": random_json(rng), "message": random_json(rng)}}
        body = json.dumps(error if rng.random() < 0.7 else _mutate(rng, error)).encode("utf-8", "surrogatepass")
    return HttpResponse(status, _headers(rng), body)


class SigningCentre:
    """Answers every request with `answer`, signed by CENTRE over the request as the real centre signs
    (unless `sign` is False, or the signature is deliberately damaged)."""

    def __init__(self, answer: HttpResponse | None = None, sign: bool = True, damage: bool = False) -> None:
        self.answer = answer or HttpResponse(200, {}, b"{}")
        self.sign = sign
        self.damage = damage

    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: float) -> HttpResponse:
        answer = self.answer
        if not self.sign:
            return answer
        target = url.removeprefix(BASE_URL)
        message = p.canonical_response(method, target, body, headers.get(p.HEADER_NONCE, ""), answer.status, answer.body)
        signature = bytearray(CENTRE.sign(message))
        if self.damage:
            signature[0] ^= 1
        signed = {**answer.headers, p.HEADER_CENTRE_SIGNATURE.lower(): b64url(bytes(signature))}
        return HttpResponse(answer.status, signed, answer.body)


def new_client(name: str, transport: Transport) -> SyncClient:
    """A client in the state each call needs: before enrolment for `enrol`, enrolled with CENTRE pinned otherwise."""
    if name == "enrol":
        return SyncClient(BASE_URL, KEY, None, transport=transport)
    return SyncClient(BASE_URL, KEY, "T-0001", transport=transport, centre_key=CENTRE.public_raw)


KEY = TerminalKey.generate()
CALLS: dict[str, Callable[[SyncClient], object]] = {
    "enrol": lambda c: c.enrol(ENROLMENT_CODE, "91310000MA1234567X", "agency", "terminal 1"),
    "push": lambda c: c.push([{"event_id": "e1"}, {"event_id": "e2"}]),
    "pull": lambda c: c.pull("c1"),
    "receipt": lambda c: c.receipt(),
    "registered_elsewhere": lambda c: c.registered_elsewhere("110101199003071234"),
    "probe": lambda c: c.probe(),
    "my_events": lambda c: c.my_events(4),
}


def client_target(name: str) -> Callable[[random.Random], tuple[object, Callable[[], object]]]:
    """A target that returns (the input, the call) for one fuzzed answer to client call `name`."""
    transport = SigningCentre()
    call = CALLS[name]

    def make(rng: random.Random) -> tuple[object, Callable[[], object]]:
        transport.answer = answer_for(name, rng)
        roll = rng.random()
        transport.sign, transport.damage = roll < 0.95, 0.9 <= roll < 0.95
        # A fresh client each time: a clock offset or key learnt from one answer must not carry over.
        client = new_client(name, transport)
        return transport.answer, lambda: call(client)

    return make


def frame_input(rng: random.Random) -> bytes:
    roll = rng.randrange(4)
    body = bytes(rng.randrange(256) for _ in range(rng.choice([0, 3, 8, 40, 300, 1300, 1400])))
    if roll == 0:
        return body
    if roll == 1:
        return frames.PREAMBLE + body
    if roll == 2:
        framed = bytearray(frames.encode_frame(body or b"\x00"))
        if rng.random() < 0.5 and framed:
            framed[rng.randrange(len(framed))] = rng.randrange(256)
        return bytes(framed)
    return frames.encode_response(rng.choice([0x90, 0x9F, 0x10, 0x41, 0x80, 0x00]), body)


def frames_target(rng: random.Random) -> tuple[object, Callable[[], object]]:
    data = frame_input(rng)
    command = rng.choice(list(Command))
    fingerprint = rng.random() < 0.5

    def run() -> object:
        try:
            response = frames.expect(command, data)
            frames.split_read(response.data, fingerprint)
            frames.decode_sam_id(response.data)
        except TerminalError:
            pass
        return frames.decode_request(data)

    return data, run


TARGETS: dict[str, Callable[[random.Random], tuple[object, Callable[[], object]]]] = {
    **{name: client_target(name) for name in VALID_ANSWERS},
    "frames": frames_target,
}


@dataclass
class Outcome:
    inputs: int = 0
    values: int = 0
    typed_errors: int = 0
    untyped: int = 0
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"inputs": self.inputs, "values": self.values, "typed_errors": self.typed_errors,
                "untyped": self.untyped, "examples": self.examples, "seconds": round(self.seconds, 2)}  # fmt: skip


def fuzz(target: str, count: int, seed: int) -> Outcome:
    rng = random.Random(f"{seed}:{target}")
    make = TARGETS[target]
    outcome = Outcome()
    started = time.perf_counter()
    for _ in range(count):
        given, run = make(rng)
        outcome.inputs += 1
        try:
            run()
        except TerminalError:
            outcome.typed_errors += 1
        except Exception as exc:  # exactly what is being counted: anything untyped
            outcome.untyped += 1
            if len(outcome.examples) < EXAMPLES_KEPT:
                outcome.examples.append(f"{type(exc).__qualname__}: {given!r:.300}")
        else:
            outcome.values += 1
    outcome.seconds = time.perf_counter() - started
    return outcome


def run(count: int = TARGET_INPUTS, seed: int = 0, targets: list[str] | None = None) -> dict[str, object]:
    chosen = targets or list(TARGETS)
    results = {name: fuzz(name, count, seed) for name in chosen}
    return {
        "seed": seed,
        "inputs_per_target": count,
        "target_inputs": TARGET_INPUTS,
        "untyped": sum(r.untyped for r in results.values()),
        "met": count >= TARGET_INPUTS and all(r.untyped == 0 for r in results.values()),
        "targets": {name: r.to_json() for name, r in results.items()},
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench fuzz")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--count", type=int, default=TARGET_INPUTS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--target", action="append", choices=sorted(TARGETS))
    args = parser.parse_args(argv)
    result = run(args.count, args.seed, args.target)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for name, outcome in result["targets"].items():  # type: ignore[attr-defined]
            print(f"{name:22} {outcome['inputs']:>8} inputs  {outcome['untyped']:>6} untyped  {outcome['seconds']} s")
            for example in outcome["examples"]:
                print(f"    {example}", file=sys.stderr)
    return 0 if result["untyped"] == 0 else 1
