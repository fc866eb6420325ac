"""Every table of a database as sorted rows: two dumps are equal exactly when nothing at all changed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, select

from desktop_app.storage.database import Database


def dump_tables(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Each table (as the database itself lists them, so a table nobody thought of is included) with every
    column of every row, rows sorted by their text: bookkeeping (change_log, sync_state, conflicts, search
    index, timestamps) counts as much as the data."""
    meta = MetaData()
    with db.engine.connect() as conn:
        meta.reflect(conn)
        out: dict[str, list[tuple[Any, ...]]] = {}
        for name, table in sorted(meta.tables.items()):
            rows = [tuple(row) for row in conn.execute(select(table))]
            out[name] = sorted(rows, key=repr)
    return out


def changed_tables(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """The names of the tables whose rows differ (for a readable assertion message).

    The audit chain only grows: a unit of work that changed nothing (an import of the same file) still appends
    its entry, so ``audit_entry`` counts as changed only when a row it had is gone or different."""

    def differs(name: str) -> bool:
        if name == "audit_entry":
            return not set(before.get(name, [])) <= set(after.get(name, []))
        return before.get(name) != after.get(name)

    return [name for name in sorted(set(before) | set(after)) if differs(name)]
