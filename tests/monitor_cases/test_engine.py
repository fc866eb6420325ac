"""The pure parts: the county's rules, the step table and its forms, and the independent history check."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop_app import catalog
from desktop_app.assets import asset_path
from desktop_app.domain.monitoring_audit import verify_case_history
from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules, add_months, term_for
from desktop_app.domain.monitoring_steps import STAGE_LABELS, STEPS, value_keys
from desktop_app.domain.procedure import Event

D = date(2025, 3, 3)


def _inclusion(end_days: int = 5, close_after: int = 6) -> list[Event]:
    end = D + timedelta(days=end_days)
    closed = D + timedelta(days=close_after)
    return [
        Event("clue", D, data={"source": "3", "risks": ["01"]}),
        Event("home_check", D, data={"checkers": ["张三", "李四"], "category": "2"}),
        Event("consent", D, data={"signed_by": "户主", "fingerprint": True, "scan": "a1"}),
        Event("comparison", D, "passed"),
        Event("evaluation", D, "passed"),
        Event("notice_start", D, data={"end": end}),
        Event("notice_end", closed),
        Event("township_review", closed, "approved"),
        Event("county_approval", closed, "approved"),
        Event("announcement", closed, data={"category": "2"}),
    ]


def _codes(events: list[Event], stage: str | None = "included") -> set[str]:
    return {v.code for v in verify_case_history(events, stage)}


def test_the_history_check_finds_what_a_reviewer_would_object_to() -> None:
    assert _codes(_inclusion()) == set()
    without_consent = [e for e in _inclusion() if e.step != "consent"]
    assert "missing_consent" in _codes(without_consent)
    assert "notice_too_short" in _codes(_inclusion(end_days=3))
    assert "notice_too_short" in _codes(_inclusion(close_after=5))  # closed on its last day
    issues = [Event("comparison", D, "issues") if e.step == "comparison" else e for e in _inclusion()]
    assert "missing_comparison" in _codes(issues)
    swapped = _inclusion()
    swapped[7], swapped[8] = swapped[8], swapped[7]  # county before township
    assert "out_of_order" in _codes(swapped)
    with_objection = _inclusion()
    with_objection.insert(6, Event("objection", D + timedelta(days=1), data={"objection_id": "1"}))
    assert "objection_open_at_close" in _codes(with_objection)
    backwards = _inclusion()
    backwards[3] = Event("comparison", D - timedelta(days=1), "passed")
    assert "date_backwards" in _codes(backwards)
    assert "stage_mismatch" in _codes(_inclusion(), "noticed")
    refused = _inclusion()[:2] + [Event("refusal", D)]
    assert _codes(refused, "refused") == {"reason_missing"}


def test_a_removal_over_a_failed_guard_needs_a_written_override() -> None:
    later = D + timedelta(days=200)
    failed = {"guard_failures": [{"code": "too_soon", "zh": "未满", "en": "soon"}]}
    removal = [
        Event("removal_proposal", later, data={"method": "2"}),
        Event("removal_check", later, data=failed),
        Event("removal_evaluation", later, "passed"),
        Event("removal_notice_start", later, data={"end": later + timedelta(days=5)}),
        Event("removal_notice_end", later + timedelta(days=6)),
        Event("removal_township_review", later + timedelta(days=6), "approved"),
        Event("removal_county_approval", later + timedelta(days=6), "approved"),
    ]
    assert _codes(_inclusion() + removal, "removed") == {"guard_not_overridden"}
    override = Event("removal_override", later, reason="县里同意", data={"decided_by": "乡长"})
    assert _codes(_inclusion() + removal[:2] + [override] + removal[2:], "removed") == set()
    blank = Event("removal_override", later, reason=" ", data={"decided_by": "乡长"})
    assert "guard_not_overridden" in _codes(_inclusion() + removal[:2] + [blank] + removal[2:], "removed")


def test_the_rules_take_the_countys_json_and_name_a_bad_value_in_chinese() -> None:
    shipped = json.loads(asset_path("forms", "monitoring_rules.json").read_text(encoding="utf-8"))
    rules = MonitorRules.from_mapping(shipped)
    assert rules.to_mapping().keys() >= {k for k in shipped if not k.startswith("_")}
    assert MonitorRules.from_mapping(rules.to_mapping()) == rules
    assert rules.risk_measures["10"] == ("100A51",) and rules.non_development_values["100A40"] == ("1", "9")
    with pytest.raises(MonitorError, match="公示最少天数"):
        MonitorRules.from_mapping({"notice_min_days": "0"})
    with pytest.raises(MonitorError, match="没有这项监测规则"):
        MonitorRules.from_mapping({"deadline": 15})
    with pytest.raises(MonitorError, match="节假日"):
        MonitorRules.from_mapping({"holidays": "2025-13-01"})
    assert term_for(2025, rules)[0] == "监测对象" and term_for(2026, rules)[0] == "防止返贫致贫对象"
    assert term_for(2026, MonitorRules(terminology_from_year=2027))[0] == "监测对象"
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28) and add_months(date(2025, 3, 31), -1) == date(
        2025, 2, 28
    )


def test_stages_match_the_code_list_and_every_step_has_its_form() -> None:
    codes = catalog.codelists()["monitor_stage"]
    assert {s: (codes.label(s, "zh"), codes.label(s, "en")) for s in STAGE_LABELS} == dict(STAGE_LABELS)
    rules = MonitorRules()
    for action in STEPS:
        path = asset_path("forms", "steps", f"monitor_{action}.json")
        form = json.loads(path.read_text(encoding="utf-8"))
        assert form["id"] == f"monitor_{action}"
        keys = [(f["key"], f["required"]) for f in form["fields"]]
        assert keys == [(k, req) for k, _kind, req in value_keys(action, rules.removal_fields)], action
