"""Times as terminals send them (ISO 8601 text, with or without a zone) read into aware datetimes."""

from __future__ import annotations

import datetime as dt


def parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
