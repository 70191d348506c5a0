import datetime as dt

import pytest

from terminal.core.errors import CardExpired, InvalidInput, InvalidTransition, PermissionDenied, Underage
from terminal.core.lifecycle import State, allowed_actions, check
from terminal.core.registration_rules import check_identity_for_registration, retirement_date
from terminal.core.roles import Action, Role
from tests.builders import person
from wirecontract.cardtext import decode_text_block, encode_text_block, sha256_hex
from wirecontract.identity import Identity, Provenance

TODAY = dt.date(2026, 11, 26)


def _identity(**overrides: object) -> Identity:
    raw = encode_text_block(person(**overrides))
    return decode_text_block(raw, Provenance("r", "s", dt.datetime.now(dt.UTC), sha256_hex(raw), True))


def test_expired_card_is_refused() -> None:
    with pytest.raises(CardExpired):
        check_identity_for_registration(_identity(valid_to="2026-11-25"), TODAY)


def test_card_valid_today_is_accepted() -> None:
    check_identity_for_registration(_identity(valid_to="2026-11-26"), TODAY)


def test_under_sixteen_is_refused_and_sixteen_is_accepted() -> None:
    with pytest.raises(Underage):
        check_identity_for_registration(_identity(birth_date="2010-11-27", sex_code="2"), TODAY)
    assert check_identity_for_registration(_identity(birth_date="2010-11-26", sex_code="2"), TODAY).age == 16


def test_past_retirement_age_warns_but_does_not_refuse() -> None:
    result = check_identity_for_registration(_identity(birth_date="1970-01-01", sex_code="2"), TODAY)
    assert "past_retirement_age" in result.warnings


@pytest.mark.parametrize(
    ("birth", "sex", "expected"),
    [("1964-12-01", "1", "2024-12-01"), ("1965-01-01", "1", "2025-02-01"), ("1980-01-01", "2", "2032-08-01"),
     ("1990-05-03", "2", "2045-05-03"), ("1980-01-01", "1", "2043-01-01")],
)  # fmt: skip
def test_retirement_dates_follow_the_2025_reform(birth: str, sex: str, expected: str) -> None:
    assert retirement_date(dt.date.fromisoformat(birth), sex).isoformat() == expected


def test_lifecycle_happy_path_and_refusals() -> None:
    assert check(Action.APPROVE, State.APPLIED, Role.SUPERVISOR).target is State.APPROVED
    with pytest.raises(PermissionDenied):
        check(Action.APPROVE, State.APPLIED, Role.CLERK)
    with pytest.raises(InvalidTransition):
        check(Action.ISSUE, State.APPLIED, Role.CLERK)
    with pytest.raises(InvalidInput):
        check(Action.REVOKE, State.ISSUED, Role.SUPERVISOR, reason="  ")
    assert check(Action.REPRINT, State.ISSUED, Role.SUPERVISOR, reason="遗失").new_version


def test_revoked_is_final() -> None:
    assert allowed_actions(State.REVOKED, Role.ADMINISTRATOR) == []
    assert Action.REVOKE in allowed_actions(State.ISSUED, Role.SUPERVISOR)
    assert Action.REVOKE not in allowed_actions(State.ISSUED, Role.CLERK)
