"""Yearly income records (收入情况) of a household: the lookups a judgement of year Y uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from desktop_app.storage.models_monitoring import IncomeRecord


@dataclass(frozen=True)
class IncomeRow:
    household_id: str
    year: int
    window: str
    lines: dict[str, Any]
    wage_fen: int
    business_fen: int
    property_fen: int
    transfer_fen: int
    costs_fen: int
    gross_fen: int
    net_fen: int
    size: int
    member_ids: tuple[str, ...]
    per_capita_fen: int | None
    insurance_claim_fen: int
    out_of_pocket_fen: int
    medical_expense_fen: int
    disaster_loss_fen: int


def _row(r: IncomeRecord) -> IncomeRow:
    return IncomeRow(
        household_id=r.household_id,
        year=r.year,
        window=r.window,
        lines=dict(r.lines or {}),
        wage_fen=r.wage_fen,
        business_fen=r.business_fen,
        property_fen=r.property_fen,
        transfer_fen=r.transfer_fen,
        costs_fen=r.costs_fen,
        gross_fen=r.gross_fen,
        net_fen=r.net_fen,
        size=r.size,
        member_ids=tuple(r.member_ids or ()),
        per_capita_fen=r.per_capita_fen,
        insurance_claim_fen=r.insurance_claim_fen,
        out_of_pocket_fen=r.out_of_pocket_fen,
        medical_expense_fen=r.medical_expense_fen,
        disaster_loss_fen=r.disaster_loss_fen,
    )


def income_for(session: Session, household_id: str, year: int) -> IncomeRow | None:
    """The household's record of ``year`` (None: no record of that year)."""
    found = session.exec(
        select(IncomeRecord).where(
            IncomeRecord.household_id == household_id,
            IncomeRecord.year == year,
            col(IncomeRecord.deleted).is_(False),
        )
    ).first()
    return _row(found) if found is not None else None


def latest_income(session: Session, household_id: str, *, up_to: int | None = None) -> IncomeRow | None:
    """The household's newest record (of ``up_to`` or earlier when given)."""
    query = select(IncomeRecord).where(IncomeRecord.household_id == household_id, col(IncomeRecord.deleted).is_(False))
    if up_to is not None:
        query = query.where(IncomeRecord.year <= up_to)
    found = session.exec(query.order_by(col(IncomeRecord.year).desc())).first()
    return _row(found) if found is not None else None
