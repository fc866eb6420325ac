"""The monitoring procedure's use cases (SPEC15 "Service API"): each takes the ``Database``, runs one unit of
work (``writing(db, "monitoring.<action>", household_id)``) or one read snapshot, and returns plain rows.

A refused step raises ``MonitorError`` (a ``ProcedureError``: the command line prints the Chinese reason
and exits 2) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.monitoring import available
from desktop_app.domain.monitoring_audit import verify_case_history
from desktop_app.domain.monitoring_rules import MonitorError, MonitorRules
from desktop_app.domain.monitoring_steps import STEPS
from desktop_app.services import permissions
from desktop_app.services.households import MemberForm, new_household_form, save_household
from desktop_app.services.monitoring import cases as mc
from desktop_app.services.monitoring.forms import step_form_spec
from desktop_app.services.monitoring.listing import CaseDetail, CaseEventRow, CaseRow, case_rows
from desktop_app.services.monitoring.rules import load_monitor_rules, save_monitor_rules
from desktop_app.services.procedure.forms import FormSpec
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.models_monitoring import MonitoringCase
from desktop_app.storage.queries import live


@dataclass(frozen=True)
class NewHousehold:
    """A household not on file yet whose card is made at its clue (head only; the card is completed later)."""

    village_code: str
    head_name: str
    head_id_number: str
    sex: str | None = None
    birth_date: date | None = None
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem the invariant check found in a case's history."""

    case_id: str
    household_id: str
    household_number: str
    code: str
    zh: str
    en: str
    step: str = ""
    on_date: date | None = None


def _village(session: Session, new: NewHousehold) -> Area:
    village: Area | None = session.execute(
        select(Area).where(col(Area.code) == new.village_code.strip(), col(Area.level) == "village", live(Area))
    ).scalar()
    if village is None:
        raise MonitorError("village_missing", f"找不到代码为 {new.village_code} 的行政村", "no such village")
    return village


def _new_card(session: Session, new: NewHousehold) -> Household:
    village = _village(session, new)
    form = new_household_form(session, village.id)
    form.phone, form.address = new.phone.strip(), new.address.strip()
    form.members = [
        MemberForm(
            name=new.head_name.strip(),
            id_number=new.head_id_number.strip(),
            relation="01",
            sex=new.sex,
            birth_date=new.birth_date,
        )
    ]
    household = session.get(Household, save_household(session, form))
    assert household is not None
    return household


def _one_case(session: Session, case_id: str, *, today: date, rules: MonitorRules) -> CaseRow:
    rows = case_rows(session, today=today, rules=rules, case_id=case_id)
    if not rows:
        raise MonitorError("case_missing", "找不到该监测记录（可能已被删除）", "monitoring case not found")
    return rows[0]


def _detail(session: Session, row: CaseRow, rules: MonitorRules) -> CaseDetail:
    case = session.get(MonitoringCase, row.case_id)
    assert case is not None
    events = mc.case_events(session, case.id)
    state = mc.case_state(session, case.id)
    failures: tuple[tuple[str, str], ...] = ()
    for event in events:
        if event.step == "removal_check":
            failures = tuple(
                (str(f.get("code")), str(f.get("zh"))) for f in (event.data or {}).get("guard_failures", ())
            )
    return CaseDetail(
        **{f.name: getattr(row, f.name) for f in fields(CaseRow)},
        events=tuple(
            CaseEventRow(e.id, e.step, e.on_date, e.actor, e.outcome, e.reason, dict(e.data or {}), e.batch_id)
            for e in events
        ),
        disaster_sub=case.disaster_sub,
        risk_note=case.risk_note,
        income_year=case.income_year,
        per_capita_fen=case.per_capita_fen,
        line_fen=case.line_fen,
        removal_facts=dict(case.removal_facts or {}),
        guard_failures=failures if state.stage == "removal_checked" else (),
        guards_overridden=state.overridden and state.stage == "removal_checked",
        notice_end=state.notice.end if state.notice else None,
        open_objections=tuple(sorted(state.open_objections)),
    )


def open_clue(
    db: Database,
    household: str,
    *,
    source: str,
    found: date,
    risks: Sequence[str],
    today: date,
    disaster_sub: str | None = None,
    risk_note: str = "",
    note: str = "",
    data: Mapping[str, Any] | None = None,
    new_household: NewHousehold | None = None,
) -> CaseRow:
    """线索登记: open a case (``household`` = id or 户编号; with ``new_household`` the card is made first and
    ``household`` may be empty). ``data`` adds department and dept_reason of a department alert."""
    values: dict[str, Any] = {"source": source, "found": found, "risks": list(risks), "note": note}
    values.update(disaster_sub=disaster_sub, risk_note=risk_note, **dict(data or {}))
    household_id: str | None = None
    subject: str | None = None
    with reading(db) as session:
        if new_household is None:
            household_id = mc.find_household(session, household).id
        else:  # a new card: saving cards must be allowed too, and the village is the subject of the area check
            permissions.require(db, "household.save")
            subject = _village(session, new_household).id
    with writing(db, "monitoring.clue", household_id or subject) as work:
        session = work.session
        if household_id is not None:
            row = mc.find_household(session, household_id)
        else:
            assert new_household is not None
            row = _new_card(session, new_household)
        case = mc.start_case(session, row, values, today=today)
        return _one_case(session, case.id, today=today, rules=load_monitor_rules(session))


def do_action(db: Database, household: str, action: str, values: Mapping[str, Any], *, today: date) -> CaseRow:
    """Record ``action`` (a step of SPEC15's table) on the household's open case; refused: MonitorError."""
    if action not in STEPS:
        raise MonitorError(
            "unknown_step", "未知的监测步骤：" + action + "；可用：" + "、".join(STEPS), f"unknown step {action}"
        )
    with reading(db) as session:
        household_id = mc.find_household(session, household).id
    with writing(db, f"monitoring.{action}", household_id) as work:
        session = work.session
        row = mc.find_household(session, household_id)
        case = mc.record_step(session, row, action, values, today=today)
        return _one_case(session, case.id, today=today, rules=load_monitor_rules(session))


def case_list(
    db: Database,
    *,
    village_code: str | None = None,
    overdue_only: bool = False,
    stage: str | None = None,
    today: date,
) -> list[CaseRow]:
    """Every case (of a village, of a stage, or only the overdue ones), by village, household and round."""
    with reading(db) as session:
        rules = load_monitor_rules(session)
        return case_rows(
            session, today=today, rules=rules, village_code=village_code, stage=stage, overdue_only=overdue_only
        )


def case_detail(db: Database, case_id: str, *, today: date) -> CaseDetail:
    """One case with its timeline."""
    with reading(db) as session:
        rules = load_monitor_rules(session)
        return _detail(session, _one_case(session, case_id, today=today, rules=rules), rules)


def household_cases(db: Database, household_id: str, *, today: date) -> list[CaseDetail]:
    """The household's cases (id or 户编号), newest round first."""
    with reading(db) as session:
        rules = load_monitor_rules(session)
        hid = mc.find_household(session, household_id).id
        rows = case_rows(session, today=today, rules=rules, household_id=hid)
        return [_detail(session, r, rules) for r in sorted(rows, key=lambda r: r.round, reverse=True)]


def actions_allowed(db: Database, case_id: str, *, today: date) -> list[tuple[str, str | None]]:
    """Every step after the clue with why it cannot start now (None: it can), in the table's order."""
    with reading(db) as session:
        if session.get(MonitoringCase, case_id) is None:
            raise MonitorError("case_missing", "找不到该监测记录", "monitoring case not found")
        state = mc.case_state(session, case_id)
    out: list[tuple[str, str | None]] = []
    for action in STEPS:
        if action == "clue":
            continue
        why = available(state, action, today=today)
        out.append((action, None if why is None else why.message_zh))
    return out


def monitor_step_form(db: Database, case_id: str, action: str, *, today: date) -> FormSpec:
    """The form of ``action`` for the case (the removal check lists the county's removal fields)."""
    with reading(db) as session:
        if session.get(MonitoringCase, case_id) is None:
            raise MonitorError("case_missing", "找不到该监测记录", "monitoring case not found")
        return step_form_spec(action, load_monitor_rules(session))


def monitor_rules(db: Database) -> MonitorRules:
    with reading(db) as session:
        return load_monitor_rules(session)


def change_monitor_rules(db: Database, changes: Mapping[str, str]) -> MonitorRules:
    """Save the county's rules with ``changes`` on top (a bad key or value is refused, nothing saved)."""
    with writing(db, "monitoring.rules") as work:
        return save_monitor_rules(work.session, changes)


def check_monitoring(db: Database, *, village_code: str | None = None) -> list[Finding]:
    """The invariant check of every case's history (and at most one open case per household)."""
    today = date.today()  # the flags of the rows are not used: the check does not depend on the date
    with reading(db) as session:
        rules = load_monitor_rules(session)
        rows = case_rows(session, today=today, rules=rules, village_code=village_code)
        out: list[Finding] = []
        open_by_household: dict[str, list[CaseRow]] = {}
        for row in rows:
            events = [mc.to_event(e) for e in mc.recorded_order(mc.case_events(session, row.case_id))]
            for v in verify_case_history(events, row.stage, notice_min_days=rules.notice_min_days):
                out.append(
                    Finding(row.case_id, row.household_id, row.household_number, v.code, v.zh, v.en, v.step, v.on_date)
                )
            if row.stage not in ("refused", "withdrawn", "removed"):
                open_by_household.setdefault(row.household_id, []).append(row)
        for cases in open_by_household.values():
            if len(cases) > 1:
                first = cases[0]
                out.append(
                    Finding(
                        first.case_id,
                        first.household_id,
                        first.household_number,
                        "two_open_cases",
                        f"{first.head_name}户同时有 {len(cases)} 个进行中的监测程序",
                        f"household {first.household_number} has {len(cases)} open cases",
                    )
                )
        return out
