"""Household fields that follow from others after a merge or a decision: size, head, per-capita income,
the conflict flag and the search index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from desktop_app.services.households import Person, derive, income_of
from desktop_app.storage.models import Household, Member
from desktop_app.storage.models_merge import MergeConflict
from desktop_app.storage.queries import chunks, live_rows, table_of

CHUNK = 500
# the household columns refresh_households reads
_DERIVED_FROM = (
    "id",
    "number",
    "head_name",
    "search_text",
    "size",
    "per_capita_income_fen",
    "income_wage_fen",
    "income_business_fen",
    "income_property_fen",
    "income_transfer_fen",
    "production_costs_fen",
)


def refresh_households(session: Session, household_ids: list[str]) -> None:
    """Household size, head name, per-capita income and the search text follow the members after a merge.

    One pass per chunk of households: their members read once, ``derive`` run once per household (it makes
    the search text too), one update per household whose values changed. Written without a change-log row
    or a new version: they are not merged (each database derives them), and the member changes that caused
    them are logged; a logged write without a version step would break the walk back through a record's
    history (``merge_state.walk_back``).
    """
    members_table = table_of(Member)
    mc = members_table.c
    h = table_of(Household)
    wanted = [h.c[name] for name in _DERIVED_FROM]
    for chunk in chunks(household_ids, CHUNK):
        members = session.execute(
            select(mc.household_id, mc.name, mc.relation, mc.sort_order, mc.id_number, mc.active).where(
                mc.household_id.in_(chunk), live_rows(members_table)
            )
        ).all()
        by_household: dict[str, list[Any]] = {}
        for person in members:
            by_household.setdefault(person.household_id, []).append(person)
        changed: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in session.execute(select(*wanted).where(h.c.id.in_(chunk))).mappings().all():
            people = sorted(by_household.get(row["id"], []), key=lambda m: m.sort_order)
            derived = derive(  # computed in one place (services.households)
                number=row["number"] or "",
                head_name=row["head_name"] or "",
                income=income_of(row),
                people=[Person(m.name or "", m.relation, m.id_number, m.active is True) for m in people],
            )
            want = {**derived.values(), "search_text": derived.search_text}
            diff = {k: v for k, v in want.items() if row[k] != v}
            if diff:
                changed.setdefault(tuple(sorted(diff)), []).append({"_id": row["id"], **diff})
        for names, values in changed.items():  # one statement per set of changed columns, run for all rows
            statement = update(h).where(h.c.id == bindparam("_id")).values({k: bindparam(k) for k in names})
            session.connection().execute(statement, values)


def mark_conflicted_households(session: Session, household_ids: list[str]) -> None:
    """household.conflict is True exactly while the household has an open conflict (a local flag: no version)."""
    session.flush()
    h = table_of(Household)
    c = table_of(MergeConflict).c
    for chunk in chunks(household_ids, CHUNK):
        open_ids = set(
            session.execute(select(c.household_id).where(c.household_id.in_(chunk), c.resolved_at.is_(None))).scalars()
        )
        flagged = [i for i in chunk if i in open_ids]
        cleared = [i for i in chunk if i not in open_ids]
        if flagged:
            session.execute(update(h).where(h.c.id.in_(flagged), h.c.conflict.is_(False)).values(conflict=True))
        if cleared:
            session.execute(update(h).where(h.c.id.in_(cleared), h.c.conflict.is_(True)).values(conflict=False))
