"""Scenarios a village team meets: each clue source, a refused case, a withdrawn clue, an objection upheld,
a consent signed for someone, re-inclusion after removal, a household not on file, working-day deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.domain.idnumber import make_id
from desktop_app.services.monitoring import (
    MonitorError,
    NewHousehold,
    actions_allowed,
    case_list,
    change_monitor_rules,
    check_monitoring,
    do_action,
    household_cases,
    monitor_step_form,
    open_clue,
)
from tests.monitor_cases.helpers import include, make_db, number, votes

D = date(2025, 3, 3)  # a Monday


@pytest.fixture
def db(tmp_path):
    database = make_db(tmp_path / "m.sqlite", households=5)
    yield database
    database.close()


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "consent.png"
    path.write_bytes(b"\x89PNG consent")
    return str(path)


def _check(db, key: str, on: date) -> None:
    values = {"date": on, "checkers": "张三、李四", "category": "3", "findings": "车祸致重伤"}
    do_action(db, key, "home_check", values, today=on)


def test_each_source_is_kept_and_an_own_application_needs_its_home_check_in_two_working_days(db) -> None:
    friday = date(2025, 3, 7)
    for i, source in enumerate(("1", "2", "3", "4"), start=1):
        extra = {"department": "县医保局", "dept_reason": "自付医疗费用超 2 万元"} if source == "4" else {}
        open_clue(db, number(i), source=source, found=friday, risks=["05"], data=extra, today=friday)
    rows = {r.household_number: r for r in case_list(db, today=date(2025, 3, 12))}
    assert [rows[number(i)].source for i in range(1, 5)] == ["1", "2", "3", "4"]
    own = rows[number(1)]
    assert own.home_check_due == date(2025, 3, 11)  # Friday + two working days (the weekend not counted)
    assert own.home_check_late and not rows[number(2)].home_check_late
    [detail] = household_cases(db, number(4), today=friday)
    assert detail.events[0].data["department"] == "县医保局"
    _check(db, number(1), date(2025, 3, 12))
    assert next(r for r in case_list(db, today=date(2025, 3, 12)) if r.source == "1").home_check_late


def test_a_failed_evaluation_refuses_the_case_and_a_new_clue_may_follow(db, scan) -> None:
    open_clue(db, number(1), source="3", found=D, risks=["07"], today=D)
    _check(db, number(1), D)
    do_action(db, number(1), "consent", {"date": D, "signed_by": "户主1", "fingerprint": "yes", "scan": scan}, today=D)
    row = do_action(db, number(1), "evaluation", votes(D, yes=5, present=10), today=D)  # not more than half
    assert row.stage == "refused" and "民主评议未通过" in row.closed_reason
    assert row.days_left is None and not row.overdue and not row.warn
    later = D + timedelta(days=30)
    again = open_clue(db, number(1), source="3", found=later, risks=["07"], today=later)
    assert again.round == 2
    assert check_monitoring(db) == []


def test_a_withdrawn_clue_keeps_its_reason_and_a_withdrawal_without_one_is_refused(db) -> None:
    open_clue(db, number(2), source="2", found=D, risks=["01"], today=D)
    with pytest.raises(MonitorError, match="理由"):
        do_action(db, number(2), "withdrawal", {"date": D, "reason": " "}, today=D)
    row = do_action(db, number(2), "withdrawal", {"date": D, "reason": "核实为误报"}, today=D)
    assert row.stage == "withdrawn" and row.closed_reason == "核实为误报"
    assert check_monitoring(db) == []


def test_an_upheld_objection_sends_the_case_back_to_the_home_check(db, scan) -> None:
    key = number(3)
    open_clue(db, key, source="3", found=D, risks=["01"], today=D)
    _check(db, key, D)
    proxy = {"date": D, "signed_by": "户主3", "fingerprint": "no", "filled_by": "村文书", "scan": scan}
    with pytest.raises(MonitorError, match="代签"):
        do_action(db, key, "consent", proxy, today=D)
    do_action(db, key, "consent", {**proxy, "reason": "户主双手受伤，无法按手印"}, today=D)
    do_action(db, key, "comparison", {"date": D, "result": "passed"}, today=D)
    do_action(db, key, "evaluation", votes(D), today=D)
    do_action(db, key, "notice_start", {"date": D, "end": D + timedelta(days=5)}, today=D)
    d = D + timedelta(days=2)
    with pytest.raises(MonitorError, match="不在公示期内"):
        do_action(
            db,
            key,
            "objection",
            {"date": D + timedelta(days=9), "objection_id": "y1", "content": "有车", "raised_by": "村民"},
            today=D + timedelta(days=9),
        )
    do_action(
        db, key, "objection", {"date": d, "objection_id": "y1", "content": "家中有轿车", "raised_by": "村民"}, today=d
    )
    end = D + timedelta(days=6)
    with pytest.raises(MonitorError, match="异议未处理"):
        do_action(db, key, "notice_end", {"date": end}, today=end)
    with pytest.raises(MonitorError, match="处理方式"):
        do_action(
            db,
            key,
            "objection_resolution",
            {"date": end, "objection_id": "y1", "outcome": "upheld", "reason": "车辆属实", "decided_by": "村两委"},
            today=end,
        )
    row = do_action(
        db,
        key,
        "objection_resolution",
        {
            "date": end,
            "objection_id": "y1",
            "outcome": "upheld",
            "reason": "车辆属实，需重新核实",
            "decided_by": "村两委",
            "action": "recheck",
        },
        today=end,
    )
    assert row.stage == "clue"
    assert check_monitoring(db) == []


def test_the_township_cannot_approve_when_the_comparison_found_issues(db, scan) -> None:
    key = number(4)
    open_clue(db, key, source="3", found=D, risks=["01"], today=D)
    _check(db, key, D)
    do_action(db, key, "consent", {"date": D, "signed_by": "户主4", "fingerprint": "yes", "scan": scan}, today=D)
    with pytest.raises(MonitorError, match="写明情况"):
        do_action(db, key, "comparison", {"date": D, "result": "issues"}, today=D)
    do_action(db, key, "comparison", {"date": D, "result": "issues", "findings": "名下有工商登记"}, today=D)
    do_action(db, key, "evaluation", votes(D), today=D)
    do_action(db, key, "notice_start", {"date": D, "end": D + timedelta(days=5)}, today=D)
    end = D + timedelta(days=6)
    do_action(db, key, "notice_end", {"date": end}, today=end)
    with pytest.raises(MonitorError, match="比对发现问题"):
        do_action(db, key, "township_review", {"date": end, "outcome": "approved"}, today=end)
    with pytest.raises(MonitorError, match="理由"):
        do_action(db, key, "township_review", {"date": end, "outcome": "rejected"}, today=end)
    row = do_action(db, key, "township_review", {"date": end, "outcome": "rejected", "reason": "有经营实体"}, today=end)
    assert row.stage == "refused" and row.closed_reason == "有经营实体"


def test_a_household_not_on_file_gets_its_card_at_the_clue(db) -> None:
    new = NewHousehold(
        village_code="532999001001", head_name="新农户", head_id_number=make_id("532999", date(1980, 1, 1), 7)
    )
    row = open_clue(db, "", source="3", found=D, risks=["04"], disaster_sub="洪涝灾害", new_household=new, today=D)
    assert row.head_name == "新农户" and row.household_number == "5329990010010006" and row.stage == "clue"
    [detail] = household_cases(db, row.household_number, today=D)
    assert detail.disaster_sub == "1"
    with pytest.raises(MonitorError, match="因自然灾害须选择灾害子项"):
        open_clue(db, number(5), source="3", found=D, risks=["04"], today=D)
    with pytest.raises(MonitorError, match="1 至 5 项"):
        open_clue(db, number(5), source="3", found=D, risks=["01", "02", "03", "05", "06", "07"], today=D)
    assert [r.household_number for r in case_list(db, today=D)] == [row.household_number]


def test_working_day_deadlines_skip_weekends_and_the_countys_holidays(db) -> None:
    change_monitor_rules(
        db, {"deadline_working_days": "yes", "deadline_days": "5", "holidays": "2025-10-01,2025-10-02"}
    )
    found = date(2025, 9, 30)  # a Tuesday; Oct 1 and 2 are holidays
    row = open_clue(db, number(1), source="3", found=found, risks=["01"], today=found)
    assert row.deadline == date(2025, 10, 9)  # Oct 3 (Fri), 6, 7, 8, 9: the fifth working day
    assert row.days_left == 5
    [late] = case_list(db, today=date(2025, 10, 10))
    assert late.overdue and late.days_left == -1 and not late.warn
    [close] = case_list(db, today=date(2025, 10, 7))
    assert close.days_left == 2 and close.warn and not close.overdue
    [calm] = case_list(db, today=date(2025, 10, 2))  # a holiday: Oct 3, 6, 7, 8, 9 are still ahead
    assert calm.days_left == 5 and not calm.warn


def test_terminology_follows_the_year_found_and_the_forms_follow_the_county(db) -> None:
    old = open_clue(db, number(1), source="3", found=date(2025, 12, 30), risks=["01"], today=date(2026, 1, 5))
    new = open_clue(db, number(2), source="3", found=date(2026, 1, 2), risks=["01"], today=date(2026, 1, 5))
    assert (old.term_zh, new.term_zh) == ("监测对象", "防止返贫致贫对象")
    allowed = dict(actions_allowed(db, new.case_id, today=date(2026, 1, 5)))
    assert allowed["home_check"] is None and allowed["withdrawal"] is None
    assert "线索登记" in (allowed["evaluation"] or "")
    change_monitor_rules(db, {"removal_fields": "wage_fen,per_capita_fen"})
    spec = monitor_step_form(db, new.case_id, "removal_check", today=date(2026, 1, 5))
    assert [f.key for f in spec.fields] == [
        "date",
        "checkers",
        "stable_since",
        "new_risk",
        "wage_fen",
        "per_capita_fen",
    ]
    clue_form = monitor_step_form(db, new.case_id, "clue", today=date(2026, 1, 5))
    risks = clue_form.field("risks")
    assert risks.type == "multichoice" and ("01", "因病") in [(o.code, o.zh) for o in risks.options]


def test_re_inclusion_after_removal_is_a_new_round_with_its_own_deadline(db, scan) -> None:
    from tests.monitor_cases.helpers import REMOVAL_VALUES, add_measure, household_id

    key = number(5)
    included = include(db, key, date(2025, 1, 6), scan=scan)
    add_measure(db, household_id(db, 5), included)
    d = included + timedelta(days=200)
    do_action(db, key, "removal_proposal", {"date": d, "method": "1"}, today=d)
    check = {"date": d, "checkers": "张三,李四", "stable_since": date(2024, 1, 1), "new_risk": "no", **REMOVAL_VALUES}
    row = do_action(db, key, "removal_check", check, today=d)
    [detail] = household_cases(db, key, today=d)
    assert detail.guard_failures == ()  # income above the line, guarantees met, labour, a measure, > 6 months
    do_action(db, key, "removal_evaluation", votes(d), today=d)
    do_action(db, key, "removal_notice_start", {"date": d, "end": d + timedelta(days=5)}, today=d)
    d += timedelta(days=6)
    do_action(db, key, "removal_notice_end", {"date": d}, today=d)
    do_action(db, key, "removal_township_review", {"date": d, "outcome": "approved"}, today=d)
    row = do_action(db, key, "removal_county_approval", {"date": d, "outcome": "approved"}, today=d)
    assert row.stage == "removed"
    again = include(db, key, d + timedelta(days=90), scan=scan)
    cases = household_cases(db, key, today=again)
    assert [(c.round, c.stage) for c in cases] == [(2, "included"), (1, "removed")]
    assert cases[0].deadline == d + timedelta(days=105)
    assert check_monitoring(db) == []


def test_an_upheld_objection_to_a_removal_keeps_the_household_under_watch(db, scan) -> None:
    from tests.monitor_cases.helpers import REMOVAL_VALUES

    key = number(2)
    included = include(db, key, date(2025, 1, 6), scan=scan)
    d = included + timedelta(days=200)
    do_action(db, key, "removal_proposal", {"date": d, "method": "2"}, today=d)
    check = {"date": d, "checkers": "张三,李四", "stable_since": date(2024, 6, 1), "new_risk": "no", **REMOVAL_VALUES}
    do_action(db, key, "removal_check", check, today=d)
    do_action(db, key, "removal_evaluation", votes(d), today=d)
    do_action(db, key, "removal_notice_start", {"date": d, "end": d + timedelta(days=5)}, today=d)
    objection = {"date": d, "objection_id": "r1", "content": "仍在住院", "raised_by": "邻居"}
    do_action(db, key, "objection", objection, today=d)
    resolution = {"date": d, "objection_id": "r1", "outcome": "upheld", "reason": "病情未愈", "decided_by": "村两委"}
    row = do_action(db, key, "objection_resolution", resolution, today=d)
    assert row.stage == "included" and row.removal_method is None and row.removed is None
    contact = {"date": d, "contact_name": "赵干部", "contact_phone": "13700000000"}
    assert do_action(db, key, "contact", contact, today=d).contact_name == "赵干部"
    assert dict(actions_allowed(db, row.case_id, today=d))["removal_proposal"] is None
    assert check_monitoring(db) == []
