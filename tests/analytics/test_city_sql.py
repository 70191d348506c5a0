"""The synthetic city's contracts as PostgreSQL draws them (city_sql.py, the large city's way): the same seed
gives the same contracts and another seed others, and Shanghai's seasons show in them as in the Python draw
(test_demo_city.py). Spans are written straight into the draw's table (no people generated), so this is fast."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from centre.analytics.city_model import SPRING_FESTIVAL, CityParams
from tests.console_workflows.djangodb import use_database

PARAMS = CityParams(workers=3000, years=3, seed=5, until=dt.date(2026, 11, 29))
TYPES = (["cleaning", "appliance"], ["infant", "elderly"], ["hourly"], ["maternity", "cooking", "patient"])


@pytest.fixture(scope="module")
def drawing(request: pytest.FixtureRequest) -> Iterator[None]:
    from django.db import transaction

    use_database(request.getfixturevalue("analytics_cluster").url)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _draw(seed: int, checks: list[tuple[Any, ...]] | None = None) -> list[tuple[Any, ...]]:
    from django.db import connection

    from centre.analytics import city_sql

    checks = [] if checks is None else checks
    city_sql.create_tables(seed)
    spans = city_sql.Spans()
    for key in range(1, 3001):
        spans.add({"key": key, "worker_uid": f"w{key}", "agency_id": "A1", "district": "徐汇区",
                   "quality": (key % 10) / 10, "types": TYPES[key % len(TYPES)], "registered_on": PARAMS.start,
                   "start_on": PARAMS.start, "end_on": PARAMS.until, "id_number": f"id{key}", "bad": key % 250 == 0,
                   "agency_quality": 0.5})  # fmt: skip
    spans.flush()
    city_sql.tabulate(PARAMS.start, PARAMS.until)
    city_sql.draw(seed, PARAMS.until)
    with connection.cursor() as cursor:
        cursor.execute("SELECT uid, worker_uid, service, place, start_on, end_on, signed_on, evaluated, complained "
                       "FROM city_contracts ORDER BY k")  # fmt: skip
        rows = list(cursor.fetchall())
        cursor.execute("SELECT key, day, lapse FROM city_checks ORDER BY key, i")
        checks.extend(cursor.fetchall())
    city_sql.drop_tables()
    return rows


def test_the_same_seed_draws_the_same_contracts(drawing: None) -> None:
    first, again, other = _draw(5), _draw(5), _draw(6)
    assert first == again and first != other
    assert len({row[0] for row in first}) == len(first) > 20_000  # uids unique; about 3 years × the services' rates
    assert all(row[6] <= row[4] <= row[5] and PARAMS.start <= row[4] <= PARAMS.until for row in first)
    evaluated = sum(1 for row in first if row[7]) / len(first)
    complained = sum(1 for row in first if row[8]) / len(first)
    assert 0.25 < evaluated < 0.31 and 0.003 < complained < 0.05


def test_the_seasons_show_in_the_drawn_contracts(drawing: None) -> None:
    rows = _draw(5)

    def window(types: tuple[str, ...] | None, start: dt.date, days: int) -> int:
        return sum(1 for row in rows if (types is None or row[2] in types)
                   and start <= row[4] < start + dt.timedelta(days=days))  # fmt: skip

    for year in (2025, 2026):
        festival = SPRING_FESTIVAL[year]
        ordinary = festival + dt.timedelta(days=70)
        cleaning = ("cleaning", "appliance")
        assert window(cleaning, festival - dt.timedelta(days=21), 18) > 1.3 * window(cleaning, ordinary, 18)
        assert window(None, festival - dt.timedelta(days=3), 11) < 0.6 * window(None, ordinary, 11)
    summer = sum(window(("infant",), dt.date(y, 7, 1), 62) for y in (2024, 2025, 2026))
    spring = sum(window(("infant",), dt.date(y, 4, 1), 61) for y in (2024, 2025, 2026))
    assert summer > 1.2 * spring


def test_health_checks_come_yearly_and_lapse_at_times(drawing: None) -> None:
    checks: list[tuple[Any, ...]] = []
    _draw(5, checks)
    by_span: dict[int, list[dt.date]] = {}
    for key, day, _ in checks:
        by_span.setdefault(key, []).append(day)
    assert len(by_span) == 3000
    for days in by_span.values():
        assert PARAMS.start < days[0] <= PARAMS.start + dt.timedelta(days=10) and days[-1] <= PARAMS.until
        assert all(365 <= (b - a).days <= 365 + 60 for a, b in itertools.pairwise(days))
        assert len(days) in (3, 4)  # three years: three or four checks, by the first day and the delays
    lapsed = sum(1 for *_, lapse in checks if lapse) / len(checks)
    assert 0.12 < lapsed < 0.28  # agencies of quality 0.5 keep up four years in five
