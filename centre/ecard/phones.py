"""The electronic credential at the centre (wirecontract/ecard.py; docs/keys-and-trust.md):

- an activation link is believed only when an enrolled, trusted terminal of the agency that owns the credential
  signed it, it has not expired, its code was never used, and the card it carries is the credential's current,
  issued, unexpired card (checked as the verification page checks a printed one);
- activating certifies the phone's key for that card with the centre's key and voids the phone activated before;
- a shown code is believed when the chain holds (card, certificate, fresh phone signature) and the phone is the
  credential's current one; then the credential's live status decides, as for the printed card.
Plain rules over the ORM; the views are thin."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from centre.audit import record
from centre.credentials.models import Credential
from centre.credentials.public_status import CredentialView, RegisterEntry, view_of
from centre.credentials.qr_trust import CheckedQr, check_scanned
from centre.ecard import errors as e
from centre.ecard.errors import ActivationRefused
from centre.ecard.models import Phone
from centre.signing_key import centre_key
from centre.terminals.models import Terminal
from wirecontract import ecard, signing
from wirecontract.errors import ContractError
from wirecontract.protocol import shanghai_today
from wirecontract.signing import b64url, b64url_decode

LIVE_STATES = frozenset({"valid", "attention"})


def entry_of(row: Credential) -> RegisterEntry:
    return RegisterEntry(row.credential_no, row.state, row.hold, row.version, row.holder_name, row.valid_to,
                         row.health_valid_to, row.insurance_valid_to, row.simulated)  # fmt: skip


@dataclass(frozen=True)
class TrustedActivation:
    activation: ecard.Activation
    code_ref: str
    terminal: Terminal
    checked: CheckedQr
    credential: Credential


def _code_ref(key_id: str, code: str) -> str:
    return hashlib.sha256(f"{key_id}:{code}".encode("ascii")).hexdigest()


def check_activation(url: str, now: dt.datetime) -> TrustedActivation:
    """The link's signer, its expiry and single use, and the credential's state (ActivationRefused otherwise)."""
    try:
        decoded = ecard.decode_activation(url)
    except ContractError as err:
        raise ActivationRefused(why=e.NOT_A_LINK) from err
    activation, link = decoded.activation, decoded.link
    terminal = Terminal.objects.filter(key_id=link.key_id).first()
    if terminal is None or terminal.compromised or terminal.revoked:
        raise ActivationRefused(why=e.UNTRUSTED)
    if not signing.verify(b64url_decode(terminal.public_key), link.signed_message, link.signature):
        raise ActivationRefused(why=e.FORGED)
    if now.timestamp() > activation.expires:
        raise ActivationRefused(why=e.EXPIRED)
    checked = check_scanned(activation.card_url, shanghai_today(now), allow_demo=settings.DEMO)
    if checked.claims is None or checked.refusal is not None:
        raise ActivationRefused(why=e.CARD_REFUSED)
    row = Credential.objects.filter(pk=checked.claims.credential_no[:64]).first()
    if row is None:
        raise ActivationRefused(why=e.not_live("中心尚无记录", "the centre has no record of it"))
    if checked.agency_id != terminal.agency_id or row.agency_id != terminal.agency_id:
        raise ActivationRefused(why=e.OTHER_AGENCY)
    entry = entry_of(row)
    if checked.disagreement_with(entry) is not None:
        raise ActivationRefused(why=e.CARD_REFUSED)
    view = view_of(entry, row.credential_no, shanghai_today(now), card_version=checked.claims.version)
    if view.state not in LIVE_STATES:
        raise ActivationRefused(why=e.not_live(view.title, view.state.replace("_", " ")))
    code_ref = _code_ref(link.key_id, activation.code)
    if Phone.objects.filter(code_ref=code_ref).exists():
        raise ActivationRefused(why=e.USED)
    return TrustedActivation(activation, code_ref, terminal, checked, row)


@dataclass(frozen=True)
class Certified:
    phone: Phone
    certificate: bytes


def activate(trusted: TrustedActivation, phone_public: bytes, now: dt.datetime) -> Certified:
    """Register the phone's key once for this code, void the phone before it, and certify the key for the card."""
    if not ecard.valid_phone_key(phone_public):
        raise ActivationRefused(why=e.BAD_KEY)
    claims = trusted.checked.claims
    assert claims is not None
    certified = int(now.timestamp())
    activation = trusted.activation
    try:
        with transaction.atomic():
            # One activation of a credential at a time: the credential's row is the lock.
            Credential.objects.select_for_update().filter(pk=claims.credential_no).first()
            current = Phone.objects.filter(credential_no=claims.credential_no, voided_at__isnull=True)
            if current.filter(link_issued__gt=activation.issued).exists():
                raise ActivationRefused(why=e.SUPERSEDED)
            voided = current.update(voided_at=now)
            phone = Phone.objects.create(
                id=secrets.token_hex(16), credential_no=claims.credential_no, version=claims.version,
                agency_id=trusted.terminal.agency_id, terminal_key_id=trusted.terminal.key_id,
                code_ref=trusted.code_ref, link_issued=activation.issued, public_key=b64url(phone_public),
                card_digest=ecard.card_digest(activation.card_url).hex(), certified_at=certified,
            )  # fmt: skip
            record(None, "ecard.activated", f"credential:{claims.credential_no}",
                   {"phone": phone.id, "version": claims.version, "terminal": trusted.terminal.id,
                    "voided_phones": voided})  # fmt: skip
    except IntegrityError as err:  # the same code, raced from two phones: the second insert fails
        raise ActivationRefused(why=e.USED) from err
    message = ecard.certificate_message(activation.card_url, phone_public, certified)
    return Certified(phone, centre_key().sign(message))


@dataclass(frozen=True)
class ShownCode:
    """A scanned e-credential code, judged: `checked` as a printed card; `chain` the phone's part; `phone` the
    centre's record of that phone (None: never certified here); `current` whether it is the credential's phone."""

    presentation: ecard.Presentation
    checked: CheckedQr
    chain: ecard.ChainReason
    phone: Phone | None

    @property
    def current(self) -> bool:
        return self.phone is not None and self.phone.voided_at is None


def check_shown(text: str, now: dt.datetime) -> ShownCode | None:
    """None when the text is not an e-credential code at all."""
    try:
        shown = ecard.decode_presentation(text)
    except ContractError:
        return None
    checked = check_scanned(shown.card_url, shanghai_today(now), allow_demo=settings.DEMO)
    chain = ecard.check_chain(shown, centre_key().public_raw, int(now.timestamp()))
    phone = None
    if checked.claims is not None:
        phone = Phone.objects.filter(credential_no=checked.claims.credential_no[:64],
                                     public_key=b64url(shown.phone_public), certified_at=shown.certified).first()  # fmt: skip
    return ShownCode(shown, checked, chain, phone)


def phone_status(phone_id: str, today: dt.date) -> tuple[Phone, CredentialView, Credential | None] | None:
    """What the worker's page shows: its phone's standing and the credential's live state."""
    phone = Phone.objects.filter(pk=phone_id[:32]).first()
    if phone is None:
        return None
    row = Credential.objects.filter(pk=phone.credential_no).first()
    if row is None:
        return phone, CredentialView("unsynced", phone.credential_no, "", None, (), False), None
    return phone, view_of(entry_of(row), phone.credential_no, today, card_version=phone.version), row
