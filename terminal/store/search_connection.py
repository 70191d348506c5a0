"""The front-desk search's own read-only connection (Qt-free; the app keeps it on a thread of its own).

Sharing the main connection made every keystroke wait behind whatever that thread was doing, a sync drain
above all. This connection only reads. It opens on first use, closes when the terminal locks or the operator
signs out (its page cache holds decrypted personal data) and opens again at the next sign-in; `close()` ends it
for good when the app exits. Asking it while locked or after the end raises DatabaseClosed, a typed error the
search drops quietly (the list searches again at sign-in)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from terminal.core.errors import DatabaseClosed
from terminal.store.db import Database


class SearchConnection:
    def __init__(self, path: Path, key: bytes,
                 opener: Callable[[Path, bytes], Database] = Database.open_read_only) -> None:  # fmt: skip
        self._path = path
        self._key = key
        self._opener = opener
        self._db: Database | None = None
        self._suspended = False
        self._ended = False
        self.opened = 0  # how many times a connection was opened (tests check the lifecycle)

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def database(self) -> Database:
        """The open connection, opened now if needed. Raises DatabaseClosed while suspended or after close(),
        and WrongKey (or another StoreFault) when the file cannot be opened with the key."""
        if self._ended or self._suspended:
            raise DatabaseClosed()
        if self._db is None:
            self._db = self._opener(self._path, self._key)
            self.opened += 1
        return self._db

    def suspend(self) -> None:
        """Locked or signed out: close the connection and refuse until resume()."""
        self._suspended = True
        self._close_connection()

    def resume(self) -> None:
        """Signed in again: the next search opens a connection."""
        self._suspended = False

    def close(self) -> None:
        """The app exits: close for good."""
        self._ended = True
        self._close_connection()

    def _close_connection(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            db.close()
