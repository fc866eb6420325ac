"""Early warnings from what the cards hold: incomes at the edge of the monitoring line, and the 八必访 list of
households that must be visited (MONITORING.md §4). Set-based SQL (a county has 100,000 households): one
query of the latest income records with the one before, one aggregate of the members; lines looked up once
per village.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlmodel import Session, col

from desktop_app.domain.eligibility import most_specific
from desktop_app.domain.help_checks import in_warning_band
from desktop_app.domain.money import format_yuan
from desktop_app.domain.monitoring_rules import MonitorRules
from desktop_app.domain.monitoring_steps import CLOSED_STAGES
from desktop_app.services.monitoring.rules import load_monitor_rules
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.bulk import no_cycle_collection
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_monitoring import IncomeRecord, MonitoringCase, MonitoringLine
from desktop_app.storage.queries import table_of

# 八必访 reasons: code -> (Chinese, English)
VISIT_REASONS: dict[str, tuple[str, str]] = {
    "low_income": ("收入偏低（接近或低于监测范围）", "low income (near or below the monitoring line)"),
    "income_fall": ("收入大幅下降", "income fell sharply"),
    "illness": ("家有大病或长期慢性病患者", "a member with a serious or chronic illness"),
    "support": ("低保户或特困供养户", "subsistence allowance or extreme-poverty support"),
    "disability": ("家有残疾人", "a disabled member"),
    "students": ("多名子女在读非义务教育阶段", "several children in school beyond compulsory age"),
    "migrant_wages": ("收入主要靠务工", "income mostly from migrant work"),
    "shock": ("遭受灾害损失或大额医疗支出", "a disaster loss or a large medical expense"),
}
# the list's thresholds are county rules (MonitorRules.visit_fall_share, visit_wage_share, visit_expense_share,
# visit_school_age, visit_students; forms/monitoring_rules.json)
SUPPORTED = ("2", "3")  # household attribute: 低保贫困户, 特困供养贫困户
ILL = ("2", "3")  # health: serious illness, long-term chronic illness
IN_SCHOOL = ("3", "4", "5", "6", "7", "8", "9")  # school_status: primary to university


@dataclass(frozen=True)
class IncomeWarning:
    household_id: str
    household_number: str
    head_name: str
    village_code: str
    kind: str  # band (at or above the line, within line × factor) | below (under the line, not monitored)
    income_year: int
    per_capita_fen: int
    line_fen: int
    reason: str


@dataclass(frozen=True)
class MustVisit:
    household_id: str
    household_number: str
    head_name: str
    village_code: str
    monitored: bool  # in an open monitoring case already
    reasons: tuple[str, ...]  # codes of VISIT_REASONS
    reason_labels: tuple[str, ...]


def _open_case_ids() -> Any:
    return select(col(MonitoringCase.household_id)).where(
        col(MonitoringCase.deleted).is_(False), col(MonitoringCase.stage).not_in(sorted(CLOSED_STAGES))
    )


def _latest_records(year: int | None, *, with_prev: bool = False) -> Any:
    """Each household's newest record (of ``year`` or earlier), with the per-capita of the one before when
    asked (found through the (household, year) index, not a window over every record)."""
    r = table_of(IncomeRecord).alias("r")
    where: list[Any] = [r.c.deleted.is_(False)]
    if year is not None:
        where.append(r.c.year <= year)
    newest = (
        select(r.c.household_id.label("hid"), func.max(r.c.year).label("y")).where(*where).group_by(r.c.household_id)
    )
    newest_sq = newest.subquery("newest")
    i = table_of(IncomeRecord).alias("i")
    columns = [
        i.c.household_id.label("hid"),
        i.c.year.label("year"),
        i.c.per_capita_fen.label("pc"),
        i.c.wage_fen.label("wage"),
        i.c.gross_fen.label("gross"),
        i.c.medical_expense_fen.label("medical"),
        i.c.out_of_pocket_fen.label("oop"),
        i.c.disaster_loss_fen.label("disaster"),
    ]
    if with_prev:
        p = table_of(IncomeRecord).alias("p")
        previous = (
            select(p.c.per_capita_fen)
            .where(p.c.household_id == i.c.household_id, p.c.year < i.c.year, p.c.deleted.is_(False))
            .order_by(p.c.year.desc())
            .limit(1)
            .scalar_subquery()
        )
        columns.append(previous.label("prev"))
    return (
        select(*columns)
        .join(newest_sq, and_(newest_sq.c.hid == i.c.household_id, newest_sq.c.y == i.c.year))
        .subquery("latest")
    )


class _Lines:
    """The lines of the years asked for, read once; a village's line is found by the same rule as
    ``lines.line_for`` (``eligibility.most_specific``)."""

    def __init__(self, session: Session, years: Iterable[int]) -> None:
        query = select(col(MonitoringLine.region_code), col(MonitoringLine.year), col(MonitoringLine.amount_fen)).where(
            col(MonitoringLine.deleted).is_(False), col(MonitoringLine.year).in_(sorted(set(years)))
        )
        self.by_year: dict[int, list[tuple[str, int]]] = {}
        for region, year, amount in session.execute(query).all():
            self.by_year.setdefault(year, []).append((region, amount))
        self.cache: dict[tuple[str, int], int | None] = {}

    def __call__(self, village_code: str, year: int) -> int | None:
        key = (village_code, year)
        if key not in self.cache:
            entries = self.by_year.get(year, [])
            self.cache[key] = most_specific(entries, village_code)
        return self.cache[key]

    def highest(self) -> int | None:
        """The highest line of these years anywhere (a bound for the first, set-based filter)."""
        amounts = [amount for entries in self.by_year.values() for _region, amount in entries]
        return max(amounts) if amounts else None


def income_warnings(db: Database, *, village_code: str | None = None, year: int) -> list[IncomeWarning]:
    """Households not in an open case whose latest record (of ``year`` or before) is at the edge of ``year``'s
    line (line ≤ per capita ≤ line × warning_band_factor) or below the line."""
    with reading(db) as session, no_cycle_collection():
        factor = load_monitor_rules(session).warning_band_factor
        lines = _Lines(session, [year])
        top = lines.highest()
        if top is None:
            return []
        latest = _latest_records(year)
        query = (
            select(
                col(Household.id),
                col(Household.number),
                col(Household.head_name),
                col(Area.code),
                latest.c.year,
                latest.c.pc,
            )
            .join(latest, latest.c.hid == Household.id)
            .join(Area, col(Area.id) == Household.village_id)
            .where(
                col(Household.deleted).is_(False),
                latest.c.pc.is_not(None),
                latest.c.pc <= int(Decimal(top) * factor),
                col(Household.id).not_in(_open_case_ids()),
            )
        )
        if village_code:
            query = query.where(col(Area.code).startswith(village_code))
        out: list[IncomeWarning] = []
        for hid, number, head, code, rec_year, pc in session.connection().execute(
            query.order_by(col(Household.number))
        ):
            line = lines(code, year)
            if line is None:
                continue
            if pc < line:
                kind, zh = (
                    "below",
                    f"人均纯收入{format_yuan(pc)}元，低于{year}年监测范围{format_yuan(line)}元，尚未纳入监测",
                )
            elif in_warning_band(pc, line, factor):
                kind, zh = (
                    "band",
                    f"人均纯收入{format_yuan(pc)}元，在{year}年监测范围{format_yuan(line)}元的{factor}倍以内",
                )
            else:
                continue
            out.append(IncomeWarning(hid, number, head, code, kind, rec_year, pc, line, zh))
        return out


def _bit(cond: Any, bit: int) -> Any:
    return case((cond, bit), else_=0)


def _member_facts(today: date, school_age: int) -> Any:
    """Per household: whether a member is ill, disabled, on subsistence allowance, and how many are in school
    beyond compulsory education (one aggregate over the members)."""
    born_by = date(today.year - school_age, today.month, min(today.day, 28))
    ill = col(Member.health).in_(ILL)
    disabled = or_(col(Member.health) == "4", func.coalesce(col(Member.disability_grade), "") != "")
    support = col(Member.subsistence_allowance).is_(True)
    student = and_(col(Member.school_status).in_(IN_SCHOOL), col(Member.birth_date) <= born_by)
    return (
        select(
            col(Member.household_id).label("hid"),
            func.max(_bit(ill, 1)).label("ill"),
            func.max(_bit(disabled, 1)).label("disabled"),
            func.max(_bit(support, 1)).label("support"),
            func.sum(_bit(student, 1)).label("students"),
        )
        .where(col(Member.deleted).is_(False), col(Member.active).is_(True), or_(ill, disabled, support, student))
        .group_by(col(Member.household_id))
        .subquery("m")
    )


_LOW_INCOME = 1  # the reasons as bits in VISIT_REASONS order: low_income 1, income_fall 2, illness 4, …


def _reasons_of(mask: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes = tuple(code for bit, code in enumerate(VISIT_REASONS) if mask & (1 << bit))
    return codes, tuple(VISIT_REASONS[c][0] for c in codes)


def _visit_query(rules: MonitorRules, today: date, village_code: str | None) -> Any:
    """One row per household: id, number, head, village code, the latest record's year and per capita, the
    reasons found in SQL as a bit mask (low income is judged after, by the village's line) and whether the
    household is in an open case. Members grouped once, the newest records with the one before found through
    the (household, year) index."""
    m = _member_facts(today, rules.visit_school_age)
    r = _latest_records(today.year, with_prev=True)
    expense = float(rules.visit_expense_share)
    mask = (
        _bit(and_(r.c.prev > 0, r.c.pc * 1.0 <= r.c.prev * float(1 - rules.visit_fall_share)), 2)
        + _bit(m.c.ill == 1, 4)
        + _bit(or_(m.c.support == 1, col(Household.attribute).in_(SUPPORTED)), 8)
        + _bit(m.c.disabled == 1, 16)
        + _bit(m.c.students >= rules.visit_students, 32)
        + _bit(and_(r.c.gross > 0, r.c.wage * 1.0 >= r.c.gross * float(rules.visit_wage_share)), 64)
        + _bit(
            or_(
                r.c.disaster > 0,
                and_(r.c.gross > 0, r.c.medical * 1.0 >= r.c.gross * expense),
                and_(r.c.gross > 0, r.c.oop * 1.0 >= r.c.gross * expense),
            ),
            128,
        )
    )
    query = (
        select(
            col(Household.id),
            col(Household.number),
            col(Household.head_name),
            col(Area.code),
            r.c.year,
            r.c.pc,
            mask,
            _bit(col(Household.id).in_(_open_case_ids()), 1),
        )
        .join(Area, col(Area.id) == Household.village_id)
        .outerjoin(m, m.c.hid == Household.id)
        .outerjoin(r, r.c.hid == Household.id)
        .where(col(Household.deleted).is_(False))
    )
    if village_code:
        query = query.where(col(Area.code).startswith(village_code))
    return query.order_by(col(Household.number))


def _record_years(session: Session) -> set[int]:
    query = select(col(IncomeRecord.year)).where(col(IncomeRecord.deleted).is_(False)).distinct()
    return set(session.execute(query).scalars())


def must_visit(db: Database, *, village_code: str | None = None, today: date) -> list[MustVisit]:
    """The 八必访 checklist: every household (monitored or not) with at least one reason, by number (the
    thresholds are the county's rules ``visit_*``)."""
    with reading(db) as session, no_cycle_collection():  # a county: 100,000 rows in, 95,000 rows out
        rules = load_monitor_rules(session)
        lines = _Lines(session, _record_years(session))
        rows = session.connection().execute(_visit_query(rules, today, village_code)).all()
        low_of: dict[tuple[str, int], int | None] = {}
        labelled: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        out: list[MustVisit] = []
        for hid, number, head, code, year, pc, mask, monitored in rows:
            if pc is not None:
                if (code, year) not in low_of:
                    line = lines(code, year)
                    low_of[code, year] = int(Decimal(line) * rules.warning_band_factor) if line is not None else None
                low = low_of[code, year]
                if low is not None and pc <= low:
                    mask |= _LOW_INCOME
            if mask:
                if mask not in labelled:
                    labelled[mask] = _reasons_of(mask)
                out.append(MustVisit(hid, number, head, code, bool(monitored), *labelled[mask]))
        return out
