"""Realistic, clearly fictional people for demos, tests and benchmarks (simulated card reads only)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from typing import Any

from wirecontract import idnumber
from wirecontract.cardtext import encode_text_block, sha256_hex
from wirecontract.identity import CardRead, Provenance
from wirecontract.signing import b64url

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "秀英桂兰玉梅凤华丽芳红霞敏静燕娟艳丹萍春花美玲翠金菊莉琴云珍淑慧建国志强伟军平勇明永刚海文"
# Shanghai districts and the home provinces most home-service workers come from (region code prefixes).
REGIONS = ("310101", "310104", "310105", "310115", "340102", "341222", "320902", "410102", "511302", "360426",
           "430102", "420102", "370102", "130102", "610102", "500101")  # fmt: skip
STREETS = ("长宁路", "中山北路", "漕溪北路", "南京西路", "浦东大道", "武宁路", "共和新路", "虹口路", "肇嘉浜路", "延安西路")
AUTHORITIES = {"31": "上海市公安局", "34": "安徽省公安厅", "32": "江苏省公安厅", "41": "河南省公安厅",
               "51": "四川省公安厅", "36": "江西省公安厅", "43": "湖南省公安厅", "42": "湖北省公安厅",
               "37": "山东省公安厅", "13": "河北省公安厅", "61": "陕西省公安厅", "50": "重庆市公安局"}  # fmt: skip
SIM_READER = "模拟读卡器 Simulated reader"
SIM_SAM = "SIM-05.01-20260101-0000000001-0000000001"


def person(rng: random.Random, index: int, today: dt.date) -> dict[str, Any]:
    """One resident-card identity in the JSON format of `terminal reader read --json`."""
    sex = "2" if rng.random() < 0.85 else "1"
    region = rng.choice(REGIONS)
    birth = today - dt.timedelta(days=rng.randint(20 * 365, 58 * 365))
    seq = f"{index % 1000:03d}"
    seq = seq[:2] + str((int(seq[2]) // 2) * 2 + (1 if sex == "1" else 0))  # odd = male, even = female
    number = idnumber.make_valid_18(f"{region}{birth:%Y%m%d}{seq}")
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    valid_from = today - dt.timedelta(days=rng.randint(30, 3000))
    years = 20 if (today - birth).days // 365 < 46 else 0
    valid_to = None if years == 0 else valid_from.replace(year=valid_from.year + years, day=min(valid_from.day, 28))
    return {
        "card_type": "resident",
        "name": name,
        "sex_code": sex,
        "ethnicity_code": "01" if rng.random() < 0.93 else f"{rng.randint(2, 56):02d}",
        "birth_date": birth.isoformat(),
        "address": f"上海市{rng.choice(STREETS)}{rng.randint(1, 999)}弄{rng.randint(1, 40)}号",
        "id_number": number,
        "issuing_authority": AUTHORITIES.get(region[:2], "公安局"),
        "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat() if valid_to else None,
    }


def unique_people(rng: random.Random, today: dt.date) -> Iterator[dict[str, Any]]:
    """People with distinct ID numbers (a 3-digit serial makes collisions likely at 100,000)."""
    seen: set[str] = set()
    index = 0
    while True:
        candidate = person(rng, index, today)
        index += 1
        if candidate["id_number"] not in seen:
            seen.add(candidate["id_number"])
            yield candidate


def simulated_read(fields: dict[str, Any], read_at: dt.datetime | None = None) -> CardRead:
    """A card read as the simulator produces it: marked simulated, with a recognisable SAM ID."""
    raw = encode_text_block(fields)
    # A WLT photo block as read: the simulator has no real photo, so it returns an all-zero block the
    # decoder will refuse, never a fake face.
    provenance = Provenance(
        reader=SIM_READER,
        sam_id=SIM_SAM,
        read_at=read_at or dt.datetime.now(dt.UTC),
        raw_sha256=sha256_hex(raw),
        simulated=True,
    )
    return CardRead(raw_text=raw, photo_wlt=None, provenance=provenance)


def registration_as_sent(fields: dict[str, Any], simulated: bool = True,
                         reader: str = SIM_READER) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    """The identity part of a `worker.registered` payload and the provenance, as the terminal sends them for a
    read of these fields (for benchmarks and tests that speak to the centre without a reader)."""
    read = simulated_read(fields)
    provenance = {**read.provenance.to_json(), "reader": reader, "simulated": simulated}
    identity = {"id_number": fields["id_number"], "name": fields["name"]}
    return {"identity": identity, "card_read": {"text": b64url(read.raw_text)}}, provenance


def phone_for(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"


def seed_for(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
