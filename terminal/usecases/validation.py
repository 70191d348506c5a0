"""Checks of what operators type (never identity fields: those come only from the card)."""

from __future__ import annotations

import datetime as dt
import re

from terminal.core.errors import InvalidInput

# [0-9], not \d: \d also matches full-width and other scripts' digits.
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")


def phone(value: str) -> str:
    v = value.strip().replace(" ", "")
    if not (_MOBILE.match(v) or _LANDLINE.match(v)):
        raise InvalidInput(field="电话号码应为11位手机号或带区号的固定电话 / phone: 11-digit mobile or landline with area code")
    return v


def required(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise InvalidInput(field=f"{field}不能为空 / {field} is required")
    return value.strip()


def date_order(start: dt.date, end: dt.date, field: str) -> None:
    if end < start:
        raise InvalidInput(field=f"{field}：结束日期早于开始日期 / {field}: the end is before the start")
