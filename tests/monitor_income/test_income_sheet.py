"""The yearly income worksheet: totals, validation, members of that year, the card in step, migration 0008."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income_sheet import Entry, LineDef, check_entries, income_period, line_defs, totals
from desktop_app.services import open_database
from desktop_app.services.households import load_card
from desktop_app.services.monitoring import (
    IncomeSheetInvalid,
    change_monitor_rules,
    income_for,
    income_sheet,
    income_years,
    save_income_sheet,
)
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import make_engine, to_url, upgrade
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_monitoring import IncomeRecord
from tests.monitor_income.helpers import village_with
from tests.procedure.helpers import make_household


def test_the_shipped_lines_cover_the_five_national_groups() -> None:
    lines, extras = line_defs(catalog.income_lines())
    assert {d.group for d in lines} == {"A", "B", "C", "D", "E"}
    assert "wage_post_village" in {d.key for d in lines}
    assert [d.key for d in extras] == ["insurance_claim", "out_of_pocket", "medical_expense", "disaster_loss"]


def test_net_is_a_plus_b_plus_c_plus_d_minus_e_per_capita_over_the_members() -> None:
    lines, _ = line_defs(catalog.income_lines())
    entries = {
        "wage_work": Entry(2_400_000),
        "wage_post_village": Entry(600_000),
        "business_crops": Entry(500_000),
        "property_land_rent": Entry(100_000),
        "transfer_pension": Entry(200_000),
        "costs_crops": Entry(300_000),
        "out_of_pocket": Entry(150_000),
    }
    t = totals(lines, entries, 4)
    assert t.groups == {"A": 3_000_000, "B": 500_000, "C": 100_000, "D": 200_000, "E": 300_000}
    assert (t.gross_fen, t.net_fen, t.per_capita_fen) == (3_800_000, 3_500_000, 875_000)
    assert t.extras["out_of_pocket"] == 150_000
    assert totals(lines, entries, 0).per_capita_fen is None


def test_every_problem_is_named_at_once() -> None:
    defs = (LineDef("a", "A", "务工", "work"), LineDef("b", "B", "种植", "crops"), LineDef("s", "B", "其他", "x", True))
    entries, problems = check_entries(
        defs, {"a": {"yuan": "-5"}, "b": {"yuan": "12元5角", "note": ""}, "s": {"yuan": "-3"}, "zz": 1}
    )
    texts = " ".join(p.zh for p in problems)
    assert "未知的收入项目“zz”" in texts and "“务工”的金额不能为负数" in texts and "“种植”的金额无效" in texts
    assert entries["s"].fen == -300  # a signed line may be negative
    _, problems = check_entries(defs, {"a": {"yuan": "1", "note": "长" * 201}})
    assert [p.zh for p in problems] == ["“务工”的说明最多 200 字"]


def test_the_two_income_windows() -> None:
    assert income_period("collection", 2024) == (date(2023, 10, 1), date(2024, 9, 30))
    assert income_period("months12", 2024, applied_on=date(2024, 5, 10)) == (date(2023, 5, 10), date(2024, 5, 9))
    assert income_period("months12", 2024) == (date(2024, 1, 1), date(2024, 12, 31))
    assert income_period("calendar", 2024) == (date(2024, 1, 1), date(2024, 12, 31))
    with pytest.raises(DomainError, match="收入统计期"):
        income_period("weekly", 2024)


def test_save_and_reopen_a_worksheet_counting_the_members_of_that_window(db) -> None:
    _, (hid,) = village_with(db, ("001", "张三", 5000, 3))
    with writing(db, "test.setup") as work:  # a baby born in 2024-11: after the 2024 collection window
        work.session.add(Member(household_id=hid, name="张小宝", relation="03", joined_on=date(2024, 11, 2)))
    values = {
        "wage_work": {"yuan": "24000", "note": "在昆明务工 10 个月"},
        "business_livestock": "3000",
        "costs_livestock": {"yuan": "1200", "note": "饲料"},
        "out_of_pocket": "800",
        "insurance_claim": 500,
    }
    sheet = save_income_sheet(db, hid, 2024, values)
    assert sheet.saved and sheet.window == "collection"
    assert (sheet.period_start, sheet.period_end) == (date(2023, 10, 1), date(2024, 9, 30))
    assert [m.name for m in sheet.members] == ["张三", "张家1", "张家2"]
    assert (sheet.totals.net_fen, sheet.totals.per_capita_fen) == (2_580_000, 860_000)
    again = income_sheet(db, hid, 2024)
    line = {ln.key: ln for ln in again.lines}
    assert (line["wage_work"].fen, line["wage_work"].note) == (2_400_000, "在昆明务工 10 个月")
    assert {e.key: e.fen for e in again.extras}["out_of_pocket"] == 80_000
    assert {e.key: e.fen for e in again.extras}["insurance_claim"] == 500
    with reading(db) as s:
        row = income_for(s, hid, 2024)
    assert row.size == 3 and row.per_capita_fen == 860_000 and row.out_of_pocket_fen == 80_000
    assert income_years(db, hid) == [2024]
    # a new year counts the baby; an explicit member list wins
    assert len(income_sheet(db, hid, 2025).members) == 4
    two = [m.id for m in again.members[:2]]
    assert save_income_sheet(db, hid, 2025, {"wage_work": "1000"}, members=two).totals.per_capita_fen == 50_000


def test_a_bad_amount_saves_nothing(db) -> None:
    _, (hid,) = village_with(db, ("001", "张三", 5000, 3))
    with pytest.raises(IncomeSheetInvalid, match="“务工收入（外出及本地务工）”的金额无效"):
        save_income_sheet(db, hid, 2024, {"wage_work": "两万", "business_crops": "100"})
    with pytest.raises(IncomeSheetInvalid, match="不能为负数"):
        save_income_sheet(db, hid, 2024, {"costs_crops": "-100"})
    with pytest.raises(IncomeSheetInvalid, match="至少要计入一名"):
        save_income_sheet(db, hid, 2024, {"wage_work": "100"}, members=[])
    assert income_years(db, hid) == []


def test_the_card_follows_the_record_of_its_income_year(db) -> None:
    _, (hid,) = village_with(db, ("001", "张三", 5000, 3))
    save_income_sheet(db, hid, 2019, {"wage_work": "9000", "transfer_subsistence": "3000", "costs_other": "600"})
    card = load_card(db, hid)
    assert (card.income_wage_fen, card.income_transfer_fen, card.production_costs_fen) == (900_000, 300_000, 60_000)
    with reading(db) as s:
        assert s.get(Household, hid).per_capita_income_fen == 380_000
    save_income_sheet(db, hid, 2024, {"wage_work": "99000"})  # another year: the card keeps 2019
    assert load_card(db, hid).income_wage_fen == 900_000


def test_the_window_is_the_county_setting(db) -> None:
    _, (hid,) = village_with(db, ("001", "张三", 5000, 3))
    change_monitor_rules(db, {"income_window": "months12"})
    sheet = income_sheet(db, hid, 2024)
    assert sheet.window == "months12" and sheet.period_end == date(2024, 12, 31)


def _village_of_0007(session: Session) -> str:
    """A county, township and village written with the columns ``area`` had at revision 0007 (the ORM model
    has columns added since)."""
    ids = ("a-county", "a-town", "a-village")
    rows = (("532999000000", "示范县", "county", None), ("532999001000", "右所镇", "township", ids[0]))
    rows += (("532999001001", "和平村", "village", ids[1]),)
    for area_id, (code, name, level, parent) in zip(ids, rows, strict=True):
        session.execute(
            text(
                "INSERT INTO area (id, created_at, updated_at, version, device_id, deleted, code, name, level,"
                " parent_id) VALUES (:id, '2020-01-01 00:00:00', '2020-01-01 00:00:00', 1, 't', 0, :code, :name,"
                " :level, :parent)"
            ),
            {"id": area_id, "code": code, "name": name, "level": level, "parent": parent},
        )
    return ids[2]


def test_migration_0008_turns_each_cards_income_into_its_first_record(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(to_url(path))
    upgrade(engine, "0007")
    with Session(engine) as s:
        vid = _village_of_0007(s)
        a = make_household(s, vid, "5329990010010001", "李老汉", per_capita_yuan=2500, size=3)
        b = make_household(s, vid, "5329990010010002", "王大妈", per_capita_yuan=4000, size=2, seq=1)
        s.commit()
    engine.dispose()
    db = open_database(path, operator="测试员", device_id="t")
    try:
        with reading(db) as s:
            records = {r.household_id: r for r in s.exec(select(IncomeRecord)).all()}
            assert set(records) == {a, b}
            assert (records[a].year, records[a].size, records[a].per_capita_fen) == (2019, 3, 250_000)
            assert records[a].wage_fen == 750_000 and records[a].net_fen == 750_000
            members_a = {m.id for m in s.exec(select(Member).where(Member.household_id == a)).all()}
            assert set(records[a].member_ids) == members_a
            assert (records[b].size, records[b].per_capita_fen) == (2, 400_000)
        sheet = income_sheet(db, a, 2019)
        assert sheet.saved and sheet.totals.per_capita_fen == 250_000 and sheet.totals.groups["A"] == 750_000
    finally:
        db.close()
