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
from typing import Any

from wirecontract.signing import TerminalKey, b64url

API = "/v1"
ENROL_PATH = f"{API}/enrol"
PUSH_PATH = f"{API}/events"
PULL_PATH = f"{API}/changes"
RECEIPT_PATH = f"{API}/receipt"
TIME_PATH = f"{API}/time"
IDENTITY_STATUS_PATH = f"{API}/identity-status"  # is this person registered by another agency?

HEADER_TERMINAL = "X-Terminal-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
HEADER_SERVER_TIME = "X-Server-Time"

SIGNATURE_SCHEME = "HSC-SYNC-V1"
MAX_CLOCK_SKEW_SECONDS = 300
MAX_PUSH_BATCH = 10_000
DEFAULT_PUSH_BATCH = 500
DEFAULT_PULL_LIMIT = 500


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


ENROL_PROOF_PREFIX = b"HSC-ENROL-V1\n"  # the enrolment proof signs this + the normalised code


def normalise_enrolment_code(text: str) -> str:
    """Codes are read aloud and typed: ignore case, spaces and dashes; group by four."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The exact bytes a terminal signs. `target` is the path plus `?query` when there is one, as sent."""
    lines = (SIGNATURE_SCHEME, method.upper(), target, timestamp, nonce, body_sha256(body))
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
