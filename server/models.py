"""The central server's tables (SQLAlchemy 2.0, portable between SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        dt.datetime: DateTime(timezone=True),
    }


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the agency's unified credit code
    name: Mapped[str] = mapped_column(String(200))


class Terminal(Base):
    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    agency_id: Mapped[str] = mapped_column(ForeignKey("agencies.id"))
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519 key, base64url
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    enrolled_at: Mapped[dt.datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(32))


class Nonce(Base):
    __tablename__ = "nonces"
    terminal_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[int] = mapped_column(BigInteger, index=True)  # unix seconds, for purging


class Event(Base):
    """Every event a terminal delivered, once, with the verdict the server gave it."""

    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(32))
    entity_uid: Mapped[str] = mapped_column(String(64))
    record_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    simulated: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[str] = mapped_column(String(40))
    content_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # accepted | rejected
    parked: Mapped[bool] = mapped_column(Boolean, default=False)  # accepted, waits for an earlier version
    reject_code: Mapped[str | None] = mapped_column(String(64))
    reject_reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime]

    __table_args__ = (
        Index("ix_events_terminal_status", "terminal_id", "status"),
        Index("ix_events_record", "entity", "entity_uid", "record_version"),
    )


class Record(Base):
    """The current state of each record as its versions were applied in order."""

    __tablename__ = "records"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_uid: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime]


class IdentityRegistration(Base):
    """Which agency registered a person: one agency per ID number."""

    __tablename__ = "identity_registry"
    id_number: Mapped[str] = mapped_column(String(32), primary_key=True)
    agency_id: Mapped[str] = mapped_column(String(64))
    worker_uid: Mapped[str] = mapped_column(String(64))
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)


class Credential(Base):
    __tablename__ = "credentials"
    credential_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_uid: Mapped[str | None] = mapped_column(String(64))
    agency_id: Mapped[str | None] = mapped_column(String(64))
    holder_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="valid")  # valid | suspended | revoked
    status_version: Mapped[int] = mapped_column(Integer, default=0)
    status_reason: Mapped[str | None] = mapped_column(Text)
    health_valid_to: Mapped[str | None] = mapped_column(String(10))
    insurance_valid_to: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime]


class Decision(Base):
    """The feed terminals pull: what the centre decided, in `seq` order. agency_id NULL reaches everyone."""

    __tablename__ = "decisions"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]]
    agency_id: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime]
