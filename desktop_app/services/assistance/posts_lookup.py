"""Finding what a person names on the command line: a village by code or name, a household by number, a
member by name or resident ID, a post or a selection record by its id (or the id's first characters)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from desktop_app.domain.assistance import AssistError
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_assist import Post, PostHolder
from desktop_app.storage.queries import household_by_number, live

_MIN_PREFIX = 4


def _not_found(what: str, text: str) -> AssistError:
    return AssistError("not_found", f"找不到{what}“{text}”", f"no {what} {text!r}")


def posts_village(db: Database, text: str) -> str:
    """The id of the village with this code (or id, or unique name)."""
    text = text.strip()
    with reading(db) as session:
        found = session.exec(select(Area).where(or_(col(Area.code) == text, col(Area.id) == text), live(Area))).first()
        if found is None:
            named = session.exec(
                select(Area).where(col(Area.name) == text, col(Area.level) == "village", live(Area))
            ).all()
            if len(named) > 1:
                codes = "、".join(sorted(a.code for a in named))
                raise AssistError("village_ambiguous", f"有多个行政村名为“{text}”（{codes}），请改用代码")
            found = named[0] if named else None
        if found is None or found.level != "village":
            raise _not_found("行政村", text)
        return found.id


def posts_household(db: Database, text: str) -> str:
    with reading(db) as session:
        row = household_by_number(session, text)
        if row is None:
            raise _not_found("户", text)
        return row.id


def posts_member(db: Database, household_id: str, text: str) -> str:
    """The member of the household with this name or resident ID (refused when none or several)."""
    wanted = text.strip()
    with reading(db) as session:
        rows = session.exec(select(Member).where(col(Member.household_id) == household_id, live(Member))).all()
        ids = [m.id for m in rows if wanted in (m.name, m.id_number, m.id)]
    if not ids:
        raise _not_found("家庭成员", wanted)
    if len(ids) > 1:
        raise AssistError("member_ambiguous", f"该户有多名成员叫“{wanted}”，请改用身份证号")
    return ids[0]


def _by_prefix(session: Session, model: type[Post] | type[PostHolder], text: str, what: str) -> str:
    text = text.strip()
    if len(text) < _MIN_PREFIX:
        raise AssistError(
            "id_short", f"{what}编号至少输入前 {_MIN_PREFIX} 位", f"give at least {_MIN_PREFIX} characters"
        )
    ids = session.exec(select(model.id).where(col(model.id).startswith(text), live(model)).limit(2)).all()
    if not ids:
        raise _not_found(what, text)
    if len(ids) > 1:
        raise AssistError("id_ambiguous", f"有多条{what}以“{text}”开头，请多输入几位", "ambiguous id")
    return str(ids[0])


def find_post(db: Database, text: str) -> str:
    with reading(db) as session:
        return _by_prefix(session, Post, text, "岗位")


def find_holder(db: Database, text: str) -> str:
    with reading(db) as session:
        return _by_prefix(session, PostHolder, text, "选聘记录")


@dataclass(frozen=True)
class Person:
    """A member living in a village, as a chooser lists them (no resident ID)."""

    member_id: str
    household_id: str
    number: str
    name: str


def village_people(db: Database, village_id: str) -> list[Person]:
    """The active members of the village's households, by household number."""
    with reading(db) as session:
        rows = session.exec(
            select(Member.id, Household.id, Household.number, Member.name)
            .join(Household, col(Household.id) == col(Member.household_id))
            .where(col(Household.village_id) == village_id, live(Household), live(Member), col(Member.active).is_(True))
            .order_by(col(Household.number), col(Member.sort_order), col(Member.created_at))
        ).all()
    return [Person(*row) for row in rows]
