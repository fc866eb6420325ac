"""Cadres roster, pairing and re-pairing, implicit pairings of old cards, limits and refusals on real SQLite files."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.assistance import AssistError
from desktop_app.services.assistance import (
    CadreInput,
    cadre_list,
    coverage_check,
    end_pairing,
    household_pairings,
    pair,
    pairing_rules,
    save_pairing_rules,
    update_cadre,
)
from desktop_app.storage.models import Household
from desktop_app.storage.models_assist import Pairing
from desktop_app.storage.models_monitoring import MonitoringCase
from tests.assist_pairing.helpers import add_case, cadre, county, make_household

JAN = date(2025, 1, 1)


def _card_cadre(db, hid: str) -> str | None:
    with db.read() as s:
        return s.get(Household, hid).cadre_id


def _pairing_count(db) -> int:
    with db.read() as s:
        return len(s.query(Pairing).all())


def test_re_pairing_ends_the_old_pairing_the_day_before_and_keeps_it(tmp_path) -> None:
    db, _vid, (h1, *_rest) = county(tmp_path / "c.sqlite")
    zhang, li = cadre(db, "张三", "1"), cadre(db, "李四", "3")
    pair(db, h1, zhang, started_on=date(2024, 3, 1))
    assert _card_cadre(db, h1) == zhang  # the card's 帮扶责任人 tab shows the pairing
    pair(db, "5329990010010001", li, started_on=JAN, note="工作调整")  # by household number
    rows = household_pairings(db, h1, on=date(2025, 2, 1))
    assert [(r.cadre, r.started_on, r.ended_on, r.current, r.end_reason) for r in rows] == [
        ("李四", JAN, None, True, ""),
        ("张三", date(2024, 3, 1), date(2024, 12, 31), False, "重新结对"),
    ]
    assert _card_cadre(db, h1) == li
    assert coverage_check(db, on=date(2024, 6, 1)).over_limit == []
    with pytest.raises(AssistError, match="新结对的开始日期须晚于"):
        pair(db, h1, zhang, started_on=JAN)
    with pytest.raises(AssistError, match="李四已是本户的帮扶责任人"):
        pair(db, h1, li, started_on=date(2025, 5, 1))
    db.close()


def test_a_card_with_a_cadre_and_no_pairing_row_counts_as_paired_and_is_written_down_on_re_pairing(tmp_path) -> None:
    db, _vid, (h1, h2, _h3) = county(tmp_path / "c.sqlite")
    old, new = cadre(db, "王五"), cadre(db, "赵六")
    with db.transaction() as s:
        s.get(Household, h1).cadre_id = old
    found = coverage_check(db, on=JAN)
    assert [(r.number, r.reason) for r in found.uncovered] == [("5329990010010002", "无帮扶责任人")]
    (implicit,) = household_pairings(db, h1)
    assert (implicit.id, implicit.cadre, implicit.current, implicit.started_on) == (f"card:{h1}", "王五", True, None)
    pair(db, h1, new, started_on=JAN)
    rows = household_pairings(db, h1, on=JAN)
    assert [(r.cadre, r.started_on, r.ended_on, r.current) for r in rows] == [
        ("赵六", JAN, None, True),
        ("王五", None, date(2024, 12, 31), False),
    ]
    with db.transaction() as s:
        s.get(Household, h2).cadre_id = old
    end_pairing(db, f"card:{h2}", date(2025, 3, 1), "干部退休")
    assert _card_cadre(db, h2) is None
    assert [(r.ended_on, r.end_reason) for r in household_pairings(db, h2)] == [(date(2025, 3, 1), "干部退休")]
    db.close()


def test_ending_a_pairing_leaves_the_household_uncovered_and_needs_a_reason(tmp_path) -> None:
    db, _vid, (h1, h2, _h3) = county(tmp_path / "c.sqlite")
    c = cadre(db, "张三", "2")
    pid = pair(db, h1, c, started_on=JAN)
    pair(db, h2, c, started_on=JAN)
    with pytest.raises(AssistError, match="请填写结束结对的原因"):
        end_pairing(db, pid, date(2025, 6, 30), " ")
    with pytest.raises(AssistError, match="不能早于开始日期"):
        end_pairing(db, pid, date(2024, 6, 30), "调离")
    end_pairing(db, pid, date(2025, 6, 30), "调离")
    assert _card_cadre(db, h1) is None
    assert coverage_check(db, on=date(2025, 6, 30)).uncovered == []  # still paired on its last day
    assert [r.number for r in coverage_check(db, on=date(2025, 7, 1)).uncovered] == ["5329990010010001"]
    with pytest.raises(AssistError, match="该结对已于 2025-06-30 结束"):
        end_pairing(db, pid, date(2025, 7, 1), "再次")
    db.close()


def test_a_cadre_whose_service_ended_cannot_be_paired_and_the_refusal_names_the_rule(tmp_path) -> None:
    db, _vid, (h1, *_rest) = county(tmp_path / "c.sqlite")
    gone = cadre(db, "钱七", ended_on=date(2024, 12, 31))
    before = _pairing_count(db)
    with pytest.raises(AssistError) as refused:
        pair(db, h1, gone, started_on=JAN)
    assert refused.value.rule == "pairing_rules.pair_only_active_cadres"
    assert "规则 pairing_rules.pair_only_active_cadres" in str(refused.value)
    assert "2024-12-31 结束" in str(refused.value)
    assert _pairing_count(db) == before and _card_cadre(db, h1) is None
    save_pairing_rules(db, {"pair_only_active_cadres": False})
    pair(db, h1, gone, started_on=JAN)  # the county turned the rule off; the check still ignores a cadre gone
    assert [r.reason for r in coverage_check(db, on=JAN).uncovered] == ["无帮扶责任人", "无帮扶责任人"]
    db.close()


def test_cadres_over_their_ranks_limit_are_listed_and_refused_when_the_county_says_so(tmp_path) -> None:
    db, vid, hids = county(tmp_path / "c.sqlite", stages=("registered",) * 6)
    leader, deputy, staff, team = (
        cadre(db, "县领导", "1"),
        cadre(db, "科长", "2"),
        cadre(db, "科员", "3"),
        cadre(db, "队员", "4"),
    )
    for hid in hids[:4]:
        pair(db, hid, leader, started_on=JAN)
    pair(db, hids[4], deputy, started_on=JAN, role="contact")
    pair(db, hids[5], deputy, started_on=JAN)
    pair(db, hids[0], staff, started_on=JAN, role="2")
    pair(db, hids[1], team, started_on=JAN, role="监测联系人")
    found = coverage_check(db, vid, on=JAN)
    assert [(r.cadre, r.rank, r.households, r.limit) for r in found.over_limit] == [("县领导", "县处级领导", 4, 3)]
    assert [(r.number, r.reason) for r in found.uncovered] == [("5329990010010005", "无帮扶责任人")]  # a contact only
    assert found.must_cover == 6
    roster = {r.name: (r.households, r.limit, r.over_limit) for r in cadre_list(db, on=JAN)}
    assert roster == {"县领导": (4, 3, True), "科长": (2, 2, False), "科员": (1, 1, False), "队员": (1, 5, False)}
    save_pairing_rules(db, {"refuse_over_limit": True})
    with pytest.raises(AssistError) as refused:
        pair(db, hids[2], staff, started_on=JAN)
    assert refused.value.rule == "pairing_rules.limits.3"
    assert "超过结对上限：一般干部最多帮扶 1 户" in str(refused.value)
    update_cadre(db, staff, CadreInput(name="科员", rank="4", unit="县农业农村局"))  # promoted to the work team
    pair(db, hids[2], staff, started_on=date(2025, 2, 1))
    assert coverage_check(db, on=date(2025, 2, 1)).over_limit == []  # the leader is down to 3
    db.close()


def test_monitored_households_need_a_contact_the_case_name_or_a_role_2_pairing(tmp_path) -> None:
    db, vid, (h1, h2, h3) = county(tmp_path / "c.sqlite", stages=("applied", "applied", "exited"))
    with db.transaction() as s:
        for hid, name in ((h1, ""), (h2, "村联络员"), (h3, "")):
            case = add_case(s, hid, found=date(2024, 5, 1), included=date(2024, 6, 1))
            s.get(MonitoringCase, case).contact_name = name
    c = cadre(db, "孙八", "5")
    pair(db, h3, c, started_on=JAN)
    found = coverage_check(db, vid, on=JAN)
    assert [(r.number, r.reason) for r in found.uncovered] == [
        ("5329990010010001", "监测户无监测联系人"),
        ("5329990010010003", "监测户无监测联系人"),
    ]
    pair(db, h1, c, started_on=JAN, role="2")
    save_pairing_rules(db, {"contact_from_case": False})
    assert [r.number for r in coverage_check(db, vid, on=JAN).uncovered] == ["5329990010010002", "5329990010010003"]
    save_pairing_rules(db, {"cover_monitored": False})
    assert coverage_check(db, vid, on=JAN).uncovered == []
    db.close()


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"visits_per_year": -1}, "pairing_rules.visits_per_year"),
        ({"limits": {"7": 3}}, "pairing_rules.limits"),
        ({"limits": {"1": "三"}}, "pairing_rules.limits.1"),
        ({"cover_stages": ["registered", "paid"]}, "pairing_rules.cover_stages"),
        ({"refuse_over_limit": "yes"}, "pairing_rules.refuse_over_limit"),
    ],
)
def test_a_bad_rule_value_is_refused_naming_its_key_and_nothing_is_saved(tmp_path, changes, key) -> None:
    db, _vid, _hids = county(tmp_path / "c.sqlite")
    with pytest.raises(AssistError) as refused:
        save_pairing_rules(db, changes)
    assert refused.value.rule == key and key in str(refused.value)
    assert pairing_rules(db)["visits_per_year"] == 4 and pairing_rules(db)["limits"]["1"] == 3
    db.close()


def test_roster_refuses_a_cadre_without_a_name_or_with_an_unknown_rank(tmp_path) -> None:
    db, _vid, _hids = county(tmp_path / "c.sqlite")
    with pytest.raises(AssistError, match="请填写帮扶干部姓名"):
        cadre(db, " ")
    with pytest.raises(AssistError, match="帮扶干部职级无效：处长"):
        cadre(db, "周九", "处长")
    with pytest.raises(AssistError, match="结束日期"):
        cadre(db, "周九", started_on=date(2025, 1, 1), ended_on=date(2024, 1, 1))
    cadre(db, "周九", "驻村工作队员", sex="女")  # labels are accepted and stored as codes
    (row,) = cadre_list(db)
    assert (row.rank, row.rank_label, row.sex, row.sex_label, row.limit) == ("4", "驻村工作队员", "2", "女", 5)
    db.close()


def test_a_household_of_another_village_is_not_in_the_villages_check(tmp_path) -> None:
    db, vid, (h1, *_r) = county(tmp_path / "c.sqlite", stages=("registered",))
    with db.transaction() as s:
        from desktop_app.storage.models import Area

        town = s.get(Area, vid).parent_id
        other = Area(code="532999001002", name="团结村", level="village", parent_id=town)
        s.add(other)
        s.flush()
        make_household(s, other.id, "5329990010020001", "外村户", seq=9, stage="registered")
    assert [r.village for r in coverage_check(db, on=JAN).uncovered] == ["和平村", "团结村"]
    assert [r.head_name for r in coverage_check(db, vid, on=JAN).uncovered] == ["户主1"]
    db.close()
