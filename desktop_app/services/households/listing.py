"""The household list as plain-column queries (no ORM objects), fast at county size.

The main window's list model asks for a count and for pages of rows of one filter and sort order; all
sorting and filtering happens in SQL, so 100,000 households cost no more than the rows on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, case, func, literal_column, select
from sqlalchemy.sql import ColumnElement

from desktop_app import catalog
from desktop_app.services.households.search import search_terms
from desktop_app.storage.models import Area, Cadre, Household
from desktop_app.storage.queries import chunks, live_rows, table_of

# Column keys, in display order; the UI maps them to headers.
COLUMNS = (
    "number",
    "head_name",
    "group",
    "size",
    "attribute",
    "main_cause",
    "per_capita_income",
    "stage",
    "status",
    "cadre",
)
# Below this many matching rows SQLite sorts them itself instead of walking a sort index (see _order_by).
_DENSE = 5000
_CHUNK = 500  # ids per IN (...) list, under SQLite's bound-parameter limit


@dataclass(frozen=True)
class HouseholdFilter:
    """What the list shows: an area (villages or one group), code filters and a search text."""

    village_ids: tuple[str, ...] | None = None  # None = every village
    group_id: str | None = None
    stage: str | None = None
    status: str | None = None
    attribute: str | None = None
    cause: str | None = None
    query: str = ""


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the list: the values of COLUMNS (codes, not labels) plus the id and the conflict flag."""

    id: str
    number: str
    head_name: str
    group: str
    size: int
    attribute: str | None
    main_cause: str | None
    per_capita_income: int | None
    stage: str
    status: str
    cadre: str
    conflict: bool
    group_code: str  # the group's area code: what the group column sorts by (village, then group number)


_h = table_of(Household)
_g = table_of(Area).alias("grp")
_c = table_of(Cadre)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(flt: HouseholdFilter, sqlite: bool = False, *, via_search_index: bool = False) -> list[Any]:
    """The WHERE terms of a filter.

    On SQLite the ``deleted`` test is written ``+deleted = 0`` (a unary plus hides the column from the
    planner) unless the search index should drive the query, so that a plain list walks the index of its
    sort column instead of collecting and sorting 100,000 rows.
    """
    terms = search_terms(flt.query)
    if sqlite and not (via_search_index and terms):
        conds: list[Any] = [literal_column("+household.deleted") == 0]
    else:
        conds = [live_rows(_h)]
    if flt.village_ids is not None:
        conds.append(_h.c.village_id.in_(flt.village_ids) if flt.village_ids else _h.c.id.is_(None))
    if flt.group_id:
        conds.append(_h.c.group_id == flt.group_id)
    if flt.stage:
        conds.append(_h.c.stage == flt.stage)
    if flt.status:
        conds.append(_h.c.status == flt.status)
    if flt.attribute:
        conds.append(_h.c.attribute == flt.attribute)
    if flt.cause:
        conds.append(_h.c.main_cause == flt.cause)
    for term in terms:
        conds.append(_h.c.search_text.like(_like_pattern(term), escape="\\"))
    return conds


def count_households(conn: Connection, flt: HouseholdFilter) -> int:
    sqlite = conn.dialect.name == "sqlite"
    where = and_(*_conditions(flt, sqlite, via_search_index=True))
    return int(conn.execute(select(func.count()).select_from(_h).where(where)).scalar_one())


def _stage_order() -> ColumnElement[Any]:
    codes = [item.code for item in catalog.codelists()["stage"].items]
    return case({code: index for index, code in enumerate(codes)}, value=_h.c.stage, else_=len(codes))


def _sort_expression(key: str) -> Any:
    return {
        "number": _h.c.number,
        "head_name": _h.c.head_name,
        "group": _g.c.code,
        "size": _h.c.size,
        "attribute": _h.c.attribute,
        "main_cause": _h.c.main_cause,
        "per_capita_income": _h.c.per_capita_income_fen,
        "stage": _stage_order(),
        "status": _h.c.status,
        "cadre": _c.c.name,
    }[key]


def _order_by(conn: Connection, key: str, descending: bool, dense: bool) -> list[Any]:
    expr = _sort_expression(key)
    if not dense and conn.dialect.name == "sqlite" and key != "stage":
        # A few matches sorted through an index means walking the whole index checking each row; a unary
        # plus hides the index so SQLite finds the matches first and sorts them (100 ms → 30 ms at 100k).
        table = "grp" if key == "group" else "cadre" if key == "cadre" else "household"
        expr = literal_column(f"+{table}.{expr.name}")
    first = expr.desc() if descending else expr.asc()
    tie = _h.c.number.desc() if descending else _h.c.number.asc()
    return [first] if key == "number" else [first, tie]


def fetch_rows(
    conn: Connection,
    flt: HouseholdFilter,
    *,
    sort: str = "number",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    total: int | None = None,
) -> list[HouseholdRow]:
    """One page of the list; ``total`` (the count of this filter, if known) helps choose the query plan."""
    if sort not in COLUMNS:
        raise ValueError(f"unknown column {sort!r}")
    sqlite = conn.dialect.name == "sqlite"
    dense = total is None or total >= _DENSE
    stmt = (
        _row_select()
        .where(and_(*_conditions(flt, sqlite, via_search_index=not dense)))
        .order_by(*_order_by(conn, sort, descending, dense=dense))
        .offset(max(0, offset))
        .limit(max(0, limit))
    )
    return [HouseholdRow(*row) for row in conn.execute(stmt)]


def _row_select() -> Any:
    return select(
        _h.c.id,
        _h.c.number,
        _h.c.head_name,
        func.coalesce(_g.c.name, ""),
        _h.c.size,
        _h.c.attribute,
        _h.c.main_cause,
        _h.c.per_capita_income_fen,
        _h.c.stage,
        _h.c.status,
        func.coalesce(_c.c.name, ""),
        _h.c.conflict,
        func.coalesce(_g.c.code, ""),
    ).select_from(_h.outerjoin(_g, _g.c.id == _h.c.group_id).outerjoin(_c, _c.c.id == _h.c.cadre_id))


def first_page(
    conn: Connection, flt: HouseholdFilter, *, sort: str = "number", descending: bool = False, limit: int = 200
) -> tuple[int, list[HouseholdRow]]:
    """The count of a filter and its first rows, with one scan of the search index where that helps.

    A search reads the matching row ids once (on SQLite from the narrow (search_text, deleted) index); a
    few matches are then fetched by id and sorted, instead of scanning a second time for the page. Many
    matches (``_DENSE`` or more) are counted and the page walks the sort column's index.
    """
    sqlite = conn.dialect.name == "sqlite"
    if not search_terms(flt.query):
        total = count_households(conn, flt)
        return total, fetch_rows(conn, flt, sort=sort, descending=descending, limit=limit, total=total)
    key = literal_column("household.rowid") if sqlite else _h.c.id
    where = and_(*_conditions(flt, sqlite, via_search_index=True))
    ids = [row[0] for row in conn.execute(select(key).select_from(_h).where(where).limit(_DENSE))]
    if len(ids) >= _DENSE:  # many matches: count them, then walk a sort index (matches are everywhere)
        total = count_households(conn, flt)
        return total, fetch_rows(conn, flt, sort=sort, descending=descending, limit=limit, total=total)
    total = len(ids)
    if not ids:
        return 0, []
    stmt = _row_select().where(key.in_(ids)).order_by(*_order_by(conn, sort, descending, dense=False)).limit(limit)
    return total, [HouseholdRow(*row) for row in conn.execute(stmt)]


def rows_by_id(conn: Connection, flt: HouseholdFilter, household_ids: Iterable[str]) -> dict[str, HouseholdRow]:
    """The rows of these households that (still) match the filter: what a change notification re-reads."""
    wanted = list(dict.fromkeys(household_ids))
    found: dict[str, HouseholdRow] = {}
    sqlite = conn.dialect.name == "sqlite"
    for chunk in chunks(wanted, _CHUNK):
        stmt = _row_select().where(and_(*_conditions(flt, sqlite)), _h.c.id.in_(chunk))
        for row in conn.execute(stmt):
            found[row[0]] = HouseholdRow(*row)
    return found


def positions(
    conn: Connection,
    flt: HouseholdFilter,
    household_ids: Iterable[str],
    *,
    sort: str = "number",
    descending: bool = False,
) -> dict[str, int]:
    """Where these households stand (0-based) in the list of this filter and order; absent when they do not match.

    Used when a change adds a household to the list or changes the value it is sorted by, so that the list
    model inserts the row at its place instead of reloading everything.
    """
    wanted = list(dict.fromkeys(household_ids))
    if not wanted:
        return {}
    if sort not in COLUMNS:
        raise ValueError(f"unknown column {sort!r}")
    sqlite = conn.dialect.name == "sqlite"
    ranked = (
        select(_h.c.id, func.row_number().over(order_by=_order_by(conn, sort, descending, dense=True)).label("rank"))
        .select_from(_h.outerjoin(_g, _g.c.id == _h.c.group_id).outerjoin(_c, _c.c.id == _h.c.cadre_id))
        .where(and_(*_conditions(flt, sqlite, via_search_index=True)))
        .subquery()
    )
    found: dict[str, int] = {}
    for chunk in chunks(wanted, _CHUNK):
        for household_id, rank in conn.execute(select(ranked.c.id, ranked.c.rank).where(ranked.c.id.in_(chunk))):
            found[household_id] = int(rank) - 1
    return found


def households_exist(conn: Connection) -> bool:
    return conn.execute(select(_h.c.id).limit(1)).first() is not None


__all__ = [
    "COLUMNS",
    "HouseholdFilter",
    "HouseholdRow",
    "count_households",
    "fetch_rows",
    "first_page",
    "households_exist",
    "positions",
    "rows_by_id",
]
