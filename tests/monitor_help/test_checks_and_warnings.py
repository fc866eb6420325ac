"""The help checks fire and clear; income warnings at the band edges; the 八必访 reasons from the cards."""

from __future__ import annotations

from datetime import date

from desktop_app.services.monitoring import add_help_measure, help_check, income_warnings, must_visit
from desktop_app.storage.models import Household, Member
from tests.monitor_help.helpers import VILLAGE, add_case, add_income, add_line, make_household, make_village

H1 = "5329990010010001"


def _rules(findings) -> list[tuple[str, str]]:
    return [(f.household_number, f.rule) for f in findings]


def test_each_help_check_fires_after_its_months_and_clears_with_the_right_measure(db) -> None:
    with db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, H1, "张富贵", seq=1)  # members able to work (labour 1)
        add_case(s, hid, found=date(2025, 1, 2), included=date(2025, 1, 15), risks=("01", "10"))
    assert help_check(db, today=date(2025, 2, 14)) == []  # not yet a month
    month = help_check(db, today=date(2025, 2, 15))
    assert _rules(month) == [(H1, "no_measure"), (H1, "risk_unmatched"), (H1, "risk_unmatched")]
    assert "尚未落实任何帮扶措施" in month[0].message
    assert "风险“因病”没有对应的帮扶措施（应有：健康帮扶）" in month[1].message
    assert "风险“因安全饮水”没有对应的帮扶措施（应有：饮水安全保障）" in month[2].message
    assert month[0].head_name == "张富贵" and month[0].village_code == VILLAGE

    add_help_measure(db, H1, year=2025, category="健康帮扶", values=["医疗救助"])
    add_help_measure(db, H1, year=2025, category="饮水安全保障", values=["1"])
    add_help_measure(db, H1, year=2025, category="就业帮扶", values=["技能培训"])
    assert help_check(db, today=date(2025, 7, 14)) == []
    half_year = help_check(db, today=date(2025, 7, 15))
    assert _rules(half_year) == [(H1, "no_development")]
    assert "仅技能培训或其他不算" in half_year[0].message
    add_help_measure(db, H1, year=2025, category="公益岗位帮扶", values=["保洁员"])
    assert help_check(db, today=date(2025, 8, 1)) == []
    assert help_check(db, village_code="532999001002", today=date(2025, 8, 1)) == []


def test_a_household_without_labour_needs_no_development_measure(db) -> None:
    with db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, H1, "张富贵", seq=1, size=1)
        for m in s.query(Member).filter(Member.household_id == hid):
            m.labour = "5"
        add_case(s, hid, found=date(2025, 1, 2), included=date(2025, 1, 15), risks=("08",))
    add_help_measure(db, H1, year=2025, category="综合保障", values=["最低生活保障"])
    assert help_check(db, today=date(2026, 1, 1)) == []


def test_income_warnings_at_the_band_edges(db) -> None:
    # line 2025: 8,000 yuan; band factor 1.2 → 8,000 … 9,600
    incomes = {"01": 7999, "02": 8000, "03": 9600, "04": 9601, "05": 5000}
    with db.transaction() as s:
        vid = make_village(s)
        add_line(s, 2025, 8000, region="532999")
        add_line(s, 2025, 6000)
        ids = {}
        for i, (suffix, yuan) in enumerate(incomes.items()):
            ids[suffix] = make_household(s, vid, f"53299900100100{suffix}", f"户{suffix}", seq=i)
            add_income(s, ids[suffix], 2024, 20000)
            add_income(s, ids[suffix], 2025, yuan)
        add_case(s, ids["05"], found=date(2025, 10, 1))  # already in an open case
    found = income_warnings(db, year=2025)
    assert [(w.household_number[-2:], w.kind) for w in found] == [("01", "below"), ("02", "band"), ("03", "band")]
    assert found[0].line_fen == 800_000 and "低于2025年监测范围8,000.00元" in found[0].reason
    assert income_warnings(db, year=2023) == []  # no line of that year
    assert income_warnings(db, village_code="532999001009", year=2025) == []


def test_must_visit_lists_each_reason_from_the_cards(db) -> None:
    with db.transaction() as s:
        vid = make_village(s)
        add_line(s, 2025, 8000)
        ill = make_household(s, vid, "5329990010010001", "病户", seq=1)
        students = make_household(s, vid, "5329990010010002", "学户", seq=2, size=3)
        migrant = make_household(s, vid, "5329990010010003", "工户", seq=3)
        falling = make_household(s, vid, "5329990010010004", "降户", seq=4)
        shock = make_household(s, vid, "5329990010010005", "灾户", seq=5)
        make_household(s, vid, "5329990010010006", "好户", seq=6)
        s.get(Household, shock).attribute = "3"  # 特困供养
        members = {m.household_id: [] for m in s.query(Member)}
        for m in s.query(Member).order_by(Member.sort_order):
            members[m.household_id].append(m)
        members[ill][1].health = "3"
        members[ill][2].disability_grade = "2"
        for child in members[students][1:]:
            child.school_status, child.birth_date = "8", date(2005, 5, 1)  # university, 20 years old
        members[migrant][1].subsistence_allowance = True
        add_income(s, migrant, 2025, 12000, wage_fen=3_000_000)  # 30,000 of 36,000 from wages
        add_income(s, falling, 2024, 20000)
        add_income(s, falling, 2025, 13000)  # fell by 35 %
        add_income(s, shock, 2025, 20000, disaster_loss_fen=100)
        add_income(s, ill, 2025, 9000)  # below line × 1.2
    rows = {v.household_number[-1]: v.reasons for v in must_visit(db, today=date(2025, 11, 1))}
    assert rows == {
        "1": ("low_income", "illness", "disability"),
        "2": ("students",),
        "3": ("support", "migrant_wages"),
        "4": ("income_fall",),
        "5": ("support", "shock"),
    }
    labels = {v.household_number[-1]: v.reason_labels for v in must_visit(db, today=date(2025, 11, 1))}
    assert labels["2"] == ("多名子女在读非义务教育阶段",)
    assert must_visit(db, village_code="532999001009", today=date(2025, 11, 1)) == []
