"""The sync wire protocol shared by the terminal and the centre (docs/sync-protocol.md).

Both sides import these definitions so the canonical signing string, header names, result statuses and
reject codes can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import secrets
from typing import Any, Protocol

from wirecontract.signing import TerminalKey, b64url

API = "/v1"
ENROL_PATH = f"{API}/enrol"
PUSH_PATH = f"{API}/events"
PULL_PATH = f"{API}/changes"
RECEIPT_PATH = f"{API}/receipt"
MY_EVENTS_PATH = f"{API}/events/mine"  # the terminal's own accepted events, to recover after a rolled-back database
TIME_PATH = f"{API}/time"
IDENTITY_STATUS_PATH = f"{API}/identity-status"  # is this person registered by another agency?

HEADER_TERMINAL = "X-Terminal-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
HEADER_SERVER_TIME = "X-Server-Time"
HEADER_CENTRE_SIGNATURE = "X-Centre-Signature"  # the centre's signature over canonical_response(...)
HEADER_CENTRE_KEY_HANDOVER = "X-Centre-Key-Handover"  # after a rotation: the old key vouches for the new (keyhandover)
TRUST_LIST_PATH = f"{API}/trust-list"  # public: the centre-signed list of trusted terminal keys per agency

SIGNATURE_SCHEME = "HSC-SYNC-V1"
RESPONSE_SIGNATURE_SCHEME = "HSC-RESP-V1"
TRUST_LIST_SCHEME = "HSC-TRUST-V1"
MAX_CLOCK_SKEW_SECONDS = 300
MAX_PUSH_BATCH = 10_000
DEFAULT_PUSH_BATCH = 500
DEFAULT_PULL_LIMIT = 500


class WireEvent(Protocol):
    """The fields of one event on the wire (a push's element; the centre's copy in recovery), whatever holds them."""

    @property
    def event_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def entity(self) -> str: ...
    @property
    def entity_uid(self) -> str: ...
    @property
    def record_version(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def provenance(self) -> dict[str, Any] | None: ...
    @property
    def simulated(self) -> bool: ...
    @property
    def created_at(self) -> str: ...


class EventStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class RejectCode(enum.StrEnum):
    IDENTITY_REGISTERED_ELSEWHERE = "identity_registered_elsewhere"
    SIMULATED_IDENTITY = "simulated_identity"
    STALE_VERSION = "stale_version"
    INVALID_PAYLOAD = "invalid_payload"
    CONFLICT = "conflict"  # same event_id, different content
    NOT_OWNER = "not_owner"  # the record, credential or person belongs to another agency
    CENTRE_DECISION = "centre_decision"  # the centre revoked, suspended, blocked or returned it: its decision stands
    INVALID_TRANSITION = "invalid_transition"  # the credential lifecycle does not allow it from the centre's state
    NUMBER_OUT_OF_RANGE = "number_out_of_range"  # the credential number is not in a range the centre gave the agency
    IDENTITY_NOT_FROM_CARD = "identity_not_from_card"  # identity fields outside a card read, or a read that fails
    MISSING_PROVENANCE = "missing_provenance"  # a production centre needs the reader's provenance with a card read
    SEQ_REUSED = "seq_reused"  # another event of this terminal already holds this outbox sequence number


class ErrorCode(enum.StrEnum):
    """`error.code` of a whole-request failure; the terminal decides by these, never by message text."""

    UNKNOWN_CODE = "unknown_code"
    USED_CODE = "used_code"
    BAD_KEY = "bad_key"
    NOT_ENROLLED = "not_enrolled"
    BAD_SIGNATURE = "bad_signature"
    CLOCK_SKEW = "clock_skew"
    REPLAYED_NONCE = "replayed_nonce"
    TERMINAL_REVOKED = "terminal_revoked"
    BAD_REQUEST = "bad_request"
    BATCH_TOO_LARGE = "batch_too_large"
    BAD_CURSOR = "bad_cursor"
    BODY_TOO_LARGE = "body_too_large"  # 413 before the body is read: larger than the address accepts
    EXPIRED_CODE = "expired_code"
    AGENCY_MISMATCH = "agency_mismatch"  # the code was issued for another agency than the terminal's
    WRONG_CENTRE = "wrong_centre"  # the code names another centre's key


ENROL_PROOF_PREFIX = b"HSC-ENROL-V1\n"  # the enrolment proof signs this + the normalised code
# Enrolment codes are read aloud and typed: no 0/O, 1/I/L. A code is 12 secret characters followed by the
# 8-character fingerprint of the centre's public key, so a terminal can tell its centre from a fake one.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_SECRET_CHARS = 12
CODE_FINGERPRINT_CHARS = 8


def normalise_enrolment_code(text: str) -> str:
    """Codes are read aloud and typed: ignore case, spaces and dashes; group by four."""
    chars = "".join(c for c in text.upper() if c.isascii() and c.isalnum())
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def centre_key_fingerprint(public_raw: bytes, code_secret: str) -> str:
    """The 8 characters of an enrolment code that name the centre's Ed25519 key for this code (about 40 bits).
    The code's own secret part goes into the hash: the centre's key is public, so a fingerprint of the key alone
    could be ground for ahead of time; with the secret, a fake centre can start only once it has seen the code,
    and must find a matching key while the terminal waits for its answer."""
    message = b"HSC-CENTRE-KEY-V2\n" + normalise_enrolment_code(code_secret).replace("-", "").encode("ascii") + b"\n"
    number = int.from_bytes(hashlib.sha256(message + public_raw).digest()[:8], "big")
    chars = []
    for _ in range(CODE_FINGERPRINT_CHARS):
        number, digit = divmod(number, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[digit])
    return "".join(chars)


def code_secret(code: str) -> str:
    """The secret part of a (normalised or loosely typed) enrolment code."""
    return normalise_enrolment_code(code).replace("-", "")[:CODE_SECRET_CHARS]


def code_fingerprint(code: str) -> str:
    """The centre-key fingerprint a (normalised or loosely typed) enrolment code carries ('' if too short)."""
    chars = normalise_enrolment_code(code).replace("-", "")
    return chars[CODE_SECRET_CHARS:] if len(chars) == CODE_SECRET_CHARS + CODE_FINGERPRINT_CHARS else ""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # China keeps no summer time


def shanghai_today(now: dt.datetime | None = None) -> dt.date:
    """The calendar day in Shanghai: a credential's dates are Shanghai dates, whatever the clock's own zone (from
    16:00 UTC on, the UTC date is a day behind, and a card issued that evening would look not yet valid)."""
    return (now or utc_now()).astimezone(SHANGHAI).date()


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, target: str, timestamp: str, nonce: str, body: bytes,
                      body_digest: str | None = None) -> bytes:  # fmt: skip
    """The exact bytes a terminal signs. `target` is the path plus `?query` when there is one, as sent.
    `body_digest`: body_sha256(body) when the caller has it already (the centre hashes a body once a request)."""
    lines = (SIGNATURE_SCHEME, method.upper(), target, timestamp, nonce, body_digest or body_sha256(body))
    return "\n".join(lines).encode("utf-8")


def canonical_response(method: str, target: str, request_body: bytes, request_nonce: str, status: int,
                       body: bytes, request_body_digest: str | None = None) -> bytes:  # fmt: skip
    """The exact bytes the centre signs for an answer: bound to the request (its body and nonce) so an old answer
    cannot be replayed for a new request. `request_body_digest`: body_sha256(request_body), when known."""
    lines = (RESPONSE_SIGNATURE_SCHEME, method.upper(), target, request_body_digest or body_sha256(request_body),
             request_nonce, str(status), body_sha256(body))  # fmt: skip
    return "\n".join(lines).encode("utf-8")


def signed_headers(
    key: TerminalKey, terminal_id: str, method: str, target: str, body: bytes, now: dt.datetime
) -> dict[str, str]:
    timestamp = str(int(now.timestamp()))
    nonce = secrets.token_hex(16)
    signature = key.sign(canonical_request(method, target, timestamp, nonce, body))
    return {
        HEADER_TERMINAL: terminal_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: b64url(signature),
    }


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def event_content_sha256(event: dict[str, Any]) -> str:
    """Fingerprint of a wire event; the same event_id with another fingerprint is a conflict."""
    return hashlib.sha256(canonical_json(event)).hexdigest()
