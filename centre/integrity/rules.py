"""Integrity records (诚信信息), free of Django: the kinds staff choose from, and when a record is in force."""

from __future__ import annotations

import datetime as dt
import enum

from wirecontract.errors import Text


class Subject(enum.StrEnum):
    WORKER = "worker"
    AGENCY = "agency"


class Polarity(enum.StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"

    @property
    def text(self) -> Text:
        return Text("良好信息", "positive") if self is Polarity.POSITIVE else Text("不良信息", "negative")


# Categories as data (a standard's own list can replace them): code → (polarity, name).
CATEGORIES: dict[str, tuple[Polarity, Text]] = {
    "award": (Polarity.POSITIVE, Text("表彰奖励", "award or commendation")),
    "praise": (Polarity.POSITIVE, Text("服务对象表扬", "praise from customers")),
    "commitment": (Polarity.POSITIVE, Text("信用承诺履行", "credit commitment kept")),
    "complaint_upheld": (Polarity.NEGATIVE, Text("投诉属实", "complaint upheld")),
    "false_information": (Polarity.NEGATIVE, Text("提供虚假信息", "false information filed")),
    "violation": (Polarity.NEGATIVE, Text("违规经营", "breach of the rules")),
    "penalty": (Polarity.NEGATIVE, Text("行政处罚", "administrative penalty")),
    "blacklist": (Polarity.NEGATIVE, Text("列入失信名单", "on a dishonesty list")),
}
EVIDENCE_MIME = ("application/pdf", "image/jpeg", "image/png")
MAX_EVIDENCE_BYTES = 2 * 1024 * 1024
MAX_VALIDITY_YEARS = 5


def in_force(valid_from: dt.date, valid_to: dt.date, withdrawn: bool, today: dt.date) -> bool:
    return not withdrawn and valid_from <= today <= valid_to


def validity_problem(valid_from: dt.date, valid_to: dt.date) -> Text | None:
    if valid_to < valid_from:
        return Text("有效期止不能早于有效期起", "the end of validity is before its start")
    if (valid_to - valid_from).days > 366 * MAX_VALIDITY_YEARS:
        return Text(f"有效期最长 {MAX_VALIDITY_YEARS} 年", f"a record is valid for at most {MAX_VALIDITY_YEARS} years")
    return None
