"""New records: the full row of a record new here, built fast (nearly every record of a first import is new).

The same values as :func:`typed_fields` (each value coerced to its column) plus the column defaults, without
the per-value detour through ``coerce`` for values that already have their column's type.

A table that holds no row when a merge begins (a first import, on SQLite) is *fresh*: every record of it is
new here unless the same record id comes twice, so its records are inserted without looking up existing
rows, snapshots or conflicts (:func:`insert_fresh`), and their "create" change-log rows are written at the
end of the table by one ``INSERT … SELECT`` (:func:`log_fresh`) instead of one Python dict per record. A
record id that does come twice breaks the primary key: :class:`FreshInsertRefused` tells the caller, which
rolls back to its savepoint and merges the same records again the general way (the second merged into the
first, as always), so the result never depends on the shortcut.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.schema import ColumnDefault

from desktop_app.services.merge import state as ms
from desktop_app.services.merge.records import IncomingRecord, MergeContext
from desktop_app.storage.bulk import bound_value, insert_tuples
from desktop_app.storage.models import ChangeLog
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


def insert_row(ctx: MergeContext, table: str, rec: IncomingRecord, *, log: bool = True) -> dict[str, Any]:
    """The full row of a record new here (one shape for every row of an executemany) and its change-log row
    (``log`` False: the caller writes it, see :func:`log_fresh`).

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
    ctx.result.table(table).added += 1
    if household_id:
        ctx.result.household_ids.add(household_id)
    if not log:
        return row
    entry = ctx.create_logs.get(table)
    if entry is None:
        entry = ctx.create_logs[table] = {
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
    entry = entry.copy()
    entry["entity_id"] = rec.id
    entry["household_id"] = household_id
    entry["id"] = ctx.new_id()
    ctx.logs.append(entry)
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


class FreshInsertRefused(Exception):
    """A fresh table's insert broke a constraint (a record id given twice in what is merged): merge again
    without the shortcut (``fresh=False``) after rolling back to a savepoint taken before."""


def fresh_tables(session: Any, tables: Iterable[str]) -> frozenset[str]:
    """The tables among ``tables`` that hold no row at all (deleted ones count), on SQLite; elsewhere none."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return frozenset()
    quote = conn.dialect.identifier_preparer.quote
    return frozenset(t for t in tables if conn.exec_driver_sql(f"SELECT 1 FROM {quote(t)} LIMIT 1").first() is None)


def insert_fresh(ctx: MergeContext, table: str, t: Any, chunk: Sequence[IncomingRecord]) -> None:
    """Insert a chunk of records of a fresh table; their change-log rows come with :func:`log_fresh`.

    Each row is made as a tuple in the table's column order (``fresh_shape``) when its fields all have their
    columns' types, as ``insert_row`` would make it; any other record goes through ``insert_row``."""
    rows: list[tuple[Any, ...]] = []
    households = ctx.result.household_ids
    names = insert_plan(table)[3]
    whole = operator.itemgetter(*names)
    now = ctx.now
    at_household = None if table == "household" else "household_id"
    last: tuple[tuple[str, ...], FreshShape | None] = ((), None)
    quick = 0
    for rec in chunk:
        fields = rec.fields
        keys = tuple(fields)
        if keys != last[0]:
            last = (keys, fresh_shape(table, keys))
        shape = last[1]
        if shape is None or not shape.plain(tuple(map(type, fields.values()))):
            rows.append(whole(insert_row(ctx, table, rec, log=False)))
            continue
        when = rec.updated_at or now
        values = [*fields.values(), rec.id, rec.version, rec.device_id, when, when, rec.deleted, *shape.constants]
        for make in shape.makers:
            values.append(make(None))
        rows.append(shape.pick(values))
        quick += 1
        household = rec.id if at_household is None else fields.get(at_household)
        if household:
            households.add(household)
    ctx.result.table(table).added += quick  # insert_row counted its own
    try:
        insert_tuples(ctx.session, t, rows)
    except IntegrityError as error:
        raise FreshInsertRefused(f"{table}: {error.orig}") from error
    ctx.deferred.inserted_rows(table, len(rows))
    ctx.fresh_rows[table] = ctx.fresh_rows.get(table, 0) + len(rows)


@dataclass
class FreshShape:
    """How a fresh table's row is made from a record whose fields are ``names`` (see ``insert_fresh``)."""

    plain: Any  # InsertShape.plain: the values' types are their columns' own
    constants: tuple[Any, ...]  # scalar defaults of the columns not among the fields
    makers: tuple[Any, ...]  # callable defaults of the other columns not among them
    pick: Any  # the row tuple, in the table's column order, from fields + sync values + constants + made


@functools.lru_cache(maxsize=256)
def fresh_shape(table: str, names: tuple[str, ...]) -> FreshShape | None:
    shape = insert_shape(table, names)
    if shape is None:
        return None
    _kinds, scalars, _callables, columns = insert_plan(table)
    made = [n for n, _make in shape.makers]
    constants = [n for n in columns if n not in names and n not in SET_ON_INSERT and n not in made]
    order = [*names, "id", "version", "device_id", "updated_at", "created_at", "deleted", *constants, *made]
    at = {n: i for i, n in enumerate(order)}
    return FreshShape(
        plain=shape.plain,
        constants=tuple(scalars[n] for n in constants),
        makers=tuple(make for _n, make in shape.makers),
        pick=operator.itemgetter(*(at[n] for n in columns)),
    )


def log_fresh(ctx: MergeContext) -> None:
    """The "create" change-log rows of the records put into fresh tables so far, one statement per table:
    the same rows ``insert_row`` makes (ids from the merge's series, in the rows' order)."""
    conn = ctx.session.connection()
    quote = conn.dialect.identifier_preparer.quote
    log = table_of(ChangeLog)
    for table, count in list(ctx.fresh_rows.items()):
        del ctx.fresh_rows[table]
        columns = table_of(ms.model(table)).columns
        household = "id" if table == "household" else "household_id" if "household_id" in columns else "NULL"
        head, start = ctx.ids.reserve(count)
        ctx.deferred.inserted_rows("change_log", count)
        conn.exec_driver_sql(
            "INSERT INTO change_log (id, at, entity, entity_id, household_id, action, field, old_value, new_value,"
            " operator, device_id, audit_entry)"
            f" SELECT {ctx.ids.SQL}, :at, :entity, id, household, 'create', :field, NULL, NULL, :operator,"
            " :device, :audit"
            f" FROM (SELECT id, {household} AS household, :start + row_number() OVER (ORDER BY rowid) - 1 AS c"
            f" FROM {quote(table)})",
            {
                "head": head,
                "start": start,
                "at": bound_value(ctx.session, log.c.at, ctx.now),
                "entity": table,
                "field": ms.MERGE_CREATE,
                "operator": ctx.merge_operator,
                "device": ctx.device,
                "audit": ctx.session.info.get("audit_entry"),
            },
        )
