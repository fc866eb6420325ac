"""Query pieces every capability needs, written once: the tombstone filter, a household by number, chunks.

Records are never deleted (``deleted=True`` is a tombstone that merges carry to other laptops), so almost
every query keeps the living rows only: :func:`live` for ORM classes and :func:`live_rows` for Core tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, or_, select
from sqlmodel import Session, SQLModel, col

from desktop_app.storage.models import Household

T = TypeVar("T")


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of an ORM class, typed (``Model.__table__`` exists only at run time for mypy)."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


def live(model: Any) -> ColumnElement[bool]:
    """``model.deleted IS false``: the rows of an ORM class that are not tombstones."""
    return col(model.deleted).is_(False)


def live_rows(table: Table) -> ColumnElement[bool]:
    """The same filter on a Core table (bulk readers and writers)."""
    return table.c.deleted.is_(False)


def household_by_number(session: Session, key: str, *, or_id: bool = True) -> Household | None:
    """The living household with this number (or, when ``or_id``, this record id); None if there is none."""
    text = key.strip()
    if not text:
        return None
    match = col(Household.number) == text
    if or_id:
        match = or_(match, col(Household.id) == text)
    query = select(Household).where(match, live(Household)).limit(1)
    found: Household | None = session.execute(query).scalars().first()
    return found


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size`` (SQLite's bound-parameter limit, executemany batches)."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
