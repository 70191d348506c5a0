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
import shutil
import tempfile
from pathlib import Path
from typing import Any

from terminal.core.errors import BackupInvalid, CorruptDatabase, HomeAlreadyInitialised, WrongKey
from terminal.store import keys
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.store.migrate import check_not_newer, schema_version
from terminal.store.private import make_private_folder, write_private

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
    """The header and database bytes of a backup file; anything malformed is BackupInvalid."""
    try:
        with open(path, "rb") as fh:
            if fh.readline() != MAGIC:
                raise BackupInvalid(detail="not a terminal backup")
            header = json.loads(fh.readline())
            data = fh.read()
    # RecursionError: a header of deeply nested brackets.
    except (OSError, ValueError, RecursionError) as exc:
        raise BackupInvalid(detail=type(exc).__name__) from exc
    if not isinstance(header, dict):
        raise BackupInvalid(detail="the header is not an object")
    if len(data) != header.get("size") or hashlib.sha256(data).hexdigest() != header.get("sha256"):
        raise BackupInvalid(detail="checksum mismatch")
    return header, data


def _key_of(header: dict[str, Any], recovery_key: str | None, unlock_secret: str | None) -> tuple[bytes, keys.KeyFile]:
    """The database key and the key file to write, from a header that passed its checksum (which anyone can
    recompute, so every field is still checked before it is used)."""
    if header.get("demo") is True:
        return keys.DEMO_KEY, keys.demo_key_file()
    recovery, check = header.get("recovery"), header.get("key_check")
    if not recovery_key or not isinstance(recovery, dict):
        raise BackupInvalid(detail="the recovery key is needed")
    if not isinstance(check, str):
        raise BackupInvalid(detail="no key check")
    if not keys.wrapped_entry_is_sane(recovery):
        raise BackupInvalid(detail="the wrapped key is malformed")
    key = keys.unwrap_with_secret(recovery, keys.normalise_recovery_key(recovery_key))
    if keys.key_check(key) != check:
        raise BackupInvalid(detail="key check mismatch")
    kf = keys.KeyFile(key_check=check, protectors={"recovery": recovery})
    if unlock_secret:
        kf.protectors["secret"] = keys.wrap_with_secret(key, unlock_secret)
    found = keys.os_protector()
    if found is not None:
        name, (wrap, _unwrap) = found
        kf.protectors[name] = wrap(key)
    return key, kf


def restore_backup(path: Path, home: Home, recovery_key: str | None, unlock_secret: str | None = None) -> Database:
    """Restore into an empty home. A demo backup needs no recovery key. A restore that fails leaves nothing
    behind: no partial database, no key file, and no data folder if it did not exist before."""
    if home.exists():
        raise HomeAlreadyInitialised(home=str(home.root))
    if unlock_secret:
        keys.check_unlock_secret(unlock_secret)
    header, data = read_backup(path)
    key, kf = _key_of(header, recovery_key, unlock_secret)
    created_root = not home.root.exists()
    partial = home.root / "terminal.db.restoring"
    done = False
    try:
        make_private_folder(home.root)
        write_private(partial, data)
        try:
            db = Database.open(partial, key, key_verified=True)
        except (WrongKey, CorruptDatabase) as exc:  # a checksum anyone can recompute over bytes that are no database
            raise BackupInvalid(detail=type(exc).__name__) from exc
        try:
            check_not_newer(db)
            problems = db.integrity_check()
        finally:
            db.close()
        if problems:
            raise BackupInvalid(detail="integrity check failed")
        kf.save(home.root)
        partial.replace(home.db_path)
        done = True
    finally:
        if not done:
            _remove_partial(home.root, partial, created_root)
    return home.open(key=key)


def _remove_partial(root: Path, partial: Path, created_root: bool) -> None:
    for leftover in (partial, *(partial.with_name(partial.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    if created_root:
        shutil.rmtree(root, ignore_errors=True)
