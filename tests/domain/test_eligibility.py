from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.eligibility import (
    GUARANTEES,
    Checklist,
    HouseholdFacts,
    MemberFacts,
    PovertyLine,
    assess,
    find_line,
)
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income

LINES = [
    PovertyLine(2016, "", "1", 295_200),
    PovertyLine(2017, "", "1", 333_500),
    PovertyLine(2016, "53", "2", 320_000),  # a province line for Yunnan
    PovertyLine(2016, "5329", "2", 330_000),  # a prefecture entry under the provincial standard
    PovertyLine(2016, "532931", "3", 340_000),
]
ALL_MET = dict.fromkeys(GUARANTEES, True)

EXCLUSION = Checklist.from_dict(
    {
        "id": "five_not",
        "zh": "五不录",
        "en": "Five not recorded",
        "kind": "exclusion",
        "items": [
            {"code": "motor_vehicle", "zh": "家庭拥有机动车", "en": "owns a motor vehicle"},
            {
                "code": "public_official",
                "zh": "有公职人员",
                "en": "public official",
                "derive": "member_public_official",
            },
        ],
    }
)
PRIORITY = Checklist.from_dict(
    {
        "id": "six_first",
        "zh": "六优先",
        "en": "Six priorities",
        "kind": "priority",
        "items": [
            {"code": "serious_illness", "zh": "大病", "en": "serious illness", "derive": "member_serious_illness"},
            {
                "code": "severe_disability",
                "zh": "重残",
                "en": "severe disability",
                "derive": "member_severe_disability",
            },
            {"code": "students", "zh": "学生", "en": "students", "derive": "member_student"},
            {"code": "no_labour", "zh": "无劳力", "en": "no labour", "derive": "no_labour"},
            {"code": "elderly_alone", "zh": "独居老人", "en": "elderly alone"},
        ],
    }
)
LOOK = Checklist.from_dict(
    {"id": "look", "zh": "看", "en": "look", "kind": "look", "items": [{"code": "motor_vehicle", "zh": "x", "en": "x"}]}
)
CHECKLISTS = [EXCLUSION, PRIORITY, LOOK]


def facts(per_capita_yuan: int = 2100, size: int = 4, **kwargs: Any) -> HouseholdFacts:
    kwargs.setdefault("year", 2016)
    kwargs.setdefault("guarantees", ALL_MET)
    return HouseholdFacts(size=size, income=Income(wage=per_capita_yuan * 100 * size), **kwargs)


def codes(items: Any) -> list[str]:
    return [item.code for item in items]


def test_below_line_is_eligible_with_a_plain_reason() -> None:
    result = assess(facts(2100), lines=LINES, checklists=CHECKLISTS)
    assert result.eligible and result.below_line and not result.marginal
    assert result.per_capita_fen == 210_000
    assert result.line == LINES[0]
    assert result.margin_fen == 210_000 - 295_200
    income = [r for r in result.reasons if r.kind == "income"]
    assert [r.zh for r in income] == ["人均纯收入 2,100.00 元，低于 2016 年国家标准 2,952.00 元"]
    assert "below the 2016 national standard of 2,952.00 yuan" in income[0].en


def test_exactly_on_the_line_is_not_below() -> None:
    result = assess(facts(2952), lines=LINES, checklists=[])
    assert not result.below_line and not result.eligible
    assert result.margin_fen == 0
    assert result.marginal  # 2,952 < 1.5 × 2,952


def test_well_above_line_is_neither_eligible_nor_marginal() -> None:
    result = assess(facts(5000), lines=LINES, checklists=CHECKLISTS)
    assert not result.eligible and not result.below_line and not result.marginal
    assert result.margin_fen == 500_000 - 295_200
    assert [r.kind for r in result.reasons] == ["income"]


@pytest.mark.parametrize(("yuan", "marginal"), [(4427, True), (4428, False), (3000, True)])
def test_marginal_band_edge(yuan: int, marginal: bool) -> None:
    # 1.5 × 2,952 = 4,428: a household at 4,427 is marginal, at 4,428 it is not.
    result = assess(facts(yuan, size=1), lines=LINES, checklists=[])
    assert result.marginal is marginal
    assert not result.eligible
    assert any(r.code == "marginal_income" for r in result.reasons) is marginal


def test_marginal_factor_is_a_parameter() -> None:
    assert not assess(facts(3000), lines=LINES, checklists=[], marginal_factor=Decimal("1.0")).marginal


def test_large_medical_or_disaster_expense_is_marginal() -> None:
    result = assess(facts(8000, medical_expense_fen=1_000_000), lines=LINES, checklists=[])
    assert result.marginal and not result.eligible
    assert [r.code for r in result.reasons if r.kind == "marginal"] == ["marginal_medical"]
    result = assess(facts(8000, disaster_loss_fen=999_999), lines=LINES, checklists=[])
    assert not result.marginal
    result = assess(facts(8000, disaster_loss_fen=50_000), lines=LINES, checklists=[], large_expense_fen=50_000)
    assert result.marginal


def test_unmet_guarantee_makes_a_household_above_the_line_eligible() -> None:
    guarantees = {**ALL_MET, "housing": False, "education": False}
    result = assess(facts(6000, guarantees=guarantees), lines=LINES, checklists=[])
    assert result.eligible and not result.below_line
    assert result.unmet_guarantees == ("education", "housing")
    assert [r.zh for r in result.reasons if r.kind == "guarantee"] == [
        "未达到：义务教育有保障",
        "未达到：住房安全有保障",
    ]


def test_unchecked_guarantees_are_reported_not_counted() -> None:
    result = assess(facts(6000, guarantees={"food": True, "medical": None}), lines=LINES, checklists=[])
    assert not result.eligible and result.unmet_guarantees == ()
    missing = [r for r in result.reasons if r.code == "guarantees_unchecked"]
    assert missing and missing[0].zh == "尚未核实：不愁穿、义务教育有保障、基本医疗有保障、住房安全有保障"


def test_exclusion_by_answer_overrides_low_income() -> None:
    result = assess(facts(1500, answers={"motor_vehicle": True}), lines=LINES, checklists=CHECKLISTS)
    assert result.below_line and not result.eligible
    assert codes(result.exclusions) == ["motor_vehicle"]  # the "look" item with the same code adds nothing
    assert any(r.kind == "exclusion" and "家庭拥有机动车" in r.zh for r in result.reasons)


def test_a_no_answer_does_not_exclude() -> None:
    result = assess(facts(1500, answers={"motor_vehicle": False}), lines=LINES, checklists=CHECKLISTS)
    assert result.eligible and result.exclusions == ()


def test_answers_can_name_the_checklist() -> None:
    result = assess(facts(1500, answers={"five_not.motor_vehicle": True}), lines=LINES, checklists=CHECKLISTS)
    assert codes(result.exclusions) == ["motor_vehicle"]


def test_exclusion_by_derivation_from_members() -> None:
    members = [MemberFacts(labour="1"), MemberFacts(labour="1", is_public_official=True)]
    result = assess(facts(1500, members=members), lines=LINES, checklists=CHECKLISTS)
    assert not result.eligible
    assert codes(result.exclusions) == ["public_official"]
    assert any("据成员信息" in r.zh for r in result.reasons if r.kind == "exclusion")


def test_priorities_are_derived_from_members() -> None:
    members = [
        MemberFacts(health="3", labour="4"),
        MemberFacts(disability_grade="2", labour="5"),
        MemberFacts(school_status="4", labour="5"),
    ]
    result = assess(facts(1500, members=members), lines=LINES, checklists=CHECKLISTS)
    assert result.eligible
    assert codes(result.priorities) == ["serious_illness", "severe_disability", "students", "no_labour"]
    assert sum(r.kind == "priority" for r in result.reasons) == 4


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (MemberFacts(health="2", labour="1"), []),
        (MemberFacts(disability_grade="3", labour="2"), []),
        (MemberFacts(school_status="1", labour="1"), []),
        (MemberFacts(labour="3"), ["no_labour"]),  # a weak labourer is not a labourer
        (MemberFacts(disability_grade="1", labour="1"), ["severe_disability"]),
    ],
)
def test_derivation_boundaries(member: MemberFacts, expected: list[str]) -> None:
    result = assess(facts(1500, members=[member]), lines=LINES, checklists=[PRIORITY])
    assert codes(result.priorities) == expected


def test_priority_by_answer_and_no_members_derive_nothing() -> None:
    result = assess(facts(1500, answers={"elderly_alone": True}), lines=LINES, checklists=[PRIORITY])
    assert codes(result.priorities) == ["elderly_alone"]


def test_find_line_prefers_the_longest_region_prefix() -> None:
    assert find_line(LINES, year=2016, region_code="532931101", standard="2") == LINES[3]
    assert find_line(LINES, year=2016, region_code="530102", standard="2") == LINES[2]
    assert find_line(LINES, year=2016, region_code="532931", standard="3") == LINES[4]


def test_find_line_falls_back_to_the_national_standard() -> None:
    assert find_line(LINES, year=2016, region_code="450102", standard="2") == LINES[0]
    assert find_line(LINES, year=2016, region_code="532801", standard="3") == LINES[0]
    assert find_line(LINES, year=2017, region_code="532931", standard="2") == LINES[1]
    assert find_line(LINES, year=2018, region_code="532931", standard="1") is None
    assert find_line([], year=2016, region_code="", standard="1") is None


def test_assessment_uses_the_regional_line_and_says_so_on_fallback() -> None:
    result = assess(facts(3250, region_code="532931", standard="2"), lines=LINES, checklists=[])
    assert result.line == LINES[3] and result.below_line
    assert "省定标准 3,300.00 元" in next(r.zh for r in result.reasons if r.kind == "income")
    result = assess(facts(3250, region_code="450102", standard="2"), lines=LINES, checklists=[])
    assert result.line == LINES[0] and not result.below_line
    assert any(r.code == "line_fallback" for r in result.reasons)


def test_missing_line_decides_on_guarantees_only() -> None:
    result = assess(facts(100, year=2030), lines=LINES, checklists=[])
    assert result.line is None and result.margin_fen is None
    assert not result.below_line and not result.eligible and not result.marginal
    assert [r.code for r in result.reasons] == ["line_missing"]
    assert "2030" in result.reasons[0].zh
    unmet = assess(facts(100, year=2030, guarantees={**ALL_MET, "medical": False}), lines=LINES, checklists=[])
    assert unmet.eligible and unmet.unmet_guarantees == ("medical",)


def test_bad_household_size_is_an_error() -> None:
    with pytest.raises(DomainError) as info:
        assess(HouseholdFacts(year=2016, size=0, income=Income()), lines=LINES, checklists=[])
    assert info.value.code == "bad_household_size"


@pytest.mark.parametrize(
    "data",
    [
        {"id": "x", "kind": "maybe", "items": []},
        {"id": "", "kind": "look", "items": []},
        {"id": "x", "kind": "look", "items": [{"code": "a"}, {"code": "a"}]},
        {"id": "x", "kind": "priority", "items": [{"code": "a", "derive": "member_is_tall"}]},
    ],
)
def test_malformed_checklists_are_rejected(data: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as info:
        Checklist.from_dict(data)
    assert info.value.code == "bad_checklist"
