"""Request and response bodies of the terminal API; they also make docs/openapi.json."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from wirecontract.protocol import DEFAULT_PULL_LIMIT, MAX_PUSH_BATCH


class EnrolRequest(Schema):
    code: str = Field(max_length=64, description="one-time enrolment code issued by the centre")
    public_key: str = Field(max_length=128, description="raw 32-byte Ed25519 public key, base64url")
    proof: str = Field(max_length=256, description="signature over 'HSC-ENROL-V1\\n' + normalised code, base64url")
    agency_id: str = Field(min_length=1, max_length=64, description="the agency's unified social credit code")
    agency_name: str = Field(min_length=1, max_length=200)
    terminal_name: str = Field(default="", max_length=200)


class EnrolResponse(Schema):
    terminal_id: str
    agency_id: str
    key_id: str
    server_time: str


class WireEvent(Schema):
    event_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=0, le=2**62)
    entity: str = Field(max_length=32)
    entity_uid: str = Field(max_length=64)
    record_version: int = Field(le=2**31 - 1)
    kind: str = Field(max_length=64)
    payload: dict[str, Any]
    provenance: dict[str, Any] | None = None
    simulated: bool
    created_at: str = Field(max_length=40)


class PushRequest(Schema):
    events: list[WireEvent] = Field(max_length=MAX_PUSH_BATCH)


class EventResult(Schema):
    event_id: str
    status: str = Field(description="accepted | duplicate | rejected")
    code: str | None = None
    reason: str | None = None


class PushResponse(Schema):
    results: list[EventResult]
    server_time: str


class PullParams(Schema):
    cursor: str = Field(default="", max_length=32)
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1, le=5000)


class Change(Schema):
    seq: int
    kind: str
    data: dict[str, Any]


class PullResponse(Schema):
    changes: list[Change]
    cursor: str
    more: bool
    server_time: str


class IdentityStatusRequest(Schema):
    id_number: str = Field(min_length=6, max_length=32)


class IdentityStatusResponse(Schema):
    registered_here: bool
    registered_elsewhere: bool
    server_time: str


class ReceiptResponse(Schema):
    terminal_id: str
    count: int
    sha256: str
    server_time: str


class TimeResponse(Schema):
    server_time: str


class ErrorDetail(Schema):
    code: str
    message: str


class ErrorResponse(Schema):
    error: ErrorDetail
    server_time: str
