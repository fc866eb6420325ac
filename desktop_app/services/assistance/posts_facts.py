"""What the post eligibility rules look at, read in bulk from the card and the ledgers (one query per fact),
so that checking one applicant and checking 10,000 holders are the same code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app.domain.posts import HOLDING, Applicant, PostRules, parse_rules
from desktop_app.services.assistance.rules import load_rules
from desktop_app.storage.models import Household, Member, Synced
from desktop_app.storage.models_assist import Post, PostHolder
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live

_CHUNK = 900
_T = TypeVar("_T", bound=Synced)


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


def _cadre_families(session: Session, households: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(households):
        found.update(
            session.exec(
                select(Member.household_id).where(
                    col(Member.household_id).in_(part),
                    col(Member.is_public_official).is_(True),
                    col(Member.active).is_(True),
                    live(Member),
                )
            ).all()
        )
    return found


def _monitored(session: Session, households: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(households):
        found.update(
            session.exec(
                select(MonitoringCase.household_id).where(
                    col(MonitoringCase.household_id).in_(part),
                    col(MonitoringCase.included_on).is_not(None),
                    col(MonitoringCase.closed_on).is_(None),
                    live(MonitoringCase),
                )
            ).all()
        )
    return found


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


def applicants(session: Session, wanted: Sequence[Wanted]) -> dict[Wanted, Applicant]:
    """The facts of each wanted (person, post); a member or post that is gone is left out."""
    members = {m.id: m for part in _chunks(w.member_id for w in wanted) for m in _rows(session, Member, part)}
    posts = {p.id: p for part in _chunks(w.post_id for w in wanted) for p in _rows(session, Post, part)}
    households = {
        h.id: h for part in _chunks(m.household_id for m in members.values()) for h in _rows(session, Household, part)
    }
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


def _rows(session: Session, model: type[_T], ids: list[str]) -> list[_T]:
    return list(session.exec(select(model).where(col(model.id).in_(ids), live(model))).all())
