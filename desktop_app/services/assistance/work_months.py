"""Monthly migrant-work monitoring (务工月监测): a village's month typed as a grid, one row per worker.

The grid lists the village's working-age members (``working_age`` of post_rules.json, on the month's first
day; a member without a birth date is listed) and anyone already recorded that month. Saving a month is one
unit of work over every entry (nothing is written while one entry is wrong); each row's id is deterministic
per member and month, so the same month typed on two laptops merges. Wages roll into the households' wage line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.assistance import work_month_id
from desktop_app.domain.posts import age_on
from desktop_app.domain.work_months import WorkEntry, WorkMonthInvalid, check_month, entry_problems, month_bounds
from desktop_app.services.assistance.posts_facts import post_rules_of
from desktop_app.services.assistance.wages import roll_wages
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import WorkMonth
from desktop_app.storage.queries import live

_FIELDS: tuple[str, ...] = ("worked", "started_on", "ended_on", "place", "channel", "industry", "employer")
_FIELDS += ("wage_fen", "transport_subsidy_fen", "note")


@dataclass(frozen=True)
class WorkRow:
    member_id: str
    household_id: str
    number: str
    head_name: str
    name: str
    month: int
    saved: bool
    worked: bool
    started_on: date | None
    ended_on: date | None
    place: str
    channel: str | None
    channel_label: str
    industry: str | None
    industry_label: str
    employer: str
    wage_fen: int
    transport_subsidy_fen: int
    note: str


def _row(h: Household, m: Member, month: int, w: WorkMonth | None) -> WorkRow:
    channel = w.channel if w else None
    industry = w.industry if w else None
    return WorkRow(
        member_id=m.id,
        household_id=h.id,
        number=h.number,
        head_name=h.head_name,
        name=m.name,
        month=month,
        saved=w is not None,
        worked=bool(w and w.worked),
        started_on=w.started_on if w else None,
        ended_on=w.ended_on if w else None,
        place=w.place if w else "",
        channel=channel,
        channel_label=catalog.label("work_channel", channel),
        industry=industry,
        industry_label=catalog.label("work_industry", industry),
        employer=w.employer if w else "",
        wage_fen=w.wage_fen if w else 0,
        transport_subsidy_fen=w.transport_subsidy_fen if w else 0,
        note=w.note if w else "",
    )


def work_grid(db: Database, village_id: str, month: int) -> list[WorkRow]:
    """The village's month: one row per working-age member (and per member recorded), by household number."""
    check_month(month)
    first, _last = month_bounds(month)
    with reading(db) as session:
        rules = post_rules_of(session)
        people = session.exec(
            select(Household, Member)
            .join(Member, col(Member.household_id) == col(Household.id))
            .where(col(Household.village_id) == village_id, live(Household), live(Member), col(Member.active).is_(True))
            .order_by(col(Household.number), col(Member.sort_order), col(Member.created_at))
        ).all()
        saved = {
            w.member_id: w
            for w in session.exec(
                select(WorkMonth)
                .join(Household, col(Household.id) == col(WorkMonth.household_id))
                .where(col(Household.village_id) == village_id, col(WorkMonth.month) == month, live(WorkMonth))
            ).all()
        }
        out = []
        for h, m in people:
            age = age_on(m.birth_date, first) if m.birth_date else None
            of_age = age is None or rules.working_age_min <= age <= rules.working_age_max
            if of_age or m.id in saved:
                out.append(_row(h, m, month, saved.get(m.id)))
        return out


def household_work(db: Database, household_id: str, year: int) -> list[WorkRow]:
    """The household's recorded months of ``year``, by member and month."""
    with reading(db) as session:
        rows = session.exec(
            select(WorkMonth, Member, Household)
            .join(Member, col(Member.id) == col(WorkMonth.member_id))
            .join(Household, col(Household.id) == col(WorkMonth.household_id))
            .where(
                col(WorkMonth.household_id) == household_id,
                col(WorkMonth.month).between(year * 100 + 1, year * 100 + 12),
                live(WorkMonth),
            )
            .order_by(col(Member.sort_order), col(Member.name), col(WorkMonth.month))
        ).all()
        return [_row(h, m, w.month, w) for w, m, h in rows]


def _members(session: Session, ids: list[str]) -> dict[str, Member]:
    return {m.id: m for m in session.exec(select(Member).where(col(Member.id).in_(ids), live(Member))).all()}


def save_work_months(db: Database, month: int, entries: list[WorkEntry]) -> int:
    """Save the entries of ``month`` in one unit of work; the number of rows that changed. Every problem is
    named at once (:class:`WorkMonthInvalid`) and then nothing is written."""
    check_month(month)
    channels = catalog.codelists()["work_channel"].codes()
    industries = catalog.codelists()["work_industry"].codes()
    problems = [(e.member_id, zh, en) for e in entries for zh, en in entry_problems(month, e, channels, industries)]
    seen: set[str] = set()
    for e in entries:
        if e.member_id in seen:
            problems.append((e.member_id, "同一成员同一月份填了两行", "the member is listed twice"))
        seen.add(e.member_id)
    with reading(db) as session:
        known = {i: (m.name, m.household_id) for i, m in _members(session, sorted(seen)).items()}
    problems += [(i, "找不到这位家庭成员（可能已被删除）", "no such member") for i in seen if i not in known]
    if problems:
        raise WorkMonthInvalid(problems, {i: name for i, (name, _h) in known.items()})
    households = {h for _name, h in known.values()}
    subject = next(iter(households)) if len(households) == 1 else None
    with writing(db, "assist.work_save", subject) as work:
        session = work.session
        members = _members(session, sorted(seen))
        changed = 0
        for e in entries:
            member = members[e.member_id]
            row_id = work_month_id(e.member_id, month)
            row = session.get(WorkMonth, row_id)
            wanted = {f: getattr(e, f) for f in _FIELDS}
            wanted["place"], wanted["employer"], wanted["note"] = e.place.strip(), e.employer.strip(), e.note.strip()
            if row is not None and not row.deleted and all(getattr(row, f) == v for f, v in wanted.items()):
                continue
            row = row or WorkMonth(id=row_id, member_id=e.member_id, household_id=member.household_id, month=month)
            for f, v in wanted.items():
                setattr(row, f, v)
            row.deleted, row.household_id = False, member.household_id
            session.add(row)
            changed += 1
        session.flush()
        for household_id in sorted({members[e.member_id].household_id for e in entries}):
            roll_wages(session, household_id, month // 100)
        return changed
