"""The household fields that follow from its members and income: head, size, per-capita income, search text.

Computed here only, by :func:`derive`: the card's save, the household actions, the procedure's member
changes and the merge all call it, each writing the result its own way (through the ORM so that it is
logged, or with a Core update when the change came from another laptop).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.income import Income, per_capita_net
from desktop_app.services.households.forms import HEAD
from desktop_app.services.households.search import build_search_text

INCOME_COLUMNS = {
    "wage": "income_wage_fen",
    "business": "income_business_fen",
    "property": "income_property_fen",
    "transfer": "income_transfer_fen",
    "costs": "production_costs_fen",
}


@dataclass(frozen=True)
class Person:
    """What the derived fields need of one member on file (not a tombstone), in the card's order."""

    name: str
    relation: str | None = None
    id_number: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Derived:
    head_name: str
    size: int
    per_capita_income_fen: int | None
    search_text: str

    def values(self) -> dict[str, Any]:
        """The stored household columns (the search text is kept by the search index)."""
        return {"head_name": self.head_name, "size": self.size, "per_capita_income_fen": self.per_capita_income_fen}


def income_of(row: Any) -> Income:
    """The income of a household row: an ORM object, a Core row or a mapping of its columns."""
    if isinstance(row, Mapping):
        return Income(**{part: int(row[column] or 0) for part, column in INCOME_COLUMNS.items()})
    return Income(**{part: int(getattr(row, column) or 0) for part, column in INCOME_COLUMNS.items()})


def derive(*, number: str, head_name: str, income: Income, people: Iterable[Person]) -> Derived:
    """Head (the first active member whose relation is 户主, else the name on file), size (active members),
    per-capita net income (None without members) and the search text (every member on file)."""
    everyone = list(people)
    active = [p for p in everyone if p.active]
    head = next((p.name for p in active if p.relation == HEAD), head_name)
    size = len(active)
    return Derived(
        head_name=head,
        size=size,
        per_capita_income_fen=per_capita_net(income, size) if size else None,
        search_text=build_search_text(number, head, [(p.name, p.id_number) for p in everyone]),
    )


__all__ = ["INCOME_COLUMNS", "Derived", "Person", "derive", "income_of"]
