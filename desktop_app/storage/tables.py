"""The Core table of an ORM class, typed: SQLModel sets ``__table__`` on its table classes without declaring it.

Bulk readers and writers (the exchange, the merge) work on Core tables; ``table_of(Household)`` gives them
the ``Table`` with its type, where ``Household.__table__`` would need a ``type: ignore`` at every use.
"""

from __future__ import annotations

from sqlalchemy import Table
from sqlmodel import SQLModel


def table_of(model: type[SQLModel]) -> Table:
    """``model.__table__`` as a :class:`Table`."""
    table = model.__table__  # type: ignore[attr-defined]  # set by SQLModel's metaclass, not declared
    assert isinstance(table, Table)
    return table
