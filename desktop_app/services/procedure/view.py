"""Read-only views of the procedure: where a household stands, the village timeline, and the invariant check.

These return plain data (dataclasses and dicts), never ORM objects, so the UI and the command line can
show them without a session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain import labels
from desktop_app.domain.procedure import State, available, replay
from desktop_app.domain.procedure_audit import Violation, verify_history
from desktop_app.domain.procedure_rules import (
    ANNOUNCEMENT_LABELS,
    EXIT_STAGES,
    IDENTIFICATION_STAGES,
    STAGE_LABELS,
    ProcedureError,
    outcome_label,
    step_label,
)
from desktop_app.services.procedure.steps import event_order, household, load_rules, standing_rows, to_event
from desktop_app.storage.models import Area, Household, Objection, ProcedureEvent
from desktop_app.storage.queries import household_by_number, live, live_rows, table_of

# Stage reached -> the step that reaches it (for the indicator's date and signer).
_STAGE_STEP = {
    "applied": ("application", "return_to_poverty"),
    "surveyed": ("survey",),
    "evaluated": ("evaluation",),
    "village_announced": ("village_announcement_end",),
    "township_reviewed": ("township_review",),
    "township_announced": ("township_announcement_end",),
    "county_approved": ("county_approval",),
    "registered": ("county_notice",),
    "exit_proposed": ("exit_proposal",),
    "exit_verified": ("exit_verification",),
    "exit_acknowledged": ("exit_acknowledgement",),
    "exit_announced": ("exit_announcement_end",),
    "exited": ("exit_notice",),
}
# What a cadre may do from the card (batch steps open a one-household batch, or use the village's batches).
ACTIONS = (
    "application",
    "survey",
    "exclusion_override",
    "application_rejected",
    "evaluation",
    "village_announcement_start",
    "objection",
    "objection_resolution",
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
    "exit_withdrawal",
    "removal",
    "return_to_poverty",
)


@dataclass
class StepMark:
    stage: str
    label_zh: str
    label_en: str
    done: bool
    on_date: date | None = None
    actor: str = ""
    outcome: str = ""


@dataclass
class TimelineEntry:
    household_id: str
    number: str
    head_name: str
    step: str
    step_zh: str
    on_date: date
    actor: str
    outcome: str
    outcome_zh: str
    reason: str
    batch_id: str | None
    data: dict[str, Any] = field(default_factory=dict)
    withdrawn: bool = False  # taken back by a later correction (撤回上一步)

    def as_dict(self) -> dict[str, Any]:
        return {
            "household_id": self.household_id,
            "number": self.number,
            "head_name": self.head_name,
            "step": self.step,
            "step_zh": self.step_zh,
            "on_date": self.on_date.isoformat(),
            "actor": self.actor,
            "outcome": self.outcome,
            "outcome_zh": self.outcome_zh,
            "reason": self.reason,
            "batch_id": self.batch_id,
        }


@dataclass
class Overview:
    household_id: str
    number: str
    head_name: str
    village_id: str
    stage: str | None
    stage_zh: str
    status: str
    steps: list[StepMark]
    timeline: list[TimelineEntry]
    actions: dict[str, str | None]  # step -> None when allowed, else the Chinese reason why not
    announcement_zh: str = ""
    announcement_batch_id: str | None = None
    open_objections: list[dict[str, Any]] = field(default_factory=list)
    pending_exclusions: tuple[str, ...] = ()
    state: State | None = None
    stage_en: str = ""
    announcement_en: str = ""
    actions_en: dict[str, str | None] = field(default_factory=dict)  # the same reasons, in English
    # why the last step cannot be withdrawn now (撤回上一步), (zh, en); None when it can
    withdraw_problem: tuple[str, str] | None = None


def _timeline(
    session: Session, rows: Iterable[ProcedureEvent], households: dict[str, Household]
) -> list[TimelineEntry]:
    out = []
    for row in rows:
        h = households[row.household_id]
        out.append(
            TimelineEntry(
                household_id=row.household_id,
                number=h.number,
                head_name=h.head_name,
                step=row.step,
                step_zh=step_label(row.step),
                on_date=row.on_date,
                actor=row.actor,
                outcome=row.outcome,
                outcome_zh=outcome_label(row.outcome),
                reason=row.reason,
                batch_id=row.batch_id,
                data=dict(row.data or {}),
            )
        )
    return out


def overview(session: Session, household_id: str, *, today: date) -> Overview:
    row = household(session, household_id)
    rows = sorted(
        session.execute(
            select(ProcedureEvent).where(
                col(ProcedureEvent.household_id) == household_id,
                live(ProcedureEvent),
            )
        ).scalars(),
        key=event_order,
    )
    events = [to_event(r) for r in rows]
    state = replay(events)
    rules = load_rules(session)
    standing, withdrawn = standing_rows(rows)  # withdrawn steps stay in the timeline, not in the indicator
    # The indicator shows the current round: events after the last application.
    start = max((i for i, r in enumerate(standing) if r.step in ("application", "return_to_poverty")), default=0)
    reached: dict[str, ProcedureEvent] = {}
    for r in standing[start:]:
        if r.step == "objection_resolution" and r.outcome == "upheld":
            action = (r.data or {}).get("action")
            if action == "back_to_survey":  # the survey, the evaluation and the announcements are redone
                reached = {k: v for k, v in reached.items() if k == "applied"}
            elif action == "exit_cancelled":
                reached = {k: v for k, v in reached.items() if k not in EXIT_STAGES}
        for stage, reaching in _STAGE_STEP.items():
            if r.step in reaching and (r.outcome not in ("failed", "rejected")):
                reached[stage] = r
    path = list(IDENTIFICATION_STAGES)
    if state.stage in EXIT_STAGES or any(s in reached for s in EXIT_STAGES):
        path += list(EXIT_STAGES)
    steps: list[StepMark] = []
    for stage in path:
        r = reached.get(stage)
        zh, en = STAGE_LABELS[stage]
        steps.append(StepMark(stage, zh, en, r is not None, r.on_date if r else None, r.actor if r else ""))
    if state.stage in ("rejected", "removed"):
        last = standing[-1] if standing else None
        zh, en = STAGE_LABELS[state.stage]
        steps.append(
            StepMark(
                state.stage,
                zh,
                en,
                True,
                last.on_date if last else None,
                last.actor if last else "",
                last.reason if last else "",
            )
        )
    actions: dict[str, str | None] = {}
    actions_en: dict[str, str | None] = {}
    for step in ACTIONS:
        problem = available(state, step, today=today, rules=rules)
        actions[step] = None if problem is None else problem.message_zh
        actions_en[step] = None if problem is None else problem.message_en
    correction = available(state, "correction", today=today, rules=rules)
    ann_text = ann_en = ""
    if state.announcement is not None:
        ann = state.announcement
        left = (ann.end - today).days
        label_zh, label_en = ANNOUNCEMENT_LABELS[ann.kind]
        ann_text = f"{label_zh}中：{ann.start} 至 {ann.end}，" + (
            f"还有 {left + 1} 天结束" if left >= 0 else "已期满，可结束"
        )
        ann_en = f"{label_en} from {ann.start} to {ann.end}, " + (
            f"{left + 1} day(s) left" if left >= 0 else "the period is over and it can be closed"
        )
    # With no step recorded the card's own stage is what the list shows (an imported registered household,
    # a new card at 农户申请): one name for the stage on every screen.
    shown_stage = state.stage if state.stage is not None or rows else row.stage
    objections = [
        {
            "id": o.id,
            "raised_by": o.raised_by,
            "raised_on": o.raised_on,
            "content": o.content,
            "batch_id": o.batch_id,
        }
        for o in session.execute(
            select(Objection).where(
                col(Objection.household_id) == household_id,
                col(Objection.status) == "open",
                live(Objection),
            )
        ).scalars()
    ]
    return Overview(
        household_id=row.id,
        number=row.number,
        head_name=row.head_name,
        village_id=row.village_id,
        stage=state.stage,
        stage_zh=labels.label("stage", shown_stage, "zh"),
        stage_en=labels.label("stage", shown_stage, "en"),
        announcement_en=ann_en,
        actions_en=actions_en,
        status=row.status,
        steps=steps,
        timeline=[
            replace(entry, withdrawn=r.id in withdrawn)
            for entry, r in zip(_timeline(session, rows, {row.id: row}), rows, strict=True)
        ],
        actions=actions,
        announcement_zh=ann_text,
        announcement_batch_id=state.announcement.batch_id if state.announcement else None,
        open_objections=objections,
        pending_exclusions=state.pending_exclusions if not state.overridden else (),
        state=state,
        withdraw_problem=None if correction is None else (correction.message_zh, correction.message_en),
    )


def find_household(session: Session, key: str) -> str:
    """A household id from its number or its id."""
    found = household_by_number(session, key)
    if found is None:
        raise ProcedureError("household_missing", f"找不到户编号或 ID 为 {key} 的户", f"no household {key}")
    return found.id


def village_id_by_code(session: Session, code: str) -> str:
    found = session.execute(select(col(Area.id)).where(col(Area.code) == code, col(Area.level) == "village")).first()
    if found is None:
        raise ProcedureError("village_missing", f"找不到代码为 {code} 的行政村", f"no village {code}")
    return str(found[0])


def village_timeline(session: Session, village_id: str) -> list[TimelineEntry]:
    households = {
        h.id: h
        for h in session.execute(
            select(Household).where(col(Household.village_id) == village_id, live(Household))
        ).scalars()
    }
    rows = session.execute(
        select(ProcedureEvent).where(
            col(ProcedureEvent.household_id).in_(list(households)),
            live(ProcedureEvent),
        )
    ).scalars()
    ordered = sorted(rows, key=lambda r: (event_order(r), households[r.household_id].number))
    return _timeline(session, ordered, households)


def verify_database(
    session: Session, *, village_id: str | None = None, chunk: int = 2000
) -> list[tuple[str, str, Violation]]:
    """(household id, number, violation) for every household whose history breaks the procedure's rules.

    Reads plain columns in chunks so that a county of 100,000 households is checked in one pass.
    """
    rules = load_rules(session)
    h, e = table_of(Household), table_of(ProcedureEvent)
    q = select(h.c.id, h.c.number, h.c.stage).where(live_rows(h)).order_by(h.c.id)
    if village_id is not None:
        q = q.where(h.c.village_id == village_id)
    households = session.execute(q).all()
    out: list[tuple[str, str, Violation]] = []
    for start in range(0, len(households), chunk):
        part = households[start : start + chunk]
        events: dict[str, list[Any]] = defaultdict(list)
        for r in session.execute(select(e).where(e.c.household_id.in_([p[0] for p in part]), live_rows(e))):
            events[r.household_id].append(r)
        for hid, number, stage in part:
            history = [to_event(r) for r in sorted(events.get(hid, ()), key=event_order)]
            for violation in verify_history(history, rules, stage=stage):
                out.append((hid, number, violation))
    return out
