"""Every malformed backup is a typed BackupInvalid, and a failed restore leaves nothing behind.

The header's checksum protects against damage, not forgery (anyone can recompute it), so forged headers are
built here with a correct checksum over whatever bytes they describe."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pytest

from terminal.core.errors import BackupInvalid
from terminal.store import backup
from terminal.store.home import Home
from tests.builders import make_home


def _write(path: Path, header: object, data: bytes, *, fix_checksum: bool = True) -> Path:
    if fix_checksum and isinstance(header, dict):
        header = {**header, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    path.write_bytes(backup.MAGIC + json.dumps(header).encode() + b"\n" + data)
    return path


@pytest.fixture
def real_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], bytes, str]:
    home, recovery = make_home(tmp_path / "a", monkeypatch)
    db = home.open()
    backup.create_backup(home, db, tmp_path / "real.tsbk")
    db.close()
    header, data = backup.read_backup(tmp_path / "real.tsbk")
    return header, data, recovery


def _assert_nothing_left(root: Path, existed: bool) -> None:
    if existed:
        assert root.is_dir() and list(root.iterdir()) == []
    else:
        assert not root.exists()


@pytest.mark.parametrize(
    "header_line",
    [b"[]", b"null", b"42", b'"text"', b"[" * 100_000, b"{", b"\xff\xfe"],
    ids=["list", "null", "number", "string", "deeply-nested", "truncated", "not-utf8"],
)
def test_headers_that_are_not_objects_are_refused(tmp_path: Path, header_line: bytes) -> None:
    path = tmp_path / "b.tsbk"
    path.write_bytes(backup.MAGIC + header_line + b"\n" + b"data")
    with pytest.raises(BackupInvalid):
        backup.restore_backup(path, Home(tmp_path / "new"), "ABCD")
    _assert_nothing_left(tmp_path / "new", existed=False)


@pytest.mark.parametrize("existed", [False, True], ids=["new-folder", "empty-folder"])
def test_a_forged_demo_header_over_bytes_that_are_no_database_leaves_nothing(tmp_path: Path, existed: bool) -> None:
    root = tmp_path / "new"
    if existed:
        root.mkdir()
    path = _write(tmp_path / "b.tsbk", {"demo": True, "schema_version": 1}, b"not a database" * 300)
    with pytest.raises(BackupInvalid):
        backup.restore_backup(path, Home(root), None)
    _assert_nothing_left(root, existed)


def test_a_real_key_over_foreign_bytes_leaves_nothing(
    tmp_path: Path, real_backup: tuple[dict[str, Any], bytes, str]
) -> None:
    header, data, recovery = real_backup
    forged = bytearray(data)
    forged[4096:8192] = bytes(4096)  # a page zeroed: the checksum is recomputed, the page authentication is not
    path = _write(tmp_path / "b.tsbk", header, bytes(forged))
    with pytest.raises(BackupInvalid):
        backup.restore_backup(path, Home(tmp_path / "new"), recovery)
    _assert_nothing_left(tmp_path / "new", existed=False)


@pytest.mark.parametrize(
    "change",
    [
        {"recovery": []},
        {"recovery": {"kdf": "argon2id"}},
        {"key_check": 7},
        {"recovery": "salt"},
        # A forged cost must not make Argon2 run for hours or take all the memory before the refusal.
        {"recovery_costs": {"memory_cost": 2**31, "time_cost": 10**6}},
        {"recovery_salt": "not base64!"},
    ],
)
def test_forged_key_fields_are_refused_quickly(
    tmp_path: Path, real_backup: tuple[dict[str, Any], bytes, str], change: dict[str, Any]
) -> None:
    header, data, recovery = real_backup
    forged = dict(header)
    if "recovery_costs" in change:
        forged["recovery"] = {**header["recovery"], **change["recovery_costs"]}
    elif "recovery_salt" in change:
        forged["recovery"] = {**header["recovery"], "salt": change["recovery_salt"]}
    else:
        forged.update(change)
    path = _write(tmp_path / "b.tsbk", forged, data)
    started = time.monotonic()
    with pytest.raises(BackupInvalid):
        backup.restore_backup(path, Home(tmp_path / "new"), recovery)
    assert time.monotonic() - started < 5.0
    _assert_nothing_left(tmp_path / "new", existed=False)


def test_the_real_backup_still_restores(tmp_path: Path, real_backup: tuple[dict[str, Any], bytes, str]) -> None:
    header, data, recovery = real_backup
    path = _write(tmp_path / "b.tsbk", header, data, fix_checksum=False)
    backup.restore_backup(path, Home(tmp_path / "new"), recovery).close()
    names = sorted(p.name for p in (tmp_path / "new").iterdir() if not p.name.startswith("terminal.db-"))
    assert names == ["keys.json", "marks.json", "terminal.db"]
