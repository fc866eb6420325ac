"""Reading the ledger sheets of an exchange workbook (format version 2) into records for the merge.

The sheets are read and their cells checked like every other sheet (``workbook_in._parse_sheet``). Here,
with the whole file read: each row's household (by 户编号: in the file or in this database), its village (by
行政村代码) and every record its hidden ids name (a repayment's loan, a month's post holder, a payment's
fund, a borrower) must exist, in the file or here; a month must be a real month. A row that fails names its
sheet, row and column, and then nothing is written (or, with ``--partial``, not its household).

Merging goes field by field through the merge engine like the card's records (``importer._incoming``):
an unchanged row is the state it was exported from, an edited row a new state based on it, and a row typed
into the workbook (no 记录编号) gets the same id on every import — the deterministic id of its ledger where
there is one (a plan per household and year, a work or post month per person and month), else the
``uuid5`` of its values (``typed_rows``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain.assistance import plan_id, post_month_id, valid_month, work_month_id
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.services.exchange.typed_rows import typed_id
from desktop_app.services.exchange.validation import Problem, Report
from desktop_app.services.exchange.workbook_in import ParsedWorkbook, Row, spilled_rows
from desktop_app.services.merge import IncomingRecord
from desktop_app.services.merge import state as ms
from desktop_app.storage.models import Area
from desktop_app.storage.queries import live_rows, table_of

_WORDS = {
    "fund": "资金来源",
    "fund_project": "资金项目",
    "help_measure": "落实的帮扶措施",
    "member": "成员",
    "loan": "贷款",
    "post": "公益岗位",
    "post_holder": "岗位人员",
    "cadre": "帮扶干部",
}
_MONTH_TABLES = frozenset({"post_month", "work_month"})


def _has_village(spec: C.SheetSpec) -> bool:
    return any(c.field == "@village_code" for c in spec.columns)


def _has_household(spec: C.SheetSpec) -> bool:
    return any(c.field == "@household_number" for c in spec.columns)


def check_ledgers(session: Session, parsed: ParsedWorkbook, resolved: dict[str, Any], report: Report) -> None:
    """Every ledger row's household, village, linked records and month (see the module's text)."""
    households = {f.number for f in parsed.facts.households} | set(resolved["households_in_database"])
    area_by_code, file_areas = resolved["area_by_code"], resolved["file_areas"]
    in_file: dict[str, set[str]] = {
        t: {r.values.get("id") for r in rows_of(parsed, t)} for t in _WORDS if t != "member"
    }
    in_file["member"] = set(parsed.facts.member_ids)
    wanted: dict[str, set[str]] = {}
    pending: list[tuple[C.SheetSpec, Row, C.Col, str, str]] = []
    for spec in CA.LEDGER_SHEETS:
        links = [c for c in spec.columns if c.field in CA.LINKS and c.field in parsed.present.get(spec.table, ())]
        for row in rows_of(parsed, spec.table):
            v = row.values
            owner = row.household or None
            if _has_household(spec) and row.household not in households:
                message = "户编号在“户”表和数据库中都不存在"
                report.add(Problem(spec.name, row.number, "户编号", row.household, message, owner))
            if _has_village(spec):
                code = v.get("@village_code") or ""
                _check_village(spec, row, code, area_by_code, file_areas, report, owner)
            if spec.table in _MONTH_TABLES and isinstance(v.get("month"), int) and not valid_month(v["month"]):
                message = "月份应写成年月六位数字，例如 202603"
                report.add(Problem(spec.name, row.number, "月份", str(v["month"]), message, owner))
            for col in links:
                value = v.get(col.field)
                target = CA.LINKS[col.field]
                if value and value not in in_file[target]:
                    wanted.setdefault(target, set()).add(value)
                    pending.append((spec, row, col, target, value))
    found = _existing(session, wanted)
    for spec, row, col, target, value in pending:
        if value not in found[target]:
            message = f"找不到{col.header}所指的{_WORDS[target]}（本文件和数据库中都没有这条记录）"
            report.add(Problem(spec.name, row.number, col.header, value, message, row.household or None))


def _check_village(
    spec: C.SheetSpec,
    row: Row,
    code: str,
    area_by_code: dict[str, Any],
    file_areas: dict[str, Any],
    report: Report,
    owner: str | None,
) -> None:
    here = area_by_code.get(code)
    there = file_areas.get(code)
    if here is not None:
        level = here.level
    elif there is not None:
        level = there.values.get("level")
    else:
        report.add(Problem(spec.name, row.number, "行政村代码", code, "行政村代码不存在", owner))
        return
    if level not in ("village", "行政村"):
        report.add(Problem(spec.name, row.number, "行政村代码", code, "该代码不是行政村", owner))


def _existing(session: Session, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """The ids of ``wanted`` that this database holds (deleted ones too: a link to them still holds)."""
    found: dict[str, set[str]] = {table: set() for table in _WORDS}
    for table, ids in wanted.items():
        t = table_of(ms.model(table))
        listed = sorted(ids)
        for start in range(0, len(listed), 900):
            found[table].update(
                session.execute(select(t.c.id).where(t.c.id.in_(listed[start : start + 900]))).scalars()
            )
    return found


def rows_of(parsed: ParsedWorkbook, table: str) -> Iterable[Row]:
    """The rows of a sheet, in sheet order: read back from its spill file, or held in memory (cadres)."""
    if table in parsed.spills:
        return spilled_rows(parsed, table)
    return parsed.rows.get(table, [])


@functools.cache
def not_null_defaults(table: str) -> dict[str, Any]:
    """What a blank cell of a NOT NULL column becomes: the model's default ("" for text, 0 fen, [] …)."""
    model = ms.model(table)
    out: dict[str, Any] = {}
    for name, column in ms.stored_columns(table).items():
        info = model.model_fields.get(name)
        if column.nullable or info is None:
            continue
        if info.default_factory is not None:
            out[name] = info.default_factory  # called per record: a list must not be shared
        elif info.default is not None and repr(info.default) != "PydanticUndefined":
            out[name] = info.default
    return out


def _typed_id(table: str, record: dict[str, Any], seen: dict[tuple[Any, ...], int]) -> str:
    """The id of a row typed into the workbook: its ledger's own deterministic id, else uuid5 of its values
    (with its place among identical typed rows)."""
    if table == "help_plan" and record.get("household_id") and record.get("year"):
        return plan_id(record["household_id"], record["year"])
    if table == "work_month" and record.get("member_id") and record.get("month"):
        return work_month_id(record["member_id"], record["month"])
    if table == "post_month" and record.get("holder_id") and record.get("month"):
        return post_month_id(record["holder_id"], record["month"])
    key = (table, *(record[name] for name in sorted(record) if name != "note"))
    n = seen.get(key, 0)
    seen[key] = n + 1
    return typed_id(*key, n)


def ledger_records(
    session: Session,
    parsed: ParsedWorkbook,
    skip: set[str],
    incoming: Callable[..., IncomingRecord],
    source: str,
    stamp: Any,
) -> Iterable[IncomingRecord]:
    """The incoming records of every ledger sheet (rows of the households left out by ``skip`` excepted),
    and of the cadre roster: its rows new here were added before the households (``importer._ensure_cadres``);
    the others merge field by field like any record, so an edit of a cadre's rank or unit in the workbook
    arrives (or is a conflict) instead of being ignored."""
    villages = _village_ids(session)
    seen: dict[tuple[Any, ...], int] = {}
    by_table = {spec.table: spec for spec in (C.CADRES, *CA.LEDGER_SHEETS)}
    for spec in (by_table[table] for table in ms.TABLES if table in by_table):  # parents first, as merged
        present = parsed.present.get(spec.table, set())
        names = [c.field for c in spec.data_fields() if c.field in present]
        defaults = not_null_defaults(spec.table)
        for row in rows_of(parsed, spec.table):
            if row.household in skip or (spec is C.CADRES and row.new):
                continue
            v = row.values
            record = {name: v.get(name) for name in names}
            if _has_household(spec):
                record["household_id"] = v["household_id"] = parsed.household_ids.get(row.household)
            if _has_village(spec):
                record["village_id"] = villages.get(v.get("@village_code") or "")
            for name, default in defaults.items():
                if name in record and record[name] is None:
                    record[name] = default() if callable(default) else default
            if row.new:
                v["id"] = _typed_id(spec.table, record, seen)
            yield incoming(IncomingRecord, spec.table, row, record, source, stamp)


def _village_ids(session: Session) -> dict[str, str]:
    """Village code -> id here (after the file's new areas were added)."""
    a = table_of(Area)
    rows = session.execute(select(a.c.code, a.c.id).where(a.c.level == "village", live_rows(a)))
    return {code: area_id for code, area_id in rows}


def ledger_chunks(
    session: Session,
    parsed: ParsedWorkbook,
    skip: set[str],
    incoming: Callable[..., IncomingRecord],
    source: str,
    stamp: Any,
    size: int,
) -> Iterator[list[IncomingRecord]]:
    """``ledger_records`` in chunks of at most ``size`` records of one table (``merge.apply_incoming_chunks``)."""
    chunk: list[IncomingRecord] = []
    for record in ledger_records(session, parsed, skip, incoming, source, stamp):
        if chunk and (len(chunk) >= size or chunk[-1].table != record.table):
            yield chunk
            chunk = []
        chunk.append(record)
    if chunk:
        yield chunk
