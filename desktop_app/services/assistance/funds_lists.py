"""Lists of the funds (read only): fund sources with their totals, projects, and the payments of a household or a
village with names resolved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.services.assistance.funds_base import household
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import Disbursement, Fund, FundAllocation, FundProject
from desktop_app.storage.models_monitoring import HelpMeasure


@dataclass(frozen=True)
class DisbursementRow:
    id: str
    household_id: str
    number: str
    head_name: str
    fund_id: str
    fund: str
    project: str
    measure_id: str | None
    measure: str  # the measure's category label and content
    amount_fen: int
    paid_on: date | None
    year: int
    payee: str
    evidence_count: int


@dataclass(frozen=True)
class ProjectRow:
    id: str
    fund_id: str
    fund: str
    name: str
    year: int
    category: str | None
    category_label: str


@dataclass(frozen=True)
class FundRow:
    id: str
    name: str
    level: str
    level_label: str
    year: int
    document: str
    allocated_fen: int
    disbursed_fen: int


def _sums(session: Session, model: type[FundAllocation] | type[Disbursement]) -> dict[str, int]:
    rows = session.exec(
        select(model.fund_id, func.sum(model.amount_fen)).where(col(model.deleted).is_(False)).group_by(model.fund_id)
    ).all()
    return {f: int(total or 0) for f, total in rows}


def fund_list(db: Database) -> list[FundRow]:
    """Every fund source, newest year first, with what was allocated and paid from it."""
    with reading(db) as session:
        allocated, paid = _sums(session, FundAllocation), _sums(session, Disbursement)
        funds = session.exec(select(Fund).where(col(Fund.deleted).is_(False))).all()
        return [
            FundRow(
                f.id,
                f.name,
                f.level,
                catalog.label("fund_level", f.level) if f.level else "",
                f.year,
                f.document,
                allocated.get(f.id, 0),
                paid.get(f.id, 0),
            )
            for f in sorted(funds, key=lambda f: (-f.year, f.name))
        ]


def project_list(db: Database, fund_id: str | None = None) -> list[ProjectRow]:
    """The projects (of one fund when given), by fund then name."""
    with reading(db) as session:
        names = dict(session.exec(select(Fund.id, Fund.name)).all())
        query = select(FundProject).where(col(FundProject.deleted).is_(False))
        if fund_id:
            query = query.where(FundProject.fund_id == fund_id)
        rows = session.exec(query).all()
        return [
            ProjectRow(
                p.id,
                p.fund_id,
                names.get(p.fund_id, ""),
                p.name,
                p.year,
                p.category,
                catalog.label("help_category", p.category) if p.category else "",
            )
            for p in sorted(rows, key=lambda p: (names.get(p.fund_id, ""), p.name))
        ]


def disbursement_rows(session: Session, query_filter: Sequence[Any]) -> list[DisbursementRow]:
    """Live disbursements matching ``query_filter`` (SQL conditions), with names resolved."""
    rows = session.exec(
        select(Disbursement, Household.number, Household.head_name)
        .join(Household, col(Household.id) == col(Disbursement.household_id))
        .where(col(Disbursement.deleted).is_(False), *query_filter)
        .order_by(col(Disbursement.paid_on), col(Disbursement.created_at))
    ).all()
    funds = dict(session.exec(select(Fund.id, Fund.name)).all())
    projects = dict(session.exec(select(FundProject.id, FundProject.name)).all())
    mids = sorted({d.measure_id for d, _n, _h in rows if d.measure_id})
    measures = {
        m.id: f"{catalog.label('help_category', m.category)} {m.content}".strip()
        for m in session.exec(select(HelpMeasure).where(col(HelpMeasure.id).in_(mids))).all()
    }
    pids = sorted({d.payee_member_id for d, _n, _h in rows if d.payee_member_id})
    payees = dict(session.exec(select(Member.id, Member.name).where(col(Member.id).in_(pids))).all())
    return [
        DisbursementRow(
            d.id,
            d.household_id,
            number,
            head,
            d.fund_id,
            funds.get(d.fund_id, ""),
            projects.get(d.project_id or "", ""),
            d.measure_id,
            measures.get(d.measure_id or "", ""),
            d.amount_fen,
            d.paid_on,
            d.year,
            payees.get(d.payee_member_id or "", ""),
            len(d.evidence or ()),
        )
        for d, number, head in rows
    ]


def household_disbursements(db: Database, household_id: str) -> list[DisbursementRow]:
    """The payments a household received, oldest first."""
    with reading(db) as session:
        hid = household(session, household_id).id
        return disbursement_rows(session, [Disbursement.household_id == hid])


def village_disbursements(db: Database, village_id: str, year: int | None = None) -> list[DisbursementRow]:
    with reading(db) as session:
        conds: list[Any] = [Disbursement.village_id == village_id]
        if year is not None:
            conds.append(Disbursement.year == year)
        return disbursement_rows(session, conds)
