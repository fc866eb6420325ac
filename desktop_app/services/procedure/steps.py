"""Procedure use cases for one household: application, survey, override, reviews, exit, removal, re-entry.

Every function takes the session of the caller's write transaction and ``today`` (the UI passes the real
date, tests any date). Each loads the household's state from its event log, asks the domain engine whether
the step is allowed (a ``ProcedureError`` otherwise, and nothing is written), writes a ``ProcedureEvent`` with
the operator as actor, and moves the card's stage and status. Batch work (meetings, announcements,
notices) lives in :mod:`desktop_app.services.procedure.batches`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.assets import asset_path
from desktop_app.domain.eligibility import GUARANTEES
from desktop_app.domain.identity import require_signature
from desktop_app.domain.procedure import Event, State, advance, check, replay
from desktop_app.domain.procedure_rules import (
    ProcedureError,
    ProcedureRules,
    missing_survey_fields,
)
from desktop_app.services.households import YearFacts, load_household, year_assessment
from desktop_app.services.procedure.forms import clean_looks
from desktop_app.storage.models import AppSetting, BatchHousehold, Household, ProcedureEvent
from desktop_app.storage.queries import live

RULES_KEY = "procedure.rules"
_DATE_KEYS = ("end", "start")


# --- rules ----------------------------------------------------------------------------------------------


def shipped_rules() -> ProcedureRules:
    """The defaults, overridden by ``forms/procedure_rules.json`` (a county may edit that file)."""
    path = asset_path("forms", "procedure_rules.json")
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return ProcedureRules()
    return ProcedureRules.from_mapping({k: v for k, v in data.items() if not k.startswith("_")})


def load_rules(session: Session) -> ProcedureRules:
    """The county's rules: the shipped defaults with the settings saved in this database on top."""
    base = shipped_rules()
    row = session.get(AppSetting, RULES_KEY)
    if row is None or not row.value.strip():
        return base
    try:
        saved = json.loads(row.value)
    except ValueError as exc:
        raise ProcedureError("bad_procedure_rule", "程序规则设置不是有效的 JSON", "rules are not valid JSON") from exc
    return ProcedureRules.from_mapping({**base.to_mapping(), **saved})


def save_rules(session: Session, rules: ProcedureRules) -> None:
    row = session.get(AppSetting, RULES_KEY) or AppSetting(key=RULES_KEY)
    row.value = json.dumps(rules.to_mapping(), ensure_ascii=False)
    session.add(row)


# --- the event log --------------------------------------------------------------------------------------


def _to_json(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


def _from_json(data: Mapping[str, Any] | None) -> dict[str, Any]:
    out = dict(data or {})
    for key in _DATE_KEYS:
        if isinstance(out.get(key), str):
            out[key] = date.fromisoformat(out[key])
    return out


def to_event(row: ProcedureEvent | Any) -> Event:
    return Event(
        step=row.step,
        on_date=row.on_date,
        outcome=row.outcome or "",
        reason=row.reason or "",
        actor=row.actor or "",
        batch_id=row.batch_id,
        data=_from_json(row.data),
    )


def event_order(row: Any) -> tuple[Any, ...]:
    return (row.on_date, int((row.data or {}).get("seq", 0)), row.created_at)


def event_rows(session: Session, household_id: str) -> list[ProcedureEvent]:
    rows = session.execute(
        select(ProcedureEvent).where(
            col(ProcedureEvent.household_id) == household_id,
            live(ProcedureEvent),
        )
    ).scalars()
    return sorted(rows, key=event_order)


def load_events(session: Session, household_id: str) -> list[Event]:
    return [to_event(row) for row in event_rows(session, household_id)]


def load_state(session: Session, household_id: str) -> State:
    return replay(load_events(session, household_id))


def household(session: Session, household_id: str) -> Household:
    row = session.get(Household, household_id)
    if row is None or row.deleted:
        raise ProcedureError("household_missing", "找不到该户（可能已被删除）", "household not found")
    return row


def record(
    session: Session,
    household_id: str,
    event: Event,
    *,
    today: date,
    rules: ProcedureRules | None = None,
) -> State:
    """Check ``event`` against the household's history and write it; the card follows the new stage."""
    row = household(session, household_id)
    rules = rules or load_rules(session)
    events = load_events(session, household_id)
    state = replay(events)
    check(state, event, today=today, rules=rules)
    new = advance(state, event)
    actor = event.actor or require_signature(session.info, "记录程序步骤")
    session.add(
        ProcedureEvent(
            household_id=household_id,
            batch_id=event.batch_id,
            step=event.step,
            on_date=event.on_date,
            actor=actor,
            outcome=event.outcome,
            reason=event.reason.strip(),
            data={**_to_json(event.data), "seq": len(events) + 1},
        )
    )
    if new.stage is not None and row.stage != new.stage:
        row.stage = new.stage
    if row.status != new.status:
        row.status = new.status
    session.add(row)
    session.flush()
    return new


# --- survey ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyResult:
    outcome: str
    reasons_zh: tuple[str, ...]
    exclusions: tuple[str, ...]
    missing: tuple[tuple[str, str, str], ...]


def survey_facts(session: Session, household_id: str, rules: ProcedureRules) -> tuple[dict[str, Any], SurveyResult]:
    """The event data and the verdict of a survey of the card's income year (domain.eligibility): the members
    counted are those of that year's income record (made from the card now when there is none)."""
    row = household(session, household_id)
    form = load_household(session, household_id)
    card = {name: getattr(row, name, None) for name in rules.survey_fields}
    assessment, year = year_assessment(session, form)
    card["size"] = year.size if year is not None else len(form.active_members())
    card["per_capita_income_fen"] = assessment.per_capita_fen if assessment is not None else None
    missing = tuple(missing_survey_fields(card, rules))
    reasons: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    if assessment is None:
        outcome = "not_eligible"
    else:
        exclusions = tuple(item.code for item in assessment.exclusions)
        qualifies = assessment.below_line or bool(assessment.unmet_guarantees)
        outcome = "excluded" if exclusions and qualifies else "eligible" if qualifies else "not_eligible"
        reasons = tuple(r.zh for r in assessment.reasons)
    data: dict[str, Any] = {
        "missing": [list(m) for m in missing],
        "exclusions": list(exclusions),
        "reasons": list(reasons),
        "per_capita_fen": card["per_capita_income_fen"],
        "line_fen": assessment.line.amount_fen if assessment and assessment.line else None,
        **_year_data(row.income_year, year),
    }
    return data, SurveyResult(outcome, reasons, exclusions, missing)


def create_application(
    session: Session,
    household_id: str,
    *,
    on_date: date,
    today: date,
    applicant: str = "",
    how: str = "self",
    note: str = "",
) -> State:
    """农户申请 (or 村委会提名 with how="nominated"); also starts a new round after a rejection or removal."""
    row = household(session, household_id)
    data = {"applicant": applicant or row.head_name, "how": how}
    return record(session, household_id, Event("application", on_date, "applied", note, data=data), today=today)


def complete_survey(
    session: Session,
    household_id: str,
    *,
    on_date: date,
    today: date,
    surveyors: str = "",
    looks: Mapping[str, Any] | None = None,
) -> SurveyResult:
    """入户调查: the card must be complete; the verdict comes from the eligibility rules, not from a cadre.
    ``looks`` are the team's notes of what it looked at (五看/四看 items, procedure_forms.clean_looks)."""
    notes = clean_looks(looks)
    rules = load_rules(session)
    data, result = survey_facts(session, household_id, rules)
    data["surveyors"] = surveyors
    if notes:
        data["looks"] = notes
    record(session, household_id, Event("survey", on_date, result.outcome, data=data), today=today, rules=rules)
    return result


def override_exclusion(
    session: Session, household_id: str, *, reason: str, decided_by: str, on_date: date, today: date
) -> State:
    """例外认定: an exclusion ("five not recorded") set aside in writing, by a named person."""
    state = load_state(session, household_id)
    data = {"decided_by": decided_by.strip(), "exclusions": list(state.pending_exclusions)}
    return record(
        session, household_id, Event("exclusion_override", on_date, "overridden", reason, data=data), today=today
    )


def reject_application(session: Session, household_id: str, *, reason: str, on_date: date, today: date) -> State:
    return record(session, household_id, Event("application_rejected", on_date, "rejected", reason), today=today)


# --- exit -----------------------------------------------------------------------------------------------


def propose_exit(session: Session, household_id: str, *, on_date: date, today: date, note: str = "") -> State:
    return record(session, household_id, Event("exit_proposal", on_date, "proposed", note), today=today)


def exit_facts(session: Session, household_id: str) -> dict[str, Any]:
    """Per-capita income, the line of the income year and the three guarantees, as the exit check needs."""
    row = household(session, household_id)
    form = load_household(session, household_id)
    assessment, year = year_assessment(session, form)
    return {
        "per_capita_fen": assessment.per_capita_fen if assessment else None,
        "line_fen": assessment.line.amount_fen if assessment and assessment.line else None,
        "guarantees": {name: getattr(row, f"{name}_ok") for name in GUARANTEES},
        **_year_data(row.income_year, year),
    }


def _year_data(income_year: int | None, year: YearFacts | None) -> dict[str, Any]:
    """What a judgement stores of the year it judged: the year, how many it counted and who."""
    if year is None:
        return {"income_year": income_year}
    return {"income_year": income_year, "size": year.size, "member_ids": list(year.member_ids)}


def verify_exit(session: Session, household_id: str, *, on_date: date, today: date, verifiers: str = "") -> State:
    """退出核验: refused, with every unmet condition named, unless income is above the line and all guarantees hold."""
    data = {**exit_facts(session, household_id), "verifiers": verifiers}
    return record(session, household_id, Event("exit_verification", on_date, "verified", data=data), today=today)


def acknowledge_exit(session: Session, household_id: str, *, signed_by: str, on_date: date, today: date) -> State:
    data = {"signed_by": signed_by.strip()}
    return record(session, household_id, Event("exit_acknowledgement", on_date, "acknowledged", data=data), today=today)


def withdraw_exit(session: Session, household_id: str, *, reason: str, on_date: date, today: date) -> State:
    return record(session, household_id, Event("exit_withdrawal", on_date, "cancelled", reason), today=today)


def remove_household(
    session: Session, household_id: str, *, reason: str, decided_by: str, on_date: date, today: date
) -> State:
    """清退 a registered household wrongly included; the card stays in the archive with its history."""
    data = {"decided_by": decided_by.strip()}
    return record(session, household_id, Event("removal", on_date, "removed", reason, data=data), today=today)


def re_enter(session: Session, household_id: str, *, reason: str, on_date: date, today: date) -> State:
    """Return to poverty (an exited household) or a new application (a household never or no longer on file)."""
    state = load_state(session, household_id)
    if state.stage == "exited":
        return record(session, household_id, Event("return_to_poverty", on_date, "applied", reason), today=today)
    row = household(session, household_id)
    data = {"applicant": row.head_name, "how": "monitoring"}
    return record(session, household_id, Event("application", on_date, "applied", reason, data=data), today=today)


# --- correcting a step entered by mistake ----------------------------------------------------------------


def standing_rows(rows: Iterable[Any]) -> tuple[list[Any], set[str]]:
    """The steps that still count (in order) and the ids of those withdrawn, from event rows in order."""
    standing: list[Any] = []
    withdrawn: set[str] = set()
    for row in rows:
        if row.step == "correction":
            if standing:
                withdrawn.add(standing.pop().id)
        else:
            standing.append(row)
    return standing, withdrawn


def last_step_row(session: Session, household_id: str) -> ProcedureEvent | None:
    """The step a correction would withdraw now: the last one not already withdrawn (None: nothing left)."""
    standing, _withdrawn = standing_rows(event_rows(session, household_id))
    return standing[-1] if standing else None


def withdraw_last_step(session: Session, household_id: str, *, reason: str, today: date) -> State:
    """撤回上一步: the last step was entered by mistake. It stays in the log; a correction event naming it is
    added, and the household goes back to its stage and status before that step. A list the step put the
    household on (a meeting, an announcement, a review, a notice) shows it as withdrawn with the reason."""
    row = household(session, household_id)
    last = last_step_row(session, household_id)
    if last is None:
        raise ProcedureError("nothing_to_withdraw", "本户没有可撤回的程序步骤", "the household has no step to withdraw")
    data = {"withdraws": last.id, "withdrawn_step": last.step, "withdrawn_date": last.on_date.isoformat()}
    event = Event("correction", today, "corrected", reason, batch_id=last.batch_id, data=data)
    state = record(session, household_id, event, today=today)
    if state.stage is None and row.stage != "applied":
        row.stage = "applied"  # every step withdrawn: the card is as it was when it was made
    if last.step == "exit_notice":
        row.exit_year = None
    if last.batch_id:
        listed = session.execute(
            select(BatchHousehold).where(
                col(BatchHousehold.batch_id) == last.batch_id,
                col(BatchHousehold.household_id) == household_id,
                live(BatchHousehold),
            )
        ).scalars()
        for entry in listed:
            entry.result, entry.reason = "withdrawn", f"撤回（录入有误）：{reason.strip()}"
            session.add(entry)
    session.add(row)
    session.flush()
    return state


def household_ids_at(session: Session, ids: Iterable[str]) -> dict[str, Household]:
    wanted = list(ids)
    rows = session.execute(select(Household).where(col(Household.id).in_(wanted))).scalars()
    return {row.id: row for row in rows}
