"""Look-back rounds (回头看), monitoring of households at risk, and re-entry into the procedure.

A look-back round is a Batch of kind "lookback" whose list is every registered household of the village;
each is confirmed, or found wrongly included (removed through the procedure with the reason and who decided),
and missed households are added as new applications. The round's record is the batch with its counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import exists, or_, select
from sqlmodel import Session, col

from desktop_app.domain.eligibility import find_line
from desktop_app.domain.money import format_yuan
from desktop_app.domain.procedure import Event, available
from desktop_app.domain.procedure_rules import REGISTERED_STAGES, ProcedureError
from desktop_app.services.households import poverty_lines
from desktop_app.services.procedure.batches import batch_row, household_label, list_entries, new_batch, require_open
from desktop_app.services.procedure.steps import household, load_rules, load_state, record
from desktop_app.storage.models import Area, BatchHousehold, Household, ProcedureEvent
from desktop_app.storage.queries import live

# Households being identified right now are not on the watch list: their case is already in hand.
IN_PROCEDURE = frozenset(
    {"surveyed", "evaluated", "village_announced", "township_reviewed", "township_announced", "county_approved"}
)


@dataclass(frozen=True)
class LookbackResult:
    batch_id: str
    number: str
    total: int
    confirmed: int
    wrongly_included: int
    missed: int
    pending: int
    status: str

    def summary_zh(self) -> str:
        return (
            f"回头看 {self.number}：核查在册户 {self.total - self.missed} 户，确认 {self.confirmed} 户，"
            f"错评清退 {self.wrongly_included} 户，漏评补录 {self.missed} 户"
            + (f"，待核查 {self.pending} 户" if self.pending else "")
        )


def open_lookback(session: Session, village_id: str, *, start: date, today: date, title: str = "") -> str:
    """A new round listing every registered household of the village (pending until checked)."""
    if start > today:
        raise ProcedureError("future_date", "开始日期不能晚于今天", "the start is after today")
    ids = session.execute(
        select(col(Household.id))
        .where(
            col(Household.village_id) == village_id,
            live(Household),
            col(Household.stage).in_(sorted(REGISTERED_STAGES)),
        )
        .order_by(col(Household.number))
    ).scalars()
    batch = new_batch(session, village_id, "lookback", start, title=title)
    for order, hid in enumerate(ids):
        session.add(BatchHousehold(batch_id=batch.id, household_id=hid, sort_order=order))
    session.flush()
    return batch.id


def _member(session: Session, batch_id: str, household_id: str) -> BatchHousehold:
    for m in list_entries(session, batch_id):
        if m.household_id == household_id:
            if m.result != "pending":
                raise ProcedureError(
                    "already_checked", f"{household_label(session, household_id)} 本轮已核查", "already checked"
                )
            return m
    raise ProcedureError("not_on_list", "该户不在本轮回头看名单上", "the household is not on this round's list")


def confirm(session: Session, batch_id: str, household_ids: Sequence[str], *, on_date: date, today: date) -> None:
    """核实无误: many households at once."""
    batch = batch_row(session, batch_id, "lookback")
    require_open(batch)
    rules = load_rules(session)
    for hid in household_ids:
        m = _member(session, batch_id, hid)
        record(session, hid, Event("lookback_check", on_date, "confirmed", batch_id=batch_id), today=today, rules=rules)
        m.result = "confirmed"
        session.add(m)
    session.flush()


def wrongly_included(
    session: Session, batch_id: str, household_id: str, *, reason: str, decided_by: str, on_date: date, today: date
) -> None:
    """错评: the finding is recorded and the household removed from the register, both with the reason."""
    batch = batch_row(session, batch_id, "lookback")
    require_open(batch)
    m = _member(session, batch_id, household_id)
    rules = load_rules(session)
    event = Event("lookback_check", on_date, "wrongly_included", reason, batch_id=batch_id)
    record(session, household_id, event, today=today, rules=rules)
    removal = Event("removal", on_date, "removed", reason, batch_id=batch_id, data={"decided_by": decided_by.strip()})
    record(session, household_id, removal, today=today, rules=rules)
    m.result, m.reason = "wrongly_included", reason.strip()
    session.add(m)
    session.flush()


def add_missed(session: Session, batch_id: str, household_id: str, *, reason: str, on_date: date, today: date) -> None:
    """漏评: a household of the village that should have been identified starts a new application."""
    batch = batch_row(session, batch_id, "lookback")
    require_open(batch)
    row = household(session, household_id)
    if row.village_id != batch.village_id:
        raise ProcedureError("other_village", "该户不属于本村", "the household is not in this village")
    if not reason.strip():
        raise ProcedureError("reason_required", "漏评补录必须写明理由", "a missed household needs a reason")
    if any(m.household_id == household_id for m in list_entries(session, batch_id)):
        raise ProcedureError("already_listed", "该户已在本轮名单上", "already on this round's list")
    data = {"applicant": row.head_name, "how": "lookback_missed"}
    event = Event("application", on_date, "applied", reason, batch_id=batch_id, data=data)
    record(session, household_id, event, today=today)
    count = len(list_entries(session, batch_id))
    session.add(
        BatchHousehold(batch_id=batch_id, household_id=household_id, result="missed", reason=reason, sort_order=count)
    )
    session.flush()


def lookback_result(session: Session, batch_id: str) -> LookbackResult:
    batch = batch_row(session, batch_id, "lookback")
    results = [m.result for m in list_entries(session, batch_id)]
    return LookbackResult(
        batch_id=batch.id,
        number=batch.number,
        total=len(results),
        confirmed=results.count("confirmed"),
        wrongly_included=results.count("wrongly_included"),
        missed=results.count("missed"),
        pending=results.count("pending"),
        status=batch.status,
    )


def close_lookback(session: Session, batch_id: str, *, on_date: date, today: date) -> LookbackResult:
    batch = batch_row(session, batch_id, "lookback")
    require_open(batch)
    result = lookback_result(session, batch_id)
    if result.pending:
        raise ProcedureError(
            "lookback_pending",
            f"还有 {result.pending} 户未核查，不能结束本轮回头看",
            f"{result.pending} household(s) not yet checked",
        )
    if on_date > today:
        raise ProcedureError("future_date", "结束日期不能晚于今天", "the end is after today")
    batch.status, batch.closed_on, batch.end_date = "closed", on_date, on_date
    batch.outcome = f"confirmed={result.confirmed};wrong={result.wrongly_included};missed={result.missed}"
    batch.note = result.summary_zh()
    session.add(batch)
    session.flush()
    return lookback_result(session, batch_id)


# --- monitoring -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonitorRow:
    household_id: str
    number: str
    head_name: str
    stage: str
    status: str
    per_capita_fen: int | None
    line_fen: int | None
    reasons_zh: tuple[str, ...]
    can_re_enter: bool


def monitoring_list(session: Session, *, village_id: str | None = None, today: date) -> list[MonitorRow]:
    """Households outside the register and not being identified, at risk: per-capita income below the
    marginal factor × the line of its income year, or a large medical or disaster expense (thresholds from
    the rules). Exited households (an unstable exit) are included."""
    rules = load_rules(session)
    lines = poverty_lines(session)
    h = Household
    q = (
        select(
            col(h.id),
            col(h.number),
            col(h.head_name),
            col(h.stage),
            col(h.status),
            col(h.per_capita_income_fen),
            col(h.income_year),
            col(h.standard),
            col(h.medical_expense_fen),
            col(h.disaster_loss_fen),
            col(Area.code),
        )
        .join(Area, col(Area.id) == col(h.village_id))
        .where(
            live(h),
            col(h.stage).not_in(sorted(REGISTERED_STAGES | IN_PROCEDURE)),
            # a card still at "applied" is only watched while no application has been recorded for it
            or_(col(h.stage) != "applied", ~exists().where(col(ProcedureEvent.household_id) == col(h.id))),
        )
        .order_by(col(h.number))
    )
    if village_id is not None:
        q = q.where(col(h.village_id) == village_id)
    out = []
    for hid, number, head, stage, status, pc, year, standard, medical, disaster, code in session.execute(q):
        reasons: list[str] = []
        line = find_line(lines, year=year, region_code=code, standard=standard or "1") if year else None
        if pc is not None and line is not None and Decimal(pc) < rules.marginal_factor * line.amount_fen:
            limit = format_yuan(int(rules.marginal_factor * line.amount_fen))
            reasons.append(f"人均纯收入 {format_yuan(pc)} 元，低于贫困线的 {rules.marginal_factor} 倍（{limit} 元）")
        for amount, label in ((medical, "医疗支出"), (disaster, "灾害损失")):
            if amount >= rules.large_expense_fen:
                reasons.append(f"{label} {format_yuan(amount)} 元，达到 {format_yuan(rules.large_expense_fen)} 元")
        if not reasons:
            continue
        state = load_state(session, hid)
        step = "return_to_poverty" if state.stage == "exited" else "application"
        can = available(state, step, today=today, rules=rules) is None
        out.append(
            MonitorRow(hid, number, head, stage, status, pc, line.amount_fen if line else None, tuple(reasons), can)
        )
    return out
