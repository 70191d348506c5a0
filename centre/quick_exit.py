"""Ending a centre process without freeing its heap object by object.

A serving process holds Django, its URL tables and dictionaries such as pinyin's. At a normal exit the interpreter
frees them one by one, which took several seconds per process (a restart waits for it, and a test suite starts
hundreds of centres). What has to happen at exit is done here, then the process ends at once."""

from __future__ import annotations

import atexit
import logging
import os
import sys
from typing import NoReturn


def exit_now(code: int = 0) -> NoReturn:
    from django.db import connections

    connections.close_all()  # SQLite folds its write-ahead log back when the last connection closes
    logging.shutdown()  # flushes every handler
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def on_exit_end_at_once() -> None:
    """For a worker process, whose exit its pool starts: handlers registered later run first, so this runs after
    those registered after it and before the interpreter frees the heap."""
    atexit.register(exit_now)
