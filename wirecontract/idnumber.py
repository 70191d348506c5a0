"""Identity document numbers: GB 11643 resident numbers and the permit/card formats read the same way."""

from __future__ import annotations

import datetime as dt
import re

from wirecontract.errors import InvalidIdNumber

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"

# GB/T 2260 province-level codes. 83 = Taiwan residents, 81/82 = Hong Kong/Macau residents (residence
# permits use these), 91 = the 2017 foreigner permanent residence card's leading digit.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82", "83", "91",
    }
)  # fmt: skip

_OLD_FOREIGN_RE = re.compile(r"^[A-Z]{3}[0-9]{12}$")


def is_ascii_digits(text: str) -> bool:
    """Only 0-9. str.isdigit() also accepts superscripts (¹²³), full-width and other scripts' digits, some of
    which int() then refuses: card and form fields are ASCII digits or invalid."""
    return text.isascii() and text.isdigit()


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character over the first 17 digits."""
    if len(first17) != 17 or not is_ascii_digits(first17):
        raise InvalidIdNumber(reason="前17位必须是数字 / the first 17 characters must be digits")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def birth_date_of(number: str) -> dt.date:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidIdNumber(reason="出生日期不存在 / the birth date does not exist") from exc


def validate_18(number: str, *, foreign_2023: bool = False) -> str:
    """Validate an 18-character number (resident card, HMT permit; with `foreign_2023`, the 2023 foreigner
    card: 9, a province code, a 3-digit nationality code, then birth date, serial and check as usual)."""
    n = number.strip().upper()
    if len(n) != 18:
        raise InvalidIdNumber(reason="长度应为18位 / it must be 18 characters")
    if not is_ascii_digits(n[:17]) or not (is_ascii_digits(n[17]) or n[17] == "X"):
        raise InvalidIdNumber(reason="含有无效字符 / it contains invalid characters")
    region = n[1:3] if foreign_2023 else n[:2]
    if (foreign_2023 and n[0] != "9") or region not in PROVINCE_CODES:
        raise InvalidIdNumber(reason="地区代码无效 / the region code is invalid")
    birth_date_of(n)
    if check_digit(n[:17]) != n[17]:
        raise InvalidIdNumber(reason="校验位不正确 / the check digit is wrong")
    return n


def validate_old_foreign(number: str) -> str:
    """The 15-character number of the 2004/2017 foreigner permanent residence card (`I` layout): 3 letters
    (nationality) and 12 digits. Only this shape is checked.

    Public sources confirm the shape but no check-digit rule for the last character, and the number comes off
    a chip the reader's SAM authenticated: refusing a genuine card on a guessed rule would turn a worker away.
    `Identity.id_number_check_verified` is False for these numbers, and registration records it (see
    docs/card-reader.md)."""
    n = number.strip().upper()
    if not _OLD_FOREIGN_RE.match(n):
        raise InvalidIdNumber(reason="外国人永久居留证号码应为3位字母加12位数字 / 3 letters and 12 digits expected")
    return n


def make_valid_18(first17: str) -> str:
    return first17 + check_digit(first17)


def make_valid_old_foreign(first14: str) -> str:
    """A synthetic 15-character number (demo and test cards): the last digit by the 7-3-1 scheme of
    machine-readable documents, which real numbers are not known to follow (see validate_old_foreign)."""
    weights = (7, 3, 1)
    values = [ord(c) - 55 if c.isalpha() else int(c) for c in first14]
    return first14 + str(sum(v * weights[i % 3] for i, v in enumerate(values)) % 10)


def mask(number: str) -> str:
    """110105********002X style: keep the region (6) and the last 4."""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 4, 0) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
