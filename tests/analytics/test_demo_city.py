"""`terminal-server demo-city`: the same seed gives the same city; Shanghai's seasons show in the contracts; the
bulk load (COPY on PostgreSQL, executemany on SQLite) fills the centre's tables and the facts, and facts rebuilt
from the raw tables equal the ones the load wrote; everyone is graded; the look-up index holds the people."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from centre.analytics.city_model import SPRING_FESTIVAL, City, CityParams, city_until
from centre.analytics.credit import today_in_shanghai
from tests.analytics.test_facts import _snapshot
from tests.console_workflows.djangodb import use_database

UNTIL = dt.date(2026, 11, 29)
SMALL = CityParams(workers=160, years=2, seed=11, until=UNTIL)


def _rows(params: CityParams) -> list[tuple[str, dict[str, Any]]]:
    city = City(params)
    return [(kind, {k: v for k, v in row.items() if not k.startswith("_")})
            for kind, row in (*city.make_agencies(), *city.people())]  # fmt: skip


def test_the_same_seed_gives_the_same_city() -> None:
    first, again, other = _rows(SMALL), _rows(SMALL), _rows(CityParams(160, 2, 12, UNTIL))
    assert first == again
    assert first != other
    kinds = Counter(kind for kind, _ in first)
    assert kinds["agency"] == 16 and kinds["worker"] >= 160 and kinds["complaint"] > 0 and kinds["integrity"] > 0
    assert len({row["district"] for kind, row in first if kind == "agency"}) == 16


def test_the_seasons_show_in_the_contracts() -> None:
    city = City(CityParams(workers=1200, years=3, seed=3, until=UNTIL))
    starts: Counter[tuple[str, dt.date]] = Counter()
    for kind, row in (*city.make_agencies(), *city.people()):
        if kind == "record" and row["entity"] == "contract":
            starts[(row["data"]["service_type"], dt.date.fromisoformat(row["data"]["period_from"]))] += 1

    def window(types: tuple[str, ...] | None, start: dt.date, days: int) -> int:
        return sum(n for (t, d), n in starts.items() if (types is None or t in types)
                   and start <= d < start + dt.timedelta(days=days))  # fmt: skip

    for year in (2025, 2026):
        festival = SPRING_FESTIVAL[year]
        ordinary = festival + dt.timedelta(days=70)
        # Deep cleaning before the festival; the city empties over it (customers and 30% of workers away).
        assert window(("cleaning", "appliance"), festival - dt.timedelta(days=21), 18) > 1.3 * window(
            ("cleaning", "appliance"), ordinary, 18)
        assert window(None, festival - dt.timedelta(days=3), 11) < 0.6 * window(None, ordinary, 11)
    summer = sum(window(("infant",), dt.date(y, 7, 1), 62) for y in (2024, 2025, 2026))
    spring = sum(window(("infant",), dt.date(y, 4, 1), 61) for y in (2024, 2025, 2026))
    assert summer > 1.2 * spring


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded_city(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """A small city loaded into a database of its own (module scope: loaded once per backend)."""
    from centre.analytics.demo_city import load_city

    if request.param == "sqlite":
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='centre-city-')) / 'city.db'}"
    else:
        url = request.getfixturevalue("analytics_cluster").create_database("demo_city")
    use_database(url)
    before = _indexes()
    loaded = load_city(SMALL, indexes_after=True)  # the large city's way: plain indexes built after the rows
    yield {**loaded, "indexes": (before, _indexes())}


def _indexes() -> set[tuple[str, str]]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
        return set(cursor.fetchall())


def test_every_index_is_there_after_the_load(loaded_city: dict[str, Any]) -> None:
    before, after = loaded_city["indexes"]
    assert before == after


def test_the_load_fills_the_centre_and_the_facts(loaded_city: dict[str, Any]) -> None:
    from centre.analytics.models import CreditGrade, FactContract, FactWorker
    from centre.complaints.models import Complaint
    from centre.console.models import WorkerIndex, WorkerLink
    from centre.credentials.models import Credential
    from centre.sync.models import IdentityRegistration, Record
    from centre.terminals.models import Agency

    counts = loaded_city["counts"]
    assert counts["agencies"] == Agency.objects.count() == 16
    assert counts["identity_registry"] == IdentityRegistration.objects.count() == FactWorker.objects.count()
    assert WorkerIndex.objects.exclude(pinyin="").count() == FactWorker.objects.count()  # the look-up finds them
    assert Record.objects.filter(entity="contract").count() == FactContract.objects.count() > 500
    assert Credential.objects.count() == counts["credentials"] and Complaint.objects.count() == counts["complaints"]
    # Contracts by month × district × service type, from the records' own JSON, equal the fact cube.
    raw: Counter[tuple[object, ...]] = Counter()
    for agency, data in Record.objects.filter(entity="contract").values_list("agency_id", "data"):
        raw[(int(data["period_from"][:7].replace("-", "")), data["district"], data["service_type"], agency)] += 1
    assert Counter(FactContract.objects.values_list("month", "district", "service_type", "agency_id")) == raw
    linked = Record.objects.filter(entity__in=("contract", "training", "health_check", "insurance", "credential"))
    links = set(WorkerLink.objects.values_list("entity", "entity_uid", "worker_uid"))
    assert counts["console_worker_links"] == len(links) == linked.count()
    assert links == {(r.entity, r.entity_uid, r.data["worker_uid"]) for r in linked}  # the trace's way to a worker
    assert CreditGrade.objects.filter(subject="worker").count() == FactWorker.objects.count()
    assert CreditGrade.objects.filter(subject="agency").count() == 16
    assert CreditGrade.objects.filter(listed="black").count() == 1


def test_facts_rebuilt_from_the_raw_tables_equal_the_loaded_ones(loaded_city: dict[str, Any]) -> None:
    from centre.analytics import facts

    loaded = _snapshot()
    touched = facts.catch_up()  # the marks start past the loaded rows and their overlap: nothing is read again
    assert not touched.workers and not touched.agencies
    assert _snapshot() == loaded
    facts.rebuild()
    assert _snapshot() == loaded



def test_a_city_drawn_now_has_no_moment_still_ahead() -> None:
    # The analytics follower reads rows up to now: a row stamped later would wait for the clock to pass it.
    now = dt.datetime(2026, 11, 28, 17, 0, tzinfo=dt.UTC)  # 1 a.m. in Shanghai: all of today is still ahead
    until = city_until(today_in_shanghai(now))
    moments = [value for _, row in _rows(CityParams(workers=160, years=1, seed=7, until=until))
               for value in row.values() if isinstance(value, dt.datetime)]  # fmt: skip
    assert moments and max(moments) <= now
