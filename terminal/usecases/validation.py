"""Checks of what operators type (never identity fields: those come only from the card)."""

from __future__ import annotations

import datetime as dt
import re

from terminal.core.errors import InvalidInput
from wirecontract.errors import Text

# [0-9], not \d: \d also matches full-width and other scripts' digits.
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")


def phone(value: str) -> str:
    v = value.strip().replace(" ", "")
    if not (_MOBILE.match(v) or _LANDLINE.match(v)):
        raise InvalidInput(field=Text("电话号码应为11位手机号或带区号的固定电话", "phone: 11-digit mobile or landline with area code"))
    return v


def required(value: str | None, field: Text | str) -> str:
    """`field` names the field in both languages (a Text, or an older "中文 / English" string)."""
    if value is None or not value.strip():
        name = Text.of(field)
        raise InvalidInput(field=Text(f"{name.zh}不能为空", f"{name.en} is required"))
    return value.strip()


def date_order(start: dt.date, end: dt.date, field: Text | str) -> None:
    if end < start:
        name = Text.of(field)
        raise InvalidInput(field=Text(f"{name.zh}：结束日期早于开始日期", f"{name.en}: the end is before the start"))
