"""How an audit entry is hashed: free of Django, so the rule can be read and checked on its own."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64  # the predecessor of the first entry


def entry_hash(position: int, at_iso: str, actor: str, action: str, subject: str, detail: dict[str, Any],
               prev_hash: str) -> str:  # fmt: skip
    """SHA-256 over a canonical JSON of every field and the predecessor's hash."""
    canonical = json.dumps([position, at_iso, actor, action, subject, detail, prev_hash], ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"))  # fmt: skip
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
