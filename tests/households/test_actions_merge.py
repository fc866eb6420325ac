"""Household actions on one laptop reach another through the merge engine: tombstones, moves, splits, merges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app.domain.idnumber import make_id
from desktop_app.services.households import actions as ha
from desktop_app.services.households import records as hh
from desktop_app.services.merge.engine import apply_incoming
from desktop_app.storage.models import Area, Household, Member, ProcedureEvent
from tests.merge.helpers import clone, export, make_base


def _cards(db) -> dict[str, tuple]:
    """What the list shows of every household, tombstones included: number, head, size, group, removed."""
    with db.session() as s:
        rows = s.execute(
            select(
                Household.id,
                Household.number,
                Household.head_name,
                Household.size,
                Household.group_id,
                Household.deleted,
            )
        ).all()
        members = s.execute(select(Member.id, Member.household_id, Member.relation, Member.deleted)).all()
    return {"households": {r[0]: tuple(r[1:]) for r in rows}, "members": {m[0]: tuple(m[1:]) for m in members}}


def test_actions_on_a_laptop_merge_into_the_hub(tmp_path: Path) -> None:
    base = make_base(tmp_path / "base.sqlite", households=6, seed=5, creator="base-pc")
    laptop, hub = clone(base, tmp_path / "a.sqlite", "a"), clone(base, tmp_path / "hub.sqlite", "hub")
    with laptop.session() as s:
        stepped = set(s.execute(select(ProcedureEvent.household_id)).scalars())
        households = [h for h in s.execute(select(Household).order_by(Household.number)).scalars()]
        groups = [g.id for g in s.execute(select(Area).where(Area.level == "group")).scalars()]
        movable = [h.id for h in households if ha._open_list(s, h.id) is None]
        village = households[0].village_id
    assert len(movable) >= 4 and stepped  # the demo's households have procedure steps: the hub knows them
    moved, split, keep, other = movable[:4]
    with laptop.transaction() as s:  # a card typed by mistake, removed at once
        form = hh.new_household_form(s, village)
        form.members.append(
            hh.MemberForm(name="测试户", id_number=make_id("532300", date(1980, 1, 1), 9), relation="01")
        )
        removed = hh.save_household(s, form)
    with laptop.transaction() as s:
        ha.remove_card(s, removed, reason="重复录入")
        row = s.get(Household, moved)
        target = next(g for g in groups if g != row.group_id)
        ha.move_household(s, moved, village_id=row.village_id, group_id=target, reason="搬家")
        people = list(
            s.execute(select(Member).where(Member.household_id == split, Member.deleted.is_(False))).scalars()
        )
        leaving = [m for m in people if m.relation != "01"][:1] or people[-1:]
        head_leaves = leaving[0].relation == "01"
        ha.split_household(
            s,
            split,
            member_ids=[leaving[0].id],
            new_head_id=leaving[0].id,
            reason="分家",
            remaining_head_id=next(m.id for m in people if m.id != leaving[0].id) if head_leaves else None,
        )
        ha.merge_into(s, keep, other, reason="实为一户")
    with hub.transaction() as s:
        result = apply_incoming(s, export(laptop), source_label="笔记本A")
    assert not result.conflicts
    mine, theirs = _cards(hub), _cards(laptop)
    for table in ("members", "households"):
        diff = {k: (v, theirs[table].get(k)) for k, v in mine[table].items() if v != theirs[table].get(k)}
        assert not diff, repr(diff)
    with hub.session() as s:
        assert s.get(Household, removed).deleted and s.get(Household, other).deleted
        assert s.get(Household, moved).group_id == target
    with hub.transaction() as s:  # the same export again changes nothing
        again = apply_incoming(s, export(laptop), source_label="笔记本A")
    assert not again.changed
