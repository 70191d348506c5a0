"""The standard list of home-service types (codes are stable; labels are for people)."""

from __future__ import annotations

from wirecontract.errors import Text

SERVICE_TYPES: dict[str, tuple[str, str]] = {
    "cleaning": ("家务保洁", "Housekeeping and cleaning"),
    "maternity": ("母婴护理", "Maternity and newborn care"),
    "infant": ("育婴", "Infant care"),
    "elderly": ("养老护理", "Elderly care"),
    "patient": ("病患陪护", "Patient companion care"),
    "cooking": ("家庭烹饪", "Home cooking"),
    "hourly": ("钟点工", "Hourly domestic help"),
    "appliance": ("家电清洗", "Appliance cleaning"),
    "live_in": ("住家保姆", "Live-in domestic help"),
    "disabled": ("残障照护", "Care for people with disabilities"),
}

EDUCATION_LEVELS = ("小学", "初中", "高中/中专", "大专", "本科", "研究生")


def label(code: str, lang: str = "zh") -> str:
    zh, en = SERVICE_TYPES.get(code, (code, code))
    return zh if lang.startswith("zh") else en


def validate(codes: list[str]) -> list[str]:
    from terminal.core.errors import InvalidInput

    unknown = [c for c in codes if c not in SERVICE_TYPES]
    if unknown:
        raise InvalidInput(field=Text(f"服务类型 {', '.join(unknown)}", f"service type {', '.join(unknown)}"))
    return sorted(set(codes))
