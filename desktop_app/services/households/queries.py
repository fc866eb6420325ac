"""Read use cases of the household list: the first page, the next pages, the rows a change touched.

The main window's list model calls these with the :class:`Database`; each call reads one snapshot and
returns plain rows (:class:`HouseholdRow`), so a county of 100,000 households costs one page at a time.
The SQL lives in ``listing``; ``member_hits`` (who a search found besides the head) in ``search``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.services.households import listing
from desktop_app.services.households.listing import COLUMNS, HouseholdFilter, HouseholdRow
from desktop_app.services.households.search import member_hits
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database


@dataclass(frozen=True)
class ListPage:
    """Rows of the list, the count of the whole filter, and the members a search matched in those rows."""

    total: int
    rows: list[HouseholdRow]
    member_hits: dict[str, str] = field(default_factory=dict)


def list_first_page(
    db: Database, flt: HouseholdFilter, *, sort: str = "number", descending: bool = False, limit: int = 200
) -> ListPage:
    """The count of a filter and its first rows (after a filter, sort or bulk change)."""
    with reading(db) as session:
        conn = session.connection()
        total, rows = listing.first_page(conn, flt, sort=sort, descending=descending, limit=limit)
        return ListPage(total, rows, member_hits(conn, [r.id for r in rows], flt.query))


def list_page(
    db: Database,
    flt: HouseholdFilter,
    *,
    sort: str = "number",
    descending: bool = False,
    offset: int = 0,
    limit: int = 500,
    total: int | None = None,
) -> ListPage:
    """The rows after ``offset`` (the view scrolled near the end); ``total`` is the count already known."""
    with reading(db) as session:
        conn = session.connection()
        rows = listing.fetch_rows(conn, flt, sort=sort, descending=descending, offset=offset, limit=limit, total=total)
        known = len(rows) if total is None else total
        return ListPage(known, rows, member_hits(conn, [r.id for r in rows], flt.query))


@dataclass(frozen=True)
class ChangedRows:
    """The households a change touched that (still) match the filter, re-read, and the filter's new count."""

    rows: dict[str, HouseholdRow]
    total: int
    member_hits: dict[str, str] = field(default_factory=dict)


def changed_rows(db: Database, flt: HouseholdFilter, household_ids: Iterable[str]) -> ChangedRows:
    """Re-read the households a unit of work changed, in one snapshot.

    A changed household missing from ``rows`` left the list (removed, moved to another village, no longer
    matching the search or a code filter).
    """
    wanted = list(dict.fromkeys(household_ids))
    with reading(db) as session:
        conn = session.connection()
        rows = listing.rows_by_id(conn, flt, wanted)
        total = listing.count_households(conn, flt)
        return ChangedRows(rows, total, member_hits(conn, list(rows), flt.query))


def list_positions(
    db: Database, flt: HouseholdFilter, household_ids: Iterable[str], *, sort: str = "number", descending: bool = False
) -> dict[str, int]:
    """Where these households stand (0-based) in the sorted list; absent when they do not match.

    For the rows a change added to the list or whose sort value changed: the model puts them at their place
    instead of reloading. It ranks the whole filter, so it is asked only for those rows.
    """
    with reading(db) as session:
        return listing.positions(session.connection(), flt, household_ids, sort=sort, descending=descending)


def count_households(db: Database, flt: HouseholdFilter) -> int:
    """How many living households match the filter."""
    with reading(db) as session:
        return listing.count_households(session.connection(), flt)


def households_exist(db: Database) -> bool:
    """Whether the database holds any household record (tombstones included)."""
    with reading(db) as session:
        return listing.households_exist(session.connection())


__all__ = [
    "COLUMNS",
    "ChangedRows",
    "HouseholdFilter",
    "HouseholdRow",
    "ListPage",
    "changed_rows",
    "count_households",
    "households_exist",
    "list_first_page",
    "list_positions",
    "list_page",
]
