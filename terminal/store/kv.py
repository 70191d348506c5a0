"""Key/value tables inside the encrypted database (settings, sync state)."""

from __future__ import annotations

from typing import ClassVar

from terminal.store.db import Database


class KeyValueRepo:
    table: ClassVar[str] = "settings"

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> str | None:
        value = self.db.scalar(f"SELECT value FROM {self.table} WHERE key = ?", (key,))
        return None if value is None else str(value)

    def set(self, key: str, value: str | None) -> None:
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO {self.table}(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


class SettingsRepo(KeyValueRepo):
    table = "settings"
