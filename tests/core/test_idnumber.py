import pytest

from terminal.core.errors import InvalidIdNumber
from wirecontract import idnumber


@pytest.mark.parametrize("number", ["11010519491231002X", "360426199101010071"])
def test_reference_numbers_are_valid(number: str) -> None:
    assert idnumber.validate_18(number) == number


@pytest.mark.parametrize(
    ("number", "reason_part"),
    [
        ("110105194912310021", "check digit"),
        ("11010519491231002", "18 characters"),
        ("990105194912310021", "region"),
        ("110105194913310028", "birth date"),
        ("11010519491231A02X", "invalid characters"),
    ],
)
def test_invalid_numbers_say_why(number: str, reason_part: str) -> None:
    with pytest.raises(InvalidIdNumber) as info:
        idnumber.validate_18(number)
    assert reason_part in info.value.message("en")


def test_lowercase_x_is_normalised() -> None:
    assert idnumber.validate_18("11010519491231002x") == "11010519491231002X"


def test_old_foreigner_number_is_checked_for_shape_only() -> None:
    number = idnumber.make_valid_old_foreign("USA318001010" + "01")
    assert idnumber.validate_old_foreign(number) == number
    # A last digit the 7-3-1 guess disagrees with is still a genuine card's number (no confirmed rule).
    other = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert idnumber.validate_old_foreign(other) == other
    assert idnumber.validate_old_foreign(" usa318001010016 ") == "USA318001010016"
    for wrong in ("US3318001010016", "USA31800101001", "USA3180010100166", "USA31800101001¹", "USA31800101001５"):
        with pytest.raises(InvalidIdNumber):
            idnumber.validate_old_foreign(wrong)


@pytest.mark.parametrize(
    "number",
    [
        "1101051949123100²X",  # superscript two: isdigit() is True, int() fails
        "¹¹0105194912310021",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",  # Arabic-Indic digits, which int() would accept
    ],
)
def test_only_ascii_digits_make_an_id_number(number: str) -> None:
    with pytest.raises(InvalidIdNumber):
        idnumber.validate_18(number)
    with pytest.raises(InvalidIdNumber):
        idnumber.check_digit(number[:17])


def test_ascii_digit_check() -> None:
    assert idnumber.is_ascii_digits("0123456789")
    assert not any(idnumber.is_ascii_digits(t) for t in ("", "¹", "٣", "１", "1a", " 1"))


def test_masking_keeps_region_and_last_four() -> None:
    assert idnumber.mask("11010519491231002X") == "110105********002X"
    assert idnumber.mask_phone("13912345678") == "139****5678"
