"""Enrolment: a one-time code from the centre plus the terminal's Ed25519 public key → a terminal id."""

from __future__ import annotations

import secrets

from django.db import transaction

from centre.errors import ApiError
from centre.terminals.models import Agency, EnrolmentCode, Terminal
from wirecontract.protocol import ENROL_PROOF_PREFIX, ErrorCode, normalise_enrolment_code, utc_now
from wirecontract.signing import b64url_decode, public_key_id, verify

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud and typed


def new_enrolment_code() -> str:
    code = normalise_enrolment_code("".join(secrets.choice(_CODE_ALPHABET) for _ in range(12)))
    EnrolmentCode.objects.create(code=code, created_at=utc_now())
    return code


def enrol(code: str, public_key: str, proof: str, agency_id: str, agency_name: str, terminal_name: str) -> Terminal:
    """`proof` is the terminal's signature over ENROL_PROOF_PREFIX + the code: it shows the key is usable."""
    with transaction.atomic():
        row = EnrolmentCode.objects.select_for_update().filter(pk=normalise_enrolment_code(code)[:32]).first()
        if row is None:
            raise ApiError(404, ErrorCode.UNKNOWN_CODE, "this enrolment code does not exist")
        if row.used_at is not None:
            raise ApiError(409, ErrorCode.USED_CODE, "this enrolment code was already used")
        try:
            raw_key = b64url_decode(public_key)
            raw_proof = b64url_decode(proof)
        except ValueError as exc:
            raise ApiError(400, ErrorCode.BAD_KEY, "the public key or proof is not base64url") from exc
        message = ENROL_PROOF_PREFIX + row.code.encode("ascii")
        if len(raw_key) != 32 or not verify(raw_key, message, raw_proof):
            raise ApiError(400, ErrorCode.BAD_KEY, "the public key is not a valid Ed25519 key for this proof")
        agency, _created = Agency.objects.get_or_create(id=agency_id, defaults={"name": agency_name})
        now = utc_now()
        terminal = Terminal.objects.create(
            id="T" + secrets.token_hex(8),
            agency=agency,
            name=terminal_name,
            public_key=public_key,
            key_id=public_key_id(raw_key),
            enrolled_at=now,
            revoked=False,
        )
        row.used_at = now
        row.used_by = terminal.id
        row.save(update_fields=["used_at", "used_by"])
        return terminal
