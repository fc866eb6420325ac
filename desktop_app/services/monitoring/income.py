"""Yearly income records (收入情况) of a household: the lookups a judgement of year Y uses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income_sheet import (
    GROUP_COLUMNS,
    WINDOWS,
    Entry,
    LineDef,
    SheetProblem,
    SheetTotals,
    check_entries,
    income_period,
    income_record_id,
    line_defs,
    present_during,
    totals,
)
from desktop_app.services.households import refresh_card
from desktop_app.services.monitoring.rules import load_monitor_rules
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_monitoring import IncomeRecord
from desktop_app.storage.queries import live


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


# --- the worksheet of one year: read and save ----------------------------------------------------------


@dataclass(frozen=True)
class SheetLine:
    key: str
    group: str
    zh: str
    en: str
    fen: int
    note: str


@dataclass(frozen=True)
class CountedMember:
    id: str
    name: str
    relation: str | None


@dataclass(frozen=True)
class IncomeSheet:
    """One household's worksheet of one year as the card's income tab shows it (saved or not yet)."""

    household_id: str
    year: int
    saved: bool
    window: str
    period_start: date
    period_end: date
    groups: tuple[tuple[str, str, str], ...]  # (group, zh, en)
    lines: tuple[SheetLine, ...]
    extras: tuple[SheetLine, ...]
    totals: SheetTotals
    members: tuple[CountedMember, ...]  # the members the record counts (saved) or would count (new)
    candidates: tuple[CountedMember, ...]  # every member on file, to choose from
    note: str


def _defs() -> tuple[tuple[LineDef, ...], tuple[LineDef, ...]]:
    return line_defs(catalog.income_lines())


def income_window(session: Session) -> str:
    """The county's income window ("collection" or "months12"), a setting of the monitoring rules."""
    return load_monitor_rules(session).income_window


def _members(session: Session, household_id: str) -> list[Member]:
    return list(
        session.exec(
            select(Member)
            .where(Member.household_id == household_id, live(Member))
            .order_by(col(Member.sort_order), col(Member.created_at))
        ).all()
    )


def _counted(m: Member) -> CountedMember:
    return CountedMember(m.id, m.name, m.relation)


def _record(session: Session, household_id: str, year: int) -> IncomeRecord | None:
    return session.exec(
        select(IncomeRecord).where(IncomeRecord.household_id == household_id, IncomeRecord.year == year)
    ).first()


def _household_row(session: Session, household_id: str) -> Household:
    row = session.get(Household, household_id)
    if row is None or row.deleted:
        raise DomainError("household_missing", "找不到该户（可能已被删除）", "household not found (it may be deleted)")
    return row


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise DomainError("income_year", f"收入年度无效：{year}", f"invalid income year: {year}")


def _sheet(session: Session, household_id: str, year: int) -> IncomeSheet:
    _household_row(session, household_id)
    lines, extras = _defs()
    everyone = _members(session, household_id)
    record = _record(session, household_id, year)
    if record is not None and not record.deleted:
        window = record.window if record.window in WINDOWS else income_window(session)
        start, end = income_period(window, year)
        stored = record.lines or {}
        entries = {k: Entry(int(v.get("fen", 0)), str(v.get("note", ""))) for k, v in stored.items()}
        for key, column in (("insurance_claim", "insurance_claim_fen"), ("out_of_pocket", "out_of_pocket_fen")):
            entries.setdefault(key, Entry(getattr(record, column)))
        entries.setdefault("medical_expense", Entry(record.medical_expense_fen))
        entries.setdefault("disaster_loss", Entry(record.disaster_loss_fen))
        by_id = {m.id: m for m in everyone}
        counted = tuple(_counted(by_id[i]) for i in record.member_ids or () if i in by_id)
        sums = totals(lines, entries, record.size)
        if not stored:  # a record from the card (migration 0008): group totals without sub-lines
            sums = _from_columns(record)
        note, saved = record.note, True
    else:
        window = income_window(session)
        start, end = income_period(window, year)
        entries = {}
        counted = tuple(_counted(m) for m in everyone if present_during(m.joined_on, m.left_on, m.active, start, end))
        sums = totals(lines, entries, len(counted))
        note, saved = "", False
    groups_data = catalog.income_lines().get("groups", ())
    return IncomeSheet(
        household_id=household_id,
        year=year,
        saved=saved,
        window=window,
        period_start=start,
        period_end=end,
        groups=tuple((str(g["group"]), str(g["zh"]), str(g.get("en", g["zh"]))) for g in groups_data),
        lines=tuple(_sheet_line(d, entries) for d in lines),
        extras=tuple(_sheet_line(d, entries) for d in extras),
        totals=sums,
        members=counted,
        candidates=tuple(_counted(m) for m in everyone),
        note=note,
    )


def _sheet_line(d: LineDef, entries: Mapping[str, Entry]) -> SheetLine:
    entry = entries.get(d.key, Entry())
    return SheetLine(d.key, d.group, d.zh, d.en, entry.fen, entry.note)


def _from_columns(r: IncomeRecord) -> SheetTotals:
    groups = {"A": r.wage_fen, "B": r.business_fen, "C": r.property_fen, "D": r.transfer_fen, "E": r.costs_fen}
    extras = {
        "insurance_claim": r.insurance_claim_fen,
        "out_of_pocket": r.out_of_pocket_fen,
        "medical_expense": r.medical_expense_fen,
        "disaster_loss": r.disaster_loss_fen,
    }
    return SheetTotals(groups, r.gross_fen, r.net_fen, r.size, r.per_capita_fen, extras)


def income_sheet(db: Database, household_id: str, year: int) -> IncomeSheet:
    """The worksheet of ``year``: the saved record, or an empty one counting the members of that year's window."""
    _check_year(year)
    with reading(db) as session:
        return _sheet(session, household_id, year)


def income_years(db: Database, household_id: str) -> list[int]:
    """The years that have a record, newest first."""
    with reading(db) as session:
        years = session.exec(
            select(IncomeRecord.year).where(IncomeRecord.household_id == household_id, live(IncomeRecord))
        ).all()
    return sorted(set(years), reverse=True)


class IncomeSheetInvalid(DomainError):
    """Every problem of a worksheet at once (``problems``: line key, Chinese and English text)."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        zh = "收入情况有误，未保存：" + "；".join(p.zh for p in problems)
        en = "the income sheet was not saved: " + "; ".join(p.en for p in problems)
        super().__init__("income_sheet_invalid", zh, en)
        self.problems = tuple(problems)


def save_income_sheet(
    db: Database,
    household_id: str,
    year: int,
    values: Mapping[str, Any],
    *,
    members: Sequence[str] | None = None,
    note: str = "",
) -> IncomeSheet:
    """Save the worksheet of ``year`` in one unit of work (nothing written while a problem remains).

    ``values``: line key (and the extras ``insurance_claim``, ``out_of_pocket``, ``medical_expense``,
    ``disaster_loss``) → fen, yuan text or ``{"yuan"|"fen": …, "note": …}``. ``members``: the member ids
    counted; by default those who lived in the household during the year's window. When ``year`` is the
    card's income year, the card's income columns and per-capita figure follow the record."""
    _check_year(year)
    with writing(db, "monitoring.income_save", household_id) as work:
        return write_income_sheet(work.session, household_id, year, values, members=members, note=note)


def write_income_sheet(
    session: Session,
    household_id: str,
    year: int,
    values: Mapping[str, Any],
    *,
    members: Sequence[str] | None = None,
    note: str | None = "",
) -> IncomeSheet:
    """:func:`save_income_sheet` inside a unit of work the caller holds (the assistance ledgers' wage roll-up);
    ``note=None`` keeps the record's note."""
    _check_year(year)
    lines, extras = _defs()
    entries, problems = check_entries(lines + extras, values)
    card = _household_row(session, household_id)
    everyone = {m.id: m for m in _members(session, household_id)}
    record = _record(session, household_id, year)
    window = record.window if record is not None and record.window in WINDOWS else income_window(session)
    start, end = income_period(window, year)
    if members is None:
        ids = [i for i, m in everyone.items() if present_during(m.joined_on, m.left_on, m.active, start, end)]
    else:
        ids = list(dict.fromkeys(members))
        problems += [
            SheetProblem("members", f"成员“{i}”不是该户成员", f"{i} is not a member") for i in ids if i not in everyone
        ]
    if not ids:
        problems.append(SheetProblem("members", "至少要计入一名家庭成员", "count at least one member"))
    if problems:
        raise IncomeSheetInvalid(problems)
    sums = totals(lines, entries, len(ids))
    if record is None:
        record = IncomeRecord(id=income_record_id(household_id, year), household_id=household_id, year=year)
    record.deleted = False
    record.window, record.period_start, record.period_end = window, start, end
    record.lines = {k: {"fen": e.fen, "note": e.note} for k, e in entries.items()}
    for group, column in GROUP_COLUMNS.items():
        setattr(record, column, sums.groups[group])
    record.gross_fen, record.net_fen = sums.gross_fen, sums.net_fen
    record.size, record.member_ids, record.per_capita_fen = len(ids), ids, sums.per_capita_fen
    record.insurance_claim_fen = sums.extras["insurance_claim"]
    record.out_of_pocket_fen = sums.extras["out_of_pocket"]
    record.medical_expense_fen = sums.extras["medical_expense"]
    record.disaster_loss_fen = sums.extras["disaster_loss"]
    if note is not None:
        record.note = note.strip()
    session.add(record)
    if card.income_year == year:
        _card_follows(session, card, record)
    session.flush()
    return _sheet(session, household_id, year)


def _card_follows(session: Session, card: Household, record: IncomeRecord) -> None:
    """The card shows its income year: its income columns take the record's figures (logged, versioned)."""
    for column, value in (
        ("income_wage_fen", record.wage_fen),
        ("income_business_fen", record.business_fen),
        ("income_property_fen", record.property_fen),
        ("income_transfer_fen", record.transfer_fen),
        ("production_costs_fen", record.costs_fen),
        ("medical_expense_fen", record.medical_expense_fen),
        ("disaster_loss_fen", record.disaster_loss_fen),
    ):
        setattr(card, column, value)
    session.add(card)
    refresh_card(session, card)
