"""The one path for user-facing messages (after qutebrowser's utils/message.py).

Every message a person sees goes through `tell()`, which logs it and hands it to the sinks the front
end registered (the Qt UI shows a bar or dialog; the command line prints). Messages must never contain
personal data in full: callers pass masked values.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

from terminal.core.errors import TerminalError

log = logging.getLogger("terminal.message")


class Level(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Message:
    level: Level
    zh: str
    en: str
    code: str = ""

    def text(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


Sink = Callable[[Message], None]
_sinks: list[Sink] = []


def add_sink(sink: Sink) -> None:
    _sinks.append(sink)


def remove_sink(sink: Sink) -> None:
    if sink in _sinks:
        _sinks.remove(sink)


def tell(level: Level, zh: str, en: str, code: str = "") -> Message:
    msg = Message(level, zh, en, code)
    log_level = {Level.INFO: logging.INFO, Level.WARNING: logging.WARNING, Level.ERROR: logging.ERROR}[level]
    log.log(log_level, "%s%s", f"[{code}] " if code else "", en)
    for sink in list(_sinks):
        sink(msg)
    return msg


def tell_error(error: TerminalError, level: Level = Level.ERROR) -> Message:
    return tell(level, error.message("zh"), error.message("en"), error.code)


def info(zh: str, en: str) -> Message:
    return tell(Level.INFO, zh, en)


def warning(zh: str, en: str, code: str = "") -> Message:
    return tell(Level.WARNING, zh, en, code)
