"""One SQLCipher 4 database: opening with a raw key, pragmas, transactions and error translation.

The connection is used from one thread at a time: the app gives all database work to one worker thread,
so `check_same_thread` is off to let that thread be a different one from the opener's. The front-desk search
has a second, read-only connection on a thread of its own (`open_read_only`, terminal/store/search_connection.py).
"""

from __future__ import annotations

import contextlib
import errno
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlcipher3 import dbapi2 as sqlcipher

from terminal.core.errors import (
    CorruptDatabase,
    DatabaseLocked,
    DiskFull,
    ReadOnlyStore,
    StoreFault,
    WrongKey,
)
from terminal.store.private import restrict_file, write_private

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # sqlcipher3 ships no type information; its API is the standard library's
    from sqlite3 import Connection as Connection
    from sqlite3 import Error as _SqliteError
    from sqlite3 import Row as Row

    SqlError = _SqliteError  # a name of this module, so tests may catch it too
else:
    Row = sqlcipher.Row
    Connection = sqlcipher.Connection
    SqlError = sqlcipher.Error

BUSY_TIMEOUT_MS = 3000
# Every page read from disk is decrypted and authenticated: a page cache that holds the hot part of the
# search index and the worker rows keeps front-desk searches off that path (64 MiB; negative = KiB).
CACHE_KIB = 65536
# The search's own read-only connection keeps the search index and the worker rows the list shows (32 MiB).
SEARCH_CACHE_KIB = 32768


class StorageIOError(StoreFault):
    code = "storage_io"
    zh_template = "读写数据文件时出错（磁盘或存储设备故障）。请检查磁盘后重试。"
    en_template = "Reading or writing the data file failed (disk or storage fault). Check the disk and retry."


def translate(exc: SqlError, *, key_verified: bool) -> StoreFault | None:
    """Map an SQLite error to its typed store fault by its result code (never by its text)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary == sqlcipher.SQLITE_NOTADB:
        return CorruptDatabase() if key_verified else WrongKey()
    if primary == sqlcipher.SQLITE_CORRUPT:
        return CorruptDatabase()
    if primary == sqlcipher.SQLITE_FULL:
        return DiskFull()
    if primary == sqlcipher.SQLITE_READONLY or primary == sqlcipher.SQLITE_CANTOPEN:
        return ReadOnlyStore()
    if primary in (sqlcipher.SQLITE_BUSY, sqlcipher.SQLITE_LOCKED):
        return DatabaseLocked()
    if primary == sqlcipher.SQLITE_IOERR:
        return StorageIOError()
    return None


class Database:
    def __init__(self, conn: Connection, path: Path, key_verified: bool, key: bytes = b"") -> None:
        self.conn = conn
        self._key = key
        self.path = path
        self.key_verified = key_verified
        self._depth = 0
        # Once set, every write transaction is refused with this fault (reads go on): a damaged page, or a
        # database older than the terminal's high-water marks (terminal/store/marks.py).
        self._write_refusal: Callable[[], StoreFault] | None = None
        # Called after each successful outermost commit (Home.open installs the high-water-mark keeper).
        self.after_commit: Callable[[Database], None] | None = None
        # Operators whose password was checked on this connection (user name → role): an Actor is believed
        # only while its user name is here with the same role (terminal/usecases/context.py authorise()).
        self._sessions: dict[str, str] = {}
        self.read_only = False  # a second connection that only reads (open_read_only)

    @classmethod
    def open(cls, path: Path, key: bytes, *, key_verified: bool = True) -> Database:
        """Open (or create) the database with a raw 32-byte key. Schema changes are the migrator's job."""
        if len(key) != 32:
            raise ValueError("the database key must be 32 bytes")
        try:
            # Owner-only before SQLite touches it: its -wal and -shm files copy the database file's mode.
            if not path.exists():
                write_private(path, b"")
            else:
                restrict_file(path)
            conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
        except sqlcipher.Error as exc:
            raise translate(exc, key_verified=key_verified) or ReadOnlyStore() from exc
        except OSError as exc:
            raise (DiskFull() if exc.errno == errno.ENOSPC else ReadOnlyStore()) from exc
        db = cls(conn, path, key_verified, key)
        db._unlock(key)
        with db.translated():
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return db

    @classmethod
    def open_read_only(cls, path: Path, key: bytes, *, cache_kib: int = SEARCH_CACHE_KIB) -> Database:
        """A second connection to an existing database that only reads: the front-desk search runs on it, on
        its own thread, so it never waits behind the main connection's work (a sync drain above all). WAL lets
        it read while the main connection writes; each statement sees the last commit.

        SQLite opens the file read-only and `query_only` refuses writes in SQL too; `transaction()` refuses with
        ReadOnlyStore. A key that does not open the file raises WrongKey (the key is checked here, at open)."""
        if len(key) != 32:
            raise ValueError("the database key must be 32 bytes")
        try:
            conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False,
                                     isolation_level=None)  # fmt: skip
        except sqlcipher.Error as exc:
            raise translate(exc, key_verified=False) or ReadOnlyStore() from exc
        db = cls(conn, path, key_verified=False, key=key)
        try:
            db._unlock(key)
            with db.translated():
                conn.execute("PRAGMA query_only = ON")
                conn.execute("PRAGMA temp_store = MEMORY")
                conn.execute(f"PRAGMA cache_size = -{cache_kib}")
        except BaseException:
            conn.close()
            raise
        db.key_verified = True  # from here on a page that does not decrypt is damage, not a wrong key
        db.read_only = True
        db._write_refusal = ReadOnlyStore  # not refuse_writes(): nothing went wrong, there is nothing to log
        return db

    def _unlock(self, key: bytes) -> None:
        """Give SQLCipher the key and read the schema with it: a wrong key fails here (WrongKey unless the key
        was verified against the key file, then the file is damaged)."""
        self.conn.row_factory = sqlcipher.Row
        with self.translated():
            self.conn.execute("PRAGMA cipher_log_level = NONE")
            self.conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    @classmethod
    def open_unencrypted_for_benchmark(cls, path: Path) -> Database:
        """Plain SQLite with the same schema and code, only to measure what encryption costs."""
        conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
        conn.row_factory = sqlcipher.Row
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "temp_store = MEMORY",
                       f"cache_size = -{CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}").fetchall()
        return cls(conn, path, key_verified=True)

    @contextlib.contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except SqlError as exc:
            typed = translate(exc, key_verified=self.key_verified)
            if typed is None:
                raise
            if isinstance(typed, CorruptDatabase):
                # Its own message says to stop writing: the store makes sure nobody does.
                self.refuse_writes(CorruptDatabase)
            raise typed from exc

    def open_session(self, username: str, role: str) -> None:
        """Only operators.sign_in calls this, after checking the password."""
        self._sessions[username] = role

    def close_session(self, username: str) -> None:
        self._sessions.pop(username, None)

    def session_role(self, username: str) -> str | None:
        return self._sessions.get(username)

    def refuse_writes(self, fault: Callable[[], StoreFault]) -> None:
        """From now on every write transaction raises `fault()`; the first reason given stays."""
        if self._write_refusal is None:
            log.info("the store refuses writes from now on (%s)", fault().code)  # each refusal is told as raised
            self._write_refusal = fault

    @contextlib.contextmanager
    def writes_despite(self, kind: type[StoreFault]) -> Iterator[None]:
        """Let writes through while the refusal is of `kind` (recovery of a rolled-back store writes what it
        fetched back); any other refusal, a damaged page above all, still stands. The refusal comes back when
        the block fails; the caller lifts it for good with `lift_refusal` once the store is whole again."""
        refusal = self._write_refusal
        if refusal is not None and not isinstance(refusal(), kind):
            raise refusal()
        self._write_refusal = None
        try:
            yield
        except BaseException:
            if self._write_refusal is None:
                self._write_refusal = refusal
            raise
        if self._write_refusal is None:
            self._write_refusal = refusal

    def lift_refusal(self, kind: type[StoreFault]) -> None:
        """End a refusal of `kind` (only that kind: a damaged database stays refused)."""
        if self._write_refusal is not None and isinstance(self._write_refusal(), kind):
            log.info("the store accepts writes again (%s resolved)", kind.code)
            self._write_refusal = None

    @property
    def write_refusal(self) -> StoreFault | None:
        """Why writes are refused (None: they are not)."""
        return self._write_refusal() if self._write_refusal is not None else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE). Nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if self._write_refusal is not None:
            raise self._write_refusal()
        with self.translated():
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            with contextlib.suppress(sqlcipher.Error):
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            with self.translated():
                self.conn.execute("COMMIT")
        except StoreFault:
            with contextlib.suppress(sqlcipher.Error):
                self.conn.execute("ROLLBACK")
            raise
        if self.after_commit is not None:
            self.after_commit(self)

    def key_for_export(self) -> bytes:
        """The key, for an encrypted export (backup) under the same key. Never log or show it."""
        return self._key

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        with self.translated():
            rows: list[Row] = self.conn.execute(sql, params).fetchall()
            return rows

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        with self.translated():
            row: Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement inside the current transaction; returns lastrowid."""
        if not self._depth:
            raise RuntimeError("write outside a transaction")
        with self.translated():
            cur = self.conn.execute(sql, params)
            return int(cur.lastrowid or 0)

    def integrity_check(self) -> list[str]:
        """SQLCipher's page authentication over the whole file, then SQLite's own check."""
        with self.translated():
            problems = [str(r[0]) for r in self.conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        try:
            with self.translated():
                result = [str(r[0]) for r in self.conn.execute("PRAGMA quick_check").fetchall()]
        except CorruptDatabase:
            result = ["a page failed authentication"]
        if result != ["ok"]:
            problems.extend(result)
        if problems:
            self.refuse_writes(CorruptDatabase)
        return problems

    def close(self) -> None:
        if not self.read_only:  # the writer folds the log back into the file; a reader has nothing to fold
            with contextlib.suppress(sqlcipher.Error):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
