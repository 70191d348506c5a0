"""What the identity registry says of the credential holders one push names: their latest registration and their
latest background check, fetched once for the push (two queries per 500 holders), not twice for each holder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from centre.sync import pushed
from centre.sync.models import BackgroundCheck, IdentityRegistration
from centre.sync.pushed import Registration

_CHUNK = 500  # keeps IN (...) lists under SQLite's variable limit


class Holders:
    def __init__(self) -> None:
        self._registrations: dict[str, Registration | None] = {}  # worker uid → latest registration (None: none)
        self._checks: dict[str, str | None] = {}  # ID number → the latest check's result (None: no check)

    def prefetch(self, worker_uids: Iterable[str], known: Iterable[Registration], numbers: Iterable[str]) -> None:
        """`known`: the current registrations the push holds already; `numbers`: the ID numbers it registers."""
        held = {r.worker_uid: r for r in known}
        wanted = sorted({uid for uid in worker_uids if uid and uid not in held})
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            self._registrations.update((uid, None) for uid in chunk)
            rows = IdentityRegistration.objects.filter(worker_uid__in=chunk).order_by("id")
            for values in rows.values_list(*pushed.REGISTRATION_FIELDS):
                registration = pushed.registration(values)
                self._registrations[registration.worker_uid] = registration  # by id: the latest last
        people = sorted({*numbers, *(r.id_number for r in (*held.values(), *self._registrations.values()) if r)})
        for start in range(0, len(people), _CHUNK):
            chunk = people[start : start + _CHUNK]
            self._checks.update((number, None) for number in chunk)
            checks = BackgroundCheck.objects.filter(id_number__in=chunk).order_by("checked_at", "id")
            self._checks.update(checks.values_list("id_number", "result"))  # the latest last

    def registration(self, worker_uid: str) -> Registration | None:
        """The worker's latest registration, whichever agency and whether released or not."""
        if worker_uid not in self._registrations:
            rows = IdentityRegistration.objects.filter(worker_uid=worker_uid).order_by("-id")
            found = rows.values_list(*pushed.REGISTRATION_FIELDS).first()
            self._registrations[worker_uid] = pushed.registration(found) if found is not None else None
        return self._registrations[worker_uid]

    def adverse(self, id_number: str) -> bool:
        """Whether the person's latest background check is adverse."""
        if id_number not in self._checks:
            latest = BackgroundCheck.objects.filter(id_number=id_number).order_by("-checked_at", "-id")
            self._checks[id_number] = latest.values_list("result", flat=True).first()
        return self._checks[id_number] == "adverse"

    def released(self, worker_uid: str, agency_id: str, now: dt.datetime) -> None:
        """The push released the worker from the agency (its rows are updated in the database as it goes)."""
        registration = self._registrations.get(worker_uid)
        if registration is not None and registration.agency_id == agency_id and registration.released_at is None:
            registration.released_at = now
