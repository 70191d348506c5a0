"""The centre's decisions about credentials: revoke, suspend, resume, return for correction. Each sets the
credential's hold (which no terminal event can undo), and is written to the decisions feed for the
credential's agency, in one transaction."""

from __future__ import annotations

from django.db import transaction

from centre.credentials.lifecycle import NOT_YET_ISSUED, Hold
from centre.credentials.models import Credential
from centre.errors import DecisionNotApplicable, UnknownCredential
from centre.sync import feed
from centre.sync.models import Decision
from wirecontract.protocol import iso, utc_now

# The command's word → (the hold it sets, the feed kind terminals apply).
DECISIONS = {
    "revoked": (Hold.REVOKED, "credential.revoked"),
    "suspended": (Hold.SUSPENDED, "credential.suspended"),
    "valid": (Hold.NONE, "credential.resumed"),
    "returned": (Hold.RETURNED, "credential.returned"),
}
STATUSES = tuple(DECISIONS)


def set_credential_status(credential_no: str, status: str, reason: str) -> Decision:
    if status not in DECISIONS:
        raise ValueError(f"unknown credential decision {status!r}")
    hold, kind = DECISIONS[status]
    with transaction.atomic():
        credential = Credential.objects.select_for_update().filter(pk=credential_no).first()
        if credential is None:
            raise UnknownCredential(credential_no=credential_no)
        _check_applicable(credential, hold)
        now = utc_now()
        credential.hold = hold.value
        if hold is Hold.REVOKED:
            credential.state = "revoked"
        elif hold is Hold.SUSPENDED and credential.state == "issued":
            credential.state = "suspended"
        elif hold is Hold.NONE and credential.state == "suspended":
            credential.state = "issued"
        elif hold is Hold.RETURNED:
            credential.state = "applied"  # it waits for approval again, as the terminal will show it
        credential.status_version = (credential.status_version or 0) + 1
        credential.status_reason = reason
        credential.updated_at = now
        credential.save()
        data = {"credential_no": credential_no, "version": credential.status_version, "reason": reason, "at": iso(now)}
        return feed.post(kind, data, credential.agency_id, now)


def _check_applicable(credential: Credential, hold: Hold) -> None:
    if credential.hold == Hold.REVOKED or credential.state == "revoked":
        raise DecisionNotApplicable(credential_no=credential.credential_no, why="已注销 / already revoked")
    if hold is Hold.NONE and credential.hold not in (Hold.SUSPENDED, Hold.RETURNED):
        raise DecisionNotApplicable(credential_no=credential.credential_no,
                                    why="中心未暂停或退回 / not suspended or returned by the centre")  # fmt: skip
    if hold is Hold.RETURNED and credential.state not in NOT_YET_ISSUED:
        raise DecisionNotApplicable(credential_no=credential.credential_no,
                                    why="只能退回尚未发证的申请 / only applications not yet issued can be returned")  # fmt: skip
