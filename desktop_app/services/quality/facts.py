"""Each household's facts for the quality rules, read with a few narrow column queries (never ORM objects:
a county holds 100,000 households) and put together in plain ``domain.quality`` facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.quality import CaseQuality, HouseholdFacts, MeasureQuality, MemberQuality
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_assist import Post, PostHolder, WorkMonth
from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord, MonitoringCase

NOT_INCLUDED = ("refused", "withdrawn")
CONTRACTED = "4"  # code list "post_stage": 已签约


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: str
    number: str
    head_name: str
    village_code: str
    village_name: str


def households(session: Session, village: str | None) -> list[HouseholdRow]:
    """The households to check, by village code and number; ``village`` is an area code (a prefix: a township
    or county code takes all its villages) or a village's name."""
    query = (
        select(col(Household.id), col(Household.number), col(Household.head_name), col(Area.code), col(Area.name))
        .join(Area, col(Area.id) == Household.village_id)
        .where(col(Household.deleted).is_(False))
    )
    if village:
        text = village.strip()
        query = query.where(col(Area.code).startswith(text) if text.isdigit() else col(Area.name) == text)
    rows = session.execute(query.order_by(col(Area.code), col(Household.number))).all()
    return [HouseholdRow(*row) for row in rows]


def _members(session: Session, wanted: set[str]) -> dict[str, list[tuple[str, tuple[Any, ...]]]]:
    rows = session.execute(
        select(
            col(Member.household_id),
            col(Member.id),
            col(Member.name),
            col(Member.id_number),
            col(Member.birth_date),
            col(Member.labour),
            col(Member.school_status),
            col(Member.subsistence_allowance),
            col(Member.work_status),
        )
        .where(col(Member.deleted).is_(False), col(Member.active).is_(True))
        .order_by(col(Member.household_id), col(Member.sort_order))
    ).all()
    out: dict[str, list[tuple[str, tuple[Any, ...]]]] = defaultdict(list)
    for hid, mid, *rest in rows:
        if hid in wanted:
            out[hid].append((mid, tuple(rest)))
    return out


def _post_tiers(session: Session) -> dict[str, set[str]]:
    rows = session.execute(
        select(col(PostHolder.member_id), col(Post.tier))
        .join(Post, col(Post.id) == PostHolder.post_id)
        .where(
            col(PostHolder.deleted).is_(False),
            col(Post.deleted).is_(False),
            col(PostHolder.stage) == CONTRACTED,
            col(PostHolder.left_on).is_(None),
        )
    ).all()
    out: dict[str, set[str]] = defaultdict(set)
    for member_id, tier in rows:
        out[member_id].add(tier)
    return out


def _work_places(session: Session) -> dict[str, list[str]]:
    rows = session.execute(
        select(col(WorkMonth.member_id), col(WorkMonth.place))
        .where(col(WorkMonth.deleted).is_(False), col(WorkMonth.worked).is_(True))
        .distinct()
    ).all()
    out: dict[str, list[str]] = defaultdict(list)
    for member_id, place in rows:
        out[member_id].append(place or "")
    return out


def _cases(session: Session, wanted: set[str]) -> dict[str, tuple[Any, ...]]:
    """The latest included case of each household (refused and withdrawn clues are no case)."""
    rows = session.execute(
        select(
            col(MonitoringCase.household_id),
            col(MonitoringCase.id),
            col(MonitoringCase.stage),
            col(MonitoringCase.included_on),
            col(MonitoringCase.removed_on),
            col(MonitoringCase.risks),
            col(MonitoringCase.disaster_sub),
            col(MonitoringCase.risk_note),
            col(MonitoringCase.removal_method),
            col(MonitoringCase.removal_facts),
        )
        .where(
            col(MonitoringCase.deleted).is_(False),
            col(MonitoringCase.included_on).is_not(None),
            col(MonitoringCase.stage).not_in(NOT_INCLUDED),
        )
        .order_by(col(MonitoringCase.household_id), col(MonitoringCase.round), col(MonitoringCase.included_on))
    ).all()
    return {row[0]: tuple(row[1:]) for row in rows if row[0] in wanted}  # the last of each household wins


def _measures(session: Session, wanted: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    rows = session.execute(
        select(
            col(HelpMeasure.household_id),
            col(HelpMeasure.case_id),
            col(HelpMeasure.year),
            col(HelpMeasure.category),
            col(HelpMeasure.values),
            col(HelpMeasure.status),
        ).where(col(HelpMeasure.deleted).is_(False))
    ).all()
    out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for hid, *rest in rows:
        if hid in wanted:
            out[hid].append(tuple(rest))
    return out


def _out_of_pocket(session: Session, wanted: set[str]) -> dict[str, int]:
    rows = session.execute(
        select(col(IncomeRecord.household_id), col(IncomeRecord.out_of_pocket_fen))
        .where(col(IncomeRecord.deleted).is_(False))
        .order_by(col(IncomeRecord.household_id), col(IncomeRecord.year))
    ).all()
    return {hid: fen for hid, fen in rows if hid in wanted}  # the latest year wins


def _case(row: tuple[Any, ...], measures: Iterable[tuple[Any, ...]]) -> CaseQuality:
    case_id, stage, included_on, removed_on, risks, disaster_sub, note, method, facts = row
    assert isinstance(included_on, date)
    own = tuple(
        MeasureQuality(category, tuple(values or ()), status or "2")
        for m_case, year, category, values, status in measures
        if m_case == case_id or (m_case is None and year >= included_on.year)
    )
    return CaseQuality(
        stage=stage,
        included_on=included_on,
        removed_on=removed_on,
        risks=tuple(risks or ()),
        disaster_sub=disaster_sub,
        risk_note=note or "",
        removal_method=method,
        removal_facts=MappingProxyType(dict(facts or {})),
        measures=own,
    )


def read_facts(session: Session, rows: list[HouseholdRow]) -> dict[str, HouseholdFacts]:
    """The facts of ``rows``' households, by household id."""
    wanted = {r.id for r in rows}
    members = _members(session, wanted)
    tiers = _post_tiers(session)
    places = _work_places(session)
    cases = _cases(session, wanted)
    measures = _measures(session, set(cases))
    spending = _out_of_pocket(session, set(cases))
    out: dict[str, HouseholdFacts] = {}
    for hid in wanted:
        people = tuple(
            MemberQuality(
                name,
                id_number,
                birth,
                labour,
                school,
                subsistence,
                work,
                tuple(sorted(tiers.get(mid, ()))),
                tuple(places.get(mid, ())),
            )
            for mid, (name, id_number, birth, labour, school, subsistence, work) in members.get(hid, ())
        )
        case = cases.get(hid)
        out[hid] = HouseholdFacts(
            people,
            _case(case, measures.get(hid, ())) if case else None,
            spending.get(hid),
        )
    return out
