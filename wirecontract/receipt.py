"""The reconciliation receipt: how many events the server holds from a terminal, and a hash over them.

Defined once here and used by both the terminal and the reference server. The hash is order-free so the
two sides need not agree on storage order: SHA-256 over the sorted event ids, each followed by a newline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Receipt:
    count: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Receipt:
        return cls(count=int(data["count"]), sha256=str(data["sha256"]))


def receipt_of(event_ids: Iterable[str]) -> Receipt:
    ids = sorted(set(event_ids))
    digest = hashlib.sha256()
    for event_id in ids:
        digest.update(event_id.encode("ascii"))
        digest.update(b"\n")
    return Receipt(count=len(ids), sha256=digest.hexdigest())


@dataclass(frozen=True)
class Reconciliation:
    local: Receipt
    server: Receipt

    @property
    def matches(self) -> bool:
        return self.local == self.server

    def to_json(self) -> dict[str, Any]:
        return {"matches": self.matches, "local": self.local.to_json(), "server": self.server.to_json()}
