"""Monitoring cases at session level: open a case at a clue, record a step, read a case's log.

Each step is checked by the engine (``domain.monitoring``) against the case's log, then written as one
``MonitoringEvent`` row, and the ``MonitoringCase`` columns follow the new state. The home check and the
removal check copy the facts they were judged on (the year's income record and line, the card's guarantees,
members and labour, the help measures) into the step's data, so that a later change of the card does not
change what was decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain.identity import require_signature
from desktop_app.domain.monitoring import Event, MonitorState, advance, check, make_event, replay
from desktop_app.domain.monitoring_guards import RemovalFacts, removal_guards
from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules, deadline_for
from desktop_app.domain.monitoring_steps import CLOSED_STAGES
from desktop_app.services.households import add_attachment
from desktop_app.services.monitoring.forms import field_labels
from desktop_app.services.monitoring.income import latest_income
from desktop_app.services.monitoring.lines import line_for
from desktop_app.services.monitoring.rules import load_monitor_rules
from desktop_app.storage.models import Area, Attachment, Household, Member
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase, MonitoringEvent
from desktop_app.storage.queries import household_by_number, live

_DATE_KEYS = ("end", "stable_since")
_CHUNK = 500  # household ids per query
LABOUR_CODES = ("1", "2", "3")  # ordinary, skilled, weak or half labour (code list "labour")
# (value key, code list) checked against the county's code lists; labels are accepted for codes
_CODED = {"source": "monitor_source", "disaster_sub": "disaster_sub", "category": "monitor_category"}


def find_household(session: Session, key: str) -> Household:
    """A household by its id or its number (户编号)."""
    found = household_by_number(session, key.strip())
    if found is None or found.deleted:
        raise MonitorError("household_missing", f"找不到户编号或 ID 为 {key} 的户", f"no household {key}")
    return found


def case_events(session: Session, case_id: str) -> list[MonitoringEvent]:
    rows = session.execute(
        select(MonitoringEvent).where(col(MonitoringEvent.case_id) == case_id, live(MonitoringEvent))
    ).scalars()
    return sorted(rows, key=lambda r: (r.on_date, int((r.data or {}).get("seq", 0)), r.created_at))


def recorded_order(rows: list[MonitoringEvent]) -> list[MonitoringEvent]:
    """The events in the order they were recorded (their sequence number), as the history check reads them:
    a step entered later with an earlier date then shows as a date going backwards."""
    return sorted(rows, key=lambda r: (int((r.data or {}).get("seq", 0)), r.created_at))


def to_event(row: MonitoringEvent) -> Event:
    data = dict(row.data or {})
    for key in _DATE_KEYS:
        if isinstance(data.get(key), str):
            data[key] = date.fromisoformat(data[key])
    return Event(row.step, row.on_date, row.outcome or "", row.reason or "", row.actor or "", row.batch_id, data)


def case_state(session: Session, case_id: str) -> MonitorState:
    return replay(to_event(r) for r in case_events(session, case_id))


def household_case_rows(session: Session, household_id: str) -> list[MonitoringCase]:
    """The household's cases, newest round first."""
    rows = session.execute(
        select(MonitoringCase).where(col(MonitoringCase.household_id) == household_id, live(MonitoringCase))
    ).scalars()
    return sorted(rows, key=lambda c: (c.round, c.found_on), reverse=True)


def open_case(session: Session, household_id: str) -> MonitoringCase | None:
    """The household's case that has not ended (refused, withdrawn or removed), if any."""
    for case in household_case_rows(session, household_id):
        if case.stage not in CLOSED_STAGES:
            return case
    return None


def current_case(session: Session, household: Household) -> MonitoringCase:
    case = open_case(session, household.id)
    if case is None:
        raise MonitorError(
            "no_open_case",
            f"{household.head_name}户（{household.number}）没有进行中的监测程序，请先登记线索",
            f"household {household.number} has no open monitoring case; record a clue first",
        )
    return case


def _code(kind: str, value: Any) -> str:
    code = catalog.parse_label(kind, str(value).strip())
    if code is None:
        zh = catalog.codelists()[kind].zh if kind in catalog.codelists() else kind
        raise MonitorError("bad_code", f"{zh}没有“{value}”这一项", f"{kind} has no value {value!r}")
    return code


def coded_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Codes of the county's code lists for the coded values (a label, in Chinese or English, is accepted)."""
    out = dict(values)
    for key, kind in _CODED.items():
        if out.get(key) not in (None, ""):
            out[key] = _code(kind, out[key])
    if out.get("risks") not in (None, "", [], ()):
        from desktop_app.domain.monitoring_steps import split_list

        out["risks"] = [_code("monitor_risk", r) for r in split_list(out["risks"])]
    return out


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# --- facts the checks are judged on ---------------------------------------------------------------------


def _village_code(session: Session, household: Household) -> str:
    area = session.get(Area, household.village_id)
    return area.code if area is not None else ""


def _members(session: Session, household_id: str) -> list[Member]:
    rows = session.execute(select(Member).where(col(Member.household_id) == household_id, live(Member))).scalars()
    return [m for m in rows if m.active]


def income_facts(session: Session, household: Household, on_date: date) -> dict[str, Any]:
    """The latest income record up to the step's year, the line of that record's year (a judgement of year Y
    uses year Y's record and line), the members it counts, and the card's guarantees and safe water."""
    record = latest_income(session, household.id, up_to=on_date.year)
    region = _village_code(session, household)
    line = line_for(session, region_code=region, year=record.year) if record is not None else None
    return {
        "income_year": record.year if record else None,
        "per_capita_fen": record.per_capita_fen if record else None,
        "line_fen": line.amount_fen if line else None,
        "line_region": line.region_code if line else "",
        "line_document": line.document if line else "",
        # the members the year's record counts (who lived in the household then), else those on the card now
        "members": record.size if record is not None and record.size else len(_members(session, household.id)),
        "guarantees": {
            "education": household.education_ok,
            "medical": household.medical_ok,
            "housing": household.housing_ok,
            "safe_water": household.safe_water,
        },
    }


def _measures(session: Session, household_id: str, case_id: str, on_date: date) -> int:
    rows = session.execute(
        select(HelpMeasure).where(col(HelpMeasure.household_id) == household_id, live(HelpMeasure))
    ).scalars()
    return sum(1 for m in rows if m.case_id in (None, case_id) and m.started_on is not None and m.started_on <= on_date)


def removal_facts(
    session: Session, household: Household, case: MonitoringCase, typed: Mapping[str, Any], on_date: date
) -> dict[str, Any]:
    facts = income_facts(session, household, on_date)
    facts["has_labour"] = any(m.labour in LABOUR_CODES for m in _members(session, household.id))
    facts["measures_implemented"] = _measures(session, household.id, case.id, on_date)
    return facts


def _judge_removal(
    facts: Mapping[str, Any], typed: Mapping[str, Any], state: MonitorState, rules: MonitorRules
) -> list[dict[str, str]]:
    judged = RemovalFacts(
        on_date=typed["date"],
        method=state.removal_method,
        included_on=state.included_on,
        income_year=facts["income_year"],
        per_capita_fen=facts["per_capita_fen"],
        line_fen=facts["line_fen"],
        stable_since=typed.get("stable_since"),
        new_risk=bool(typed.get("new_risk")),
        has_labour=bool(facts["has_labour"]),
        measures_implemented=int(facts["measures_implemented"]),
        guarantees=facts["guarantees"],
    )
    return [f.to_dict() for f in removal_guards(judged, rules)]


def _scan(session: Session, household_id: str, value: Any) -> str:
    """The consent scan as an attachment id of this household (a file path is stored as a new attachment)."""
    text = str(value or "").strip()
    attachment = session.get(Attachment, text) if text else None
    if attachment is not None and attachment.household_id == household_id and not attachment.deleted:
        return attachment.id
    path = Path(text).expanduser()
    if text and path.is_file():
        return add_attachment(session, household_id=household_id, source=path, note="承诺授权书扫描件").id
    raise MonitorError(
        "scan_missing",
        f"找不到承诺授权书扫描件：{text}（请填写本户附件编号或文件路径）",
        f"consent scan not found: {text}",
    )


# --- recording a step -----------------------------------------------------------------------------------


def _apply(case: MonitoringCase, state: MonitorState, event: Event, rules: MonitorRules) -> None:
    """The case's columns after ``event`` (they follow its log)."""
    data, step = event.data, event.step
    before = case.stage
    case.stage = state.stage or case.stage
    case.category = state.category
    case.included_on = state.included_on
    if step == "home_check":
        for key in ("income_year", "per_capita_fen", "line_fen"):
            setattr(case, key, data.get(key))
        case.line_region, case.line_document = data.get("line_region") or "", data.get("line_document") or ""
    elif step in ("announcement", "contact"):
        case.contact_name, case.contact_phone = data["contact_name"], data["contact_phone"]
    elif step == "removal_proposal":
        case.removal_started_on, case.removal_method = event.on_date, data.get("method")
    elif step == "removal_check":
        case.removal_facts = {k: _json(data.get(k)) for k in rules.removal_fields}
    if case.stage == "included" and before != "included" and step != "announcement":
        case.removal_started_on, case.removal_method = None, None  # a removal stopped: back under watch
    if case.stage in CLOSED_STAGES and before not in CLOSED_STAGES:
        case.closed_on = event.on_date
        case.closed_reason = event.reason or _closing_reason(event)
        if case.stage == "removed":
            case.removed_on = event.on_date


def _closing_reason(event: Event) -> str:
    if event.step == "evaluation":
        d = event.data
        return f"民主评议未通过（实到 {d.get('present')} 人，赞成 {d.get('for')} 票）"
    return ""


def _event_row(
    session: Session,
    case: MonitoringCase,
    state: MonitorState,
    event: Event,
    *,
    seq: int,
    today: date,
    rules: MonitorRules,
) -> tuple[MonitorState, MonitoringEvent]:
    """Check ``event`` against the case's state; the event's row (not added yet), and the case's columns
    follow the new state."""
    check(state, event, today=today, rules=rules)
    new = advance(state, event)
    actor = event.actor or require_signature(session.info, "记录监测步骤")
    data = {k: _json(v) for k, v in event.data.items()}
    data["seq"] = seq
    row = MonitoringEvent(
        case_id=case.id,
        household_id=case.household_id,
        batch_id=event.batch_id,
        step=event.step,
        on_date=event.on_date,
        actor=actor,
        outcome=event.outcome,
        reason=event.reason.strip(),
        data=data,
    )
    _apply(case, new, event, rules)
    return new, row


def write_event(
    session: Session, case: MonitoringCase, event: Event, *, today: date, rules: MonitorRules
) -> MonitorState:
    """Check ``event`` against the case's log and write it; the case's columns follow the new state."""
    rows = case_events(session, case.id)
    state = replay(to_event(r) for r in rows)
    new, row = _event_row(session, case, state, event, seq=len(rows) + 1, today=today, rules=rules)
    session.add(row)
    session.add(case)
    session.flush()
    return new


def _rounds(session: Session, household_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """(round, stage) of each household's cases, read in chunks."""
    out: dict[str, list[tuple[int, str]]] = {}
    for start in range(0, len(household_ids), _CHUNK):
        query = select(col(MonitoringCase.household_id), col(MonitoringCase.round), col(MonitoringCase.stage)).where(
            col(MonitoringCase.household_id).in_(household_ids[start : start + _CHUNK]), live(MonitoringCase)
        )
        for hid, number, stage in session.execute(query).all():
            out.setdefault(hid, []).append((number, stage))
    return out


def start_cases(
    session: Session,
    items: Sequence[tuple[Household, Mapping[str, Any]]],
    *,
    today: date,
    batch_id: str | None = None,
) -> list[MonitoringCase]:
    """线索登记 for many households at once (a department's list): the rules and the households' cases are
    read once, each clue is checked as one clue is, and all rows are written in two flushes. A refusal on
    any household raises before anything is added (the caller's unit of work writes nothing)."""
    rules = load_monitor_rules(session)
    labels = field_labels("clue")
    rounds = _rounds(session, sorted({h.id for h, _values in items}))
    cases: list[MonitoringCase] = []
    events: list[MonitoringEvent] = []
    for household, values in items:
        known = rounds.setdefault(household.id, [])
        existing = max((r for r in known if r[1] not in CLOSED_STAGES), default=None)
        if existing is not None:
            raise MonitorError(
                "case_open",
                f"{household.head_name}户已有进行中的监测程序（第 {existing[0]} 轮，"
                f"{catalog.label('monitor_stage', existing[1])}），不能重复登记线索",
                f"household {household.number} already has an open monitoring case",
            )
        event = make_event("clue", coded_values(values), rules=rules, labels=labels)
        if batch_id:
            event = Event(event.step, event.on_date, event.outcome, event.reason, event.actor, batch_id, event.data)
        data = event.data
        case = MonitoringCase(
            household_id=household.id,
            round=max((r[0] for r in known), default=0) + 1,
            stage="clue",
            source=str(data["source"]),
            found_on=event.on_date,
            deadline=deadline_for(event.on_date, rules),
            risks=list(data["risks"]),
            disaster_sub=data.get("disaster_sub") if "04" in data["risks"] else None,
            risk_note=str(data.get("risk_note") or ""),
        )
        _state, row = _event_row(session, case, MonitorState(), event, seq=1, today=today, rules=rules)
        known.append((case.round, case.stage))
        cases.append(case)
        events.append(row)
    session.add_all(cases)
    session.flush()
    session.add_all(events)
    session.flush()
    return cases


def start_case(
    session: Session, household: Household, values: Mapping[str, Any], *, today: date, batch_id: str | None = None
) -> MonitoringCase:
    """线索登记: a new case (the next round) for a household that has none open."""
    return start_cases(session, [(household, values)], today=today, batch_id=batch_id)[0]


def record_step(
    session: Session,
    household: Household,
    action: str,
    values: Mapping[str, Any],
    *,
    today: date,
    batch_id: str | None = None,
) -> MonitoringCase:
    """Record ``action`` on the household's open case with the form's values (the whole step or nothing)."""
    if action == "clue":
        return start_case(session, household, values, today=today, batch_id=batch_id)
    rules = load_monitor_rules(session)
    case = current_case(session, household)
    state = case_state(session, case.id)
    values = coded_values(values)
    labels = field_labels(action, rules)
    typed = make_event(action, values, rules=rules, labels=labels)
    facts: dict[str, Any] = {}
    if action == "home_check":
        facts = income_facts(session, household, typed.on_date)
    elif action == "removal_check":
        facts = removal_facts(session, household, case, typed.data, typed.on_date)
        facts["guard_failures"] = _judge_removal(facts, {**typed.data, "date": typed.on_date}, state, rules)
    elif action == "consent":
        check(state, typed, today=today, rules=rules)  # before a file is copied into the store
        facts = {"scan": _scan(session, household.id, typed.data.get("scan"))}
    event = Event(action, typed.on_date, typed.outcome, typed.reason, typed.actor, batch_id, {**typed.data, **facts})
    write_event(session, case, event, today=today, rules=rules)
    return case
