"""An independent check of one monitoring case's event log (what a reviewer would object to).

``check`` in :mod:`desktop_app.domain.monitoring` refuses illegal steps one at a time; this module reads a
whole history afterwards (a database, a merged laptop, the demo data) and lists every inclusion without
consent, a passed comparison, a passed evaluation, a full notice with no open objection and both approvals
in order; every removal with a failed guard not overridden in writing; dates going backwards; a refusal or
rejection without a reason; a stored stage that is not the log's. It shares no code with the engine on
purpose, so that a bug in one is caught by the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.procedure import Event
from desktop_app.domain.procedure_audit import Violation

__all__ = ["Violation", "log_stage", "verify_case_history"]

_NEEDS_REASON = {
    ("refusal", ""),
    ("withdrawal", ""),
    ("removal_override", ""),
    ("objection_resolution", ""),
    ("township_review", "rejected"),
    ("county_approval", "rejected"),
    ("removal_township_review", "rejected"),
    ("removal_county_approval", "rejected"),
}


def _v(code: str, zh: str, en: str, event: Event | None = None) -> Violation:
    return Violation(code, zh, en, event.step if event else "", event.on_date if event else None)


@dataclass
class _Round:
    """What one inclusion attempt has gathered (from the clue, or from a re-check after an objection)."""

    seen: dict[str, int] = field(default_factory=dict)  # requirement -> index of the event that met it
    compared: str = ""
    notice: tuple[date, date] | None = None
    open_objections: set[str] = field(default_factory=set)


_INCLUSION_NEEDS = (
    ("consent", "承诺授权", "the consent"),
    ("evaluation", "民主评议通过", "a passed evaluation"),
    ("notice_end", "公示期满且无未处理异议", "a full notice with no open objection"),
    ("township_review", "乡镇审核同意", "township approval"),
    ("county_approval", "县级审批同意", "county approval"),
)
_REMOVAL_NEEDS = (
    ("removal_check", "消除风险核实", "the removal check"),
    ("removal_evaluation", "消除风险评议通过", "a passed removal evaluation"),
    ("removal_notice_end", "消除风险公示期满且无未处理异议", "a full removal notice"),
    ("removal_township_review", "消除风险乡镇审核同意", "township approval of the removal"),
)


def _passed(event: Event) -> bool:
    return event.outcome in ("passed", "approved", "")


def _close_notice(rnd: _Round, event: Event, index: int, min_days: int, out: list[Violation]) -> None:
    if rnd.notice is None:
        out.append(_v("notice_not_opened", "公示结束前没有公示开始的记录", "a notice closed that never opened", event))
        return
    start, end = rnd.notice
    if (end - start).days < min_days or event.on_date <= end:
        out.append(
            _v(
                "notice_too_short",
                f"公示 {start.isoformat()} 至 {end.isoformat()} 不足 {min_days} 天或未到期即结束",
                "the notice was shorter than the minimum or closed before its end",
                event,
            )
        )
    elif rnd.open_objections:
        out.append(_v("objection_open_at_close", "公示结束时仍有未处理的异议", "closed with an objection open", event))
    else:
        rnd.seen[event.step] = index
    rnd.notice = None


def _require(rnd: _Round, needs: Sequence[tuple[str, str, str]], event: Event, out: list[Violation]) -> None:
    last = -1
    for key, zh, en in needs:
        at = rnd.seen.get(key)
        if at is None:
            out.append(_v(f"missing_{key}", f"“{event.step}”之前缺少{zh}", f"{event.step} without {en}", event))
        elif at < last:
            out.append(_v("out_of_order", f"{zh}的顺序有误", f"{en} out of order", event))
        else:
            last = at


def verify_case_history(
    events: Sequence[Event], stored_stage: str | None, *, notice_min_days: int = 5
) -> list[Violation]:
    """Every problem of one case's log (in order) and of its stored stage (empty: the history is sound)."""
    out: list[Violation] = []
    rnd, removal = _Round(), _Round()
    failures: list[str] = []
    overridden = False
    previous: date | None = None
    for index, event in enumerate(events):
        step, data = event.step, event.data
        if previous is not None and event.on_date < previous:
            out.append(_v("date_backwards", "步骤日期早于上一步", "a step dated before the previous one", event))
        previous = max(previous or event.on_date, event.on_date)
        if ((step, "") in _NEEDS_REASON or (step, event.outcome) in _NEEDS_REASON) and not event.reason.strip():
            out.append(_v("reason_missing", f"“{step}”没有写明理由", f"{step} has no written reason", event))
        if step == "clue":
            rnd = _Round()
        elif step in ("consent", "evaluation", "township_review", "county_approval") and _passed(event):
            rnd.seen.setdefault(step, index)
        elif step == "comparison":
            rnd.compared = event.outcome
        elif step in ("notice_start", "removal_notice_start"):
            target = removal if step.startswith("removal") else rnd
            target.notice, target.open_objections = (event.on_date, data.get("end") or event.on_date), set()
        elif step == "objection":
            for target in (rnd, removal):
                if target.notice is not None:
                    target.open_objections.add(str(data.get("objection_id")))
        elif step == "objection_resolution":
            for target in (rnd, removal):
                target.open_objections.discard(str(data.get("objection_id")))
            if event.outcome == "upheld" and data.get("action") == "recheck":
                rnd = _Round()
        elif step in ("notice_end", "removal_notice_end"):
            _close_notice(removal if step.startswith("removal") else rnd, event, index, notice_min_days, out)
        elif step == "announcement":
            if rnd.compared != "passed":
                out.append(
                    _v("missing_comparison", "纳入前县级信息比对未通过", "included without a passed comparison", event)
                )
            _require(rnd, _INCLUSION_NEEDS, event, out)
        elif step == "removal_proposal":
            removal, failures, overridden = _Round(), [], False
        elif step == "removal_check":
            removal.seen["removal_check"] = index
            failures = [str(f.get("code")) for f in data.get("guard_failures") or ()]
            overridden = False
        elif step == "removal_override":
            overridden = bool(event.reason.strip() and str(data.get("decided_by") or "").strip())
        elif step in ("removal_evaluation", "removal_township_review") and _passed(event):
            removal.seen.setdefault(step, index)
        elif step == "removal_county_approval" and event.outcome == "approved":
            _require(removal, _REMOVAL_NEEDS, event, out)
            if failures and not overridden:
                out.append(
                    _v(
                        "guard_not_overridden",
                        "消除风险核实未通过的条件（" + "、".join(failures) + "）没有书面例外认定",
                        "a removal with failed guards not overridden in writing",
                        event,
                    )
                )
    stage = log_stage(events)
    if stored_stage != stage:
        out.append(
            _v(
                "stage_mismatch",
                f"记录的阶段“{stored_stage}”与步骤记录推出的“{stage}”不一致",
                f"stored stage {stored_stage!r} differs from the log's {stage!r}",
            )
        )
    return out


_MOVES = {
    "clue": "clue",
    "home_check": "checked",
    "consent": "consented",
    "notice_start": "noticing",
    "notice_end": "noticed",
    "announcement": "included",
    "refusal": "refused",
    "withdrawal": "withdrawn",
    "removal_proposal": "removal_proposed",
    "removal_check": "removal_checked",
    "removal_notice_start": "removal_noticing",
    "removal_notice_end": "removal_noticed",
}
# (step) -> (stage when passed/approved, stage otherwise)
_DECISIONS = {
    "evaluation": ("evaluated", "refused"),
    "township_review": ("township_reviewed", "refused"),
    "county_approval": ("county_approved", "refused"),
    "removal_evaluation": ("removal_evaluated", "included"),
    "removal_township_review": ("removal_township_reviewed", "included"),
    "removal_county_approval": ("removed", "included"),
}


def log_stage(events: Sequence[Event]) -> str | None:
    """The stage a log leads to, folded on its own (None: an empty log)."""
    stage: str | None = None
    for event in events:
        if event.step in _MOVES:
            stage = _MOVES[event.step]
        elif event.step in _DECISIONS:
            yes, no = _DECISIONS[event.step]
            stage = yes if event.outcome in ("passed", "approved") else no
        elif event.step == "objection_resolution" and event.outcome == "upheld":
            if stage == "removal_noticing":
                stage = "included"
            else:
                stage = "clue" if event.data.get("action") == "recheck" else "refused"
    return stage
