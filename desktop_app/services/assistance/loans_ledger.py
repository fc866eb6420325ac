"""The loan ledger read at a date (贷款台账): per loan the balance, overdue principal and days, unpaid interest
and the interest subsidy accrued; one loan's schedule and repayments; households eligible but not borrowing
(应贷未贷). Reads only: one snapshot each, plain frozen rows out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.domain.assistance import AssistError
from desktop_app.domain.loan_schedule import (
    Instalment,
    LoanFacts,
    LoanState,
    Paid,
    principal_overdue,
    schedule,
    state_at,
)
from desktop_app.domain.loans import LoanProduct, add_months, parse_rate
from desktop_app.domain.monitoring_steps import AFTER_INCLUSION
from desktop_app.services.assistance.loans_rules import products_in
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_assist import Loan, LoanRepayment
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import chunks, household_by_number, live, table_of

MONITORED_STAGES = tuple(AFTER_INCLUSION)  # a household counts as monitored from inclusion until removed


@dataclass(frozen=True)
class LoanRow:
    loan_id: str
    household_id: str
    household: str  # the household's number (户编号)
    head_name: str
    village: str
    borrower: str
    contract: str
    bank: str
    product: str  # the product's name
    product_key: str
    amount_fen: int
    rate: str
    term_months: int
    drawn_on: date | None
    due_on: date | None  # the due date in force (the extension's when extended)
    extended: bool
    settled_on: date | None
    balance_fen: int
    overdue_fen: int
    overdue_since: date | None
    overdue_days: int
    unpaid_interest_fen: int
    unpaid_interest_since: date | None
    subsidy_fen: int
    renewal_of: str | None
    member_id: str | None
    relation: str = ""  # the borrower's relation to the head (its label)
    credit_rating_label: str = ""
    purpose: str = ""


@dataclass(frozen=True)
class RepaymentRow:
    id: str
    paid_on: date
    principal_fen: int
    interest_fen: int
    source: str  # manual | statement | renewal
    note: str


@dataclass(frozen=True)
class LoanDetail:
    row: LoanRow
    schedule: tuple[Instalment, ...]
    repayments: tuple[RepaymentRow, ...]
    credit_rating: str | None
    credit_rating_label: str
    credit_line_fen: int | None
    purpose: str
    industry: str
    contract_due: date | None  # the contract's own due date
    extension_reason: str
    interest_paid_fen: int
    note: str
    renewed_by: str | None  # the loan that renewed this one


@dataclass(frozen=True)
class EligibleRow:
    household_id: str
    number: str
    head_name: str
    village: str
    groups: str  # the eligible groups it falls in (labels)
    product: str


@dataclass(frozen=True)
class Borrower:
    """A member who may be named as a borrower: name, relation, age, ID masked."""

    member_id: str
    name: str
    relation_label: str
    birth_date: date | None
    id_masked: str


def borrowers(db: Database, household_key: str) -> list[Borrower]:
    """The household's active members (by household id or number), head first."""
    with reading(db) as session:
        household = household_by_number(session, household_key)
        if household is None:
            raise AssistError("household_missing", f"找不到户编号或 ID 为 {household_key} 的户", "no such household")
        query = (
            select(Member)
            .where(col(Member.household_id) == household.id, live(Member), col(Member.active).is_(True))
            .order_by(col(Member.sort_order))
        )
        return [
            Borrower(
                m.id,
                m.name,
                catalog.label("relation", m.relation) if m.relation else "",
                m.birth_date,
                idnumber.mask(m.id_number or ""),
            )
            for m in session.execute(query).scalars()
        ]


def member_with_id(db: Database, household_key: str, id_number: str) -> str | None:
    """The id of the household's active member with this resident ID (None when there is none)."""
    with reading(db) as session:
        household = household_by_number(session, household_key)
        if household is None or not id_number:
            return None
        query = select(col(Member.id)).where(
            col(Member.household_id) == household.id,
            col(Member.id_number) == id_number,
            live(Member),
            col(Member.active).is_(True),
        )
        return session.execute(query.limit(1)).scalar_one_or_none()


def facts_of(loan: Any, product: LoanProduct | None, rate: Decimal | None = None) -> LoanFacts:
    """The schedule's view of a loan (a ``Loan`` or a row with its columns) under its product; a product no
    longer in the rules gives no subsidy. ``rate`` is the loan's rate already read (a ledger reads each once)."""
    drawn = loan.drawn_on or date.today()
    if rate is None:
        rate = parse_rate(loan.rate) if loan.rate else Decimal(0)
    return LoanFacts(
        amount_fen=loan.amount_fen,
        rate=rate,
        drawn_on=drawn,
        due_on=loan.due_on or add_months(drawn, loan.term_months),
        repayment=product.repayment if product else "interest_then_principal",
        every_months=product.every_months if product else 3,
        extended_to=loan.extended_to,
        settled_on=loan.settled_on,
        subsidy_rate=product.subsidy.rate_for(rate) if product else Decimal(0),
        subsidy_during_extension=product.subsidy.during_extension if product else False,
    )


_L, _R, _H = table_of(Loan), table_of(LoanRepayment), table_of(Household)
_A, _M = table_of(Area), table_of(Member)
_COLUMNS: tuple[str, ...] = (
    "id",
    "household_id",
    "member_id",
    "product",
    "contract_no",
    "bank",
    "amount_fen",
    "term_months",
    "rate",
)
_COLUMNS += ("drawn_on", "due_on", "extended_to", "settled_on", "renewal_of", "credit_rating", "purpose")
_JOINED = _L.join(_H, _H.c.id == _L.c.household_id)
# a living loan, written so that SQLite (without statistics) looks loans up by household or id, not by this flag
_FEW = 2000  # overdue loans read by id up to this many; beyond, all the candidates' repayments in one query
LIVE_LOAN = func.coalesce(_L.c.deleted, False).is_(False)


def _paid_by_loan(session: Session, *where: Any) -> dict[str, list[Paid]]:
    """The repayments of the loans ``where`` selects (one query), by loan, in date order."""
    query = (
        select_columns(_R.c.loan_id, _R.c.paid_on, _R.c.principal_fen, _R.c.interest_fen)
        .select_from(_R.join(_JOINED, _L.c.id == _R.c.loan_id))
        .where(_R.c.deleted.is_(False), LIVE_LOAN, *where)
    )
    out: dict[str, list[Paid]] = defaultdict(list)
    for loan_id, paid_on, principal, interest in session.execute(query).all():
        out[loan_id].append(Paid(paid_on, principal, interest))
    for rows in out.values():  # sorted here: an ORDER BY would make SQLite walk the date index of every row
        rows.sort(key=lambda p: p.paid_on)
    return out


def _principal_repaid(session: Session, on: date, *where: Any) -> dict[str, int]:
    """The principal repaid by ``on`` on each loan ``where`` selects (summed by the database, loan by loan: the
    loans lead, so only their own repayments are read through the loan index, not every repayment)."""
    repaid = (
        select_columns(func.coalesce(func.sum(_R.c.principal_fen), 0))
        .where(_R.c.loan_id == _L.c.id, _R.c.deleted.is_(False), _R.c.paid_on <= on)
        .correlate(_L)
        .scalar_subquery()
    )
    query = select_columns(_L.c.id, repaid).select_from(_JOINED).where(LIVE_LOAN, _H.c.deleted.is_(False), *where)
    return {loan_id: int(total or 0) for loan_id, total in session.execute(query).all()}


def loan_state(session: Session, loan: Loan, on: date) -> LoanState:
    """One loan's figures at ``on``."""
    products = {p.key: p for p in products_in(session)}
    paid = _paid_by_loan(session, _L.c.id == loan.id).get(loan.id, [])
    return state_at(facts_of(loan, products.get(loan.product)), paid, on)


def _row(loan: Any, product: LoanProduct | None, state: LoanState) -> LoanRow:
    return LoanRow(
        loan_id=loan.id,
        household_id=loan.household_id,
        household=loan.number,
        head_name=loan.head_name,
        village=loan.village,
        borrower=loan.borrower or "",
        contract=loan.contract_no,
        bank=loan.bank,
        product=product.name if product else loan.product,
        product_key=loan.product,
        amount_fen=loan.amount_fen,
        rate=loan.rate,
        term_months=loan.term_months,
        drawn_on=loan.drawn_on,
        due_on=loan.extended_to or loan.due_on,
        extended=loan.extended_to is not None,
        settled_on=loan.settled_on,
        balance_fen=state.balance_fen,
        overdue_fen=state.overdue_fen,
        overdue_since=state.overdue_since,
        overdue_days=state.overdue_days,
        unpaid_interest_fen=state.unpaid_interest_fen,
        unpaid_interest_since=state.unpaid_interest_since,
        subsidy_fen=state.subsidy_fen,
        renewal_of=loan.renewal_of,
        member_id=loan.member_id,
        relation=catalog.label("relation", loan.relation) if loan.relation else "",
        credit_rating_label=catalog.label("credit_rating", loan.credit_rating) if loan.credit_rating else "",
        purpose=loan.purpose,
    )


def _rows(session: Session, on: date, *where: Any, overdue_only: bool = False) -> list[LoanRow]:
    """The ledger rows of the loans ``where`` selects, at ``on`` (two queries: the loans, their repayments)."""
    query = (
        select_columns(
            *(_L.c[name] for name in _COLUMNS),
            _H.c.number,
            _H.c.head_name,
            _A.c.name.label("village"),
            _M.c.name.label("borrower"),
            _M.c.relation,
        )
        .select_from(_JOINED.join(_A, _A.c.id == _H.c.village_id).outerjoin(_M, _M.c.id == _L.c.member_id))
        .where(LIVE_LOAN, _H.c.deleted.is_(False), *where)
    )
    products = {p.key: p for p in products_in(session)}
    rates: dict[str, Decimal] = {}
    loans = []
    for loan in session.execute(query).all():
        product = products.get(loan.product)
        if loan.rate not in rates:
            rates[loan.rate] = parse_rate(loan.rate) if loan.rate else Decimal(0)
        loans.append((loan, product, facts_of(loan, product, rates[loan.rate])))
    if overdue_only:  # the principal repaid by ``on`` tells which loans are overdue; only those are read in full
        repaid = _principal_repaid(session, on, *where)
        loans = [x for x in loans if principal_overdue(x[2], [Paid(on, repaid.get(x[0].id, 0), 0)], on)]
    if overdue_only and len(loans) <= _FEW:
        paid: dict[str, list[Paid]] = {}
        for part in chunks([x[0].id for x in loans], 500):
            paid.update(_paid_by_loan(session, _L.c.id.in_(part)))
    else:
        paid = _paid_by_loan(session, _H.c.deleted.is_(False), *where)
    out = [_row(loan, product, state_at(facts, paid.get(loan.id, []), on)) for loan, product, facts in loans]
    out.sort(key=lambda r: (r.household, r.drawn_on or date.min, r.contract))
    return out


def loan_list(
    db: Database, village_id: str | None = None, *, overdue_only: bool = False, on: date | None = None
) -> list[LoanRow]:
    """The loans (of a village) at ``on`` (today): with overdue only, those with principal overdue, longest first."""
    day = on or date.today()
    where = [] if village_id is None else [_H.c.village_id == village_id]
    with reading(db) as session:
        if overdue_only:  # only loans past maturity can be overdue, or any in instalments
            instalments = [p.key for p in products_in(session) if p.repayment == "equal_principal"]
            past = func.coalesce(_L.c.extended_to, _L.c.due_on) < day
            where += [_L.c.settled_on.is_(None), _L.c.drawn_on < day, or_(past, _L.c.product.in_(instalments))]
        rows = _rows(session, day, *where, overdue_only=overdue_only)
    if overdue_only:
        rows.sort(key=lambda r: (-r.overdue_days, r.household))
    return rows


def household_loans(db: Database, household_id: str, *, on: date | None = None) -> list[LoanRow]:
    with reading(db) as session:
        return _rows(session, on or date.today(), _L.c.household_id == household_id)


def loan_detail(db: Database, loan_id: str, *, on: date | None = None) -> LoanDetail:
    """One loan: its row at ``on``, the planned schedule and the repayments recorded."""
    day = on or date.today()
    with reading(db) as session:
        rows = _rows(session, day, _L.c.id == loan_id)
        loan = session.get(Loan, loan_id)
        if not rows or loan is None:
            raise AssistError("loan_missing", f"找不到贷款 {loan_id}", f"no loan {loan_id}")
        products = {p.key: p for p in products_in(session)}
        query = select(LoanRepayment).where(col(LoanRepayment.loan_id) == loan_id, live(LoanRepayment))
        paid = sorted(session.execute(query).scalars(), key=lambda r: (r.paid_on, r.created_at))
        child = session.execute(
            select(col(Loan.id)).where(col(Loan.renewal_of) == loan_id, LIVE_LOAN).limit(1)
        ).scalar_one_or_none()
        return LoanDetail(
            row=rows[0],
            schedule=tuple(schedule(facts_of(loan, products.get(loan.product)))),
            repayments=tuple(
                RepaymentRow(r.id, r.paid_on, r.principal_fen, r.interest_fen, r.source, r.note) for r in paid
            ),
            credit_rating=loan.credit_rating,
            credit_rating_label=catalog.label("credit_rating", loan.credit_rating) if loan.credit_rating else "",
            credit_line_fen=loan.credit_line_fen,
            purpose=loan.purpose,
            industry=loan.industry,
            contract_due=loan.due_on,
            extension_reason=loan.extension_reason,
            interest_paid_fen=sum(r.interest_fen for r in paid),
            note=loan.note,
            renewed_by=child,
        )


def _product_now(products: Sequence[LoanProduct], on: date) -> LoanProduct | None:
    """The product in force on ``on``, else the latest one begun before it."""
    begun = [p for p in products if p.valid_from <= on]
    current = [p for p in begun if p.valid_on(on)]
    return (current or sorted(begun, key=lambda p: p.valid_from))[-1] if begun else None


def _monitored_ids(session: Session, village_id: str | None) -> set[str]:
    query = select(col(MonitoringCase.household_id)).where(
        live(MonitoringCase), col(MonitoringCase.stage).in_(MONITORED_STAGES)
    )
    if village_id is not None:
        query = query.join(Household, col(Household.id) == MonitoringCase.household_id).where(
            col(Household.village_id) == village_id
        )
    return set(session.execute(query).scalars())


def eligible_not_borrowing(db: Database, village_id: str | None = None, *, on: date | None = None) -> list[EligibleRow]:
    """Households in the eligible list of the product in force (应贷未贷) with no loan open on ``on``."""
    day = on or date.today()
    with reading(db) as session:
        product = _product_now(products_in(session), day)
        if product is None:
            return []
        borrowing = select(col(Loan.household_id)).where(
            live(Loan), col(Loan.drawn_on) <= day, (col(Loan.settled_on).is_(None)) | (col(Loan.settled_on) > day)
        )
        query = (
            select_columns(
                col(Household.id),
                col(Household.number),
                col(Household.head_name),
                col(Household.status),
                col(Household.stage),
                col(Area.name),
            )
            .join(Area, col(Area.id) == Household.village_id)
            .where(live(Household), col(Household.id).not_in(borrowing))
        )
        if village_id is not None:
            query = query.where(col(Household.village_id) == village_id)
        monitored = _monitored_ids(session, village_id)
        out = []
        for hid, number, head, status, stage, village in session.execute(query).all():
            groups = [g.zh for g in product.eligible_list if g.holds(status, stage, hid in monitored)]
            if groups:
                out.append(EligibleRow(hid, number, head, village, "、".join(groups), product.name))
    return sorted(out, key=lambda r: r.number)


def loan_totals(rows: Sequence[LoanRow]) -> Mapping[str, int]:
    """The sums a ledger prints under its rows."""
    return {
        "amount_fen": sum(r.amount_fen for r in rows),
        "balance_fen": sum(r.balance_fen for r in rows),
        "overdue_fen": sum(r.overdue_fen for r in rows),
        "unpaid_interest_fen": sum(r.unpaid_interest_fen for r in rows),
        "subsidy_fen": sum(r.subsidy_fen for r in rows),
    }
