"""Rules a card read must pass before a worker is registered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from terminal.core.errors import CardExpired, Underage
from wirecontract.identity import Identity

MINIMUM_AGE = 16


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise ValueError(day)


def retirement_date(birth: dt.date, sex_code: str) -> dt.date:
    """Statutory retirement date under the 2025 gradual reform: men 60 → 63 (one month later per four
    months of birth from 1965), women workers 50 → 55 (one month later per two months of birth from 1975)."""
    if sex_code == "2":
        base, reform_year, step, cap = 50, 1975, 2, 60
    else:
        base, reform_year, step, cap = 60, 1965, 4, 36
    since = (birth.year - reform_year) * 12 + birth.month - 1
    delay = 0 if since < 0 else min(cap, since // step + 1)
    return _add_months(dt.date(birth.year + base, birth.month, min(birth.day, 28)), delay)


@dataclass(frozen=True)
class RegistrationCheck:
    age: int
    warnings: tuple[str, ...]


def check_identity_for_registration(identity: Identity, today: dt.date) -> RegistrationCheck:
    """Refuse an expired card or a person under 16; warn (not refuse) past retirement age."""
    if identity.valid_to is not None and identity.valid_to < today:
        raise CardExpired(valid_to=identity.valid_to.isoformat())
    age = age_on(identity.birth_date, today)
    if age < MINIMUM_AGE:
        raise Underage(age=age)
    warnings: list[str] = []
    if today >= retirement_date(identity.birth_date, identity.sex_code):
        warnings.append("past_retirement_age")
    if identity.valid_to is not None and (identity.valid_to - today).days <= 30:
        warnings.append("card_expires_soon")
    return RegistrationCheck(age, tuple(warnings))


WARNING_TEXT = {
    "past_retirement_age": ("已超过法定退休年龄，请确认其身体状况适合上门服务。",
                            "Past the statutory retirement age: make sure the person is fit for home service."),
    "card_expires_soon": ("证件将在30天内到期，请提醒本人及时换证。",
                          "The card expires within 30 days: remind the holder to renew it."),
}  # fmt: skip
