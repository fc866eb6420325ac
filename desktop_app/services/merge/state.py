"""What the merge engine knows about records: which columns merge, values as text, and past states.

A *state* of a record is identified by ``(version, device_id)``: the device that wrote a version. The engine
compares values in their change-log text form (``audit.as_text``) so that ``Decimal("1.50")`` and ``1.5``,
or two dicts with keys in another order, are the same value.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Column, or_, select
from sqlmodel import Session

from desktop_app.services.merge.chains import copied_entries
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
from desktop_app.storage.models_assist import (
    Disbursement,
    Fund,
    FundAllocation,
    FundProject,
    HelpPlan,
    Loan,
    LoanRepayment,
    Pairing,
    Post,
    PostHolder,
    PostMonth,
    Visit,
    WorkMonth,
)
from desktop_app.storage.models_merge import SyncState
from desktop_app.storage.models_monitoring import (
    HelpMeasure,
    IncomeRecord,
    MonitoringCase,
    MonitoringEvent,
    MonitoringLine,
)
from desktop_app.storage.models_quality import QualityExemption
from desktop_app.storage.queries import table_of

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
    "monitoring_line": MonitoringLine,
    "income_record": IncomeRecord,
    "monitoring_case": MonitoringCase,
    "monitoring_event": MonitoringEvent,
    "fund": Fund,
    "fund_project": FundProject,
    "help_measure": HelpMeasure,
    "fund_allocation": FundAllocation,
    "pairing": Pairing,
    "help_plan": HelpPlan,
    "disbursement": Disbursement,
    "loan": Loan,
    "loan_repayment": LoanRepayment,
    "post": Post,
    "post_holder": PostHolder,
    "post_month": PostMonth,
    "work_month": WorkMonth,
    "visit": Visit,
    "quality_exemption": QualityExemption,
}
# Tables whose ids are made from their key (household and year, member and month; not a statement line, whose
# id is made from all its values, so two laptops can only make the same one alike):
# two laptops can create the same record independently, so one laptop's version 1 is not the other's
# creation, and only a state the incoming record names as its own is a common base. (Not the monitoring lines:
# the shipped national line is created alike on every laptop, and a county's change of it is a change.)
KEYED_IDS = frozenset({"income_record", "help_plan", "work_month", "post_month", "quality_exemption"})
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


@functools.cache
def merge_columns(table: str) -> dict[str, Column[Any]]:
    """Business columns that merge field by field (no sync metadata, no local-only or derived columns)."""
    skip = SYNC_COLUMNS | LOCAL_ONLY.get(table, frozenset()) | DERIVED.get(table, frozenset())
    return {c.name: c for c in table_of(model(table)).columns if c.name not in skip}


@functools.cache
def stored_columns(table: str) -> dict[str, Column[Any]]:
    """Columns an incoming record may set (business and derived ones)."""
    skip = SYNC_COLUMNS | LOCAL_ONLY.get(table, frozenset())
    return {c.name: c for c in table_of(model(table)).columns if c.name not in skip}


def text(value: Any) -> str | None:
    return audit.as_text(value)


@functools.cache
def python_type(column: Column[Any]) -> type:
    if isinstance(column.type, JSON):  # its python_type is ``object``: the change-log text is JSON to decode
        return dict
    try:
        return column.type.python_type
    except NotImplementedError:
        return str


_python_type = python_type


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
    seen_at: datetime | None = None  # when this database remembered the state (a snapshot)

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
    get: Any = row.get if isinstance(row, dict) else (lambda k: getattr(row, k))
    return State(
        version=int(get("version")),
        device_id=str(get("device_id")),
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
        seen_at=row.seen_at,
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
    c = table_of(SyncState).c
    rows = session.execute(select(SyncState).where(c.table_name == table, c.record_id.in_(ids))).scalars()
    for row in rows:
        found.setdefault(row.record_id, []).append(state_of_snapshot(row))
    return found


MERGE_CREATE = "merge"  # change-log field of a "create" row written when a merge inserted the record


@dataclass
class Walk:
    """A record's states going back through its change log, newest first, and how the walk ended."""

    states: list[State]
    root: bool  # the last state is the record's creation here (an ancestor of every state of the record)
    stopped_at_snapshot: bool


def load_history(session: Session, record_ids: list[str]) -> dict[str, list[Any]]:
    """Change-log rows (create, update, delete) of many records, newest first."""
    found: dict[str, list[Any]] = {}
    if not record_ids:
        return found
    c = table_of(ChangeLog).c
    rows = session.execute(
        select(c.entity_id, c.at, c.action, c.field, c.old_value, c.device_id)
        .where(c.entity_id.in_(record_ids), c.action.in_(("create", "update", "delete")))
        .where(or_(c.audit_entry.is_(None), c.audit_entry.not_in(copied_entries())))  # writes made here only
        .order_by(c.at.desc())
    ).all()
    for row in rows:
        found.setdefault(row.entity_id, []).append(row)
    return found


def walk_back(current: State, snapshots: list[State], history: list[Any]) -> Walk:
    """Undo the record's logged changes one write (one version) at a time, down to a snapshot or its creation.

    Each write of the ORM hook is one group of rows with the same time and bumps the version by one; the state
    before a group was written by the device of the group before it (or of the creation).
    """
    snaps = {
        s.version: s for s in sorted(snapshots, key=lambda s: s.device_id, reverse=True) if s.source != SOURCE_ANCESTOR
    }
    known = {s.identity for s in snapshots if s.source != SOURCE_ANCESTOR}
    states = [current]
    if current.identity in known:
        return Walk(states, False, True)
    groups: list[tuple[datetime, list[Any]]] = []
    creation = None
    for row in history:
        if row.action == "create":
            creation = row
            break
        if groups and groups[-1][0] == row.at:
            groups[-1][1].append(row)
        else:
            groups.append((row.at, [row]))
    walk = State(current.version, current.device_id, current.updated_at, current.deleted, dict(current.fields), "walk")
    for index, (_at, rows) in enumerate(groups):
        walk = State(walk.version - 1, "", None, walk.deleted, dict(walk.fields), "walk")
        for row in rows:
            if row.field == DELETED:
                walk.deleted = row.old_value == "1"
            elif row.field:
                walk.fields[row.field] = row.old_value
        if index + 1 < len(groups):
            walk.device_id = groups[index + 1][1][0].device_id
        elif creation is not None:
            walk.device_id = creation.device_id
        snap = snaps.get(walk.version)
        if snap is not None and (not walk.device_id or snap.device_id == walk.device_id):
            states.append(snap)
            return Walk(states, False, True)
        states.append(walk)
        if walk.version < 1:
            return Walk(states, False, False)
    root = not snapshots and not (creation is not None and creation.field == MERGE_CREATE)
    if not groups and creation is not None and not current.device_id:
        current.device_id = creation.device_id
    return Walk(states, root and states[-1].version >= 1, False)
