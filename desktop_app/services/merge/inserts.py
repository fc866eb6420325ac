"""New records: the full row of a record new here, built fast (nearly every record of a first import is new).

The same values as :func:`typed_fields` (each value coerced to its column) plus the column defaults, without
the per-value detour through ``coerce`` for values that already have their column's type.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.sql.schema import ColumnDefault

from desktop_app.services.merge import state as ms
from desktop_app.services.merge.records import IncomingRecord, MergeContext
from desktop_app.storage.queries import table_of


def typed_fields(table: str, rec: IncomingRecord) -> dict[str, Any]:
    cols = ms.stored_columns(table)
    local_only = ms.LOCAL_ONLY.get(table, frozenset())
    typed: dict[str, Any] = {}
    for name, value in rec.fields.items():
        if name in local_only or name in ms.SYNC_COLUMNS:
            continue
        if name not in cols:
            raise ValueError(f"表 {table} 没有字段 {name}")
        typed[name] = ms.coerce(cols[name], value)
    return typed


@functools.cache
def insert_plan(table: str) -> tuple[dict[str, Any], dict[str, Any], tuple[tuple[str, Any], ...], tuple[str, ...]]:
    """What inserting a new record of ``table`` needs, worked out once: the python type of each column an
    incoming record may set, the scalar and the callable defaults of the other columns, every column name."""
    cols = ms.stored_columns(table)
    local_only = ms.LOCAL_ONLY.get(table, frozenset())
    kinds = {name: ms.python_type(col) for name, col in cols.items() if name not in local_only}
    scalars: dict[str, Any] = {}
    callables: list[tuple[str, Any]] = []
    names = tuple(table_of(ms.model(table)).columns.keys())
    for name, column in table_of(ms.model(table)).columns.items():
        default = column.default
        if default is None:
            scalars[name] = None
        elif not isinstance(default, ColumnDefault):
            raise TypeError(f"{table}.{name}: a default the merge cannot make ({type(default).__name__})")
        elif default.is_callable:
            callables.append((name, default.arg))
        else:
            scalars[name] = default.arg
    return kinds, scalars, tuple(callables), names


def insert_row(ctx: MergeContext, table: str, rec: IncomingRecord) -> dict[str, Any]:
    """The full row of a record new here (one shape for every row of an executemany) and its change-log row.

    The same values as ``typed_fields`` plus the column defaults, without the per-value detour through
    ``coerce`` for values that already have their column's type (nearly all of them)."""
    kinds, scalars, callables, _names = insert_plan(table)
    fields = rec.fields
    shape = insert_shape(table, tuple(fields))
    makers: Sequence[tuple[str, Any]]
    if shape is not None and shape.plain(tuple(map(type, fields.values()))):
        # every field is a column of its own type (or None): taken as it is
        row = dict(scalars)
        row.update(fields)
        makers = shape.makers
    else:
        row, makers = insert_fields(table, rec, kinds, scalars, callables)
    when = rec.updated_at or ctx.now
    row["id"] = rec.id
    row["version"] = rec.version
    row["device_id"] = rec.device_id
    row["updated_at"] = when
    row["created_at"] = when
    row["deleted"] = rec.deleted
    for name, make in makers:
        row[name] = make(None)
    household_id = row["id"] if table == "household" else row.get("household_id")
    log = ctx.create_logs.get(table)
    if log is None:
        log = ctx.create_logs[table] = {
            "at": ctx.now,
            "entity": table,
            "entity_id": None,
            "household_id": None,
            "operator": ctx.merge_operator,
            "device_id": ctx.device,
            "id": None,
            "action": "create",
            "field": ms.MERGE_CREATE,
            "old_value": None,
            "new_value": None,
            "audit_entry": ctx.session.info.get("audit_entry"),
        }
    log = log.copy()
    log["entity_id"] = rec.id
    log["household_id"] = household_id
    log["id"] = ctx.new_id()
    ctx.logs.append(log)
    ctx.result.table(table).added += 1
    if household_id:
        ctx.result.household_ids.add(household_id)
    return row


def insert_fields(
    table: str, rec: IncomingRecord, kinds: dict[str, Any], scalars: dict[str, Any], callables: tuple[Any, ...]
) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """A new row's column values from ``rec.fields``, value by value, and the defaults still to be made."""
    cols = ms.stored_columns(table)
    row = dict(scalars)
    provided: set[str] = set()
    for name, value in rec.fields.items():
        kind = kinds.get(name)
        if kind is None:
            if name in ms.SYNC_COLUMNS or name in ms.LOCAL_ONLY.get(table, frozenset()):
                continue
            raise ValueError(f"表 {table} 没有字段 {name}")
        if value is not None and kind is not object and type(value) is not kind:
            value = ms.coerce(cols[name], value)
        row[name] = value
        provided.add(name)
    return row, [(n, make) for n, make in callables if n not in provided and n not in SET_ON_INSERT]


@dataclass
class InsertShape:
    """The field names of incoming records of one table that are all columns an incoming record may set."""

    kinds: tuple[type, ...]  # the python type of each field's column, in the fields' order
    makers: tuple[tuple[str, Any], ...]  # callable defaults of the columns not among the fields
    checked: dict[tuple[type, ...], bool] = field(default_factory=dict)

    def plain(self, types: tuple[type, ...]) -> bool:
        """True when values of these types are stored as they are (None, or exactly the column's type)."""
        found = self.checked.get(types)
        if found is None:
            found = all(t is type(None) or k is object or t is k for t, k in zip(types, self.kinds, strict=True))
            if len(self.checked) < 4096:
                self.checked[types] = found
        return found


@functools.lru_cache(maxsize=256)
def insert_shape(table: str, names: tuple[str, ...]) -> InsertShape | None:
    """None when a name is not a column an incoming record may set (``insert_fields`` skips or refuses it)."""
    kinds, _scalars, callables, _names = insert_plan(table)
    if any(name not in kinds for name in names):
        return None
    makers = tuple((n, make) for n, make in callables if n not in names and n not in SET_ON_INSERT)
    return InsertShape(tuple(kinds[name] for name in names), makers)


SET_ON_INSERT = frozenset({"id", "version", "device_id", "updated_at", "created_at", "deleted"})
