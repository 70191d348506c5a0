"""Child process for the kill -9 test: pushes the outbox in small batches until killed or done."""

from __future__ import annotations

import sys
from pathlib import Path

from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo, SyncStateRepo
from terminal.sync.client import SyncClient
from terminal.sync.engine import SyncEngine
from wirecontract.signing import TerminalKey


def main(db_path: str, db_key_hex: str, signing_key_hex: str, terminal_id: str, url: str, centre_key_hex: str) -> int:
    db = Database.open(Path(db_path), bytes.fromhex(db_key_hex))
    client = SyncClient(url, TerminalKey(bytes.fromhex(signing_key_hex)), terminal_id,
                        centre_key=bytes.fromhex(centre_key_hex))  # fmt: skip
    engine = SyncEngine(OutboxRepo(db), SyncStateRepo(db), client, lambda changes, cursor: None, batch_size=3)
    engine.push()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:7]))
