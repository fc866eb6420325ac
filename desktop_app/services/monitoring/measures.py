"""Help measures of monitored households (帮扶措施): one national category per record, values chosen within it.

Categories and values are codes of their lists (``help_category``, ``help_<category>``); what a cadre types
(the Chinese label, a spreadsheet's "3.0") is looked up through the list. A measure attaches to the household's
open or latest monitoring case. Removal is a tombstone (the record merges between laptops like any other).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.domain.help_checks import MeasureFacts, is_development
from desktop_app.domain.monitoring_rules import MonitorRules
from desktop_app.services.monitoring.cases import find_household, household_case_rows, open_case
from desktop_app.services.monitoring.rules import load_monitor_rules
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase

FIRST_YEAR, LAST_YEAR = 2014, 2100


@dataclass(frozen=True)
class HelpRow:
    id: str
    household_id: str
    case_id: str | None
    year: int
    category: str
    category_label: str
    values: tuple[str, ...]
    value_labels: tuple[str, ...]
    started_on: date | None
    ended_on: date | None
    amount_fen: int
    note: str
    development: bool  # counts as a development measure under the county rules


def _bad(code: str, zh: str, en: str) -> DomainError:
    return DomainError(code, zh, en)


def category_code(text: str) -> str:
    code = catalog.codelists()["help_category"].lookup(text)
    if code is None:
        raise _bad("bad_help_category", f"帮扶措施类别无效：{text}", f"unknown help category: {text}")
    return code


def value_codes(category: str, values: Sequence[str]) -> tuple[str, ...]:
    """The codes of ``values`` in the category's own list (multi-select; at least one; no repeats)."""
    values_list = catalog.codelists()[f"help_{category}"]
    label = catalog.label("help_category", category)
    out: list[str] = []
    for text in values:
        code = values_list.lookup(text)
        if code is None:
            raise _bad(
                "bad_help_value", f"“{label}”中没有这项措施：{text}", f"no value {text} in help category {category}"
            )
        if code not in out:
            out.append(code)
    if not out:
        raise _bad("no_help_value", f"请选择“{label}”的具体措施（可多选）", "choose at least one measure")
    return tuple(out)


def case_for_measure(session: Session, household_id: str) -> MonitoringCase | None:
    """The household's open case, else its latest one (None when it was never monitored)."""
    found = open_case(session, household_id)
    if found is not None:
        return found
    rows = household_case_rows(session, household_id)
    return rows[0] if rows else None


def _check(year: int, started_on: date | None, ended_on: date | None, amount_fen: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _bad("bad_year", f"年度无效：{year}", f"invalid year: {year}")
    if amount_fen < 0:
        raise _bad("bad_amount", "金额不能为负数", "the amount cannot be negative")
    if started_on is not None and ended_on is not None and ended_on < started_on:
        raise _bad("bad_period", "结束日期不能早于开始日期", "the end date is before the start date")


def _row(m: HelpMeasure, rules: MonitorRules) -> HelpRow:
    values = tuple(m.values or ())
    return HelpRow(
        id=m.id,
        household_id=m.household_id,
        case_id=m.case_id,
        year=m.year,
        category=m.category,
        category_label=catalog.label("help_category", m.category),
        values=values,
        value_labels=tuple(catalog.label(f"help_{m.category}", v) for v in values),
        started_on=m.started_on,
        ended_on=m.ended_on,
        amount_fen=m.amount_fen,
        note=m.note,
        development=is_development(MeasureFacts(m.category, values), rules),
    )


def add_help_measure(
    db: Database,
    household_id: str,
    *,
    year: int,
    category: str,
    values: Sequence[str],
    started_on: date | None = None,
    ended_on: date | None = None,
    amount_fen: int = 0,
    note: str = "",
) -> HelpRow:
    """Record one measure for a household (id or 户编号); refused with a Chinese reason, nothing written."""
    code = category_code(category)
    codes = value_codes(code, values)
    _check(year, started_on, ended_on, amount_fen)
    with reading(db) as session:
        hid = find_household(session, household_id).id
    with writing(db, "monitoring.measure_add", hid) as work:
        case = case_for_measure(work.session, hid)
        measure = HelpMeasure(
            household_id=hid,
            case_id=case.id if case is not None else None,
            year=year,
            category=code,
            values=list(codes),
            started_on=started_on,
            ended_on=ended_on,
            amount_fen=amount_fen,
            note=note,
        )
        work.session.add(measure)
        work.session.flush()
        return _row(measure, load_monitor_rules(work.session))


def _live(session: Session, measure_id: str) -> HelpMeasure:
    measure = session.get(HelpMeasure, measure_id)
    if measure is None or measure.deleted:
        raise _bad("no_help_measure", "找不到这条帮扶措施（可能已被删除）", "no such help measure")
    return measure


UPDATABLE = ("year", "category", "values", "started_on", "ended_on", "amount_fen", "note")


def update_help_measure(db: Database, measure_id: str, changes: Mapping[str, Any]) -> HelpRow:
    """Change some of a measure's fields (keys of ``UPDATABLE``); the same checks as adding one."""
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise _bad("bad_field", f"不能修改的字段：{', '.join(sorted(unknown))}", f"unknown fields: {sorted(unknown)}")
    with reading(db) as session:
        hid = _live(session, measure_id).household_id
    with writing(db, "monitoring.measure_update", hid) as work:
        measure = _live(work.session, measure_id)
        merged = {name: getattr(measure, name) for name in UPDATABLE} | dict(changes)
        code = category_code(str(merged["category"]))
        values = merged["values"] if "values" in changes or code == measure.category else ()
        codes = value_codes(code, list(values))
        _check(int(merged["year"]), merged["started_on"], merged["ended_on"], int(merged["amount_fen"]))
        merged.update(category=code, values=list(codes), year=int(merged["year"]), amount_fen=int(merged["amount_fen"]))
        for name in UPDATABLE:
            setattr(measure, name, merged[name])
        work.session.flush()
        return _row(measure, load_monitor_rules(work.session))


def remove_help_measure(db: Database, measure_id: str) -> None:
    with reading(db) as session:
        hid = _live(session, measure_id).household_id
    with writing(db, "monitoring.measure_remove", hid) as work:
        _live(work.session, measure_id).deleted = True


def help_measures(db: Database, household_id: str, year: int | None = None) -> list[HelpRow]:
    """The household's measures (of ``year`` when given), oldest year first, labels resolved."""
    with reading(db) as session:
        hid = find_household(session, household_id).id
        query = select(HelpMeasure).where(HelpMeasure.household_id == hid, col(HelpMeasure.deleted).is_(False))
        if year is not None:
            query = query.where(HelpMeasure.year == year)
        rows = session.exec(query.order_by(col(HelpMeasure.year), col(HelpMeasure.created_at))).all()
        rules = load_monitor_rules(session)
        return [_row(m, rules) for m in rows]


def development_implemented(session: Session, household_id: str, year: int) -> bool:
    """实施开发式帮扶措施情况: a measure of a development category in ``year`` (skills training or "other"
    alone not counting, per the county rules)."""
    rules = load_monitor_rules(session)
    rows = session.exec(
        select(col(HelpMeasure.category), col(HelpMeasure.values)).where(
            HelpMeasure.household_id == household_id,
            HelpMeasure.year == year,
            col(HelpMeasure.deleted).is_(False),
        )
    ).all()
    return any(is_development(MeasureFacts(cat, tuple(vals or ())), rules) for cat, vals in rows)
