"""An ID number typed by staff or read from a spreadsheet, checked as the card reader's would be: the normal form
of centre.sync.identity_rules, then the shape, date, region and check digit (wirecontract.idnumber)."""

from __future__ import annotations

from centre.sync.identity_rules import normalise_id_number
from wirecontract import idnumber
from wirecontract.errors import InvalidIdNumber


def checked_id_number(text: object) -> str:
    """The normalised number, or InvalidIdNumber saying what is wrong with it."""
    number = normalise_id_number(text)
    if len(number) == 15 and number[:3].isalpha():
        return idnumber.validate_old_foreign(number)
    if not number:
        raise InvalidIdNumber(reason="未填写 / it is empty")
    return idnumber.validate_18(number, foreign_2023=number.startswith("9"))
