"""Checks that a request comes from an enrolled terminal: signature, clock window, nonce never reused."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from centre.errors import ApiError
from centre.terminals.models import Nonce, Terminal
from wirecontract import protocol as p
from wirecontract.signing import b64url_decode, verify


def body_digest(request: HttpRequest) -> str:
    """The SHA-256 of a terminal API request's body, computed once a request: the signature check and the answer's
    signature (response_signing.py) both bind to it, and a push's body is up to several megabytes. A body refused
    before it was read (too large) binds to nothing."""
    known = getattr(request, _DIGEST, None)
    if isinstance(known, str):
        return known
    try:
        body = request.body
    except Exception:  # RequestDataTooBig and the like: the refusal is answered elsewhere
        body = b""
    digest = p.body_sha256(body)
    setattr(request, _DIGEST, digest)
    return digest


_DIGEST = "terminal_body_sha256"


def authenticate(method: str, target: str, headers: Mapping[str, str], body: bytes, now: int,
                 digest: str | None = None) -> Terminal:  # fmt: skip
    """Return the signing terminal or raise ApiError. `now` is the centre's unix time in seconds; `digest` is the
    body's SHA-256 when the caller has it (body_digest)."""
    terminal_id = headers.get(p.HEADER_TERMINAL, "")
    timestamp = headers.get(p.HEADER_TIMESTAMP, "")
    nonce = headers.get(p.HEADER_NONCE, "")
    signature = headers.get(p.HEADER_SIGNATURE, "")
    if not (terminal_id and timestamp.isascii() and timestamp.isdigit() and 8 <= len(nonce) <= 64 and signature):
        raise ApiError(401, p.ErrorCode.BAD_SIGNATURE, "missing or malformed signature headers")
    terminal = Terminal.objects.select_related("agency").filter(pk=terminal_id[:32]).first()
    if terminal is None:
        raise ApiError(401, p.ErrorCode.NOT_ENROLLED, "this terminal is not enrolled")
    if terminal.revoked:
        raise ApiError(403, p.ErrorCode.TERMINAL_REVOKED, "this terminal's enrolment was revoked")
    try:
        raw_signature = b64url_decode(signature)
    except ValueError as exc:
        raise ApiError(401, p.ErrorCode.BAD_SIGNATURE, "signature is not base64url") from exc
    message = p.canonical_request(method, target, timestamp, nonce, body, body_digest=digest)
    if not verify(b64url_decode(terminal.public_key), message, raw_signature):
        raise ApiError(401, p.ErrorCode.BAD_SIGNATURE, "signature does not match")
    if abs(now - int(timestamp)) > p.MAX_CLOCK_SKEW_SECONDS:
        raise ApiError(401, p.ErrorCode.CLOCK_SKEW, "request time is outside the allowed window")
    _remember_nonce(terminal_id, nonce, now)
    return terminal


_PURGE_EVERY_SECONDS = 60
_last_purge = 0


def _remember_nonce(terminal_id: str, nonce: str, now: int) -> None:
    """The unique constraint refuses a nonce seen before, across every process of the centre."""
    global _last_purge
    try:
        with transaction.atomic():
            Nonce.objects.create(terminal_id=terminal_id, nonce=nonce, seen_at=now)
    except IntegrityError as exc:
        raise ApiError(401, p.ErrorCode.REPLAYED_NONCE, "this request was already received") from exc
    if now - _last_purge >= _PURGE_EVERY_SECONDS:
        # Nonces older than two windows can never pass the clock check again, so they need not be kept; purging
        # once a minute per process keeps the table small without a second write on every request.
        _last_purge = now
        Nonce.objects.filter(seen_at__lt=now - 2 * p.MAX_CLOCK_SKEW_SECONDS).delete()
