"""The help checks counties run on included cases (MONITORING.md §5, §11), with the county's months and the
risk → measure table from the monitoring rules. Read in a few set-based queries, never a card at a time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.help_checks import (
    ABLE_TO_WORK,
    CaseFacts,
    HelpIssue,
    MeasureFacts,
    check_case,
)
from desktop_app.domain.monitoring_rules import MonitorRules
from desktop_app.domain.monitoring_steps import CLOSED_STAGES
from desktop_app.services.monitoring.rules import load_monitor_rules
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase


@dataclass(frozen=True)
class HelpFinding:
    case_id: str
    household_id: str
    household_number: str
    head_name: str
    village_code: str
    rule: str  # no_measure | no_development | risk_unmatched
    message: str  # Chinese, with the risk and measure labels
    message_en: str
    due: date | None


def _labels(codes: tuple[str, ...] | frozenset[str], lang: str = "zh") -> str:
    return ("、" if lang == "zh" else ", ").join(catalog.label("help_category", c, lang) for c in sorted(codes))


def messages(issue: HelpIssue, rules: MonitorRules) -> tuple[str, str]:
    """The Chinese and English text of one issue."""
    if issue.rule == "no_measure":
        n = rules.measure_first_months
        return (
            f"纳入监测已满{n}个月（{issue.due}到期），尚未落实任何帮扶措施",
            f"{n} month(s) after inclusion (due {issue.due}) and no help measure yet",
        )
    if issue.rule == "no_development":
        n = rules.development_months
        cats = rules.development_categories
        return (
            f"家庭有劳动能力，纳入已满{n}个月（{issue.due}到期），尚无开发式帮扶措施"
            f"（{_labels(cats)}；仅技能培训或其他不算）",
            f"a household with labour and no development measure ({_labels(cats, 'en')}) {n} months after inclusion",
        )
    risk_zh = catalog.label("monitor_risk", issue.risk)
    risk_en = catalog.label("monitor_risk", issue.risk, "en")
    return (
        f"风险“{risk_zh}”没有对应的帮扶措施（应有：{_labels(issue.categories)}）",
        f"risk '{risk_en}' has no matching measure (one of: {_labels(issue.categories, 'en')})",
    )


def _included_cases(session: Session, village_code: str | None) -> list[tuple[MonitoringCase, Household, str]]:
    query = (
        select(MonitoringCase, Household, Area.code)
        .join(Household, col(Household.id) == MonitoringCase.household_id)
        .join(Area, col(Area.id) == Household.village_id)
        .where(
            col(MonitoringCase.deleted).is_(False),
            col(Household.deleted).is_(False),
            col(MonitoringCase.included_on).is_not(None),
            col(MonitoringCase.removed_on).is_(None),
            col(MonitoringCase.stage).not_in(sorted(CLOSED_STAGES)),
        )
    )
    if village_code:
        query = query.where(col(Area.code).startswith(village_code))
    return [(c, h, code) for c, h, code in session.exec(query.order_by(col(Household.number))).all()]


def _with_labour(session: Session, household_ids: set[str]) -> set[str]:
    rows = session.exec(
        select(col(Member.household_id))
        .where(
            col(Member.deleted).is_(False),
            col(Member.active).is_(True),
            col(Member.labour).in_(sorted(ABLE_TO_WORK)),
        )
        .distinct()
    ).all()
    return set(rows) & household_ids


def _measures(session: Session, household_ids: set[str]) -> dict[str, list[tuple[str | None, int, MeasureFacts]]]:
    out: dict[str, list[tuple[str | None, int, MeasureFacts]]] = defaultdict(list)
    rows = session.execute(
        sa_select(
            col(HelpMeasure.household_id),
            col(HelpMeasure.case_id),
            col(HelpMeasure.year),
            col(HelpMeasure.category),
            col(HelpMeasure.values),
            col(HelpMeasure.started_on),
        ).where(col(HelpMeasure.deleted).is_(False))
    ).all()
    for hid, case_id, year, category, values, started in rows:
        if hid in household_ids:
            out[hid].append((case_id, year, MeasureFacts(category, tuple(values or ()), started)))
    return out


def help_check(db: Database, *, village_code: str | None = None, today: date) -> list[HelpFinding]:
    """Every included, not yet removed case that breaks a help rule on ``today``, household by number."""
    with reading(db) as session:
        rules = load_monitor_rules(session)
        cases = _included_cases(session, village_code)
        ids = {c.household_id for c, _h, _code in cases}
        labour = _with_labour(session, ids)
        measures = _measures(session, ids)
        findings: list[HelpFinding] = []
        for case, household, code in cases:
            assert case.included_on is not None
            own = tuple(
                facts
                for case_id, year, facts in measures.get(case.household_id, ())
                if case_id == case.id or (case_id is None and year >= case.included_on.year)
            )
            facts = CaseFacts(case.included_on, tuple(case.risks or ()), case.household_id in labour, own)
            for issue in check_case(facts, rules, today):
                zh, en = messages(issue, rules)
                findings.append(
                    HelpFinding(
                        case.id,
                        household.id,
                        household.number,
                        household.head_name,
                        code,
                        issue.rule,
                        zh,
                        en,
                        issue.due,
                    )
                )
        return findings
