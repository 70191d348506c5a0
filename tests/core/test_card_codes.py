"""Every code on a card in words, from the code tables (resources/codes), in each language."""

from __future__ import annotations

from terminal.core import card_codes


def test_nationality_in_words() -> None:
    assert card_codes.nationality("USA", "zh") == "美国" and card_codes.nationality("USA", "en") == "United States"
    assert card_codes.nationality("can", "en") == "Canada"  # as the card may carry it
    assert card_codes.nationality("TWN", "zh") == "中国台湾"
    assert card_codes.nationality("ZZZ", "zh") == "ZZZ（未知国家代码）"


def test_accepting_authority_in_words() -> None:
    assert card_codes.accepting_authority("1500", "zh") == "内蒙古自治区公安出入境管理部门（代码 1500）"
    assert card_codes.accepting_authority("3100", "en") == "Exit-entry administration, Shanghai (code 3100)"
    assert "unknown" in card_codes.accepting_authority("9900", "en")


def test_every_nationality_has_both_names() -> None:
    table = card_codes._table("nationalities.json")["codes"]
    assert len(table) > 240 and all(len(code) == 3 and zh and en for code, (zh, en) in table.items())


def test_sex_and_ethnicity() -> None:
    assert card_codes.sex("2", "en") == "Female" and card_codes.ethnicity("01", "en") == "Han"
    assert card_codes.ethnicity("03", "zh") == "回" and card_codes.ethnicity("77", "zh").startswith("77")
