"""The funds ledger (资金台账): per fund, village and year what was allocated, what was disbursed and what
remains (allocated − disbursed, always), the disbursements flagged because their household is outside the
register and the monitoring list, and the check of the minimum industry subsidy per registered household.

All sums are SQL group-bys over live rows, so a village's ledger reads quickly at county scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, true
from sqlmodel import col, select

from desktop_app.domain.funds import MeasureRules, flag_reason
from desktop_app.services.assistance.funds_base import measure_rules_of, village_names
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household
from desktop_app.storage.models_assist import Disbursement, Fund, FundAllocation
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase


@dataclass(frozen=True)
class LedgerRow:
    fund_id: str
    fund: str
    village_id: str
    village: str
    year: int
    allocated_fen: int
    disbursed_fen: int
    remaining_fen: int
    flagged: int  # disbursements of this row to households outside the register / the monitoring list


@dataclass(frozen=True)
class FlagRow:
    disbursement_id: str
    household_id: str
    number: str
    head_name: str
    amount_fen: int
    reason: str
    fund: str
    village_id: str
    year: int
    paid_on: date | None


@dataclass(frozen=True)
class IndustryShortfall:
    household_id: str
    number: str
    head_name: str
    industry_fen: int
    minimum_fen: int


def _where(model: Any, village_id: str | None, year: int | None) -> list[Any]:
    conds: list[Any] = [col(model.deleted).is_(False)]
    if village_id is not None:
        conds.append(model.village_id == village_id)
    if year is not None:
        conds.append(model.year == year)
    return conds


def _outside(rules: MeasureRules) -> Any:
    """SQL condition: the disbursement's household may not receive money under the rules."""
    off_register = or_(col(Household.deleted).is_(True), col(Household.stage).not_in(sorted(rules.recipient_stages)))
    if not rules.recipient_monitored:
        return off_register
    included = select(MonitoringCase.household_id).where(
        col(MonitoringCase.included_on).is_not(None), col(MonitoringCase.deleted).is_(False)
    )
    return and_(off_register, col(Household.id).not_in(included))


def _flag_query(rules: MeasureRules, conds: Sequence[Any]) -> Any:
    return (
        select(Disbursement, Household.number, Household.head_name)
        .join(Household, col(Household.id) == col(Disbursement.household_id))
        .where(*conds, _outside(rules))
    )


def funds_ledger(db: Database, village_id: str | None = None, year: int | None = None) -> list[LedgerRow]:
    """One row per fund, village and year that has an allocation or a disbursement, by year, village, fund."""
    with reading(db) as session:
        rules = measure_rules_of(session)
        keys = (col(FundAllocation.fund_id), col(FundAllocation.village_id), col(FundAllocation.year))
        allocated = {
            (f, v, y): int(t or 0)
            for f, v, y, t in session.exec(
                select(*keys, func.sum(FundAllocation.amount_fen))
                .where(*_where(FundAllocation, village_id, year))
                .group_by(*keys)
            ).all()
        }
        dkeys = (col(Disbursement.fund_id), col(Disbursement.village_id), col(Disbursement.year))
        conds = _where(Disbursement, village_id, year)
        paid = {
            (f, v, y): int(t or 0)
            for f, v, y, t in session.exec(
                select(*dkeys, func.sum(Disbursement.amount_fen)).where(*conds).group_by(*dkeys)
            ).all()
        }
        flagged = {
            (f, v, y): int(n)
            for f, v, y, n in session.exec(
                select(*dkeys, func.count())
                .join(Household, col(Household.id) == col(Disbursement.household_id))
                .where(*conds, _outside(rules))
                .group_by(*dkeys)
            ).all()
        }
        every = set(allocated) | set(paid)
        funds = dict(session.exec(select(Fund.id, Fund.name)).all())
        villages = village_names(session, {v for _f, v, _y in every})
        rows = [
            LedgerRow(
                fund_id=f,
                fund=funds.get(f, ""),
                village_id=v,
                village=villages.get(v, ""),
                year=y,
                allocated_fen=allocated.get((f, v, y), 0),
                disbursed_fen=paid.get((f, v, y), 0),
                remaining_fen=allocated.get((f, v, y), 0) - paid.get((f, v, y), 0),
                flagged=flagged.get((f, v, y), 0),
            )
            for f, v, y in every
        ]
        return sorted(rows, key=lambda r: (r.year, r.village, r.fund, r.fund_id))


def ledger_flags(db: Database, village_id: str | None = None, year: int | None = None) -> list[FlagRow]:
    """Disbursements to households outside the register and (if the rules count it) the monitoring list."""
    with reading(db) as session:
        rules = measure_rules_of(session)
        reason = flag_reason(rules)
        funds = dict(session.exec(select(Fund.id, Fund.name)).all())
        found = session.exec(_flag_query(rules, _where(Disbursement, village_id, year))).all()
        return sorted(
            (
                FlagRow(
                    d.id,
                    d.household_id,
                    number,
                    head,
                    d.amount_fen,
                    reason,
                    funds.get(d.fund_id, ""),
                    d.village_id,
                    d.year,
                    d.paid_on,
                )
                for d, number, head in found
            ),
            key=lambda r: (r.year, r.number, r.paid_on or date.min),
        )


def industry_shortfalls(db: Database, year: int, village_id: str | None = None) -> list[IndustryShortfall]:
    """Registered households whose industry help of ``year`` (measures delivered, not cancelled) is below the
    county's minimum (measure_rules.industry_minimum_fen); empty when the county sets no minimum."""
    with reading(db) as session:
        rules = measure_rules_of(session)
        minimum = rules.industry_minimum_fen
        if minimum is None:
            return []
        given = (
            select(HelpMeasure.household_id, func.sum(HelpMeasure.amount_fen).label("fen"))
            .where(
                HelpMeasure.year == year,
                HelpMeasure.category == rules.industry_category,
                HelpMeasure.status != "4",
                col(HelpMeasure.deleted).is_(False),
            )
            .group_by(col(HelpMeasure.household_id))
            .subquery()
        )
        query = (
            select(Household.id, Household.number, Household.head_name, func.coalesce(given.c.fen, 0))
            .outerjoin(given, given.c.household_id == Household.id)
            .where(
                col(Household.deleted).is_(False),
                col(Household.stage).in_(sorted(rules.recipient_stages)),
                func.coalesce(given.c.fen, 0) < minimum,
                Household.village_id == village_id if village_id is not None else true(),
            )
            .order_by(col(Household.number))
        )
        return [IndustryShortfall(h, n, name, int(fen), minimum) for h, n, name, fen in session.exec(query).all()]
