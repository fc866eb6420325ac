"""Measures delivered (帮扶措施落实台账): what a household actually received in a year — national category and
values, content, beneficiary, amount in fen, fund and project, dates, status, result and evidence photos (the
household's attachments by hash).

They are the monitoring tables' ``HelpMeasure`` rows (issue 15 checks read them too), with the delivery columns
of issue 16. Category and values are checked by the monitoring package's own helpers; a measure attaches to the
household's open or latest monitoring case when it has one. The old card table ``measure`` (2014–2020 types)
is not touched: the card shows those rows read-only beside these (docs/assistance-funds.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError
from desktop_app.services.assistance.funds_base import (
    code_of,
    evidence_hashes,
    fund_and_project,
    household,
    member_of,
)
from desktop_app.services.assistance.plans import check_year
from desktop_app.services.monitoring.measures import case_for_measure, category_code, value_codes
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import Disbursement, Fund, FundProject
from desktop_app.storage.models_monitoring import HelpMeasure


@dataclass(frozen=True)
class DeliveryInput:
    year: int
    category: str  # code or label
    values: Sequence[str]  # codes or labels of the category's list (at least one)
    content: str = ""
    member_id: str | None = None  # the beneficiary (a member of the household)
    amount_fen: int = 0
    fund_id: str | None = None
    project_id: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    status: str = "2"  # code or label of measure_status
    result: str = ""
    evidence: Sequence[str] = ()  # file paths (stored as attachments) or sha256 of the household's attachments
    note: str = ""


@dataclass(frozen=True)
class DeliveryRow:
    id: str
    year: int
    category: str
    category_label: str
    values_label: str  # the values' labels joined with 、
    content: str
    amount_fen: int
    fund: str
    project: str
    status_label: str
    started_on: date | None
    ended_on: date | None
    result: str
    evidence_count: int
    household_id: str
    number: str
    head_name: str
    values: tuple[str, ...]
    status: str
    fund_id: str | None
    project_id: str | None
    member_id: str | None
    member: str
    evidence: tuple[str, ...]
    disbursed_fen: int  # paid out for this measure (disbursements naming it)


def _checked(entry: DeliveryInput) -> tuple[str, list[str], str]:
    code = category_code(entry.category)
    values = list(value_codes(code, entry.values))
    check_year(entry.year)
    status = code_of("measure_status", entry.status or "2", "落实状态")
    if entry.amount_fen < 0:
        raise AssistError("bad_amount", "金额不能为负数", "the amount cannot be negative")
    if entry.started_on and entry.ended_on and entry.ended_on < entry.started_on:
        raise AssistError("bad_period", "结束日期不能早于开始日期", "the end date is before the start date")
    return code, values, status


def _fill(session: Session, measure: HelpMeasure, entry: DeliveryInput, checked: tuple[str, list[str], str]) -> None:
    code, values, status = checked
    fund, project = fund_and_project(session, entry.fund_id, entry.project_id)
    measure.year, measure.category, measure.values, measure.status = int(entry.year), code, values, status
    measure.content, measure.result, measure.note = entry.content.strip(), entry.result.strip(), entry.note
    measure.member_id = member_of(session, measure.household_id, entry.member_id)
    measure.amount_fen = int(entry.amount_fen)
    measure.fund_id = fund.id if fund else None
    measure.project_id = project.id if project else None
    measure.started_on, measure.ended_on = entry.started_on, entry.ended_on
    measure.evidence = evidence_hashes(session, measure.household_id, entry.evidence, "帮扶措施照片")


def deliver_measure(db: Database, household_id: str, entry: DeliveryInput) -> str:
    """Record a measure delivered to a household (id or number); returns its id. Refused, nothing written, with
    a Chinese reason."""
    checked = _checked(entry)
    with reading(db) as session:
        hid = household(session, household_id).id
    with writing(db, "assist.measure_deliver", hid) as work:
        case = case_for_measure(work.session, hid)
        measure = HelpMeasure(household_id=hid, case_id=case.id if case else None, year=entry.year, category="")
        _fill(work.session, measure, entry, checked)
        work.session.add(measure)
        work.session.flush()
        return measure.id


def _live(session: Session, measure_id: str) -> HelpMeasure:
    measure = session.get(HelpMeasure, measure_id)
    if measure is None or measure.deleted:
        raise AssistError("no_measure", "找不到这条帮扶措施（可能已被删除）", "no such measure")
    return measure


def update_delivery(db: Database, measure_id: str, entry: DeliveryInput) -> None:
    """Replace a delivered measure's fields with ``entry`` (the same checks as recording it)."""
    checked = _checked(entry)
    with reading(db) as session:
        hid = _live(session, measure_id).household_id
    with writing(db, "assist.measure_update", hid) as work:
        _fill(work.session, _live(work.session, measure_id), entry, checked)


def remove_delivery(db: Database, measure_id: str) -> None:
    """Remove a delivered measure (a tombstone); refused while a payment names it."""
    with reading(db) as session:
        hid = _live(session, measure_id).household_id
    with writing(db, "assist.measure_remove", hid) as work:
        paid = work.session.exec(
            select(Disbursement.id).where(Disbursement.measure_id == measure_id, col(Disbursement.deleted).is_(False))
        ).first()
        if paid is not None:
            raise AssistError("measure_paid", "这条措施已有拨付记录，请先删除拨付", "the measure has payments")
        _live(work.session, measure_id).deleted = True


def _rows(session: Session, measures: Sequence[HelpMeasure]) -> list[DeliveryRow]:
    if not measures:
        return []
    ids = [m.id for m in measures]
    funds = dict(session.exec(select(Fund.id, Fund.name)).all())
    projects = dict(session.exec(select(FundProject.id, FundProject.name)).all())
    hids = sorted({m.household_id for m in measures})
    homes = {
        h: (n, name)
        for h, n, name in session.exec(
            select(Household.id, Household.number, Household.head_name).where(col(Household.id).in_(hids))
        ).all()
    }
    members = dict(session.exec(select(Member.id, Member.name).where(col(Member.household_id).in_(hids))).all())
    paid = dict(
        session.exec(
            select(Disbursement.measure_id, func.sum(Disbursement.amount_fen))
            .where(col(Disbursement.measure_id).in_(ids), col(Disbursement.deleted).is_(False))
            .group_by(col(Disbursement.measure_id))
        ).all()
    )
    out = []
    for m in measures:
        values = tuple(m.values or ())
        number, head = homes.get(m.household_id, ("", ""))
        out.append(
            DeliveryRow(
                id=m.id,
                year=m.year,
                category=m.category,
                category_label=catalog.label("help_category", m.category),
                values_label="、".join(catalog.label(f"help_{m.category}", v) for v in values),
                content=m.content,
                amount_fen=m.amount_fen,
                fund=funds.get(m.fund_id or "", ""),
                project=projects.get(m.project_id or "", ""),
                status_label=catalog.label("measure_status", m.status),
                started_on=m.started_on,
                ended_on=m.ended_on,
                result=m.result,
                evidence_count=len(m.evidence or ()),
                household_id=m.household_id,
                number=number,
                head_name=head,
                values=values,
                status=m.status,
                fund_id=m.fund_id,
                project_id=m.project_id,
                member_id=m.member_id,
                member=members.get(m.member_id or "", ""),
                evidence=tuple(m.evidence or ()),
                disbursed_fen=int(paid.get(m.id) or 0),
            )
        )
    return out


def _query(year: int | None) -> Any:
    query = select(HelpMeasure).where(col(HelpMeasure.deleted).is_(False))
    if year is not None:
        query = query.where(HelpMeasure.year == year)
    return query.order_by(col(HelpMeasure.year), col(HelpMeasure.created_at))


def household_deliveries(db: Database, household_id: str, year: int | None = None) -> list[DeliveryRow]:
    """The household's measures delivered (of ``year`` when given), oldest first, codes shown as labels."""
    with reading(db) as session:
        hid = household(session, household_id).id
        return _rows(session, session.exec(_query(year).where(HelpMeasure.household_id == hid)).all())


def village_deliveries(db: Database, village_id: str, year: int | None = None) -> list[DeliveryRow]:
    """The village's measures delivered (the village measures register), by household number then year."""
    with reading(db) as session:
        query = _query(year).join(Household, col(Household.id) == col(HelpMeasure.household_id))
        rows = session.exec(query.where(Household.village_id == village_id, col(Household.deleted).is_(False))).all()
        return sorted(_rows(session, rows), key=lambda r: (r.number, r.year))
