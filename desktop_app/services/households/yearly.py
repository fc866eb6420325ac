"""The yearly income record of the card's income year: what a judgement of year Y counts.

A judgement of year Y (the identification's survey, the exit verification, a printed card of that year) uses
the income record of Y and the members of that time (``IncomeRecord.member_ids``), not the members on the card
today: a member added in 2026 must not rewrite an exit of 2019. The card keeps showing its income year; these
pieces keep the record of that year and the card in step (the worksheet itself is ``services.monitoring``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.income import Income, per_capita_net
from desktop_app.domain.income_sheet import GROUP_COLUMNS, income_record_id
from desktop_app.services.households.derived import income_of
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_monitoring import IncomeRecord
from desktop_app.storage.queries import live

_GROUP_OF_PART = {"A": "wage", "B": "business", "C": "property", "D": "transfer", "E": "costs"}


@dataclass(frozen=True)
class YearFacts:
    """The facts of one year's record: who it counts, how many, the net and per-capita income."""

    year: int
    member_ids: tuple[str, ...]
    size: int
    net_fen: int
    per_capita_fen: int | None


def _record(session: Session, household_id: str, year: int) -> IncomeRecord | None:
    return session.execute(
        select(IncomeRecord).where(
            col(IncomeRecord.household_id) == household_id, col(IncomeRecord.year) == year, live(IncomeRecord)
        )
    ).scalar_one_or_none()


def _facts(r: IncomeRecord) -> YearFacts:
    return YearFacts(r.year, tuple(r.member_ids or ()), r.size, r.net_fen, r.per_capita_fen)


def year_facts(session: Session, household_id: str, year: int | None) -> YearFacts | None:
    """The record of ``year`` (None: no year, or no record of it)."""
    if year is None:
        return None
    found = _record(session, household_id, year)
    return _facts(found) if found is not None else None


def _active_ids(session: Session, household_id: str) -> list[str]:
    return list(
        session.execute(
            select(col(Member.id))
            .where(col(Member.household_id) == household_id, live(Member), col(Member.active).is_(True))
            .order_by(col(Member.sort_order), col(Member.created_at))
        ).scalars()
    )


def _write_income(record: IncomeRecord, income: Income, medical_fen: int, disaster_fen: int) -> None:
    changed = {g for g, part in _GROUP_OF_PART.items() if getattr(record, GROUP_COLUMNS[g]) != getattr(income, part)}
    for group in changed:
        setattr(record, GROUP_COLUMNS[group], getattr(income, _GROUP_OF_PART[group]))
    if changed and record.lines:  # sub-lines of a group whose total the card changed no longer add up: drop them
        record.lines = {k: v for k, v in record.lines.items() if not any(k.startswith(_prefix(g)) for g in changed)}
    record.gross_fen, record.net_fen = income.gross_total(), income.net_total()
    record.per_capita_fen = per_capita_net(income, record.size) if record.size else None
    record.medical_expense_fen, record.disaster_loss_fen = medical_fen, disaster_fen


def _prefix(group: str) -> str:
    return {"A": "wage_", "B": "business_", "C": "property_", "D": "transfer_", "E": "costs_"}[group]


def freeze_year(session: Session, row: Household) -> YearFacts | None:
    """The record of the card's income year, made from the card (its income, the members active now) when
    there is none: a judgement fixes the facts it used. None while the card has no income year or members."""
    if row.income_year is None:
        return None
    found = _record(session, row.id, row.income_year)
    if found is not None:
        return _facts(found)
    ids = _active_ids(session, row.id)
    if not ids:
        return None
    record = IncomeRecord(
        id=income_record_id(row.id, row.income_year),
        household_id=row.id,
        year=row.income_year,
        size=len(ids),
        member_ids=ids,
    )
    _write_income(record, income_of(row), row.medical_expense_fen or 0, row.disaster_loss_fen or 0)
    session.add(record)
    session.flush()
    return _facts(record)


def follow_card(session: Session, row: Household, *, today: date | None = None) -> None:
    """After the card editor saved: the record of the card's income year takes the card's income. Its members
    follow the card only while that year is not over (a past year keeps the members of its time)."""
    if row.income_year is None:
        return
    record = _record(session, row.id, row.income_year)
    if record is None:
        freeze_year(session, row)
        return
    if row.income_year >= (today or date.today()).year:
        ids = _active_ids(session, row.id)
        if ids and ids != list(record.member_ids or ()):
            record.member_ids, record.size = ids, len(ids)
    medical, disaster = row.medical_expense_fen or 0, row.disaster_loss_fen or 0
    income = income_of(row)
    before = (record.wage_fen, record.business_fen, record.property_fen, record.transfer_fen, record.costs_fen)
    now = (income.wage, income.business, income.property, income.transfer, income.costs)
    sizes_agree = record.per_capita_fen == (per_capita_net(income, record.size) if record.size else None)
    if (
        before != now
        or not sizes_agree
        or (record.medical_expense_fen, record.disaster_loss_fen) != (medical, disaster)
    ):
        _write_income(record, income, medical, disaster)
        session.add(record)
