"""The monitoring procedure (防止返贫监测) as a state machine over one case's event log.

A case's position is what its log says (``replay``). A step is a proposed ``Event`` (built from a form's
values by ``make_event``); ``check`` refuses it with a ``MonitorError`` naming what is missing (the step
before it, the notice period, an open objection, a reason, the votes), ``advance`` folds an accepted event
into the state, ``available`` says why a step cannot start now. Today's date is always an argument.
The removal guards (``removal_guards``) are judged by the service on the facts of the card and written into
the removal check's data; a failure then blocks the removal evaluation until it is overridden in writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules
from desktop_app.domain.monitoring_steps import (
    CHOICES,
    RESOLUTION_ACTIONS,
    RESOLUTION_OUTCOMES,
    STEPS,
    split_list,
    stage_label,
    step_label,
    typed_values,
)
from desktop_app.domain.procedure import Event, check_attendance, check_step_date

__all__ = ["Event", "MonitorState", "Notice", "advance", "available", "check", "make_event", "replay"]


@dataclass(frozen=True)
class Notice:
    kind: str  # inclusion | removal
    start: date
    end: date


@dataclass(frozen=True)
class MonitorState:
    """Where a case stands; ``stage`` None: no clue recorded yet."""

    stage: str | None = None
    last_date: date | None = None
    found: date | None = None
    source: str = ""
    category: str | None = None
    compared: str = ""  # "", passed, issues: the latest data comparison
    notice: Notice | None = None
    objections: frozenset[str] = frozenset()  # every objection id raised in this case
    open_objections: frozenset[str] = frozenset()
    included_on: date | None = None
    removal_method: str | None = None
    guard_failures: tuple[str, ...] = ()
    overridden: bool = False
    steps: int = field(default=0, compare=False)


def _err(code: str, zh: str, en: str) -> MonitorError:
    return MonitorError(code, zh, en)


def _wrong_stage(state: MonitorState, action: str) -> MonitorError:
    allowed = STEPS[action].stages
    need_zh = "、".join(stage_label(s) for s in allowed)
    need_en = ", ".join(stage_label(s, "en") for s in allowed)
    return _err(
        "wrong_stage",
        f"现在不能进行“{step_label(action)}”：本户的监测程序处于“{stage_label(state.stage)}”，需处于“{need_zh}”",
        f"cannot do '{step_label(action, 'en')}' now: the case is at '{stage_label(state.stage, 'en')}', "
        f"it must be at '{need_en}'",
    )


def _preconditions(state: MonitorState, action: str, today: date) -> None:
    """What the case's position allows, before looking at the values."""
    rule = STEPS.get(action)
    if rule is None:
        raise _err("unknown_step", f"未知的监测步骤：{action}", f"unknown monitoring step: {action}")
    if state.stage not in rule.stages:
        raise _wrong_stage(state, action)
    notice = state.notice
    if action in ("notice_end", "removal_notice_end") and notice is not None:
        if today <= notice.end:
            raise _err(
                "notice_running",
                f"公示至 {notice.end.isoformat()} 止，期满前不能结束（最早 "
                f"{(notice.end + timedelta(days=1)).isoformat()} 可结束）",
                f"the notice runs until {notice.end.isoformat()} and cannot be closed before it ends",
            )
    if action in ("notice_end", "removal_notice_end") and state.open_objections:
        n = len(state.open_objections)
        raise _err(
            "objections_open",
            f"本户还有 {n} 条异议未处理，处理完毕后才能结束公示",
            f"{n} objection(s) are still open; resolve them before closing the notice",
        )
    if action == "objection_resolution" and not state.open_objections:
        raise _err("no_open_objection", "本户没有待处理的异议", "no open objection for this case")
    if action == "township_review" and not state.compared:
        raise _err(
            "not_compared",
            "尚未进行县级信息比对，不能进行乡镇审核",
            "the county data comparison has not been recorded; the township review must wait",
        )
    if action == "removal_override" and (not state.guard_failures or state.overridden):
        raise _err(
            "nothing_to_override",
            "消除风险核实没有未通过的条件，无需例外认定",
            "the removal check found nothing to override",
        )
    if action == "removal_evaluation" and state.guard_failures and not state.overridden:
        raise _err(
            "guards_failed",
            "消除风险核实有未满足的条件（" + "、".join(state.guard_failures) + "），须先书面认定例外并写明理由和决定人",
            "the removal check failed (" + ", ".join(state.guard_failures) + "); override it in writing first",
        )


def _need(value: Any, code: str, zh: str, en: str) -> None:
    if not str(value or "").strip():
        raise _err(code, zh, en)


def _votes(event: Event, rules: MonitorRules) -> bool:
    data = event.data
    present, expected = int(data["present"]), data.get("expected")
    expected = None if expected is None else int(expected)
    votes = [int(data[k]) for k in ("for", "against", "abstain")]
    check_attendance(present, votes, expected, MonitorError)
    return rules.passes(votes[0], present, expected)


def _validate(state: MonitorState, event: Event, today: date, rules: MonitorRules) -> None:
    action, d, data = event.step, event.on_date, event.data
    label = step_label(action)
    check_step_date((label, step_label(action, "en")), d, today=today, previous=state.last_date, error=MonitorError)
    if action == "clue":
        risks = list(data.get("risks") or ())
        if not 1 <= len(risks) <= 5 or len(set(risks)) != len(risks):
            raise _err("bad_risks", "风险类型须填写 1 至 5 项且不能重复", "give one to five different risk types")
        if "04" in risks and not data.get("disaster_sub"):
            raise _err("disaster_sub_required", "因自然灾害须选择灾害子项", "a natural disaster needs its sub-item")
        if "99" in risks:
            _need(data.get("risk_note"), "risk_note_required", "风险类型“其他”须写明备注", "'other' needs a remark")
    elif action in ("home_check", "removal_check"):
        checkers = split_list(data.get("checkers"))
        if len(set(checkers)) < rules.min_checkers:
            raise _err(
                "too_few_checkers",
                f"入户核实须至少 {rules.min_checkers} 人参加（现填写 {len(set(checkers))} 人）",
                f"a home check needs at least {rules.min_checkers} people ({len(set(checkers))} given)",
            )
        if action == "removal_check":
            stable = data.get("stable_since")
            if isinstance(stable, date) and stable > d:
                raise _err("bad_stable_since", "收入稳定起始日期不能晚于核实日期", "stable_since is after the check")
            if not isinstance(data.get("guard_failures"), list):
                raise _err("guards_missing", "消除风险核实缺少条件判断结果", "the removal check has no guard result")
    elif action == "consent":
        if data.get("fingerprint") is not True:
            if not str(data.get("filled_by") or "").strip() or not event.reason.strip():
                raise _err(
                    "fingerprint_required",
                    "承诺授权书须由农户签字并按手印；如由他人代填代签，须写明代签人和原因",
                    "the consent needs the household's fingerprint, or who filled it in for them and why",
                )
    elif action == "comparison":
        if event.outcome not in CHOICES["result"]:
            raise _err("bad_outcome", "比对结果须为 passed（通过）或 issues（发现问题）", "result: passed or issues")
        if event.outcome == "issues":
            _need(data.get("findings"), "findings_required", "比对发现问题时须写明情况", "issues need findings")
    elif action in ("evaluation", "removal_evaluation"):
        passed = _votes(event, rules)
        if event.outcome != ("passed" if passed else "failed"):
            raise _err("bad_outcome", "评议结论与票数不符", "the outcome does not match the votes")
    elif action in ("notice_start", "removal_notice_start"):
        end = data["end"]
        if (end - d).days < rules.notice_min_days:
            raise _err(
                "period_too_short",
                f"公示期不足：{d.isoformat()} 至 {end.isoformat()}，结束日期至少应在开始日期 "
                f"{rules.notice_min_days} 天之后",
                f"notice period too short: the end must be at least {rules.notice_min_days} days after the start",
            )
    elif action in ("notice_end", "removal_notice_end"):
        if state.notice is not None and d <= state.notice.end:
            raise _err(
                "notice_running",
                f"公示至 {state.notice.end.isoformat()} 止，结束日期必须在此之后",
                f"the notice runs until {state.notice.end.isoformat()}; close it after that date",
            )
    elif action == "objection":
        notice = state.notice
        if notice is None or not notice.start <= d <= notice.end:
            raise _err(
                "objection_outside_period",
                f"异议日期 {d.isoformat()} 不在公示期内",
                f"the objection date {d.isoformat()} is outside the notice period",
            )
        if str(data.get("objection_id")) in state.objections:
            raise _err("objection_exists", "该异议编号已登记过", "that objection id is already recorded")
    elif action == "objection_resolution":
        if str(data.get("objection_id")) not in state.open_objections:
            raise _err("no_open_objection", "该异议不存在或已处理", "that objection is not open")
        if event.outcome not in RESOLUTION_OUTCOMES:
            raise _err("bad_outcome", "异议处理结论须为 upheld（成立）或 dismissed（不成立）", "upheld or dismissed")
        kind = state.notice.kind if state.notice else "inclusion"
        if event.outcome == "upheld" and kind == "inclusion" and data.get("action") not in RESOLUTION_ACTIONS:
            raise _err(
                "action_required",
                "异议成立时须选择处理方式：recheck（退回重新入户核实）或 refuse（不予纳入）",
                "an upheld objection needs an action: recheck or refuse",
            )
    elif action.endswith(("township_review", "county_approval")):
        if event.outcome not in CHOICES["outcome"]:
            raise _err("bad_outcome", "审核结论须为 approved（同意）或 rejected（不同意）", "approved or rejected")
        if event.outcome == "rejected":
            _need(event.reason, "reason_required", f"{label}不同意时须写明理由", "a rejection needs a reason")
        elif action == "township_review" and state.compared != "passed":
            raise _err(
                "comparison_issues",
                "县级信息比对发现问题，乡镇审核不能同意（可不同意并写明理由）",
                "the data comparison found issues; the township cannot approve",
            )
    elif action == "removal_proposal" and data.get("method") not in CHOICES["method"]:
        raise _err("bad_method", "风险消除方式须为 1（帮扶消除）或 2（自然消除）", "method must be 1 or 2")


def check(state: MonitorState, event: Event, *, today: date, rules: MonitorRules) -> None:
    """Raise MonitorError unless ``event`` may be recorded now."""
    _preconditions(state, event.step, today)
    _validate(state, event, today, rules)


def available(state: MonitorState, action: str, *, today: date) -> MonitorError | None:
    """Why ``action`` cannot start now (None: it can), judged on the case's position only."""
    try:
        _preconditions(state, action, today)
    except MonitorError as exc:
        return exc
    return None


def make_event(
    action: str,
    values: Mapping[str, Any],
    *,
    rules: MonitorRules,
    actor: str = "",
    facts: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Event:
    """The event of ``action`` from a form's (or the command line's) values, typed and complete; the outcome of
    a vote follows the county's pass rule. ``facts`` (what the service read from the card) join the data."""
    typed = typed_values(action, values, rules.removal_fields, labels)
    on_date = typed.pop("found") if action == "clue" else typed.pop("date")
    reason = str(typed.pop("reason", "") or "")
    outcome = ""
    if action in ("evaluation", "removal_evaluation"):
        expected = typed.get("expected")
        votes_for, present = int(typed["for"]), int(typed["present"])
        outcome = "passed" if rules.passes(votes_for, present, expected) else "failed"
    elif action == "comparison":
        outcome = str(typed.get("result", ""))
    elif "outcome" in typed:
        outcome = str(typed.pop("outcome"))
    data = {**typed, **dict(facts or {})}
    return Event(action, on_date, outcome, reason, actor, None, data)


def _back_to_included(state: MonitorState) -> dict[str, Any]:
    return {
        "stage": "included",
        "notice": None,
        "open_objections": frozenset(),
        "removal_method": None,
        "guard_failures": (),
        "overridden": False,
    }


def advance(state: MonitorState, event: Event) -> MonitorState:
    """The state after ``event`` (assumed checked)."""
    step, out, data = event.step, event.outcome, event.data
    last = max(state.last_date or event.on_date, event.on_date)
    changes: dict[str, Any] = {}
    if step == "clue":
        changes = {"stage": "clue", "found": event.on_date, "source": str(data.get("source", ""))}
    elif step == "home_check":
        changes = {"stage": "checked", "category": data.get("category") or state.category}
    elif step == "consent":
        changes = {"stage": "consented"}
    elif step == "comparison":
        changes = {"compared": out}
    elif step == "evaluation":
        changes = {"stage": "evaluated" if out == "passed" else "refused"}
    elif step in ("notice_start", "removal_notice_start"):
        kind = "removal" if step.startswith("removal") else "inclusion"
        changes = {
            "stage": "removal_noticing" if kind == "removal" else "noticing",
            "notice": Notice(kind, event.on_date, data["end"]),
            "open_objections": frozenset(),
        }
    elif step in ("notice_end", "removal_notice_end"):
        changes = {"stage": "removal_noticed" if step.startswith("removal") else "noticed", "notice": None}
    elif step == "objection":
        oid = str(data["objection_id"])
        changes = {"objections": state.objections | {oid}, "open_objections": state.open_objections | {oid}}
    elif step == "objection_resolution":
        changes = {"open_objections": state.open_objections - {str(data.get("objection_id"))}}
        if out == "upheld":
            if state.notice is not None and state.notice.kind == "removal":
                changes = _back_to_included(state)
            elif data.get("action") == "recheck":
                changes = {"stage": "clue", "notice": None, "open_objections": frozenset(), "compared": ""}
            else:
                changes = {"stage": "refused", "notice": None, "open_objections": frozenset()}
    elif step in ("township_review", "county_approval"):
        target = "township_reviewed" if step == "township_review" else "county_approved"
        changes = {"stage": target if out == "approved" else "refused"}
    elif step == "announcement":
        changes = {"stage": "included", "included_on": event.on_date, "category": data.get("category")}
    elif step == "refusal":
        changes = {"stage": "refused"}
    elif step == "withdrawal":
        changes = {"stage": "withdrawn"}
    elif step == "removal_proposal":
        changes = {"stage": "removal_proposed", "removal_method": data.get("method")}
    elif step == "removal_check":
        codes = tuple(str(f.get("code")) for f in data.get("guard_failures") or ())
        changes = {"stage": "removal_checked", "guard_failures": codes, "overridden": False}
    elif step == "removal_override":
        changes = {"overridden": True}
    elif step == "removal_evaluation":
        changes = {"stage": "removal_evaluated"} if out == "passed" else _back_to_included(state)
    elif step in ("removal_township_review", "removal_county_approval"):
        target = "removal_township_reviewed" if step == "removal_township_review" else "removed"
        changes = {"stage": target} if out == "approved" else _back_to_included(state)
    # contact does not move the case
    return replace(state, last_date=last, steps=state.steps + 1, **changes)


def replay(events: Iterable[Event]) -> MonitorState:
    state = MonitorState()
    for event in events:
        state = advance(state, event)
    return state
