"""Agencies, enrolment codes and terminals: what centre staff manage, and the enrolment a terminal asks for.

An enrolment code is bound to one agency, used once, and expires (72 hours unless said otherwise). Its last
8 characters are the fingerprint of the centre's key, so the terminal can tell its own centre from a fake
one. At enrolment the centre gives the terminal a number: its credential number range (SHyyyy<number>nnnnn).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from centre.errors import ApiError, UnknownAgency, UnknownTerminal
from centre.signing_key import fingerprint
from centre.terminals.models import Agency, EnrolmentCode, Terminal
from wirecontract.protocol import (
    CODE_ALPHABET,
    CODE_SECRET_CHARS,
    ENROL_PROOF_PREFIX,
    ErrorCode,
    code_fingerprint,
    code_secret,
    normalise_enrolment_code,
    utc_now,
)
from wirecontract.signing import b64url_decode, public_key_id, verify

DEFAULT_CODE_HOURS = 72


def add_agency(agency_id: str, name: str, district: str = "") -> Agency:
    agency_id, name = agency_id.strip().upper(), name.strip()
    if not agency_id or not name:
        raise ValueError("an agency needs its unified social credit code and its name")
    agency, created = Agency.objects.get_or_create(id=agency_id, defaults={"name": name, "district": district,
                                                                           "created_at": utc_now()})  # fmt: skip
    if not created and (agency.name, agency.district) != (name, district or agency.district):
        agency.name, agency.district = name, district or agency.district
        agency.save(update_fields=["name", "district"])
    return agency


def new_enrolment_code(agency_id: str, hours: int = DEFAULT_CODE_HOURS) -> str:
    agency = Agency.objects.filter(pk=agency_id.strip().upper()).first()
    if agency is None:
        raise UnknownAgency(agency_id=agency_id)
    from centre.console.admission import require_admitted  # only admitted agencies get codes (the console decides)

    require_admitted(agency.id)
    secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_SECRET_CHARS))
    code = normalise_enrolment_code(secret + fingerprint(secret))
    now = utc_now()
    EnrolmentCode.objects.create(code=code, agency=agency, created_at=now, expires_at=now + dt.timedelta(hours=hours))
    return code


@dataclass(frozen=True)
class Enrolled:
    terminal: Terminal
    agency_name: str


def enrol(code: str, public_key: str, proof: str, agency_id: str, terminal_name: str,
          requested_number: str = "") -> Enrolled:  # fmt: skip
    """`proof` is the terminal's signature over ENROL_PROOF_PREFIX + the code: it shows the key is usable."""
    normal = normalise_enrolment_code(code)
    if code_fingerprint(normal) and code_fingerprint(normal) != fingerprint(code_secret(normal)):
        raise ApiError(400, ErrorCode.WRONG_CENTRE, "this enrolment code was issued by another centre")
    with transaction.atomic():
        row = EnrolmentCode.objects.select_for_update().select_related("agency").filter(pk=normal[:32]).first()
        if row is None:
            raise ApiError(404, ErrorCode.UNKNOWN_CODE, "this enrolment code does not exist")
        if row.used_at is not None:
            raise ApiError(409, ErrorCode.USED_CODE, "this enrolment code was already used")
        now = utc_now()
        if row.expires_at <= now:
            raise ApiError(410, ErrorCode.EXPIRED_CODE, "this enrolment code has expired: ask the centre for a new one")
        if agency_id and agency_id.strip().upper() != row.agency_id:
            raise ApiError(409, ErrorCode.AGENCY_MISMATCH, "this enrolment code was issued for another agency")
        try:
            raw_key = b64url_decode(public_key)
            raw_proof = b64url_decode(proof)
        except ValueError as exc:
            raise ApiError(400, ErrorCode.BAD_KEY, "the public key or proof is not base64url") from exc
        message = ENROL_PROOF_PREFIX + row.code.encode("ascii")
        if len(raw_key) != 32 or not verify(raw_key, message, raw_proof):
            raise ApiError(400, ErrorCode.BAD_KEY, "the public key is not a valid Ed25519 key for this proof")
        key_id = public_key_id(raw_key)
        if Terminal.objects.filter(key_id=key_id).exists():
            raise ApiError(409, ErrorCode.BAD_KEY, "this key is already enrolled: a terminal makes a new key to enrol")
        try:
            with transaction.atomic():
                terminal = Terminal.objects.create(
                    id="T" + secrets.token_hex(8), agency=row.agency, name=terminal_name, public_key=public_key,
                    key_id=key_id, terminal_number=_terminal_number(requested_number), enrolled_at=now,
                )  # fmt: skip
        except IntegrityError as exc:  # two enrolments took the same number at once: the terminal retries
            raise ApiError(409, ErrorCode.BAD_REQUEST, "please try again") from exc
        row.used_at = now
        row.used_by = terminal.id
        row.save(update_fields=["used_at", "used_by"])
        return Enrolled(terminal, row.agency.name)


def _terminal_number(requested: str) -> str:
    """The number the terminal already used offline if no other terminal has it (so its numbers stay valid),
    else the next free one. 0000 is never given: it is what an unnumbered terminal uses."""
    numbers = Terminal.objects.values_list("terminal_number", flat=True)
    taken = {int(n) for n in numbers if n.isdigit()}
    if requested.isascii() and requested.isdigit() and len(requested) == 4 and int(requested) not in taken | {0}:
        return requested
    candidate = max(taken, default=0) + 1
    if candidate > 9999:  # every range was once given: reuse a gap (terminals are never deleted, so none exist)
        raise ApiError(409, ErrorCode.BAD_REQUEST, "the centre has no credential number range left")
    return f"{candidate:04d}"


def revoke_terminal(terminal_id: str, reason: str, compromised: bool) -> Terminal:
    """Retire a terminal (its cards stay valid until they expire) or, if compromised, void every card it signed."""
    with transaction.atomic():
        terminal = Terminal.objects.select_for_update().filter(pk=terminal_id).first()
        if terminal is None:
            raise UnknownTerminal(terminal_id=terminal_id)
        if not terminal.revoked:
            terminal.revoked = True
            terminal.revoked_at = utc_now()
        terminal.compromised = terminal.compromised or compromised
        terminal.revoke_reason = reason
        terminal.save(update_fields=["revoked", "revoked_at", "compromised", "revoke_reason"])
        return terminal
