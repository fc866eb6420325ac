"""The work months of a national work-month sheet (``rows: work_month``): one row per person and month.

The roster pipeline reads such a sheet's persons once (the repeats are the same person) and checks every cell
of every row, the ``work.*`` columns included (layout_import reads them as ``@work.<field>``, never stored by
the roster merge). :func:`collect` then takes each row's month and work fields from the same rows; two rows of
one person and month that differ are a problem (nothing is written). :func:`apply`, after the households and
members and in the same transaction, merges them as ``WorkMonth`` records through the merge engine (policy
``fill``, as the roster): the id is the member's and month's (``domain.assistance.work_month_id``, as typed in
the app), so a month typed here is filled or met with a conflict, and a second import changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain.assistance import work_month_id
from desktop_app.services.exchange import cells
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import layouts as L
from desktop_app.services.exchange.layout_cases import CHUNK, ancestors, digest, incoming, previous_states
from desktop_app.services.exchange.reader import SheetData
from desktop_app.services.exchange.rosters import FieldTable, ParsedRoster
from desktop_app.services.exchange.validation import Problem, Report
from desktop_app.services.merge import MergeResult, apply_incoming_chunks
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_assist import WorkMonth
from desktop_app.storage.queries import chunks, live_rows, table_of

PREFIX = "@work."
FIELDS = ("month", "worked", "started_on", "ended_on", "place", "channel", "industry", "employer", "wage_fen",
          "transport_subsidy_fen")  # fmt: skip


def column_field(col: L.LayoutColumn, rows: str) -> str | None:
    """``@work.<field>`` for a work column of a work-month layout, None otherwise."""
    if col.imported and rows == "work_month" and col.scope == "work" and col.field in FIELDS:
        return PREFIX + col.field
    return None


def collect(
    parsed: ParsedRoster,
    sheet: SheetData,
    header_row: int,
    columns: dict[int, str],
    table: FieldTable,
    readers: dict[str, Any],
    report: Report,
) -> None:
    """Each row's (household number, resident ID, month) and work fields into ``parsed.work_months``; a cell
    that does not read was reported by the roster parse and leaves its row out."""
    wanted = {i: f for i, f in columns.items() if f.startswith(PREFIX)}
    at = {f: i for i, f in columns.items()}
    if not wanted or "@number" not in at or "id_number" not in at:
        return
    read = {i: _reader(table, readers, f) for i, f in [*wanted.items(), (at["@number"], "@number"),
                                                      (at["id_number"], "id_number")]}  # fmt: skip
    month_at = at.get(PREFIX + "month")
    seen: dict[tuple[str, str, int], tuple[int, dict[str, Any]]] = {}
    for r, raw in enumerate((sheet.rows or [])[header_row + 1 :], start=header_row + 1):
        try:
            values = {f: read[i](raw[i] if i < len(raw) else None) for i, f in wanted.items()}
            number = read[at["@number"]](raw[at["@number"]])
            id_number = read[at["id_number"]](raw[at["id_number"]])
        except cells.CellError:
            continue  # reported by the roster parse
        values = {f[len(PREFIX) :]: v for f, v in values.items() if v is not None}
        if not values or not number or not id_number:
            continue
        month = values.pop("month", None)
        if month is None:
            header = table[PREFIX + "month"][0][0] if month_at is not None else "监测月份"
            report.add(Problem(parsed.sheet, r + 1, header, "", "该行填有务工情况，但监测月份为空", number, month_at))
            continue
        key = (number, id_number, month.year * 100 + month.month)
        if key in seen and seen[key][1] != values:
            report.add(
                Problem(parsed.sheet, r + 1, table[PREFIX + "month"][0][0], f"{key[2]}",
                        f"同一人同一月份出现两次，且务工情况与第{seen[key][0]}行不一致", number, month_at)
            )  # fmt: skip
            continue
        seen.setdefault(key, (r + 1, values))
    parsed.work_months = [(number, idn, month, values) for (number, idn, month), (_r, values) in seen.items()]


def _reader(table: FieldTable, readers: dict[str, Any], field: str) -> Callable[[Any], Any]:
    found: Callable[[Any], Any] | None = readers.get(field)
    if found is not None:
        return found
    headers, kind, codelist, _target = table[field]
    reader: Callable[[Any], Any] = cells.fast_reader(C.Col(headers[0], field, kind, codelist))
    return reader


def apply(session: Session, roster: ParsedRoster, skip: set[str], *, source_label: str) -> MergeResult | None:
    """Merge the work months of ``roster`` (after its households and members, in the caller's transaction)."""
    keys = {hh.number: key for key, hh in roster.households.items() if hh.number}
    wanted = [w for w in roster.work_months if w[0] in keys and keys[w[0]] not in skip]
    if not wanted:
        return None
    h, m, w = table_of(Household), table_of(Member), table_of(WorkMonth)

    def parts() -> Any:
        for part in chunks(wanted, CHUNK * 4):
            numbers = sorted({number for number, *_rest in part})
            homes = {r.number: r.id for r in session.execute(select(h.c.number, h.c.id).where(h.c.number.in_(numbers)))}
            members = {
                (r.household_id, r.id_number): r.id
                for r in session.execute(
                    select(m.c.id, m.c.household_id, m.c.id_number).where(
                        m.c.household_id.in_(list(homes.values())), live_rows(m)
                    )
                )
            }
            records: list[tuple[str, dict[str, Any]]] = []
            for number, id_number, month, values in part:
                household = homes.get(number)
                member = members.get((household, id_number)) if household is not None else None
                if household is None or member is None:
                    continue  # a row left out of the roster: nothing to hang the month on
                fields = {"household_id": household, "member_id": member, "month": month, **values}
                records.append((work_month_id(member, month), fields))
            ids = [i for i, _f in records]
            locals_ = {
                r.id: r for r in session.execute(select(w.c.id, w.c.version, w.c.device_id).where(w.c.id.in_(ids)))
            }
            previous = previous_states(session, ids)
            yield [
                incoming("work_month", i, f, digest(f, "work_month"), ancestors(previous, i, locals_.get(i)))
                for i, f in records
            ]

    return apply_incoming_chunks(session, parts(), source_label=source_label, policy="fill", exact_bases_only=True)
