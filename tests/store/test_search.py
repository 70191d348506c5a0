from __future__ import annotations

import datetime as dt

import pytest

from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.store.search import plan, search
from terminal.usecases import credentials, registration
from tests.builders import actor, card_read, profile

TODAY = dt.date.today()


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    ids = {}
    for name, phone in (("张三", "13911112222"), ("张三丰", "13933334444"), ("李四", "13955556666"),
                        ("欧阳娜娜", "13977778888"), ("单田芳", "13900001234")):  # fmt: skip
        ids[name] = registration.register_worker(db, actor(), card_read(name=name), profile(phone=phone), TODAY)
    return ids


def _id_number(db: Database, worker_id: int) -> str:
    return str(db.scalar("SELECT id_number FROM workers WHERE id = ?", (worker_id,)))


def test_two_character_names(db: Database, people: dict[str, int]) -> None:
    assert set(search(db, "张三")) == {people["张三"], people["张三丰"]}
    assert search(db, "李四") == [people["李四"]]


def test_given_name_and_substring(db: Database, people: dict[str, int]) -> None:
    assert search(db, "娜娜") == [people["欧阳娜娜"]]
    assert search(db, "三丰") == [people["张三丰"]]


def test_pinyin_initials_and_full_pinyin(db: Database, people: dict[str, int]) -> None:
    assert set(search(db, "zs")) == {people["张三"], people["张三丰"]}
    assert set(search(db, "zhangsan")) == {people["张三"], people["张三丰"]}
    assert search(db, "ZhangSanFeng") == [people["张三丰"]]
    assert search(db, "oyn") == [people["欧阳娜娜"]]


def test_polyphonic_surname_matches_its_readings(db: Database, people: dict[str, int]) -> None:
    assert people["单田芳"] in search(db, "shantianfang")
    assert people["单田芳"] in search(db, "stf")


@pytest.mark.parametrize("length", [4, 5, 6])
def test_id_number_suffix(db: Database, people: dict[str, int], length: int) -> None:
    number = _id_number(db, people["李四"])
    assert people["李四"] in search(db, number[-length:])


def test_full_id_number_and_lowercase_x(db: Database, people: dict[str, int]) -> None:
    number = _id_number(db, people["李四"])
    assert search(db, number.lower()) == [people["李四"]]


def test_phone_full_and_suffix(db: Database, people: dict[str, int]) -> None:
    assert search(db, "13955556666") == [people["李四"]]
    assert people["李四"] in search(db, "6666")


def test_credential_number(db: Database, people: dict[str, int]) -> None:
    number = credentials.apply(db, actor(Role.CLERK), people["李四"], TODAY)
    assert search(db, number) == [people["李四"]]
    assert search(db, number.lower()) == [people["李四"]]
    credentials.transition(db, actor(Role.SUPERVISOR), number, Action.REVOKE, TODAY, reason="测试")
    assert search(db, number) == [people["李四"]]


def test_queries_that_mean_nothing_find_nothing(db: Database, people: dict[str, int]) -> None:
    assert plan("") is None and plan("12") is None and plan("张!") is None
    assert search(db, "王五") == []
