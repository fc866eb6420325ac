"""One household, one policy (一户一策): the yearly help plan of a household — causes and risks, the planned
measures in the national categories with their amounts and targets, the per-capita income target.

A plan's id is deterministic per household and year (``plan_id``), so saving the plan again replaces it and two
laptops that wrote the same year's plan merge field by field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import col, select

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError, plan_id
from desktop_app.services.assistance.funds_base import code_of, household
from desktop_app.services.monitoring.measures import FIRST_YEAR, LAST_YEAR, category_code, value_codes
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models_assist import HelpPlan


@dataclass(frozen=True)
class PlanItem:
    category: str  # help_category code or label
    values: Sequence[str] = ()  # codes or labels of the category's own list (may be empty in a plan)
    content: str = ""
    amount_fen: int = 0
    target: str = ""


@dataclass(frozen=True)
class PlanInput:
    causes: Sequence[str] = ()  # codes or labels of "cause"
    risks: Sequence[str] = ()  # codes or labels of "monitor_risk"
    items: Sequence[PlanItem] = ()
    income_target_fen: int | None = None
    targets: str = ""
    made_on: date | None = None
    made_by: str = ""
    note: str = ""


@dataclass(frozen=True)
class PlanItemView:
    category: str
    category_label: str
    values: tuple[str, ...]
    value_labels: tuple[str, ...]
    content: str
    amount_fen: int
    target: str


@dataclass(frozen=True)
class PlanView:
    id: str
    household_id: str
    year: int
    causes: tuple[str, ...]
    cause_labels: tuple[str, ...]
    risks: tuple[str, ...]
    risk_labels: tuple[str, ...]
    items: tuple[PlanItemView, ...]
    income_target_fen: int | None
    targets: str
    made_on: date | None
    made_by: str
    note: str
    planned_fen: int = field(default=0)  # the items' amounts added up


def check_year(year: int) -> int:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise AssistError("bad_year", f"年度无效：{year}", f"invalid year: {year}")
    return int(year)


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def _item(item: PlanItem) -> dict[str, object]:
    code = category_code(item.category)
    values = list(value_codes(code, item.values)) if item.values else []
    if item.amount_fen < 0:
        raise AssistError("bad_amount", "计划金额不能为负数", "a planned amount cannot be negative")
    return {
        "category": code,
        "values": values,
        "content": item.content.strip(),
        "amount_fen": int(item.amount_fen),
        "target": item.target.strip(),
    }


def save_plan(db: Database, household_id: str, year: int, plan: PlanInput) -> str:
    """Write the household's plan of ``year`` (replacing the one saved before); returns its id. Bad input: a
    Chinese error and nothing written."""
    year = check_year(year)
    causes = _unique([code_of("cause", c, "致贫原因") for c in plan.causes])
    risks = _unique([code_of("monitor_risk", r, "风险类型") for r in plan.risks])
    items = [_item(i) for i in plan.items]
    if plan.income_target_fen is not None and plan.income_target_fen < 0:
        raise AssistError("bad_amount", "收入目标不能为负数", "the income target cannot be negative")
    with reading(db) as session:
        hid = household(session, household_id).id
    with writing(db, "assist.plan_save", hid) as work:
        pid = plan_id(hid, year)
        row = work.session.get(HelpPlan, pid) or HelpPlan(id=pid, household_id=hid, year=year)
        row.deleted = False
        row.causes, row.risks, row.items = causes, risks, items
        row.income_target_fen = plan.income_target_fen
        row.targets, row.made_on, row.made_by, row.note = plan.targets.strip(), plan.made_on, plan.made_by, plan.note
        work.session.add(row)
        work.session.flush()
        return pid


def _view(row: HelpPlan) -> PlanView:
    items = tuple(
        PlanItemView(
            category=str(i["category"]),
            category_label=catalog.label("help_category", str(i["category"])),
            values=tuple(i.get("values") or ()),
            value_labels=tuple(catalog.label(f"help_{i['category']}", v) for v in i.get("values") or ()),
            content=str(i.get("content", "")),
            amount_fen=int(i.get("amount_fen", 0)),
            target=str(i.get("target", "")),
        )
        for i in row.items or ()
    )
    return PlanView(
        id=row.id,
        household_id=row.household_id,
        year=row.year,
        causes=tuple(row.causes or ()),
        cause_labels=tuple(catalog.label("cause", c) for c in row.causes or ()),
        risks=tuple(row.risks or ()),
        risk_labels=tuple(catalog.label("monitor_risk", r) for r in row.risks or ()),
        items=items,
        income_target_fen=row.income_target_fen,
        targets=row.targets,
        made_on=row.made_on,
        made_by=row.made_by,
        note=row.note,
        planned_fen=sum(i.amount_fen for i in items),
    )


def household_plan(db: Database, household_id: str, year: int) -> PlanView | None:
    """The household's plan of ``year`` (None when none was made)."""
    with reading(db) as session:
        hid = household(session, household_id).id
        row = session.get(HelpPlan, plan_id(hid, int(year)))
        return None if row is None or row.deleted else _view(row)


def plan_years(db: Database, household_id: str) -> list[int]:
    """The years the household has a plan for, newest first."""
    with reading(db) as session:
        hid = household(session, household_id).id
        rows = session.exec(
            select(HelpPlan.year).where(HelpPlan.household_id == hid, col(HelpPlan.deleted).is_(False))
        ).all()
        return sorted(set(rows), reverse=True)
