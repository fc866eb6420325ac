"""What the merge engine knows about records: which columns merge, values as text, and past states.

A *state* of a record is identified by ``(version, device_id)``: the device that wrote a version. The engine
compares values in their change-log text form (``audit.as_text``) so that ``Decimal("1.50")`` and ``1.5``,
or two dicts with keys in another order, are the same value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Column, select
from sqlmodel import Session

from desktop_app.storage import audit
from desktop_app.storage.models import (
    Area,
    Attachment,
    Batch,
    BatchHousehold,
    Cadre,
    ChangeLog,
    Household,
    Measure,
    Member,
    Objection,
    ProcedureEvent,
    Synced,
)
from desktop_app.storage.models_merge import SyncState

# Parents before children, so that foreign keys hold while records are inserted.
TABLES: dict[str, type[Synced]] = {
    "area": Area,
    "cadre": Cadre,
    "household": Household,
    "member": Member,
    "measure": Measure,
    "procedure_event": ProcedureEvent,
    "batch": Batch,
    "batch_household": BatchHousehold,
    "objection": Objection,
    "attachment": Attachment,
}
SYNC_COLUMNS = frozenset({"id", "created_at", "updated_at", "version", "device_id", "deleted"})
# Kept by this database alone (the conflict flag, the search index) or recomputed after a merge.
LOCAL_ONLY = {"household": frozenset({"conflict", "search_text"})}
DERIVED = {"household": frozenset({"size", "head_name", "per_capita_income_fen"})}
DELETED = "deleted"
# Snapshot sources with a meaning of their own.
SOURCE_MERGE = "merge"  # a state this database made by merging (not a state another laptop had)
SOURCE_ANCESTOR = "ancestor"  # only known to be an ancestor of a state we have; values unknown


def model(table: str) -> type[Synced]:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"无法合并的表：{table}") from None


def merge_columns(table: str) -> dict[str, Column[Any]]:
    """Business columns that merge field by field (no sync metadata, no local-only or derived columns)."""
    skip = SYNC_COLUMNS | LOCAL_ONLY.get(table, frozenset()) | DERIVED.get(table, frozenset())
    return {c.name: c for c in model(table).__table__.columns if c.name not in skip}  # type: ignore[attr-defined]


def stored_columns(table: str) -> dict[str, Column[Any]]:
    """Columns an incoming record may set (business and derived ones)."""
    skip = SYNC_COLUMNS | LOCAL_ONLY.get(table, frozenset())
    return {c.name: c for c in model(table).__table__.columns if c.name not in skip}  # type: ignore[attr-defined]


def text(value: Any) -> str | None:
    return audit.as_text(value)


def _python_type(column: Column[Any]) -> type:
    try:
        return column.type.python_type
    except NotImplementedError:
        return str


def from_text(column: Column[Any], value: str | None) -> Any:
    """The typed column value for a change-log text (the inverse of ``text``)."""
    if value is None:
        return None
    kind = _python_type(column)
    if kind is bool:
        return value in ("1", "true", "True")
    if kind is int:
        return int(Decimal(value))
    if kind is Decimal:
        return Decimal(value)
    if kind is datetime:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if kind is date:
        return date.fromisoformat(value[:10])
    if kind in (dict, list):
        return json.loads(value)
    return value


def coerce(column: Column[Any], value: Any) -> Any:
    """A value given by a reader (float from a spreadsheet, text of a date...) as the column's type."""
    if value is None:
        return None
    kind = _python_type(column)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is Decimal and isinstance(value, float):
        return Decimal(repr(value))
    if kind is date and isinstance(value, datetime):
        return value.date()
    try:
        return from_text(column, value if isinstance(value, str) else text(value))
    except (ValueError, InvalidOperation, json.JSONDecodeError):
        raise ValueError(f"字段 {column.name} 的值无法识别：{value!r}") from None


@dataclass
class State:
    """One state of a record: field values as text."""

    version: int
    device_id: str
    updated_at: datetime | None
    deleted: bool
    fields: dict[str, str | None] = field(default_factory=dict)
    source: str = ""

    @property
    def identity(self) -> tuple[int, str]:
        return (self.version, self.device_id)

    def value(self, name: str) -> str | None:
        if name == DELETED:
            return text(self.deleted)
        return self.fields.get(name)

    def key(self) -> list[str]:
        """Order of states for tie-breaks: later update first, then device id (never the merge order)."""
        return [self.updated_at.isoformat() if self.updated_at else "", self.device_id]


def state_of_row(table: str, row: Any) -> State:
    """The state of a database row (a Core mapping or an ORM object)."""
    get = row.get if isinstance(row, dict) else (lambda k: getattr(row, k))
    return State(
        version=get("version"),
        device_id=get("device_id"),
        updated_at=get("updated_at"),
        deleted=bool(get("deleted")),
        fields={name: text(get(name)) for name in stored_columns(table)},
        source="local",
    )


def state_of_snapshot(row: Any) -> State:
    return State(
        version=row.version,
        device_id=row.device_id,
        updated_at=row.updated_at,
        deleted=bool(row.deleted),
        fields=dict(row.fields or {}),
        source=row.source,
    )


def snapshot_row(table: str, record_id: str, state: State, *, source: str, at: datetime) -> dict[str, Any]:
    from desktop_app.storage.types import new_uuid

    return {
        "id": new_uuid(),
        "table_name": table,
        "record_id": record_id,
        "version": state.version,
        "device_id": state.device_id,
        "updated_at": state.updated_at,
        "deleted": state.deleted,
        "fields": state.fields,
        "source": source[:200],
        "seen_at": at,
    }


def load_snapshots(session: Session, table: str, ids: list[str]) -> dict[str, list[State]]:
    found: dict[str, list[State]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(SyncState).where(SyncState.table_name == table, SyncState.record_id.in_(ids))  # type: ignore[attr-defined]
    ).scalars()
    for row in rows:
        found.setdefault(row.record_id, []).append(state_of_snapshot(row))
    return found


def local_edit_groups(session: Session, record_id: str, device_id: str, since: datetime | None) -> list[list[Any]]:
    """This device's own edits of a record (one group per flush = one version), newest first."""
    query = select(ChangeLog).where(
        ChangeLog.entity_id == record_id,
        ChangeLog.action.in_(("update", "delete")),  # type: ignore[attr-defined]
        ChangeLog.device_id == device_id,
    )
    if since is not None:
        query = query.where(ChangeLog.at > since)
    groups: dict[datetime, list[Any]] = {}
    for row in session.execute(query).scalars():
        groups.setdefault(row.at, []).append(row)
    return [groups[at] for at in sorted(groups, reverse=True)]


def shared_base(
    session: Session, table: str, current: State, snapshots: list[State], record_id: str, device_id: str
) -> State | None:
    """The last state of this record that other databases may have: the current one minus own edits since.

    Walks this device's edit groups backwards from the current state, undoing one version per group, and
    stops at a remembered snapshot. Returns None when the walk cannot tell (versions do not add up).
    """
    known = {s.identity: s for s in snapshots if s.source != SOURCE_ANCESTOR}
    if current.identity in known or current.device_id != device_id:
        return current
    latest = max((s for s in snapshots), key=lambda s: s.version, default=None)
    since = None
    if latest is not None:
        since_rows = session.execute(
            select(SyncState.seen_at).where(
                SyncState.table_name == table,
                SyncState.record_id == record_id,
                SyncState.version == latest.version,
                SyncState.device_id == latest.device_id,
            )
        ).scalar()
        since = since_rows
    walk = State(current.version, current.device_id, current.updated_at, current.deleted, dict(current.fields))
    for group in local_edit_groups(session, record_id, device_id, since):
        for row in group:
            if row.field == DELETED:
                walk.deleted = row.old_value == "1"
            elif row.field:
                walk.fields[row.field] = row.old_value
        walk.version -= 1
        walk.device_id = ""
        for snap in snapshots:
            if snap.version == walk.version and snap.source != SOURCE_ANCESTOR:
                return snap
        if walk.version < 1:
            return None
    if walk.device_id == "":
        owner = [s for s in snapshots if s.version == walk.version and s.source != SOURCE_ANCESTOR]
        walk.device_id = owner[0].device_id if owner else ""
    return walk
