"""Enrolment: a one-time code from the centre plus the terminal's Ed25519 public key → a terminal id."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from server.errors import ApiError
from server.models import Agency, EnrolmentCode, Terminal
from wirecontract.signing import b64url_decode, public_key_id, verify
from wirecontract.protocol import ENROL_PROOF_PREFIX, ErrorCode, normalise_enrolment_code, utc_now


def enrol(
    session: Session,
    code: str,
    public_key: str,
    proof: str,
    agency_id: str,
    agency_name: str,
    terminal_name: str,
) -> Terminal:
    """`proof` is the terminal's signature over ENROL_PROOF_PREFIX + the code: it shows the key is usable."""
    row = session.get(EnrolmentCode, normalise_enrolment_code(code))
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
    agency = session.get(Agency, agency_id)
    if agency is None:
        session.add(Agency(id=agency_id, name=agency_name))
    now = utc_now()
    terminal = Terminal(
        id="T" + secrets.token_hex(8),
        agency_id=agency_id,
        name=terminal_name,
        public_key=public_key,
        key_id=public_key_id(raw_key),
        enrolled_at=now,
        revoked=False,
    )
    session.add(terminal)
    row.used_at = now
    row.used_by = terminal.id
    return terminal
