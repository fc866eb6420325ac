"""Reading the post ledger: the village's posts with their places filled, a post's applicants and holders, a
household's posts, a holder's months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.posts import CONTRACTED
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import Post, PostHolder, PostMonth
from desktop_app.storage.queries import live


@dataclass(frozen=True)
class PostRow:
    id: str
    village_id: str
    name: str
    type: str
    type_label: str
    tier: str
    tier_label: str
    funding: str
    funding_label: str
    monthly_subsidy_fen: int
    places: int
    filled: int
    started_on: date | None
    ended_on: date | None
    vacancy_on: date | None


@dataclass(frozen=True)
class HolderRow:
    id: str
    post_id: str
    post: str
    household_id: str
    number: str
    member_id: str
    person: str
    stage: str
    stage_label: str
    applied_on: date | None
    checked_on: date | None
    notice_start: date | None
    notice_end: date | None
    contract_on: date | None
    left_on: date | None
    left_reason: str
    findings: tuple[str, ...]  # the messages of the check, and any override with who decided
    months: int  # months worked recorded
    subsidy_fen: int  # subsidies recorded, all months


@dataclass(frozen=True)
class PostMonthRow:
    id: str
    holder_id: str
    month: int
    days_worked: int
    attendance_ok: bool
    assessment: str | None
    assessment_label: str
    subsidy_fen: int
    note: str


def post_name(p: Post) -> str:
    return p.name or catalog.label("post_type", p.type)


def filled_places(session: Session, post_ids: list[str]) -> dict[str, int]:
    rows = session.exec(
        select(PostHolder.post_id, func.count())
        .where(col(PostHolder.post_id).in_(post_ids), col(PostHolder.stage) == CONTRACTED, live(PostHolder))
        .group_by(col(PostHolder.post_id))
    ).all()
    return {post_id: int(n) for post_id, n in rows}


def _post_row(p: Post, filled: int) -> PostRow:
    return PostRow(
        id=p.id,
        village_id=p.village_id,
        name=post_name(p),
        type=p.type,
        type_label=catalog.label("post_type", p.type),
        tier=p.tier,
        tier_label=catalog.label("post_tier", p.tier),
        funding=p.funding,
        funding_label=catalog.label("post_funding", p.funding),
        monthly_subsidy_fen=p.monthly_subsidy_fen,
        places=p.places,
        filled=filled,
        started_on=p.started_on,
        ended_on=p.ended_on,
        vacancy_on=p.vacancy_on,
    )


def post_list(db: Database, village_id: str | None) -> list[PostRow]:
    """The posts of a village (every village when None), with the places contracted."""
    with reading(db) as session:
        query = select(Post).where(live(Post))
        if village_id is not None:
            query = query.where(col(Post.village_id) == village_id)
        posts = list(session.exec(query.order_by(col(Post.type), col(Post.name), col(Post.created_at))).all())
        filled = filled_places(session, [p.id for p in posts])
        return [_post_row(p, filled.get(p.id, 0)) for p in posts]


def _holder_rows(session: Session, holders: list[PostHolder]) -> list[HolderRow]:
    if not holders:
        return []
    posts = {p.id: p for p in session.exec(select(Post).where(col(Post.id).in_({h.post_id for h in holders}))).all()}
    people = {m.id: m for m in session.exec(select(Member).where(col(Member.id).in_({h.member_id for h in holders})))}
    numbers = dict(
        session.exec(
            select(Household.id, Household.number).where(col(Household.id).in_({h.household_id for h in holders}))
        ).all()
    )
    months = {
        hid: (int(n), int(fen or 0))
        for hid, n, fen in session.exec(
            select(PostMonth.holder_id, func.count(), func.sum(PostMonth.subsidy_fen))
            .where(col(PostMonth.holder_id).in_([h.id for h in holders]), live(PostMonth))
            .group_by(col(PostMonth.holder_id))
        ).all()
    }
    out = []
    for h in holders:
        post, person = posts.get(h.post_id), people.get(h.member_id)
        n, fen = months.get(h.id, (0, 0))
        out.append(
            HolderRow(
                id=h.id,
                post_id=h.post_id,
                post=post_name(post) if post is not None else "",
                household_id=h.household_id,
                number=numbers.get(h.household_id, ""),
                member_id=h.member_id,
                person=person.name if person is not None else "",
                stage=h.stage,
                stage_label=catalog.label("post_stage", h.stage),
                applied_on=h.applied_on,
                checked_on=h.checked_on,
                notice_start=h.notice_start,
                notice_end=h.notice_end,
                contract_on=h.contract_on,
                left_on=h.left_on,
                left_reason=h.left_reason,
                findings=tuple(_finding_text(f) for f in h.findings or ()),
                months=n,
                subsidy_fen=fen,
            )
        )
    return out


def _finding_text(item: dict[str, Any]) -> str:
    if item.get("override"):
        return f"{item.get('on', '')} 书面同意（{item.get('decided_by', '')}）：{item['override']}"
    return str(item.get("zh", ""))


def post_holders(db: Database, post_id: str) -> list[HolderRow]:
    """Everyone who applied to the post, in order of application."""
    with reading(db) as session:
        holders = session.exec(
            select(PostHolder)
            .where(col(PostHolder.post_id) == post_id, live(PostHolder))
            .order_by(col(PostHolder.applied_on), col(PostHolder.created_at))
        ).all()
        return _holder_rows(session, list(holders))


def household_posts(db: Database, household_id: str) -> list[HolderRow]:
    """The household's members' applications and posts, newest first."""
    with reading(db) as session:
        holders = session.exec(
            select(PostHolder)
            .where(col(PostHolder.household_id) == household_id, live(PostHolder))
            .order_by(col(PostHolder.applied_on).desc(), col(PostHolder.created_at).desc())
        ).all()
        return _holder_rows(session, list(holders))


def post_months(db: Database, holder_id: str) -> list[PostMonthRow]:
    with reading(db) as session:
        rows = session.exec(
            select(PostMonth)
            .where(col(PostMonth.holder_id) == holder_id, live(PostMonth))
            .order_by(col(PostMonth.month))
        ).all()
        return [
            PostMonthRow(
                r.id,
                r.holder_id,
                r.month,
                r.days_worked,
                r.attendance_ok,
                r.assessment,
                catalog.label("post_assessment", r.assessment),
                r.subsidy_fen,
                r.note,
            )
            for r in rows
        ]
