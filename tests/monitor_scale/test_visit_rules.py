"""The 八必访 thresholds are county rules: a county's changed value changes who must be visited."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.cli import main
from desktop_app.domain.monitoring_rules import MonitorError
from desktop_app.services import open_database
from desktop_app.services.monitoring import change_monitor_rules, monitor_rules, must_visit
from desktop_app.storage.models import Member
from tests.monitor_help.helpers import add_income, add_line, make_household, make_village

TODAY = date(2025, 11, 1)


def _reasons(db) -> dict[str, tuple[str, ...]]:
    return {v.household_number[-1]: v.reasons for v in must_visit(db, today=TODAY)}


def _county(db) -> None:
    with db.transaction() as s:
        vid = make_village(s)
        add_line(s, 2025, 8000)
        students = make_household(s, vid, "5329990010010002", "学户", seq=2, size=3)
        migrant = make_household(s, vid, "5329990010010003", "工户", seq=3)
        falling = make_household(s, vid, "5329990010010004", "降户", seq=4)
        medical = make_household(s, vid, "5329990010010005", "医户", seq=5)
        children = [m for m in s.query(Member).filter(Member.household_id == students).order_by(Member.sort_order)]
        for child in children[1:]:
            child.school_status, child.birth_date = "8", date(2006, 5, 1)  # university, 19 years old
        add_income(s, migrant, 2025, 12000, wage_fen=2_700_000)  # 27,000 of 36,000 from wages: 75 %
        add_income(s, falling, 2024, 20000)
        add_income(s, falling, 2025, 15000)  # fell by 25 %
        add_income(s, medical, 2025, 20000, medical_expense_fen=1_500_000)  # 15,000 of 60,000: 25 %


def test_a_countys_visit_thresholds_change_the_list(db) -> None:
    _county(db)
    assert _reasons(db) == {"2": ("students",), "3": ("migrant_wages",)}  # the shipped thresholds
    change_monitor_rules(db, {"visit_fall_share": "0.25", "visit_expense_share": "0.25"})
    assert _reasons(db) == {"2": ("students",), "3": ("migrant_wages",), "4": ("income_fall",), "5": ("shock",)}
    change_monitor_rules(db, {"visit_wage_share": "0.8", "visit_school_age": "20"})
    assert _reasons(db) == {"4": ("income_fall",), "5": ("shock",)}
    change_monitor_rules(db, {"visit_school_age": "18", "visit_students": "3"})  # two students are not enough
    assert "2" not in _reasons(db)
    change_monitor_rules(db, {"visit_students": "2"})
    assert _reasons(db)["2"] == ("students",)
    rules = monitor_rules(db)
    assert (rules.visit_fall_share, rules.visit_wage_share, rules.visit_school_age) == (
        Decimal("0.25"),
        Decimal("0.8"),
        18,
    )


def test_a_bad_visit_threshold_is_refused_in_chinese_and_nothing_changes(db) -> None:
    _county(db)
    before = monitor_rules(db)
    with pytest.raises(MonitorError, match="八必访：务工收入占总收入比例"):
        change_monitor_rules(db, {"visit_wage_share": "1.5", "visit_fall_share": "0.1"})
    with pytest.raises(MonitorError, match="八必访：非义务教育在读子女人数"):
        change_monitor_rules(db, {"visit_students": "0"})
    with pytest.raises(MonitorError, match="八必访：人均收入下降比例"):
        change_monitor_rules(db, {"visit_fall_share": "三成"})
    assert monitor_rules(db) == before
    assert _reasons(db) == {"2": ("students",), "3": ("migrant_wages",)}


def test_cli_rules_set_a_visit_threshold_and_the_warnings_follow(tmp_path, capsys) -> None:
    path = tmp_path / "v.sqlite"
    db = open_database(path, operator="王队长", device_id="t")
    _county(db)
    db.close()
    base = ["--db", str(path), "--operator", "王队长", "monitor"]
    warnings = [*base, "warnings", "--today", "2025-11-01", "--year", "2025", "--json"]

    def visits() -> dict[str, list[str]]:
        assert main(warnings) == 1  # something to report
        return {v["household"][-1]: v["reasons"] for v in json.loads(capsys.readouterr().out)["must_visit"]}

    assert visits() == {"2": ["students"], "3": ["migrant_wages"]}
    assert main([*base, "rules", "--set", "visit_wage_share=0.8"]) == 0
    assert "八必访：务工收入占总收入比例（visit_wage_share）：0.8" in capsys.readouterr().out
    assert visits() == {"2": ["students"]}
    assert main([*base, "rules", "--set", "visit_school_age=十六"]) == 2
    assert "八必访：非义务教育在读年龄（周岁）" in capsys.readouterr().err
    assert visits() == {"2": ["students"]}
