"""A migrated centre database to copy, so that each test's centre starts on a ready schema.

Every centre test starts its own centre on a fresh database, and running all the migrations on it was the
largest part of that start (hundreds of starts a suite). The schema is made once per test process by the real
`terminal-server db upgrade` and copied; the centre's own start still checks it (`schema_guard`), and the tests
of migrations themselves (tests/deployment) walk them from nothing."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from terminal.centre_process import CentreProcess, schema_only_env

_SIDE_FILES = ("-wal", "-shm")
_made: dict[str, Path] = {}


def _template() -> Path:
    if "sqlite" not in _made:
        folder = Path(tempfile.mkdtemp(prefix="centre-template-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "migrated.db"
        CentreProcess(path, env=schema_only_env(folder / "home")).command("db", "upgrade")
        _made["sqlite"] = path
    return _made["sqlite"]


def copy_migrated_sqlite(target: Path) -> None:
    """Put a migrated, empty centre database at `target` (which must not exist yet)."""
    template = _template()
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *_SIDE_FILES):
        source = Path(str(template) + suffix)
        if source.exists():
            shutil.copyfile(source, Path(str(target) + suffix))
