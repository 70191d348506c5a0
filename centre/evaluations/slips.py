"""Whether an evaluation slip may be believed: signed by an enrolled terminal not revoked as compromised (nor
signed after its retirement), about a worker of that terminal's agency. The same key policy as the credential QR
(docs/keys-and-trust.md)."""

from __future__ import annotations

from dataclasses import dataclass

from centre.credentials.public_status import mask_name
from centre.evaluations import errors as e
from centre.evaluations.errors import SlipRefused
from centre.sync.models import IdentityRegistration, Record
from centre.terminals.models import Agency, Terminal
from wirecontract import evalslip, signing
from wirecontract.errors import ContractError
from wirecontract.evalslip import SlipClaims


@dataclass(frozen=True)
class TrustedSlip:
    claims: SlipClaims
    agency_id: str
    url: str

    def shown_names(self) -> tuple[str, str]:
        """(the worker's masked name, the agency's name) as the centre knows them: what a slip says of them is the
        signing agency's own word (it could print another agency's name); the slip's are kept for a worker or an
        agency the centre does not know yet (printed while offline)."""
        agency = Agency.objects.filter(pk=self.agency_id).values_list("name", flat=True).first()
        worker = Record.objects.filter(entity="worker", entity_uid=self.claims.worker_uid,
                                       agency_id=self.agency_id).values_list("data", flat=True).first()  # fmt: skip
        identity = worker.get("identity") if isinstance(worker, dict) else None
        name = str(identity.get("name") or identity.get("english_name") or "") if isinstance(identity, dict) else ""
        return (mask_name(name) if name else self.claims.masked_name), (agency or self.claims.agency)


def check_slip(url: str) -> TrustedSlip:
    try:
        decoded = evalslip.decode(url)
    except ContractError as err:
        raise SlipRefused(why=e.NOT_A_SLIP) from err
    claims = decoded.claims
    terminal = Terminal.objects.filter(key_id=decoded.link.key_id).first()
    if terminal is None or terminal.compromised:
        raise SlipRefused(why=e.UNTRUSTED)
    if not signing.verify(
        signing.b64url_decode(terminal.public_key), decoded.link.signed_message, decoded.link.signature
    ):
        raise SlipRefused(why=e.FORGED)
    if terminal.revoked_at is not None and claims.issued > terminal.revoked_at.date():
        raise SlipRefused(why=e.UNTRUSTED)
    registered = IdentityRegistration.objects.filter(worker_uid=claims.worker_uid).values_list("agency_id", flat=True)
    if any(agency != terminal.agency_id for agency in registered):
        raise SlipRefused(why=e.OTHER_AGENCY)
    return TrustedSlip(claims, terminal.agency_id, url)


def slip_for_code(code: str) -> str:
    """The slip a typed code names: the agency's terminal sends each slip it prints when it syncs. What a record
    says is the agency's word, so a record counts only when its slip is a slip, signed by a terminal of the
    record's own agency, with this code inside; two agencies claiming one code name none (never the first found)."""
    normal = evalslip.normalise_code(code)
    if len(normal) != evalslip.CODE_LENGTH:
        raise SlipRefused(why=e.UNKNOWN_CODE)
    found: set[str] = set()
    rows = Record.objects.filter(entity="evaluation_slip", data__code=normal).values_list("agency_id", "data")
    for agency_id, data in rows[:5]:
        slip = data.get("slip") if isinstance(data, dict) else None
        if isinstance(slip, str) and _names_code(slip, normal, agency_id):
            found.add(slip)
    if len(found) != 1:
        raise SlipRefused(why=e.UNKNOWN_CODE)
    return found.pop()


def _names_code(slip: str, code: str, agency_id: str) -> bool:
    try:
        decoded = evalslip.decode(slip)
    except ContractError:
        return False
    signer = Terminal.objects.filter(key_id=decoded.link.key_id).values_list("agency_id", flat=True).first()
    return decoded.claims.code == code and signer == agency_id
