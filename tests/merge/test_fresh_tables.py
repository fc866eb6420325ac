"""A first merge into empty tables (a county's first import) takes the shortcut of merge.inserts and stores
what the general merge stores: the same records, derived fields, counts and change log, and a record id
given twice still ends as one record, merged the general way."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import open_database
from desktop_app.services.merge import engine as merge
from desktop_app.services.merge import state as ms
from desktop_app.services.merge.inserts import FreshInsertRefused, fresh_tables
from desktop_app.services.merge.records import CHUNK, IncomingRecord, MergeResult
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.queries import chunks
from tests.merge.helpers import export, make_base, merged_state

UUID7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}")


def _parts(records: list[IncomingRecord]) -> list[list[IncomingRecord]]:
    by_table: dict[str, list[IncomingRecord]] = {}
    for rec in records:
        by_table.setdefault(rec.table, []).append(rec)
    return [part for table in ms.TABLES for part in chunks(by_table.get(table, []), CHUNK)]


def _emptied(base: Path, target: Path) -> Path:
    """The base's areas, cadres and settings without any household (a county office's database before its
    first import): the four household tables and everything hanging on households emptied."""
    shutil.copy(base, target)
    with sqlite3.connect(target) as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            emptied = table in ("household", "sync_state", "merge_conflict") or "household_id" in columns
            if emptied and table != "change_log":  # the change log is append-only (and keeps its history)
                conn.execute(f'DELETE FROM "{table}"')
    return target


def _records(base: Path) -> list[IncomingRecord]:
    db = open_database(base)
    try:
        return [r for r in export(db) if r.table in ("household", "member", "measure", "procedure_event")]
    finally:
        db.close()


def _merge(path: Path, records: list[IncomingRecord], **kw: Any) -> MergeResult:
    db = open_database(path, operator="县扶贫办", device_id="county-pc")
    try:
        with writing(db, "exchange.import") as work:  # the audit entry the change-log rows belong to
            session = work.session
            if kw.pop("replayable", False):
                return merge.apply_incoming_replayable(session, lambda: _parts(records), source_label="县.xlsx")
            return merge.apply_incoming_chunks(session, _parts(records), source_label="县.xlsx", **kw)
    finally:
        db.close()


def _counts(result: MergeResult) -> dict[str, tuple[int, int, int]]:
    return {t: (c.added, c.updated, c.unchanged) for t, c in result.counts.items()}


def test_a_first_merge_into_empty_tables_stores_what_the_general_merge_stores(tmp_path: Path) -> None:
    base = make_base(tmp_path / "base.sqlite", households=80, creator="laptop-a")
    records = _records(base)
    assert len(records) > 2 * CHUNK  # several chunks of a table, and the large-merge paths

    fresh = _merge(_emptied(base, tmp_path / "fresh.sqlite"), records, fresh=True)
    general = _merge(_emptied(base, tmp_path / "general.sqlite"), records)

    assert _counts(fresh) == _counts(general)
    assert fresh.counts["household"].added == 80 and fresh.household_ids == general.household_ids
    seen_fresh, seen_general = merged_state(tmp_path / "fresh.sqlite"), merged_state(tmp_path / "general.sqlite")
    assert seen_fresh == seen_general  # records, sizes, heads, search texts; "create" rows; versions
    assert len(seen_fresh[1]) == len(records)
    with sqlite3.connect(tmp_path / "fresh.sqlite") as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM change_log WHERE field = 'merge' ORDER BY rowid")]
    assert all(UUID7.fullmatch(i) for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)  # time-ordered, appended to the index


def test_a_record_id_given_twice_is_merged_as_the_general_merge_does(tmp_path: Path) -> None:
    base = make_base(tmp_path / "base.sqlite", households=5, creator="laptop-a")
    records = _records(base)
    member = next(r for r in records if r.table == "member")
    later = dataclasses.replace(
        member,
        fields={**member.fields, "phone": "13900000000"},
        version=member.version + 1,
        base_version=member.version,
        base_device=member.device_id,
    )
    twice = [*records, later]

    with pytest.raises(FreshInsertRefused):  # the shortcut alone cannot take it...
        _merge(_emptied(base, tmp_path / "refused.sqlite"), twice, fresh=True)
    replayed = _merge(_emptied(base, tmp_path / "replayed.sqlite"), twice, replayable=True)  # ...so it runs again
    general = _merge(_emptied(base, tmp_path / "general.sqlite"), twice)

    assert _counts(replayed) == _counts(general)
    assert replayed.counts["member"].updated == 1  # the second state merged into the first
    seen = merged_state(tmp_path / "replayed.sqlite")
    assert seen == merged_state(tmp_path / "general.sqlite")
    assert seen[0]["member"][member.id]["phone"] == "13900000000"


def test_only_tables_without_any_row_are_fresh(tmp_path: Path) -> None:
    base = open_database(make_base(tmp_path / "base.sqlite", households=2))
    with base.transaction() as session:
        conn = session.connection()
        conn.exec_driver_sql("DELETE FROM measure")
        conn.exec_driver_sql("UPDATE procedure_event SET deleted = 1")  # deleted rows are rows
        found = fresh_tables(session, ms.TABLES)
    base.close()
    assert "measure" in found
    assert not {"household", "member", "procedure_event"} & found
