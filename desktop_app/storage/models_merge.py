"""Tables of the merge engine: states of records seen from other laptops, and conflicts waiting for a person.

``sync_state`` remembers snapshots of record states (identified by record, version and the device that made
that version) so that a later import can find the common base of a three-way merge. ``merge_conflict`` keeps
both values of a field that two laptops changed differently; the household carries ``conflict = True`` until
a person has decided every open conflict.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from desktop_app.storage.types import UTCDateTime, new_uuid, utcnow


class SyncState(SQLModel, table=True):
    """One known state of a record: its business fields as they were at (version, device_id)."""

    __tablename__ = "sync_state"
    __table_args__ = (UniqueConstraint("table_name", "record_id", "version", "device_id", name="uq_sync_state"),)
    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    version: int = Field(nullable=False)
    device_id: str = Field(default="", max_length=64)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted: bool = Field(default=False, nullable=False)
    fields: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # column -> value as change-log text
    source: str = Field(default="", max_length=200)  # where the state came from (file, laptop, "local")
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class MergeConflict(SQLModel, table=True):
    """A field changed differently on two sides since their common base; both values kept until decided."""

    __tablename__ = "merge_conflict"
    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    household_id: str | None = Field(default=None, max_length=36, index=True)
    table_name: str = Field(max_length=40)
    record_id: str = Field(max_length=36, index=True)
    field: str = Field(max_length=60)
    local_value: str | None = Field(default=None)  # value now in the record (change-log text form)
    incoming_value: str | None = Field(default=None)  # the other value
    base_value: str | None = Field(default=None)  # value both sides started from
    base_known: bool = Field(default=True, nullable=False)
    # every distinct value seen for this field since the base: [{"value", "sources": [...], "key": [...]}]
    candidates: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    source: str = Field(default="", max_length=200)  # where the incoming value came from
    source_device: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    resolution: str = Field(default="", max_length=10)  # mine, theirs, value
    resolved_value: str | None = Field(default=None)
    resolved_by: str = Field(default="", max_length=100)
