"""Moving between agencies (离职/转出) at the centre: the centre releases a person from their agency once the
person's credentials are revoked (for leaving) or never issued, so another agency can register them. The
person's history stays whole: the released registration remains, with its time and reason."""

from __future__ import annotations

from django.db import transaction

from centre.credentials.models import Credential
from centre.errors import ReleaseRefused
from centre.sync import feed
from centre.sync.identity_rules import normalise_id_number
from centre.sync.models import IdentityRegistration
from wirecontract.protocol import iso, utc_now


def release_person(id_number: str, reason: str) -> IdentityRegistration:
    number = normalise_id_number(id_number)
    with transaction.atomic():
        registration = (IdentityRegistration.objects.select_for_update()
                        .filter(id_number=number, released_at__isnull=True).first())  # fmt: skip
        if registration is None:
            raise ReleaseRefused(who="该人员 / this person", why="没有机构登记 / no agency has them registered")
        live = Credential.objects.filter(worker_uid=registration.worker_uid).exclude(state__in=("revoked", "expired"))
        if live.exists():
            raise ReleaseRefused(who="该人员 / this person",
                                 why="仍有未注销的证件，请先注销 / a credential is still live: revoke it first")  # fmt: skip
        now = utc_now()
        registration.released_at = now
        registration.release_reason = reason[:500]
        registration.save(update_fields=["released_at", "release_reason"])
        data = {"worker_uid": registration.worker_uid, "reason": reason, "released_at": iso(now)}
        feed.post("worker.released", data, registration.agency_id, now)
        return registration
