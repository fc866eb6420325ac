"""Merging another laptop's (or an edited workbook's) records into this database without losing an edit.

Records are matched by UUID. Each incoming record says which version it was based on; the engine finds that
base state (the record itself, a remembered snapshot in ``sync_state``, or the record's own change log) and
merges field by field: a change made on one side only is applied, the same change on both sides is a no-op,
different changes on both sides are a conflict kept in ``merge_conflict`` for a person to decide.
See docs/merging.md for the design and the reasons for the tie-breaks that make the result order-independent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session


@dataclass
class IncomingRecord:
    """One record as another laptop or a workbook has it.

    ``base_version`` is the version this state was derived from, as last shared with other databases (None:
    unknown or a record new over there); ``fields`` are the business columns (column name -> typed value).
    ``base_device`` (optional) names the device that wrote the base version, when the exporter knows it.
    """

    table: str
    id: str
    base_version: int | None
    version: int
    device_id: str
    updated_at: datetime | None
    deleted: bool
    fields: dict[str, Any]
    source: str = ""
    base_device: str | None = None


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ConflictInfo:
    """A conflict found (or extended) by this merge."""

    id: str
    table: str
    record_id: str
    household_id: str | None
    field: str
    local_value: str | None
    incoming_value: str | None
    base_value: str | None


@dataclass
class MergeResult:
    counts: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[ConflictInfo] = field(default_factory=list)
    household_ids: set[str] = field(default_factory=set)

    def table(self, name: str) -> TableCounts:
        return self.counts.setdefault(name, TableCounts())

    @property
    def changed(self) -> bool:
        return bool(self.conflicts) or any(c.added or c.updated for c in self.counts.values())


def apply_incoming(session: Session, records: list[IncomingRecord], *, source_label: str) -> MergeResult:
    """Merge ``records`` into the database inside the caller's transaction (nothing is committed here)."""
    raise NotImplementedError  # filled in by the next commit


def export_records(session: Session, *, village_id: str | None = None) -> list[IncomingRecord]:
    """This database's households, members, measures and procedure events as IncomingRecords."""
    raise NotImplementedError


@dataclass
class RosterPerson:
    """One person of a county roster (no UUIDs): matched by resident ID, the household by its number."""

    household_number: str
    id_number: str
    member_fields: dict[str, Any]
    household_fields: dict[str, Any] = field(default_factory=dict)


def apply_roster(session: Session, people: list[RosterPerson], *, source_label: str) -> MergeResult:
    """Apply a county roster as one-sided field values (see docs/merging.md)."""
    raise NotImplementedError
