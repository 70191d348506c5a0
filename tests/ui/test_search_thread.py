"""The worker search has its own read-only connection on its own thread: it answers while the database thread
is busy (a sync drain), closes when the terminal locks or the operator signs out, opens again at sign-in,
closes for good when the app exits, and reports a key that does not open the file as a typed error."""

from __future__ import annotations

import os
import threading

import pytest

from terminal.core.errors import WrongKey
from terminal.store.db import Database
from terminal.store.search_connection import SearchConnection
from tests.ui.conftest import Running
from tests.ui.helpers import close_dialogs, open_dialogs


def _connection(running: Running) -> SearchConnection:
    assert running.terminal.search is not None
    return running.terminal.search.call(lambda connection: connection)


def _search(running: Running, text: str) -> None:
    page = running.window.workers
    before = page.searches
    page.search.setText(text)
    running.qtbot.waitUntil(lambda: page.searches > before and page._in_flight is None, timeout=10_000)


def test_search_answers_while_the_database_thread_is_busy(signed_in: Running) -> None:
    window = signed_in.window
    window.show_page(window.workers)
    signed_in.wait_idle()
    name = window.workers.model.rows[0].name
    held, release = threading.Event(), threading.Event()

    def hold(_db: Database) -> None:  # as a long sync step holds the database thread
        held.set()
        release.wait(30)

    signed_in.terminal.db.submit(hold)
    try:
        signed_in.qtbot.waitUntil(held.is_set, timeout=10_000)
        _search(signed_in, name)
        assert signed_in.terminal.db.pending == 1  # still held: the answer came from the search's own thread
        assert window.workers.model.rows and all(name in r.name for r in window.workers.model.rows)
    finally:
        release.set()
    signed_in.wait_idle()


def test_closed_when_locked_or_signed_out_and_at_exit(signed_in: Running) -> None:
    window, page = signed_in.window, signed_in.window.workers
    window.show_page(page)
    _search(signed_in, "张")
    connection = _connection(signed_in)
    assert connection.is_open and connection.opened == 1
    window.lock()
    signed_in.qtbot.waitUntil(lambda: not connection.is_open, timeout=10_000)
    before = page.searches
    page.refresh()  # a change arrives while locked: refused quietly, no dialog, nothing opened
    signed_in.qtbot.waitUntil(lambda: page._in_flight is None, timeout=10_000)
    assert page.searches == before and not connection.is_open and not open_dialogs("errorDialog")
    signed_in.sign_in()  # the same operator again: the list searches again on a fresh connection
    signed_in.qtbot.waitUntil(lambda: page.searches > before and connection.is_open, timeout=10_000)
    assert connection.opened == 2
    window.sign_out()
    signed_in.qtbot.waitUntil(lambda: not connection.is_open, timeout=10_000)
    signed_in.sign_in("zhuguan")
    _search(signed_in, "王")
    assert connection.is_open and connection.opened == 3
    thread = signed_in.terminal.search
    assert thread is not None
    window.close()
    assert not connection.is_open and not thread.isRunning()


@pytest.mark.expected_logs("wrong_key")
def test_a_key_that_does_not_open_the_file_is_reported_in_the_operators_language(signed_in: Running) -> None:
    thread = signed_in.terminal.search
    assert thread is not None
    signed_in.window.show_page(signed_in.window.workers)
    signed_in.wait_idle()
    thread.call(SearchConnection.close)
    thread.replace_resource(SearchConnection(signed_in.terminal.home.db_path, os.urandom(32)))
    signed_in.window.workers.refresh()
    signed_in.qtbot.waitUntil(lambda: bool(open_dialogs("errorDialog")), timeout=10_000)
    assert open_dialogs("errorDialog")[0].text() == WrongKey().message("zh")
    close_dialogs()
