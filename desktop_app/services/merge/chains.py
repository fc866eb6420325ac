"""A merge of another database carries its audit chains: each device keeps its own, so that merged laptops
each stay verifiable.

Copied: every audit entry of the other database that this one does not have (by id), exactly as stored, and
the change-log rows those entries cover (those not present, by id). Entries whose (device, seq) this database
already holds under another id are not copied: that device's chain forked (a restored backup that went on
writing); the merge's entry counts them (``details["audit_forks"]``). Rows of the pre-chain seal (no entry id)
belong to the other database and stay there. Copied entries are marked ``copied_by`` = this merge's entry id
(not hashed): the merge's history walk and the household history leave their rows aside, because they
describe writes to the other database's copy of a record, which this database received through the merge.
Merging the same file again copies nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select, tuple_
from sqlalchemy.engine import Connection

from desktop_app.storage.bulk import bulk_insert
from desktop_app.storage.models import ChangeLog
from desktop_app.storage.models_accounts import AuditEntry
from desktop_app.storage.queries import chunks, table_of

ROWS_PER_READ = 5_000


@dataclass
class CopiedChains:
    entries: int = 0
    rows: int = 0
    forks: int = 0
    devices: int = 0


def has_chain(conn: Connection) -> bool:
    """Whether a database has the audit tables (one opened without upgrading may be older)."""
    return bool(inspect(conn).has_table("audit_entry"))


def copy_chains(source: Connection, target: Any, *, merge_entry: str) -> CopiedChains:
    """Copy the chains ``source`` has and ``target`` (the merge's session) lacks; see the module's docstring."""
    done = CopiedChains()
    if not has_chain(source):
        return done
    conn = target.connection()
    a = table_of(AuditEntry)
    entries = [dict(r) for r in source.execute(select(a).order_by(a.c.device_id, a.c.seq)).mappings()]
    if not entries:
        return done
    have: set[str] = set()
    taken: set[tuple[str, int]] = set()
    for part in chunks(entries, 500):
        have.update(conn.execute(select(a.c.id).where(a.c.id.in_([e["id"] for e in part]))).scalars())
        pairs = [(e["device_id"], e["seq"]) for e in part]
        taken.update(
            (str(d), int(s))
            for d, s in conn.execute(select(a.c.device_id, a.c.seq).where(tuple_(a.c.device_id, a.c.seq).in_(pairs)))
        )
    new = []
    for e in entries:
        if e["id"] in have:
            continue
        if (e["device_id"], e["seq"]) in taken:
            done.forks += 1
            continue
        new.append({**e, "copied_by": merge_entry})
    if not new:
        return done
    for block in chunks(new, 1_000):
        conn.execute(a.insert(), block)
    done.entries = len(new)
    done.devices = len({e["device_id"] for e in new})
    with_rows: list[str] = [str(e["id"]) for e in new if e["log_count"]]
    c = table_of(ChangeLog)
    for ids in chunks(with_rows, 500):
        for rows in _rows(source, ids):
            present = set(conn.execute(select(c.c.id).where(c.c.id.in_([r["id"] for r in rows]))).scalars())
            fresh = [r for r in rows if r["id"] not in present]
            if fresh:
                bulk_insert(target, c, fresh)
                done.rows += len(fresh)
    return done


def _rows(source: Connection, entry_ids: list[str]) -> Iterator[list[dict[str, Any]]]:
    c = table_of(ChangeLog)
    result = source.execute(select(c).where(c.c.audit_entry.in_(entry_ids))).mappings()
    while batch := result.fetchmany(ROWS_PER_READ):
        yield [dict(r) for r in batch]


def copied_entries() -> Any:
    """The ids of entries that came from another database (a subquery for ``NOT IN``)."""
    a = table_of(AuditEntry).c
    return select(a.id).where(a.copied_by != "")
