"""The search index: names, pinyin initials, full pinyin, IDs and numbers are found by substring."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.services.demo.households import generate_demo
from desktop_app.services.households.search import name_keys, normalize_query, refresh_search_index, search_terms
from desktop_app.storage.models import Area, Household, Member


def test_name_keys_give_initials_and_full_pinyin():
    assert name_keys("张三丰")[:3] == ("张三丰", "zsf", "zhangsanfeng")
    assert {"zgf", "zengguofan"} <= set(name_keys("曾国藩"))  # surname reading, not only the common one
    assert {"lvhai", "luhai"} <= set(name_keys("吕海"))  # ü typed as v or u


def test_query_is_normalised():
    assert normalize_query("  ＺＳＦ  ") == "zsf"
    assert normalize_query("５３２９９９") == "532999"
    assert search_terms("张三  ５３２９") == ["张三", "5329"]


def _household(session, number: str, head: str, members: list[tuple[str, str | None]]) -> str:
    village = session.scalars(select(Area).where(Area.code == "530000000001")).first()
    if village is None:
        village = Area(code="530000000001", name="测试村", level="village")
        session.add(village)
        session.flush()
    household = Household(village_id=village.id, number=number, head_name=head)
    session.add(household)
    session.flush()
    for index, (name, id_number) in enumerate(members):
        session.add(Member(household_id=household.id, name=name, id_number=id_number, sort_order=index))
    session.flush()
    return household.id


def test_refresh_writes_names_pinyin_ids_and_number(db):
    with db.transaction() as session:
        hid = _household(session, "0001", "张三丰", [("张三丰", "11010519491231002X"), ("李四", None)])
        other = _household(session, "0002", "王五", [("王五", None)])
        assert refresh_search_index(session, [hid]) == 1
    with db.session() as session:
        text = session.get(Household, hid).search_text
        assert session.get(Household, other).search_text == ""  # only the households asked for
    for token in ("0001", "张三丰", "zsf", "zhangsanfeng", "11010519491231002x", "李四", "ls", "lisi"):
        assert token in text.split(" ")
    with db.transaction() as session:
        assert refresh_search_index(session) == 1  # None = all; unchanged rows are not rewritten
        assert refresh_search_index(session) == 0


def test_demo_households_are_indexed(sqlite_db):
    with sqlite_db.transaction() as session:
        generate_demo(session, households=30, villages=2)
    with sqlite_db.session() as session:
        texts = session.execute(select(Household.head_name, Household.number, Household.search_text)).all()
    assert len(texts) == 30
    for head, number, text in texts:
        assert text.startswith(number + " " + head + " ")
