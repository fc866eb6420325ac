"""County rosters carry no UUIDs: people are matched by resident ID, households by number.

The roster is one more source of field values. Each roster state of a record is remembered (device
``roster:<digest of its values>``) so that the next roster is merged three-way against the previous one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain import idnumber
from desktop_app.domain.errors import DomainError
from desktop_app.services.exchange import typed_rows
from desktop_app.services.merge import (
    ROSTER_DEVICE,
    IncomingRecord,
    MergeResult,
    apply_incoming,
    coerce_value,
    stored_columns,
    value_text,
)
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_merge import SyncState
from desktop_app.storage.queries import chunks, live_rows, table_of
from desktop_app.storage.types import utcnow

CHUNK = 500  # ids per IN (...) query


@dataclass
class RosterPerson:
    """One person of a county roster (no UUIDs): matched by resident ID, the household by its number.

    ``household_fields`` must hold ``village_id`` (and may hold ``group_id``) when the household is new.
    """

    household_number: str
    id_number: str
    member_fields: dict[str, Any]
    household_fields: dict[str, Any] = field(default_factory=dict)
    member_id: str | None = None  # a person without an ID in the roster, matched here by its 人编号


def apply_roster(session: Session, people: list[RosterPerson], *, source_label: str) -> MergeResult:
    """Apply a county roster as one-sided field values.

    People are matched by resident ID, households by number (new ones are created, with the ids a workbook
    row typed for them would get: services.exchange.typed_rows). The roster's values are compared with the
    values the previous roster gave for the same record: a value the county changed since then is applied if
    this database still has the old roster value, else it is a conflict. Without a previous roster, a value
    fills an empty field and a differing value is a conflict. Blank roster cells change nothing.
    """
    h, m = table_of(Household), table_of(Member)
    numbers = sorted({p.household_number for p in people})
    id_numbers = sorted({p.id_number for p in people if p.id_number})
    homes: dict[str, Any] = {}
    for part in chunks(numbers, CHUNK):
        query = select(h.c.id, h.c.number, h.c.version, h.c.device_id).where(h.c.number.in_(part))
        homes.update({r.number: r for r in session.execute(query)})
    persons: dict[str, Any] = {}
    for part in chunks(id_numbers, CHUNK):
        query = select(m.c.id, m.c.household_id, m.c.id_number, m.c.version, m.c.device_id).where(
            m.c.id_number.in_(part), live_rows(m)
        )
        persons.update({r.id_number: r for r in session.execute(query)})
    by_member: dict[str, Any] = {}
    for part in chunks(sorted({p.member_id for p in people if p.member_id}), CHUNK):
        query = select(m.c.id, m.c.household_id, m.c.id_number, m.c.version, m.c.device_id).where(m.c.id.in_(part))
        by_member.update({r.id: r for r in session.execute(query)})
    previous = _previous_roster_states(
        session, [r.id for r in homes.values()] + [r.id for r in persons.values()] + list(by_member)
    )
    records: list[IncomingRecord] = []
    texts = _Texts()
    by_household: dict[str, list[RosterPerson]] = {}
    for person in people:
        by_household.setdefault(person.household_number, []).append(person)
    for number, group in by_household.items():
        home = homes.get(number)
        household_id = home.id if home is not None else typed_rows.household_id(number)
        fields = {k: v for p in group for k, v in p.household_fields.items() if v is not None}
        fields["number"] = number
        if home is None and not fields.get("village_id"):
            raise DomainError("roster_village", f"户 {number} 是新户，但花名册没有给出所在行政村。")
        records.append(_roster_record("household", household_id, fields, home, previous, texts))
        for person in group:
            known = by_member.get(person.member_id) if person.member_id else persons.get(person.id_number)
            if known is not None and known.household_id != household_id:
                raise DomainError(
                    "roster_two_households",
                    f"身份证号 {idnumber.mask(person.id_number)} 已登记在另一户，花名册却列在户 {number}。",
                )
            values = {k: v for k, v in person.member_fields.items() if v is not None}
            if person.id_number:  # blank: matched by 人编号, the ID here stays as it is
                values["id_number"] = person.id_number
            if known is None:
                values["household_id"] = household_id
            record_id = known.id if known else typed_rows.typed_id("member", household_id, person.id_number)
            records.append(_roster_record("member", record_id, values, known, previous, texts))
    return apply_incoming(session, records, source_label=source_label, policy="fill", exact_bases_only=True)


def _previous_roster_states(session: Session, record_ids: list[str]) -> dict[str, tuple[int, str]]:
    latest: dict[str, tuple[Any, tuple[int, str]]] = {}
    for part in chunks(record_ids, CHUNK):
        c = table_of(SyncState).c
        query = select(c.record_id, c.version, c.device_id, c.seen_at).where(
            c.record_id.in_(part), c.device_id.startswith(ROSTER_DEVICE)
        )
        for row in session.execute(query):
            if row.record_id not in latest or row.seen_at > latest[row.record_id][0]:
                latest[row.record_id] = (row.seen_at, (row.version, row.device_id))
    return {k: v[1] for k, v in latest.items()}


class _Texts:
    """The state text of each field value, remembered per field for the values a roster repeats (codes,
    dates, yes/no: thousands of rows, a few values)."""

    LIMIT = 4096  # distinct values remembered per field

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], dict[tuple[type, Any], str | None]] = {}

    def text(self, table: str, name: str, column: Any, value: Any) -> str | None:
        known = self.seen.setdefault((table, name), {})
        key = (value.__class__, value)
        if key in known:
            return known[key]
        made = value_text(coerce_value(column, value))
        if len(known) < self.LIMIT:
            known[key] = made
        return made


def _roster_record(
    table: str,
    record_id: str,
    fields: dict[str, Any],
    local: Any,
    previous: dict[str, tuple[int, str]],
    texts: _Texts,
) -> IncomingRecord:
    cols = stored_columns(table)
    # the household link is not part of the roster's state: a member new here carries it, the same member
    # known here the next time does not, and the same roster must be the same state (a re-import changes
    # nothing, not even the snapshots)
    canonical = {k: texts.text(table, k, cols[k], v) for k, v in fields.items() if k in cols and k != "household_id"}
    digest = hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]
    ancestors = []
    if record_id in previous:
        ancestors.append(previous[record_id])
    if local is not None and local.device_id.startswith(ROSTER_DEVICE):
        ancestors.append((local.version, local.device_id))
    return IncomingRecord(
        table=table,
        id=record_id,
        base_version=None,
        version=1,
        device_id=ROSTER_DEVICE + digest,
        updated_at=utcnow(),
        deleted=False,
        fields=fields,
        ancestors=tuple(ancestors),
    )
