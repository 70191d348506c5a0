"""The centre's key hand-over: how a terminal that pinned the centre's key at enrolment comes to trust the next one.

When the centre rotates its key (`terminal-server key rotate`, docs/keys-and-trust.md), the old key signs a link
naming the new one. The centre sends the chain of links with every answer of the terminal API
(`X-Centre-Key-Handover`) and signs the answers with the new key. A terminal whose pinned key fails on an answer
follows the chain from its pinned key: each link must be signed by the key the terminal already trusts. Only when
the answer then verifies with the chain's last key does it pin that key. A fake server holds no key the terminal
trusts, so it cannot make a link a terminal would follow."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from wirecontract.protocol import canonical_json
from wirecontract.signing import TerminalKey, b64url, b64url_decode, verify

SCHEME = b"HSC-CENTRE-KEY-HANDOVER-V1\n"
MAX_LINKS = 16  # a centre rotating more often than that has other problems; bounds what a terminal parses


@dataclass(frozen=True)
class Link:
    old_key: bytes  # raw Ed25519 public keys
    new_key: bytes
    at: str  # when the rotation was made (ISO 8601, UTC)
    signature: bytes  # by the old key over message()

    def message(self) -> bytes:
        return SCHEME + self.old_key + self.new_key + self.at.encode("ascii")

    def verifies(self) -> bool:
        return verify(self.old_key, self.message(), self.signature)

    def to_json(self) -> dict[str, str]:
        return {"old": b64url(self.old_key), "new": b64url(self.new_key), "at": self.at, "sig": b64url(self.signature)}

    @classmethod
    def from_json(cls, raw: Any) -> Link:
        if not isinstance(raw, dict) or set(raw) != {"old", "new", "at", "sig"}:
            raise ValueError("a hand-over link is not an object with old, new, at and sig")
        texts = [raw[k] for k in ("old", "new", "at", "sig")]
        if not all(isinstance(t, str) and t.isascii() for t in texts):
            raise ValueError("a hand-over link's fields are not ASCII text")
        old, new, signature = b64url_decode(texts[0]), b64url_decode(texts[1]), b64url_decode(texts[3])
        if len(old) != 32 or len(new) != 32 or len(signature) != 64:
            raise ValueError("a hand-over link's keys or signature have the wrong length")
        return cls(old, new, texts[2], signature)


def make_link(old: TerminalKey, new_public: bytes, at: str) -> Link:
    unsigned = Link(old.public_raw, new_public, at, b"")
    return Link(old.public_raw, new_public, at, old.sign(unsigned.message()))


def encode_chain(links: list[Link]) -> str:
    return b64url(canonical_json([link.to_json() for link in links]))


def decode_chain(header: str) -> list[Link]:
    """The links a header carries; ValueError when it is not a well-formed chain."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError("the hand-over header is not base64url JSON") from exc
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_LINKS:
        raise ValueError("the hand-over header is not a list of links")
    return [Link.from_json(item) for item in raw]


def follow(pinned: bytes, links: list[Link]) -> bytes:
    """The key the chain leads to from the pinned key, through links each signed by the key trusted before it
    (the pinned key itself when no link starts there)."""
    current = pinned
    for _ in range(len(links)):
        step = next((link for link in links if link.old_key == current and link.verifies()), None)
        if step is None:
            break
        current = step.new_key
    return current
