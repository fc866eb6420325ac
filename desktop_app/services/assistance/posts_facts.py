"""What the post eligibility rules look at, read in bulk from the card and the ledgers (one query per fact),
so that checking one applicant and checking 10,000 holders are the same code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.posts import HOLDING, Applicant, PostRules, parse_rules
from desktop_app.services.assistance.rules import load_rules
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import Post, PostHolder
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live

_CHUNK = 900


@dataclass(frozen=True)
class Wanted:
    """One person to check for one post (``holder_id`` "" for an application not yet recorded)."""

    holder_id: str
    member_id: str
    post_id: str


def post_rules_of(session: Session) -> PostRules:
    return parse_rules(load_rules(session, "post_rules"))


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _households_where(session: Session, column: Any, households: Iterable[str], *conditions: Any) -> set[str]:
    """The households (of ``households``) that have a live row of ``column``'s table meeting ``conditions``."""
    found: set[str] = set()
    for part in _chunks(households):
        query = sa_select(column).where(col(column).in_(part), col(column.class_.deleted).is_(False), *conditions)
        found.update(session.execute(query).scalars().all())
    return found


def _cadre_families(session: Session, households: Iterable[str]) -> set[str]:
    official = (col(Member.is_public_official).is_(True), col(Member.active).is_(True))
    return _households_where(session, Member.household_id, households, *official)


def _monitored(session: Session, households: Iterable[str]) -> set[str]:
    included = (col(MonitoringCase.included_on).is_not(None), col(MonitoringCase.closed_on).is_(None))
    return _households_where(session, MonitoringCase.household_id, households, *included)


def _held(session: Session, members: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """member id -> [(holder id, post name)] of the posts held (on notice or contracted)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for part in _chunks(members):
        rows = session.exec(
            select(PostHolder.member_id, PostHolder.id, Post.name, Post.type)
            .join(Post, col(Post.id) == col(PostHolder.post_id))
            .where(col(PostHolder.member_id).in_(part), col(PostHolder.stage).in_(sorted(HOLDING)), live(PostHolder))
        ).all()
        for member_id, holder_id, name, kind in rows:
            out.setdefault(member_id, []).append((holder_id, name or catalog.label("post_type", kind)))
    return out


def _by_id(session: Session, columns: tuple[Any, ...], ids: Iterable[str]) -> dict[str, Any]:
    """Rows of the columns' table (the first column is its id) for ``ids``, as plain rows (no ORM objects:
    a county's 10,000 holders are read in a fraction of the time)."""
    table_id = columns[0]
    found: dict[str, Any] = {}
    for part in _chunks(ids):
        query = sa_select(*columns).where(col(table_id).in_(part), col(table_id.class_.deleted).is_(False))
        found.update((row[0], row) for row in session.execute(query).all())
    return found


_MEMBER = (Member.id, Member.name, Member.birth_date, Member.labour, Member.household_id, Member.active)
_POST = (Post.id, Post.village_id, Post.funding)
_HOME = (Household.id, Household.village_id, Household.status)


def applicants(session: Session, wanted: Sequence[Wanted]) -> dict[Wanted, Applicant]:
    """The facts of each wanted (person, post); a member or post that is gone is left out."""
    members = _by_id(session, _MEMBER, (w.member_id for w in wanted))
    posts = _by_id(session, _POST, (w.post_id for w in wanted))
    households = _by_id(session, _HOME, (m.household_id for m in members.values()))
    cadre = _cadre_families(session, households)
    monitored = _monitored(session, households)
    held = _held(session, members)
    out: dict[Wanted, Applicant] = {}
    for w in wanted:
        member, post = members.get(w.member_id), posts.get(w.post_id)
        if member is None or post is None:
            continue
        home = households.get(member.household_id)
        in_village = home is not None and home.village_id == post.village_id and member.active
        others = tuple(name for holder, name in held.get(member.id, ()) if holder != w.holder_id)
        out[w] = Applicant(
            name=member.name,
            birth_date=member.birth_date,
            labour=member.labour,
            same_village=in_village,
            cadre_family=member.household_id in cadre,
            other_posts=others,
            household_status=home.status if home is not None else "",
            monitored=member.household_id in monitored,
            post_funding=post.funding,
        )
    return out
