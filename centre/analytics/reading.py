"""Before a dashboard or an API route reads: pushes are followed at once by the follower (upkeep.py), but the
centre's own decisions (a complaint closed, a list approved) reach the facts only at the next catch-up. A read
runs one at most every REFRESH_SECONDS per process, so a page does not pay for a catch-up on every load (a
catch-up re-reads a short overlap and recounts what it touched)."""

from __future__ import annotations

import threading
import time

from centre.analytics import statistics
from centre.analytics.facts import refresh

REFRESH_SECONDS = 30.0
_lock = threading.Lock()
_last = [float("-inf")]


def before_reading() -> None:
    now = time.monotonic()
    with _lock:
        due = now - _last[0] >= REFRESH_SECONDS
        if due:
            _last[0] = now
    if due:
        refresh()
    statistics.ensure_built()
