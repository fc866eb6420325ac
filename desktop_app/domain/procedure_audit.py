"""An independent check of a household's event log against the rules of the procedure.

``check`` in :mod:`desktop_app.domain.procedure` refuses illegal actions one at a time; this module reads a
whole history afterwards (a database, an import, the demo data) and lists what a reviewer would object to:
a registration without both full announcements, an objection left open, a rejection without a reason.
It shares no code with the guards on purpose, so a bug in one is caught by the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.procedure import Event, replay
from desktop_app.domain.procedure_rules import NOT_WITHDRAWABLE, ProcedureRules, step_label


@dataclass(frozen=True)
class Violation:
    code: str
    zh: str
    en: str
    step: str = ""
    on_date: date | None = None


# (step, outcome or "" for any) pairs that end or reverse something and so must say why.
_NEEDS_REASON = {
    ("application_rejected", ""),
    ("removal", ""),
    ("exit_withdrawal", ""),
    ("return_to_poverty", ""),
    ("exclusion_override", ""),
    ("evaluation", "failed"),
    ("township_review", "rejected"),
    ("county_approval", "rejected"),
    ("objection_resolution", ""),
    ("lookback_check", "wrongly_included"),
    ("member_change", ""),
}
_NEEDS_DECIDER = {"exclusion_override", "removal", "objection_resolution"}
_REGISTRATION_NEEDS = (
    ("survey", None, "入户调查", "household survey"),
    ("evaluation", "passed", "民主评议通过", "a passed democratic evaluation"),
    ("village_announcement_end", None, "村内公示期满", "a completed village announcement"),
    ("township_review", "approved", "乡镇审核同意", "township approval"),
    ("township_announcement_end", None, "乡镇公示期满", "a completed township announcement"),
    ("county_approval", "approved", "县级审批同意", "county approval"),
)
_EXIT_NEEDS = (
    ("exit_verification", None, "退出核验", "exit verification"),
    ("exit_acknowledgement", None, "户签字认可", "household acknowledgement"),
    ("exit_announcement_end", None, "退出公示期满", "a completed exit announcement"),
)


def _v(code: str, zh: str, en: str, event: Event | None = None) -> Violation:
    return Violation(code, zh, en, event.step if event else "", event.on_date if event else None)


def _without_withdrawn(events: Sequence[Event]) -> tuple[list[Event], list[Violation]]:
    """The history as it stands once each correction has taken back the step before it, and what is wrong
    with the corrections themselves (no reason, nothing to take back, a step that cannot be taken back)."""
    kept: list[Event] = []
    out: list[Violation] = []
    for event in events:
        if event.step != "correction":
            kept.append(event)
            continue
        if not event.reason.strip():
            out.append(_v("missing_reason", "撤回上一步没有写明理由", "a correction has no reason", event))
        if not kept:
            out.append(_v("nothing_withdrawn", "撤回上一步之前没有任何步骤", "a correction with no step before", event))
            continue
        withdrawn = kept.pop()
        if withdrawn.step in NOT_WITHDRAWABLE:
            out.append(
                _v(
                    "not_withdrawable",
                    f"撤回了不能撤回的步骤：{step_label(withdrawn.step)}",
                    f"a correction withdrew {withdrawn.step}, which cannot be withdrawn",
                    event,
                )
            )
        if event.on_date < withdrawn.on_date:
            out.append(
                _v("date_order", "撤回上一步的日期早于被撤回的步骤", "a correction is dated before its step", event)
            )
    return kept, out


def verify_history(events: Sequence[Event], rules: ProcedureRules, *, stage: str | None = None) -> list[Violation]:
    """Everything wrong with one household's history (empty: it holds). ``stage`` is the stored stage.

    A step withdrawn by a correction (撤回上一步) stays in the history but does not count: the rest is judged
    as if it had never been entered, and the correction itself must give its reason.
    """
    all_events = list(events)
    events, out = _without_withdrawn(all_events)
    previous: date | None = None
    progress: list[Event] = []  # steps of the identification since the round began (or went back to survey)
    exit_progress: list[Event] = []
    opened: dict[str, Event] = {}  # announcement kind -> its start event
    open_objections: dict[str, set[str]] = {}  # announcement kind -> objection ids
    for event in events:
        label = step_label(event.step)
        if previous is not None and event.on_date < previous:
            out.append(
                _v("date_order", f"{label}的日期早于上一步", f"{event.step} is dated before the step before", event)
            )
        previous = max(previous or event.on_date, event.on_date)
        if any(event.step == s and (o == "" or event.outcome == o) for s, o in _NEEDS_REASON):
            if not event.reason.strip():
                out.append(_v("missing_reason", f"{label}没有写明理由", f"{event.step} has no reason", event))
        if event.step in _NEEDS_DECIDER and not str(event.data.get("decided_by") or "").strip():
            out.append(_v("missing_decider", f"{label}没有写明决定人", f"{event.step} does not say who decided", event))
        step = event.step
        if step in ("application", "return_to_poverty"):
            progress, exit_progress, opened, open_objections = [], [], {}, {}
        elif step.endswith("_announcement_start"):
            kind = step.split("_", 1)[0]
            opened[kind] = event
            open_objections[kind] = set()
            end = event.data.get("end")
            if not isinstance(end, date) or (end - event.on_date).days < rules.announcement_min_days:
                out.append(
                    _v(
                        "period_too_short",
                        f"{label}：公示期少于 {rules.announcement_min_days} 天",
                        f"{step}: period shorter than {rules.announcement_min_days} days",
                        event,
                    )
                )
        elif step == "objection":
            for kind, opening in opened.items():
                open_objections.setdefault(kind, set()).add(str(event.data.get("objection_id")))
                if not opening.on_date <= event.on_date:
                    out.append(_v("objection_date", "异议早于公示开始", "objection before the announcement", event))
        elif step == "objection_resolution":
            for ids in open_objections.values():
                ids.discard(str(event.data.get("objection_id")))
            if event.outcome == "upheld":
                action = event.data.get("action")
                if action == "back_to_survey":
                    progress = []
                elif action == "exit_cancelled":
                    exit_progress = []
                opened, open_objections = {}, {}
        elif step.endswith("_announcement_end"):
            kind = step.split("_", 1)[0]
            start = opened.pop(kind) if kind in opened else None
            if start is None:
                out.append(
                    _v("announcement_not_started", f"{label}之前没有公示开始记录", f"{step} without a start", event)
                )
            else:
                end = start.data.get("end")
                if isinstance(end, date) and event.on_date <= end:
                    out.append(
                        _v("announcement_cut_short", f"{label}早于公示期满", f"{step} before the period ended", event)
                    )
            if open_objections.pop(kind, set()):
                out.append(_v("objection_open", f"{label}时仍有未处理的异议", f"{step} with open objections", event))
        if step in ("survey", "evaluation", "village_announcement_end", "township_review"):
            progress.append(event)
        elif step in ("township_announcement_end", "county_approval", "exclusion_override"):
            progress.append(event)
        elif step in ("exit_verification", "exit_acknowledgement", "exit_announcement_end"):
            exit_progress.append(event)
        elif step == "exit_proposal":
            exit_progress = []
        elif step == "exit_withdrawal":
            exit_progress = []
        if step == "county_notice":
            out.extend(_missing(progress, _REGISTRATION_NEEDS, event, "登记", "registration"))
            surveys = [e for e in progress if e.step == "survey"]
            if surveys and surveys[-1].data.get("exclusions"):
                after = progress[progress.index(surveys[-1]) :]
                if not any(e.step == "exclusion_override" for e in after):
                    out.append(
                        _v(
                            "exclusion_not_overridden",
                            "触及排除条件却未经书面例外认定即登记",
                            "registered despite an exclusion without a written override",
                            event,
                        )
                    )
        elif step == "exit_notice":
            out.extend(_missing(exit_progress, _EXIT_NEEDS, event, "退出", "exit"))
    if stage is not None:
        derived = replay(all_events).stage
        if events and derived != stage:
            out.append(
                _v(
                    "stage_mismatch",
                    f"户卡上的环节“{stage}”与程序记录推出的“{derived}”不一致",
                    f"stored stage {stage!r} differs from the one the events give ({derived!r})",
                )
            )
        if not events and stage not in ("applied",):  # (all withdrawn: the card is back to "applied")
            out.append(
                _v(
                    "no_history",
                    f"户卡处于“{stage}”，却没有任何程序记录",
                    f"the card is at {stage!r} but has no procedure events",
                )
            )
    return out


def _missing(
    progress: list[Event], needs: tuple[tuple[str, str | None, str, str], ...], at: Event, zh: str, en: str
) -> list[Violation]:
    """The required steps absent, or present only out of order, before ``at``."""
    out = []
    position = -1
    for step, outcome, need_zh, need_en in needs:
        found = [i for i, e in enumerate(progress) if e.step == step and (outcome is None or e.outcome == outcome)]
        later = [i for i in found if i > position]
        if not later:
            out.append(_v("missing_step", f"{zh}前缺少：{need_zh}", f"{en} without {need_en}", at))
        else:
            position = later[0]
    return out
