"""The idle time-out rule, free of Django: a session unused for longer than the limit is over."""

from __future__ import annotations

SESSION_KEY = "console_last_seen"
TOUCH_EVERY = 30.0  # seconds: the session is written at most this often, not on every request


def idle_expired(last_seen: float | None, now: float, limit_seconds: int) -> bool:
    return last_seen is not None and limit_seconds > 0 and now - last_seen > limit_seconds


def needs_touch(last_seen: float | None, now: float) -> bool:
    return last_seen is None or now - last_seen >= TOUCH_EVERY
