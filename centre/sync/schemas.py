"""Request and response bodies of the terminal API; they also make docs/openapi.json."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, field_validator

from centre.errors import ApiError
from wirecontract.protocol import DEFAULT_PULL_LIMIT, MAX_PUSH_BATCH, ErrorCode


class EnrolRequest(Schema):
    code: str = Field(max_length=64, description="one-time enrolment code issued by the centre")
    public_key: str = Field(max_length=128, description="raw 32-byte Ed25519 public key, base64url")
    proof: str = Field(max_length=256, description="signature over 'HSC-ENROL-V1\\n' + normalised code, base64url")
    agency_id: str = Field(default="", max_length=64, description="the terminal's agency: must be the code's")
    agency_name: str = Field(default="", max_length=200, description="ignored: the centre's record names the agency")
    terminal_name: str = Field(default="", max_length=200)
    terminal_number: str = Field(default="", max_length=4, description="the number the terminal used so far: granted if free")


class EnrolResponse(Schema):
    terminal_id: str
    agency_id: str
    agency_name: str
    key_id: str
    terminal_number: str = Field(description="the terminal's credential number range: SH<year><this><sequence>")
    centre_public_key: str = Field(description="the centre's Ed25519 key, base64url: its fingerprint ends the code")
    server_time: str


# Plain pydantic models where a push has thousands: a ninja Schema runs a Python validator around every object
# (to read attributes of ORM objects, which these never are); validation stays pydantic's, the document the same.
class WireEvent(BaseModel):
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

    @field_validator("events", mode="before")
    @classmethod
    def _at_most_one_batch(cls, events: Any) -> Any:
        # Counted before any event is validated, and refused as a whole with its own code (413 batch_too_large,
        # raised through pydantic to the API's ApiError handler) so the terminal knows to send smaller batches,
        # instead of a generic validation error after ten thousand events were checked one by one.
        if isinstance(events, list) and len(events) > MAX_PUSH_BATCH:
            raise ApiError(413, ErrorCode.BATCH_TOO_LARGE, f"a push carries at most {MAX_PUSH_BATCH} events")
        return events


class EventResult(BaseModel):
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


class MyEventsParams(Schema):
    after_seq: int = Field(default=0, ge=0, le=2**62, description="the terminal's last outbox number it still holds")
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1, le=5000)


class HeldEvent(Schema):
    event_id: str
    seq: int
    entity: str
    entity_uid: str
    record_version: int
    kind: str
    payload: dict[str, Any]
    provenance: dict[str, Any] | None
    simulated: bool
    created_at: str


class MyEventsResponse(Schema):
    events: list[HeldEvent] = Field(description="this terminal's accepted events after after_seq, in seq order")
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
