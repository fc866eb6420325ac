"""The monitoring columns of a national layout: the household's latest monitoring case and its help measures.

A person sheet repeats the household's monitoring facts on every member's row: ``case.<field>`` (category,
identification and removal months, method, development help, risks 1…5, disaster sub-item, remark, contact),
``@case_removed`` (风险是否已消除, twice in the monitoring sheet), ``removal.<key>`` (the 13 post-removal
fields, ``MonitoringCase.removal_facts``) and ``measure.<category>`` (the help of one national category,
comma-joined). layout_import reads them as roster fields of their own (``@case.category``…: kept with each
person's row and never stored by the roster merge); :func:`collect` takes them per household after the roster
parse (rows of one household that disagree are a problem: nothing is written) and :func:`apply` writes them
after the roster in the same transaction, through the merge engine (change log, sync state, conflicts):

- a household without a monitoring case gets one: stage ``included`` (``removed`` when 风险是否已消除 = 是 or
  a removal month is given), found and included on the identification month, the file's fields; its id is
  made from the household (``typed_rows.typed_id``), so a second import of the same file changes nothing;
- a household with a case: the file fills the latest case's empty fields, a differing value is a conflict as
  in the roster merge (a month the file gives that is the month of the stored day is the same value);
- help measures: one ``HelpMeasure`` per household, category and **year of the case's identification
  month**, its values the category's codes, linked to the case; codes the household's measures of that
  category, year and case already hold change nothing.

Everything is set-based: one query per table and chunk of households, no per-row ORM query.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app import catalog
from desktop_app.services.exchange import layouts as L
from desktop_app.services.exchange.rosters import ParsedRoster
from desktop_app.services.exchange.typed_rows import household_id as typed_household_id
from desktop_app.services.exchange.typed_rows import typed_id
from desktop_app.services.exchange.validation import Problem, Report
from desktop_app.services.merge import (
    ROSTER_DEVICE,
    IncomingRecord,
    MergeResult,
    apply_incoming_chunks,
    coerce_value,
    stored_columns,
    value_text,
)
from desktop_app.storage.models import Household
from desktop_app.storage.models_merge import SyncState
from desktop_app.storage.models_monitoring import HelpMeasure, MonitoringCase
from desktop_app.storage.queries import chunks, live_rows, table_of
from desktop_app.storage.types import utcnow

CHUNK = 500  # households per IN (...) query
REMOVED = "@case_removed"
# case.<field> read from a layout: the case's own columns, risk1…risk5 (the risks in order)
CASE_FIELDS = frozenset({"category", "included_on", "removed_on", "removal_method", "development_done",
                         "disaster_sub", "risk_note", "contact_name", "contact_phone"})  # fmt: skip
RISKS = tuple(f"risk{i}" for i in range(1, 6))
_MONTHS = ("included_on", "removed_on")  # read as YYYYMM: the same month as the stored day is the same value


def column_field(col: L.LayoutColumn, taken: dict[str, Any]) -> str | None:
    """The roster field a monitoring column of a layout is read into (``@case.category``, ``@measure.100A40``,
    ``@removal.wage_fen``, ``@case_removed``; a repeated column gets ``#<n>``), None: not one of them."""
    if not col.imported:
        return None
    scope, name = col.scope, col.field
    if scope == "case" and name not in CASE_FIELDS and name not in RISKS:
        return None
    categories = catalog.codelists().get("help_category")
    if scope == "measure" and (categories is None or name not in categories):
        return None
    if scope not in ("case", "measure", "removal") and col.source != REMOVED:
        return None
    field = col.source if col.source.startswith("@") else "@" + col.source
    base, n = field, 2
    while field in taken:
        field, n = f"{base}#{n}", n + 1
    return field


def is_case_field(field: str) -> bool:
    return field.startswith(("@case.", "@measure.", "@removal.", REMOVED))


def _shown(col: L.LayoutColumn, value: Any) -> str:
    if col.format == "code" and col.codelist:
        return L.code_label(col.codelist, str(value))
    if col.format == "codes" and col.codelist:
        return ",".join(L.code_label(col.codelist, c) for c in value)
    if col.format == "yesno":
        return "是" if value else "否"
    if isinstance(value, date):
        return f"{value.year:04d}{value.month:02d}" if col.format == "yyyymm" else value.isoformat()
    return str(value)


def collect(
    session: Session, parsed: ParsedRoster, report: Report, columns: dict[str, tuple[int, L.LayoutColumn]]
) -> None:
    """The monitoring values of each household of ``parsed`` (taken out of its people's rows) into
    ``parsed.cases``; disagreeing rows, a removal month against 风险是否已消除 = 否, and monitoring facts
    without an identification month for a household that has no case here are problems (row, header, why)."""
    wanted = [f for f in columns if is_case_field(f)]
    if not wanted:
        return
    needs_case: dict[str, tuple[str, int]] = {}  # household number -> (key, row): no month in the file
    for key, hh in parsed.households.items():
        values: dict[str, Any] = {}
        seen: dict[str, tuple[int, str]] = {}
        bad = False
        for person in hh.people:
            row = person["@row"]
            for f in wanted:
                value = person.pop(f, None)
                if value is None:
                    continue
                name = f.split("#", 1)[0]  # the second 风险是否已消除 is the same fact
                if f.startswith("@measure."):
                    value = tuple(c for c in str(value).split(",") if c)
                    if not value:
                        continue
                if name not in values:
                    values[name], seen[name] = value, (row, f)
                elif _differs(values[name], value):
                    bad = True
                    at, col = columns[f]
                    first_row, first_field = seen[name]
                    first, here = _shown(columns[first_field][1], values[name]), _shown(col, value)
                    why = f"同一户各行的“{col.header}”不一致：第{first_row}行为“{first}”，本行为“{here}”"
                    if first_row == row:  # the two 风险是否已消除 of one row
                        why = f"本行的两列“{col.header}”不一致：“{first}”与“{here}”"
                    report.add(Problem(parsed.sheet, row, col.header, here, why, key, at))
        if bad or not values:
            continue
        if values.get(REMOVED) is False and values.get("@case.removed_on") is not None:
            at, col = next(columns[f] for f in wanted if f.startswith(REMOVED))
            report.add(Problem(parsed.sheet, seen[REMOVED][0], col.header, "否",
                               "已填消除监测时间，但风险是否已消除为“否”", key, at))  # fmt: skip
            continue
        if not any(k != REMOVED or v for k, v in values.items()):
            continue  # only 风险是否已消除 = 否: not a monitored household
        if "@case.included_on" not in values:
            needs_case[hh.number] = (key, hh.rows[0] if hh.rows else 0)
        values["@row"] = hh.rows[0] if hh.rows else 0
        parsed.cases[key] = values
    _check_without_month(session, parsed, report, needs_case, columns)


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return set(a) != set(b)
    return bool(a != b)


def _check_without_month(
    session: Session,
    parsed: ParsedRoster,
    report: Report,
    needs_case: dict[str, tuple[str, int]],
    columns: dict[str, tuple[int, L.LayoutColumn]],
) -> None:
    """Monitoring facts without 识别监测时间 can only go into a case this database has."""
    if not needs_case:
        return
    h, c = table_of(Household), table_of(MonitoringCase)
    known: set[str] = set()
    for part in chunks(sorted(needs_case), CHUNK):
        query = (
            select(h.c.number)
            .join(c, c.c.household_id == h.c.id)
            .where(h.c.number.in_(part), live_rows(h), live_rows(c))
        )
        known.update(session.execute(query).scalars())
    month = columns.get("@case.included_on")
    header = month[1].header if month is not None else "识别监测时间"
    for number, (key, row) in needs_case.items():
        if number not in known:
            parsed.cases.pop(key, None)
            report.add(
                Problem(parsed.sheet, row, header, "",
                        "该户有监测信息（监测对象类别、帮扶措施等），但识别监测时间为空，本库中也没有该户的监测记录，"
                        "无法建立监测记录：请填写识别监测时间", key, month[0] if month is not None else None)
            )  # fmt: skip


# --- writing ---------------------------------------------------------------------------------------------


def _case_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The case columns the file gives (risks in order, removal facts, 风险是否已消除 as ``@removed``)."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name.startswith("@case."):
            field = name[6:]
            if field in CASE_FIELDS:
                out[field] = value == "1" if field == "development_done" else value
    risks = [values[f"@case.{r}"] for r in RISKS if values.get(f"@case.{r}") is not None]
    if risks:
        out["risks"] = risks
    facts = {name[9:]: _json(v) for name, v in values.items() if name.startswith("@removal.")}
    if facts:
        out["removal_facts"] = facts
    removed = values.get(REMOVED)
    if removed is None and out.get("removed_on") is not None:
        removed = True
    if removed is not None:
        out["@removed"] = bool(removed)
    return out


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def digest(fields: dict[str, Any], table: str) -> str:
    """The device id of a roster state: ``roster:`` and a hash of its values."""
    cols = stored_columns(table)
    canonical = {k: value_text(coerce_value(cols[k], v)) if k in cols else str(v) for k, v in fields.items()}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False)
    return ROSTER_DEVICE + hashlib.sha256(text.encode()).hexdigest()[:24]


def incoming(table: str, record_id: str, fields: dict[str, Any], device: str, parents: list[Any]) -> IncomingRecord:
    """A roster state of one record (no base version: matched by its id, merged with the ``fill`` policy)."""
    return IncomingRecord(table=table, id=record_id, base_version=None, version=1, device_id=device,
                          updated_at=utcnow(), deleted=False, fields=fields, ancestors=tuple(parents))  # fmt: skip


class _Chunk:
    """What the database holds for one chunk of households: ids, latest cases, help measures, roster states."""

    def __init__(self, session: Session, numbers: list[str]) -> None:
        h, c, m = table_of(Household), table_of(MonitoringCase), table_of(HelpMeasure)
        self.ids = {r.number: r.id for r in session.execute(select(h.c.id, h.c.number).where(h.c.number.in_(numbers)))}
        ids = list(self.ids.values())
        self.cases: dict[str, Any] = {}
        for row in session.execute(select(c).where(c.c.household_id.in_(ids), live_rows(c)).order_by(c.c.round)):
            self.cases[row.household_id] = row  # the latest round last
        self.measures: dict[tuple[str, str, int], list[Any]] = {}
        query = select(m.c.id, m.c.household_id, m.c.case_id, m.c.year, m.c.category, m.c["values"].label("codes"),
                       m.c.version,
                       m.c.device_id)  # fmt: skip
        for row in session.execute(query.where(m.c.household_id.in_(ids), live_rows(m)).order_by(m.c.id)):
            self.measures.setdefault((row.household_id, row.category, row.year), []).append(row)
        record_ids = [r.id for r in self.cases.values()] + [r.id for rows in self.measures.values() for r in rows]
        self.previous = previous_states(session, record_ids)

    def ancestors(self, record_id: str, local: Any) -> list[tuple[int, str]]:
        return ancestors(self.previous, record_id, local)


def previous_states(session: Session, record_ids: list[str]) -> dict[str, tuple[int, str]]:
    """The latest roster state each record was sent in (a sync_state snapshot), by record id."""
    previous: dict[str, tuple[int, str]] = {}
    s = table_of(SyncState).c
    latest: dict[str, Any] = {}
    for part in chunks(record_ids, CHUNK):
        states = select(s.record_id, s.version, s.device_id, s.seen_at).where(
            s.record_id.in_(part), s.device_id.startswith(ROSTER_DEVICE)
        )
        for row in session.execute(states):
            if row.record_id not in latest or row.seen_at > latest[row.record_id]:
                latest[row.record_id] = row.seen_at
                previous[row.record_id] = (row.version, row.device_id)
    return previous


def ancestors(previous: dict[str, tuple[int, str]], record_id: str, local: Any) -> list[tuple[int, str]]:
    """The roster states an incoming record descends from: the one last sent, and the record's own state when
    a roster wrote it (the merge takes them as the common base: a re-import changes nothing)."""
    found = [previous[record_id]] if record_id in previous else []
    if local is not None and str(local.device_id).startswith(ROSTER_DEVICE):
        found.append((local.version, local.device_id))
    return found


def apply(session: Session, roster: ParsedRoster, skip: set[str], *, source_label: str) -> MergeResult | None:
    """Write the monitoring cases and help measures of ``roster`` (after its households, in the caller's
    transaction); None when the file has no monitoring values."""
    wanted = [(hh.number, roster.cases[key]) for key, hh in roster.households.items()
              if key in roster.cases and key not in skip and hh.number]  # fmt: skip
    if not wanted:
        return None
    skipped = {"monitoring_case": 0, "help_measure": 0}
    measures: list[IncomingRecord] = []

    def case_chunks() -> Iterator[list[IncomingRecord]]:
        for part in chunks(wanted, CHUNK):
            known = _Chunk(session, [n for n, _v in part])
            records: list[IncomingRecord] = []
            for number, values in part:
                household = known.ids.get(number) or typed_household_id(number)
                case_id, record, year = _case_record(known, household, values)
                if record is not None:
                    records.append(record)
                else:
                    skipped["monitoring_case"] += 1
                for category, codes in _measures(values):
                    if year is None:
                        continue
                    found = _measure_record(known, household, case_id, year, category, codes)
                    if found is not None:
                        measures.append(found)
                    else:
                        skipped["help_measure"] += 1
            yield records

    def all_chunks() -> Iterator[list[IncomingRecord]]:
        yield from case_chunks()
        yield from chunks(measures, CHUNK)

    result = apply_incoming_chunks(
        session, all_chunks(), source_label=source_label, policy="fill", exact_bases_only=True
    )
    for table, count in skipped.items():
        result.table(table).unchanged += count
    return result


def _measures(values: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(name[9:], list(v)) for name, v in values.items() if name.startswith("@measure.") and v]


def _case_record(
    known: _Chunk, household: str, values: dict[str, Any]
) -> tuple[str, IncomingRecord | None, int | None]:
    """The case record of one household (None: the case holds these values already), its id and the year of
    its measures."""
    given = _case_fields(values)
    removed = given.pop("@removed", None)
    local = known.cases.get(household)
    if local is None:
        included = given.get("included_on")
        case_id = typed_id("monitoring_case", household, 1)
        if included is None:  # checked when read: only a case here takes values without the month
            return case_id, None, None
        stage = "removed" if removed else "included"
        state = {**given, "stage": stage}
        fields = {**state, "household_id": household, "round": 1, "source": "", "found_on": included}
        if stage == "removed" and given.get("removed_on") is not None:
            fields["closed_on"] = given["removed_on"]
        year = included.year if included is not None else None
        return case_id, incoming("monitoring_case", case_id, fields, digest(state, "monitoring_case"), []), year
    case_id = local.id
    state = dict(given)
    for name in _MONTHS:  # the sheet has months only: the stored day of the same month is the same value
        value, stored = state.get(name), getattr(local, name)
        if (
            isinstance(value, date)
            and isinstance(stored, date)
            and (value.year, value.month) == (stored.year, stored.month)
        ):
            state[name] = stored
    if removed is not None and removed != (local.stage == "removed"):
        state["stage"] = "removed" if removed else "included"
    if "risks" in state and set(state["risks"]) == set(local.risks or []):
        state["risks"] = list(local.risks or [])
    if "removal_facts" in state:
        state["removal_facts"] = {**(local.removal_facts or {}), **state["removal_facts"]}
    included = state.get("included_on") or local.included_on or local.found_on
    year = included.year if included is not None else None
    cols = stored_columns("monitoring_case")
    if all(value_text(coerce_value(cols[k], v)) == value_text(getattr(local, k)) for k, v in state.items()):
        return case_id, None, year  # nothing new in the file
    record = incoming("monitoring_case", case_id, state, digest(state, "monitoring_case"),
                     known.ancestors(case_id, local))  # fmt: skip
    return case_id, record, year


def _measure_record(
    known: _Chunk, household: str, case_id: str, year: int, category: str, codes: list[str]
) -> IncomingRecord | None:
    """One household's help of one category and year (None: its measures hold these codes already)."""
    rows = [r for r in known.measures.get((household, category, year), []) if r.case_id in (None, case_id)]
    held = {v for r in rows for v in (r.codes or [])}
    if set(codes) <= held:
        return None
    record_id = typed_id("help_measure", household, category, year)
    local = next((r for r in rows if r.id == record_id), rows[0] if rows else None)
    state: dict[str, Any] = {"category": category, "year": year, "values": codes}
    if local is None:
        fields = {**state, "household_id": household, "case_id": case_id}
        return incoming("help_measure", record_id, fields, digest(state, "help_measure"), [])
    return incoming("help_measure", local.id, {"values": codes}, digest(state, "help_measure"),
                   known.ancestors(local.id, local))  # fmt: skip
