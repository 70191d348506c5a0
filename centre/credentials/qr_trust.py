"""Whether a scanned QR code may be believed: signed by a key the centre enrolled, for the agency that owns
the credential number, by a terminal not revoked as compromised (nor signed after its retirement), and saying
what the centre's record says (number, version, holder, expiry). Key policy: docs/keys-and-trust.md."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from centre.credentials.public_status import RegisterEntry
from centre.credentials.register import terminal_number_of
from centre.subqueries import CompiledRead
from centre.terminals.models import Terminal
from wirecontract import qrpayload
from wirecontract.errors import ContractError
from wirecontract.qrpayload import CredentialClaims
from wirecontract.signing import b64url_decode

COMPROMISED = "签发终端已被中心吊销（密钥可能泄露），该终端签发的证件一律无效。"
NOT_THE_AGENCYS = "证件编号不属于签发机构，证件是伪造的。"
SIGNED_AFTER_RETIREMENT = "签发终端停用之后签发，证件无效。"
HOLDER_DIFFERS = "二维码上的持证人与中心记录不符，证件可能是伪造的。"
EXPIRY_DIFFERS = "二维码上的有效期与中心记录不符，证件可能被改动。"
VERSION_UNKNOWN = "二维码上的版本中心没有记录，证件可能是伪造的。"
OTHER_AGENCY = "中心记录中该证件属于其他机构，证件是伪造的。"


@dataclass(frozen=True)
class CheckedQr:
    claims: CredentialClaims | None  # None: not a QR of this system at all
    refusal: str | None  # why it is not to be believed, in Chinese
    agency_id: str | None = None
    agency_of_record: str | None = None

    def disagreement_with(self, entry: RegisterEntry, agency_id: str | None = None) -> str | None:
        """Why the QR's statements disagree with the centre's record (None when they agree)."""
        claims = self.claims
        assert claims is not None
        if self.agency_of_record is not None and self.agency_of_record != self.agency_id:
            return OTHER_AGENCY
        if claims.version > entry.version:
            return VERSION_UNKNOWN
        if entry.holder_name and claims.name and claims.name != entry.holder_name:
            return HOLDER_DIFFERS
        if claims.version == entry.version and entry.valid_to and claims.valid_to.isoformat() != entry.valid_to:
            return EXPIRY_DIFFERS
        return None


NO_RANGE = "(none)"


@dataclass(frozen=True)
class Signer:
    """The enrolled terminal whose key signed a QR, as the centre knows it, and the agency the centre's record
    gives the credential to (None: no such record)."""

    key_id: str
    public_key: str
    agency_id: str
    compromised: bool
    revoked_at: dt.datetime | None
    holds_range: bool  # the signer's agency holds the terminal range the credential number is in
    record_owner: str | None


def _signer(key_id: str, credential_no: str, number: str) -> QuerySet[Terminal]:
    from centre.credentials.models import Credential

    return Terminal.objects.filter(key_id=key_id).annotate(
        holds_range=Exists(Terminal.objects.filter(agency_id=OuterRef("agency_id"), terminal_number=number)),
        record_owner=Subquery(Credential.objects.filter(pk=credential_no).values("agency_id")[:1]),
    )


_SIGNER = CompiledRead(Terminal, _signer, "key_id", "credential_no", "number")


def scanned_qr(scanned: str) -> qrpayload.DecodedCredential | None:
    """The scanned text as a QR of this system (None: it is not one)."""
    try:
        return _decoded(scanned)
    except ContractError:
        return None


def range_of(claims: CredentialClaims) -> str:
    """The terminal range the credential number is in, as the signer's agency must hold it; a number of no range
    (terminal_number is at most 4 characters) is compared with one no row holds."""
    return terminal_number_of(claims.credential_no) or NO_RANGE


def signer_of(decoded: qrpayload.DecodedCredential) -> Signer | None:
    """One query: the signing terminal, whether its agency holds the number's terminal range, and the agency the
    centre's record gives the credential to (read whatever the outcome: one round trip costs more than a column)."""
    claims = decoded.claims
    row: Any = _SIGNER.first(key_id=decoded.terminal_key_id, credential_no=claims.credential_no, number=range_of(claims))
    if row is None:
        return None
    return Signer(row.key_id, row.public_key, row.agency_id, bool(row.compromised), row.revoked_at,
                  bool(row.holds_range), row.record_owner)  # fmt: skip


def check_scanned(scanned: str, today: dt.date, allow_demo: bool) -> CheckedQr:
    """The verdict on a scanned QR, its signer read on its own (the e-credential's pages, the complaint form); the
    verification page reads the signer with the credential's record (standing.door_record_and_signer)."""
    decoded = scanned_qr(scanned)
    if decoded is None:
        return CheckedQr(None, None)
    return judged(scanned, decoded, signer_of(decoded), today, allow_demo)


def judged(scanned: str, decoded: qrpayload.DecodedCredential, signer: Signer | None, today: dt.date,
           allow_demo: bool) -> CheckedQr:  # fmt: skip
    """The verdict on a scanned QR given its signer as the centre knows it (`signer_of`, or read with the
    credential's record: centre/credentials/standing.py)."""
    claims = decoded.claims
    known = (signer.key_id, signer.public_key) if signer else None
    result = _verified(scanned, known, today, allow_demo)
    if not result.valid or signer is None:
        return CheckedQr(claims, result.reason.explain("zh"))
    if signer.compromised:
        return CheckedQr(claims, COMPROMISED)
    if not signer.holds_range:
        return CheckedQr(claims, NOT_THE_AGENCYS)
    if signer.revoked_at is not None and claims.valid_from > signer.revoked_at.date():
        return CheckedQr(claims, SIGNED_AFTER_RETIREMENT)
    return CheckedQr(claims, None, signer.agency_id, signer.record_owner)


# A card is scanned again and again (each visit, each check by a platform): its parse and its signature check are
# pure functions of the scanned text, the signer's key, the day and the demo switch, so a process keeps the last
# answers instead of decoding twice and checking the Ed25519 signature each time. Revocation and the record are
# read from the database on every request: nothing that can change is kept.
@functools.lru_cache(maxsize=4096)
def _decoded(scanned: str) -> qrpayload.DecodedCredential:
    return qrpayload.decode(scanned)


@functools.lru_cache(maxsize=4096)
def _verified(
    scanned: str, known: tuple[str, str] | None, today: dt.date, allow_demo: bool
) -> qrpayload.VerificationResult:
    keys = {known[0]: b64url_decode(known[1])} if known else {}
    return qrpayload.verify(scanned, keys, today=today, allow_demo=allow_demo)
