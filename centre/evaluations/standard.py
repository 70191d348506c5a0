"""The service standard's evaluation dimensions, kept as data (standard.json) so a published standard can replace
them without code."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

STANDARD_FILE = Path(__file__).with_name("standard.json")


@dataclass(frozen=True)
class Dimension:
    code: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Standard:
    name: str
    low: int
    high: int
    dimensions: tuple[Dimension, ...]
    services: dict[str, tuple[str, str]]  # the service types' labels (wirecontract.qrpayload.SERVICE_BITS codes)

    def service(self, code: str, lang: str) -> str:
        zh, en = self.services.get(code, (code, code))
        return en if lang == "en" else zh

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.dimensions)


@functools.cache
def standard() -> Standard:
    data = json.loads(STANDARD_FILE.read_text(encoding="utf-8"))
    low, high = data["scale"]
    dims = tuple(Dimension(d["code"], d["zh"], d["en"]) for d in data["dimensions"])
    services = {code: (str(zh), str(en)) for code, (zh, en) in data["services"].items()}
    return Standard(str(data["standard"]), int(low), int(high), dims, services)
