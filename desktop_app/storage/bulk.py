"""Helpers for work over millions of objects (a county import): shared by the exchange reader and the merge."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any


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
