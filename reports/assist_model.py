"""What goes on the assistance ledgers' documents (issue 16), as plain data: labels in Chinese, amounts as text.

The services fill these from the ledgers' use cases (``desktop_app.services.printing.assist_docs``); the
renderers of ``reports.assist_manual`` and ``reports.assist_ledgers`` lay them out. Amounts arrive already
written (``format_yuan``) so that the PDF shows exactly the figures the ledger computed. None of these carries a
resident ID or a bank account; the post notice's rows (``PostNoticeRow``) have no field for a phone, an income or
a health condition either, so they cannot reach the notice board by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop_app.reports.model import Place


@dataclass(frozen=True)
class ManualYear:
    """One yearly page of the household's help manual: what the ledgers hold for that year."""

    year: int
    cadres: list[str]  # the role-1 cadres paired during the year (the signature line names them)
    plan_facts: list[tuple[str, str]]  # causes, risks, targets, made on/by … ([] = no plan that year)
    plan_items: list[list[str]]  # category, values, content, amount, target
    deliveries: list[list[str]]  # dates, category, values, content, amount, fund, status, result
    visits: list[list[str]]  # date, cadre, found, agreed, photos
    loans: list[list[str]]  # borrower, product, contract, amount, drawn, due, balance, subsidy
    posts: list[list[str]]  # person, post, tier, stage, months, subsidy
    work: list[list[str]]  # member, months worked, place, channel, employer, wage, transport subsidy
    delivered_total: str = ""  # sum of the deliveries' amounts
    income: list[tuple[str, str]] = field(default_factory=list)  # the year's income record ([] = none)


@dataclass(frozen=True)
class ManualData:
    """扶贫手册帮扶台账: the household, its pairing history, then one page per year with entries."""

    place: Place
    number: str
    head_name: str
    group: str
    size: int
    facts: list[tuple[str, str]]  # household basics (never an ID number or a bank account)
    pairings: list[list[str]]  # role, cadre, unit, phone, from, to, current
    years: list[ManualYear]
    printed_on: date | None = None


@dataclass(frozen=True)
class RegisterRow:
    """One measure delivered, on the village's measures register."""

    number: str
    head_name: str
    group: str
    category: str
    values: str
    content: str
    amount: str
    fund: str
    period: str
    status: str
    result: str
    evidence: str


@dataclass(frozen=True)
class MeasuresRegisterData:
    place: Place
    year: int
    rows: list[RegisterRow]
    total_amount: str  # the sum of the rows' amounts
    households: int
    printed_on: date | None = None


@dataclass(frozen=True)
class FundPayment:
    """A disbursement on the funds ledger (``flag`` says why it is outside the register or monitoring list)."""

    paid_on: str
    number: str
    head_name: str
    project: str
    measure: str  # the measure paid for: its category and content
    amount: str
    flag: str = ""


@dataclass(frozen=True)
class FundBlock:
    """One fund in one village and year: its figures as the ledger computed them, and its payments."""

    fund: str
    year: int
    allocated: str
    disbursed: str
    remaining: str
    payments: list[FundPayment]


@dataclass(frozen=True)
class FundsLedgerData:
    place: Place
    year: int | None  # None = every year
    funds: list[FundBlock]
    total_allocated: str
    total_disbursed: str
    total_remaining: str
    flagged: int = 0
    printed_on: date | None = None


@dataclass(frozen=True)
class LoanLine:
    """A loan on the village's loan ledger: the borrower by name, never an ID number."""

    number: str
    head_name: str
    borrower: str
    contract: str
    bank: str
    product: str
    amount: str
    drawn: str
    due: str
    balance: str
    subsidy: str
    status: str = ""  # 正常 / 逾期 / 已展期 / 续贷 / 已结清


@dataclass(frozen=True)
class OverdueLine:
    number: str
    borrower: str
    contract: str
    overdue_since: str
    overdue_amount: str
    overdue_days: str
    unpaid_interest: str
    interest_since: str = ""


@dataclass(frozen=True)
class LoanLedgerData:
    place: Place
    on: date
    loans: list[LoanLine]
    overdue: list[OverdueLine]
    total_amount: str
    total_balance: str
    total_subsidy: str
    total_overdue: str
    printed_on: date | None = None


@dataclass(frozen=True)
class PostNoticeRow:
    """One person proposed for a post: nothing private (no ID, phone, income or health field)."""

    name: str
    group: str
    post: str
    post_type: str
    tier: str


@dataclass(frozen=True)
class PostNoticeData:
    title: str
    intro: str
    objection_text: str
    place: Place
    issuing_body: str
    issued_on: date | None
    rows: list[PostNoticeRow]
    contact_text: str = ""
    notes: list[str] = field(default_factory=list)
