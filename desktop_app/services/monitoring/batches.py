"""Monitoring steps for several households at once: one evaluation meeting, one village notice.

A batch reuses the ``Batch`` / ``BatchHousehold`` tables with kinds ``monitor_evaluation``, ``monitor_notice``,
``removal_evaluation`` and ``removal_notice``. Each household still gets its own step through the engine
(``cases.record_step``: its checks, its event row, its case columns), all inside one unit of work: one
refused household leaves the whole batch unwritten, and the error names that household.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.procedure_rules import ProcedureError
from desktop_app.services.monitoring.cases import case_state, record_step
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Batch, BatchHousehold, Household
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live

# batch kind -> (the step each household takes when the batch is made, the stage a case must be at,
#                the step closing the batch or "", abbreviation in the batch number, zh, en)
MONITOR_BATCH_KINDS: Mapping[str, tuple[str, str, str, str, str, str]] = {
    "monitor_evaluation": ("evaluation", "consented", "", "JCPY", "监测民主评议", "monitoring evaluation"),
    "monitor_notice": ("notice_start", "evaluated", "notice_end", "JCGS", "监测村内公示", "monitoring notice"),
    "removal_evaluation": (
        "removal_evaluation",
        "removal_checked",
        "",
        "XFPY",
        "消除风险评议",
        "risk removal evaluation",
    ),
    "removal_notice": (
        "removal_notice_start",
        "removal_evaluated",
        "removal_notice_end",
        "XFGS",
        "消除风险公示",
        "risk removal notice",
    ),
}
OPEN_STAGES_END = frozenset({"refused", "withdrawn", "removed"})


@dataclass(frozen=True)
class MonitorBatchMember:
    household_id: str
    household_number: str
    head_name: str
    stage: str  # the household's case stage now (code list monitor_stage)
    open_objections: int = 0


@dataclass(frozen=True)
class MonitorBatch:
    id: str
    kind: str
    kind_zh: str
    kind_en: str
    number: str
    start: date | None
    end: date | None
    status: str  # open / closed
    members: tuple[MonitorBatchMember, ...]
    waiting_zh: str
    waiting_en: str


def _err(code: str, zh: str, en: str) -> ProcedureError:
    return ProcedureError(code, zh, en)


def _kind(kind: str) -> tuple[str, str, str, str, str, str]:
    if kind not in MONITOR_BATCH_KINDS:
        raise _err("batch_kind", f"未知的监测批次类型：{kind}", f"unknown monitoring batch kind {kind}")
    return MONITOR_BATCH_KINDS[kind]


def _latest_case(session: Session, household_id: str) -> MonitoringCase | None:
    return session.execute(
        select(MonitoringCase)
        .where(col(MonitoringCase.household_id) == household_id, live(MonitoringCase))
        .order_by(col(MonitoringCase.round).desc())
        .limit(1)
    ).scalar_one_or_none()


def _member(session: Session, household_id: str) -> MonitorBatchMember:
    row = session.get(Household, household_id)
    if row is None:
        raise _err("household_missing", "找不到该户", "household not found")
    case = _latest_case(session, household_id)
    if case is None:
        return MonitorBatchMember(household_id, row.number, row.head_name, "")
    objections = len(case_state(session, case.id).open_objections)
    return MonitorBatchMember(household_id, row.number, row.head_name, case.stage, objections)


def _waiting(batch: Batch, members: Sequence[MonitorBatchMember], today: date) -> tuple[str, str]:
    if batch.status != "open":
        return f"已于 {batch.closed_on} 结束", f"closed on {batch.closed_on}"
    if batch.end_date is None:
        return "", ""
    left = (batch.end_date - today).days
    objections = sum(m.open_objections for m in members)
    if left >= 0:
        zh, en = f"公示还有 {left + 1} 天结束", f"notice ends in {left + 1} day(s)"
    elif not objections:
        return "公示期满，可结束", "period over: ready to close"
    else:
        zh, en = "公示期满", "period over"
    if objections:
        return f"{zh}，{objections} 条异议待处理", f"{en}, {objections} objection(s) open"
    return zh, en


def _summary(session: Session, batch: Batch, today: date) -> MonitorBatch:
    entries = session.execute(
        select(BatchHousehold)
        .where(col(BatchHousehold.batch_id) == batch.id, live(BatchHousehold))
        .order_by(col(BatchHousehold.sort_order))
    ).scalars()
    members = tuple(_member(session, e.household_id) for e in entries)
    zh, en = _waiting(batch, members, today)
    _step, _stage, _end, _abbr, kind_zh, kind_en = _kind(batch.kind)
    return MonitorBatch(
        batch.id,
        batch.kind,
        kind_zh,
        kind_en,
        batch.number,
        batch.start_date,
        batch.end_date,
        batch.status,
        members,
        zh,
        en,
    )


def monitor_batches(db: Database, village_id: str, *, today: date) -> list[MonitorBatch]:
    """The village's monitoring batches, open ones first, newest first."""
    with reading(db) as session:
        batches = session.execute(
            select(Batch)
            .where(col(Batch.village_id) == village_id, col(Batch.kind).in_(list(MONITOR_BATCH_KINDS)), live(Batch))
            .order_by(col(Batch.status).desc(), col(Batch.start_date).desc(), col(Batch.number).desc())
        ).scalars()
        return [_summary(session, b, today) for b in batches]


def ready_for_batch(db: Database, village_id: str, kind: str) -> list[tuple[str, str]]:
    """(household id, "户主（户编号）") of the village's households whose case is at the batch's starting stage."""
    _step, stage, *_rest = _kind(kind)
    with reading(db) as session:
        rows = session.execute(
            select(Household.id, Household.head_name, Household.number)
            .join(MonitoringCase, col(MonitoringCase.household_id) == col(Household.id))
            .where(col(Household.village_id) == village_id, col(MonitoringCase.stage) == stage, live(MonitoringCase))
            .order_by(col(Household.number))
        ).all()
    return [(hid, f"{name}（{number}）") for hid, name, number in rows]


def _new_batch(session: Session, kind: str, village_id: str, on_date: date, **fields: Any) -> Batch:
    """The batch row, numbered per village and kind: ``村代码-JCGS-2026-001``."""
    village = session.get(Area, village_id)
    if village is None or village.level != "village":
        raise _err("village_missing", "找不到该行政村", "village not found")
    abbr, kind_zh = _kind(kind)[3:5]
    same_kind = (col(Batch.village_id) == village_id) & (col(Batch.kind) == kind)
    serial = session.execute(select(func.count()).select_from(Batch).where(same_kind)).scalar_one() + 1
    title = f"{village.name}{on_date.year}年{kind_zh}"
    batch = Batch(kind=kind, village_id=village_id, title=title, start_date=on_date, **fields)
    batch.number = f"{village.code}-{abbr}-{on_date.year}-{serial:03d}"
    session.add(batch)
    session.flush()
    return batch


def _each(
    session: Session,
    batch: Batch,
    household_ids: Sequence[str],
    action: str,
    values_of: Mapping[str, Mapping[str, Any]],
    *,
    today: date,
    add: bool,
) -> None:
    """Every household's own step (the engine's checks); the first refusal names the household and undoes all."""
    ids = list(dict.fromkeys(household_ids))
    if not ids:
        raise _err("empty_batch", "请至少选择一户", "choose at least one household")
    for order, hid in enumerate(ids):
        member = _member(session, hid)
        row = session.get(Household, hid)
        if row is None or row.deleted or row.village_id != batch.village_id:
            raise _err(
                "other_village", f"{member.head_name}（{member.household_number}）不属于本村", "not in this village"
            )
        try:
            record_step(session, row, action, dict(values_of[hid]), today=today, batch_id=batch.id)
        except DomainError as exc:
            raise ProcedureError(
                exc.code,
                f"{member.head_name}（{member.household_number}）：{exc.message_zh}",
                f"{member.household_number}: {exc.message_en}",
            ) from exc
        if add:
            session.add(BatchHousehold(batch_id=batch.id, household_id=hid, sort_order=order))
    session.flush()


def hold_monitor_evaluation(
    db: Database,
    village_id: str,
    meeting: Mapping[str, Any],
    votes: Mapping[str, tuple[int, int, int]],
    *,
    today: date,
    kind: str = "monitor_evaluation",
) -> str:
    """One meeting (``meeting``: date, place, chair, present, [expected]) deciding several cases by their
    votes (for, against, abstain); each case moves by the county's pass rule. Returns the batch id."""
    step = _kind(kind)[0]
    on_date = meeting["date"]
    values = {hid: {**meeting, "for": f, "against": a, "abstain": b} for hid, (f, a, b) in votes.items()}
    # the step's own permission (the role table has one row per step); the area check follows a household
    with writing(db, f"monitoring.{step}", next(iter(votes), None)) as work:
        batch = _new_batch(
            work.session,
            kind,
            village_id,
            on_date,
            place=str(meeting.get("place", "")),
            chair=str(meeting.get("chair", "")),
            attendees_present=meeting.get("present"),
            attendees_expected=meeting.get("expected"),
            status="closed",
            closed_on=on_date,
        )
        _each(work.session, batch, list(votes), step, values, today=today, add=True)
        for entry in work.session.execute(
            select(BatchHousehold).where(col(BatchHousehold.batch_id) == batch.id)
        ).scalars():
            f, a, b = votes[entry.household_id]
            entry.votes_for, entry.votes_against, entry.votes_abstain = f, a, b
        return batch.id


def start_monitor_notice(
    db: Database,
    village_id: str,
    household_ids: Sequence[str],
    *,
    start: date,
    end: date,
    today: date,
    kind: str = "monitor_notice",
) -> str:
    """One village notice for several cases (each must be evaluated); returns the batch id."""
    step = _kind(kind)[0]
    values = {hid: {"date": start, "end": end} for hid in household_ids}
    with writing(db, f"monitoring.{step}", next(iter(household_ids), None)) as work:
        batch = _new_batch(work.session, kind, village_id, start, end_date=end)
        _each(work.session, batch, household_ids, step, values, today=today, add=True)
        return batch.id


def close_monitor_notice(db: Database, batch_id: str, *, on_date: date, today: date) -> int:
    """Close the notice for every household still in it (after the period, no open objection: the engine
    checks each); a household whose case left the notice (objection upheld, refused) is skipped. Returns how
    many cases moved on."""
    with reading(db) as session:
        found = session.get(Batch, batch_id)
        kind = found.kind if found is not None and found.kind in MONITOR_BATCH_KINDS else "monitor_notice"
        first = session.execute(
            select(BatchHousehold.household_id).where(col(BatchHousehold.batch_id) == batch_id).limit(1)
        ).scalar_one_or_none()
    with writing(db, f"monitoring.{_kind(kind)[2] or 'notice_end'}", first) as work:
        batch = work.session.get(Batch, batch_id)
        if batch is None or batch.deleted or batch.kind not in MONITOR_BATCH_KINDS:
            raise _err("batch_missing", "找不到该批次", "batch not found")
        if batch.status != "open":
            raise _err("batch_closed", f"批次 {batch.number} 已结束", f"batch {batch.number} is closed")
        _step, _stage, end_step, *_rest = _kind(batch.kind)
        if not end_step:
            raise _err("batch_no_close", "评议批次无需结束", "an evaluation needs no closing")
        noticing = "removal_noticing" if batch.kind == "removal_notice" else "noticing"
        summary = _summary(work.session, batch, today)
        ids = [m.household_id for m in summary.members if m.stage == noticing]
        if ids:
            _each(work.session, batch, ids, end_step, {hid: {"date": on_date} for hid in ids}, today=today, add=False)
        batch.status, batch.closed_on = "closed", on_date
        work.session.add(batch)
        return len(ids)
