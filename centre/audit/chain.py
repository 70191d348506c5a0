"""Appending to the audit chain and verifying it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from centre.audit.hashing import GENESIS, entry_hash
from centre.audit.models import AuditEntry, AuditHead
from wirecontract.errors import ExplainedError
from wirecontract.protocol import utc_now


class AuditChainBroken(ExplainedError):
    code = "audit_chain_broken"
    zh_template = "审计日志已被篡改：第 {position} 条 {why}。"
    en_template = "The audit log was tampered with: entry {position} {why}."


def actor_name(actor: Any) -> str:
    if isinstance(actor, str):
        return actor
    name = getattr(actor, "get_username", None)
    return str(name()) if callable(name) and getattr(actor, "is_authenticated", False) else "anonymous"


def _at_iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def append(actor: Any, action: str, subject: str, detail: dict[str, Any]) -> AuditEntry:
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(id=1)  # made by migration 0001; serialises appends
        at = utc_now()
        position = head.length + 1
        name = actor_name(actor)
        digest = entry_hash(position, _at_iso(at), name, action, subject, detail, head.last_hash)
        entry = AuditEntry.objects.create(position=position, at=at, actor=name, action=action, subject=subject,
                                          detail=detail, prev_hash=head.last_hash, entry_hash=digest)  # fmt: skip
        head.length, head.last_hash = position, digest
        head.save(update_fields=["length", "last_hash"])
        return entry


@dataclass(frozen=True)
class Verified:
    length: int
    last_hash: str


def _entries(batch: int = 2000) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = list(AuditEntry.objects.filter(position__gt=last).order_by("position")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].position


def verify() -> Verified:
    """Walk the chain from the start; raise AuditChainBroken at the first entry that does not fit."""
    prev, expected = GENESIS, 1
    for entry in _entries():
        if entry.position != expected:
            raise AuditChainBroken(position=expected, why="缺失 / is missing")
        if entry.prev_hash != prev:
            raise AuditChainBroken(position=entry.position, why="与前一条不衔接 / does not follow the one before")
        digest = entry_hash(entry.position, _at_iso(entry.at), entry.actor, entry.action, entry.subject,
                            entry.detail, entry.prev_hash)  # fmt: skip
        if digest != entry.entry_hash:
            raise AuditChainBroken(position=entry.position, why="内容被改动 / was altered")
        prev, expected = entry.entry_hash, expected + 1
    head = AuditHead.objects.filter(id=1).first()
    length, last_hash = (head.length, head.last_hash) if head else (0, GENESIS)
    if length != expected - 1 or last_hash != prev:
        raise AuditChainBroken(position=expected, why="（链尾）缺失 / (the end of the chain) is missing")
    return Verified(length, prev)
