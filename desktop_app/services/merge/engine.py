"""Merging another laptop's (or an edited workbook's) records into this database without losing an edit.

Records are matched by UUID. Each incoming record says which version it was based on; the engine finds that
base state (the record itself, a remembered snapshot in ``sync_state``, or the record's own change log) and
merges field by field: a change made on one side only is applied, the same change on both sides is a no-op,
different changes on both sides are a conflict kept in ``merge_conflict`` for a person to decide.
See docs/merging.md for the design and the reasons for the tie-breaks that make the result order-independent.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import is_, itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, select, update
from sqlalchemy.dialects.sqlite import base as sqlite_types
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from desktop_app.domain.errors import DomainError
from desktop_app.services.merge import state as ms
from desktop_app.services.merge.households import mark_conflicted_households, refresh_derived, refresh_search
from desktop_app.services.merge.state import DELETED, SOURCE_ANCESTOR, SOURCE_MERGE, State
from desktop_app.storage import audit
from desktop_app.storage.bulk import DeferredIndexes, no_cycle_collection
from desktop_app.storage.models import Household
from desktop_app.storage.models_merge import MergeConflict, SyncState
from desktop_app.storage.types import UTCDateTime, utcnow

CHUNK = 500
MINE = "~mine"  # tie-break key of this device's own edits: they stay in the record while a conflict is open
ROSTER_DEVICE = "roster:"  # device ids of county roster states (see merge_roster)
SOURCE_HISTORY = "history"  # a snapshot rebuilt from this database's own change log


@dataclass
class IncomingRecord:
    """One record as another laptop or a workbook has it.

    ``base_version`` is the version this state was derived from, as last shared with other databases (None:
    unknown or a record new over there); ``fields`` are the business columns (column name -> typed value).
    ``base_device`` (optional) names the device that wrote the base version, when the exporter knows it;
    ``ancestors`` (optional) lists other (version, device) states this one is known to descend from.
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
    ancestors: tuple[tuple[int, str], ...] = ()


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
        found = self.counts.get(name)
        return found if found is not None else self.counts.setdefault(name, TableCounts())

    @property
    def changed(self) -> bool:
        return bool(self.conflicts) or any(c.added or c.updated for c in self.counts.values())


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class OrderedIds:
    """Time-ordered UUIDs (RFC 9562 version 7) as text: 48 bits of milliseconds when the series started, a
    28-bit counter, 44 random bits. Each id sorts after the one before, so the change-log rows of a large
    import go to the end of the table's primary-key index instead of anywhere in it: random ids made the
    1.6 million change-log inserts of a county import take twice as long once that index outgrew the page
    cache. Unique like random ones (the random part), made in batches from one urandom call.
    """

    BATCH = 1024

    def __init__(self, start_ms: int | None = None) -> None:
        self.ms = time.time_ns() // 1_000_000 if start_ms is None else start_ms
        self.counter = 0
        self._ids = itertools.chain.from_iterable(iter(lambda: self.batch(self.BATCH), None))

    def next(self) -> str:
        return next(self._ids)

    def batch(self, count: int) -> list[str]:
        if self.counter + count > 1 << 28:  # a new millisecond starts a new counter (never reached in practice)
            self.ms, self.counter = self.ms + 1, 0
        ms = f"{self.ms:012x}"
        head = f"{ms[:8]}-{ms[8:]}-7"
        tail = os.urandom(6 * count).hex()
        out = []
        for n in range(count):
            c = self.counter + n
            out.append(f"{head}{c >> 16:03x}-8{(c >> 4) & 0xFFF:03x}-{c & 0xF:x}{tail[12 * n : 12 * n + 11]}")
        self.counter += count
        return out


@dataclass
class _Ctx:
    session: Session
    label: str
    device: str
    operator: str
    now: datetime
    policy: str  # what to do with a differing value when the base is unknown: "conflict" or "fill"
    result: MergeResult
    logs: list[dict[str, Any]] = field(default_factory=list)
    snapshots: list[dict[str, Any]] = field(default_factory=list)
    snapshot_keys: set[tuple[str, str, int, str]] = field(default_factory=set)
    history: dict[str, list[Any]] = field(default_factory=dict)
    exact_bases_only: bool = False  # rosters: a base is only a state the same kind of source sent before
    ids: OrderedIds = field(default_factory=OrderedIds)  # of this merge's change-log rows
    create_logs: dict[str, dict[str, Any]] = field(default_factory=dict)  # per table: its "create" row, to copy
    deferred: Any = None  # bulk.DeferredIndexes of this merge

    @property
    def merge_operator(self) -> str:
        return f"{self.operator}（合并：{self.label}）"[:100]

    def new_id(self) -> str:
        """A new UUID text for a change-log row, each sorting after the one before (OrderedIds)."""
        return self.ids.next()


def apply_incoming(session: Session, records: list[IncomingRecord], *, source_label: str) -> MergeResult:
    """Merge ``records`` into the database inside the caller's transaction (nothing is committed here).

    Writes go through SQLAlchemy Core (fast, and versions are stored exactly as merged); the change log gets
    one row per applied field with the operator marked "（合并：source）". ORM objects of the same records
    already loaded in ``session`` are stale afterwards.
    """
    return _apply(session, records, source_label=source_label, policy="conflict")


def apply_incoming_chunks(
    session: Session, chunks: Iterable[list[IncomingRecord]], *, source_label: str
) -> MergeResult:
    """``apply_incoming`` for records produced as they are needed (a county workbook read back from disk):
    each chunk holds records of one table, the tables coming in the order of ``merge_state.TABLES``. The
    result is that of one call with all the records, without holding them all in memory."""
    return _apply_chunks(session, chunks, source_label=source_label, policy="conflict")


def _apply(
    session: Session, records: list[IncomingRecord], *, source_label: str, policy: str, exact_bases_only: bool = False
) -> MergeResult:
    by_table: dict[str, list[IncomingRecord]] = {}
    for rec in records:
        ms.model(rec.table)
        by_table.setdefault(rec.table, []).append(rec)
    chunks = (chunk for table in ms.TABLES for chunk in _chunks(by_table.get(table, [])))
    return _apply_chunks(session, chunks, source_label=source_label, policy=policy, exact_bases_only=exact_bases_only)


def _apply_chunks(
    session: Session,
    chunks: Iterable[list[IncomingRecord]],
    *,
    source_label: str,
    policy: str,
    exact_bases_only: bool = False,
) -> MergeResult:
    session.flush()
    ctx = _Ctx(
        session=session,
        label=source_label[:200],
        device=session.info.get("device_id", ""),
        operator=session.info.get("operator", ""),
        now=utcnow(),
        policy=policy,
        result=MergeResult(),
        exact_bases_only=exact_bases_only,
    )
    order = list(ms.TABLES)
    position = 0
    seen = 0
    ctx.deferred = DeferredIndexes(session.connection(), DEFERRED_TABLES, DEFER_INDEXES_AFTER)
    with contextlib.ExitStack() as large:
        for chunk in chunks:
            if not chunk:
                continue
            table = chunk[0].table
            at = order.index(table)
            if at < position or any(rec.table != table for rec in chunk):
                raise ValueError("merge chunks must hold one table each, in the order of merge_state.TABLES")
            position = at
            if seen < CHUNK <= seen + len(chunk):  # a large merge from here on
                large.enter_context(_page_cache(session, seen + len(chunk)))
                large.enter_context(_no_cycle_collection(seen + len(chunk)))
            seen += len(chunk)
            for part in _chunks(chunk):
                _merge_chunk(ctx, table, part)
                _flush_logs(ctx)
        # before anything looks rows up by them; after an error the caller's rollback brings them back
        ctx.deferred.restore()
        touched = sorted(ctx.result.household_ids)
        refresh_derived(session, touched)
        mark_conflicted_households(session, touched)
        refresh_search(session, touched)
    session.expire_all()
    return ctx.result


MERGE_PAGE_CACHE_KIB = 65536
# tables whose secondary indexes a large merge into a nearly empty database builds at the end (bulk.py);
# not the households: their numbers are looked up while the merge runs
DEFERRED_TABLES = ("member", "measure", "procedure_event", "change_log")
DEFER_INDEXES_AFTER = 50_000  # new rows of one table


def _no_cycle_collection(count: int) -> contextlib.AbstractContextManager[None]:
    """The cycle collector paused for a merge of at least CHUNK records (see services.bulk)."""
    return no_cycle_collection(count >= CHUNK)


@contextlib.contextmanager
def _page_cache(session: Session, count: int) -> Iterator[None]:
    """SQLite's page cache at least 64 MB while a large merge writes (default 2 MB): inserting new records
    touches pages all over the tables' indexes (random UUIDs). The connection's own size comes back after."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or count < CHUNK:
        yield
        return
    cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0)
    kib = -cache if cache < 0 else cache * int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0) // 1024
    if kib >= MERGE_PAGE_CACHE_KIB:
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size=-{MERGE_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(SQLAlchemyError):
            conn.exec_driver_sql(f"PRAGMA cache_size={cache}")


def _flush_logs(ctx: _Ctx) -> None:
    """Change-log rows and snapshots are written chunk by chunk, so memory stays flat for large imports."""
    if ctx.logs:
        bulk_insert(ctx.session, audit.ChangeLog.__table__, ctx.logs)  # type: ignore[attr-defined]
        ctx.deferred.inserted_rows("change_log", len(ctx.logs))
        ctx.logs = []
    if ctx.snapshots:
        ctx.session.execute(SyncState.__table__.insert(), ctx.snapshots)  # type: ignore[attr-defined]
        ctx.snapshots = []


def _operator(ctx: _Ctx) -> str:
    return ctx.merge_operator


def _household_of(table: str, row: dict[str, Any]) -> str | None:
    return row["id"] if table == "household" else row.get("household_id")


def _merge_chunk(ctx: _Ctx, table: str, chunk: list[IncomingRecord]) -> None:
    t = ms.model(table).__table__  # type: ignore[attr-defined]
    seen: set[str] = set()
    again: set[str] = set()
    for r in chunk:
        (again if r.id in seen else seen).add(r.id)
    ids = sorted(seen)
    rows = {r["id"]: dict(r) for r in ctx.session.execute(select(t).where(t.c.id.in_(ids))).mappings()}
    # snapshots and open conflicts matter to records merged into a row (one here, or one inserted earlier in
    # this chunk); a record new here that comes once is inserted without them
    merged_ids = sorted(again.union(rows))
    snaps = ms.load_snapshots(ctx.session, table, merged_ids)
    conflicts: dict[tuple[str, str], MergeConflict] = {}
    if merged_ids:
        c = MergeConflict.__table__.c  # type: ignore[attr-defined]
        open_rows = ctx.session.execute(
            select(MergeConflict).where(c.table_name == table, c.record_id.in_(merged_ids), c.resolved_at.is_(None))
        ).scalars()
        conflicts = {(c.record_id, c.field): c for c in open_rows}
    changed_elsewhere = [r.id for r in chunk if r.id in rows and (r.version, r.device_id) != _identity(rows[r.id])]
    ctx.history = ms.load_history(ctx.session, changed_elsewhere)
    if table == "household":
        _check_numbers(ctx, [r for r in chunk if r.id not in rows])
    inserts: list[dict[str, Any]] = []
    for rec in chunk:
        if rec.id in rows:
            _flush_inserts(ctx, t, inserts)
            _merge_one(ctx, table, rec, rows[rec.id], snaps.setdefault(rec.id, []), conflicts)
        else:
            rows[rec.id] = _insert_row(ctx, table, rec)
            inserts.append(rows[rec.id])
    _flush_inserts(ctx, t, inserts)


def _check_numbers(ctx: _Ctx, new: list[IncomingRecord]) -> None:
    """Two laptops that each created a household with the same number: refuse with a clear message."""
    numbers = {r.fields.get("number"): r.id for r in new if r.fields.get("number")}
    if not numbers:
        return
    h = Household.__table__  # type: ignore[attr-defined]
    for number, other in ctx.session.execute(select(h.c.number, h.c.id).where(h.c.number.in_(list(numbers)))):
        if other != numbers[number]:
            raise DomainError(
                "merge_number_taken",
                f"户编号 {number} 在本库中已属于另一户，无法合并（{ctx.label}）。请先在其中一边改户编号。",
                f"household number {number} belongs to another household here",
            )


def _identity(row: dict[str, Any]) -> tuple[int, str]:
    return (row["version"], row["device_id"])


def _flush_inserts(ctx: _Ctx, t: Any, inserts: list[dict[str, Any]]) -> None:
    if inserts:
        bulk_insert(ctx.session, t, inserts)
        ctx.deferred.inserted_rows(t.name, len(inserts))
        inserts.clear()


def bulk_insert(session: Session, t: Any, rows: list[dict[str, Any]]) -> None:
    """Insert full rows (every column of ``t``, as the ORM/Core would store them) with one executemany.

    On SQLite the rows go to the driver as tuples converted column by column with each column type's own bind
    processor (the same conversion Core applies; see :func:`_column_converter`), skipping Core's per-row
    parameter bookkeeping; elsewhere Core does it."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or conn.dialect.paramstyle != "qmark":
        conn.execute(t.insert(), rows)
        return
    sql, names, converters = _sqlite_insert(conn.dialect, t)
    if any(name not in rows[0] for name in names):
        conn.execute(t.insert(), rows)  # Core fills the missing columns' defaults
        return
    columns: list[Any] = list(zip(*map(itemgetter(*names), rows), strict=True))
    given = list(columns)
    for index, convert, same_as in converters:
        if same_as is not None and all(map(is_, given[index], given[same_as])):
            columns[index] = columns[same_as]  # the same values (a new row's created_at and updated_at)
        else:
            columns[index] = convert(given[index])
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


_DATETIME_FORMAT = "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
_DATE_FORMAT = "%(year)04d-%(month)02d-%(day)02d"


def _column_converter(column: Any, dialect: Any) -> tuple[Any, str | None]:
    """A function converting one column's values (a sequence) for the driver (None when they pass as they are),
    and a name for its conversion when another column of the same conversion may hold the very same values.

    The same values as the column's bind processor: the common cases (an aware UTC datetime of our UTCDateTime,
    a date, True/False/None of a Boolean, an empty JSON dict) are done by a C method or a constant worked out
    with the processor itself; anything else goes through the processor."""
    impl = column.type.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is None:
        return None, None
    if (
        type(column.type) is UTCDateTime
        and isinstance(impl.impl_instance, sqlite_types.DATETIME)
        and impl.impl_instance._storage_format == _DATETIME_FORMAT
    ):

        def datetimes(values: Sequence[Any]) -> list[Any]:
            # an aware UTC datetime stays itself through astimezone(UTC); isoformat gives the storage format.
            # Runs of one datetime object (every change-log row of a merge has the same time) convert once.
            out: list[Any] = []
            last: Any = out
            done = None
            for v in values:
                if v is not last:
                    last = v
                    done = (
                        v.isoformat(" ", "microseconds")[:26] if type(v) is datetime and v.tzinfo is UTC else process(v)
                    )
                out.append(done)
            return out

        return datetimes, "utc-datetime"
    if isinstance(impl, sqlite_types.DATE) and impl._storage_format == _DATE_FORMAT:

        def dates(values: Sequence[Any]) -> list[Any]:
            return [v.isoformat() if type(v) is date else process(v) for v in values]

        return dates, None
    if isinstance(impl, Boolean):
        true, false, none = process(True), process(False), process(None)

        def booleans(values: Sequence[Any]) -> list[Any]:
            return [true if v is True else false if v is False else none if v is None else process(v) for v in values]

        return booleans, None
    if isinstance(impl, JSON):
        empty, none = process({}), process(None)

        def documents(values: Sequence[Any]) -> list[Any]:
            return [empty if type(v) is dict and not v else none if v is None else process(v) for v in values]

        return documents, None
    return functools.partial(map, process), None


_Converters = tuple[tuple[int, Any, int | None], ...]  # column index, converter, index of a same-conversion column
_SQLITE_INSERTS: dict[tuple[int, str], tuple[str, tuple[str, ...], _Converters, Any]] = {}


def _sqlite_insert(dialect: Any, t: Any) -> tuple[str, tuple[str, ...], _Converters]:
    key = (id(dialect), t.name)
    found = _SQLITE_INSERTS.get(key)
    if found is None or found[3] is not dialect:
        names = tuple(t.columns.keys())
        quote = dialect.identifier_preparer.quote
        sql = (
            f"INSERT INTO {quote(t.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        converters: list[tuple[int, Any, int | None]] = []
        first_of: dict[str, int] = {}
        for index, name in enumerate(names):
            convert, conversion = _column_converter(t.columns[name], dialect)
            if convert is not None:
                converters.append((index, convert, first_of.get(conversion) if conversion else None))
                if conversion:
                    first_of.setdefault(conversion, index)
        found = _SQLITE_INSERTS[key] = (sql, names, tuple(converters), dialect)
    return found[0], found[1], found[2]


def _typed_fields(table: str, rec: IncomingRecord) -> dict[str, Any]:
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
def _insert_plan(table: str) -> tuple[dict[str, Any], dict[str, Any], tuple[tuple[str, Any], ...], tuple[str, ...]]:
    """What inserting a new record of ``table`` needs, worked out once: the python type of each column an
    incoming record may set, the scalar and the callable defaults of the other columns, every column name."""
    cols = ms.stored_columns(table)
    local_only = ms.LOCAL_ONLY.get(table, frozenset())
    kinds = {name: ms.python_type(col) for name, col in cols.items() if name not in local_only}
    scalars: dict[str, Any] = {}
    callables: list[tuple[str, Any]] = []
    names = tuple(ms.model(table).__table__.columns.keys())  # type: ignore[attr-defined]
    for name, column in ms.model(table).__table__.columns.items():  # type: ignore[attr-defined]
        if column.default is None:
            scalars[name] = None
        elif column.default.is_callable:
            callables.append((name, column.default.arg))
        else:
            scalars[name] = column.default.arg
    return kinds, scalars, tuple(callables), names


def _insert_row(ctx: _Ctx, table: str, rec: IncomingRecord) -> dict[str, Any]:
    """The full row of a record new here (one shape for every row of an executemany) and its change-log row.

    The same values as ``_typed_fields`` plus the column defaults, without the per-value detour through
    ``coerce`` for values that already have their column's type (nearly all of them)."""
    kinds, scalars, callables, _names = _insert_plan(table)
    fields = rec.fields
    shape = _insert_shape(table, tuple(fields))
    if shape is not None and shape.plain(tuple(map(type, fields.values()))):
        # every field is a column of its own type (or None): taken as it is
        row = dict(scalars)
        row.update(fields)
        makers = shape.makers
    else:
        row, makers = _insert_fields(table, rec, kinds, scalars, callables)
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


def _insert_fields(
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
    return row, [(n, make) for n, make in callables if n not in provided and n not in _SET_ON_INSERT]


@dataclass
class _Shape:
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
def _insert_shape(table: str, names: tuple[str, ...]) -> _Shape | None:
    """None when a name is not a column an incoming record may set (``_insert_fields`` skips or refuses it)."""
    kinds, _scalars, callables, _names = _insert_plan(table)
    if any(name not in kinds for name in names):
        return None
    makers = tuple((n, make) for n, make in callables if n not in names and n not in _SET_ON_INSERT)
    return _Shape(tuple(kinds[name] for name in names), makers)


_SET_ON_INSERT = frozenset({"id", "version", "device_id", "updated_at", "created_at", "deleted"})


def _find_base(
    ctx: _Ctx, table: str, rec: IncomingRecord, local: State, snaps: list[State]
) -> list[State] | str | None:
    """The latest state known here that the incoming state descends from; "ancestor" when it is already here.

    In order: the incoming state itself is known (a re-import, or an edited workbook of a known state); a
    known state among the ancestors the incoming names; its creation (version 1 is unique); an earlier state
    of the same device; this record's creation when the record was never merged here. None: no common base
    is known, and every differing field becomes a conflict.
    """
    known: dict[tuple[int, str], State] = {}
    for state in [local, *snaps]:
        known.setdefault(state.identity, state)
    found = known.get((rec.version, rec.device_id))
    if found is not None:
        return "ancestor" if found.source == SOURCE_ANCESTOR else [found]
    walk = ms.walk_back(local, snaps, ctx.history.get(rec.id, []))
    if rec.version == 1 and not rec.device_id.startswith(ROSTER_DEVICE):
        # version 1 is the record's creation, whichever device id it carries: the same state
        creations = [s for s in [*known.values(), *walk.states] if s.version == 1 and s.source != SOURCE_ANCESTOR]
        creations = [s for s in creations if not s.device_id.startswith(ROSTER_DEVICE)]
        if creations:
            return creations[:1]
    candidates = [s for s in known.values() if s.source != SOURCE_ANCESTOR] + walk.states[1:]
    wanted = set(rec.ancestors)
    if rec.base_version is not None and rec.base_device:
        wanted.add((rec.base_version, rec.base_device))
    common = [s for s in candidates if s.identity in wanted]
    if not common and ctx.exact_bases_only:
        return None
    if not common and rec.base_version == 1:
        common = [s for s in candidates if s.version == 1]
    if not common:
        common = [s for s in candidates if s.device_id == rec.device_id and s.version < rec.version]
    if common:
        # the local state itself when the incoming already contains it; else the latest common state, and
        # among concurrent ones the closest to the local state (a farther one can only add conflicts)
        def closeness(s: State) -> tuple[bool, int, int, bool, str]:
            same = sum(1 for k, v in local.fields.items() if s.fields.get(k) == v)
            return (s.identity == local.identity, s.version, same, s.source != "walk", s.device_id)

        primary = max(common, key=closeness)
        if primary.identity == local.identity:
            return [primary]
        # several common states (criss-cross merges): a value any of them had is not a change; but a state
        # this database made descends from every state it had seen by then, and such an older state is no
        # second base (a change back to its value is a change)
        made = [(s, at) for s in common if (at := _made_here(ctx, s)) is not None]
        return [
            primary,
            *(s for s in common if s is not primary and not any(s is not m and _seen_by(s, at) for m, at in made)),
        ]
    if walk.root:
        return walk.states[-1:]
    # the record's creation is an ancestor of every state of it: a safe base when nothing closer is known
    creations = [s for s in candidates if s.version == 1 and not s.device_id.startswith(ROSTER_DEVICE)]
    return creations[:1] or None


def _made_here(ctx: _Ctx, state: State) -> datetime | None:
    """When this database made ``state`` (a merge here, or an edit of a person here), else None."""
    if not ctx.device or state.device_id != ctx.device or state.source not in (SOURCE_MERGE, "local"):
        return None
    return _utc(state.updated_at)


def _seen_by(state: State, moment: datetime) -> bool:
    """True when this database had remembered ``state`` by ``moment`` (both times from this database's clock)."""
    seen = _utc(state.seen_at)
    return seen is not None and seen <= moment


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _provenance(
    ctx: _Ctx, name: str, value: str | None, local: State, snaps: list[State]
) -> tuple[list[str], list[dict[str, str]]]:
    """Tie-break key and sources of a value already in the record: this database's own edit (also when a merge
    has written the record since), else the latest other-laptop state having it."""
    merged = {s.identity for s in snaps if s.source == SOURCE_MERGE}
    if local.device_id == ctx.device and local.identity not in merged:
        return [MINE, ctx.device], [{"label": "本机", "device": ctx.device}]
    having = [
        s
        for s in [local, *snaps]
        if s.source not in (SOURCE_MERGE, SOURCE_ANCESTOR) and s.identity not in merged and s.value(name) == value
    ]
    if ctx.device and any(s.device_id == ctx.device for s in having):
        return [MINE, ctx.device], [{"label": "本机", "device": ctx.device}]
    if not having:
        return ["", ""], [{"label": "本机", "device": ctx.device}]
    best = max(having, key=lambda s: (s.key(), s.source != "local"))  # the laptop it came from, if known
    return best.key(), [{"label": best.source if best.source != "local" else "本机", "device": best.device_id}]


def _conflict(
    ctx: _Ctx,
    table: str,
    record_id: str,
    household_id: str | None,
    name: str,
    base: State | None,
    entries: list[tuple[str | None, list[str], list[dict[str, str]]]],
    conflicts: dict[tuple[str, str], MergeConflict],
) -> str | None:
    """Add candidate values to the (possibly new) conflict of one field; returns the value the record keeps."""
    row = conflicts.get((record_id, name))
    if row is None:
        row = MergeConflict(
            household_id=household_id,
            table_name=table,
            record_id=record_id,
            field=name,
            base_value=base.value(name) if base is not None else None,
            base_known=base is not None,
            created_at=ctx.now,
        )
        conflicts[(record_id, name)] = row
        ctx.session.add(row)
    cands = {c["value"]: dict(c) for c in row.candidates or []}
    for value, key, sources in entries:
        cand = cands.setdefault(value, {"value": value, "key": key, "sources": []})
        cand["key"] = max(list(cand["key"]), key)
        for src in sources:
            if src not in cand["sources"]:
                cand["sources"] = sorted([*cand["sources"], src], key=lambda s: (s["device"], s["label"]))
    ordered = sorted(cands.values(), key=lambda c: (c["key"], c["value"] or ""), reverse=True)
    if name == DELETED and "0" in cands:
        ordered.sort(key=lambda c: c["value"] != "0")
    winner, runner = ordered[0], ordered[1] if len(ordered) > 1 else ordered[0]
    row.candidates = sorted(cands.values(), key=lambda c: c["value"] or "")
    row.local_value = winner["value"]
    row.incoming_value = runner["value"]
    row.source = runner["sources"][0]["label"][:200] if runner["sources"] else ""
    row.source_device = runner["sources"][0]["device"][:64] if runner["sources"] else ""
    ctx.result.conflicts = [c for c in ctx.result.conflicts if c.id != row.id]
    ctx.result.conflicts.append(
        ConflictInfo(row.id, table, record_id, household_id, name, row.local_value, row.incoming_value, row.base_value)
    )
    kept: str | None = winner["value"]
    return kept


def _merge_one(
    ctx: _Ctx,
    table: str,
    rec: IncomingRecord,
    row: dict[str, Any],
    snaps: list[State],
    conflicts: dict[tuple[str, str], MergeConflict],
) -> None:
    typed = _typed_fields(table, rec)
    counts = ctx.result.table(table)
    derived = ms.DERIVED.get(table, frozenset())
    if (
        (rec.version, rec.device_id) == _identity(row)
        and rec.deleted == bool(row["deleted"])
        and all(v == row[k] or ms.text(v) == ms.text(row[k]) for k, v in typed.items() if k not in derived)
    ):
        counts.unchanged += 1  # the state this database has (a re-import)
        return
    inc = {name: ms.text(value) for name, value in typed.items()}
    incoming = State(rec.version, rec.device_id, rec.updated_at, rec.deleted, inc, rec.source or ctx.label)
    local = ms.state_of_row(table, row)
    found = _find_base(ctx, table, rec, local, snaps)
    if found == "ancestor":
        counts.unchanged += 1
        return
    assert not isinstance(found, str)
    bases = found or []
    base = bases[0] if bases else None
    for rebuilt in [b for b in bases if b.source == "walk"]:
        # a state rebuilt from the change log: remember it, later merges may need it after this one
        _remember(ctx, table, rec.id, rebuilt, snaps, SOURCE_HISTORY)
    household_id = _household_of(table, row)
    merge_cols = ms.merge_columns(table)
    in_key = incoming.key()
    in_src = [{"label": incoming.source, "device": rec.device_id}]
    changes: dict[str, str | None] = {}
    touched_conflict = False

    def vals(name: str) -> set[str | None]:
        return {b.value(name) for b in bases}

    def decide(name: str, i: str | None, local_value: str | None, edited_here: bool) -> None:
        nonlocal touched_conflict
        if (rec.id, name) in conflicts:
            touched_conflict = True
            winner = _conflict(ctx, table, rec.id, household_id, name, base, [(i, in_key, in_src)], conflicts)
            if winner != local_value:
                changes[name] = winner
        elif i == local_value:
            return
        elif not edited_here:
            changes[name] = i
        elif base is None and ctx.policy == "fill" and local_value in (None, ""):
            changes[name] = i
        else:
            touched_conflict = True
            key, sources = _provenance(ctx, name, local_value, local, snaps)
            entries = [(local_value, key, sources), (i, in_key, in_src)]
            winner = _conflict(ctx, table, rec.id, household_id, name, base, entries, conflicts)
            if winner != local_value:
                changes[name] = winner

    for name, i in inc.items():
        if bases and i in vals(name):
            continue  # not changed over there
        if name in derived:
            continue  # recomputed from the members after the merge
        if name in merge_cols:
            l_value = local.fields.get(name)
            decide(name, i, l_value, l_value not in vals(name))
    # deletion against an edit is a conflict; the record stays alive until a person decides
    # judged against the primary base: a second base from a criss-cross merge may hold an old tombstone
    i_del, l_del = ms.text(rec.deleted), ms.text(local.deleted)
    b_del = {base.value(DELETED)} if base is not None else set()
    local_edited = any(local.fields.get(n) not in vals(n) for n in merge_cols)
    incoming_edited = any(v not in vals(n) for n, v in inc.items() if n in merge_cols)
    if base is None:
        if i_del != l_del:
            decide(DELETED, i_del, l_del, True)
    elif (rec.id, DELETED) in conflicts:
        if i_del not in b_del or incoming_edited:
            decide(DELETED, i_del, l_del, True)
    elif i_del not in b_del:
        if l_del != i_del:
            if rec.deleted and local_edited:
                decide(DELETED, i_del, l_del, True)
            else:
                changes[DELETED] = i_del
    elif l_del not in b_del and incoming_edited:
        decide(DELETED, i_del, l_del, True)
    _remember(ctx, table, rec.id, incoming, snaps, rec.source or ctx.label)
    if rec.base_version is not None and rec.base_device:
        if (rec.base_version, rec.base_device) == local.identity:
            # the incoming state descends from the state here: keep that state with its values, the common
            # base of the next laptop's changes (a marker without values would take its place: one snapshot
            # per state, and this merge is about to overwrite the record)
            _remember(ctx, table, rec.id, local, snaps, "local")
        else:
            marker = State(rec.base_version, rec.base_device, None, False, {}, SOURCE_ANCESTOR)
            _remember(ctx, table, rec.id, marker, snaps, SOURCE_ANCESTOR)
    if touched_conflict and household_id:
        ctx.result.household_ids.add(household_id)
    changes = {k: v for k, v in changes.items() if (local.value(k) if k == DELETED else local.fields.get(k)) != v}
    if not changes and not touched_conflict:
        counts.unchanged += 1
        return
    # a conflict opened or extended makes a merge state even when the record keeps its values: the incoming
    # state is now an ancestor of this record (exports name it), so the record must not keep an identity that
    # the other side had before it saw the incoming state (a later merge would take the incoming as a base)
    full = set(merge_cols) <= set(inc)
    open_here = any(r == rec.id for r, _f in conflicts)
    _write(ctx, table, rec, row, local, incoming, snaps, changes, household_id, full=full and not open_here)


def _remember(ctx: _Ctx, table: str, record_id: str, state: State, snaps: list[State], source: str) -> None:
    """Keep ``state`` as a snapshot of the record, once per state (sync_state holds one row per identity)."""
    key = (table, record_id, state.version, state.device_id)
    if key in ctx.snapshot_keys or any(s.identity == state.identity for s in snaps):
        return
    ctx.snapshot_keys.add(key)
    if state.seen_at is None:
        state.seen_at = ctx.now
    snaps.append(state)
    ctx.snapshots.append(ms.snapshot_row(table, record_id, state, source=source, at=ctx.now))


def _write(
    ctx: _Ctx,
    table: str,
    rec: IncomingRecord,
    row: dict[str, Any],
    local: State,
    incoming: State,
    snaps: list[State],
    changes: dict[str, str | None],
    household_id: str | None,
    *,
    full: bool,
) -> None:
    _remember(ctx, table, rec.id, local, snaps, "local")
    cols = ms.stored_columns(table)
    values: dict[str, Any] = {}
    for name, new in changes.items():
        values[name] = new == "1" if name == DELETED else ms.from_text(cols[name], new)
    result_fields = {**local.fields, **{k: v for k, v in changes.items() if k != DELETED}}
    deleted = bool(values.get(DELETED, local.deleted))
    fast_forward = (
        full
        and rec.version > local.version
        and deleted == rec.deleted
        and all(result_fields.get(k) == v for k, v in incoming.fields.items())
    )
    if fast_forward:
        values.update(version=rec.version, device_id=rec.device_id, updated_at=rec.updated_at or ctx.now)
    else:
        version = max(local.version, rec.version) + 1
        values.update(version=version, device_id=ctx.device, updated_at=ctx.now)
        merged = State(version, ctx.device, ctx.now, deleted, result_fields, SOURCE_MERGE)
        _remember(ctx, table, rec.id, merged, snaps, SOURCE_MERGE)
    t = ms.model(table).__table__  # type: ignore[attr-defined]
    ctx.session.execute(update(t).where(t.c.id == rec.id).values(**values))
    old = {k: (local.value(k) if k == DELETED else local.fields.get(k)) for k in changes}
    for name, new in changes.items():
        ctx.logs += audit.log_rows(
            entity=table,
            entity_id=rec.id,
            household_id=household_id,
            action="delete" if name == DELETED and new == "1" else "update",
            operator=_operator(ctx),
            device_id=ctx.device,
            changes={name: (old[name], new)},
            at=ctx.now,
        )
    row.update(values)
    counts = ctx.result.table(table)
    if changes:
        counts.updated += 1
    else:
        counts.unchanged += 1  # only a new merge state (a conflict kept the record's values)
    if household_id:
        ctx.result.household_ids.add(household_id)
    if changes.get("household_id"):  # a member moved (split, merge of households): its new household follows too
        ctx.result.household_ids.add(str(changes["household_id"]))


# --- exporting ---------------------------------------------------------------------------------------


EXPORT_TABLES = ("household", "member", "measure", "procedure_event")
REFERENCE_TABLES = ("area", "cadre")


def export_records(
    session: Session, *, village_id: str | None = None, include_reference: bool = False
) -> list[IncomingRecord]:
    """This database's households, members, measures and procedure events as IncomingRecords.

    ``base_version`` / ``base_device`` name the last state of each record that other databases may share
    (see :func:`merge_state.walk_back`) and ``ancestors`` every earlier state known here, so that the
    receiving side can find the latest common base.
    ``include_reference`` adds every area and cadre (needed when the receiver may not have them).
    """
    out: list[IncomingRecord] = []
    household_ids: list[str] | None = None
    tables = (*REFERENCE_TABLES, *EXPORT_TABLES) if include_reference else EXPORT_TABLES
    for table in tables:
        t = ms.model(table).__table__  # type: ignore[attr-defined]
        query = select(t).order_by(t.c.id)
        if table == "area":
            query = select(t).order_by(t.c.code)  # parents (shorter codes first) before children
        if village_id is not None and table not in REFERENCE_TABLES:
            if table == "household":
                query = query.where(t.c.village_id == village_id)
            else:
                query = query.where(t.c.household_id.in_(household_ids or []))
        rows = [dict(r) for r in session.execute(query).mappings()]
        if table == "household":
            household_ids = [r["id"] for r in rows]
        cols = ms.stored_columns(table)
        for part in _chunks(rows):
            part_ids = [r["id"] for r in part]
            snaps = ms.load_snapshots(session, table, part_ids)
            history = ms.load_history(session, part_ids)
            for row in part:
                current = ms.state_of_row(table, row)
                mine = snaps.get(row["id"], [])
                walk = ms.walk_back(current, mine, history.get(row["id"], []))
                base = walk.states[-1]
                seen = {s.identity for s in mine if s.source != SOURCE_ANCESTOR}
                seen.update(s.identity for s in walk.states if s.device_id)
                out.append(
                    IncomingRecord(
                        table=table,
                        id=row["id"],
                        base_version=base.version,
                        version=row["version"],
                        device_id=row["device_id"],
                        updated_at=row["updated_at"],
                        deleted=bool(row["deleted"]),
                        fields={name: row[name] for name in cols},
                        base_device=base.device_id or None,
                        ancestors=tuple(sorted(seen - {current.identity})),
                    )
                )
    return out


@dataclass
class RosterPerson:
    """One person of a county roster (no UUIDs): matched by resident ID, the household by its number.

    ``household_fields`` must hold ``village_id`` (and may hold ``group_id``) when the household is new.
    """

    household_number: str
    id_number: str
    member_fields: dict[str, Any]
    household_fields: dict[str, Any] = field(default_factory=dict)


def apply_roster(session: Session, people: list[RosterPerson], *, source_label: str) -> MergeResult:
    """Apply a county roster as one-sided field values (see :mod:`desktop_app.services.exchange.roster_merge`)."""
    from desktop_app.services.exchange.roster_merge import apply_roster as apply

    return apply(session, people, source_label=source_label)
