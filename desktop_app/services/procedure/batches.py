"""Work on a village's list at once: evaluation meetings and votes, announcements and objections, reviews, notices.

A batch is its own record (number, village, dates, households, objections, outcome) so that later issues print
the minutes and notices from it. Every household on a batch still gets its own event through
:func:`desktop_app.services.procedure.steps.record`, so the per-household guards apply to each one; a batch action is
one transaction, so one refused household leaves the whole batch unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from desktop_app.domain.labels import BATCH_KIND_LABELS
from desktop_app.domain.procedure import Event, available
from desktop_app.domain.procedure_rules import (
    ANNOUNCEMENT_BATCH_KIND,
    ANNOUNCEMENT_LABELS,
    ProcedureError,
)
from desktop_app.services.procedure.steps import household, load_rules, load_state, record
from desktop_app.storage.models import BATCH_KINDS, Area, Batch, BatchHousehold, Household, Objection
from desktop_app.storage.queries import live

KIND_LABELS = BATCH_KIND_LABELS  # declared once, with every other label, in desktop_app.domain.labels
_ABBR = {
    "evaluation": "PY",
    "village_announcement": "GS1",
    "township_review": "SH",
    "township_announcement": "GS2",
    "county_approval": "SP",
    "county_notice": "GG",
    "exit_evaluation": "TPY",
    "exit_announcement": "TGS",
    "exit_notice": "TGG",
    "lookback": "HTK",
}


def _err(code: str, zh: str, en: str) -> ProcedureError:
    return ProcedureError(code, zh, en)


def _village(session: Session, village_id: str) -> Area:
    area = session.get(Area, village_id)
    if area is None or area.level != "village":
        raise _err("village_missing", "找不到该行政村", "village not found")
    return area


def new_batch(session: Session, village_id: str, kind: str, on_date: date, **fields: object) -> Batch:
    village = _village(session, village_id)
    count = session.execute(
        select(func.count()).select_from(Batch).where(col(Batch.village_id) == village_id, col(Batch.kind) == kind)
    ).scalar_one()
    batch = Batch(
        kind=kind,
        number=f"{village.code}-{_ABBR[kind]}-{on_date.year}-{count + 1:03d}",
        village_id=village_id,
        title=str(fields.pop("title", "") or f"{village.name}{on_date.year}年{KIND_LABELS[kind][0]}"),
        start_date=on_date,
        **fields,  # type: ignore[arg-type]  # the Batch columns a use case names (place, chair, end_date …)
    )
    session.add(batch)
    session.flush()
    return batch


def batch_row(session: Session, batch_id: str, *kinds: str) -> Batch:
    batch = session.get(Batch, batch_id)
    if batch is None or batch.deleted or (kinds and batch.kind not in kinds):
        raise _err("batch_missing", "找不到该批次", "batch not found")
    return batch


def require_open(batch: Batch) -> None:
    if batch.status != "open":
        raise _err("batch_closed", f"批次 {batch.number} 已结束，不能再修改", f"batch {batch.number} is closed")


def list_entries(session: Session, batch_id: str) -> list[BatchHousehold]:
    rows = session.execute(
        select(BatchHousehold)
        .where(col(BatchHousehold.batch_id) == batch_id, live(BatchHousehold))
        .order_by(col(BatchHousehold.sort_order))
    ).scalars()
    return list(rows)


def household_label(session: Session, household_id: str) -> str:
    row = household(session, household_id)
    return f"{row.head_name}（{row.number}）"


def _add(session: Session, batch: Batch, household_ids: Sequence[str], step: str, today: date) -> None:
    """Put households on the list after checking each may take ``step`` (the first refusal names the household)."""
    if not household_ids:
        raise _err("empty_batch", "请至少选择一户", "choose at least one household")
    rules = load_rules(session)
    for order, hid in enumerate(dict.fromkeys(household_ids)):
        row = household(session, hid)
        if row.village_id != batch.village_id:
            raise _err(
                "other_village", f"{household_label(session, hid)} 不属于本村", f"{row.number} is not in this village"
            )
        problem = available(load_state(session, hid), step, today=today, rules=rules)
        if problem is not None:
            raise ProcedureError(
                problem.code,
                f"{household_label(session, hid)}：{problem.message_zh}",
                f"{row.number}: {problem.message_en}",
            )
        session.add(BatchHousehold(batch_id=batch.id, household_id=hid, sort_order=order))
    session.flush()


# --- democratic evaluation ------------------------------------------------------------------------------


def create_evaluation(
    session: Session,
    village_id: str,
    household_ids: Sequence[str],
    *,
    meeting_date: date,
    today: date,
    place: str,
    chair: str,
    recorder: str = "",
    attendees_expected: int | None = None,
    attendees_present: int,
    attendees: Sequence[str] = (),
    guests: Sequence[str] = (),
) -> str:
    """民主评议会: the meeting record; votes follow per household, then ``close_evaluation`` decides."""
    if meeting_date > today:
        raise _err("future_date", "会议日期不能晚于今天", "the meeting date is after today")
    if not place.strip() or not chair.strip():
        raise _err("meeting_incomplete", "民主评议须记录会议地点和主持人", "the meeting needs a place and a chair")
    if attendees_present < 1 or (attendees_expected is not None and attendees_present > attendees_expected):
        raise _err("bad_attendance", "实到人数须至少 1 人，且不超过应到人数", "attendees present must be 1..expected")
    batch = new_batch(
        session,
        village_id,
        "evaluation",
        meeting_date,
        place=place.strip(),
        chair=chair.strip(),
        recorder=recorder.strip(),
        attendees_expected=attendees_expected,
        attendees_present=attendees_present,
        attendees=list(attendees),
        guests=list(guests),
    )
    _add(session, batch, household_ids, "evaluation", today)
    return batch.id


def record_votes(session: Session, batch_id: str, votes: Mapping[str, tuple[int, int, int]]) -> None:
    """Votes for, against and abstaining per household; many households at once."""
    batch = batch_row(session, batch_id, "evaluation")
    require_open(batch)
    on_list = {m.household_id: m for m in list_entries(session, batch_id)}
    present = batch.attendees_present or 0
    for hid, (votes_for, against, abstain) in votes.items():
        member = on_list.get(hid)
        if member is None:
            raise _err(
                "not_on_list", f"{household_label(session, hid)} 不在本次评议名单上", "household not on this list"
            )
        if min(votes_for, against, abstain) < 0 or votes_for + against + abstain > present:
            raise _err(
                "too_many_votes",
                f"{household_label(session, hid)}：赞成、反对、弃权票合计 {votes_for + against + abstain}，"
                f"不能为负，也不能超过实到人数 {present}",
                f"votes for {hid} must be non-negative and at most the {present} present",
            )
        member.votes_for, member.votes_against, member.votes_abstain = votes_for, against, abstain
        session.add(member)
    session.flush()


def close_evaluation(session: Session, batch_id: str, *, today: date) -> dict[str, str]:
    """Apply the pass rule to every household on the list; returns household id → passed/failed."""
    batch = batch_row(session, batch_id, "evaluation")
    require_open(batch)
    rules = load_rules(session)
    members = list_entries(session, batch_id)
    missing = [m for m in members if m.votes_for is None]
    if missing:
        names = "、".join(household_label(session, m.household_id) for m in missing[:5])
        raise _err("votes_missing", f"还有 {len(missing)} 户未录入票数：{names}", f"{len(missing)} without votes")
    results: dict[str, str] = {}
    need_zh, _need_en = rules.votes_needed_text()
    for m in members:
        present = batch.attendees_present or 0
        passed = rules.passes(m.votes_for or 0, present, batch.attendees_expected)
        outcome = "passed" if passed else "failed"
        reason = "" if passed else f"赞成 {m.votes_for} 票，实到 {present} 人，未达到通过规则（{need_zh}）"
        data = {
            "present": present,
            "expected": batch.attendees_expected,
            "for": m.votes_for,
            "against": m.votes_against,
            "abstain": m.votes_abstain,
            "place": batch.place,
            "chair": batch.chair,
        }
        event = Event("evaluation", batch.start_date or today, outcome, reason, batch_id=batch.id, data=data)
        record(session, m.household_id, event, today=today, rules=rules)
        m.result, m.reason = outcome, reason
        session.add(m)
        results[m.household_id] = outcome
    batch.status, batch.closed_on = "closed", today
    batch.outcome = f"{sum(1 for r in results.values() if r == 'passed')}/{len(results)} passed"
    session.add(batch)
    session.flush()
    return results


# --- announcements and objections -----------------------------------------------------------------------


def open_announcement(
    session: Session,
    village_id: str,
    kind: str,
    household_ids: Sequence[str],
    *,
    start: date,
    end: date,
    today: date,
    issuing_body: str = "",
    objection_phone: str = "",
    objection_address: str = "",
) -> str:
    """公示: village, township or exit announcement over a list, from ``start`` to ``end`` (inclusive)."""
    if kind not in ANNOUNCEMENT_BATCH_KIND:
        raise _err("bad_kind", f"未知的公示类型：{kind}", f"unknown announcement kind {kind}")
    batch = new_batch(
        session,
        village_id,
        ANNOUNCEMENT_BATCH_KIND[kind],
        start,
        end_date=end,
        issuing_body=issuing_body,
        objection_phone=objection_phone,
        objection_address=objection_address,
    )
    _add(session, batch, household_ids, f"{kind}_announcement_start", today)
    rules = load_rules(session)
    for m in list_entries(session, batch.id):
        event = Event(f"{kind}_announcement_start", start, "opened", batch_id=batch.id, data={"end": end})
        record(session, m.household_id, event, today=today, rules=rules)
    return batch.id


def _announcement_kind(batch: Batch) -> str:
    for kind, batch_kind in ANNOUNCEMENT_BATCH_KIND.items():
        if batch.kind == batch_kind:
            return kind
    raise _err("not_announcement", "该批次不是公示", "the batch is not an announcement")


def raise_objection(
    session: Session,
    batch_id: str,
    household_id: str,
    *,
    raised_by: str,
    raised_on: date,
    content: str,
    today: date,
    contact: str = "",
) -> str:
    """异议: who, when, what; it blocks the announcement's end until resolved."""
    batch = batch_row(session, batch_id, *ANNOUNCEMENT_BATCH_KIND.values())
    require_open(batch)
    if household_id not in {m.household_id for m in list_entries(session, batch_id) if m.result == "pending"}:
        raise _err("not_on_list", "该户不在本次公示名单上", "the household is not on this announcement")
    if not raised_by.strip():
        raise _err("objector_required", "须写明异议人", "an objection needs who raised it")
    objection = Objection(
        batch_id=batch_id,
        household_id=household_id,
        raised_by=raised_by.strip(),
        contact=contact.strip(),
        raised_on=raised_on,
        content=content.strip(),
    )
    session.add(objection)
    session.flush()
    data = {"objection_id": objection.id, "content": content.strip(), "raised_by": raised_by.strip()}
    record(session, household_id, Event("objection", raised_on, "raised", batch_id=batch_id, data=data), today=today)
    return objection.id


def resolve_objection(
    session: Session,
    objection_id: str,
    *,
    decision: str,
    finding: str,
    investigator: str,
    decided_by: str,
    decided_on: date,
    today: date,
    action: str = "",
    objector_informed: bool = False,
) -> None:
    """Upheld (back to survey, removed, or exit stopped) or dismissed, always with the investigation's finding."""
    objection = session.get(Objection, objection_id)
    if objection is None or objection.deleted:
        raise _err("objection_missing", "找不到该异议", "objection not found")
    if objection.status != "open":
        raise _err("no_open_objection", "该异议已处理", "the objection is already resolved")
    if decided_on < objection.raised_on:
        raise _err("date_before_previous", "处理日期早于异议日期", "decided before it was raised")
    data = {"objection_id": objection.id, "action": action or None, "decided_by": decided_by.strip()}
    data["investigator"] = investigator.strip()
    event = Event("objection_resolution", decided_on, decision, finding, batch_id=objection.batch_id, data=data)
    record(session, objection.household_id, event, today=today)
    objection.investigator, objection.finding = investigator.strip(), finding.strip()
    objection.decision, objection.action = decision, action if decision == "upheld" else ""
    objection.decided_on, objection.decided_by = decided_on, decided_by.strip()
    objection.objector_informed, objection.status = objector_informed, "resolved"
    session.add(objection)
    if decision == "upheld":
        for m in list_entries(session, objection.batch_id):
            if m.household_id == objection.household_id:
                m.result, m.reason = "withdrawn", finding.strip()
                session.add(m)
    session.flush()


def open_objections(session: Session, batch_id: str) -> list[Objection]:
    rows = session.execute(
        select(Objection).where(col(Objection.batch_id) == batch_id, col(Objection.status) == "open", live(Objection))
    ).scalars()
    return list(rows)


def close_announcement(session: Session, batch_id: str, *, on_date: date, today: date) -> int:
    """End an announcement after its period with every objection resolved; returns households completed."""
    batch = batch_row(session, batch_id, *ANNOUNCEMENT_BATCH_KIND.values())
    require_open(batch)
    kind = _announcement_kind(batch)
    waiting = open_objections(session, batch_id)
    if waiting:
        raise _err(
            "objections_open",
            f"{ANNOUNCEMENT_LABELS[kind][0]} {batch.number} 还有 {len(waiting)} 条异议待处理，处理完毕后才能结束",
            f"{len(waiting)} objection(s) still open on {batch.number}",
        )
    rules = load_rules(session)
    done = 0
    for m in list_entries(session, batch_id):
        if m.result != "pending":
            continue
        event = Event(f"{kind}_announcement_end", on_date, "completed", batch_id=batch.id)
        record(session, m.household_id, event, today=today, rules=rules)
        m.result = "completed"
        session.add(m)
        done += 1
    batch.status, batch.closed_on, batch.outcome = "closed", on_date, "completed"
    session.add(batch)
    session.flush()
    return done


# --- reviews and notices --------------------------------------------------------------------------------


def review(
    session: Session,
    village_id: str,
    decisions: Mapping[str, tuple[bool, str]],
    *,
    level: str,
    reviewer: str,
    on_date: date,
    today: date,
) -> str:
    """乡镇审核 (level "township") or 县级审批 ("county"): household id → (approved, reason).

    A rejection needs a reason and ends the round for that household.
    """
    step = {"township": "township_review", "county": "county_approval"}[level]
    if not reviewer.strip():
        raise _err("reviewer_required", "须写明审核人（单位）", "the reviewer must be named")
    batch = new_batch(session, village_id, step, on_date, chair=reviewer.strip()[:50])
    _add(session, batch, list(decisions), step, today)
    rules = load_rules(session)
    for m in list_entries(session, batch.id):
        approved, reason = decisions[m.household_id]
        outcome = "approved" if approved else "rejected"
        event = Event(step, on_date, outcome, reason, batch_id=batch.id, data={"reviewer": reviewer.strip()})
        record(session, m.household_id, event, today=today, rules=rules)
        m.result, m.reason = outcome, reason.strip()
        session.add(m)
    batch.status, batch.closed_on, batch.outcome = "closed", on_date, "completed"
    session.add(batch)
    session.flush()
    return batch.id


def issue_notice(
    session: Session,
    village_id: str,
    household_ids: Sequence[str],
    *,
    kind: str,
    on_date: date,
    today: date,
    issuing_body: str = "",
) -> str:
    """公告: the county's notice makes the households registered (kind "county") or exited (kind "exit")."""
    step = {"county": "county_notice", "exit": "exit_notice"}[kind]
    batch = new_batch(session, village_id, step, on_date, issuing_body=issuing_body)
    _add(session, batch, household_ids, step, today)
    rules = load_rules(session)
    for m in list_entries(session, batch.id):
        outcome = "registered" if kind == "county" else "exited"
        record(session, m.household_id, Event(step, on_date, outcome, batch_id=batch.id), today=today, rules=rules)
        row = household(session, m.household_id)
        if kind == "county":
            row.identification_year = on_date.year
        else:
            row.exit_year = on_date.year
        session.add(row)
        m.result = outcome
        session.add(m)
    batch.status, batch.closed_on, batch.outcome = "closed", on_date, "completed"
    session.add(batch)
    session.flush()
    return batch.id


# --- what a village's batches wait for ------------------------------------------------------------------


@dataclass
class BatchSummary:
    id: str
    kind: str
    kind_zh: str
    number: str
    title: str
    start_date: date | None
    end_date: date | None
    status: str
    households: int
    open_objections: int
    waiting_zh: str
    waiting_en: str
    household_ids: list[str] = field(default_factory=list)
    attendees_present: int | None = None


def _waiting(batch: Batch, members: list[BatchHousehold], objections: int, today: date) -> tuple[str, str]:
    if batch.status != "open":
        return f"已于 {batch.closed_on} 结束", f"closed on {batch.closed_on}"
    parts_zh: list[str] = []
    parts_en: list[str] = []
    if batch.kind == "evaluation":
        missing = sum(1 for m in members if m.votes_for is None)
        if missing:
            parts_zh.append(f"{missing} 户待录入票数")
            parts_en.append(f"{missing} household(s) without votes")
        else:
            parts_zh.append("票数已录齐，可结束评议")
            parts_en.append("all votes recorded: ready to close")
    elif batch.kind == "lookback":
        pending = sum(1 for m in members if m.result == "pending")
        parts_zh.append(f"{pending} 户待核查" if pending else "已全部核查，可结束本轮")
        parts_en.append(f"{pending} household(s) to check" if pending else "all checked: ready to close")
    elif batch.end_date is not None:
        left = (batch.end_date - today).days
        if left >= 0:
            parts_zh.append(f"公示还有 {left + 1} 天结束" if left else "公示今天最后一天")
            parts_en.append(f"announcement ends in {left + 1} day(s)" if left else "last day of the announcement")
        elif not objections:
            parts_zh.append("公示期满，可结束")
            parts_en.append("period over: ready to close")
    if objections:
        parts_zh.append(f"{objections} 条异议待处理")
        parts_en.append(f"{objections} objection(s) open")
    return "，".join(parts_zh), ", ".join(parts_en)


def village_batches(session: Session, village_id: str, *, today: date) -> list[BatchSummary]:
    batches = session.execute(
        select(Batch)
        .where(col(Batch.village_id) == village_id, col(Batch.kind).in_(BATCH_KINDS), live(Batch))  # not monitoring's
        .order_by(col(Batch.status).desc(), col(Batch.start_date).desc(), col(Batch.number).desc())
    ).scalars()
    out = []
    for batch in batches:
        members = list_entries(session, batch.id)
        objections = len(open_objections(session, batch.id))
        zh, en = _waiting(batch, members, objections, today)
        out.append(
            BatchSummary(
                id=batch.id,
                kind=batch.kind,
                kind_zh=KIND_LABELS.get(batch.kind, (batch.kind, batch.kind))[0],
                number=batch.number,
                title=batch.title,
                start_date=batch.start_date,
                end_date=batch.end_date,
                status=batch.status,
                households=len(members),
                open_objections=objections,
                waiting_zh=zh,
                waiting_en=en,
                household_ids=[m.household_id for m in members],
                attendees_present=batch.attendees_present,
            )
        )
    return out


def households_ready_for(session: Session, village_id: str, step: str, *, today: date) -> list[tuple[str, str, str]]:
    """(id, number, head name) of the village's households that may take ``step`` now."""
    rules = load_rules(session)
    rows = session.execute(
        select(col(Household.id), col(Household.number), col(Household.head_name))
        .where(col(Household.village_id) == village_id, live(Household))
        .order_by(col(Household.number))
    ).all()
    return [
        (hid, number, head)
        for hid, number, head in rows
        if available(load_state(session, hid), step, today=today, rules=rules) is None
    ]


def group_names(session: Session, household_ids: Iterable[str]) -> dict[str, str]:
    """Household id → name of its 村民小组 ("" when none): the vote table shows it beside the head."""
    ids = list(household_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(col(Household.id), col(Area.name))
        .join(Area, col(Area.id) == col(Household.group_id))
        .where(col(Household.id).in_(ids))
    ).all()
    found = {hid: name for hid, name in rows}
    return {hid: found.get(hid, "") for hid in ids}


def batch_households(session: Session, batch_id: str) -> list[dict[str, Any]]:
    """The households on a batch as the tab lists them: number, head, group, votes, result and reason."""
    rows: list[dict[str, Any]] = []
    members = list_entries(session, batch_id)
    groups = group_names(session, [m.household_id for m in members])
    for m in members:
        row = household(session, m.household_id)
        rows.append(
            {
                "household_id": m.household_id,
                "number": row.number,
                "head_name": row.head_name,
                "group": groups.get(m.household_id, ""),
                "votes": None if m.votes_for is None else (m.votes_for, m.votes_against, m.votes_abstain),
                "result": m.result,
                "reason": m.reason,
            }
        )
    return rows


def iter_ids(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
