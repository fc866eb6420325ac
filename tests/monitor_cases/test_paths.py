"""The monitoring procedure walked through the real use cases on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.services.monitoring import (
    MonitorError,
    case_detail,
    case_list,
    check_monitoring,
    do_action,
    household_cases,
    open_clue,
)
from tests.monitor_cases.helpers import REMOVAL_VALUES, include, make_db, number, votes


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "consent.jpg"
    path.write_bytes(b"\xff\xd8 scanned consent")
    return str(path)


def test_a_clue_walks_to_inclusion_and_the_list_shows_it(tmp_path, scan) -> None:
    db = make_db(tmp_path / "m.sqlite")
    found = date(2025, 3, 1)
    included = include(db, number(1), found, scan=scan)
    rows = case_list(db, today=included)
    assert [(r.household_number, r.stage, r.category, r.included) for r in rows] == [
        (number(1), "included", "2", included)
    ]
    row = rows[0]
    assert row.deadline == found + timedelta(days=15) and not row.overdue and row.days_left is None
    assert row.contact_name == "王干部" and row.term_zh == "监测对象"
    detail = case_detail(db, row.case_id, today=included)
    assert [e.step for e in detail.events][:3] == ["clue", "home_check", "consent"]
    home = detail.events[1].data
    assert home["per_capita_fen"] == 900_000 and home["line_fen"] == 700_000 and home["members"] == 3
    assert check_monitoring(db) == []


def test_a_refused_step_writes_nothing_and_names_the_reason(tmp_path, scan) -> None:
    db = make_db(tmp_path / "m.sqlite")
    d = date(2025, 3, 1)
    open_clue(db, number(1), source="1", found=d, risks=["因病"], today=d)
    with pytest.raises(MonitorError) as refused:
        do_action(
            db, number(1), "home_check", {"date": d, "checkers": "张三", "category": "2", "findings": "x"}, today=d
        )
    assert "至少 2 人" in str(refused.value)
    with pytest.raises(MonitorError) as wrong:
        do_action(db, number(1), "evaluation", votes(d), today=d)
    assert "线索登记" in str(wrong.value)
    [detail] = household_cases(db, number(1), today=d)
    assert [e.step for e in detail.events] == ["clue"] and detail.stage == "clue"
    assert detail.risks == ("01",)


def test_removal_needs_its_guards_or_a_written_override(tmp_path, scan) -> None:
    db = make_db(tmp_path / "m.sqlite")
    included = include(db, number(1), date(2025, 1, 2), scan=scan)
    d = included + timedelta(days=30)  # too soon after inclusion (6 months) and help needed: guards fail
    do_action(db, number(1), "removal_proposal", {"date": d, "method": "1"}, today=d)
    check = {"date": d, "checkers": "张三,李四", "stable_since": date(2024, 1, 1), "new_risk": "no", **REMOVAL_VALUES}
    row = do_action(db, number(1), "removal_check", check, today=d)
    assert row.stage == "removal_checked"
    detail = case_detail(db, row.case_id, today=d)
    assert {code for code, _zh in detail.guard_failures} == {"too_soon", "no_measure"}
    assert not detail.guards_overridden
    with pytest.raises(MonitorError) as blocked:
        do_action(db, number(1), "removal_evaluation", votes(d), today=d)
    assert "例外" in str(blocked.value)
    with pytest.raises(MonitorError):
        do_action(db, number(1), "removal_override", {"date": d, "reason": "", "decided_by": "乡长"}, today=d)
    do_action(db, number(1), "removal_override", {"date": d, "reason": "县里同意提前", "decided_by": "乡长"}, today=d)
    assert case_detail(db, row.case_id, today=d).guards_overridden
    do_action(db, number(1), "removal_evaluation", votes(d), today=d)
    do_action(db, number(1), "removal_notice_start", {"date": d, "end": d + timedelta(days=5)}, today=d)
    d += timedelta(days=6)
    do_action(db, number(1), "removal_notice_end", {"date": d}, today=d)
    do_action(db, number(1), "removal_township_review", {"date": d, "outcome": "approved"}, today=d)
    row = do_action(db, number(1), "removal_county_approval", {"date": d, "outcome": "approved"}, today=d)
    assert row.stage == "removed" and row.removed == d and row.removal_method == "1"
    detail = case_detail(db, row.case_id, today=d)
    assert detail.removal_facts["per_capita_fen"] == 900_000 and detail.removal_facts["dropout_child"] is False
    assert check_monitoring(db) == []
    # a new risk later opens a new round
    later = d + timedelta(days=40)
    again = open_clue(db, number(1), source="4", found=later, risks=["04"], disaster_sub="1", today=later)
    assert again.round == 2 and again.stage == "clue"


def test_a_home_check_is_judged_on_the_record_and_line_of_its_own_year(tmp_path) -> None:
    from desktop_app.storage.models_monitoring import IncomeRecord, MonitoringLine
    from tests.monitor_cases.helpers import household_id

    db = make_db(tmp_path / "m.sqlite")
    hid = household_id(db, 1)
    with db.transaction() as s:
        s.add(IncomeRecord(household_id=hid, year=2024, size=4, per_capita_fen=500_000))
        s.add(MonitoringLine(region_code="532999", year=2024, amount_fen=650_000, document="省2024年标准"))
    d = date(2024, 11, 4)
    open_clue(db, number(1), source="3", found=d, risks=["01"], today=d)
    row = do_action(
        db, number(1), "home_check", {"date": d, "checkers": "张三,李四", "category": "1", "findings": "x"}, today=d
    )
    [event] = [e for e in case_detail(db, row.case_id, today=d).events if e.step == "home_check"]
    assert (event.data["income_year"], event.data["per_capita_fen"], event.data["members"]) == (2024, 500_000, 4)
    assert (event.data["line_fen"], event.data["line_region"], event.data["line_document"]) == (
        650_000,
        "532999",
        "省2024年标准",
    )
    assert event.data["guarantees"] == {"education": True, "medical": True, "housing": True, "safe_water": True}


def test_the_check_reads_steps_in_the_order_they_were_recorded(tmp_path, scan) -> None:
    from desktop_app.storage.models_monitoring import MonitoringEvent

    db = make_db(tmp_path / "m.sqlite")
    include(db, number(1), date(2025, 3, 1), scan=scan)
    assert check_monitoring(db) == []
    with db.transaction() as s:  # an import wrote the comparison last, with a date before the evaluation's
        row = s.query(MonitoringEvent).filter(MonitoringEvent.step == "comparison").one()
        row.data = {**row.data, "seq": 99}
        row.on_date = date(2025, 2, 27)
    assert {f.code for f in check_monitoring(db)} >= {"date_backwards"}
