"""Remove, move, split and merge households: what the list, the card and the history show afterwards, and
that nothing is written when an action is refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.idnumber import make_id
from desktop_app.services.households import actions as ha
from desktop_app.services.households import listing as hl
from desktop_app.services.households.history import household_history
from desktop_app.services.households.search import refresh_search_index
from desktop_app.services.procedure import steps as proc
from desktop_app.storage.models import ChangeLog, Household, Member

WANG = [
    ("王大山", make_id("532300", date(1960, 3, 4), 11), "01"),
    ("李秀英", make_id("532300", date(1962, 8, 9), 22), "02"),
    ("王小明", make_id("532300", date(1988, 1, 15), 31), "03"),
    ("赵小芳", make_id("532300", date(1990, 6, 30), 42), "05"),
]
ZHANG = [
    ("张富贵", make_id("532300", date(1950, 2, 2), 51), "01"),
    ("张二", make_id("532300", date(1980, 2, 2), 61), "03"),
]


def _listed(db, **filter_kw) -> list[tuple[str, str, int]]:
    """(number, head, size) of the households the list shows."""
    with db.engine.connect() as conn:
        _total, rows = hl.first_page(conn, hl.HouseholdFilter(**filter_kw), limit=100)
    return [(r.number, r.head_name, r.size) for r in rows]


def _history(db, household_id: str) -> list[str]:
    with db.session() as s:
        return [e.describe() for e in household_history(s, household_id)]


def _search(db, text: str) -> list[str]:
    return [n for n, _h, _s in _listed(db, query=text)]


def _changes(db) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(ChangeLog)).scalar_one())


def test_removing_a_card_made_by_mistake(sqlite_db, add_household) -> None:
    hid = add_household(WANG, group="第1村民小组")
    assert len(_listed(sqlite_db)) == 1
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.remove_card(s, hid, reason="  ")
    assert refused.value.message_zh == "请写明原因（将记入修改记录）"
    with sqlite_db.transaction() as s:
        ha.remove_card(s, hid, reason="重复录入")
    assert _listed(sqlite_db) == [] and _search(sqlite_db, "王大山") == []
    with sqlite_db.session() as s:
        row = s.get(Household, hid)
        assert row.deleted  # a tombstone, not a deleted row
        assert all(m.deleted for m in s.execute(select(Member).where(Member.household_id == hid)).scalars())
    assert "删除户卡：重复录入" in _history(sqlite_db, hid)
    # the number is not given out again, and the same people can be typed in anew
    again = add_household(WANG)
    with sqlite_db.session() as s:
        assert s.get(Household, again).number.endswith("0002")


def test_a_card_with_procedure_history_cannot_be_removed(sqlite_db, add_household) -> None:
    hid = add_household(WANG)
    with sqlite_db.transaction() as s:
        proc.create_application(s, hid, on_date=date(2024, 1, 1), today=date(2024, 1, 1))
    before = _changes(sqlite_db)
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.remove_card(s, hid, reason="重复录入")
    assert "已有 1 条识别程序记录，不能删除户卡" in refused.value.message_zh
    assert "撤回上一步" in refused.value.message_zh
    assert _changes(sqlite_db) == before and len(_listed(sqlite_db)) == 1


def test_moving_to_another_group_and_village(sqlite_db, one_village, add_household) -> None:
    hid = add_household(WANG, group="第1村民小组")
    with sqlite_db.transaction() as s:
        number = ha.move_household(
            s, hid, village_id=one_village["河边村"], group_id=one_village["第3村民小组"], reason="搬到新房"
        )
    assert _listed(sqlite_db, group_id=one_village["第3村民小组"]) == [(number, "王大山", 4)]
    assert _listed(sqlite_db, group_id=one_village["第1村民小组"]) == []
    assert "迁移：搬到新房（由河边村第1村民小组迁至河边村第3村民小组）" in _history(sqlite_db, hid)
    assert "户卡 · 村民小组：第1村民小组 → 第3村民小组" in _history(sqlite_db, hid)
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.move_household(s, hid, village_id=one_village["河边村"], group_id=one_village["第3村民小组"], reason="再迁")
    assert refused.value.message_zh == "王大山（5323001002010001）已在河边村第3村民小组"
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.move_household(s, hid, village_id=one_village["中村乡"], group_id=None, reason="迁乡")
    assert refused.value.message_zh == "请选择要迁入的行政村"


def test_moving_to_another_village_gives_that_villages_number(sqlite_db, one_village, add_household) -> None:
    from desktop_app.services.areas.registry import AreaInput, set_up_work_area

    with sqlite_db.transaction() as s:
        other = set_up_work_area(
            s,
            county=AreaInput("532300000000", "禄丰县"),
            township=AreaInput("532300100000", "中村乡"),
            village=AreaInput("532300100202", "山后村"),
            groups=2,
        )
    hid = add_household(WANG)
    with sqlite_db.transaction() as s:
        number = ha.move_household(s, hid, village_id=other, group_id=None, reason="投亲")
    assert number == "5323001002020001"
    assert _listed(sqlite_db, village_ids=(other,)) == [(number, "王大山", 4)]
    assert _search(sqlite_db, "532300100202") == [number]  # the search index knows the new number
    assert "户卡 · 户编号：5323001002010001 → 5323001002020001" in _history(sqlite_db, hid)


def test_splitting_a_household(sqlite_db, one_village, add_household) -> None:
    hid = add_household(WANG, group="第2村民小组")
    with sqlite_db.session() as s:
        ids = {m.name: m.id for m in s.execute(select(Member).where(Member.household_id == hid)).scalars()}
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.split_household(s, hid, member_ids=list(ids.values()), new_head_id=ids["王小明"], reason="分家")
    assert refused.value.message_zh == "不能把全部成员分出：原户至少要留下一人"
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.split_household(s, hid, member_ids=[ids["王小明"]], new_head_id=ids["王大山"], reason="分家")
    assert refused.value.message_zh == "请在分出的成员中指定新户的户主"
    with sqlite_db.transaction() as s:
        result = ha.split_household(
            s, hid, member_ids=[ids["王小明"], ids["赵小芳"]], new_head_id=ids["王小明"], reason="儿子成家分户"
        )
    assert result.number == "5323001002010002"
    assert sorted(_listed(sqlite_db, group_id=one_village["第2村民小组"])) == [
        ("5323001002010001", "王大山", 2),
        (result.number, "王小明", 2),
    ]
    assert _search(sqlite_db, "赵小芳") == [result.number]
    assert _search(sqlite_db, "王小明") == [result.number]
    assert "分户：儿子成家分户（王小明、赵小芳 分出为新户 5323001002010002，户主王小明）" in _history(sqlite_db, hid)
    assert "分户：儿子成家分户（由王大山（5323001002010001）分出：王小明、赵小芳）" in _history(
        sqlite_db, result.household_id
    )
    with sqlite_db.session() as s:
        new = s.get(Household, result.household_id)
        assert (new.size, new.head_name, new.group_id) == (2, "王小明", one_village["第2村民小组"])
        relations = dict(s.execute(select(Member.name, Member.relation).where(Member.household_id == new.id)).all())
        assert relations == {"王小明": "01", "赵小芳": "05"}  # 儿媳 stays for the team to correct on the card


def test_splitting_off_the_head_needs_a_new_head_for_those_who_stay(sqlite_db, add_household) -> None:
    hid = add_household(WANG)
    with sqlite_db.session() as s:
        ids = {m.name: m.id for m in s.execute(select(Member).where(Member.household_id == hid)).scalars()}
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.split_household(s, hid, member_ids=[ids["王大山"]], new_head_id=ids["王大山"], reason="老人单过")
    assert refused.value.message_zh == "户主分出后，请在留下的成员中指定原户的新户主"
    with sqlite_db.transaction() as s:
        ha.split_household(
            s,
            hid,
            member_ids=[ids["王大山"]],
            new_head_id=ids["王大山"],
            reason="老人单过",
            remaining_head_id=ids["李秀英"],
        )
    assert sorted(_listed(sqlite_db)) == [("5323001002010001", "李秀英", 3), ("5323001002010002", "王大山", 1)]


def test_merging_two_households(sqlite_db, add_household) -> None:
    wang = add_household(WANG)
    zhang = add_household(ZHANG)
    with sqlite_db.transaction() as s:
        ha.merge_into(s, wang, zhang, reason="两户实为一家")
    assert _listed(sqlite_db) == [("5323001002010001", "王大山", 6)]
    assert _search(sqlite_db, "张富贵") == ["5323001002010001"]
    assert "合户：两户实为一家（并入张富贵（5323001002010002）：张富贵、张二）" in _history(sqlite_db, wang)
    assert "合户：两户实为一家（并入王大山（5323001002010001））" in _history(sqlite_db, zhang)
    with sqlite_db.session() as s:
        assert s.get(Household, zhang).deleted
        heads = s.execute(select(Member.name).where(Member.household_id == wang, Member.relation == "01")).all()
        assert heads == [("王大山",)]
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.merge_into(s, wang, zhang, reason="再合")
    assert refused.value.message_zh == "找不到该户（可能已被删除）"


def test_merging_refuses_the_same_person_twice(sqlite_db, add_household) -> None:
    wang = add_household(WANG[:2])
    other = add_household(WANG[2:3] + [("钱多", make_id("532300", date(1970, 1, 1), 71), "01")])
    with sqlite_db.transaction() as s:  # an ID typed on both cards (the card check would refuse it today)
        member = s.execute(select(Member).where(Member.household_id == other, Member.name == "钱多")).scalar_one()
        member.id_number = WANG[1][1]
        refresh_search_index(s, [other])
    before = _changes(sqlite_db)
    with pytest.raises(DomainError) as refused, sqlite_db.transaction() as s:
        ha.merge_into(s, wang, other, reason="合户")
    assert "身份证号码相同的成员（李秀英 / 钱多）" in refused.value.message_zh
    assert _changes(sqlite_db) == before
