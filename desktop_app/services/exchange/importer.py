"""`fupin import`: read and validate a file completely, then apply it in one transaction (or not at all).

``read_file`` never writes: it reads the file (safety checks first), recognises an exchange workbook by its
metadata sheet (anything else is read as a county roster), checks every cell and every link and returns an
``ImportPlan`` with the full problem list. ``apply_plan`` writes inside the caller's transaction: with any
problem it refuses unless ``partial``, which leaves out whole households that have problems (never part of
one). The merge engine (services.merge) decides added / updated / unchanged / conflict per record, and rows
typed into the workbook keep the ids of their natural keys (typed_rows), so importing the same file twice
changes nothing the second time.
"""

from __future__ import annotations

import operator
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain import fields
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.services.exchange import (
    layout_cases,
    layout_import,
    layout_work,
    ledger_in,
    rosters,
    workbook_cross,
    workbook_in,
)
from desktop_app.services.exchange.cells import row_hash
from desktop_app.services.exchange.errors import STEPS, ExchangeError, Reporter, tick
from desktop_app.services.exchange.reader import Book
from desktop_app.services.exchange.reader_process import read_file_isolated
from desktop_app.services.exchange.typed_rows import TypedIds
from desktop_app.services.exchange.validation import Problem, Report
from desktop_app.services.merge import IncomingRecord, MergeResult, apply_incoming, apply_incoming_replayable
from desktop_app.storage import audit
from desktop_app.storage.models import Area, Cadre, ChangeLog
from desktop_app.storage.queries import live_rows, table_of
from desktop_app.storage.types import new_uuid, utcnow

EXCHANGE, ROSTER = "exchange", "roster"


@dataclass
class ImportPlan:
    path: Path
    format: str
    book: Book
    report: Report
    parsed: workbook_in.ParsedWorkbook | None = None
    roster: rosters.ParsedRoster | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.report.problems

    def areas_to_create(self) -> str:
        """The one message listing the areas a roster names that the database lacks ("" when none)."""
        plan = self.roster.area_plan if self.roster is not None else None
        return plan.message() if plan is not None else ""

    def household_count(self) -> int:
        if self.parsed is not None:
            return self.parsed.count("household")
        return len(self.roster.households) if self.roster else 0


@dataclass
class ImportOutcome:
    file: str
    format: str
    applied: bool
    households: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "unchanged": 0})
    members: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "unchanged": 0})
    conflicts: int = 0
    errors: list[Problem] = field(default_factory=list)
    skipped_households: int = 0
    ledgers: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> counts (format version 2)
    layout: str = ""  # a roster recognised as a national layout (services.exchange.layouts)
    not_imported: list[str] = field(default_factory=list)  # that layout's columns read past (不导入的列)
    areas_created: dict[str, int] = field(default_factory=dict)  # level -> areas a roster created (--create-areas)
    relinked: dict[str, str] = field(default_factory=dict)  # file's 户编号 → number here (matched by the head's ID)
    cases: dict[str, int] = field(default_factory=dict)  # monitoring cases a layout's columns added / updated

    def ledger_totals(self) -> dict[str, int]:
        """The ledger rows added, updated and unchanged, all sheets together."""
        keys = ("added", "updated", "unchanged")
        return {k: sum(c[k] for c in self.ledgers.values()) for k in keys}

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "households": self.households,
            "members": self.members,
            "conflicts": self.conflicts,
            **({"ledgers": self.ledgers} if self.ledgers else {}),
            **({"layout": self.layout, "not_imported": self.not_imported} if self.layout else {}),
            **({"areas_created": self.areas_created} if self.areas_created else {}),
            **({"relinked": self.relinked} if self.relinked else {}),
            **({"cases": self.cases} if self.cases else {}),
            "errors": [p.to_json() for p in sorted(self.errors, key=lambda p: (p.sheet, p.row or 0, p.col_index or 0))],
        }


def read_file(
    session: Session, path: str | Path, *, progress: Reporter | None = None, create_areas: bool = False
) -> ImportPlan:
    """Read and validate ``path`` completely; nothing is written. A roster naming areas the database lacks is
    refused unless ``create_areas`` (then :func:`apply_plan` creates them first)."""
    started = time.perf_counter()
    path = Path(path)
    tick(progress, 0, STEPS, "读取文件")
    tick(progress, 1, STEPS, "检查数据")
    # read and checked by the reader process (reader_process): a hostile file cannot take this one down
    read = read_file_isolated(path, progress)
    book = read.book
    report = Report(problems=read.problems)
    parsed: workbook_in.ParsedWorkbook | None = read.parsed
    try:
        if parsed is not None:
            plan = ImportPlan(path=path, format=EXCHANGE, book=book, report=report, parsed=parsed)
            tick(progress, workbook_in.PARSE_SHARE, STEPS, "核对各表之间的关联")
            resolved = workbook_cross.cross_check(session, parsed, report)
            _resolve_links(session, parsed, resolved, report)
            ledger_in.check_ledgers(session, parsed, resolved, report)
            parsed.facts = workbook_in.Facts(children=parsed.facts.children)  # checked: memory for the merge
        else:
            # a national layout (its column map, layout_import), else a county roster by its header names
            roster = layout_import.parse_book(session, book, report, create_areas=create_areas) or rosters.parse_roster(
                session, book, report, create_areas=create_areas
            )
            plan = ImportPlan(path=path, format=ROSTER, book=book, report=report, roster=roster)
    except BaseException:
        if parsed is not None:
            parsed.close()  # the spill files go at once, not when the plan is collected
        raise
    finally:
        book.close()  # also stops the helper thread of a half-read sheet
    tick(progress, STEPS, STEPS, "检查完毕")
    plan.seconds = time.perf_counter() - started
    return plan


def _resolve_links(
    session: Session, parsed: workbook_in.ParsedWorkbook, resolved: dict[str, Any], report: Report
) -> None:
    """Village, group and cadre of each household row; the household id of each member, measure and event."""
    area_by_code = resolved["area_by_code"]
    file_areas = resolved["file_areas"]
    a = table_of(Area).c
    groups: dict[tuple[str | None, str], str] = {}
    for r in session.execute(select(a.id, a.name, a.parent_id).where(a.level == "group", live_rows(table_of(Area)))):
        groups[(r.parent_id, r.name)] = r.id
    file_group_ids: dict[tuple[str, str], str] = {}
    for row in file_areas.values():
        parent = row.values.get("@parent_code")
        if row.values.get("level") in ("村民小组", "group") and parent:
            file_group_ids[(parent, row.values.get("name"))] = row.values["id"]
    cadres = workbook_cross.cadre_names(session)
    c = table_of(Cadre).c
    cadre_by_id = {r.id: r.name for r in session.execute(select(c.id, c.name).where(live_rows(table_of(Cadre))))}
    for row in parsed.rows.get("cadre", []):
        cadre_by_id.setdefault(row.values["id"], row.values.get("name") or "")
        cadres.setdefault(row.values.get("name") or "", []).append(row.values["id"])
    household_ids: dict[str, str] = {}
    present = parsed.present.get("household", set())
    for fact in parsed.facts.households:
        number = fact.number
        code = fact.village_code
        links: dict[str, Any] = {}
        village = area_by_code.get(code)
        village_id = village.id if village is not None else None
        if village is None and code in file_areas:
            village_id = file_areas[code].values["id"]
        if village is not None and village.level != "village":
            report.add(Problem(C.HOUSEHOLDS.name, fact.row, "行政村代码", code, "该代码不是行政村", number))
        links["village_id"] = village_id
        group_name = fact.group_name
        if group_name:
            group_id = groups.get((village_id, group_name)) or file_group_ids.get((code, group_name))
            if group_id is None:
                report.add(
                    Problem(C.HOUSEHOLDS.name, fact.row, "村民小组", group_name, "该行政村下没有这个村民小组", number)
                )
            links["group_id"] = group_id
        elif "@group_name" in present:
            links["group_id"] = None
        cadre_name = fact.cadre_name
        cadre_id = fact.cadre_id
        if cadre_name and cadre_by_id.get(cadre_id or "") != cadre_name:
            candidates = cadres.get(cadre_name, [])
            if len(candidates) != 1:
                message = "帮扶责任人不存在" if not candidates else "帮扶责任人重名，请在“帮扶干部”表中区分"
                report.add(Problem(C.HOUSEHOLDS.name, fact.row, "帮扶责任人", cadre_name, message, number))
            else:
                links["cadre_id"] = candidates[0]
        elif not cadre_name and "@cadre_name" in present:
            links["cadre_id"] = None
        elif cadre_id and cadre_id not in cadre_by_id:
            links["cadre_id"] = None
        parsed.links[fact.row] = links
        household_ids[number] = fact.id
    for number, hid in resolved["households_in_database"].items():  # found by cross_check
        household_ids.setdefault(number, hid)
    parsed.household_ids = household_ids


def apply_plan(
    session: Session, plan: ImportPlan, *, partial: bool = False, progress: Reporter | None = None
) -> ImportOutcome:
    """Write what ``plan`` holds inside the caller's transaction; returns the counts. Raises nothing for
    a rejected plan: ``applied`` is False and nothing was written."""
    outcome = ImportOutcome(file=str(plan.path), format=plan.format, applied=False, errors=list(plan.report.problems))
    if plan.roster is not None and plan.roster.layout:
        outcome.layout, outcome.not_imported = plan.roster.layout, list(plan.roster.not_imported)
    if plan.roster is not None:
        outcome.relinked = dict(plan.roster.relinked)
    if plan.report.problems and (not partial or plan.report.blocking):
        return outcome
    skip = plan.report.bad_households()
    outcome.skipped_households = len(skip)
    tick(progress, 0, STEPS, "写入数据库")
    if plan.format == EXCHANGE:
        assert plan.parsed is not None
        result = _apply_exchange(session, plan, skip, progress)
    else:
        assert plan.roster is not None
        result = rosters.apply(session, plan.roster, skip, source_label=plan.path.name)
        monitored = layout_cases.apply(session, plan.roster, skip, source_label=plan.path.name)
        if monitored is not None:  # a layout's monitoring cases and help measures, in the same transaction
            _add(result, monitored)
            outcome.cases = _counts(monitored, "monitoring_case")
        worked = layout_work.apply(session, plan.roster, skip, source_label=plan.path.name)
        if worked is not None:  # a work-month sheet's months (counted among the ledgers: work_month)
            _add(result, worked)
        area_plan = plan.roster.area_plan
        if area_plan is not None and not area_plan.empty:
            levels = ("county", "township", "village", "group")
            outcome.areas_created = {lv: area_plan.count(lv) for lv in levels if area_plan.count(lv)}
    if result is not None:
        for name, target in (("household", outcome.households), ("member", outcome.members)):
            counts = result.counts.get(name)
            if counts is not None:
                target.update(added=counts.added, updated=counts.updated, unchanged=counts.unchanged)
        for name in CA.LEDGER_TABLES:
            counts = result.counts.get(name)
            if counts is not None and (counts.added or counts.updated or counts.unchanged):
                outcome.ledgers[name] = {
                    "added": counts.added,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
        outcome.conflicts = len(result.conflicts)  # the merge engine refreshed sizes and the search index
    tick(progress, STEPS, STEPS, "写入完毕")
    outcome.applied = True
    return outcome


def _apply_exchange(session: Session, plan: ImportPlan, skip: set[str], progress: Reporter | None = None) -> Any:
    """Merge the whole file in the caller's transaction (households with problems left out)."""
    parsed = plan.parsed
    assert parsed is not None
    source = plan.path.name
    stamp = workbook_in.stamp_of(plan.path.stat().st_mtime)
    return _merge_exchange(session, plan, skip, source, stamp, progress)


RECORDS_PER_CHUNK = 2_000
_TABLES = ("household", "member", "measure", "procedure_event")


def _merge_exchange(
    session: Session, plan: ImportPlan, skip: set[str], source: str, stamp: Any, progress: Reporter | None = None
) -> Any:
    """Read the spilled rows back table by table and merge them chunk by chunk (merge.apply_incoming_chunks):
    the same merge as one call with every record, with only a chunk of records in memory."""
    parsed = plan.parsed
    assert parsed is not None
    local_villages = _ensure_areas(session, parsed, source)
    _ensure_cadres(session, parsed)
    specs = {s.table: s for s in C.DATA_SHEETS}
    wanted: dict[str, list[str]] = {}
    for table in _TABLES:
        fields = [c.field for c in specs[table].data_fields()]
        if table == "household":
            fields += ["village_id", "group_id"]
        present = parsed.present.get(table, set()) | {"village_id", "group_id", "household_id"}
        wanted[table] = [f for f in fields if f in present]

    total_rows = max(1, sum(parsed.count(table) for table in _TABLES))

    def chunks() -> Any:
        done = 0
        for table in _TABLES:
            spill = parsed.spills.get(table)
            if spill is None:
                continue
            for chunk in _records_of(table, spill, wanted[table]):
                yield chunk
                done += len(chunk)
                text = f"写入数据库：{min(done, total_rows):,} / {total_rows:,} 条记录"
                tick(progress, int(0.95 * STEPS * done / total_rows), STEPS, text)

    def _records_of(table: str, spill: Any, names: list[str]) -> Any:
        """The incoming records of one spilled sheet, built straight from the rows' value lists (a county
        file has 1.6 million of them): column slots worked out once, NOT NULL columns' defaults for blanks."""
        index = spill.index
        household_ids = parsed.household_ids
        direct = [(name, index[name]) for name in names if name in index]
        direct_names = tuple(name for name, _i in direct)
        # the slots of the direct fields, and the row's last slot (always None) so that a tuple comes back
        direct_of = operator.itemgetter(*(i for _name, i in direct), len(index))
        indirect = [name for name in names if name not in index]
        defaults = [(k, d) for k, d in _NOT_NULL_DEFAULTS.get(table, {}).items() if k in names]
        id_at, version_at, device_at = index["id"], index.get("version"), index.get("device_id")
        stamp_at = index.get("updated_at")
        household_at = index.get("household_id")
        typed = TypedIds(session)
        blank = dict.fromkeys(indirect)  # the indirect fields of a non-household row: nothing sets them

        def filled(record: dict[str, Any]) -> dict[str, Any]:
            for name, default in defaults:
                if record[name] is None:
                    record[name] = default
            return record

        def as_exported(data: list[Any], record: dict[str, Any]) -> IncomingRecord:
            """The record of a row as this app exported it: the version, device and time it names."""
            version = (data[version_at] if version_at is not None else None) or 0
            device = (data[device_at] if device_at is not None else None) or ""
            updated = data[stamp_at] if stamp_at is not None else None
            return IncomingRecord(
                table, data[id_at], version, version, device, updated, False, record, source, base_device=device
            )

        chunk: list[Any] = []
        for batch in spill.batches():
            for number, household, edited, new, data in batch:
                if household in skip:
                    continue
                if table != "household" and not (new or edited):
                    # a row as exported (nearly all of a county file): its record straight from the values
                    if household_at is not None:
                        data[household_at] = household_ids.get(household)
                    record = dict(zip(direct_names, direct_of(data), strict=False))  # the last slot left out
                    record.update(blank)
                    chunk.append(as_exported(data, filled(record)))
                    if len(chunk) >= RECORDS_PER_CHUNK:
                        yield chunk
                        chunk = []
                    continue
                values = workbook_in.Values(index, data)
                if table == "household":
                    links = parsed.links.get(number, {})
                    for name, value in links.items():
                        values[name] = value
                    code = values.get("@village_code")
                    if code in local_villages:
                        values["village_id"] = local_villages[code]
                elif household_at is not None:
                    data[household_at] = household_ids.get(household)
                record = dict(zip(direct_names, direct_of(data), strict=False))  # the last slot left out
                for name in indirect:
                    record[name] = values.get(name)
                if table == "household" and "cadre_id" in values:
                    record["cadre_id"] = values["cadre_id"]
                filled(record)
                if new:  # typed into the workbook: the same id on every import (typed_rows)
                    if table == "household":
                        data[id_at] = household_ids.get(household, data[id_at])
                    else:
                        data[id_at] = typed.record_id(table, data[household_at], record)
                if new or edited:
                    row = workbook_in.Row(number=number, values=values, household=household, edited=edited, new=new)
                    chunk.append(_incoming(IncomingRecord, table, row, record, source, stamp))
                else:
                    chunk.append(as_exported(data, record))
                if len(chunk) >= RECORDS_PER_CHUNK:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def ledgers() -> Any:
        return ledger_in.ledger_chunks(session, parsed, skip, _incoming, source, stamp, RECORDS_PER_CHUNK)

    total = MergeResult()
    _add(total, apply_incoming_replayable(session, chunks, source_label=source))
    _add(total, apply_incoming_replayable(session, ledgers, source_label=source))
    parsed.close()
    tombstones: list[IncomingRecord] = []
    for row in parsed.rows.get("tombstone", []):
        v = row.values
        table = v.get("@table") or ""
        if (table not in specs and table not in CA.LEDGER_TABLES) or table in ("cadre", "area"):
            continue
        tombstones.append(
            IncomingRecord(
                table=table,
                id=v["id"],
                base_version=v.get("version"),
                version=v.get("version") or 1,
                device_id=v.get("device_id") or "",
                updated_at=v.get("updated_at"),
                deleted=True,
                fields={},
                source=source,
                base_device=v.get("device_id") or "",
            )
        )
    if tombstones:
        _add(total, apply_incoming(session, tombstones, source_label=source))
    return total


def _counts(result: MergeResult, table: str) -> dict[str, int]:
    counts = result.table(table)
    return {"added": counts.added, "updated": counts.updated, "unchanged": counts.unchanged}


def _add(total: Any, part: Any) -> None:
    for name, counts in part.counts.items():
        target = total.table(name)
        target.added += counts.added
        target.updated += counts.updated
        target.unchanged += counts.unchanged
    total.conflicts.extend(part.conflicts)
    total.household_ids |= part.household_ids


_NOT_NULL_DEFAULTS: dict[str, dict[str, Any]] = {
    "household": {"size": 0, "standard": "1", "stage": "applied", "status": "1", "address": "", "phone": "",
                  "bank_name": "", "bank_account": "", "other_causes": "", "livestock": "", "note": "",
                  "income_wage_fen": 0, "income_business_fen": 0, "income_property_fen": 0, "income_transfer_fen": 0,
                  "production_costs_fen": 0, "medical_expense_fen": 0, "disaster_loss_fen": 0, "head_name": "",
                  "guarantee_notes": {}, "checklist_answers": {}},
    "member": {"phone": "", "sort_order": 0, "active": True, "left_reason": "", "is_public_official": False},
    "measure": {f.name: f.initial() for f in fields.MEASURE_FIELDS if f.initial() is not None},  # declared once
    "procedure_event": {"actor": "", "outcome": "", "reason": "", "data": {}},
}  # fmt: skip


def _incoming(cls: Any, table: str, row: workbook_in.Row, data: dict[str, Any], source: str, stamp: Any) -> Any:
    v = row.values
    version = v.get("version") or 0
    device = v.get("device_id") or ""
    if row.new:
        return cls(table, v["id"], None, 1, f"workbook:{row_hash(list(data.values()))}", stamp, False, data, source)
    if row.edited:
        marker = row_hash(list(data.values()))
        return cls(
            table, v["id"], version, version + 1, f"workbook:{marker}", stamp, False, data, source, base_device=device
        )
    return cls(table, v["id"], version, version, device, v.get("updated_at"), False, data, source, base_device=device)


def _ensure_areas(session: Session, parsed: workbook_in.ParsedWorkbook, source: str) -> dict[str, str]:
    """Areas the database lacks are added (matched by code); existing areas are left as they are. Returns
    the local area id of every area code of the file (households of the file resolve to these)."""
    rows = parsed.rows.get("area", [])
    if not rows:
        return {}
    a = table_of(Area)
    existing = {r.code: r.id for r in session.execute(select(a.c.code, a.c.id))}
    taken = set(existing.values())
    order = {"县": 0, "county": 0, "乡镇": 1, "township": 1, "行政村": 2, "village": 2, "村民小组": 3, "group": 3}
    levels = {v: k for k, v in C.AREA_LEVEL_LABELS.items()}
    new_rows, logs = [], []
    now = utcnow()
    for row in sorted(rows, key=lambda r: order.get(r.values.get("level") or "", 9)):
        v = row.values
        code = v.get("code")
        if not code or code in existing:
            continue
        area_id = v["id"] if v["id"] not in taken else new_uuid()
        parent = existing.get(v.get("@parent_code") or "")
        new_rows.append(
            {
                "id": area_id,
                "code": code,
                "name": v.get("name") or code,
                "level": levels.get(v.get("level") or "", v.get("level") or "village"),
                "parent_id": parent,
                "created_at": v.get("created_at") or now,
                "updated_at": v.get("updated_at") or now,
                "version": v.get("version") or 1,
                "device_id": v.get("device_id") or "",
                "deleted": False,
            }
        )
        logs += audit.log_rows(
            entity="area",
            entity_id=area_id,
            household_id=None,
            action="create",
            operator=session.info.get("operator", ""),
            device_id=session.info.get("device_id", ""),
            at=now,
            audit_entry=session.info.get("audit_entry"),
        )
        existing[code] = area_id
        taken.add(area_id)
        v["id"] = area_id
    conn = session.connection()
    for new in new_rows:  # parents first, one by one: a few hundred rows at most
        conn.execute(a.insert(), [new])
    if logs:
        conn.execute(table_of(ChangeLog).insert(), logs)
    return existing


def _ensure_cadres(session: Session, parsed: workbook_in.ParsedWorkbook) -> None:
    rows = parsed.rows.get("cadre", [])
    if not rows:
        return
    c = table_of(Cadre)
    have = set(session.execute(select(c.c.id)).scalars())
    now = utcnow()
    new = []
    for row in rows:
        v = row.values
        if v["id"] in have:
            continue
        new.append(
            {
                "id": v["id"],
                "name": v.get("name") or "",
                "unit": v.get("unit") or "",
                "title": v.get("title") or "",
                "phone": v.get("phone") or "",
                "note": v.get("note") or "",
                "sex": v.get("sex"),
                "rank": v.get("rank"),
                "started_on": v.get("started_on"),
                "ended_on": v.get("ended_on"),
                "created_at": v.get("created_at") or now,
                "updated_at": v.get("updated_at") or now,
                "version": v.get("version") or 1,
                "device_id": v.get("device_id") or "",
                "deleted": False,
            }
        )
    if new:
        session.connection().execute(c.insert(), new)


def check_paths(paths: list[str | Path]) -> None:
    for p in paths:
        if not Path(p).exists():
            raise ExchangeError(f"文件不存在：{p}", f"file not found: {p}", code="not_found")
