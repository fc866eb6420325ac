"""Months worked in a post and months of migrant work: their checks, and the roll-up into the household's wage
lines of the year (the income worksheet the card shows), which never overwrites a line a person typed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop_app.domain.assistance import AssistError, work_month_id
from desktop_app.domain.errors import DomainError
from desktop_app.services.assistance import (
    WorkEntry,
    WorkMonthInvalid,
    household_work,
    post_months,
    posts_check,
    record_post_month,
    save_work_months,
    work_grid,
)
from desktop_app.services.households import load_card
from desktop_app.services.monitoring import income_sheet, save_income_sheet
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.models_assist import WorkMonth
from tests.assist_posts.helpers import contracted, post, set_member, village


def _line(db: Any, household_id: str, year: int, key: str) -> tuple[int, str]:
    sheet = income_sheet(db, household_id, year)
    found = next(line for line in sheet.lines if line.key == key)
    return found.fen, found.note


def test_a_months_subsidy_is_checked_against_the_post(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    holder = contracted(sqlite_db, post(sqlite_db, v), v.members["王家1"])
    with pytest.raises(AssistError) as caught:
        record_post_month(sqlite_db, holder, 202604, 22, True, "2", 50_001)
    assert caught.value.rule == "post_rules.subsidy_cap"
    with pytest.raises(AssistError, match="出勤天数"):
        record_post_month(sqlite_db, holder, 202604, 31, True, "2", 50_000)  # April has 30 days
    with pytest.raises(AssistError, match="签约到离岗"):
        record_post_month(sqlite_db, holder, 202602, 20, True, "2", 50_000)  # before the contract
    assert post_months(sqlite_db, holder) == []


def test_post_subsidies_roll_into_the_wage_line_of_the_posts_tier(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    village_post, township_post = post(sqlite_db, v, tier="3"), post(sqlite_db, v, type="02", tier="2")
    a = contracted(sqlite_db, village_post, v.members["王家1"])
    b = contracted(sqlite_db, township_post, v.members["王家2"])
    record_post_month(sqlite_db, a, 202604, 22, True, "2", 50_000)
    record_post_month(sqlite_db, a, 202605, 20, True, "1", 45_000)
    record_post_month(sqlite_db, a, 202605, 21, True, "1", 48_000)  # the same month again replaces it
    record_post_month(sqlite_db, b, 202604, 18, False, "3", 30_000)
    hid = v.households[2]
    assert _line(sqlite_db, hid, 2026, "wage_post_village") == (98_000, "由公益岗位台账汇总：980.00 元")
    assert _line(sqlite_db, hid, 2026, "wage_post_township")[0] == 30_000
    assert _line(sqlite_db, hid, 2026, "wage_post_department")[0] == 0
    sheet = income_sheet(sqlite_db, hid, 2026)
    assert sheet.saved and sheet.totals.groups["A"] == 128_000
    assert [m.assessment_label for m in post_months(sqlite_db, a)] == ["合格", "优秀"]


def test_work_wages_roll_into_the_work_line_and_the_card_follows(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    hid = v.households[0]
    card_year = load_card(sqlite_db, hid).income_year
    assert card_year == 2019
    entries = [
        WorkEntry(
            v.members["张家1"], True, date(2019, 3, 1), date(2019, 3, 31), "昆明市", "3", "03", "某建筑公司", 420_000
        ),
        WorkEntry(v.members["张家2"], True, None, None, "本县", "4", "01", "", 150_000, 20_000),
        WorkEntry(v.members["张三"], False),
    ]
    assert save_work_months(sqlite_db, 201903, entries) == 3
    assert _line(sqlite_db, hid, 2019, "wage_work") == (570_000, "由务工月监测汇总：5700.00 元")
    # the card's income year is 2019: its wage column follows the record (transport subsidies are not wages)
    assert load_card(sqlite_db, hid).income_wage_fen == 570_000


def test_a_line_a_person_typed_is_not_overwritten(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    hid = v.households[0]
    save_income_sheet(
        sqlite_db, hid, 2026, {"wage_work": {"yuan": "12000", "note": "户主自报"}, "business_crops": "3000"}
    )
    save_work_months(sqlite_db, 202604, [WorkEntry(v.members["张家1"], True, wage_fen=400_000)])
    assert _line(sqlite_db, hid, 2026, "wage_work") == (1_200_000, "户主自报")
    assert _line(sqlite_db, hid, 2026, "business_crops")[0] == 300_000
    # an empty line is the ledger's; a line the ledger wrote follows the ledger
    save_income_sheet(sqlite_db, hid, 2026, {"business_crops": "3000"})
    save_work_months(sqlite_db, 202605, [WorkEntry(v.members["张家1"], True, wage_fen=100_000)])
    assert _line(sqlite_db, hid, 2026, "wage_work")[0] == 500_000
    save_work_months(sqlite_db, 202605, [WorkEntry(v.members["张家1"], False)])
    assert _line(sqlite_db, hid, 2026, "wage_work") == (400_000, "由务工月监测汇总：4000.00 元")
    assert _line(sqlite_db, hid, 2026, "business_crops")[0] == 300_000


def test_a_bad_cell_saves_nothing_and_names_the_member(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    good = WorkEntry(v.members["张家1"], True, wage_fen=400_000, channel="3")
    bad_day = WorkEntry(v.members["张家2"], True, date(2026, 5, 1), None, channel="3")
    bad_code = WorkEntry(v.members["王家1"], True, channel="7")
    idle_paid = WorkEntry(v.members["王家2"], False, wage_fen=100)
    with pytest.raises(WorkMonthInvalid) as caught:
        save_work_months(sqlite_db, 202604, [good, bad_day, bad_code, idle_paid, WorkEntry("nobody", False)])
    text = caught.value.message_zh
    assert "张家2：开始日期 2026-05-01 不在 2026-04 月内" in text
    assert "王家1：务工渠道代码无效：7" in text
    assert "王家2：标为未务工却填了工资或日期" in text
    assert "找不到这位家庭成员" in text
    assert household_work(sqlite_db, v.households[0], 2026) == []
    with pytest.raises(DomainError, match="月份无效"):
        save_work_months(sqlite_db, 202613, [good])


def test_the_grid_lists_working_age_members_and_saving_is_deterministic(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    set_member(sqlite_db, v.members["张家2"], birth_date=date(2015, 6, 1))  # a child: not on the grid
    rows = work_grid(sqlite_db, v.id, 202604)
    names = [r.name for r in rows]
    assert names == ["张三", "张家1", "李四", "李家1", "李家2", "王五", "王家1", "王家2"]  # 赵六 is of another village
    entry = WorkEntry(v.members["张家2"], True, channel="2", industry="02", employer="帮扶车间", wage_fen=80_000)
    assert save_work_months(sqlite_db, 202604, [entry]) == 1
    assert save_work_months(sqlite_db, 202604, [entry]) == 0  # nothing changed: nothing written
    with reading(sqlite_db) as session:
        row = session.get(WorkMonth, work_month_id(v.members["张家2"], 202604))
        assert row is not None and row.version == 1
    shown = {r.name: r for r in work_grid(sqlite_db, v.id, 202604)}
    assert shown["张家2"].saved and shown["张家2"].channel_label == "帮扶车间"
    assert shown["张家2"].industry_label == "制造业"
    assert [r.month for r in household_work(sqlite_db, v.households[0], 2026)] == [202604]


def test_the_check_lists_holders_who_break_a_rule_now(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    first, second = post(sqlite_db, v), post(sqlite_db, v, type="03", funding="2")
    contracted(sqlite_db, first, v.members["李家1"])
    contracted(sqlite_db, second, v.members["李家2"])
    contracted(sqlite_db, first, v.members["王家1"], start=date(2026, 3, 2))
    assert posts_check(sqlite_db, v.id, on=date(2026, 4, 1)) == []
    set_member(sqlite_db, v.members["王五"], is_public_official=True)  # now a cadre's family
    set_member(sqlite_db, v.members["李家2"], active=False)  # moved away
    found = {(f.person, f.rule) for f in posts_check(sqlite_db, v.id, on=date(2026, 4, 1))}
    assert found == {("王家1", "post_rules.cadre_family"), ("李家2", "post_rules.registered")}
    # 李家1 (born 1971) turns 61 in 2032: still allowed as an ordinary worker, 66 in 2037 is not
    later = {(f.person, f.rule) for f in posts_check(sqlite_db, v.id, on=date(2037, 6, 1))}
    assert ("李家1", "post_rules.age") in later
    assert posts_check(sqlite_db, v.other_id, on=date(2026, 4, 1)) == []
