"""What the screens, the prints and ``fupin monitor list`` read about cases: plain frozen rows with their
deadline flags, from one query joined with the household and its village."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlmodel import Session, col

from desktop_app.domain.monitoring_rules import MonitorRules, days_left, home_check_due, term_for
from desktop_app.domain.monitoring_steps import CLOSED_STAGES
from desktop_app.storage.models import Area, Household
from desktop_app.storage.models_monitoring import MonitoringCase, MonitoringEvent
from desktop_app.storage.queries import live


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    household_id: str
    household_number: str
    head_name: str
    village_code: str
    village_name: str
    round: int
    stage: str
    category: str | None
    source: str
    found: date
    included: date | None
    deadline: date | None
    days_left: int | None  # days to the deadline for a case not yet included and not ended
    overdue: bool  # past the deadline and not included, or included after it
    warn: bool  # not overdue and days_left <= warn_days
    risks: tuple[str, ...]
    contact_name: str
    contact_phone: str
    term_zh: str  # 监测对象 or 防止返贫致贫对象, by the year found
    removal_method: str | None
    removed: date | None
    home_check_due: date | None = None  # own applications: the home check's last day
    home_check_late: bool = False  # an own application not checked at home by then
    closed_reason: str = ""


@dataclass(frozen=True)
class CaseEventRow:
    id: str
    step: str
    on_date: date
    actor: str
    outcome: str
    reason: str
    data: dict[str, Any]
    batch_id: str | None


@dataclass(frozen=True)
class CaseDetail(CaseRow):
    events: tuple[CaseEventRow, ...] = ()
    disaster_sub: str | None = None
    risk_note: str = ""
    income_year: int | None = None
    per_capita_fen: int | None = None
    line_fen: int | None = None
    removal_facts: dict[str, Any] = field(default_factory=dict)
    guard_failures: tuple[tuple[str, str], ...] = ()  # (code, Chinese message) of the latest removal check
    guards_overridden: bool = False  # the failures were set aside by a written override
    notice_end: date | None = None  # the running notice's last day
    open_objections: tuple[str, ...] = ()


def deadline_flags(
    *, stage: str, deadline: date | None, included: date | None, today: date, rules: MonitorRules
) -> tuple[int | None, bool, bool]:
    """(days_left, overdue, warn) of a case (SPEC: overdue = past the deadline and not included, or included
    after it; warn = not overdue and at most warn_days left). A refused or withdrawn case has neither."""
    if deadline is None:
        return None, False, False
    if included is not None:
        return None, included > deadline, False
    if stage in CLOSED_STAGES:
        return None, False, False
    left = days_left(deadline, today, rules)
    overdue = today > deadline
    return left, overdue, (not overdue and left <= rules.warn_days)


_CASE_COLUMNS = (
    "id",
    "household_id",
    "round",
    "stage",
    "category",
    "source",
    "found_on",
    "deadline",
    "included_on",
    "risks",
    "contact_name",
    "contact_phone",
    "removal_method",
    "removed_on",
    "closed_reason",
)


class _Flags:
    """The per-row arithmetic of a list, done once per distinct value (a county lists thousands of cases
    found on a few hundred dates): deadline flags, the home check's last day, the term, the risk codes."""

    def __init__(self, today: date, rules: MonitorRules) -> None:
        self.today, self.rules = today, rules
        self.deadlines: dict[tuple[str, date | None, date | None], tuple[int | None, bool, bool]] = {}
        self.due: dict[date, date] = {}
        self.terms: dict[int, str] = {}
        self.risks: dict[str, tuple[str, ...]] = {}

    def deadline(self, stage: str, deadline: date | None, included: date | None) -> tuple[int | None, bool, bool]:
        key = (stage if stage in CLOSED_STAGES else "", deadline, included)
        if key not in self.deadlines:
            self.deadlines[key] = deadline_flags(
                stage=stage, deadline=deadline, included=included, today=self.today, rules=self.rules
            )
        return self.deadlines[key]

    def home_check_due(self, found: date) -> date:
        if found not in self.due:
            self.due[found] = home_check_due(found, self.rules)
        return self.due[found]

    def term(self, year: int) -> str:
        if year not in self.terms:
            self.terms[year] = term_for(year, self.rules)[0]
        return self.terms[year]

    def risk_codes(self, raw: Any) -> tuple[str, ...]:
        """The risk codes from the column's JSON text (decoded once per distinct text; a driver that decodes
        JSON itself gives the list)."""
        if not isinstance(raw, str):
            return tuple(raw or ())
        if raw not in self.risks:
            self.risks[raw] = tuple(json.loads(raw) or ())
        return self.risks[raw]


def _row(case: Any, checked: date | None, flags: _Flags) -> CaseRow:
    """One row from the joined query (case columns plus number, head_name, vcode, vname)."""
    left, overdue, warn = flags.deadline(case.stage, case.deadline, case.included_on)
    due = flags.home_check_due(case.found_on) if case.source == "1" else None
    late = due is not None and (checked > due if checked is not None else flags.today > due and case.stage == "clue")
    return CaseRow(
        case_id=case.id,
        household_id=case.household_id,
        household_number=case.number,
        head_name=case.head_name,
        village_code=case.vcode,
        village_name=case.vname,
        round=case.round,
        stage=case.stage,
        category=case.category,
        source=case.source,
        found=case.found_on,
        included=case.included_on,
        deadline=case.deadline,
        days_left=left,
        overdue=overdue,
        warn=warn,
        risks=flags.risk_codes(case.risks),
        contact_name=case.contact_name,
        contact_phone=case.contact_phone,
        term_zh=flags.term(case.found_on.year),
        removal_method=case.removal_method,
        removed=case.removed_on,
        home_check_due=due,
        home_check_late=late,
        closed_reason=case.closed_reason,
    )


def _first_checks(session: Session, case_ids: Sequence[str] | None) -> dict[str, date]:
    """The first home check of each case (own applications' two-day rule)."""
    stmt = select(col(MonitoringEvent.case_id), col(MonitoringEvent.on_date)).where(
        col(MonitoringEvent.step) == "home_check", live(MonitoringEvent)
    )
    if case_ids is not None:
        stmt = stmt.where(col(MonitoringEvent.case_id).in_(list(case_ids)))
    out: dict[str, date] = {}
    for case_id, on_date in session.execute(stmt).all():
        if case_id not in out or on_date < out[case_id]:
            out[case_id] = on_date
    return out


def case_rows(
    session: Session,
    *,
    today: date,
    rules: MonitorRules,
    village_code: str | None = None,
    stage: str | None = None,
    overdue_only: bool = False,
    household_id: str | None = None,
    case_id: str | None = None,
) -> list[CaseRow]:
    """Cases (of a village, a stage, a household or one case), ordered by village, household and round."""
    stmt = (
        select(
            *(getattr(MonitoringCase, name) for name in _CASE_COLUMNS if name != "risks"),
            type_coerce(col(MonitoringCase.risks), String).label("risks"),  # JSON text, decoded once per value
            col(Household.number),
            col(Household.head_name),
            col(Area.code).label("vcode"),
            col(Area.name).label("vname"),
        )
        .join(Household, col(Household.id) == col(MonitoringCase.household_id))
        .join(Area, col(Area.id) == col(Household.village_id))
        .where(live(MonitoringCase), live(Household))
    )
    if village_code:
        stmt = stmt.where(col(Area.code) == village_code)
    if stage:
        stmt = stmt.where(col(MonitoringCase.stage) == stage)
    if household_id:
        stmt = stmt.where(col(MonitoringCase.household_id) == household_id)
    if case_id:
        stmt = stmt.where(col(MonitoringCase.id) == case_id)
    if overdue_only:
        stmt = stmt.where(col(MonitoringCase.deadline) < today)
    order = (col(Area.code), col(Household.number), col(MonitoringCase.round))
    found = session.connection().execute(stmt.order_by(*order)).all()
    narrow = household_id or case_id or len(found) < 500
    checks = _first_checks(session, [r.id for r in found] if narrow else None)
    flags = _Flags(today, rules)
    rows = [_row(r, checks.get(r.id), flags) for r in found]
    return [r for r in rows if r.overdue] if overdue_only else rows
