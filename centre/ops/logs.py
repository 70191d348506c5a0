"""Structured logs: one JSON object a line on standard error (journald or the container runtime keeps them), with
personal data kept out.

The centre's code logs no personal data by rule (codes, counts, terminal ids, route patterns). The formatter is
the second line of defence: anything shaped like a mainland ID number or a mobile number is masked before a line
is written, whoever wrote the message, tracebacks included."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from typing import Any

ENV_ACCESS_LOG = "CENTRE_ACCESS_LOG"  # "1": one line per answered request (route pattern, status, milliseconds)

# 18-character resident ID numbers (the last may be X), 15-digit old ones, and mainland mobile numbers.
_PERSONAL = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|1[3-9]\d{9})(?![0-9A-Za-z])")
_STANDARD = set(vars(logging.makeLogRecord({})))


def redact(text: str) -> str:
    return _PERSONAL.sub(lambda m: m.group(0)[:2] + "*" * (len(m.group(0)) - 2), text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "pid": record.process,
        }
        for name, value in vars(record).items():  # fields given with `extra=`
            if name not in _STANDARD and name not in line:
                line[name] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_config() -> dict[str, Any]:
    """Django's LOGGING: JSON lines on standard error; warnings and up, plus the access log when it is asked for."""
    access = os.environ.get(ENV_ACCESS_LOG, "").strip() == "1"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # A 404 for a mistyped or walked credential number is the public page doing its job, not a warning.
            "django.request": {"level": "ERROR"},
            "centre.access": {"level": "INFO" if access else "WARNING"},
        },
    }
