"""Supervision (行业监管): the dynamic figures a regulator watches and the anomaly flags.

- **Jumps.** An agency's complaints or revocations in a month against its own mean over the six months before:
  flagged when the month has at least `JUMP_MIN` and more than `JUMP_FACTOR` × that mean + 1 (read from the
  monthly rollup, so it costs one range scan per measure).
- **Movers with adverse records.** A person who moved to another agency (a transfer) and has at least
  `ADVERSE_MIN` adverse records over both registrations: upheld complaints, negative integrity records, revoked
  credentials. Shown by worker uid and agencies only (no names or ID numbers)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from centre.analytics import any_of  # noqa: F401  (registers field__any_of)
from centre.analytics import statistics as st
from centre.analytics.models import FactComplaint, FactCredential, FactIntegrity, FactTransfer

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


def adverse_movers(limit: int = 200) -> list[AdverseMover]:
    transfers = list(FactTransfer.objects.values_list("worker_uid", "previous_worker_uid", "from_agency_id",
                                                      "agency_id", "on").order_by("-on")[:20_000])  # fmt: skip
    people = {uid for t in transfers for uid in (t[0], t[1])}
    complaints = _count(FactComplaint.objects.filter(outcome="upheld", worker_uid__any_of=list(people)))
    negative = _count(FactIntegrity.objects.filter(subject="worker", polarity="negative", worker_uid__any_of=list(people)))
    revoked = _count(FactCredential.objects.filter(end_kind="revoked", worker_uid__any_of=list(people)))
    found = []
    for new, old, source, target, on in transfers:
        mover = AdverseMover(new, old, source, target, on.isoformat() if on else "",
                             complaints[new] + complaints[old], negative[new] + negative[old],
                             revoked[new] + revoked[old])  # fmt: skip
        if mover.adverse >= ADVERSE_MIN:
            found.append(mover)
    found.sort(key=lambda m: (-m.adverse, m.worker_uid))
    return found[:limit]


def _count(rows: object) -> Counter[str]:
    return Counter(rows.values_list("worker_uid", flat=True))  # type: ignore[attr-defined]
