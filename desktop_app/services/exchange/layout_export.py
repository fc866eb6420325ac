"""`fupin export --layout NAME`: a national layout (services.exchange.layouts) of a village, a township or all.

The title rows, the headers on the layout's header row (3), then one row per person (the household's fields
repeated), per household (its head) or per person and month. IDs, codes, dates and every other text are string
cells with the text format "@" (never a formula: text that looks like one gets the quote prefix); counts are
integer cells and amounts yuan with two decimals. Codes are written as their labels (layouts.code_label),
multi-selects comma-joined, dates as YYYYMM / YYYYMMDD. Written with xlsxwriter in constant-memory mode,
households read in chunks (memory stays bounded at county size), to a temporary file renamed when complete.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain import layout_values as LV
from desktop_app.domain.idnumber import mask as mask_id
from desktop_app.services import permissions
from desktop_app.services.exchange import layouts as L
from desktop_app.services.exchange.cells import FORMULA_STARTS
from desktop_app.services.exchange.errors import Cancelled, ExchangeError, Reporter, tick
from desktop_app.services.exchange.export import (
    ExportResult,
    discard_unfinished,
    find_area,
    villages_under,
    write_failed,
)
from desktop_app.services.unit_of_work import reading, record
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_assist import WorkMonth
from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord, MonitoringCase
from desktop_app.storage.queries import chunks, live_rows, table_of

CHUNK = 500  # households read at a time
_NO_LABOUR = ("4", "5")  # labour codes of 丧失劳动力 / 无劳动力
_UNSAFE_GRADES = ("C", "D")
_CANCELLED = "4"  # measure_status: cancelled measures are not help given


def export_layout_to_file(
    db: Database,
    out: str | Path,
    name: str,
    *,
    area_id: str | None = None,
    village: str | None = None,
    township: str | None = None,
    progress: Reporter | None = None,
    today: date | None = None,
) -> ExportResult:
    """Write layout ``name`` of an area (by id, or a village or township by code or name; none: everything)
    to ``out``.

    Needs ``exchange.export``; IDs are masked for a role without ``id.view_full``; recorded as
    ``exchange.export`` (file, layout, area, row counts — never an ID)."""
    permissions.require(db, "exchange.export")
    masked = not permissions.allowed(db, "id.view_full")
    item = L.layout(name)
    with reading(db) as session:
        if village:
            area_id = find_area(session, village, "village")[0]
        elif township:
            area_id = find_area(session, township, "township")[0]
        result = export_layout(session, out, item, area_id=area_id, mask_ids=masked, progress=progress, today=today)
    record(
        db,
        "exchange.export",
        area_id,
        kind="layout",
        layout=item.name,
        file=result.path.name,
        area=result.area,
        rows=dict(result.counts),
        masked=masked,
    )
    return result


def export_layout(
    session: Session,
    out: str | Path,
    item: L.Layout,
    *,
    area_id: str | None = None,
    mask_ids: bool = False,
    progress: Reporter | None = None,
    today: date | None = None,
) -> ExportResult:
    import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no type information
    from xlsxwriter.exceptions import XlsxWriterException  # type: ignore[import-untyped]  # the same

    started = time.perf_counter()
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ExchangeError("导出文件的扩展名必须是 .xlsx", "the export file must end in .xlsx")
    villages, scope = villages_under(session, area_id)
    day = today or date.today()
    tmp = out.with_name(f".{out.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx")
    options = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
               "strings_to_urls": False}  # fmt: skip
    try:
        book = xlsxwriter.Workbook(str(tmp), options)
    except OSError as exc:
        raise write_failed(out, exc) from exc
    try:
        counts = _write(session, book, item, villages, scope, day, mask_ids, progress)
        book.close()
        os.replace(tmp, out)
    except Cancelled:
        discard_unfinished(book, tmp)
        raise
    except ExchangeError:
        discard_unfinished(book, tmp)
        raise
    except (OSError, XlsxWriterException) as exc:
        discard_unfinished(book, tmp)
        raise write_failed(out, exc) from exc
    except BaseException:
        discard_unfinished(book, tmp)
        raise
    return ExportResult(path=out, area=scope, counts=counts, seconds=time.perf_counter() - started)


def _write(
    session: Session,
    book: Any,
    item: L.Layout,
    villages: list[str] | None,
    scope: str,
    day: date,
    mask_ids: bool,
    progress: Reporter | None,
) -> dict[str, int]:
    base = {"font_name": "宋体", "font_size": 10}
    text = book.add_format({**base, "num_format": "@"})
    quoted = book.add_format({**base, "num_format": "@", "quote_prefix": True})
    integer = book.add_format({**base, "num_format": "0"})
    money = book.add_format({**base, "num_format": "0.00"})
    header = book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    title = book.add_format({"font_name": "宋体", "bold": True, "font_size": 14})
    ws = book.add_worksheet(item.title[:31])
    for r, line in enumerate(item.title_rows[: item.header_row - 1]):
        ws.write_string(r, 0, line.format(area=scope, date=LV.yyyymmdd(day)), title)
    header_at = item.header_row - 1
    for c, col in enumerate(item.columns):
        ws.set_column(c, c, max(8, min(24, len(col.header) * 2 + 2)), text)
        ws.write_string(header_at, c, col.header, header)
    ws.freeze_panes(header_at + 1, 0)
    labels = [_labeller(col) for col in item.columns]
    formats = [col.format for col in item.columns]
    r = header_at + 1
    households = persons = 0
    context = _Context(session, day, mask_ids)
    numbers = _household_ids(session, villages)
    for done, part in enumerate(chunks(numbers, CHUNK)):
        tick(progress, done * CHUNK, len(numbers), f"正在写入{item.title}")
        for row in _rows(context, item, part):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                fmt = formats[c]
                if fmt == "int" and isinstance(value, int):
                    ws.write_number(r, c, value, integer)
                elif fmt == "yuan" and isinstance(value, int):
                    ws.write_number(r, c, value / 100, money)
                else:
                    cell = LV.write_value(fmt, value, labels[c])
                    if cell:
                        ws.write_string(r, c, cell, quoted if cell.startswith(FORMULA_STARTS) else text)
            r += 1
            persons += 1
        households += len(part)
    tick(progress, len(numbers), len(numbers), f"正在保存{item.title}")
    return {"households": households, "rows": persons}


def _labeller(col: L.LayoutColumn) -> Any:
    codelist = col.codelist or ""
    return lambda code: L.code_label(codelist, code)


def _household_ids(session: Session, villages: list[str] | None) -> list[str]:
    h = table_of(Household).c
    query = select(h.id).where(live_rows(table_of(Household))).order_by(h.number)
    if villages is not None:
        query = query.where(h.village_id.in_(villages)) if villages else query.where(h.id.is_(None))
    return [row.id for row in session.execute(query)]


class _Context:
    """What every chunk needs: the areas by id, the day, whether IDs are masked."""

    def __init__(self, session: Session, day: date, mask_ids: bool) -> None:
        self.session, self.day, self.mask_ids = session, day, mask_ids
        a = table_of(Area).c
        self.areas = {r.id: r for r in session.execute(select(a.id, a.name, a.level, a.parent_id))}

    def area_names(self, household: Any) -> dict[str, str]:
        names: dict[str, str] = {}
        area = self.areas.get(household.village_id)
        while area is not None:
            names[area.level] = area.name
            area = self.areas.get(area.parent_id) if area.parent_id else None
        group = self.areas.get(household.group_id) if household.group_id else None
        names["group"] = group.name if group is not None else ""
        return names


def _by_household(session: Session, model: Any, ids: list[str], order: Any) -> dict[str, list[Any]]:
    t = table_of(model)
    out: dict[str, list[Any]] = {}
    for row in session.execute(select(t).where(t.c.household_id.in_(ids), live_rows(t)).order_by(*order)):
        out.setdefault(row.household_id, []).append(row)
    return out


def _rows(ctx: _Context, item: L.Layout, ids: list[str]) -> Iterator[list[Any]]:
    session = ctx.session
    h = table_of(Household)
    homes = {r.id: r for r in session.execute(select(h).where(h.c.id.in_(ids)))}
    m = table_of(Member).c
    members = _by_household(session, Member, ids, (m.household_id, m.sort_order, m.name))
    c = table_of(MonitoringCase).c
    cases = {k: v[-1] for k, v in _by_household(session, MonitoringCase, ids, (c.household_id, c.round)).items()}
    scopes = {col.scope for col in item.columns}
    measures: dict[str, list[Any]] = {}
    if "measure" in scopes:
        hm = table_of(HelpMeasure).c
        measures = _by_household(session, HelpMeasure, ids, (hm.household_id, hm.year))
    incomes: dict[str, Any] = {}
    if "income" in scopes:
        ic = table_of(IncomeRecord).c
        incomes = {k: v[-1] for k, v in _by_household(session, IncomeRecord, ids, (ic.household_id, ic.year)).items()}
    months: dict[str, list[Any]] = {}
    if item.rows == "work_month":
        w = table_of(WorkMonth).c
        months = _by_household(session, WorkMonth, ids, (w.household_id, w.month))
    seq = 0
    for hid in ids:
        home = homes[hid]
        people = [p for p in members.get(hid, []) if p.active]
        case = cases.get(hid)
        facts = _Facts(ctx, home, people, case, measures.get(hid, []), incomes.get(hid))
        if item.rows == "household":
            head = next((p for p in people if p.relation == "01"), people[0] if people else None)
            chosen: list[tuple[Any, Any]] = [(head, None)]
        elif item.rows == "work_month":
            by_member = {p.id: p for p in people}
            chosen = [(by_member[w.member_id], w) for w in months.get(hid, []) if w.member_id in by_member]
        else:
            chosen = [(p, None) for p in people]
        for person, month in chosen:
            seq += 1
            yield [facts.value(col, person, month, seq) for col in item.columns]


class _Facts:
    """The values of one household's rows, by column source."""

    def __init__(self, ctx: _Context, home: Any, people: list[Any], case: Any, measures: list[Any], income: Any):
        self.ctx, self.home, self.people, self.case, self.income = ctx, home, people, case, income
        self.areas = ctx.area_names(home)
        self.position = {p.id: i for i, p in enumerate(people, start=1)}
        self.measures: dict[str, list[str]] = {}
        for measure in measures:
            if measure.status == _CANCELLED or (case is not None and measure.case_id not in (None, case.id)):
                continue
            values = self.measures.setdefault(measure.category, [])
            values += [v for v in measure.values or [] if v not in values]

    def value(self, col: L.LayoutColumn, person: Any, month: Any, seq: int) -> Any:
        scope, name = col.scope, col.field
        home, case = self.home, self.case
        if scope == "member":
            if person is None:
                return None
            value = getattr(person, name, None)
            if name == "id_number" and value and self.ctx.mask_ids:
                return mask_id(value)
            return value
        if scope == "household":
            return getattr(home, name, None)
        if scope == "area":
            return self.areas.get(name, "")
        if scope == "case":
            if case is None:
                return None
            if name.startswith("risk") and name[4:].isdigit():
                index = int(name[4:]) - 1
                return case.risks[index] if index < len(case.risks or []) else None
            if name == "development_done":
                return None if case.development_done is None else ("1" if case.development_done else "2")
            return getattr(case, name, None)
        if scope == "measure":
            return self.measures.get(name) or None
        if scope == "removal":
            return (case.removal_facts or {}).get(name) if case is not None else None
        if scope == "income":
            return getattr(self.income, name, None) if self.income is not None else None
        if scope == "work":
            return getattr(month, name, None) if month is not None else None
        return self._derived(col.source, person, seq)

    def _derived(self, source: str, person: Any, seq: int) -> Any:
        home, case = self.home, self.case
        if source == "@seq":
            return seq
        if source == "@date":
            return self.ctx.day
        if source == "@person_number":
            return f"{home.number}{self.position.get(person.id, 0):02d}" if person is not None else None
        if source == "@household_type":
            if home.status == "3":
                return "脱贫户"
            if case is not None and case.included_on is not None:
                return "监测户"
            return "贫困户" if home.status in ("1", "2", "4") and home.identification_year else "一般农户"
        if source == "@case_removed":
            return None if case is None or case.included_on is None else case.stage == "removed"
        if source == "@unsafe_housing":
            return None if home.housing_grade is None else home.housing_grade in _UNSAFE_GRADES
        if source == "@extreme_poverty":
            return None if home.attribute is None else home.attribute == "3"
        if source == "@no_labour_household":
            return bool(self.people) and all(p.labour in _NO_LABOUR for p in self.people)
        return None
