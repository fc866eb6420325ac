"""Helpers for work over millions of objects (a county import): shared by the exchange reader and the merge.

Also the merge's SQLite insert fast path (:func:`bulk_insert`): it reads SQLAlchemy's column types and their
private storage formats, so it lives here, beside the database, and nothing above storage needs to know them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from operator import is_, itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean
from sqlalchemy.dialects.sqlite import base as sqlite_types
from sqlmodel import Session

from desktop_app.storage.types import UTCDateTime


@contextlib.contextmanager
def no_cycle_collection(large: bool = True) -> Iterator[None]:
    """Python's cyclic garbage collector paused while large work runs (reference counting still frees).

    An import holds millions of objects and makes millions more; each full collection walks all of them
    (about 0.6 s per pass for 20,000 households, a second or more at county size) to find almost nothing: a
    20,000-household import leaves some thousand objects in cycles. Left alone when ``large`` is False or
    the collector is already off; given back on the way out, also after an error."""
    if not large or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class DeferredIndexes:
    """Secondary indexes of a nearly empty SQLite table, dropped while a large merge fills it and built again
    once it is filled, in the same transaction.

    Each row inserted into a table also goes into each of its indexes; keys such as random UUIDs land all over
    an index far larger than the page cache once a county is imported (1.6 million change-log rows with
    three indexes; measured: 18 s with the indexes in place against 5 s plus 2 s to build them after).
    ``CREATE INDEX`` sorts the keys once and writes the index in order. Only non-unique indexes go (the
    constraints stay), only for tables named in ``tables`` and only once a table has taken in at least
    ``after_rows`` new rows and more than it held before. DDL is transactional in SQLite: whatever
    happens, the indexes are there again after ``restore`` or after a rollback. Elsewhere nothing happens.
    """

    def __init__(self, connection: Any, tables: tuple[str, ...], after_rows: int = 50_000) -> None:
        self.connection = connection
        self.active = connection.dialect.name == "sqlite"
        self.tables = tables
        self.after_rows = after_rows
        self.inserted: dict[str, int] = {}
        self.decided: set[str] = set()
        self.dropped: list[str] = []  # CREATE INDEX statements, to run again

    def inserted_rows(self, table: str, count: int) -> None:
        """``count`` new rows went into ``table``: drop its indexes once that is worth it."""
        if not self.active or table not in self.tables or table in self.decided:
            return
        done = self.inserted[table] = self.inserted.get(table, 0) + count
        if done < self.after_rows:
            return
        self.decided.add(table)
        held = self.connection.exec_driver_sql(f'SELECT max(rowid) FROM "{table}"').scalar() or 0
        if held - done > done:  # rowids grow: roughly what the table held before, more than this merge added
            return
        found = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "AND upper(sql) NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        ).all()
        for name, sql in found:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
            self.dropped.append(sql)

    def restore(self) -> None:
        """Build the dropped indexes again (before anything queries the tables by them)."""
        dropped, self.dropped = self.dropped, []
        for sql in dropped:
            self.connection.exec_driver_sql(sql)


def bulk_insert(session: Session, t: Any, rows: list[dict[str, Any]]) -> None:
    """Insert full rows (every column of ``t``, as the ORM/Core would store them) with one executemany.

    On SQLite the rows go to the driver as tuples converted column by column with each column type's own bind
    processor (the same conversion Core applies; see :func:`column_converter`), skipping Core's per-row
    parameter bookkeeping; elsewhere Core does it."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or conn.dialect.paramstyle != "qmark":
        conn.execute(t.insert(), rows)
        return
    sql, names, converters = _sqlite_insert(conn.dialect, t)
    if any(name not in rows[0] for name in names):
        conn.execute(t.insert(), rows)  # Core fills the missing columns' defaults
        return
    insert_tuples(session, t, list(map(itemgetter(*names), rows)))


def insert_tuples(session: Session, t: Any, rows: list[tuple[Any, ...]]) -> None:
    """``bulk_insert`` of rows given as tuples of every column of ``t`` in its columns' order, on SQLite."""
    conn = session.connection()
    sql, _names, converters = _sqlite_insert(conn.dialect, t)
    columns: list[Any] = list(zip(*rows, strict=True))
    given = list(columns)
    for index, convert, same_as in converters:
        if same_as is not None and all(map(is_, given[index], given[same_as])):
            columns[index] = columns[same_as]  # the same values (a new row's created_at and updated_at)
        else:
            columns[index] = convert(given[index])
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def bound_value(session: Session, column: Any, value: Any) -> Any:
    """``value`` as the driver receives it for ``column`` (the column type's bind processor), for statements
    written as SQL text (``exec_driver_sql``)."""
    dialect = session.connection().dialect
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return value if process is None else process(value)


_DATETIME_FORMAT = "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
_DATE_FORMAT = "%(year)04d-%(month)02d-%(day)02d"


def column_converter(column: Any, dialect: Any) -> tuple[Any, str | None]:
    """A function converting one column's values (a sequence) for the driver (None when they pass as they are),
    and a name for its conversion when another column of the same conversion may hold the very same values.

    The same values as the column's bind processor: the common cases (an aware UTC datetime of our UTCDateTime,
    a date, True/False/None of a Boolean, an empty JSON dict) are done by a C method or a constant worked out
    with the processor itself; anything else goes through the processor."""
    impl = column.type.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is None:
        return None, None
    if (
        type(column.type) is UTCDateTime
        and isinstance(impl.impl_instance, sqlite_types.DATETIME)
        and impl.impl_instance._storage_format == _DATETIME_FORMAT
    ):

        def datetimes(values: Sequence[Any]) -> list[Any]:
            # an aware UTC datetime stays itself through astimezone(UTC); isoformat gives the storage format.
            # Runs of one datetime object (every change-log row of a merge has the same time) convert once.
            out: list[Any] = []
            last: Any = out
            done = None
            for v in values:
                if v is not last:
                    last = v
                    done = (
                        v.isoformat(" ", "microseconds")[:26] if type(v) is datetime and v.tzinfo is UTC else process(v)
                    )
                out.append(done)
            return out

        return datetimes, "utc-datetime"
    if isinstance(impl, sqlite_types.DATE) and impl._storage_format == _DATE_FORMAT:

        def dates(values: Sequence[Any]) -> list[Any]:
            return [v.isoformat() if type(v) is date else process(v) for v in values]

        return dates, None
    if isinstance(impl, Boolean):
        true, false, none = process(True), process(False), process(None)

        def booleans(values: Sequence[Any]) -> list[Any]:
            return [true if v is True else false if v is False else none if v is None else process(v) for v in values]

        return booleans, None
    if isinstance(impl, JSON):
        empty, none = process({}), process(None)

        def documents(values: Sequence[Any]) -> list[Any]:
            return [empty if type(v) is dict and not v else none if v is None else process(v) for v in values]

        return documents, None
    return functools.partial(map, process), None


_Converters = tuple[tuple[int, Any, int | None], ...]  # column index, converter, index of a same-conversion column
_SQLITE_INSERTS: dict[tuple[int, str], tuple[str, tuple[str, ...], _Converters, Any]] = {}


def _sqlite_insert(dialect: Any, t: Any) -> tuple[str, tuple[str, ...], _Converters]:
    key = (id(dialect), t.name)
    found = _SQLITE_INSERTS.get(key)
    if found is None or found[3] is not dialect:
        names = tuple(t.columns.keys())
        quote = dialect.identifier_preparer.quote
        sql = (
            f"INSERT INTO {quote(t.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        converters: list[tuple[int, Any, int | None]] = []
        first_of: dict[str, int] = {}
        for index, name in enumerate(names):
            convert, conversion = column_converter(t.columns[name], dialect)
            if convert is not None:
                converters.append((index, convert, first_of.get(conversion) if conversion else None))
                if conversion:
                    first_of.setdefault(conversion, index)
        found = _SQLITE_INSERTS[key] = (sql, names, tuple(converters), dialect)
    return found[0], found[1], found[2]
