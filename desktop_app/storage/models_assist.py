"""Precise help kept as ledgers (DOMAIN.md §5, MONITORING.md §5, §8, §9): pairings of cadres and households,
the yearly help plan, funds and their disbursements, microcredit loans and repayments, public-welfare posts,
monthly migrant work and visits.

The cadres themselves are ``models.Cadre`` (the roster); the measures delivered are
``models_monitoring.HelpMeasure`` (national categories 100A39…100A55), which this issue extends with the
delivery columns. All tables are synchronised records (``Synced``): they merge between laptops and every change
reaches the change log and the audit chain like the household card. Amounts are integer fen; months are
``YYYYMM`` integers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, BigInteger, Index
from sqlmodel import Field

from desktop_app.storage.models import Synced


def _fen(**kw: Any) -> Any:
    return Field(default=0, sa_type=BigInteger, nullable=False, **kw)


def _ref(table: str, *, required: bool = False, **kw: Any) -> Any:
    if required:
        return Field(foreign_key=f"{table}.id", index=True, max_length=36, **kw)
    return Field(default=None, foreign_key=f"{table}.id", index=True, max_length=36, **kw)


class Pairing(Synced, table=True):
    """A cadre paired with a household from a date to a date (帮扶责任人), or a monitored household's contact
    person (监测联系人). Re-pairing ends the old row and starts a new one: the history stays."""

    __tablename__ = "pairing"
    __table_args__ = (
        Index("ix_pairing_current", "household_id", "deleted", "role", "ended_on"),
        # the coverage check: a household's current links by role, read from the index alone
        Index("ix_pairing_links", "household_id", "role", "deleted", "ended_on", "started_on", "cadre_id"),
        Index("ix_pairing_load", "cadre_id", "role", "deleted", "ended_on", "started_on", "household_id"),
    )
    household_id: str = _ref("household", required=True)
    cadre_id: str = _ref("cadre", required=True)
    role: str = Field(default="1", max_length=4)  # code list "pairing_role": 1 帮扶责任人, 2 监测联系人
    started_on: date | None = Field(default=None)
    ended_on: date | None = Field(default=None)  # None = current
    end_reason: str = Field(default="", max_length=200)
    note: str = Field(default="")


class HelpPlan(Synced, table=True):
    """One household's help plan of one year (一户一策): causes and risks → planned measures and targets.

    ``items`` holds the planned measures as ``[{"category": "100A39", "values": [...], "content": str,
    "amount_fen": int, "target": str}]``. The id is deterministic per household and year
    (``services.assistance.plan_id``) so that two laptops writing the same year's plan merge field by field.
    """

    __tablename__ = "help_plan"
    household_id: str = _ref("household", required=True)
    year: int = Field(index=True)
    causes: list[str] = Field(default_factory=list, sa_type=JSON)  # codes of "cause"
    risks: list[str] = Field(default_factory=list, sa_type=JSON)  # codes of "monitor_risk"
    items: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    income_target_fen: int | None = Field(default=None, sa_type=BigInteger)  # per-capita target of the year
    targets: str = Field(default="")
    made_on: date | None = Field(default=None)
    made_by: str = Field(default="", max_length=100)
    note: str = Field(default="")


class Fund(Synced, table=True):
    """A fund source (资金来源) of a year: central, provincial, county, social… with its document."""

    __tablename__ = "fund"
    name: str = Field(max_length=200, index=True)
    level: str = Field(default="", max_length=4)  # code list "fund_level"
    year: int = Field(index=True)
    document: str = Field(default="", max_length=200)
    note: str = Field(default="")


class FundProject(Synced, table=True):
    """A project funded by a fund (扶贫项目), optionally tied to a help category."""

    __tablename__ = "fund_project"
    fund_id: str = _ref("fund", required=True)
    name: str = Field(max_length=200, index=True)
    year: int = Field(index=True)
    category: str | None = Field(default=None, max_length=10)  # code list "help_category"
    note: str = Field(default="")


class FundAllocation(Synced, table=True):
    """Money of a fund (and project) allocated to a village for a year."""

    __tablename__ = "fund_allocation"
    fund_id: str = _ref("fund", required=True)
    project_id: str | None = _ref("fund_project")
    village_id: str = _ref("area", required=True)
    year: int = Field(index=True)
    amount_fen: int = _fen()
    on_date: date | None = Field(default=None)
    document: str = Field(default="", max_length=200)
    note: str = Field(default="")


class Disbursement(Synced, table=True):
    """A payment from a fund to a household for a delivered measure (photo evidence by attachment hash)."""

    __tablename__ = "disbursement"
    __table_args__ = (Index("ix_disbursement_fund_village", "fund_id", "village_id", "year", "deleted"),)
    household_id: str = _ref("household", required=True)
    measure_id: str | None = _ref("help_measure")
    fund_id: str = _ref("fund", required=True)
    project_id: str | None = _ref("fund_project")
    village_id: str = _ref("area", required=True)  # the household's village when paid (the ledger's key)
    year: int = Field(index=True)
    amount_fen: int = _fen()
    paid_on: date | None = Field(default=None)
    payee_member_id: str | None = _ref("member")
    evidence: list[str] = Field(default_factory=list, sa_type=JSON)  # sha256 of the household's attachments
    note: str = Field(default="")


class Loan(Synced, table=True):
    """A microcredit loan (小额信贷) of a borrower (a member) under one product period (MONITORING.md §8)."""

    __tablename__ = "loan"
    __table_args__ = (Index("ix_loan_open", "deleted", "settled_on", "due_on"),)
    household_id: str = _ref("household", required=True)
    member_id: str | None = _ref("member")  # the borrower
    product: str = Field(max_length=20)  # a product key of forms/loan_products.json (or the county's own)
    credit_rating: str | None = Field(default=None, max_length=4)  # code list "credit_rating"
    credit_line_fen: int | None = Field(default=None, sa_type=BigInteger)
    contract_no: str = Field(default="", max_length=60, index=True)
    bank: str = Field(default="", max_length=100)
    amount_fen: int = _fen()
    term_months: int = Field(default=36, nullable=False)
    rate: str = Field(default="", max_length=20)  # annual rate in percent, decimal text ("4.35")
    drawn_on: date | None = Field(default=None)
    due_on: date | None = Field(default=None, index=True)
    purpose: str = Field(default="", max_length=200)
    industry: str = Field(default="", max_length=100)
    renewal_of: str | None = Field(default=None, max_length=36, index=True)  # the loan this one renews (续贷)
    extended_to: date | None = Field(default=None)  # 展期: the new due date (once)
    extension_reason: str = Field(default="")
    settled_on: date | None = Field(default=None)
    note: str = Field(default="")


class LoanRepayment(Synced, table=True):
    """A repayment on a loan. One imported from a bank statement has a deterministic id (bank, contract, date,
    amounts), so importing the statement again, or on another laptop, adds nothing."""

    __tablename__ = "loan_repayment"
    loan_id: str = _ref("loan", required=True)
    household_id: str = _ref("household", required=True)
    paid_on: date = Field(index=True)
    principal_fen: int = _fen()
    interest_fen: int = _fen()
    source: str = Field(default="manual", max_length=20)  # manual | statement
    note: str = Field(default="")


class Post(Synced, table=True):
    """A public-welfare post (公益岗位) of a village: type, funding tier, monthly subsidy, term, places."""

    __tablename__ = "post"
    village_id: str = _ref("area", required=True)
    name: str = Field(default="", max_length=100)
    type: str = Field(max_length=4)  # code list "post_type"
    tier: str = Field(max_length=4)  # code list "post_tier": department / township / village (the wage lines)
    funding: str = Field(default="1", max_length=4)  # code list "post_funding": 1 general, 2 photovoltaic income
    monthly_subsidy_fen: int = _fen()
    places: int = Field(default=1, nullable=False)
    started_on: date | None = Field(default=None)
    ended_on: date | None = Field(default=None)
    vacancy_on: date | None = Field(default=None)  # vacancy notice (岗位公告) date
    document: str = Field(default="", max_length=200)
    note: str = Field(default="")


class PostHolder(Synced, table=True):
    """One person's way through a post's selection and, if contracted, their term in it.

    ``stage`` (code list "post_stage") runs applied → checked → noticed → contracted → left, or rejected;
    ``findings`` keeps the eligibility check's refusals and any written override.
    """

    __tablename__ = "post_holder"
    post_id: str = _ref("post", required=True)
    household_id: str = _ref("household", required=True)
    member_id: str = _ref("member", required=True)
    stage: str = Field(default="1", max_length=4, index=True)
    applied_on: date | None = Field(default=None)
    checked_on: date | None = Field(default=None)
    notice_start: date | None = Field(default=None)
    notice_end: date | None = Field(default=None)
    contract_on: date | None = Field(default=None)
    left_on: date | None = Field(default=None)
    left_reason: str = Field(default="", max_length=200)
    findings: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    note: str = Field(default="")


class PostMonth(Synced, table=True):
    """A post holder's month: days worked, attendance, assessment and the subsidy paid."""

    __tablename__ = "post_month"
    holder_id: str = _ref("post_holder", required=True)
    household_id: str = _ref("household", required=True)
    month: int = Field(index=True)  # YYYYMM
    days_worked: int = Field(default=0, nullable=False)
    attendance_ok: bool = Field(default=True, nullable=False)
    assessment: str | None = Field(default=None, max_length=4)  # code list "post_assessment"
    subsidy_fen: int = _fen()
    note: str = Field(default="")


class WorkMonth(Synced, table=True):
    """Monthly migrant-work monitoring (务工月监测) of one member and month. The id is deterministic per member
    and month (``services.assistance.work_month_id``): typing the same month on two laptops merges."""

    __tablename__ = "work_month"
    __table_args__ = (Index("ix_work_month_household", "household_id", "month", "deleted"),)
    household_id: str = _ref("household", required=True)
    member_id: str = _ref("member", required=True)
    month: int = Field(index=True)  # YYYYMM
    worked: bool = Field(default=False, nullable=False)
    started_on: date | None = Field(default=None)
    ended_on: date | None = Field(default=None)
    place: str = Field(default="", max_length=100)  # county of work (text as the national sheet has it)
    channel: str | None = Field(default=None, max_length=4)  # code list "work_channel"
    industry: str | None = Field(default=None, max_length=4)  # code list "work_industry"
    employer: str = Field(default="", max_length=200)
    wage_fen: int = _fen()  # earned in the month (rolls into the year's wage line)
    transport_subsidy_fen: int = _fen()
    note: str = Field(default="")


class Visit(Synced, table=True):
    """A visit to a household (走访记录): date, cadre, what was found, what was agreed, photos by hash."""

    __tablename__ = "visit"
    household_id: str = _ref("household", required=True)
    cadre_id: str | None = _ref("cadre")
    visited_on: date = Field(index=True)
    found: str = Field(default="")
    agreed: str = Field(default="")
    photos: list[str] = Field(default_factory=list, sa_type=JSON)  # sha256 of the household's attachments
    note: str = Field(default="")
