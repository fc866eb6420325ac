"""Rows typed into an exchange workbook (no 记录编号) get the same record id on every import.

A clerk adds a member, a measure or a whole household to the county file in Excel; the file is imported,
then imported again (a second laptop, a re-run, ``--partial`` after a fix, the file named twice). Had every
import given such a row a fresh random id, each import would add the same person again. Instead the row is
matched by its natural key:

- a household by its number: the household that holds the number here, else ``uuid5(number)``;
- a member by resident ID within its household: the member of that household with that ID here, else
  ``uuid5(household id, ID)`` (without an ID: name and birth date);
- a measure by household, year, type, content, amount and dates; a procedure event by household, step,
  date, actor, outcome and reason: ``uuid5`` of those values. Identical typed rows of one household are
  told apart by their order among themselves (the second identical row is a second measure).

The ids are UUID version 5 in one fixed namespace, so two laptops importing the same county file create
records with the same ids and merge later without duplicates. The incoming state of a typed row is
``(1, workbook:<hash of its values>)``: the second import finds that state known here (the record's
creation, or the snapshot the first import kept) and changes nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.services.exchange.cells import canon
from desktop_app.storage.models import Member
from desktop_app.storage.queries import live_rows, table_of

NAMESPACE = uuid.UUID("6f1d3c2a-58e4-4c0b-9a51-2f6b1e0d7c93")  # never change: ids already made depend on it
_SEP = "\x1f"

MEASURE_KEY = ("year", "type", "content", "amount_fen", "start_date", "end_date")
EVENT_KEY = ("step", "on_date", "actor", "outcome", "reason")


def typed_id(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, _SEP.join(canon(p) for p in parts)))


def household_id(number: str) -> str:
    return typed_id("household", number)


class TypedIds:
    """The record id of each typed row of one import, worked out as the rows are merged."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: dict[tuple[Any, ...], int] = {}

    def _occurrence(self, key: tuple[Any, ...]) -> int:
        n = self.seen.get(key, 0)
        self.seen[key] = n + 1
        return n

    def record_id(self, table: str, household: str | None, values: Any) -> str:
        if table == "member":
            return self.member_id(household, values.get("id_number"), values.get("name"), values.get("birth_date"))
        fields = MEASURE_KEY if table == "measure" else EVENT_KEY
        key = (table, household, *(values.get(name) for name in fields))
        return typed_id(*key, self._occurrence(key))

    def member_id(self, household: str | None, id_number: str | None, name: Any, birth: Any) -> str:
        if id_number:
            m = table_of(Member).c
            found = self.session.execute(
                select(m.id)
                .where(m.household_id == household, m.id_number == id_number, live_rows(table_of(Member)))
                .order_by(m.id)
                .limit(1)
            ).scalar()
            return str(found) if found is not None else typed_id("member", household, id_number)
        key = ("member-without-id", household, name, birth)
        return typed_id(*key, self._occurrence(key))
