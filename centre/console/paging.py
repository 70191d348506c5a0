"""Paging for every console list: keyset-free, bounded page numbers, a fixed page size; counts are capped so a
list of a million rows never counts them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

PAGE_SIZE = 50
COUNT_CAP = 10_000  # beyond this the page says "more than 10,000"


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    number: int
    has_next: bool
    has_previous: bool
    total: int  # capped at COUNT_CAP + 1
    capped: bool


def page_number(raw: str | None) -> int:
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return min(max(number, 1), COUNT_CAP // PAGE_SIZE + 1)


def paginate(queryset: QuerySet[Any], raw_page: str | None, size: int = PAGE_SIZE) -> Page:
    number = page_number(raw_page)
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    total = queryset[: COUNT_CAP + 1].count()
    return Page(rows[:size], number, len(rows) > size, number > 1, total, total > COUNT_CAP)
