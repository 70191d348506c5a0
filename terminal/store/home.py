"""The data folder ("home"): the encrypted database, its key file, the plain configuration file, logs and
crash reports. `Home.open()` unlocks, migrates and returns the database."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from terminal.core.errors import HomeNotInitialised, WrongKey
from terminal.store import keys
from terminal.store.db import Database
from terminal.store.marks import MarkKeeper
from terminal.store.migrate import migrate
from terminal.store.private import make_private_folder

APP_NAME = "ShanghaiHomeServiceTerminal"
DB_FILE = "terminal.db"
CONFIG_FILE = "config.json"


def default_home() -> Path:
    """The per-machine application data folder (ProgramData on Windows); a per-user folder where the
    machine-wide one is not writable (a Linux laptop without root)."""
    site = Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))
    if sys.platform == "win32" or os.access(site.parent, os.W_OK):
        return site
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Home:
    root: Path

    @classmethod
    def resolve(cls, arg: str | os.PathLike[str] | None = None) -> Home:
        value = arg or os.environ.get("TERMINAL_HOME")
        return cls(Path(value).expanduser().resolve() if value else default_home())

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILE

    @property
    def crash_dir(self) -> Path:
        return self.root / "crash"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    def exists(self) -> bool:
        return (self.root / keys.KEYS_FILE).exists() and self.db_path.exists()

    def key_file(self) -> keys.KeyFile:
        if not self.exists():
            raise HomeNotInitialised(home=str(self.root))
        return keys.KeyFile.load(self.root)

    @property
    def is_demo(self) -> bool:
        return self.exists() and self.key_file().demo

    def unlock(self, recovery_key: str | None = None) -> bytes:
        kf = self.key_file()
        if recovery_key is not None:
            return keys.unlock_with_recovery(kf, recovery_key)
        return keys.unlock(kf)

    def open(self, *, key: bytes | None = None, recovery_key: str | None = None) -> Database:
        """Unlock with the given key, the recovery key, or the protectors; migrate; return the database."""
        if key is None:
            key = self.unlock(recovery_key)
        else:
            try:
                self.key_file().verify(key)
            except WrongKey:
                raise
        make_private_folder(self.root)  # homes made before modes were enforced are tightened here
        db = Database.open(self.db_path, key, key_verified=True)
        try:
            migrate(db)
            # Refuses writes (reads go on) when the database is behind the marks kept beside keys.json.
            MarkKeeper(self.root).attach(db)
        except BaseException:
            db.close()
            raise
        return db

    # -- the plain configuration file: nothing secret, IT staff may edit it ---------------------------

    def config(self) -> dict[str, Any]:
        path = self.root / CONFIG_FILE
        if not path.exists():
            return {}
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def update_config(self, **values: Any) -> dict[str, Any]:
        data = self.config()
        data.update(values)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / (CONFIG_FILE + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.root / CONFIG_FILE)
        return data
