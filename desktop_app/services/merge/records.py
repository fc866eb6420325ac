"""What a merge takes and gives: incoming records, the counts and conflicts it found, and its working context.

Shared by the merge rules (engine, bases, inserts), the export of this database's records (export) and the
exchange's importers, which build incoming records from workbook rows and county rosters.
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from desktop_app.storage.bulk import DeferredIndexes

CHUNK = 500
MINE = "~mine"  # tie-break key of this device's own edits: they stay in the record while a conflict is open
ROSTER_DEVICE = "roster:"  # device ids of county roster states (see exchange.roster_merge)
SOURCE_HISTORY = "history"  # a snapshot rebuilt from this database's own change log


@dataclass
class IncomingRecord:
    """One record as another laptop or a workbook has it.

    ``base_version`` is the version this state was derived from, as last shared with other databases (None:
    unknown or a record new over there); ``fields`` are the business columns (column name -> typed value).
    ``base_device`` (optional) names the device that wrote the base version, when the exporter knows it;
    ``ancestors`` (optional) lists other (version, device) states this one is known to descend from.
    """

    table: str
    id: str
    base_version: int | None
    version: int
    device_id: str
    updated_at: datetime | None
    deleted: bool
    fields: dict[str, Any]
    source: str = ""
    base_device: str | None = None
    ancestors: tuple[tuple[int, str], ...] = ()


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ConflictInfo:
    """A conflict found (or extended) by this merge."""

    id: str
    table: str
    record_id: str
    household_id: str | None
    field: str
    local_value: str | None
    incoming_value: str | None
    base_value: str | None


@dataclass
class MergeResult:
    counts: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[ConflictInfo] = field(default_factory=list)
    household_ids: set[str] = field(default_factory=set)

    def table(self, name: str) -> TableCounts:
        found = self.counts.get(name)
        return found if found is not None else self.counts.setdefault(name, TableCounts())

    @property
    def changed(self) -> bool:
        return bool(self.conflicts) or any(c.added or c.updated for c in self.counts.values())


class OrderedIds:
    """Time-ordered UUIDs (RFC 9562 version 7) as text: 48 bits of milliseconds when the series started, a
    28-bit counter, 44 random bits. Each id sorts after the one before, so the change-log rows of a large
    import go to the end of the table's primary-key index instead of anywhere in it: random ids made the
    1.6 million change-log inserts of a county import take twice as long once that index outgrew the page
    cache. Unique like random ones (the random part), made in batches from one urandom call.
    """

    BATCH = 1024

    def __init__(self, start_ms: int | None = None) -> None:
        self.ms = time.time_ns() // 1_000_000 if start_ms is None else start_ms
        self.counter = 0
        self._ids = itertools.chain.from_iterable(iter(lambda: self.batch(self.BATCH), None))

    def next(self) -> str:
        return next(self._ids)

    def batch(self, count: int) -> list[str]:
        head, start = self.reserve(count)
        tail = os.urandom(6 * count).hex()
        out = []
        for n in range(count):
            c = start + n
            out.append(f"{head}{c >> 16:03x}-8{(c >> 4) & 0xFFF:03x}-{c & 0xF:x}{tail[12 * n : 12 * n + 11]}")
        return out

    def reserve(self, count: int) -> tuple[str, int]:
        """``count`` consecutive counter values taken for ids made elsewhere: the ids' common head (time and
        version digit) and the first counter value. ``SQL`` makes them in a statement."""
        if self.counter + count > 1 << 28:  # a new millisecond starts a new counter (never reached in practice)
            self.ms, self.counter = self.ms + 1, 0
        ms = f"{self.ms:012x}"
        start, self.counter = self.counter, self.counter + count
        return f"{ms[:8]}-{ms[8:]}-7", start

    # the same text in SQLite, from the head (:head) and a row's counter value (c); the random part from SQLite
    SQL = (
        ":head || printf('%03x-8%03x-%x', c >> 16, (c >> 4) & 4095, c & 15) || substr(lower(hex(randomblob(6))), 1, 11)"
    )


@dataclass
class MergeContext:
    """One merge under way: its session, who and when, and the rows it has still to write."""

    session: Session
    label: str
    device: str
    operator: str
    now: datetime
    policy: str  # what to do with a differing value when the base is unknown: "conflict" or "fill"
    result: MergeResult
    deferred: DeferredIndexes  # the indexes this merge builds at its end (storage.bulk)
    logs: list[dict[str, Any]] = field(default_factory=list)
    snapshots: list[dict[str, Any]] = field(default_factory=list)
    snapshot_keys: set[tuple[str, str, int, str]] = field(default_factory=set)
    history: dict[str, list[Any]] = field(default_factory=dict)
    exact_bases_only: bool = False  # rosters: a base is only a state the same kind of source sent before
    ids: OrderedIds = field(default_factory=OrderedIds)  # of this merge's change-log rows
    create_logs: dict[str, dict[str, Any]] = field(default_factory=dict)  # per table: its "create" row, to copy
    fresh: frozenset[str] = frozenset()  # tables empty when the merge began, filled without lookups (inserts)
    fresh_rows: dict[str, int] = field(default_factory=dict)  # rows put into each of them, their logs to write

    @property
    def merge_operator(self) -> str:
        return f"{self.operator}（合并：{self.label}）"[:100]

    def new_id(self) -> str:
        """A new UUID text for a change-log row, each sorting after the one before (OrderedIds)."""
        return self.ids.next()
