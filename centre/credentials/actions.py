"""The centre's decisions about credentials: revoke, suspend, resume. Each is written to the status register
and to the decisions feed for the credential's agency, in one transaction."""

from __future__ import annotations

from django.db import transaction

from centre.credentials.models import Credential
from centre.errors import UnknownCredential
from centre.sync import feed
from centre.sync.models import Decision
from wirecontract.protocol import iso, utc_now

_FEED_KIND = {"revoked": "credential.revoked", "suspended": "credential.suspended", "valid": "credential.resumed"}
STATUSES = tuple(_FEED_KIND)


def set_credential_status(credential_no: str, status: str, reason: str) -> Decision:
    if status not in _FEED_KIND:
        raise ValueError(f"unknown credential status {status!r}")
    with transaction.atomic():
        credential = Credential.objects.select_for_update().filter(pk=credential_no).first()
        if credential is None:
            raise UnknownCredential(credential_no=credential_no)
        now = utc_now()
        credential.status = status
        credential.status_version = (credential.status_version or 0) + 1
        credential.status_reason = reason
        credential.updated_at = now
        credential.save()
        data = {"credential_no": credential_no, "version": credential.status_version, "reason": reason, "at": iso(now)}
        return feed.post(_FEED_KIND[status], data, credential.agency_id, now)
