"""Every default rule trips on its household and not on its twin; findings say what to fix and never show a
full ID number; the rule year bounds and the county's own rule file work."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.quality import check_database, quality_rules
from tests.quality.helpers import CASES, TODAY, number_of

DEFAULT_IDS = [r.id for r in quality_rules()]


def _by_household(findings: list[Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings:
        out.setdefault(f.household_number, set()).add(f.rule_id)
    return out


@pytest.fixture(scope="module")
def findings(county: tuple[Any, dict[str, str]]) -> list[Any]:
    return check_database(county[0], today=TODAY)


def test_every_shipped_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(DEFAULT_IDS) and len(DEFAULT_IDS) == 18


@pytest.mark.parametrize("rule", sorted(CASES))
def test_the_rule_trips_on_its_household_and_not_on_the_other(rule: str, findings: list[Any]) -> None:
    hits = _by_household(findings)
    assert rule in hits.get(number_of(rule, True), set()), f"{rule} did not trip"
    assert rule not in hits.get(number_of(rule, False), set()), f"{rule} tripped on the passing household"


def test_a_finding_names_the_household_the_field_and_what_to_fix(findings: list[Any]) -> None:
    q15 = next(f for f in findings if f.rule_id == "Q15" and f.household_number == number_of("Q15", True))
    assert q15.village_name == "和平村" and q15.head_name.endswith("甲")
    assert q15.field == "在校生状况" and "核对出生日期" in q15.fix
    assert "21周岁，在校生状况为小学" in q15.message
    assert re.search(r"532999\*{8}\d{3}[\dX]", q15.message)  # the member by masked ID
    q02 = next(f for f in findings if f.rule_id == "Q02")
    assert "未填：有义务教育阶段辍学" in q02.message and "工资性收入" not in q02.message  # the one filled
    q18 = next(f for f in findings if f.rule_id == "Q18")
    assert "务工地点：广东省" in q18.message


def test_no_finding_text_holds_a_full_id_number(findings: list[Any]) -> None:
    text = json.dumps([f.as_json() for f in findings], ensure_ascii=False)
    assert not re.search(r"\d{17}[\dXx]", text)
    assert "****" in text


def test_a_village_filter_and_a_rule_filter(county: tuple[Any, dict[str, str]]) -> None:
    db = county[0]
    assert check_database(db, today=TODAY, village="532999001002") == []
    by_name = check_database(db, today=TODAY, village="和平村", rule_id="Q07")
    assert [f.household_number for f in by_name] == [number_of("Q07", True)]


def test_months_rules_wait_for_their_months(county: tuple[Any, dict[str, str]]) -> None:
    early = {f.rule_id for f in check_database(county[0], today=date(2026, 2, 1))}
    assert "Q04" not in early and "Q14" not in early  # one and six months after 2026-01-10
    assert "Q04" in {f.rule_id for f in check_database(county[0], today=date(2026, 2, 10))}


def _local(data_dir: Path, rows: list[dict[str, Any]]) -> None:
    (data_dir / "quality_rules.local.json").write_text(json.dumps({"rules": rows}, ensure_ascii=False), "utf-8")


def test_year_bounds_and_the_countys_own_rules(county: tuple[Any, dict[str, str]], data_dir: Path) -> None:
    db = county[0]
    _local(
        data_dir,
        [
            {"id": "Q01", "until_year": 2025},
            {"id": "Q06", "from_year": 2027},
            {"id": "Q15", "params": {"bands": {"3": [6, 25]}}},
            {
                "id": "X01",
                "kind": "risk_needs_measure",
                "from_year": 2026,
                "fields": ["健康帮扶"],
                "message": "风险为“因病”，没有健康帮扶措施",
                "fix": "补录健康帮扶措施",
                "params": {"risk": "01", "categories": ["100A45"]},
            },
        ],
    )
    now = {f.rule_id for f in check_database(db, today=TODAY)}
    assert "Q01" not in now and "Q06" not in now and "Q15" not in now and "X01" in now
    before = {f.rule_id for f in check_database(db, today=date(2025, 12, 31))}
    assert "Q01" in before and "X01" not in before
    rules = {r.id: r for r in quality_rules(db)}
    assert rules["Q15"].params["bands"] == {"3": [6, 25]} and rules["Q04"].params["months"] == 1


def test_a_broken_county_rule_file_is_named(data_dir: Path) -> None:
    from desktop_app.services.quality import RuleError

    _local(data_dir, [{"id": "X02", "kind": "no_such_check", "message": "m", "fix": "f", "from_year": 2026}])
    with pytest.raises(RuleError) as raised:
        quality_rules()
    assert "X02" in raised.value.message_zh and "kind" in raised.value.message_zh
