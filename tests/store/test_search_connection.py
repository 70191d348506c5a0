"""The search's own read-only connection: it reads what the main connection commits, never writes, checks its
key when it opens, and refuses with DatabaseClosed while the terminal is locked and after the app exits."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from terminal.core.errors import DatabaseClosed, ReadOnlyStore, WrongKey
from terminal.store.db import Database, SqlError
from terminal.store.search import search
from terminal.store.search_connection import SearchConnection
from terminal.usecases import registration
from tests.builders import actor, card_read, profile

TODAY = dt.date.today()


def test_reads_what_the_main_connection_commits_and_never_writes(db: Database) -> None:
    reader = Database.open_read_only(db.path, db.key_for_export())
    try:
        assert search(reader, "张三") == []
        worker_id = registration.register_worker(db, actor(), card_read(name="张三"), profile(), TODAY)
        assert search(reader, "张三") == [worker_id]  # the next statement sees the commit
        with pytest.raises(ReadOnlyStore), reader.transaction():
            pass
        with pytest.raises(SqlError) as refused:  # the SQL layer refuses too, not only transaction()
            reader.conn.execute("DELETE FROM search_terms")
        assert getattr(refused.value, "sqlite_errorcode", 0) & 0xFF == 8  # SQLITE_READONLY
    finally:
        reader.close()
    assert search(db, "张三") == [worker_id]  # the reader's close left the main connection alone


def test_a_wrong_key_is_a_typed_error_when_it_opens(db: Database) -> None:
    with pytest.raises(WrongKey):
        Database.open_read_only(db.path, os.urandom(32))
    connection = SearchConnection(db.path, os.urandom(32))
    with pytest.raises(WrongKey):
        connection.database()
    assert not connection.is_open


def test_closed_while_locked_open_again_after_and_closed_for_good_at_exit(db: Database) -> None:
    connection = SearchConnection(db.path, db.key_for_export())
    assert not connection.is_open  # opened on first use
    first = connection.database()
    assert connection.database() is first and connection.opened == 1
    connection.suspend()  # locked or signed out
    assert not connection.is_open
    with pytest.raises(DatabaseClosed):
        connection.database()
    connection.resume()  # signed in again
    assert search(connection.database(), "nobody") == [] and connection.opened == 2
    connection.close()  # the app exits
    assert not connection.is_open
    connection.resume()
    with pytest.raises(DatabaseClosed):
        connection.database()
