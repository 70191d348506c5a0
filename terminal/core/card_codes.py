"""Every code a card carries, in words of the operator's language: nationality (ISO 3166-1 alpha-3), the
accepting authority of a foreigner's permanent residence card (a 4-digit code whose first two digits are a
GB/T 2260 province), sex and ethnicity. The tables are data (resources/codes/*.json), so a confirmed table can
replace one without touching code; a code the tables do not know is shown as it is, marked unknown."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from terminal.resources import resource_path
from wirecontract import codes
from wirecontract.identity import CardType, Identity


@cache
def _table(name: str) -> dict[str, Any]:
    with resource_path("codes", name).open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def nationality(code: str, lang: str) -> str:
    names = _table("nationalities.json")["codes"].get(code.strip().upper())
    if names is None:
        return f"{code}（未知国家代码）" if _zh(lang) else f"{code} (unknown country code)"
    return str(names[0] if _zh(lang) else names[1])


def accepting_authority(code: str, lang: str) -> str:
    """`1500` → the province whose exit-entry administration took the application, with the code kept."""
    province = _table("card_codes.json")["provinces"].get(code.strip()[:2])
    if province is None:
        return f"{code}（未知受理机关代码）" if _zh(lang) else f"{code} (unknown authority code)"
    if _zh(lang):
        return f"{province[0]}公安出入境管理部门（代码 {code}）"
    return f"Exit-entry administration, {province[1]} (code {code})"


def sex(code: str, lang: str) -> str:
    names = _table("card_codes.json")["sex"].get(code)
    return str(names[0] if _zh(lang) else names[1]) if names else code


def ethnicity(code: str, lang: str) -> str:
    if _zh(lang):
        return codes.ethnicity_name(code) or f"{code}（未知民族代码）"
    return str(_table("card_codes.json")["ethnicity_en"].get(code) or f"{code} (unknown ethnicity code)")


def card_type(kind: CardType, lang: str) -> str:
    english = {
        CardType.RESIDENT: "Resident identity card",
        CardType.FOREIGN_PERMANENT: "Foreigner's permanent residence card",
        CardType.FOREIGN_PERMANENT_2023: "Foreigner's permanent residence card (2023)",
        CardType.HMT_RESIDENCE: "Residence permit for Hong Kong, Macao and Taiwan residents",
    }
    return kind.label_zh if _zh(lang) else english[kind]


def origin(identity: Identity, lang: str) -> str:
    """The ethnicity of a resident card, else the nationality (a foreigner's card), in words."""
    if identity.ethnicity_code:
        return ethnicity(identity.ethnicity_code, lang)
    if identity.nationality:
        return nationality(identity.nationality, lang)
    if identity.card_type is CardType.HMT_RESIDENCE:
        return "中国" if _zh(lang) else "China"
    return ""


def authority(identity: Identity, lang: str) -> str:
    """The issuing authority as words: a resident card prints it; a foreigner's card carries a code."""
    value = identity.issuing_authority or ""
    if identity.card_type is CardType.FOREIGN_PERMANENT and value:
        return accepting_authority(value, lang)
    if identity.card_type is CardType.FOREIGN_PERMANENT_2023 and not value:
        return "中华人民共和国国家移民管理局" if _zh(lang) else "National Immigration Administration of China"
    return value
