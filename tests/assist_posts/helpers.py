"""A village with households and members of chosen ages on real SQLite files, for the post and work tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import select

from desktop_app.services.assistance import PostInput, add_post, apply_for_post, post_step
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.models import Area, Member
from tests.procedure.helpers import make_household, make_village

VILLAGE = "532999001001"
OTHER_VILLAGE = "532999001002"
DAY = date(2026, 3, 2)


@dataclass
class Village:
    id: str
    other_id: str
    households: list[str]
    members: dict[str, str]  # name -> member id


def village(db: Any, *, people: int = 3) -> Village:
    """和平村 with three households (0001 张三, 0002 李四 exited, 0003 王五) and a second village (0004 赵六)."""
    with writing(db, "test.setup") as work:
        s = work.session
        vid = make_village(s, VILLAGE)
        town_id = s.exec(select(Area.id).where(Area.code == VILLAGE[:9] + "000")).one()
        other = Area(code=OTHER_VILLAGE, name="团结村", level="village", parent_id=town_id)
        s.add(other)
        s.flush()
        ids = [
            make_household(s, vid, "0001", "张三", size=people, seq=0),
            make_household(s, vid, "0002", "李四", size=people, seq=1, status="3"),
            make_household(s, vid, "0003", "王五", size=people, seq=2),
            make_household(s, other.id, "0004", "赵六", size=people, seq=3),
        ]
        members = {m.name: m.id for m in s.exec(select(Member)).all()}
    return Village(vid, other.id, ids, members)


def set_member(db: Any, member_id: str, **values: Any) -> None:
    with writing(db, "test.setup") as work:
        m = work.session.get(Member, member_id)
        assert m is not None
        for key, value in values.items():
            setattr(m, key, value)
        work.session.add(m)


def post(db: Any, v: Village, **kw: Any) -> str:
    data = {"village_id": v.id, "type": "01", "tier": "3", "monthly_subsidy_fen": 50_000, "places": 2, **kw}
    return add_post(db, PostInput(**data))


def contracted(db: Any, post_id: str, member_id: str, start: date = DAY) -> str:
    """Apply, check, notice and contract (after the 7-day notice); the holder id."""
    holder = apply_for_post(db, post_id, member_id, start)
    post_step(db, holder, "check", start)
    post_step(db, holder, "notice", start)
    post_step(db, holder, "contract", date.fromordinal(start.toordinal() + 7))
    return holder
