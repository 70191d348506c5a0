"""Connecting supply and demand (供需对接): for a shortage of a service type in a district, the agencies with idle
certified workers of that type in the district or a neighbouring one (dimensions.NEIGHBOURS, the city's
adjacency kept as data). Django-free."""

from __future__ import annotations

from dataclasses import dataclass

from centre.analytics.dimensions import NEIGHBOURS


@dataclass(frozen=True)
class Helper:
    agency_id: str
    district: str
    idle: int
    same_district: bool


class Idle:
    """Idle certified workers now, by (agency, district, service type)."""

    def __init__(self, idle_now: dict[tuple[str, str, str], int]) -> None:
        self.idle_now = idle_now

    def for_shortage(self, service_type: str, district: str, limit: int = 10) -> list[Helper]:
        near = set(NEIGHBOURS.get(district, ()))
        helpers = [Helper(agency, where, n, where == district) for (agency, where, kind), n in self.idle_now.items()
                   if kind == service_type and n > 0 and (where == district or where in near)]  # fmt: skip
        helpers.sort(key=lambda h: (not h.same_district, -h.idle, h.agency_id))
        return helpers[:limit]
