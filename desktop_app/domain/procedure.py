"""The identification, exit and adjustment procedure as a state machine over the household's event log.

A household's position is never stored on its own: it is what the event log says (``replay``). An action
is a proposed ``Event``; ``check`` refuses it with a ``ProcedureError`` naming what is missing (the steps
before it, the announcement period, an open objection, a reason), and ``advance`` folds an accepted event
into the state. Today's date is always an argument, so nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from desktop_app.domain import labels
from desktop_app.domain.procedure_rules import (
    ANNOUNCEMENT_LABELS,
    CLOSED_STAGES,
    EXIT_STAGES,
    MEMBER_CHANGE_KINDS,
    NOT_WITHDRAWABLE,
    OBJECTION_ACTIONS,
    REGISTERED_STAGES,
    ProcedureError,
    ProcedureRules,
    step_label,
)

__all__ = [
    "Announcement",
    "Event",
    "ProcedureError",
    "ProcedureRules",
    "State",
    "advance",
    "available",
    "check",
    "replay",
]


@dataclass(frozen=True)
class Event:
    """One recorded step: what happened, when, who did it, the outcome, the reason and the evidence."""

    step: str
    on_date: date
    outcome: str = ""
    reason: str = ""
    actor: str = ""
    batch_id: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Announcement:
    kind: str  # village, township, exit
    start: date
    end: date
    batch_id: str | None = None


@dataclass(frozen=True)
class State:
    """Where a household stands in the current round (a round starts with each application)."""

    stage: str | None = None  # None: no application recorded yet
    status: str = "1"
    round: int = 0
    last_date: date | None = None
    survey_outcome: str = ""
    pending_exclusions: tuple[str, ...] = ()
    overridden: bool = False
    announcement: Announcement | None = None
    open_objections: frozenset[str] = frozenset()
    returned: bool = False  # the round began as a return to poverty
    status_before_exit: str = "1"
    # where the household stood before its last step and which step that was: a correction goes back to it
    previous: State | None = field(default=None, compare=False, repr=False)
    last_step: str = field(default="", compare=False)


def _err(code: str, zh: str, en: str) -> ProcedureError:
    return ProcedureError(code, zh, en)


def _stage_is(state: State, step: str, *stages: str) -> None:
    if state.stage in stages:
        return

    def label(code: str | None, lang: str) -> str:
        return labels.label("stage", code, lang)

    need_zh = "、".join(label(s, "zh") for s in stages)
    need_en = ", ".join(label(s, "en") for s in stages)
    raise _err(
        "wrong_stage",
        f"现在不能进行“{step_label(step)}”：本户目前处于“{label(state.stage, 'zh')}”，需处于“{need_zh}”",
        f"cannot do '{step_label(step, 'en')}' now: the household is at '{label(state.stage, 'en')}', "
        f"it must be at '{need_en}'",
    )


def _need_text(value: Any, code: str, zh: str, en: str) -> None:
    if not str(value or "").strip():
        raise _err(code, zh, en)


def _need_reason(event: Event, zh_what: str, en_what: str) -> None:
    _need_text(event.reason, "reason_required", f"{zh_what}必须填写理由", f"{en_what} needs a written reason")


def _no_open_announcement(state: State, step: str) -> None:
    if state.announcement is not None:
        zh, en = ANNOUNCEMENT_LABELS[state.announcement.kind]
        raise _err(
            "announcement_open",
            f"本户正在{zh}中（至 {state.announcement.end.isoformat()}），不能进行“{step_label(step)}”",
            f"the household is in a {en} until {state.announcement.end.isoformat()}; "
            f"'{step_label(step, 'en')}' must wait",
        )


def _preconditions(state: State, step: str, today: date, rules: ProcedureRules) -> None:
    """What the household's position allows, before looking at the form the cadre filled."""
    ann = state.announcement
    if step == "application":
        if state.stage is not None and state.stage not in CLOSED_STAGES:
            _stage_is(state, step, "rejected", "removed")
    elif step == "return_to_poverty":
        _stage_is(state, step, "exited")
    elif step == "survey":
        _stage_is(state, step, "applied", "surveyed")
    elif step == "application_rejected":
        _stage_is(state, step, "applied", "surveyed")
    elif step == "exclusion_override":
        _stage_is(state, step, "surveyed")
        if not state.pending_exclusions:
            raise _err("nothing_to_override", "本户没有触及排除条件，无需例外认定", "no exclusion applies to override")
    elif step == "evaluation":
        _stage_is(state, step, "surveyed")
        if state.survey_outcome == "not_eligible":
            raise _err(
                "not_eligible",
                "入户调查结论为不符合识别条件（收入不低于贫困线且两不愁三保障均已达到），不能提交民主评议",
                "the survey found the household not eligible (income not below the line and all guarantees "
                "met); it cannot go to the democratic evaluation",
            )
        if state.pending_exclusions and not state.overridden:
            raise _err(
                "exclusion_not_overridden",
                "本户触及排除条件（"
                + "、".join(state.pending_exclusions)
                + "），须先由有权人员书面认定例外并写明理由，才能提交民主评议",
                "an exclusion applies ("
                + ", ".join(state.pending_exclusions)
                + "): it must be overridden in writing, with a reason and who decided, before the evaluation",
            )
    elif step == "village_announcement_start":
        _stage_is(state, step, "evaluated")
        _no_open_announcement(state, step)
    elif step == "township_review":
        _stage_is(state, step, "village_announced")
    elif step == "township_announcement_start":
        _stage_is(state, step, "township_reviewed")
        _no_open_announcement(state, step)
    elif step == "county_approval":
        _stage_is(state, step, "township_announced")
    elif step == "county_notice":
        _stage_is(state, step, "county_approved")
    elif step == "exit_proposal":
        _stage_is(state, step, "registered")
    elif step == "exit_verification":
        _stage_is(state, step, "exit_proposed")
    elif step == "exit_acknowledgement":
        _stage_is(state, step, "exit_verified")
    elif step == "exit_announcement_start":
        _stage_is(state, step, "exit_acknowledged")
        _no_open_announcement(state, step)
    elif step == "exit_notice":
        _stage_is(state, step, "exit_announced")
    elif step == "exit_withdrawal":
        _stage_is(state, step, *EXIT_STAGES[:-1])
        _no_open_announcement(state, step)
    elif step in ("lookback_check", "removal"):
        _stage_is(state, step, *sorted(REGISTERED_STAGES))
        _no_open_announcement(state, step)
    elif step.endswith("_announcement_end") or step == "objection":
        kind = step.split("_", 1)[0] if step != "objection" else None
        if ann is None or (kind is not None and ann.kind != kind):
            label = ANNOUNCEMENT_LABELS[kind] if kind else ("公示", "announcement")
            raise _err(
                "no_announcement",
                f"本户没有正在进行的{label[0]}，不能进行“{step_label(step)}”",
                f"the household has no {label[1]} under way; cannot do '{step_label(step, 'en')}'",
            )
        if step != "objection":
            if today <= ann.end:
                days = (ann.end - today).days
                raise _err(
                    "announcement_running",
                    f"{ANNOUNCEMENT_LABELS[ann.kind][0]}至 {ann.end.isoformat()} 止，期满前不能结束"
                    f"（还有 {days} 天，最早 {(ann.end + timedelta(days=1)).isoformat()} 可结束）",
                    f"the {ANNOUNCEMENT_LABELS[ann.kind][1]} runs until {ann.end.isoformat()} and cannot be closed "
                    f"before it ends (earliest {(ann.end + timedelta(days=1)).isoformat()})",
                )
            if state.open_objections:
                n = len(state.open_objections)
                raise _err(
                    "objections_open",
                    f"本户还有 {n} 条异议未处理，处理完毕后才能结束公示",
                    f"{n} objection(s) about this household are still open; resolve them before closing",
                )
    elif step == "objection_resolution":
        if not state.open_objections:
            raise _err("no_open_objection", "本户没有待处理的异议", "no open objection for this household")
    elif step == "member_change":
        if state.stage == "removed":
            raise _err("household_removed", "本户已清退，不能再调整成员", "the household was removed")
    elif step == "correction":
        if state.previous is None:
            raise _err("nothing_to_withdraw", "本户没有可撤回的程序步骤", "the household has no step to withdraw")
        if state.last_step in NOT_WITHDRAWABLE:
            zh, en = NOT_WITHDRAWABLE[state.last_step]
            raise _err(
                "not_withdrawable",
                f"上一步“{step_label(state.last_step)}”不能撤回：{zh}",
                f"the last step '{step_label(state.last_step, 'en')}' cannot be withdrawn: {en}",
            )
    else:
        raise _err("unknown_step", f"未知的程序步骤：{step}", f"unknown procedure step: {step}")


def check_step_date(
    label: tuple[str, str],
    on_date: date,
    *,
    today: date,
    previous: date | None,
    error: type[ProcedureError] = ProcedureError,
) -> None:
    """Refuse (with ``error``) a step dated after today or before the previous step; ``label`` is (zh, en)."""
    zh, en = label
    d = on_date
    if d > today:
        raise error(
            "future_date",
            f"“{zh}”的日期 {d.isoformat()} 晚于今天 {today.isoformat()}",
            f"the date of '{en}' ({d.isoformat()}) is after today ({today.isoformat()})",
        )
    if previous is not None and d < previous:
        raise error(
            "date_before_previous",
            f"“{zh}”的日期 {d.isoformat()} 早于上一步的日期 {previous.isoformat()}",
            f"the date of '{en}' ({d.isoformat()}) is before the previous step ({previous.isoformat()})",
        )


def _validate(state: State, event: Event, today: date, rules: ProcedureRules) -> None:
    """The form: dates, reasons, votes, periods, and the facts each step needs."""
    step, d = event.step, event.on_date
    check_step_date((step_label(step), step_label(step, "en")), d, today=today, previous=state.last_date)
    data = event.data
    if step == "survey":
        missing = data.get("missing") or []
        if missing:
            raise _err(
                "survey_incomplete",
                "入户调查尚未完成，缺少：" + "、".join(m[1] for m in missing),
                "the household survey is not complete; missing: " + ", ".join(m[2] for m in missing),
            )
        if event.outcome not in ("eligible", "excluded", "not_eligible"):
            raise _err("bad_outcome", "入户调查结论无效", f"invalid survey outcome {event.outcome!r}")
    elif step == "exclusion_override":
        _need_reason(event, "排除条件例外认定", "an exclusion override")
        _need_text(
            data.get("decided_by"), "decider_required", "例外认定必须写明决定人", "an override needs who decided"
        )
    elif step in ("application_rejected", "removal", "exit_withdrawal"):
        _need_reason(event, step_label(step), step_label(step, "en"))
        if step == "removal":
            _need_text(data.get("decided_by"), "decider_required", "清退必须写明决定人", "a removal needs who decided")
    elif step == "return_to_poverty":
        _need_reason(event, "返贫申请", "a return to poverty")
    elif step == "evaluation":
        _validate_votes(event, rules)
    elif step.endswith("_announcement_start"):
        end = data.get("end")
        if not isinstance(end, date):
            raise _err("end_required", "公示必须填写结束日期", "an announcement needs an end date")
        if (end - d).days < rules.announcement_min_days:
            raise _err(
                "period_too_short",
                f"公示期不足：{d.isoformat()} 至 {end.isoformat()}，结束日期至少应在开始日期 "
                f"{rules.announcement_min_days} 天之后",
                f"announcement period too short: {d.isoformat()} to {end.isoformat()}; the end must be at least "
                f"{rules.announcement_min_days} days after the start",
            )
    elif step.endswith("_announcement_end"):
        if state.announcement is not None and d <= state.announcement.end:
            raise _err(
                "announcement_running",
                f"公示至 {state.announcement.end.isoformat()} 止，结束日期必须在此之后",
                f"the announcement runs until {state.announcement.end.isoformat()}; close it after that date",
            )
    elif step == "objection":
        ann = state.announcement
        assert ann is not None
        if not ann.start <= d <= ann.end:
            raise _err(
                "objection_outside_period",
                f"异议日期 {d.isoformat()} 不在公示期 {ann.start.isoformat()} 至 {ann.end.isoformat()} 内",
                f"the objection date {d.isoformat()} is outside the announcement period",
            )
        _need_text(data.get("objection_id"), "objection_id_required", "异议缺少编号", "objection id missing")
        _need_text(data.get("content"), "objection_content_required", "异议必须写明内容", "an objection needs content")
    elif step == "objection_resolution":
        if data.get("objection_id") not in state.open_objections:
            raise _err("no_open_objection", "该异议不存在或已处理", "that objection is not open")
        if event.outcome not in ("upheld", "dismissed"):
            raise _err("bad_outcome", "异议处理结论必须为成立或不成立", "the decision must be upheld or dismissed")
        _need_text(
            event.reason,
            "finding_required",
            "异议处理必须写明调查核实情况",
            "a decision needs the investigation's finding",
        )
        _need_text(data.get("decided_by"), "decider_required", "异议处理必须写明决定人", "a decision needs who decided")
        if event.outcome == "upheld":
            allowed = (
                ("exit_cancelled",)
                if state.announcement and state.announcement.kind == "exit"
                else (
                    "back_to_survey",
                    "removed",
                )
            )
            if data.get("action") not in allowed:
                raise _err(
                    "action_required",
                    "异议成立时须选择处理方式：" + "、".join(OBJECTION_ACTIONS[a][0] for a in allowed),
                    "an upheld objection needs an action: " + ", ".join(OBJECTION_ACTIONS[a][1] for a in allowed),
                )
    elif step in ("township_review", "county_approval"):
        if event.outcome not in ("approved", "rejected"):
            raise _err("bad_outcome", "审核结论必须为同意或不同意", "the decision must be approved or rejected")
        if event.outcome == "rejected":
            _need_reason(event, "不予通过", "a rejection")
    elif step == "exit_verification":
        _validate_exit(event)
    elif step == "exit_acknowledgement":
        _need_text(
            data.get("signed_by"), "signature_required", "须写明签字认可的户主或家庭成员", "who signed must be given"
        )
    elif step == "lookback_check":
        if event.outcome not in ("confirmed", "wrongly_included"):
            raise _err("bad_outcome", "回头看结论必须为核实无误或错评", "outcome must be confirmed or wrongly included")
        if event.outcome == "wrongly_included":
            _need_reason(event, "认定错评", "wrongly included")
    elif step == "correction":
        _need_reason(event, "撤回上一步", "withdrawing a step")
    elif step == "member_change":
        if data.get("kind") not in MEMBER_CHANGE_KINDS:
            raise _err("bad_member_change", "成员变动类型无效", f"invalid member change {data.get('kind')!r}")
        _need_reason(event, "成员变动", "a member change")


def check_attendance(
    present: int, votes: Sequence[int], expected: int | None, error: type[ProcedureError] = ProcedureError
) -> None:
    """Refuse (with ``error``) attendance below one or above those expected, a negative vote, or more votes
    (for, against, abstaining) than attendees present; the identification and the monitoring evaluations."""
    if present < 1 or min(votes) < 0 or (expected is not None and present > expected):
        raise error(
            "bad_attendance",
            "实到人数须至少 1 人，且不超过应到人数；票数不能为负",
            "attendees present must be at least 1 and not above those expected; votes cannot be negative",
        )
    if sum(votes) > present:
        raise error(
            "too_many_votes",
            f"赞成、反对、弃权票合计 {sum(votes)} 超过实到人数 {present}",
            f"votes cast ({sum(votes)}) exceed attendees present ({present})",
        )


def _validate_votes(event: Event, rules: ProcedureRules) -> None:
    data = event.data
    try:
        present = int(data["present"])
        votes = [int(data.get(k) or 0) for k in ("for", "against", "abstain")]
        expected = None if data.get("expected") in (None, "") else int(data["expected"])
    except (KeyError, TypeError, ValueError) as exc:
        raise _err(
            "meeting_incomplete",
            "民主评议须记录实到人数和赞成、反对、弃权票数",
            "the evaluation needs attendees present and votes for, against and abstaining",
        ) from exc
    check_attendance(present, votes, expected)
    for key, zh, en in (("place", "会议地点", "place"), ("chair", "主持人", "chair")):
        _need_text(data.get(key), "meeting_incomplete", f"民主评议须记录{zh}", f"the meeting needs its {en}")
    passed = rules.passes(votes[0], present, expected)
    if event.outcome != ("passed" if passed else "failed"):
        raise _err("bad_outcome", "评议结论与票数不符", "the outcome does not match the votes")
    if not passed:
        _need_reason(event, "评议未通过", "a failed evaluation")


def _validate_exit(event: Event) -> None:
    data = event.data
    problems_zh: list[str] = []
    problems_en: list[str] = []
    line = data.get("line_fen")
    per_capita = data.get("per_capita_fen")
    if line is None or per_capita is None:
        problems_zh.append("缺少人均纯收入或当年贫困线")
        problems_en.append("per-capita income or the year's line is missing")
    elif per_capita <= line:
        problems_zh.append(f"人均纯收入 {per_capita / 100:.2f} 元未高于贫困线 {line / 100:.2f} 元")
        problems_en.append(f"per-capita income {per_capita / 100:.2f} yuan is not above the line {line / 100:.2f}")
    from desktop_app.domain.eligibility import GUARANTEE_LABELS, GUARANTEES

    guarantees = data.get("guarantees") or {}
    for name in GUARANTEES:
        value = guarantees.get(name)
        if value is not True:
            zh, en = GUARANTEE_LABELS[name]
            problems_zh.append(f"{zh}{'尚未核实' if value is None else '未达到'}")
            problems_en.append(f"{en} {'not checked' if value is None else 'not met'}")
    if problems_zh:
        raise _err(
            "exit_conditions_unmet",
            "不符合退出条件：" + "；".join(problems_zh),
            "exit conditions not met: " + "; ".join(problems_en),
        )


def check(state: State, event: Event, *, today: date, rules: ProcedureRules) -> None:
    """Raise ProcedureError unless ``event`` may be recorded now."""
    _preconditions(state, event.step, today, rules)
    _validate(state, event, today, rules)


def available(state: State, step: str, *, today: date, rules: ProcedureRules) -> ProcedureError | None:
    """Why ``step`` cannot be started now (None: it can), judged on the household's position only."""
    try:
        _preconditions(state, step, today, rules)
    except ProcedureError as exc:
        return exc
    return None


_ANNOUNCED = {"village": "village_announced", "township": "township_announced", "exit": "exit_announced"}


def advance(state: State, event: Event) -> State:
    """The state after ``event`` (assumed checked). A correction returns to the state before the last step:
    stage, status, announcement and dates as they were, so the step can be entered again as it happened."""
    step, out = event.step, event.outcome
    if step == "correction":
        return state.previous if state.previous is not None else state
    if step in ("application", "return_to_poverty"):
        returned = step == "return_to_poverty" or bool(event.data.get("return_to_poverty"))
        return State(
            stage="applied",
            status="4" if returned else ("1" if state.stage is None else state.status),
            round=state.round + 1,
            last_date=event.on_date,
            returned=returned,
            previous=state,
            last_step=step,
        )
    last = max(state.last_date or event.on_date, event.on_date)
    changes: dict[str, Any] = {}
    if step == "survey":
        excl = tuple(event.data.get("exclusions") or ())
        changes = {"stage": "surveyed", "survey_outcome": out, "pending_exclusions": excl, "overridden": False}
    elif step == "exclusion_override":
        changes = {"overridden": True}
    elif step == "application_rejected":
        changes = {"stage": "rejected"}
    elif step == "evaluation":
        changes = {"stage": "evaluated" if out == "passed" else "rejected"}
    elif step.endswith("_announcement_start"):
        kind = step.split("_", 1)[0]
        ann = Announcement(kind, event.on_date, event.data["end"], event.batch_id)
        changes = {"announcement": ann, "open_objections": frozenset()}
    elif step.endswith("_announcement_end"):
        changes = {"stage": _ANNOUNCED[step.split("_", 1)[0]], "announcement": None}
    elif step == "objection":
        changes = {"open_objections": state.open_objections | {str(event.data["objection_id"])}}
    elif step == "objection_resolution":
        changes = {"open_objections": state.open_objections - {str(event.data.get("objection_id"))}}
        if out == "upheld":
            action = event.data.get("action")
            if action == "back_to_survey":
                changes = {
                    "stage": "applied",
                    "announcement": None,
                    "open_objections": frozenset(),
                    "survey_outcome": "",
                }
            elif action == "exit_cancelled":
                changes.update(stage="registered", status=state.status_before_exit, announcement=None)
            else:
                changes = {"stage": "removed", "announcement": None, "open_objections": frozenset()}
    elif step == "township_review":
        changes = {"stage": "township_reviewed" if out == "approved" else "rejected"}
    elif step == "county_approval":
        changes = {"stage": "county_approved" if out == "approved" else "rejected"}
    elif step == "county_notice":
        changes = {"stage": "registered", "status": "4" if state.returned else "1"}
    elif step == "exit_proposal":
        changes = {"stage": "exit_proposed", "status_before_exit": state.status, "status": "2"}
    elif step == "exit_verification":
        changes = {"stage": "exit_verified"}
    elif step == "exit_acknowledgement":
        changes = {"stage": "exit_acknowledged"}
    elif step == "exit_notice":
        changes = {"stage": "exited", "status": "3"}
    elif step == "exit_withdrawal":
        changes = {"stage": "registered", "status": state.status_before_exit}
    elif step == "removal":
        changes = {"stage": "removed"}
    # lookback_check (confirmed) and member_change do not move the household
    return replace(state, last_date=last, previous=state, last_step=step, **changes)


def replay(events: Iterable[Event]) -> State:
    state = State()
    for event in events:
        state = advance(state, event)
    return state
