"""A plausible synthetic Shanghai for demonstrations and benchmarks (`terminal-server demo-city`), Django-free:
agencies across the 16 districts of different sizes and quality, workers with service types, training, health
checks, insurance, credentials, releases and transfers; service contracts with Shanghai's seasons (the Spring
Festival: workers go home, deep cleaning surges before it, replacements for elderly and infant care run short
after it; summer childcare; year-end cleaning); evaluations, complaints with findings, integrity records, and a
few bad actors (adverse checks, repeated complaints, moving between agencies).

Everything comes from one random.Random(seed): the same seed and end date give the same city, row for row.
The generator yields (table, row) pairs; demo_city.py writes them in bulk."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from centre.analytics.dimensions import DISTRICTS, NEIGHBOURS
from wirecontract.idnumber import make_valid_18

UTC = dt.UTC
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# The Spring Festival (农历正月初一), year by year.
SPRING_FESTIVAL = {
    2018: dt.date(2018, 2, 16), 2019: dt.date(2019, 2, 5), 2020: dt.date(2020, 1, 25), 2021: dt.date(2021, 2, 12),
    2022: dt.date(2022, 2, 1), 2023: dt.date(2023, 1, 22), 2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17), 2027: dt.date(2027, 2, 6), 2028: dt.date(2028, 1, 26), 2029: dt.date(2029, 2, 13),
    2030: dt.date(2030, 2, 3), 2031: dt.date(2031, 1, 23), 2032: dt.date(2032, 2, 11),
}  # fmt: skip
# Districts' share of the city's households (roughly by resident population).
DISTRICT_WEIGHT = {"浦东新区": 22, "闵行区": 11, "宝山区": 9, "松江区": 8, "嘉定区": 7, "徐汇区": 5, "普陀区": 5,
                   "杨浦区": 5, "静安区": 4, "长宁区": 3, "虹口区": 3, "黄浦区": 3, "青浦区": 5, "奉贤区": 5,
                   "金山区": 3, "崇明区": 2}  # fmt: skip
# (share of workers offering it first, contracts a year, duration in days (low, high))
SERVICES: dict[str, tuple[float, float, tuple[int, int]]] = {
    "hourly": (0.22, 9.0, (1, 1)), "cleaning": (0.18, 7.0, (1, 3)), "elderly": (0.14, 1.6, (60, 365)),
    "infant": (0.10, 1.5, (90, 365)), "maternity": (0.09, 4.0, (26, 42)), "live_in": (0.08, 1.0, (90, 365)),
    "cooking": (0.07, 2.5, (30, 120)), "patient": (0.06, 3.0, (7, 60)), "appliance": (0.04, 7.0, (1, 1)),
    "disabled": (0.02, 1.4, (90, 365)),
}  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "秀英桂兰芳玉梅红霞丽华敏静燕娟艳凤琴云莲珍春美淑惠翠芬萍"
BRANDS = ["阿姨帮", "好帮手", "安心", "巧手", "贴心", "家和", "乐家", "康宁", "福满", "喜临", "暖心", "佳佳", "优嫂", "申城", "海上", "德馨", "馨怡", "惠民", "邻里", "悦家"]
COMPLAINTS = ("未按约定时间上门", "服务质量差", "损坏物品", "服务态度差", "临时涨价", "擅自离岗", "未按约定完成工作")
HOLD_AWAY = (-10, 14)  # days around the festival when a worker who goes home is away
STAY_SHARE = 0.70  # about 70% of agencies' workers stay in Shanghai over the festival (city survey)


@dataclass(frozen=True)
class CityParams:
    workers: int = 2000
    years: int = 3
    seed: int = 1
    until: dt.date = dt.date(2026, 11, 29)

    @property
    def start(self) -> dt.date:
        return self.until - dt.timedelta(days=365 * self.years)


@dataclass
class Agency:
    id: str
    name: str
    district: str
    quality: float
    weight: float
    index: int


@dataclass
class Person:
    """One person; may be registered by two agencies (a transfer)."""

    index: int
    id_number: str
    name: str
    sex: str
    birth: dt.date
    phone: str
    types: list[str]
    quality: float
    bad: bool
    registrations: list[tuple[str, Agency, dt.date, dt.date | None]] = field(default_factory=list)  # uid, agency, from, to


def demand_weight(service: str, day: dt.date) -> float:
    """How much more (or less) this service is asked for on `day` than on an ordinary day."""
    weight = 1.0
    festival = SPRING_FESTIVAL.get(day.year) or SPRING_FESTIVAL.get(day.year + 1)
    if festival is not None:
        for fest in (SPRING_FESTIVAL.get(day.year), SPRING_FESTIVAL.get(day.year + 1)):
            if fest is None:
                continue
            d = (day - fest).days
            if -21 <= d < -3 and service in ("cleaning", "appliance"):
                weight *= 2.4  # deep cleaning and appliance cleaning before the festival
            elif -21 <= d < -3 and service == "hourly":
                weight *= 1.5
            elif -3 <= d <= 7:
                weight *= 0.8 if service in ("elderly", "patient", "disabled") else 0.35  # the city empties
            elif 7 < d <= 28 and service in ("elderly", "infant", "live_in", "patient", "maternity"):
                weight *= 1.9  # replacements (替工) for care that cannot stop
    if day.month in (7, 8) and service == "infant":
        weight *= 1.7  # summer childcare
    if day.month == 12 and service in ("cleaning", "appliance"):
        weight *= 1.4  # year-end
    if service == "maternity":
        weight *= 1.0 + 0.15 * math.sin(2 * math.pi * (day.timetuple().tm_yday - 200) / 365)
    return weight


def away_for_festival(day: dt.date) -> bool:
    for fest in (SPRING_FESTIVAL.get(day.year), SPRING_FESTIVAL.get(day.year + 1)):
        if fest is not None and HOLD_AWAY[0] <= (day - fest).days <= HOLD_AWAY[1]:
            return True
    return False


def city_until(today: dt.date) -> dt.date:
    """The last day of a city drawn today: yesterday. Its moments are office hours, and today's may still be ahead;
    the analytics follower reads rows up to now, so a row stamped later would wait for the clock."""
    return today - dt.timedelta(days=1)


def at_noon(day: dt.date, hour: int = 10) -> dt.datetime:
    """A moment on `day` in Shanghai (office hours), as UTC."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)


class City:
    """`contracts_in_database`: instead of drawing each registration's contracts, health checks and insurance here,
    yield one "span" row for it (what they depend on) and let the database draw them (city_sql.py, PostgreSQL);
    the contracts' complaints come back through `complaint()`."""

    def __init__(self, params: CityParams, contracts_in_database: bool = False) -> None:
        self.p = params
        self.contracts_in_database = contracts_in_database
        self.span_counter = 0
        self.rng = random.Random(params.seed)
        self.uid_counter = 0
        self.agencies: list[Agency] = []
        self.credential_counter = 0
        self.registration_id = 0
        self.complaint_counter = 0
        self.slip_counter = 0

    # --- identifiers ------------------------------------------------------------------------------------------

    def uid(self) -> str:
        self.uid_counter += 1
        return hashlib.blake2b(f"{self.p.seed}:{self.uid_counter}".encode(), digest_size=16).hexdigest()

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        span = max((end - start).days, 0)
        return start + dt.timedelta(days=self.rng.randint(0, span))

    # --- agencies ---------------------------------------------------------------------------------------------

    def make_agencies(self) -> Iterator[tuple[str, dict[str, Any]]]:
        count = max(16, self.p.workers // 250)
        names = [name for _, name, _ in DISTRICTS]
        weights = [DISTRICT_WEIGHT[n] for n in names]
        for i in range(count):
            district = names[i] if i < 16 else self.rng.choices(names, weights)[0]
            roll = self.rng.random()
            quality = (self.rng.uniform(0.85, 1.0) if roll < 0.6 else self.rng.uniform(0.6, 0.85) if roll < 0.9
                       else self.rng.uniform(0.3, 0.6) if roll < 0.98 else self.rng.uniform(0.1, 0.3))  # fmt: skip
            if i == 5:
                quality = 0.15  # at least one bad actor among the agencies
            code = f"9131{names.index(district) + 1:02d}00MA{i + 1:06d}DC"
            short = district.removesuffix("新区").removesuffix("区")
            name = f"上海{short}{self.rng.choice(BRANDS)}家政服务有限公司（{i + 1:04d}）"
            agency = Agency(code, name, district, quality, self.rng.paretovariate(1.3), i)
            self.agencies.append(agency)
            created = at_noon(self.p.start - dt.timedelta(days=self.rng.randint(30, 2000)))
            yield "agency", {"id": code, "name": name, "district": district, "created_at": created}
            status = "suspended" if quality < 0.2 else "admitted"
            yield "admission", {"agency_id": code, "status": "admitted", "reason": "演示城市 / demo city",
                                "decided_by": "demo-city", "decided_at": created}  # fmt: skip
            if status == "suspended":
                yield "admission", {"agency_id": code, "status": "suspended", "decided_by": "demo-city",
                                    "reason": "投诉集中，暂停准入 / complaints cluster: suspended",
                                    "decided_at": at_noon(self.p.until - dt.timedelta(days=20))}  # fmt: skip
            yield "agency_record", {"entity": "agency", "entity_uid": f"agency-{code}", "version": 1,
                                    "agency_id": code, "simulated": True, "updated_at": created,
                                    "data": {"credit_code": code, "name": name, "licence_kind": "business_licence",
                                             "licence_no": code if quality > 0.3 else "",
                                             "address": f"上海市{district}演示路{i + 1}号",
                                             "phone": f"021-6{i:07d}" if quality > 0.5 else ""}}  # fmt: skip
            if quality < 0.6:
                for _ in range(1 if quality > 0.3 else 2):
                    yield from self.integrity("agency", code, "", "penalty", "未按规定公示收费标准")
            elif quality > 0.97:
                yield from self.integrity("agency", code, "", "award", "市级家政服务示范机构")

    def integrity(self, subject: str, agency_id: str, id_number: str, category: str,
                  description: str) -> Iterator[tuple[str, dict[str, Any]]]:  # fmt: skip
        start = self.day_between(self.p.start, self.p.until - dt.timedelta(days=10))
        polarity = "negative" if category in ("complaint_upheld", "false_information", "violation", "penalty",
                                              "blacklist") else "positive"  # fmt: skip
        yield "integrity", {"uid": self.uid()[:32], "subject": subject, "id_number": id_number, "agency_id": agency_id,
                            "polarity": polarity, "category": category, "description": description,
                            "evidence_note": "演示城市生成 / generated for the demo city", "valid_from": start,
                            "valid_to": start + dt.timedelta(days=730), "recorded_by": "demo-city",
                            "recorded_at": at_noon(start)}  # fmt: skip

    # --- people -----------------------------------------------------------------------------------------------

    def person(self, i: int) -> Person:
        rng = self.rng
        born = dt.date(1965, 1, 1) + dt.timedelta(days=i % 12_775)
        region = ("310101", "310104", "310115", "340102", "410102", "510104", "420102", "360102")[(i // 12_775) % 8]
        number = make_valid_18(f"{region}{born:%Y%m%d}{(i // 102_200) % 1000:03d}"[:17])
        sex = "女" if rng.random() < 0.9 else "男"
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        codes = list(SERVICES)
        first = rng.choices(codes, [SERVICES[c][0] for c in codes])[0]
        types = sorted({first, *rng.sample(codes, rng.choice((0, 0, 1, 2)))})
        types.remove(first)
        bad = rng.random() < 0.004
        return Person(i, number, name, sex, born, f"13{rng.randint(0, 999_999_999):09d}", [first, *types],
                      quality=0.05 if bad else 0.0, bad=bad)  # fmt: skip

    def people(self) -> Iterator[tuple[str, dict[str, Any]]]:
        weights = [a.weight for a in self.agencies]
        for i in range(self.p.workers):
            person = self.person(i)
            agency = self.rng.choices(self.agencies, weights)[0]
            if not person.bad:
                person.quality = min(max(agency.quality + self.rng.gauss(0, 0.1), 0.05), 1.0)
            # Registrations spread over the years, more of them after the festival (agencies recruit then).
            registered = self.day_between(self.p.start - dt.timedelta(days=365), self.p.until - dt.timedelta(days=20))
            if self.rng.random() < 0.3:
                fest = SPRING_FESTIVAL.get(registered.year)
                if fest and self.p.start <= fest + dt.timedelta(days=30) <= self.p.until - dt.timedelta(days=20):
                    registered = fest + dt.timedelta(days=self.rng.randint(8, 40))
            roll = self.rng.random()
            moves = 0.35 if person.bad else 0.05  # bad actors move between agencies
            end: dt.date | None = None
            if roll < moves + 0.08:
                end = self.day_between(registered + dt.timedelta(days=60), self.p.until)
                if end >= self.p.until - dt.timedelta(days=5):
                    end = None
            person.registrations.append((self.uid(), agency, registered, end))
            if end is not None and roll < moves:
                others = [a for a in self.agencies if a.id != agency.id]
                near = [a for a in others if a.district in (agency.district, *NEIGHBOURS.get(agency.district, ()))]
                target = self.rng.choice(near or others)
                again = end + dt.timedelta(days=self.rng.randint(7, 60))
                if again < self.p.until - dt.timedelta(days=3):
                    person.registrations.append((self.uid(), target, again, None))
            yield from self.person_rows(person)

    def person_rows(self, person: Person) -> Iterator[tuple[str, dict[str, Any]]]:
        rng = self.rng
        check = "adverse" if person.bad and rng.random() < 0.5 else ("pending" if rng.random() < 0.02 else "clear")
        first_day = person.registrations[0][2]
        yield "background", {"id_number": person.id_number, "result": check,
                             "checked_at": at_noon(first_day + dt.timedelta(days=5), 15)}  # fmt: skip
        for n, (uid, agency, since, until) in enumerate(person.registrations):
            yield from self.registration_rows(person, n, uid, agency, since, until, check)

    def registration_rows(self, person: Person, n: int, uid: str, agency: Agency, since: dt.date,
                          until: dt.date | None, check: str) -> Iterator[tuple[str, dict[str, Any]]]:  # fmt: skip
        rng, p = self.rng, self.p
        registered_at = at_noon(since)
        identity = {"card_type": "resident", "name": person.name, "sex": person.sex,
                    "birth_date": person.birth.isoformat(), "id_number": person.id_number,
                    "address": "演示地址", "nationality": "中国"}  # fmt: skip
        data: dict[str, Any] = {"identity": identity, "phone": person.phone, "service_types": person.types,
                                "registered_at": registered_at.isoformat()}  # fmt: skip
        if until is not None:
            data.update({"reason": "转出 / moved on" if n == 0 and len(person.registrations) > 1 else "离职 / left",
                         "released_at": at_noon(until).isoformat()})  # fmt: skip
        last_change = at_noon(until) if until else registered_at
        yield "worker", {"entity": "worker", "entity_uid": uid, "version": 2 if until else 1, "agency_id": agency.id,
                         "data": data, "simulated": True, "updated_at": last_change,
                         "_person": person}  # fmt: skip
        self.registration_id += 1
        yield "registration", {"id": self.registration_id, "id_number": person.id_number, "agency_id": agency.id,
                               "worker_uid": uid, "simulated": True, "registered_at": registered_at,
                               "released_at": at_noon(until) if until else None,
                               "release_reason": data.get("reason", "") if until else ""}  # fmt: skip
        end = until or p.until
        # Training, a few weeks after registration.
        trained_on = min(since + dt.timedelta(days=rng.randint(7, 30)), end)
        score = round(min(max(rng.gauss(62 + 30 * (person.quality or 0.6), 8), 20), 100), 1)
        passed = score >= 60
        attendance = self.uid()
        yield "record", {"entity": "training", "entity_uid": attendance, "version": 3, "agency_id": agency.id,
                         "simulated": True, "updated_at": at_noon(trained_on, 16),
                         "data": {"worker_uid": uid, "session": f"course-{agency.index}-{trained_on:%Y%m}",
                                  "score": score, "passed": passed, "hours": 40}}  # fmt: skip
        # Health checks and insurance, yearly while registered (a poor agency lets them lapse).
        day = since + dt.timedelta(days=rng.randint(1, 10))
        while day <= end and not self.contracts_in_database:
            lapse = rng.random() > kept_up(agency.quality)
            yield "record", {"entity": "health_check", "entity_uid": self.uid(), "version": 1, "agency_id": agency.id,
                             "simulated": True, "updated_at": at_noon(day, 11),
                             "data": {"worker_uid": uid, "checked_on": day.isoformat(),
                                      "expires_on": (day + dt.timedelta(days=365)).isoformat(),
                                      "passed": rng.random() > 0.01}}  # fmt: skip
            if not lapse:
                yield "record", {"entity": "insurance", "entity_uid": self.uid(), "version": 1,
                                 "agency_id": agency.id, "simulated": True, "updated_at": at_noon(day, 12),
                                 "data": {"worker_uid": uid, "starts_on": day.isoformat(),
                                          "expires_on": (day + dt.timedelta(days=364)).isoformat()}}  # fmt: skip
            day += dt.timedelta(days=365 + (rng.randint(0, 60) if lapse else 0))
        # The credential: issued when training passed and the check allows it.
        if passed and check != "adverse":
            issued = min(trained_on + dt.timedelta(days=rng.randint(3, 14)), end)
            self.credential_counter += 1
            number = f"SH{issued:%y}{self.credential_counter:08d}"
            state, hold = "issued", ""
            valid_to = issued + dt.timedelta(days=3 * 365)
            changed = issued
            if until is not None:
                state, changed = "revoked", until
            elif valid_to < p.until:
                state, changed = "expired", valid_to
            elif person.bad and rng.random() < 0.5:
                state, hold, changed = "suspended", "suspended", self.day_between(issued, p.until)
            yield "credential", {"credential_no": number, "entity_uid": self.uid(), "agency_id": agency.id,
                                 "worker_uid": uid, "holder_name": person.name, "state": state, "version": 1,
                                 "hold": hold, "status_version": 1 if hold else 0,
                                 "status_reason": "投诉核查中 / complaints under review" if hold else None,
                                 "valid_from": issued.isoformat(), "valid_to": valid_to.isoformat(),
                                 "health_valid_to": (issued + dt.timedelta(days=365)).isoformat(),
                                 "insurance_valid_to": (issued + dt.timedelta(days=364)).isoformat(),
                                 "simulated": True, "updated_at": at_noon(changed, 14)}  # fmt: skip
        if person.bad and n == 0:
            yield from self.integrity("worker", agency.id, person.id_number, "violation", "私自收取客户费用")
        elif rng.random() < 0.01:
            yield from self.integrity("worker", agency.id, person.id_number, "praise", "客户来信表扬")
        if not self.contracts_in_database:
            yield from self.contracts(person, uid, agency, trained_on, end)
            return
        self.span_counter += 1
        yield "span", {"key": self.span_counter, "worker_uid": uid, "agency_id": agency.id,
                       "district": agency.district, "quality": person.quality, "types": person.types,
                       "registered_on": since, "start_on": trained_on, "end_on": end, "id_number": person.id_number,
                       "bad": person.bad, "agency_quality": agency.quality}  # fmt: skip

    def contracts(self, person: Person, uid: str, agency: Agency, start: dt.date,
                  end: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:  # fmt: skip
        rng, p = self.rng, self.p
        if end <= start:
            return
        years = (end - start).days / 365
        goes_home = {y: rng.random() > STAY_SHARE for y in range(start.year, end.year + 2)}
        expected = SERVICES[person.types[0]][1] * years
        count = _poisson(rng, expected)
        for _ in range(count):
            service = person.types[0] if rng.random() < 0.7 or len(person.types) == 1 else rng.choice(person.types[1:])
            day = None
            for _try in range(12):  # rejection sampling: demand's seasons, and workers away for the festival
                candidate = self.day_between(start, end)
                if rng.random() * 2.6 > demand_weight(service, candidate):
                    continue
                if away_for_festival(candidate) and goes_home.get(candidate.year + (1 if candidate.month > 6 else 0)):
                    continue
                day = candidate
                break
            if day is None:
                continue
            low, high = SERVICES[service][2]
            finish = day + dt.timedelta(days=rng.randint(low, high) - 1)
            roll = rng.random()
            district = agency.district if roll < 0.7 else (
                rng.choice(NEIGHBOURS[agency.district]) if roll < 0.95 else rng.choice(list(NEIGHBOURS)))
            contract = self.uid()
            signed = day - dt.timedelta(days=rng.randint(0, 7))
            yield "record", {"entity": "contract", "entity_uid": contract, "version": 1, "agency_id": agency.id,
                             "simulated": True, "updated_at": at_noon(signed, 9),
                             "data": {"worker_uid": uid, "signed_on": signed.isoformat(), "service_type": service,
                                      "period_from": day.isoformat(), "period_to": finish.isoformat(),
                                      "district": district}}  # fmt: skip
            quality = person.quality
            if rng.random() < EVALUATED and finish < p.until:
                self.slip_counter += 1
                scores = {dim: int(min(max(round(rng.gauss(evaluation_mean(quality), 0.7)), 1), 5))
                          for dim in SCORES}  # fmt: skip
                at = at_noon(min(finish + dt.timedelta(days=rng.randint(0, 5)), p.until), 20)
                yield "evaluation", {"uid": self.uid()[:32], "contract_uid": contract,
                                     "code": f"D{self.slip_counter:09d}"[:16], "worker_uid": uid,
                                     "agency_id": agency.id, "service_type": service, "scores": scores,
                                     "overall": round(sum(scores.values()) / len(scores), 2), "comment": "",
                                     "editor_hash": hashlib.sha256(contract.encode()).hexdigest(), "revision": 1,
                                     "created_at": at, "updated_at": at}  # fmt: skip
            if rng.random() < complaint_chance(quality):
                yield from self.complaint(person.id_number, person.bad, agency, day, finish)

    def complaint(self, id_number: str, bad: bool, agency: Agency, day: dt.date,
                  finish: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:  # fmt: skip
        rng, p = self.rng, self.p
        received_on = min(day + dt.timedelta(days=rng.randint(0, max((finish - day).days, 0) + 3)), p.until)
        received = at_noon(received_on, 13)
        self.complaint_counter += 1
        uid = self.uid()
        row: dict[str, Any] = {"uid": uid, "reference": f"TS{received_on:%y%m%d}-D{self.complaint_counter:05d}"[:20],
                               "source": rng.choice(("hotline", "hotline", "consumer")), "id_number": id_number,
                               "agency_id": agency.id, "summary": rng.choice(COMPLAINTS), "received_at": received,
                               "registered_by": "demo-staff", "sent_at": received,
                               "due_at": received + dt.timedelta(days=7)}  # fmt: skip
        mean_days = 1.5 + 12 * (1 - agency.quality)
        days = min(rng.expovariate(1 / mean_days), 60)
        done = received + dt.timedelta(days=days)
        if done >= at_noon(p.until, 9):
            row.update(status="with_agency", updated_at=received)
        else:
            roll = rng.random()
            escalated = roll < 0.1
            if escalated:
                row["escalation_reason"] = "机构逾期未答复 / the agency did not answer in time"
            if roll < 0.6:
                row.update(status="resolved", resolved_at=done, resolution="已上门致歉并整改", updated_at=done)
            elif roll < 0.8:
                row.update(status="closed", resolved_at=done, resolution="已退款", closed_at=done, updated_at=done,
                           closing_note="客户满意")  # fmt: skip
            else:
                row.update(status="closed", closed_at=done, closing_note="经核实不属于机构责任", updated_at=done)
            if rng.random() < 0.4:
                severity = ("serious" if bad or rng.random() < 0.1 else
                            rng.choice(("minor", "general", "general")))  # fmt: skip
                yield "finding", {"complaint_uid": uid, "severity": severity, "upheld": rng.random() < 0.7,
                                  "decided_by": "demo-staff", "decided_at": done}  # fmt: skip
        yield "complaint", row


def kept_up(agency_quality: float) -> float:
    """How likely an agency renews a worker's health check and insurance on time in a year."""
    return 0.6 + 0.4 * agency_quality


def complaint_chance(quality: float) -> float:
    """How likely a contract draws a complaint, by the worker's quality."""
    return 0.003 + 0.06 * (1 - quality) ** 2


EVALUATED = 0.3  # the share of finished contracts the consumer evaluates
SCORES = ("punctuality", "skill", "attitude", "honesty", "hygiene")


def evaluation_mean(quality: float) -> float:
    """The mean mark (of 5) a worker of this quality gets, each mark drawn around it (standard deviation 0.7)."""
    return 2.6 + 2.4 * quality


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method for small means, a rounded normal for large ones."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(round(rng.gauss(mean, math.sqrt(mean))), 0)
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k

