"""The synthetic city's contracts, consumer evaluations, health checks and insurance drawn by PostgreSQL itself
(`terminal-server demo-city` on PostgreSQL): they are most rows of a large city, and drawing them in Python cost
about a millisecond a worker. city_model.py (with `contracts_in_database`) yields one "span" per registration
instead (the worker, the agency, the days, the service types, the qualities); this module copies the spans into a
temporary table and draws from them, in one `INSERT … SELECT` a table:

- randomness is a pure function of (seed, key, salt): `hashint8extended`, so the same seed gives the same city
  whatever order the database works in;
- a contract's count is Poisson (the service's contracts a year × the span's years), its service the first type
  (70 %) or another, its first day drawn with the weight of Shanghai's seasons (`city_model.demand_weight`, the
  same function the Python path uses, tabulated here as a running sum per service and day: the inverse of it is
  the draw); a worker who went home for the festival that year (30 %) takes no contract starting while away;
- its length, place (the agency's district 70 %, a neighbour 25 %, elsewhere 5 %), signing day, evaluation (30 % of
  finished ones, marks around `evaluation_mean(quality)`) and whether it draws a complaint
  (`complaint_chance(quality)`) as in city_model.py;
- health checks and insurance yearly from a few days after registration, the agency keeping them up
  (`kept_up(agency quality)`) or the insurance missing that year and the next check late.

The complaints (few, and with the centre's workflow and findings) are then made in Python by `City.complaint`
for the contracts the database marked, in the contracts' order, so the fact rules stay in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import connection, models

from centre.analytics import city_model as cm
from centre.analytics.dimensions import NEIGHBOURS

SPAN_COLUMNS = ("key", "worker_uid", "agency_id", "district", "quality", "types", "registered_on", "start_on", "end_on",
                "id_number", "bad", "agency_quality")  # fmt: skip
MAX_CONTRACTS = 999  # a span's contracts are keyed span × 1000 + n


def create_tables(seed: int) -> None:
    """The temporary tables and functions of one load (dropped with the session, or by drop_tables())."""
    with connection.cursor() as cursor:
        # The planner's guesses for these queries set off JIT compilation (about a second a statement, longer than
        # a small city's whole draw); the draw is function calls JIT does not speed up.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("CREATE TEMPORARY TABLE city_spans (key bigint PRIMARY KEY, worker_uid text, agency_id text, "
                       "district text, quality float8, types text[], registered_on date, start_on date, end_on date, "
                       "id_number text, bad boolean, agency_quality float8)")  # fmt: skip
        # u(key, salt): a uniform draw in [0, 1), a pure function of the seed, the row's key and what it is for.
        cursor.execute(f"CREATE OR REPLACE FUNCTION pg_temp.city_u(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE "
                       f"PARALLEL SAFE AS $$ SELECT (hashint8extended(k, {int(seed)}::bigint * 1000 + salt) "
                       f"& 2147483647)::float8 / 2147483648.0 $$")  # fmt: skip
        # A normal draw (Box–Muller) from two uniforms.
        cursor.execute("CREATE OR REPLACE FUNCTION pg_temp.city_gauss(k bigint, salt int, mean float8, sd float8) RETURNS float8 "
                       "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT mean + sd * sqrt(-2 * ln(1 - "
                       "pg_temp.city_u(k, salt))) * cos(2 * pi() * pg_temp.city_u(k, salt + 1)) $$")  # fmt: skip
        # A Poisson count by the inverse of its distribution (one uniform; means here stay under 60).
        cursor.execute("CREATE OR REPLACE FUNCTION pg_temp.city_poisson(mean float8, u float8) RETURNS int LANGUAGE plpgsql "
                       "IMMUTABLE PARALLEL SAFE AS $$ DECLARE k int := 0; p float8 := exp(-mean); s float8 := p; "
                       f"BEGIN IF mean <= 0 THEN RETURN 0; END IF; WHILE u > s AND k < {MAX_CONTRACTS} LOOP "
                       "k := k + 1; p := p * mean / k; s := s + p; END LOOP; RETURN k; END $$")  # fmt: skip
        cursor.execute("CREATE TEMPORARY TABLE city_demand (service text, day date, before float8, upto float8, "
                       "PRIMARY KEY (service, day))")  # fmt: skip
        cursor.execute("CREATE TEMPORARY TABLE city_services (service text PRIMARY KEY, per_year float8, low int, "
                       "high int)")  # fmt: skip
        cursor.execute("CREATE TEMPORARY TABLE city_away (day date PRIMARY KEY, year int)")
        cursor.execute("CREATE TEMPORARY TABLE city_places (district text PRIMARY KEY, neighbours text[])")


def drop_tables() -> None:
    with connection.cursor() as cursor:
        for table in ("city_contracts", "city_checks", "city_spans", "city_demand", "city_services", "city_away", "city_places"):
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{table}")


class Spans:
    """The spans as the generator yields them, copied into `city_spans` 20,000 at a time."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(tuple(row[c] for c in SPAN_COLUMNS))
        if len(self.rows) >= 20_000:
            self.flush()

    def flush(self) -> None:
        _copy("city_spans", SPAN_COLUMNS, self.rows)
        self.rows = []


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def tabulate(first: dt.date, last: dt.date) -> None:
    """The seasons (a running sum of each service's demand weight, day by day), the services' rates, the festival
    days away and the districts' neighbours, as small tables the draw joins."""
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    demand: list[tuple[Any, ...]] = []
    for service in cm.SERVICES:
        total = 0.0
        for day in days:
            weight = cm.demand_weight(service, day)
            demand.append((service, day, total, total + weight))
            total += weight
    _copy("city_demand", ("service", "day", "before", "upto"), demand)
    _copy("city_services", ("service", "per_year", "low", "high"),
          [(code, rate, low, high) for code, (_, rate, (low, high)) in cm.SERVICES.items()])  # fmt: skip
    _copy("city_away", ("day", "year"), [(d, d.year + (1 if d.month > 6 else 0)) for d in days if cm.away_for_festival(d)])
    _copy("city_places", ("district", "neighbours"), [(d, list(n)) for d, n in NEIGHBOURS.items()])
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX ON city_demand (service, upto)")
        cursor.execute("ANALYZE city_demand")
        cursor.execute("ANALYZE city_spans")


# Each draw's salt: what the uniform is for (a contract's salts are on its own key, span × 1000 + n).
_DRAW = """
CREATE TEMPORARY TABLE city_contracts AS
WITH counted AS (
  SELECT s.*, pg_temp.city_poisson(r.per_year * (s.end_on - s.start_on) / 365.0, pg_temp.city_u(s.key, 1)) AS n
    FROM city_spans s JOIN city_services r ON r.service = s.types[1]
), drawn AS (
  SELECT c.key, c.key * 1000 + i AS k, c.worker_uid, c.agency_id, c.district, c.quality, c.start_on, c.end_on,
         CASE WHEN cardinality(c.types) = 1 OR pg_temp.city_u(c.key * 1000 + i, 2) < 0.7 THEN c.types[1]
              ELSE c.types[2 + floor(pg_temp.city_u(c.key * 1000 + i, 3) * (cardinality(c.types) - 1))::int] END
           AS service
    FROM counted c CROSS JOIN LATERAL generate_series(1, LEAST(c.n, {most})) AS i
), placed AS (
  SELECT d.*, lo.before + pg_temp.city_u(d.k, 4) * (hi.upto - lo.before) AS target
    FROM drawn d JOIN city_demand lo ON lo.service = d.service AND lo.day = d.start_on
                 JOIN city_demand hi ON hi.service = d.service AND hi.day = d.end_on
), started AS (
  SELECT p.*, first.day AS day
    FROM placed p CROSS JOIN LATERAL (SELECT x.day FROM city_demand x WHERE x.service = p.service
                                        AND x.upto >= p.target ORDER BY x.upto LIMIT 1) AS first
   WHERE NOT EXISTS (SELECT 1 FROM city_away a WHERE a.day = first.day
                       AND pg_temp.city_u(p.key, 100 + a.year - 2000) > {stay})
), shaped AS (
  SELECT s.*, s.day + (r.low + floor(pg_temp.city_u(s.k, 5) * (r.high - r.low + 1))::int - 1) AS finish,
         pg_temp.city_u(s.k, 6) AS place_roll, pg_temp.city_u(s.k, 7) AS place_pick
    FROM started s JOIN city_services r ON r.service = s.service
)
SELECT h.k, h.key, md5('{seed}:contract:' || h.k) AS uid, h.worker_uid, h.agency_id, h.district AS agency_district,
       CASE WHEN h.place_roll < 0.7 THEN h.district
            WHEN h.place_roll < 0.95 THEN pl.neighbours[1 + floor(h.place_pick * cardinality(pl.neighbours))::int]
            ELSE (SELECT array_agg(district ORDER BY district) FROM city_places)[1 + floor(h.place_pick * 16)::int]
       END AS place,
       h.service, h.day AS start_on, h.finish AS end_on, h.day - floor(pg_temp.city_u(h.k, 8) * 8)::int AS signed_on,
       h.finish < DATE '{until}' AND pg_temp.city_u(h.k, 9) < {evaluated} AS evaluated,
       LEAST(h.finish + floor(pg_temp.city_u(h.k, 10) * 6)::int, DATE '{until}') AS evaluated_on,
       pg_temp.city_u(h.k, 11) < 0.003 + 0.06 * power(1 - h.quality, 2) AS complained, h.quality
  FROM shaped h JOIN city_places pl ON pl.district = h.district
"""


# Health checks and insurance, yearly from a few days after registration while registered: year i's check is on
# the first day + 365 i + the delays of the years before; a year the agency did not keep up (kept_up) has no
# insurance and the next check comes up to 60 days late. Salts are on the span's key (1000+, 2000+, 3000+ year).
_CHECKS = """
CREATE TEMPORARY TABLE city_checks AS
SELECT * FROM (
  SELECT s.key, y.i, s.worker_uid, s.agency_id, s.district, s.end_on, y.lapse,
         pg_temp.city_u(s.key, 3000 + y.i) > 0.01 AS passed,
         s.registered_on + 1 + floor(pg_temp.city_u(s.key, 30) * 10)::int + 365 * y.i + COALESCE((
           SELECT SUM(floor(pg_temp.city_u(s.key, 2000 + j) * 61))::int FROM generate_series(0, y.i - 1) AS j
            WHERE pg_temp.city_u(s.key, 1000 + j) > {kept_up}), 0) AS day
    FROM city_spans s CROSS JOIN LATERAL (
      SELECT i, pg_temp.city_u(s.key, 1000 + i) > {kept_up} AS lapse FROM generate_series(0, {years}) AS i) AS y
) AS yearly WHERE day <= end_on
"""


def draw(seed: int, until: dt.date) -> int:
    """Draw every span's contracts into `city_contracts`; how many."""
    assert cm.complaint_chance(0.0) == 0.003 + 0.06  # the SQL above writes the same chance out
    sql = _DRAW.format(most=MAX_CONTRACTS, stay=cm.STAY_SHARE, seed=int(seed), until=until.isoformat(),
                       evaluated=cm.EVALUATED)  # fmt: skip
    assert cm.kept_up(0.0) == 0.6 and cm.kept_up(1.0) == 1.0  # written out below as 0.6 + 0.4 × quality
    with connection.cursor() as cursor:
        cursor.execute(_CHECKS.format(kept_up="0.6 + 0.4 * s.agency_quality", years=_most_years(cursor)))
        cursor.execute(sql)
        cursor.execute("SELECT COUNT(*) FROM city_contracts")
        return int(cursor.fetchone()[0])


def _most_years(cursor: Any) -> int:
    """The most yearly checks a span can have (its days / 365, and one for the delays)."""
    cursor.execute("SELECT COALESCE(MAX(end_on - registered_on), 0) FROM city_spans")
    return int(cursor.fetchone()[0]) // 365 + 1


def _insert(model: type[models.Model], select: dict[str, str], source: str) -> int:
    """INSERT INTO the model's table the columns given as SQL expressions over `source`; every other column takes
    the model's default (worked out once, as a parameter)."""
    names, exprs, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        names.append(connection.ops.quote_name(str(field.column)))
        if str(field.column) in select:
            exprs.append(select[str(field.column)])
        else:
            exprs.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(exprs)} FROM {source}", params)
        return int(cursor.rowcount)


def _day_text(column: str) -> str:
    return f"to_char({column}, 'YYYY-MM-DD')"


def _month(column: str) -> str:
    return f"(EXTRACT(YEAR FROM {column})::int * 100 + EXTRACT(MONTH FROM {column})::int)"


def _at(column: str, hour: int) -> str:
    """A moment on the day at `hour` in Shanghai (UTC+8, no summer time), as city_model.at_noon makes it."""
    return f"(({column} + make_interval(hours => {hour - 8}))::timestamp AT TIME ZONE 'UTC')"


def _scores() -> tuple[str, str]:
    marks = [f"LEAST(GREATEST(round(pg_temp.city_gauss(c.k, {20 + 2 * n}, 2.6 + 2.4 * c.quality, 0.7)), 1), 5)::int"
             for n in range(len(cm.SCORES))]  # fmt: skip
    assert cm.evaluation_mean(1.0) == 2.6 + 2.4
    scores = "jsonb_build_object(" + ", ".join(f"'{d}', {m}" for d, m in zip(cm.SCORES, marks, strict=True)) + ")"
    overall = f"round((({' + '.join(marks)}) / {len(marks)}.0)::numeric, 2)::float8"
    return scores, overall


def write(seed: int) -> dict[str, int]:
    """The drawn contracts and evaluations into the centre's tables and the facts; counts by table."""
    from centre.analytics.models import FactContract, FactEvaluation
    from centre.evaluations.models import Evaluation
    from centre.sync.models import Record

    data = ("jsonb_build_object('worker_uid', c.worker_uid, 'signed_on', {signed}, 'service_type', c.service, "
            "'period_from', {start}, 'period_to', {end}, 'district', c.place)").format(
        signed=_day_text("c.signed_on"), start=_day_text("c.start_on"), end=_day_text("c.end_on"))  # fmt: skip
    counts = {"records": _insert(Record, {"entity": "'contract'", "entity_uid": "c.uid", "version": "1",
                                          "agency_id": "c.agency_id", "data": data, "simulated": "true",
                                          "updated_at": _at("c.signed_on", 9)}, "city_contracts c")}  # fmt: skip
    counts["analytics_contracts"] = _insert(FactContract, {
        "contract_uid": "c.uid", "worker_uid": "c.worker_uid", "agency_id": "c.agency_id", "district": "c.place",
        "service_type": "c.service", "signed_on": "c.signed_on", "start_on": "c.start_on", "end_on": "c.end_on",
        "month": _month("c.start_on"), "start_week": "date_trunc('week', c.start_on)::date"}, "city_contracts c")  # fmt: skip
    for table, n in _write_checks(seed).items():
        counts[table] = counts.get(table, 0) + n
    scores, overall = _scores()
    evaluated = (f"(SELECT c.*, md5('{int(seed)}:evaluation:' || c.k) AS eval_uid, {scores} AS scores, "
                 f"{overall} AS overall FROM city_contracts c WHERE c.evaluated) e")  # fmt: skip
    counts["consumer_evaluations"] = _insert(Evaluation, {
        "uid": "e.eval_uid", "contract_uid": "e.uid", "code": "'D' || lpad(e.k::text, 12, '0')",
        "worker_uid": "e.worker_uid", "agency_id": "e.agency_id", "service_type": "e.service", "scores": "e.scores",
        "overall": "e.overall", "comment": "''", "editor_hash": "encode(sha256(convert_to(e.uid, 'UTF8')), 'hex')",
        "revision": "1", "created_at": _at("e.evaluated_on", 20), "updated_at": _at("e.evaluated_on", 20)}, evaluated)  # fmt: skip
    counts["analytics_evaluations"] = _insert(FactEvaluation, {
        "uid": "e.eval_uid", "source": "'consumer'", "worker_uid": "e.worker_uid", "agency_id": "e.agency_id",
        "district": "e.agency_district", "service_type": "e.service", "contract_uid": "e.uid",
        "on": "e.evaluated_on", "month": _month("e.evaluated_on"), "overall": "e.overall"}, evaluated)  # fmt: skip
    return counts


def _write_checks(seed: int) -> dict[str, int]:
    """The drawn health checks and insurance into the records and the facts; counts by table."""
    from centre.analytics.models import FactHealthCheck, FactInsurance
    from centre.sync.models import Record

    checked, expires = _day_text("c.day"), _day_text("c.day + 365")
    health = (f"jsonb_build_object('worker_uid', c.worker_uid, 'checked_on', {checked}, 'expires_on', {expires}, "
              f"'passed', c.passed)")  # fmt: skip
    insured = (f"jsonb_build_object('worker_uid', c.worker_uid, 'starts_on', {checked}, 'expires_on', "
               f"{_day_text('c.day + 364')})")  # fmt: skip
    source = (f"(SELECT *, md5('{int(seed)}:health:' || key || ':' || i) AS health_uid, md5('{int(seed)}:insurance:' "
              f"|| key || ':' || i) AS insurance_uid FROM city_checks) c")  # fmt: skip
    insured_only = source.replace("FROM city_checks)", "FROM city_checks WHERE NOT lapse)")
    records = _insert(Record, {"entity": "'health_check'", "entity_uid": "c.health_uid", "version": "1",
                         "agency_id": "c.agency_id", "data": health, "simulated": "true",
                         "updated_at": _at("c.day", 11)}, source)  # fmt: skip
    records += _insert(Record, {"entity": "'insurance'", "entity_uid": "c.insurance_uid", "version": "1",
                          "agency_id": "c.agency_id", "data": insured, "simulated": "true",
                          "updated_at": _at("c.day", 12)}, insured_only)  # fmt: skip
    health_facts = _insert(FactHealthCheck, {"uid": "c.health_uid", "worker_uid": "c.worker_uid", "agency_id": "c.agency_id",
                              "district": "c.district", "checked_on": "c.day", "month": _month("c.day"),
                              "expires_on": "c.day + 365", "passed": "c.passed"}, source)  # fmt: skip
    insurance_facts = _insert(FactInsurance, {"uid": "c.insurance_uid", "worker_uid": "c.worker_uid", "agency_id": "c.agency_id",
                            "district": "c.district", "starts_on": "c.day", "month": _month("c.day"),
                            "expires_on": "c.day + 364"}, insured_only)  # fmt: skip
    return {"records": records, "analytics_health_checks": health_facts, "analytics_insurance": insurance_facts}


def complained() -> Iterator[tuple[str, bool, str, dt.date, dt.date]]:
    """The contracts that drew a complaint, in their order: (ID number, bad actor, agency, first day, last day)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT s.id_number, s.bad, c.agency_id, c.start_on, c.end_on FROM city_contracts c "
                       "JOIN city_spans s ON s.key = c.key WHERE c.complained ORDER BY c.k")  # fmt: skip
        yield from cursor.fetchall()
