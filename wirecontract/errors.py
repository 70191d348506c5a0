"""The root of the typed error tree, and the wire contract's own errors.

ExplainedError                   an expected error that says, in Chinese and in English, what is wrong and what to do
├── ContractError                the wire contract refused a value
│   └── InvalidClaims            a credential's claims cannot be encoded (date, key id, service type, version)
│       ├── MalformedPayload     a scanned text is not a credential QR of this system
│       └── PayloadTooLarge      the signed credential would not fit the QR size budget
└── RuleViolation                a domain rule refused the request (the terminal's branch of the same name)
    ├── InvalidIdNumber          an ID number breaks its shape, date, region or check digit
    └── InvalidCardText          a card's raw text block cannot be decoded (or its hash does not match)

The terminal's tree (terminal/core/errors.py) and the centre's (centre/errors.py) grow from ExplainedError, so
a contract error is an expected error on both sides. Code decides by type or `code`, never by message text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Text:
    """A value said in both languages (a field's name, a reason); a message shows the reader's half only."""

    zh: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en

    def __str__(self) -> str:
        return self.en

    @classmethod
    def of(cls, value: Text | str) -> Text:
        """A Text from itself or from an older "中文 / English" string (the same words both ways otherwise)."""
        if isinstance(value, Text):
            return value
        return cls(_pair_half(value, "zh"), _pair_half(value, "en"))


def in_lang(value: object, lang: str) -> object:
    """One language of an error parameter: a Text's half, a list joined in that language, and for the older
    "中文 / English" pairs still passed as one string, the half before or after the slash."""
    if isinstance(value, Text):
        return value.in_lang(lang)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ("；" if lang.startswith("zh") else "; ").join(str(in_lang(v, lang)) for v in value)
    if isinstance(value, str) and " / " in value:
        return "；".join(_pair_half(part, lang) for part in value.split("；")) if lang.startswith("zh") else \
            "; ".join(_pair_half(part, lang) for part in value.split("；"))
    return value


def _pair_half(part: str, lang: str) -> str:
    zh, sep, en = part.partition(" / ")
    if not sep or not _CJK.search(zh) or _CJK.search(en):
        return part
    return zh if lang.startswith("zh") else en


class ExplainedError(Exception):
    """Base of every expected error. `code` is stable and machine-readable."""

    code: ClassVar[str] = "terminal_error"
    zh_template: ClassVar[str] = "操作失败。"
    en_template: ClassVar[str] = "The operation failed."

    def __init__(self, detail: str = "", **params: object) -> None:
        self.detail = detail
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        template = self.zh_template if lang.startswith("zh") else self.en_template
        try:
            text = template.format(**{key: in_lang(value, lang) for key, value in self.params.items()})
        except (KeyError, IndexError):
            text = template
        if self.detail:
            text = f"{text} ({self.detail})"
        return text


class ContractError(ExplainedError):
    code = "contract"


class InvalidClaims(ContractError):
    code = "invalid_input"
    zh_template = "输入有误：{field}。"
    en_template = "Invalid input: {field}."


class MalformedPayload(InvalidClaims):
    code = "qr_malformed"
    zh_template = "二维码内容无法识别：{reason}。"
    en_template = "The QR content cannot be read: {reason}."


class PayloadTooLarge(InvalidClaims):
    """The signed credential would not fit the QR size budget (see docs/credential-card.md)."""

    code = "qr_payload_too_large"
    zh_template = "证件二维码内容过长（{length} 字符，上限 {limit}）。请缩短机构名称或服务类别。"
    en_template = (
        "The credential QR content is too long ({length} characters, limit {limit}). Shorten the agency "
        "name or the service types."
    )


class RuleViolation(ExplainedError):
    code = "rule"


class InvalidIdNumber(RuleViolation):
    code = "invalid_id_number"
    zh_template = "证件号码无效：{reason}。请确认读取的是本人有效证件。"
    en_template = "The ID number is invalid: {reason}. Make sure this is the holder's valid card."


class InvalidCardText(RuleViolation):
    code = "invalid_card_text"
    zh_template = "证件信息无法识别：{reason}。请重新放卡读取。"
    en_template = "The card's data could not be understood: {reason}. Place the card again."
