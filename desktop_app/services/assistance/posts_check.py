"""The check of the posts held today (``fupin posts check``): every contracted holder who breaks a rule now —
over age, two posts, left the village, family of a village cadre, a photovoltaic post for a household no longer
exited or monitored, a post whose term is over. A rule overridden in writing for that holder is not reported
again (the county decided it); a new one is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from desktop_app.domain.posts import CONTRACTED, eligibility, overridden_rules, rule_key
from desktop_app.services.assistance.posts_facts import Wanted, applicants, post_rules_of
from desktop_app.services.assistance.posts_read import post_name
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household
from desktop_app.storage.models_assist import Post, PostHolder
from desktop_app.storage.queries import live


@dataclass(frozen=True)
class PostFinding:
    holder_id: str
    household_id: str
    number: str
    person: str
    post: str
    rule: str
    message: str


def posts_check(db: Database, village_id: str | None = None, on: date | None = None) -> list[PostFinding]:
    """The findings of every post held (contracted, not left) in the village, or everywhere; by household."""
    today = on or date.today()
    with reading(db) as session:
        query = (
            select(PostHolder, Post, Household.number)
            .join(Post, col(Post.id) == col(PostHolder.post_id))
            .join(Household, col(Household.id) == col(PostHolder.household_id))
            .where(col(PostHolder.stage) == CONTRACTED, live(PostHolder), live(Post))
        )
        if village_id is not None:
            query = query.where(col(Post.village_id) == village_id)
        rows = list(session.exec(query).all())
        rules = post_rules_of(session)
        wanted = {h.id: Wanted(h.id, h.member_id, h.post_id) for h, _p, _n in rows}
        facts = applicants(session, list(wanted.values()))
        out: list[PostFinding] = []
        for holder, post, number in rows:
            name = post_name(post)
            done = overridden_rules(holder.findings)
            applicant = facts.get(wanted[holder.id])
            person = applicant.name if applicant is not None else ""
            found = eligibility(applicant, rules, today) if applicant is not None else []
            for f in found:
                if f.rule not in done:
                    out.append(PostFinding(holder.id, holder.household_id, number, person, name, f.rule, f.zh))
            if post.ended_on is not None and post.ended_on < today:
                message = f"{person}所在岗位已于 {post.ended_on.isoformat()} 到期，仍未办理离岗"
                out.append(PostFinding(holder.id, holder.household_id, number, person, name, rule_key("term"), message))
    out.sort(key=lambda f: (f.number, f.person, f.post, f.rule))
    return out
