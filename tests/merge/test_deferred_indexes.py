"""A large merge into a nearly empty SQLite database builds the secondary indexes of the tables it fills once at
the end (services.bulk.DeferredIndexes): the same data and the same schema as with the indexes in place, and
after a failure half-way the database file still has every index."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import Cancelled, Progress, open_database
from desktop_app.services.exchange import import_files
from desktop_app.services.merge import engine as merge
from desktop_app.storage import bulk
from tests.exchange.conftest import export, make_demo

TABLES = ("household", "member", "measure", "procedure_event", "change_log")


def schema(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall())


def content(path: Path) -> dict[str, list[Any]]:
    """The rows of the filled tables (change-log ids, times and audit entries are made new by every import, and
    so are the villages' records when a workbook brings its villages into an empty database)."""
    with sqlite3.connect(path) as conn:
        found = {}
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if not r[1].endswith("at")]
            if table == "change_log":
                columns.remove("id")
                columns.remove("audit_entry")
            where = (
                " WHERE entity IN ('household', 'member', 'measure', 'procedure_event')"
                if table == "change_log"
                else ""
            )
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}{where}").fetchall()
            found[table] = sorted(rows, key=repr)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return found


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deferred")
    source = make_demo(folder / "source.sqlite", households=40)
    try:
        return export(source, folder / "county.xlsx")
    finally:
        source.close()


def run_import(path: Path, workbook: Path, progress: Any = None) -> None:
    db = open_database(path, device_id="county")
    try:
        run = import_files(db, [workbook], progress=Progress(progress) if progress is not None else None)
        assert run.applied
    finally:
        db.close()


def test_indexes_built_after_the_merge_give_the_same_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbook: Path
) -> None:
    dropped: list[str] = []
    restore = bulk.DeferredIndexes.restore

    def watched_restore(self: bulk.DeferredIndexes) -> None:
        dropped.extend(self.dropped)
        restore(self)

    monkeypatch.setattr(bulk.DeferredIndexes, "restore", watched_restore)
    run_import(tmp_path / "in-place.sqlite", workbook)
    assert dropped == []  # 40 households: far below the size where it is worth it
    monkeypatch.setattr(merge, "DEFER_INDEXES_AFTER", 20)
    run_import(tmp_path / "deferred.sqlite", workbook)
    assert any("change_log" in sql for sql in dropped) and any("procedure_event" in sql for sql in dropped)
    assert not any(" household (" in sql or '"household"' in sql for sql in dropped)  # its number is looked up
    assert schema(tmp_path / "deferred.sqlite") == schema(tmp_path / "in-place.sqlite")
    assert content(tmp_path / "deferred.sqlite") == content(tmp_path / "in-place.sqlite")

    # into a database that already holds these rows nothing is dropped: the tables are not nearly empty
    dropped.clear()
    run_import(tmp_path / "deferred.sqlite", workbook)
    assert dropped == []


def test_a_merge_stopped_after_the_indexes_went_leaves_them_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbook: Path
) -> None:
    monkeypatch.setattr(merge, "DEFER_INDEXES_AFTER", 20)
    target = tmp_path / "target.sqlite"
    open_database(target).close()
    before = schema(target)
    went: list[int] = []
    drop = bulk.DeferredIndexes.inserted_rows

    def watched(self: bulk.DeferredIndexes, table: str, count: int) -> None:
        drop(self, table, count)
        went.append(len(self.dropped))

    monkeypatch.setattr(bulk.DeferredIndexes, "inserted_rows", watched)

    def progress(done: int, total: int, message: str) -> bool:
        return not (went and went[-1] > 0)  # cancel once indexes have been dropped

    with pytest.raises(Cancelled):
        run_import(target, workbook, progress)
    assert went and went[-1] > 0
    assert schema(target) == before
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM procedure_event").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
