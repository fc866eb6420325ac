"""Random action and date sequences through the real use cases on a real SQLite file: whatever the engine
accepts keeps every inclusion and removal lawful, a refused step writes nothing, and the deadline flags
always agree with the dates."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.monitoring_rules import MonitorRules, days_left, deadline_for
from desktop_app.domain.monitoring_steps import STEPS
from desktop_app.services.monitoring import (
    actions_allowed,
    case_list,
    change_monitor_rules,
    check_monitoring,
    do_action,
    household_cases,
    open_clue,
)
from desktop_app.storage.models_monitoring import MonitoringEvent
from tests.monitor_cases.helpers import REMOVAL_VALUES, add_measure, household_id, make_db, number

_dbs = itertools.count(1)
START = date(2025, 1, 6)
ACTIONS = [a for a in STEPS if a != "clue"]


def _values(draw: Any, action: str, on: date, bad: bool, open_ids: list[str], scan: str) -> dict[str, Any]:
    text = "" if bad else "经核实"
    v: dict[str, Any] = {"date": on}
    if action == "home_check":
        v.update(checkers="张三" if bad else "张三,李四", category=draw(st.sampled_from(["1", "2", "3"])), findings="x")
    elif action == "consent":
        v.update(signed_by="户主", fingerprint="no" if bad else "yes", scan=scan)
    elif action == "comparison":
        v.update(result=draw(st.sampled_from(["passed"] * 5 + ["issues"])), findings=text)
    elif action in ("evaluation", "removal_evaluation"):
        present = draw(st.integers(1, 12))
        yes = max(0, present - draw(st.sampled_from([0, 0, 0, 1, present])))
        v.update(place="村委会", chair="李书记", present=present, against=present - yes, abstain=0)
        v["for"] = yes
    elif action in ("notice_start", "removal_notice_start"):
        v["end"] = on + timedelta(days=draw(st.sampled_from([3, 5, 6])))
    elif action == "objection":
        v.update(objection_id=f"o{draw(st.integers(1, 3))}", content="有异议", raised_by="村民")
    elif action == "objection_resolution":
        v.update(
            objection_id=draw(st.sampled_from(open_ids or ["o9"])),
            outcome=draw(st.sampled_from(["dismissed", "dismissed", "upheld"])),
            reason=text or "查实",
            decided_by="村两委",
            action=draw(st.sampled_from(["", "recheck", "refuse"])),
        )
    elif action.endswith(("township_review", "county_approval")):
        v.update(outcome=draw(st.sampled_from(["approved"] * 7 + ["rejected"])), reason=text)
    elif action == "announcement":
        v.update(category="2", contact_name="王干部", contact_phone="" if bad else "13800000000")
    elif action in ("refusal", "withdrawal"):
        v["reason"] = text
    elif action == "contact":
        v.update(contact_name="李干部", contact_phone="13900000000")
    elif action == "removal_proposal":
        v["method"] = draw(st.sampled_from(["1", "2"]))
    elif action == "removal_check":
        since = on - timedelta(days=draw(st.sampled_from([30, 400])))
        v.update(checkers="张三,李四", stable_since=since, new_risk=draw(st.sampled_from(["no", "no", "yes"])))
        v.update(REMOVAL_VALUES)
    elif action == "removal_override":
        v.update(reason=text, decided_by="乡长")
    return v


def _events(db: Any) -> int:
    with db.transaction() as s:
        return int(s.execute(select(func.count()).select_from(MonitoringEvent)).scalar_one())


def _expected_flags(row: Any, today: date, rules: MonitorRules) -> tuple[Any, bool, bool]:
    if row.included is not None:
        return None, row.included > row.deadline, False
    if row.stage in ("refused", "withdrawn", "removed"):
        return None, False, False
    if rules.deadline_working_days:  # count the working days one by one
        lo, hi, sign = (today, row.deadline, 1) if row.deadline >= today else (row.deadline, today, -1)
        n = sum(
            1
            for i in range(1, (hi - lo).days + 1)
            if (lo + timedelta(days=i)).weekday() < 5 and lo + timedelta(days=i) not in rules.holidays
        )
        left = sign * n
    else:
        left = (row.deadline - today).days
    overdue = today > row.deadline
    return left, overdue, not overdue and left <= rules.warn_days


def _recheck(step: str, outcome: str, event: Any) -> bool:
    return step == "objection_resolution" and outcome == "upheld" and event.data.get("action") == "recheck"


def _lawful(events: Any) -> None:
    """Checked here on the events themselves, without the engine or the audit module."""
    steps = [(e.step, e.outcome, e) for e in events]
    for i, (step, out, _e) in enumerate(steps):
        if step == "announcement":
            start = max(j for j, (s, o, x) in enumerate(steps[:i]) if s == "clue" or _recheck(s, o, x))
            before = steps[start:i]
            names = [(s, o) for s, o, _x in before]
            assert ("consent", "") in names and ("evaluation", "passed") in names
            assert ("township_review", "approved") in names and ("county_approval", "approved") in names
            comparisons = [o for s, o, _x in before if s == "comparison"]
            assert comparisons and comparisons[-1] == "passed"
            notice = [x for s, _o, x in before if s == "notice_start"][-1]
            ended = [x for s, _o, x in before if s == "notice_end"][-1]
            assert date.fromisoformat(notice.data["end"]) < ended.on_date
            assert (date.fromisoformat(notice.data["end"]) - notice.on_date).days >= 5
        if step == "removal_county_approval" and out == "approved":
            check = [j for j, (s, _o, _x) in enumerate(steps[:i]) if s == "removal_check"][-1]
            if steps[check][2].data["guard_failures"]:
                overrides = [x for s, _o, x in steps[check:i] if s == "removal_override"]
                assert overrides and overrides[-1].reason.strip() and overrides[-1].data["decided_by"]


def _drive(tmp_path: Any, data: Any, *, households: int, steps: int, wild: int) -> None:
    """``steps`` random steps on ``households`` cards; one in ``wild`` is any action (else one allowed now that
    moves the case on), one in ``wild`` has a required value left empty."""
    db = make_db(tmp_path / f"p{next(_dbs)}.sqlite", households=households)
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"scan")
    working = data.draw(st.booleans())
    if working:
        change_monitor_rules(db, {"deadline_working_days": "yes", "deadline_days": "10", "holidays": "2025-01-31"})
    rules = MonitorRules.from_mapping(
        {
            "deadline_working_days": working,
            "deadline_days": 10 if working else 15,
            "holidays": ["2025-01-31"] if working else [],
        }
    )
    if data.draw(st.booleans()):
        add_measure(db, household_id(db, 1), START)
    today = START
    for _ in range(steps):
        today += timedelta(days=data.draw(st.sampled_from([0, 0, 0, 1, 3, 7, 60])))
        key = number(data.draw(st.integers(1, households)))
        cases = household_cases(db, key, today=today)
        live = next((c for c in cases if c.stage not in ("refused", "withdrawn", "removed")), None)
        on = today - timedelta(days=data.draw(st.sampled_from([0, 0, 0, 0, 0, 1, 9])))
        bad = data.draw(st.integers(0, wild - 1)) == 0
        before = _events(db)
        try:
            if live is None or data.draw(st.integers(0, 3 * wild)) == 0:
                risks = data.draw(st.sampled_from([["01"], ["04"], ["01", "07"], ["99"]]))
                open_clue(
                    db,
                    key,
                    source=data.draw(st.sampled_from("1234")),
                    found=on,
                    risks=risks,
                    disaster_sub="1" if not bad else None,
                    risk_note=text_or(bad),
                    today=today,
                )
            else:
                allowed = [a for a, why in actions_allowed(db, live.case_id, today=today) if why is None]
                forward = [a for a in allowed if a not in ("refusal", "withdrawal", "contact")] or allowed
                pick = ACTIONS if not allowed or data.draw(st.integers(0, wild - 1)) == 0 else forward
                action = data.draw(st.sampled_from(pick))
                values = _values(data.draw, action, on, bad, list(live.open_objections), str(scan))
                do_action(db, key, action, values, today=today)
        except DomainError:
            assert _events(db) == before  # a refused step writes nothing
        for row in case_list(db, today=today):
            assert (row.days_left, row.overdue, row.warn) == _expected_flags(row, today, rules)
            assert row.deadline == deadline_for(row.found, rules)
    assert check_monitoring(db) == []  # the independent check passes on every history the engine accepted
    for i in range(1, households + 1):
        for case in household_cases(db, number(i), today=today):
            _lawful(case.events)
            hypothesis_event(f"a case reached {case.stage}")
    db.close()


_SETTINGS = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(st.data())
def test_random_steps_on_two_households_keep_every_case_lawful_and_every_flag_true(tmp_path, data) -> None:
    _drive(tmp_path, data, households=2, steps=data.draw(st.integers(10, 40)), wild=8)


@settings(_SETTINGS, max_examples=6)
@given(st.data())
def test_long_runs_through_inclusion_and_removal_stay_lawful(tmp_path, data) -> None:
    _drive(tmp_path, data, households=1, steps=data.draw(st.integers(30, 60)), wild=25)


def text_or(bad: bool) -> str:
    return "" if bad else "其他风险说明"


@given(
    st.dates(date(2024, 1, 1), date(2027, 12, 31)),
    st.dates(date(2024, 1, 1), date(2027, 12, 31)),
    st.lists(st.dates(date(2024, 1, 1), date(2027, 12, 31)), max_size=6),
)
def test_working_days_left_agree_with_counting_them_one_by_one(deadline, today, holidays) -> None:
    rules = MonitorRules(deadline_working_days=True, holidays=tuple(sorted(set(holidays))))
    lo, hi, sign = (today, deadline, 1) if deadline >= today else (deadline, today, -1)
    days = [lo + timedelta(days=i) for i in range(1, (hi - lo).days + 1)]
    assert days_left(deadline, today, rules) == sign * sum(1 for d in days if d.weekday() < 5 and d not in holidays)
    end = deadline_for(today, rules)
    assert end > today and end.weekday() < 5 and end not in rules.holidays
    assert days_left(end, today, rules) == rules.deadline_days
