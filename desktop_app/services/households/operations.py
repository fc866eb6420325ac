"""The household actions as use cases: remove a card made by mistake, move, split, merge.

Each runs in one unit of work (``household.remove``, ``household.move``, …) and either does all of its
work or raises a :class:`DomainError` with a Chinese message and writes nothing. The menus and the command
line name households by number and members by name or resident ID: :func:`household_by_number` and
:func:`members_named` find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import col

from desktop_app.services.households import actions
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage import queries
from desktop_app.storage.database import Database
from desktop_app.storage.models import Member


@dataclass(frozen=True)
class HouseholdRef:
    id: str
    number: str
    head_name: str


def household_by_number(db: Database, number: str) -> HouseholdRef | None:
    """The living household with this 户编号 (None when there is none)."""
    with reading(db) as session:
        row = queries.household_by_number(session, number, or_id=False)
        return None if row is None else HouseholdRef(row.id, row.number, row.head_name)


def members_named(db: Database, household_id: str, text: str) -> list[str]:
    """Ids of the household's members on file whose name or resident ID is ``text``."""
    wanted = text.strip()
    with reading(db) as session:
        rows = session.execute(
            select(col(Member.id), col(Member.name), col(Member.id_number)).where(
                col(Member.household_id) == household_id, queries.live(Member)
            )
        ).all()
    return [member_id for member_id, name, id_number in rows if wanted in (name, id_number)]


def action_facts(db: Database, household_id: str, *, lang: str = "zh") -> actions.ActionFacts:
    """What the action dialogs show and offer for this household."""
    with reading(db) as session:
        return actions.action_choices(session, household_id, lang=lang)


def remove_household(db: Database, household_id: str, *, reason: str) -> None:
    with writing(db, "household.remove", household_id) as work:
        actions.remove_card(work.session, household_id, reason=reason)


def move_household(db: Database, household_id: str, *, village_id: str, group_id: str | None, reason: str) -> str:
    """Returns the household number (a new one when it moved to another village)."""
    with writing(db, "household.move", household_id) as work:
        return actions.move_household(
            work.session, household_id, village_id=village_id, group_id=group_id, reason=reason
        )


def split_household(
    db: Database,
    household_id: str,
    *,
    member_ids: Sequence[str],
    new_head_id: str,
    reason: str,
    remaining_head_id: str | None = None,
) -> actions.SplitResult:
    with writing(db, "household.split", household_id) as work:
        return actions.split_household(
            work.session,
            household_id,
            member_ids=member_ids,
            new_head_id=new_head_id,
            reason=reason,
            remaining_head_id=remaining_head_id,
        )


def merge_households(db: Database, keep_id: str, other_id: str, *, reason: str) -> None:
    with writing(db, "household.merge", keep_id) as work:
        actions.merge_into(work.session, keep_id, other_id, reason=reason)


__all__ = [
    "HouseholdRef",
    "action_facts",
    "household_by_number",
    "members_named",
    "merge_households",
    "move_household",
    "remove_household",
    "split_household",
]
