"""Request and response bodies; they also make docs/openapi.json."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from wirecontract.protocol import MAX_PUSH_BATCH


class EnrolRequest(BaseModel):
    code: str = Field(description="one-time enrolment code issued by the centre")
    public_key: str = Field(description="raw 32-byte Ed25519 public key, base64url")
    proof: str = Field(description="signature over 'HSC-ENROL-V1\\n' + normalised code, base64url")
    agency_id: str = Field(min_length=1, max_length=64, description="the agency's unified social credit code")
    agency_name: str = Field(min_length=1, max_length=200)
    terminal_name: str = Field(default="", max_length=200)


class EnrolResponse(BaseModel):
    terminal_id: str
    agency_id: str
    key_id: str
    server_time: str


class WireEvent(BaseModel):
    event_id: str = Field(min_length=1, max_length=64)
    seq: int
    entity: str = Field(max_length=32)
    entity_uid: str = Field(max_length=64)
    record_version: int
    kind: str = Field(max_length=64)
    payload: dict[str, Any]
    provenance: dict[str, Any] | None = None
    simulated: bool
    created_at: str


class PushRequest(BaseModel):
    events: list[WireEvent] = Field(max_length=MAX_PUSH_BATCH)


class EventResult(BaseModel):
    event_id: str
    status: str = Field(description="accepted | duplicate | rejected")
    code: str | None = None
    reason: str | None = None


class PushResponse(BaseModel):
    results: list[EventResult]
    server_time: str


class Change(BaseModel):
    seq: int
    kind: str
    data: dict[str, Any]


class PullResponse(BaseModel):
    changes: list[Change]
    cursor: str
    more: bool
    server_time: str


class IdentityStatusRequest(BaseModel):
    id_number: str = Field(min_length=6, max_length=32)


class IdentityStatusResponse(BaseModel):
    registered_here: bool
    registered_elsewhere: bool
    server_time: str


class ReceiptResponse(BaseModel):
    terminal_id: str
    count: int
    sha256: str
    server_time: str


class TimeResponse(BaseModel):
    server_time: str


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail
    server_time: str
