"""The procedure's use cases for one household, as the card's procedure tab, the monitoring list and
``fupin procedure`` call them: each takes the ``Database``, runs in one unit of work and returns plain data.

A step is one ``writing(db, "procedure.<step>", household_id)``: the whole form is checked and written, or
refused with a ``ProcedureError`` and nothing is written. Reads (where a household stands, a village's
timeline, the check of every history) run on one read snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.domain.procedure_audit import Violation
from desktop_app.domain.procedure_rules import ProcedureError, ProcedureRules
from desktop_app.services.procedure import actions as pa
from desktop_app.services.procedure import steps
from desktop_app.services.procedure.forms import FormSpec, county_form, form, look_items
from desktop_app.services.procedure.lookback import MonitorRow, monitoring_list
from desktop_app.services.procedure.view import (
    Overview,
    TimelineEntry,
    find_household,
    overview,
    verify_database,
    village_id_by_code,
    village_timeline,
)
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database


@dataclass(frozen=True)
class StepForm:
    """What the form of a card action shows before the cadre types: the county's form, defaults, choices."""

    action: str
    spec: FormSpec
    defaults: dict[str, Any] = field(default_factory=dict)
    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()  # fields the card fills itself (its own household)


def household_overview(db: Database, household_id: str, *, today: date) -> Overview:
    """Where the household stands: the step indicator, the timeline and what may be done now."""
    with reading(db) as session:
        return overview(session, household_id, today=today)


def household_overview_of(db: Database, key: str, *, today: date) -> Overview:
    """The same for a household named by its number (or its id), as ``fupin procedure show`` takes it."""
    with reading(db) as session:
        return overview(session, find_household(session, key), today=today)


def step_form(db: Database, household_id: str, action: str, *, today: date) -> StepForm:
    """The form of ``action`` for this household (the county's look checklist, the card's own defaults)."""
    if action not in pa.ACTION_FORMS:
        raise ProcedureError("unknown_step", f"未知的操作：{action}", f"unknown action {action}")
    with reading(db) as session:
        defaults = pa.defaults(session, household_id, action, today=today)
        choices = pa.choices(session, household_id, action)
        spec = county_form(session, pa.ACTION_FORMS[action])
    hidden = tuple(f.key for f in spec.fields if f.key in pa.HIDDEN and f.type != "votes")
    return StepForm(action, spec, defaults, choices, hidden)


def perform_step(db: Database, household_id: str, action: str, values: Mapping[str, Any], *, today: date) -> str:
    """Record a step (or a decision) with its filled form; returns the Chinese confirmation."""
    with writing(db, f"procedure.{action}", household_id) as work:
        return pa.perform(work.session, household_id, action, values, today=today)


def withdraw_step(db: Database, household_id: str, *, reason: str, today: date) -> None:
    """撤回上一步: the last step stays in the log, marked withdrawn with the reason."""
    with writing(db, "procedure.correction", household_id) as work:
        steps.withdraw_last_step(work.session, household_id, reason=reason, today=today)


def re_enter_procedure(db: Database, household_id: str, *, reason: str, on_date: date, today: date) -> None:
    """A monitored household returns to poverty (or applies again): a new round of the procedure."""
    with writing(db, "procedure.return_to_poverty", household_id) as work:
        steps.re_enter(work.session, household_id, reason=reason, on_date=on_date, today=today)


def monitoring(
    db: Database, *, today: date, village_id: str | None = None, village_code: str | None = None
) -> list[MonitorRow]:
    """防返贫监测: households at risk (of one village, by id or by code, or of the whole database)."""
    with reading(db) as session:
        if village_code:
            village_id = village_id_by_code(session, village_code)
        return monitoring_list(session, village_id=village_id, today=today)


def timeline_of_village(db: Database, village_code: str) -> list[TimelineEntry]:
    with reading(db) as session:
        return village_timeline(session, village_id_by_code(session, village_code))


def check_procedure(db: Database, *, village_code: str | None = None) -> list[tuple[str, str, Violation]]:
    """(household id, number, violation) for every history that breaks the procedure's rules."""
    with reading(db) as session:
        village_id = village_id_by_code(session, village_code) if village_code else None
        return verify_database(session, village_id=village_id)


def procedure_rules(db: Database) -> ProcedureRules:
    with reading(db) as session:
        return steps.load_rules(session)


def change_procedure_rules(db: Database, changes: Mapping[str, Any]) -> ProcedureRules:
    """Save the county's rules with ``changes`` on top (a bad key or value is refused, nothing saved)."""
    with writing(db, "procedure.rules") as work:
        rules = ProcedureRules.from_mapping({**steps.load_rules(work.session).to_mapping(), **changes})
        steps.save_rules(work.session, rules)
        return rules


def _typed(spec: FormSpec, kind: str, key: str, value: str) -> Any:
    if kind == "date":
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ProcedureError("bad_value", f"日期格式应为 YYYY-MM-DD：{value}", f"not a date: {value}") from None
    if kind == "int":
        try:
            return int(value)
        except ValueError:
            raise ProcedureError(
                "bad_value", f"“{spec.zh}”的 {key} 应为整数：{value}", f"{key} must be a whole number"
            ) from None
    if kind == "bool":
        return value.lower() in ("1", "true", "yes")
    return value


def do_step(
    db: Database,
    household_key: str,
    action: str,
    fields: Sequence[tuple[str, str]],
    *,
    today: date,
    votes: tuple[int, int, int] | None = None,
) -> str:
    """``fupin procedure do``: a step from (key, text) pairs, completed with the form's defaults.

    A look item (``hebei_five_looks.housing``) is a note of the form's "looks" field.
    """
    if action not in pa.ACTION_FORMS:
        raise ProcedureError(
            "unknown_step", "未知的步骤：" + action + "；可用：" + "、".join(pa.ACTION_FORMS), f"unknown step {action}"
        )
    spec = form(pa.ACTION_FORMS[action])
    types = {f.key: f.type for f in spec.fields}
    with reading(db) as session:
        hid = find_household(session, household_key)
        county = county_form(session, pa.ACTION_FORMS[action])  # the county's look checklist
    looks = {key: f.key for f in county.fields if f.type == "looks" for key, _label in look_items(f)}
    typed: dict[str, Any] = {}
    for key, value in fields:
        if key in looks:
            typed.setdefault(looks[key], {})[key] = value
            continue
        if key not in types or types[key] == "looks":
            raise ProcedureError("bad_field", f"表单“{spec.zh}”没有字段 {key}", f"no field {key} on {spec.en}")
        typed[key] = _typed(spec, types[key], key, value)
    if votes is not None:
        typed["votes"] = {hid: votes}
    with writing(db, f"procedure.{action}", hid) as work:
        values = pa.with_defaults(work.session, hid, action, typed, today=today)
        return pa.perform(work.session, hid, action, values, today=today)
