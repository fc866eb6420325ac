"""Funds (资金): fund sources of a year, their projects, allocations to villages per year, and disbursements to
households for their measures — refused, with the rule named, when the county requires photo evidence and
none is given, or when the payment overdraws the village's allocation of that fund and year.

A disbursement's year is the fund's year unless given (money of a fund year may be paid in January of the next
calendar year); its village is the household's village when paid (the ledger's key). Removal is a tombstone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError
from desktop_app.domain.funds import check_payment
from desktop_app.services.assistance.funds_base import (
    code_of,
    evidence_hashes,
    fund_and_project,
    household,
    measure_rules_of,
    member_of,
)
from desktop_app.services.assistance.plans import check_year
from desktop_app.services.monitoring.measures import category_code
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.models_assist import Disbursement, Fund, FundAllocation, FundProject
from desktop_app.storage.models_monitoring import HelpMeasure


@dataclass(frozen=True)
class FundInput:
    name: str
    year: int
    level: str = ""  # code or label of fund_level
    document: str = ""
    note: str = ""


@dataclass(frozen=True)
class ProjectInput:
    fund_id: str
    name: str
    year: int | None = None  # default: the fund's year
    category: str | None = None  # help_category code or label
    note: str = ""


@dataclass(frozen=True)
class AllocationInput:
    fund_id: str
    village_id: str
    amount_fen: int
    year: int | None = None  # default: the fund's year
    project_id: str | None = None
    on_date: date | None = None
    document: str = ""
    note: str = ""


@dataclass(frozen=True)
class DisbursementInput:
    household_id: str  # id or number
    fund_id: str | None
    amount_fen: int
    paid_on: date
    measure_id: str | None = None
    project_id: str | None = None
    payee_member_id: str | None = None
    evidence: Sequence[str] = ()  # file paths or sha256 of the household's attachments
    year: int | None = None  # default: the fund's year
    note: str = ""


def _name(text: str, what: str) -> str:
    name = text.strip()
    if not name:
        raise AssistError("no_name", f"请填写{what}名称", f"the {what} needs a name")
    return name


def add_fund(db: Database, entry: FundInput) -> str:
    """A fund source of a year (central, provincial … social); returns its id."""
    name, year = _name(entry.name, "资金"), check_year(entry.year)
    level = code_of("fund_level", entry.level, "资金级别") if entry.level else ""
    with writing(db, "assist.fund_add") as work:
        fund = Fund(name=name, level=level, year=year, document=entry.document.strip(), note=entry.note)
        work.session.add(fund)
        work.session.flush()
        return fund.id


def add_project(db: Database, entry: ProjectInput) -> str:
    """A project of a fund, optionally of one help category; returns its id."""
    name = _name(entry.name, "项目")
    category = None
    if entry.category:
        category = category_code(entry.category)
    with writing(db, "assist.project_add") as work:
        fund, _ = fund_and_project(work.session, entry.fund_id, None)
        assert fund is not None
        year = check_year(entry.year if entry.year is not None else fund.year)
        project = FundProject(fund_id=fund.id, name=name, year=year, category=category, note=entry.note)
        work.session.add(project)
        work.session.flush()
        return project.id


def _village(session: Session, village_id: str) -> Area:
    area = session.get(Area, village_id)
    if area is None or area.deleted or area.level != "village":
        raise AssistError("no_village", "找不到这个行政村", "no such village")
    return area


def allocate(db: Database, entry: AllocationInput) -> str:
    """Money of a fund (and project) allocated to a village for a year; returns the allocation's id."""
    if entry.amount_fen <= 0:
        raise AssistError("bad_amount", "分配金额应大于 0", "the amount must be above 0")
    with writing(db, "assist.allocate") as work:
        fund, project = fund_and_project(work.session, entry.fund_id, entry.project_id)
        assert fund is not None
        village = _village(work.session, entry.village_id)
        year = check_year(entry.year if entry.year is not None else fund.year)
        row = FundAllocation(
            fund_id=fund.id,
            project_id=project.id if project else None,
            village_id=village.id,
            year=year,
            amount_fen=int(entry.amount_fen),
            on_date=entry.on_date,
            document=entry.document.strip(),
            note=entry.note,
        )
        work.session.add(row)
        work.session.flush()
        return row.id


def _one(rows: Sequence[Any], key: str, what: str) -> str:
    exact = [r for r in rows if r.id == key] or list(rows)
    if not exact:
        raise AssistError("not_found", f"找不到{what}：{key}", f"no {what} {key}")
    if len(exact) > 1:
        raise AssistError("ambiguous", f"有多个{what}叫“{key}”，请用编号", f"several named {key}")
    return str(exact[0].id)


def find_fund(db: Database, text: str) -> str:
    """The id of the fund that ``text`` names (its id, or its unique name)."""
    key = text.strip()
    with reading(db) as session:
        rows = session.exec(
            select(Fund).where(or_(Fund.id == key, Fund.name == key), col(Fund.deleted).is_(False))
        ).all()
        return _one(rows, key, "资金来源")


def find_project(db: Database, text: str, fund_id: str | None = None) -> str:
    """The id of the project that ``text`` names (its id, or its name, unique within the fund when given)."""
    key = text.strip()
    with reading(db) as session:
        query = select(FundProject).where(
            or_(FundProject.id == key, FundProject.name == key), col(FundProject.deleted).is_(False)
        )
        if fund_id:
            query = query.where(FundProject.fund_id == fund_id)
        return _one(session.exec(query).all(), key, "项目")


def remaining_of(session: Session, fund_id: str, village_id: str, year: int) -> int:
    """Allocated minus disbursed of one fund, village and year (live rows only)."""
    allocated = session.exec(
        select(func.coalesce(func.sum(FundAllocation.amount_fen), 0)).where(
            FundAllocation.fund_id == fund_id,
            FundAllocation.village_id == village_id,
            FundAllocation.year == year,
            col(FundAllocation.deleted).is_(False),
        )
    ).one()
    paid = session.exec(
        select(func.coalesce(func.sum(Disbursement.amount_fen), 0)).where(
            Disbursement.fund_id == fund_id,
            Disbursement.village_id == village_id,
            Disbursement.year == year,
            col(Disbursement.deleted).is_(False),
        )
    ).one()
    return int(allocated) - int(paid)


def _measure(session: Session, household_id: str, measure_id: str | None) -> HelpMeasure | None:
    if not measure_id:
        return None
    measure = session.get(HelpMeasure, measure_id)
    if measure is None or measure.deleted or measure.household_id != household_id:
        raise AssistError("no_measure", "找不到本户的这条帮扶措施", "no such measure of this household")
    return measure


def disburse(db: Database, entry: DisbursementInput) -> str:
    """Pay money of a fund to a household (for one of its measures); returns the disbursement's id. The
    measure's own photos count as evidence. Refused, nothing written, with the rule named."""
    with reading(db) as session:
        hid = household(session, entry.household_id).id
    with writing(db, "assist.disburse", hid) as work:
        s = work.session
        home = s.get(Household, hid)
        assert home is not None
        measure = _measure(s, hid, entry.measure_id)
        fund, project = fund_and_project(
            s,
            entry.fund_id or (measure.fund_id if measure else None),
            entry.project_id or (measure.project_id if measure else None),
        )
        if fund is None:
            raise AssistError("no_fund", "请选择资金来源", "choose the fund")
        year = check_year(entry.year if entry.year is not None else fund.year)
        category = measure.category if measure else (project.category if project else None)
        photos = evidence_hashes(s, hid, entry.evidence, "拨付照片")
        own = list(measure.evidence or ()) if measure else []
        check_payment(
            measure_rules_of(s),
            category=category,
            category_label=catalog.label("help_category", category) if category else "",
            amount_fen=int(entry.amount_fen),
            photos=len(photos) + len(own),
            remaining_fen=remaining_of(s, fund.id, home.village_id, year),
            fund=fund.name,
        )
        row = Disbursement(
            household_id=hid,
            measure_id=measure.id if measure else None,
            fund_id=fund.id,
            project_id=project.id if project else None,
            village_id=home.village_id,
            year=year,
            amount_fen=int(entry.amount_fen),
            paid_on=entry.paid_on,
            payee_member_id=member_of(s, hid, entry.payee_member_id),
            evidence=photos,
            note=entry.note,
        )
        s.add(row)
        s.flush()
        return row.id


def remove_disbursement(db: Database, disbursement_id: str) -> None:
    """Remove a payment recorded by mistake (a tombstone: the ledger no longer counts it)."""
    with reading(db) as session:
        row = session.get(Disbursement, disbursement_id)
        if row is None or row.deleted:
            raise AssistError("no_disbursement", "找不到这笔拨付", "no such disbursement")
        hid = row.household_id
    with writing(db, "assist.disbursement_remove", hid) as work:
        found = work.session.get(Disbursement, disbursement_id)
        assert found is not None
        found.deleted = True


def remove_allocation(db: Database, allocation_id: str) -> None:
    """Remove an allocation entered by mistake; refused when the village would then be overdrawn and the
    rules refuse overdrawing."""
    with writing(db, "assist.allocation_remove") as work:
        row = work.session.get(FundAllocation, allocation_id)
        if row is None or row.deleted:
            raise AssistError("no_allocation", "找不到这笔资金分配", "no such allocation")
        row.deleted = True
        work.session.flush()
        if measure_rules_of(work.session).overdraw == "refuse":
            left = remaining_of(work.session, row.fund_id, row.village_id, row.year)
            if left < 0:
                raise AssistError(
                    "overdrawn",
                    "删除后本村该资金已拨付超过分配额度（规则 measure_rules.overdraw：不得超过分配额度拨付）",
                    "removing it would overdraw the village (rule measure_rules.overdraw)",
                    rule="measure_rules.overdraw",
                )
