"""Supervision (行业监管): the dynamic figures a regulator watches and the anomaly flags.

- **Jumps.** An agency's complaints or revocations in a month against its own mean over the six months before:
  flagged when the month has at least `JUMP_MIN` and more than `JUMP_FACTOR` × that mean + 1 (read from the
  monthly rollup, so it costs one range scan per measure).
- **Movers with adverse records.** A person who moved to another agency (a transfer) and has at least
  `ADVERSE_MIN` adverse records over both registrations: upheld complaints, negative integrity records, revoked
  credentials. Shown by worker uid and agencies only (no names or ID numbers)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from centre.analytics import statistics as st

JUMP_MIN = 3
JUMP_FACTOR = 2.0
BASELINE_MONTHS = 6
ADVERSE_MIN = 2
KEY_MEASURES = ("certified_workers", "active_credentials", "registrations", "contracts", "complaints",
                "complaints_upheld", "revocations", "evaluations")  # fmt: skip


@dataclass(frozen=True)
class Jump:
    agency_id: str
    district: str
    measure: str  # complaints | revocations
    month: int
    n: int
    baseline: float  # mean of the six months before


@dataclass(frozen=True)
class AdverseMover:
    worker_uid: str  # under the receiving agency
    previous_worker_uid: str
    from_agency_id: str
    to_agency_id: str
    on: str
    upheld_complaints: int
    negative_records: int
    revocations: int

    @property
    def adverse(self) -> int:
        return self.upheld_complaints + self.negative_records + self.revocations


@dataclass(frozen=True)
class Dynamic:
    measure: str
    now: float
    month_before: float
    year_before: float



def dynamics(month: int, where: st.Slice) -> list[Dynamic]:
    from centre.analytics.trends import value_of

    months = st.months_between(st.shift_month(month, -12), month)
    found = []
    for measure in KEY_MEASURES:
        values = [value_of(measure, f) for f in st.series(measure, where, months).get("", [st.Figure(0)] * 13)]
        found.append(Dynamic(measure, values[-1], values[-2], values[0]))
    return found


def jumps(month: int) -> list[Jump]:
    months = st.months_between(st.shift_month(month, -BASELINE_MONTHS), month)
    districts = _agency_districts()
    found = []
    for measure in ("complaints", "revocations"):
        for agency, figures in st.series(measure, st.Slice(), months, by="agency_id").items():
            now = figures[-1].n
            baseline = sum(f.n for f in figures[:-1]) / BASELINE_MONTHS
            if now >= JUMP_MIN and now > JUMP_FACTOR * baseline + 1:
                found.append(Jump(agency, districts.get(agency, ""), measure, month, now, round(baseline, 2)))
    found.sort(key=lambda j: (-(j.n - j.baseline), j.agency_id, j.measure))
    return found


def _agency_districts() -> dict[str, str]:
    from centre.analytics.dimensions import district_of
    from centre.terminals.models import Agency

    return {a: district_of(d) for a, d in Agency.objects.values_list("id", "district")}


# The latest transfers, each person's adverse records over both registrations counted in one statement: the
# adverse records are few (upheld complaints, negative integrity records, revocations), so they are read for the
# movers only and joined to both uids, instead of probing each fact table's index for 40,000 uids from Python.
_MOVERS_SQL = """
WITH moves AS (
    SELECT worker_uid, previous_worker_uid, from_agency_id, agency_id, "on"
    FROM analytics_transfers ORDER BY "on" DESC, registration_id DESC LIMIT %(window)s
), people AS (
    SELECT worker_uid AS uid FROM moves UNION SELECT previous_worker_uid FROM moves
), adverse AS (
    SELECT worker_uid AS uid, 1 AS upheld, 0 AS negative, 0 AS revoked FROM analytics_complaints
    WHERE outcome = 'upheld' AND worker_uid IN (SELECT uid FROM people)
    UNION ALL SELECT worker_uid, 0, 1, 0 FROM analytics_integrity
    WHERE subject = 'worker' AND polarity = 'negative' AND worker_uid IN (SELECT uid FROM people)
    UNION ALL SELECT worker_uid, 0, 0, 1 FROM analytics_credentials
    WHERE end_kind = 'revoked' AND worker_uid IN (SELECT uid FROM people)
), per_person AS (
    SELECT uid, SUM(upheld) AS upheld, SUM(negative) AS negative, SUM(revoked) AS revoked FROM adverse GROUP BY uid
), counted AS (
    SELECT m.worker_uid, m.previous_worker_uid, m.from_agency_id, m.agency_id, m."on",
           COALESCE(a.upheld, 0) + COALESCE(b.upheld, 0) AS upheld,
           COALESCE(a.negative, 0) + COALESCE(b.negative, 0) AS negative,
           COALESCE(a.revoked, 0) + COALESCE(b.revoked, 0) AS revoked
    FROM moves m LEFT JOIN per_person a ON a.uid = m.worker_uid LEFT JOIN per_person b ON b.uid = m.previous_worker_uid
)
SELECT * FROM counted WHERE upheld + negative + revoked >= %(least)s
ORDER BY upheld + negative + revoked DESC, worker_uid LIMIT %(limit)s
"""
MOVERS_WINDOW = 20_000  # the latest transfers looked at


def adverse_movers(limit: int = 200) -> list[AdverseMover]:
    with connection.cursor() as cursor:
        cursor.execute(_MOVERS_SQL, {"window": MOVERS_WINDOW, "least": ADVERSE_MIN, "limit": limit})
        rows = cursor.fetchall()
    return [AdverseMover(new, old, source, target, "" if on is None else on if isinstance(on, str) else on.isoformat(),
                         int(upheld), int(negative), int(revoked))
            for new, old, source, target, on, upheld, negative, revoked in rows]  # fmt: skip
