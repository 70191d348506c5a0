"""High-water marks: how far the outbox and the audit log had got, kept outside the database.

Committed transactions live in the `-wal` file until a checkpoint copies them into the database file. If the
`-wal` file is deleted after a crash (or an old copy of the database is put back), SQLite opens what is left
without complaint: committed registrations vanish, `audit verify` sees an intact (shorter) chain, and new
events reuse outbox sequence numbers the centre already holds. So after every commit the store writes the
last outbox and audit sequence numbers (and the audit head's hash) to `marks.json`, beside `keys.json`,
where a lost WAL cannot take them back. On open, a database behind its marks is refused for writing (reads go
on, so the data can still be looked at and backed up) until it is restored.

The marks are written after the commit: a crash in between leaves them behind the database, which is
harmless (the next commit moves them on); they can never be ahead of what was committed.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from terminal.core.errors import DatabaseRolledBack
from terminal.store.db import Database
from terminal.store.private import write_private

log = logging.getLogger(__name__)

MARKS_FILE = "marks.json"


@dataclass(frozen=True)
class Marks:
    outbox_seq: int
    audit_seq: int
    audit_hash: str

    def to_json(self) -> dict[str, object]:
        return {"outbox_seq": self.outbox_seq, "audit_seq": self.audit_seq, "audit_hash": self.audit_hash}


def current(db: Database) -> Marks:
    outbox = db.scalar("SELECT coalesce(max(seq), 0) FROM outbox")
    head = db.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    return Marks(int(outbox), int(head["seq"]) if head else 0, str(head["hash"]) if head else "")


def load(root: Path) -> Marks | None:
    """The stored marks; None when there are none yet (a home from before marks, or a fresh restore)."""
    path = root / MARKS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Marks(int(data["outbox_seq"]), int(data["audit_seq"]), str(data["audit_hash"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # A damaged marks file cannot prove a rollback; the next commit rewrites it.
        log.warning("high-water marks unreadable (%s): not checked this time", type(exc).__name__)
        return None


def save(root: Path, marks: Marks) -> None:
    tmp = root / (MARKS_FILE + ".tmp")
    write_private(tmp, json.dumps(marks.to_json()).encode("utf-8"))
    os.replace(tmp, root / MARKS_FILE)


def rolled_back(db: Database, stored: Marks) -> DatabaseRolledBack | None:
    """The fault to refuse writes with, when the database is behind `stored`."""
    now = current(db)
    if now.outbox_seq < stored.outbox_seq:
        return DatabaseRolledBack(expected=stored.outbox_seq, found=now.outbox_seq)
    if now.audit_seq < stored.audit_seq:
        return DatabaseRolledBack(expected=stored.audit_seq, found=now.audit_seq)
    if stored.audit_seq:
        # Same length or longer, but is it the same history? The entry the marks name must still be there.
        kept = db.scalar("SELECT hash FROM audit_log WHERE seq = ?", (stored.audit_seq,))
        if kept != stored.audit_hash:
            return DatabaseRolledBack(expected=stored.audit_seq, found=now.audit_seq, detail="audit entry differs")
    return None


class MarkKeeper:
    """Installed on a database opened from a home: checks the marks once, then moves them on after commits."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._last: Marks | None = None

    def attach(self, db: Database) -> DatabaseRolledBack | None:
        stored = load(self.root)
        fault = rolled_back(db, stored) if stored is not None else None
        if fault is not None:
            found = fault
            db.refuse_writes(lambda: DatabaseRolledBack(detail=found.detail, **found.params))
            return fault
        self._last = stored
        self.after_commit(db)  # a home from before marks gets them now
        db.after_commit = self.after_commit
        return None

    def after_commit(self, db: Database) -> None:
        marks = current(db)
        if marks == self._last:
            return
        try:
            save(self.root, marks)
        except OSError as exc:
            # The commit itself succeeded; a full disk here only delays the marks until the next commit.
            log.warning("high-water marks not saved (%s)", type(exc).__name__)
            return
        self._last = marks


def restart(db: Database, root: Path) -> Marks:
    """After a recovery has put back what it could: the database as it now stands is the terminal's history
    (what could not be recovered is recorded in the audit log), so the marks start again from it and follow
    every commit from here on."""
    keeper = MarkKeeper(root)
    keeper.after_commit(db)
    db.after_commit = keeper.after_commit
    return current(db)
