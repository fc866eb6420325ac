"""Merging another laptop's (or an edited workbook's) records into this database without losing an edit.

Records are matched by UUID. Each incoming record says which version it was based on; the engine finds that
base state (the record itself, a remembered snapshot in ``sync_state``, or the record's own change log:
``bases``) and merges field by field: a change made on one side only is applied, the same change on both
sides is a no-op, different changes on both sides are a conflict kept in ``merge_conflict`` for a person to
decide. New records are inserted in bulk (``inserts``, ``storage.bulk.bulk_insert``).
See docs/merging.md for the design and the reasons for the tie-breaks that make the result order-independent.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from desktop_app.domain.errors import DomainError
from desktop_app.services.merge import state as ms
from desktop_app.services.merge.bases import find_base, provenance
from desktop_app.services.merge.households import mark_conflicted_households, refresh_households
from desktop_app.services.merge.inserts import (
    FreshInsertRefused,
    fresh_tables,
    insert_fresh,
    insert_row,
    log_fresh,
    typed_fields,
)
from desktop_app.services.merge.records import (
    CHUNK,
    SOURCE_HISTORY,
    ConflictInfo,
    IncomingRecord,
    MergeContext,
    MergeResult,
)
from desktop_app.services.merge.state import DELETED, SOURCE_ANCESTOR, SOURCE_MERGE, State
from desktop_app.services.progress import Progress, tick
from desktop_app.storage import audit
from desktop_app.storage.bulk import DeferredIndexes, bulk_insert, no_cycle_collection
from desktop_app.storage.models import ChangeLog, Household
from desktop_app.storage.models_merge import MergeConflict, SyncState
from desktop_app.storage.queries import chunks, table_of
from desktop_app.storage.types import utcnow

POLICIES = ("conflict", "fill")


def apply_incoming(
    session: Session,
    records: list[IncomingRecord],
    *,
    source_label: str,
    policy: str = "conflict",
    exact_bases_only: bool = False,
) -> MergeResult:
    """Merge ``records`` into the database inside the caller's transaction (nothing is committed here).

    Writes go through SQLAlchemy Core (fast, and versions are stored exactly as merged); the change log gets
    one row per applied field with the operator marked "（合并：source）". ORM objects of the same records
    already loaded in ``session`` are stale afterwards.

    ``policy`` says what a differing value becomes when no common base is known: a conflict, or (``"fill"``,
    county rosters) the incoming value fills an empty field. ``exact_bases_only``: a base is only a state
    the same kind of source sent before (rosters).
    """
    by_table: dict[str, list[IncomingRecord]] = {}
    for rec in records:
        ms.model(rec.table)
        by_table.setdefault(rec.table, []).append(rec)
    parts = (part for table in ms.TABLES for part in chunks(by_table.get(table, []), CHUNK))
    return apply_incoming_chunks(
        session, parts, source_label=source_label, policy=policy, exact_bases_only=exact_bases_only
    )


def apply_incoming_chunks(
    session: Session,
    parts: Iterable[list[IncomingRecord]],
    *,
    source_label: str,
    policy: str = "conflict",
    exact_bases_only: bool = False,
    progress: Progress | None = None,
    total: int = 0,
    fresh: bool = False,
) -> MergeResult:
    """``apply_incoming`` for records produced as they are needed (a county workbook read back from disk):
    each chunk holds records of one table, the tables coming in the order of ``merge_state.TABLES``. The
    result is that of one call with all the records, without holding them all in memory.

    With ``progress``, each chunk merged is reported against ``total`` records (raises ``Cancelled``: the
    caller's unit of work rolls back). ``fresh``: tables empty at the start are filled without lookups
    (merge.inserts); raises ``FreshInsertRefused`` if a record id comes twice, and the caller, who took a
    savepoint before, rolls back to it and merges the same chunks again without ``fresh``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown merge policy {policy!r}")
    session.flush()
    ctx = MergeContext(
        session=session,
        label=source_label[:200],
        device=session.info.get("device_id", ""),
        operator=session.info.get("operator", ""),
        now=utcnow(),
        policy=policy,
        result=MergeResult(),
        deferred=DeferredIndexes(session.connection(), DEFERRED_TABLES, DEFER_INDEXES_AFTER),
        exact_bases_only=exact_bases_only,
        fresh=fresh_tables(session, ms.TABLES) if fresh else frozenset(),
    )
    order = list(ms.TABLES)
    merged: set[str] = set()
    position = 0
    seen = 0
    with contextlib.ExitStack() as large:
        for chunk in parts:
            if not chunk:
                continue
            table = chunk[0].table
            at = order.index(table)
            if at < position or any(rec.table != table for rec in chunk):
                raise ValueError("merge chunks must hold one table each, in the order of merge_state.TABLES")
            if at > position:
                log_fresh(ctx)  # the tables before are done
            position = at
            merged.add(table)
            if seen < CHUNK <= seen + len(chunk):  # a large merge from here on
                large.enter_context(_page_cache(session, seen + len(chunk)))
                large.enter_context(_no_cycle_collection(seen + len(chunk)))
            seen += len(chunk)
            for part in chunks(chunk, CHUNK):
                _merge_chunk(ctx, table, part)
                _flush_logs(ctx)
            if progress is not None:
                tick(progress, min(seen, total), max(total, seen), f"合并：{min(seen, total):,} / {total:,} 条记录")
        log_fresh(ctx)
        # before anything looks rows up by them; after an error the caller's rollback brings them back
        ctx.deferred.restore()
        touched = sorted(ctx.result.household_ids)
        if merged & _DERIVED_FROM_TABLES:  # size, head, income and the search text follow households and members only
            refresh_households(session, touched)
        mark_conflicted_households(session, touched)
    session.expire_all()
    return ctx.result


def apply_incoming_replayable(
    session: Session, parts: Callable[[], Iterable[list[IncomingRecord]]], *, source_label: str
) -> MergeResult:
    """``apply_incoming_chunks`` of the chunks ``parts()`` makes, filling tables that are empty at the start
    without lookups (``fresh``, merge.inserts): inside a savepoint, and if a record id comes twice, rolled
    back to it and merged again from ``parts()`` the general way. The same result either way.
    ``FUPIN_MERGE_FRESH=0`` always merges the general way (to compare, or to rule the shortcut out)."""
    if os.environ.get(FRESH_ENVIRONMENT) == "0":
        return apply_incoming_chunks(session, parts(), source_label=source_label)
    try:
        with session.begin_nested():
            return apply_incoming_chunks(session, parts(), source_label=source_label, fresh=True)
    except FreshInsertRefused:
        return apply_incoming_chunks(session, parts(), source_label=source_label)


FRESH_ENVIRONMENT = "FUPIN_MERGE_FRESH"
_DERIVED_FROM_TABLES = frozenset({"household", "member"})
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


def _flush_logs(ctx: MergeContext) -> None:
    """Change-log rows and snapshots are written chunk by chunk, so memory stays flat for large imports."""
    if ctx.logs:
        bulk_insert(ctx.session, table_of(ChangeLog), ctx.logs)
        ctx.deferred.inserted_rows("change_log", len(ctx.logs))
        ctx.logs = []
    if ctx.snapshots:
        ctx.session.execute(table_of(SyncState).insert(), ctx.snapshots)
        ctx.snapshots = []


def _operator(ctx: MergeContext) -> str:
    return ctx.merge_operator


def _household_of(table: str, row: dict[str, Any]) -> str | None:
    return row["id"] if table == "household" else row.get("household_id")


def _merge_chunk(ctx: MergeContext, table: str, chunk: list[IncomingRecord]) -> None:
    t = table_of(ms.model(table))
    if table in ctx.fresh:
        insert_fresh(ctx, table, t, chunk)
        return
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
        c = table_of(MergeConflict).c
        open_rows = ctx.session.execute(
            select(MergeConflict).where(c.table_name == table, c.record_id.in_(merged_ids), c.resolved_at.is_(None))
        ).scalars()
        conflicts = {(c.record_id, c.field): c for c in open_rows}
    changed_elsewhere = [r.id for r in chunk if r.id in rows and (r.version, r.device_id) != identity(rows[r.id])]
    ctx.history = ms.load_history(ctx.session, changed_elsewhere)
    if table == "household":
        _check_numbers(ctx, [r for r in chunk if r.id not in rows])
    inserts: list[dict[str, Any]] = []
    for rec in chunk:
        if rec.id in rows:
            _flush_inserts(ctx, t, inserts)
            _merge_one(ctx, table, rec, rows[rec.id], snaps.setdefault(rec.id, []), conflicts)
        else:
            rows[rec.id] = insert_row(ctx, table, rec)
            inserts.append(rows[rec.id])
    _flush_inserts(ctx, t, inserts)


def _check_numbers(ctx: MergeContext, new: list[IncomingRecord]) -> None:
    """Two laptops that each created a household with the same number: refuse with a clear message."""
    numbers = {r.fields.get("number"): r.id for r in new if r.fields.get("number")}
    if not numbers:
        return
    h = table_of(Household)
    for number, other in ctx.session.execute(select(h.c.number, h.c.id).where(h.c.number.in_(list(numbers)))):
        if other != numbers[number]:
            raise DomainError(
                "merge_number_taken",
                f"户编号 {number} 在本库中已属于另一户，无法合并（{ctx.label}）。请先在其中一边改户编号。",
                f"household number {number} belongs to another household here",
            )


def identity(row: dict[str, Any]) -> tuple[int, str]:
    return (row["version"], row["device_id"])


def _flush_inserts(ctx: MergeContext, t: Any, inserts: list[dict[str, Any]]) -> None:
    if inserts:
        bulk_insert(ctx.session, t, inserts)
        ctx.deferred.inserted_rows(t.name, len(inserts))
        inserts.clear()


def _conflict(
    ctx: MergeContext,
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
    ctx: MergeContext,
    table: str,
    rec: IncomingRecord,
    row: dict[str, Any],
    snaps: list[State],
    conflicts: dict[tuple[str, str], MergeConflict],
) -> None:
    typed = typed_fields(table, rec)
    counts = ctx.result.table(table)
    derived = ms.DERIVED.get(table, frozenset())
    if (
        (rec.version, rec.device_id) == identity(row)
        and rec.deleted == bool(row["deleted"])
        and all(v == row[k] or ms.text(v) == ms.text(row[k]) for k, v in typed.items() if k not in derived)
    ):
        counts.unchanged += 1  # the state this database has (a re-import)
        return
    inc = {name: ms.text(value) for name, value in typed.items()}
    incoming = State(rec.version, rec.device_id, rec.updated_at, rec.deleted, inc, rec.source or ctx.label)
    local = ms.state_of_row(table, row)
    found = find_base(ctx, table, rec, local, snaps)
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
        elif base is None and ctx.policy == "fill" and _empty(table, name, local_value):
            changes[name] = i
        else:
            touched_conflict = True
            key, sources = provenance(ctx, name, local_value, local, snaps)
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


def _remember(ctx: MergeContext, table: str, record_id: str, state: State, snaps: list[State], source: str) -> None:
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
    ctx: MergeContext,
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
    t = table_of(ms.model(table))
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
            audit_entry=ctx.session.info.get("audit_entry"),
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


def _empty(table: str, name: str, text: str | None) -> bool:
    """A field that ``fill`` may fill: None or "", and an empty list or dict of a JSON column (no risks, no
    removal facts yet). A 0 is a value (an amount of nothing is a fact), never empty."""
    if text in (None, ""):
        return True
    return text in ("[]", "{}") and ms.python_type(ms.stored_columns(table)[name]) is dict
