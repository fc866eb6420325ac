"""Each household's facts for the quality rules, read with a few narrow column queries (never ORM objects:
a county holds 100,000 households) and put together in plain ``domain.quality`` facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from types import MappingProxyType
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlmodel import Session, col

from desktop_app.domain.quality import CaseQuality, HouseholdFacts, MeasureQuality, MemberQuality
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_assist import Post, PostHolder, WorkMonth
from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord, MonitoringCase

NOT_INCLUDED = ("refused", "withdrawn")
CONTRACTED = "4"  # code list "post_stage": 已签约
EMPTY: tuple[str, ...] = ()


def _rows(session: Session, query: Any) -> Any:
    """Plain Core rows (no ORM loading step: it costs more than the read itself at county size)."""
    return session.connection().execute(query).all()


def _case_households() -> Any:
    return select(col(MonitoringCase.household_id)).where(
        col(MonitoringCase.deleted).is_(False),
        col(MonitoringCase.included_on).is_not(None),
        col(MonitoringCase.stage).not_in(NOT_INCLUDED),
    )


def households(session: Session, village: str | None) -> list[Any]:
    """The households to check (rows with ``id, number, head_name, village_code, village_name``), by village
    code and number; ``village`` is an area code (a prefix: a township or county code takes all its villages)
    or a village's name."""
    query: Any = (
        select(
            col(Household.id),
            col(Household.number),
            col(Household.head_name),
            col(Area.code).label("village_code"),
            col(Area.name).label("village_name"),
        )
        .join(Area, col(Area.id) == Household.village_id)
        .where(col(Household.deleted).is_(False))
    )
    if village:
        text = village.strip()
        query = query.where(col(Area.code).startswith(text) if text.isdigit() else col(Area.name) == text)
    return list(_rows(session, query.order_by(col(Area.code), col(Household.number))))


def _members(
    session: Session,
    wanted: set[str] | None,
    tiers: dict[str, tuple[str, ...]],
    places: dict[str, tuple[str, ...]],
) -> dict[str, list[MemberQuality]]:
    """Each household's active members, in card order, built in one pass over one narrow query."""
    rows = _rows(
        session,
        select(
            col(Member.household_id),
            col(Member.id),
            col(Member.name),
            col(Member.id_number),
            type_coerce(col(Member.birth_date), String),  # ISO text: parsed by the rule that needs it
            col(Member.labour),
            col(Member.school_status),
            col(Member.subsistence_allowance),
            col(Member.work_status),
            col(Member.sort_order),
        ).where(col(Member.deleted).is_(False), col(Member.active).is_(True)),
    )  # no ORDER BY: sorting 350,000 rows in SQLite costs more than sorting each household's few below
    out: dict[str, list[tuple[int, MemberQuality]]] = defaultdict(list)
    for hid, mid, name, id_number, birth, labour, school, subsistence, work, order in rows:
        if wanted is None or hid in wanted:
            out[hid].append(
                (
                    order,
                    MemberQuality(
                        name,
                        id_number,
                        birth,
                        labour,
                        school,
                        subsistence,
                        work,
                        tiers.get(mid, EMPTY),
                        places.get(mid, EMPTY),
                    ),
                )
            )
    return {hid: [m for _o, m in sorted(people, key=_first)] for hid, people in out.items()}


def _first(pair: tuple[int, MemberQuality]) -> int:
    return pair[0]


def _post_tiers(session: Session) -> dict[str, tuple[str, ...]]:
    rows = _rows(
        session,
        select(col(PostHolder.member_id), col(Post.tier))
        .join(Post, col(Post.id) == PostHolder.post_id)
        .where(
            col(PostHolder.deleted).is_(False),
            col(Post.deleted).is_(False),
            col(PostHolder.stage) == CONTRACTED,
            col(PostHolder.left_on).is_(None),
        ),
    )
    out: dict[str, set[str]] = defaultdict(set)
    for member_id, tier in rows:
        out[member_id].add(tier)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _work_places(session: Session) -> dict[str, tuple[str, ...]]:
    rows = _rows(
        session,
        select(col(WorkMonth.member_id), col(WorkMonth.place))
        .where(col(WorkMonth.deleted).is_(False), col(WorkMonth.worked).is_(True))
        .distinct(),
    )
    out: dict[str, list[str]] = defaultdict(list)
    for member_id, place in rows:
        out[member_id].append(place or "")
    return {k: tuple(v) for k, v in out.items()}


def _cases(session: Session, wanted: set[str]) -> dict[str, tuple[Any, ...]]:
    """The latest included case of each household (refused and withdrawn clues are no case)."""
    rows = _rows(
        session,
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
        .order_by(col(MonitoringCase.household_id), col(MonitoringCase.round), col(MonitoringCase.included_on)),
    )
    return {row[0]: tuple(row[1:]) for row in rows if row[0] in wanted}  # the last of each household wins


def _measures(session: Session, wanted: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    rows = _rows(
        session,
        select(
            col(HelpMeasure.household_id),
            col(HelpMeasure.case_id),
            col(HelpMeasure.year),
            col(HelpMeasure.category),
            col(HelpMeasure.values),
            col(HelpMeasure.status),
        ).where(col(HelpMeasure.deleted).is_(False), col(HelpMeasure.household_id).in_(_case_households())),
    )
    out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for hid, *rest in rows:
        if hid in wanted:
            out[hid].append(tuple(rest))
    return out


def _out_of_pocket(session: Session, wanted: set[str]) -> dict[str, int]:
    rows = _rows(
        session,
        select(col(IncomeRecord.household_id), col(IncomeRecord.out_of_pocket_fen))
        .where(col(IncomeRecord.deleted).is_(False), col(IncomeRecord.household_id).in_(_case_households()))
        .order_by(col(IncomeRecord.household_id), col(IncomeRecord.year)),
    )
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


def read_facts(session: Session, rows: list[Any], *, everyone: bool = False) -> dict[str, HouseholdFacts]:
    """The facts of ``rows``' households, by household id (``everyone``: the rows are all households, so the
    member rows need no filter)."""
    wanted = {r.id for r in rows}
    members = _members(session, None if everyone else wanted, _post_tiers(session), _work_places(session))
    cases = _cases(session, wanted)
    measures = _measures(session, set(cases))
    spending = _out_of_pocket(session, set(cases))
    none: list[MemberQuality] = []
    out: dict[str, HouseholdFacts] = {}
    for hid in wanted:
        case = cases.get(hid)
        out[hid] = HouseholdFacts(
            tuple(members.get(hid, none)),
            _case(case, measures.get(hid, ())) if case else None,
            spending.get(hid),
        )
    return out
