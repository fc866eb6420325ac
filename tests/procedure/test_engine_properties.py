"""Random sequences of actions and dates against the procedure engine: the guards never let a history through
that the independent checker objects to, and nobody reaches "registered" or "exited" by a short cut."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st

from desktop_app.domain.procedure import Event, State, advance, available, check, replay
from desktop_app.domain.procedure_audit import verify_history
from desktop_app.domain.procedure_rules import STEP_LABELS, ProcedureError, ProcedureRules

RULES = ProcedureRules()
STEPS = sorted(set(STEP_LABELS))
FORWARD = {
    "application",
    "survey",
    "exclusion_override",
    "evaluation",
    "village_announcement_start",
    "village_announcement_end",
    "township_review",
    "township_announcement_start",
    "township_announcement_end",
    "county_approval",
    "county_notice",
    "exit_proposal",
    "exit_verification",
    "exit_acknowledgement",
    "exit_announcement_start",
    "exit_announcement_end",
    "exit_notice",
    "return_to_poverty",
    "objection_resolution",
}
GUARANTEES_MET = dict.fromkeys(("food", "clothing", "education", "medical", "housing"), True)


def _event(draw, state: State, step: str, today: date, counter: list[int]) -> Event:
    """A plausible form for ``step``: sometimes complete and right, sometimes with something missing."""
    bad = draw(st.integers(0, 5)) == 0  # now and then a form with something missing or wrong
    on = today - timedelta(days=draw(st.integers(0, 3)))
    reason = draw(st.sampled_from(["", "  "])) if bad else "经核实情况属实"
    data: dict = {}
    outcome = ""
    if step == "survey":
        outcome = draw(st.sampled_from(["eligible"] * 4 + ["excluded", "not_eligible"]))
        data = {"exclusions": ["motor_vehicle"] if outcome == "excluded" else []}
        if draw(st.integers(0, 5)) == 0:
            data["missing"] = [("main_cause", "主要致贫原因", "main cause")]
    elif step == "evaluation":
        present = draw(st.integers(0, 30))
        votes_for = draw(st.integers(0, 32)) if bad else present
        data = {
            "present": present,
            "expected": 30,
            "for": votes_for,
            "against": 0,
            "abstain": 0,
            "place": "" if bad else "村委会",
            "chair": "李书记",
        }
        passed = RULES.passes(votes_for, present, 30)
        outcome = "passed" if bad or passed else "failed"
    elif step.endswith("_announcement_start"):
        data = {"end": on + timedelta(days=draw(st.integers(0, 12) if bad else st.integers(7, 10)))}
    elif step == "objection":
        counter[0] += 1
        data = {"objection_id": f"o{counter[0]}", "content": "收入不实"}
    elif step == "objection_resolution":
        ids = sorted(state.open_objections) or ["none"]
        outcome = draw(st.sampled_from(["upheld", "dismissed"]))
        data = {
            "objection_id": draw(st.sampled_from(ids)),
            "decided_by": "" if bad else "王乡长",
            "action": draw(st.sampled_from(["back_to_survey", "removed", "exit_cancelled", None])),
        }
    elif step in ("township_review", "county_approval"):
        outcome = draw(st.sampled_from(["approved"] * 5 + ["rejected"]))
    elif step == "exit_verification":
        data = {
            "per_capita_fen": draw(st.integers(300_000, 390_000) if bad else st.integers(400_001, 500_000)),
            "line_fen": 400_000,
            "guarantees": {**GUARANTEES_MET, "housing": False} if bad else GUARANTEES_MET,
        }
    elif step == "exit_acknowledgement":
        data = {"signed_by": "" if bad else "张三"}
    elif step in ("exclusion_override", "removal"):
        data = {"decided_by": "" if bad else "县扶贫办 王主任"}
    elif step == "lookback_check":
        outcome = draw(st.sampled_from(["confirmed", "wrongly_included"]))
    elif step == "member_change":
        data = {"kind": draw(st.sampled_from(["birth", "death", "divorce"]))}
    return Event(step=step, on_date=on, outcome=outcome, reason=reason, actor="测试员", data=data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_histories_hold_the_invariants(data) -> None:
    today = date(2024, 3, 1)
    state = State()
    events: list[Event] = []
    counter = [0]
    for _ in range(data.draw(st.integers(5, 120))):
        today += timedelta(days=data.draw(st.sampled_from([1, 2, 4, 8, 0])))
        legal = [s for s in STEPS if available(state, s, today=today, rules=RULES) is None]
        forward = [s for s in legal if s in FORWARD]
        mood = data.draw(st.integers(0, 9))
        pool = forward if forward and mood < 7 else legal if legal and mood < 9 else STEPS
        step = data.draw(st.sampled_from(pool))
        event = _event(data.draw, state, step, today, counter)
        try:
            check(state, event, today=today, rules=RULES)
        except ProcedureError as exc:
            assert exc.code and exc.message_zh and exc.message_en
            continue
        state = advance(state, event)
        events.append(event)
    hypothesis_event(f"final stage {state.stage}")
    assert replay(events) == state
    assert verify_history(events, RULES, stage=state.stage) == []
    if state.stage == "registered" and state.round:
        steps = [e.step for e in events]
        assert "village_announcement_end" in steps and "township_announcement_end" in steps


def test_the_straight_path_registers_and_every_short_cut_is_refused() -> None:
    day = date(2024, 1, 1)
    state = State()
    path = [
        Event("application", day),
        Event("survey", day + timedelta(1), outcome="eligible"),
        Event(
            "evaluation",
            day + timedelta(2),
            outcome="passed",
            data={"present": 20, "for": 15, "against": 3, "abstain": 2, "place": "村委会", "chair": "李书记"},
        ),
        Event("village_announcement_start", day + timedelta(3), data={"end": day + timedelta(10)}),
        Event("village_announcement_end", day + timedelta(11), outcome="completed"),
        Event("township_review", day + timedelta(12), outcome="approved"),
        Event("township_announcement_start", day + timedelta(13), data={"end": day + timedelta(20)}),
        Event("township_announcement_end", day + timedelta(21), outcome="completed"),
        Event("county_approval", day + timedelta(22), outcome="approved"),
        Event("county_notice", day + timedelta(23), outcome="registered"),
    ]
    for i, event in enumerate(path):
        for later in path[i + 1 :]:  # no later step may be taken now
            try:
                check(state, later, today=later.on_date, rules=RULES)
            except ProcedureError:
                continue
            raise AssertionError(f"{later.step} allowed at {state.stage}")
        check(state, event, today=event.on_date, rules=RULES)
        state = advance(state, event)
    assert state.stage == "registered"
    assert verify_history(path, RULES, stage="registered") == []


def test_an_announcement_cannot_be_closed_early_or_with_an_open_objection() -> None:
    state = State(stage="evaluated", last_date=date(2024, 1, 1))
    start = Event("village_announcement_start", date(2024, 1, 2), data={"end": date(2024, 1, 9)})
    state = advance(state, start)
    early = Event("village_announcement_end", date(2024, 1, 9))
    try:
        check(state, early, today=date(2024, 1, 9), rules=RULES)
    except ProcedureError as exc:
        assert exc.code == "announcement_running" and "2024-01-10" in exc.message_zh
    else:
        raise AssertionError("closed early")
    state = advance(state, Event("objection", date(2024, 1, 5), data={"objection_id": "x", "content": "c"}))
    late = Event("village_announcement_end", date(2024, 1, 12))
    try:
        check(state, late, today=date(2024, 1, 12), rules=RULES)
    except ProcedureError as exc:
        assert exc.code == "objections_open" and "1 条异议" in exc.message_zh
    else:
        raise AssertionError("closed with an open objection")


def test_rules_are_data_and_bad_values_are_named() -> None:
    rules = ProcedureRules.from_mapping({"pass_fraction": "2/3", "announcement_min_days": 10})
    assert rules.passes(14, 20, None) and not rules.passes(13, 20, None)
    assert ProcedureRules.from_mapping(rules.to_mapping()) == rules
    try:
        ProcedureRules.from_mapping({"announcement_min_days": 0})
    except ProcedureError as exc:
        assert "announcement_min_days" in exc.message_zh
    else:
        raise AssertionError("accepted 0 days")


def test_stage_labels_of_the_engine_match_the_code_list() -> None:
    from desktop_app.catalog import codelists
    from desktop_app.domain.procedure_rules import STAGE_LABELS

    stage = codelists()["stage"]
    assert set(stage.codes()) == set(STAGE_LABELS)
    for code, (zh, en) in STAGE_LABELS.items():
        assert stage.label(code, "zh") == zh and stage.label(code, "en") == en
