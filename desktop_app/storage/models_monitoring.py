"""The work since 2021 as tables: monitoring lines, yearly income records, monitoring cases and their steps,
and the help measures of monitored households (MONITORING.md §3–§7).

All of them are synchronised records (``Synced``): they merge between laptops and every change reaches the
change log and the audit chain like the household card.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, UniqueConstraint
from sqlmodel import Field

from desktop_app.storage.models import Synced


def _fen(**kw: Any) -> Any:
    return Field(default=0, sa_type=BigInteger, nullable=False, **kw)


class MonitoringLine(Synced, table=True):
    """The monitoring line (监测范围) of one region and year, per person per year, as the county entered it."""

    __tablename__ = "monitoring_line"
    __table_args__ = (UniqueConstraint("region_code", "year", name="uq_monitoring_line"),)
    region_code: str = Field(default="", max_length=12)  # "" = whole country; else an area code prefix
    year: int = Field(index=True)
    amount_fen: int = Field(sa_type=BigInteger)
    method: str = Field(default="fixed", max_length=20)  # fixed | multiple (k × another standard)
    base_name: str = Field(default="", max_length=100)  # the other standard, e.g. 农村低保标准
    base_amount_fen: int | None = Field(default=None, sa_type=BigInteger)
    factor: str = Field(default="", max_length=20)  # decimal text, e.g. "2" or "1.5"
    document: str = Field(default="", max_length=200)  # the document it comes from (文号)
    entered_by: str = Field(default="", max_length=100)


class IncomeRecord(Synced, table=True):
    """One household's income and spending of one year: the national worksheet (MONITORING.md §7).

    ``lines`` holds each sub-line as ``{"<line key>": {"fen": int, "note": str}}``; the keys are county data
    (``forms/income_lines.json``), the five group totals are stored beside them. ``member_ids`` are the members
    the record counts (who lived in the household then): a judgement of that year uses them, not today's.
    """

    __tablename__ = "income_record"
    __table_args__ = (
        UniqueConstraint("household_id", "year", name="uq_income_record"),
        # the newest record of each household and the one before, read from the index alone (warning lists)
        Index("ix_income_record_latest", "household_id", "deleted", "year", "per_capita_fen"),
    )
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    year: int = Field(index=True)
    window: str = Field(default="collection", max_length=20)  # collection (Oct–Sep) | months12 | calendar
    period_start: date | None = Field(default=None)
    period_end: date | None = Field(default=None)
    lines: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    wage_fen: int = _fen()  # A
    business_fen: int = _fen()  # B
    property_fen: int = _fen()  # C
    transfer_fen: int = _fen()  # D
    costs_fen: int = _fen()  # E
    gross_fen: int = _fen()
    net_fen: int = _fen()
    size: int = Field(default=0, nullable=False)
    member_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    per_capita_fen: int | None = Field(default=None, sa_type=BigInteger, index=True)
    insurance_claim_fen: int = _fen()
    out_of_pocket_fen: int = _fen()  # compliant out-of-pocket spending (合规自付支出)
    medical_expense_fen: int = _fen()
    disaster_loss_fen: int = _fen()
    note: str = Field(default="")


class MonitoringCase(Synced, table=True):
    """One monitoring round of a household: from the clue to inclusion, help and risk removal (or its end).

    The case's columns follow its event log (``MonitoringEvent``), as the card's stage follows the
    identification log. A household has at most one open case; after a removal a new clue opens a new one.
    """

    __tablename__ = "monitoring_case"
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    round: int = Field(default=1, nullable=False)
    stage: str = Field(default="clue", max_length=30, index=True)  # code list "monitor_stage"
    category: str | None = Field(default=None, max_length=4, index=True)  # code list "monitor_category"
    source: str = Field(default="", max_length=4)  # code list "monitor_source"
    found_on: date = Field(index=True)
    deadline: date | None = Field(default=None, index=True)
    included_on: date | None = Field(default=None)
    removal_started_on: date | None = Field(default=None)
    removed_on: date | None = Field(default=None)
    closed_on: date | None = Field(default=None)  # refused, withdrawn or removed
    risks: list[str] = Field(default_factory=list, sa_type=JSON)  # codes of "monitor_risk", at most five
    disaster_sub: str | None = Field(default=None, max_length=4)  # code list "disaster_sub"
    risk_note: str = Field(default="")  # the remark "other" needs
    contact_name: str = Field(default="", max_length=50)
    contact_phone: str = Field(default="", max_length=30)
    income_year: int | None = Field(default=None)
    per_capita_fen: int | None = Field(default=None, sa_type=BigInteger)
    line_fen: int | None = Field(default=None, sa_type=BigInteger)  # the line the judgement used
    line_region: str = Field(default="", max_length=12)
    line_document: str = Field(default="", max_length=200)
    removal_method: str | None = Field(default=None, max_length=4)  # code list "removal_method"
    removal_facts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # the 13 post-removal fields
    development_done: bool | None = Field(default=None)  # 实施开发式帮扶措施情况
    closed_reason: str = Field(default="")


class MonitoringEvent(Synced, table=True):
    """One step of a monitoring case with its evidence (the monitoring procedure's event log)."""

    __tablename__ = "monitoring_event"
    case_id: str = Field(foreign_key="monitoring_case.id", index=True, max_length=36)
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    batch_id: str | None = Field(default=None, index=True, max_length=36)
    step: str = Field(max_length=40, index=True)
    on_date: date
    actor: str = Field(default="", max_length=100)
    outcome: str = Field(default="", max_length=40)
    reason: str = Field(default="")
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class HelpMeasure(Synced, table=True):
    """Help of one national category for a household and year, with the values chosen within it."""

    __tablename__ = "help_measure"
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    case_id: str | None = Field(default=None, foreign_key="monitoring_case.id", index=True, max_length=36)
    year: int = Field(index=True)
    category: str = Field(max_length=10, index=True)  # code list "help_category" (national ids 100A39…)
    values: list[str] = Field(default_factory=list, sa_type=JSON)  # codes of the category's own list
    started_on: date | None = Field(default=None)
    ended_on: date | None = Field(default=None)
    amount_fen: int = _fen()
    note: str = Field(default="")
    # the delivery ledger (issue 16: one household, one policy)
    content: str = Field(default="")
    member_id: str | None = Field(default=None, foreign_key="member.id", max_length=36)  # the beneficiary
    fund_id: str | None = Field(default=None, foreign_key="fund.id", index=True, max_length=36)
    project_id: str | None = Field(default=None, foreign_key="fund_project.id", index=True, max_length=36)
    status: str = Field(default="2", max_length=4)  # code list "measure_status": 1 planned, 2 implemented, …
    result: str = Field(default="")
    evidence: list[str] = Field(default_factory=list, sa_type=JSON)  # sha256 of the household's attachments
