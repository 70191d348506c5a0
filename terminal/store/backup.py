"""Backup to one encrypted file; restore on another machine with the recovery key.

File layout: a magic line, one JSON header line, then the database exported (sqlcipher_export) under the
same database key. The header carries the key wrapped by the recovery key (never the key itself), the key
check, the schema version and a SHA-256 of the database bytes, so a damaged or foreign file is refused
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from terminal.core.errors import BackupInvalid, HomeAlreadyInitialised
from terminal.store import keys
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.migrate import check_not_newer, schema_version

MAGIC = b"SHTERMINAL-BACKUP-1\n"


def create_backup(home: Home, db: Database, target: Path) -> dict[str, Any]:
    kf = home.key_file()
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        export = Path(tmp) / "export.db"
        # The export has the live database's key: ATTACH with the same key via the key pragma syntax.
        db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        with db.translated():
            db.conn.execute("ATTACH DATABASE ? AS backup KEY ''", (str(export),))
            try:
                db.conn.execute("PRAGMA backup.cipher_log_level = NONE")
                db.conn.execute(f"PRAGMA backup.key = \"x'{db.key_for_export().hex()}'\"")
                db.conn.execute("SELECT sqlcipher_export('backup')")
                db.conn.execute(f"PRAGMA backup.user_version = {schema_version(db)}")
            finally:
                db.conn.execute("DETACH DATABASE backup")
        data = export.read_bytes()
    header = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "schema_version": schema_version(db),
        "key_check": kf.key_check,
        "demo": kf.demo,
        "recovery": kf.protectors.get("recovery"),
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    tmp_target = target.with_name(target.name + ".partial")
    with open(tmp_target, "wb") as fh:
        fh.write(MAGIC)
        fh.write(json.dumps(header).encode("utf-8") + b"\n")
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp_target, target)
    return header


def read_backup(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        with open(path, "rb") as fh:
            if fh.readline() != MAGIC:
                raise BackupInvalid(detail="not a terminal backup")
            header: dict[str, Any] = json.loads(fh.readline())
            data = fh.read()
    except (OSError, ValueError) as exc:
        raise BackupInvalid(detail=type(exc).__name__) from exc
    if len(data) != header.get("size") or hashlib.sha256(data).hexdigest() != header.get("sha256"):
        raise BackupInvalid(detail="checksum mismatch")
    return header, data


def restore_backup(path: Path, home: Home, recovery_key: str | None, unlock_secret: str | None = None) -> Database:
    """Restore into an empty home. A demo backup needs no recovery key."""
    if home.exists():
        raise HomeAlreadyInitialised(home=str(home.root))
    header, data = read_backup(path)
    if header.get("demo"):
        kf = keys.demo_key_file()
        key = keys.DEMO_KEY
    else:
        if not recovery_key or not header.get("recovery"):
            raise BackupInvalid(detail="the recovery key is needed")
        key = keys.unwrap_with_secret(header["recovery"], keys.normalise_recovery_key(recovery_key))
        if keys.key_check(key) != header["key_check"]:
            raise BackupInvalid(detail="key check mismatch")
        kf = keys.KeyFile(key_check=header["key_check"], protectors={"recovery": header["recovery"]})
        if unlock_secret:
            kf.protectors["secret"] = keys.wrap_with_secret(key, unlock_secret)
        found = keys.os_protector()
        if found is not None:
            name, (wrap, _unwrap) = found
            kf.protectors[name] = wrap(key)
    home.root.mkdir(parents=True, exist_ok=True)
    partial = home.root / "terminal.db.restoring"
    partial.write_bytes(data)
    db = Database.open(partial, key, key_verified=True)
    try:
        check_not_newer(db)
        problems = db.integrity_check()
    finally:
        db.close()
    if problems:
        partial.unlink()
        raise BackupInvalid(detail="integrity check failed")
    kf.save(home.root)
    partial.replace(home.db_path)
    return home.open(key=key)
