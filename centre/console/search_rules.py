"""What a look-up query means, and the searchable forms of a worker's fields. Free of Django.

One box takes what staff type: a Chinese name (prefix), pinyin (full or initials, prefix), an ID number (18
characters: exact; 4–17 digits: the end of the number), a credential number (SH…), or a phone number (11 digits
starting with 1, or its last digits after a '#')."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

_CJK = re.compile(r"[\u3400-\u9fff]")


class QueryKind(enum.StrEnum):
    NAME = "name"
    PINYIN = "pinyin"
    ID_FULL = "id"
    ID_SUFFIX = "id_suffix"
    CREDENTIAL = "credential"
    PHONE = "phone"


@dataclass(frozen=True)
class Query:
    kind: QueryKind
    text: str


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace())


def read_query(raw: str, kind: str = "") -> Query | None:
    """The query staff typed, with its kind given or guessed; None for an empty or meaningless one."""
    text = normalise(raw)
    if not text:
        return None
    if kind:
        try:
            chosen = QueryKind(kind)
        except ValueError:
            chosen = None
        if chosen is not None:
            return Query(chosen, _clean(chosen, text))
    upper = text.upper()
    if _CJK.search(text):
        return Query(QueryKind.NAME, text)
    if upper.startswith("SH") and upper[2:].isdigit():
        return Query(QueryKind.CREDENTIAL, upper)
    if len(upper) == 18 and upper[:17].isdigit() and (upper[17].isdigit() or upper[17] == "X"):
        return Query(QueryKind.ID_FULL, upper)
    if len(text) == 11 and text.isdigit() and text.startswith("1"):
        return Query(QueryKind.PHONE, text)
    if 4 <= len(upper) <= 17 and upper[:-1].isdigit() and (upper[-1].isdigit() or upper[-1] == "X"):
        return Query(QueryKind.ID_SUFFIX, upper)
    if text.isascii() and text.isalpha():
        return Query(QueryKind.PINYIN, text.lower())
    return None


def _clean(kind: QueryKind, text: str) -> str:
    if kind in (QueryKind.ID_FULL, QueryKind.ID_SUFFIX, QueryKind.CREDENTIAL):
        return text.upper()
    if kind is QueryKind.PINYIN:
        return text.lower()
    return text


def pinyin_forms(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name: 王秀英 → ("wangxiuying", "wxy")."""
    syllables = lazy_pinyin(name, errors="ignore")
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower()[:200], "".join(initials).lower()[:50]


def reversed_id(id_number: str) -> str:
    return id_number[::-1]


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string after every string starting with `prefix`: `col >= p AND col < bound` is a prefix
    search both databases answer from a plain b-tree index (LIKE would not use it everywhere)."""
    return prefix + "\U0010ffff"
