"""The demo is deterministic: the same seed and the same "now" give the very same database, row for row."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services.demo.households import generate_demo
from desktop_app.storage.database import open_database
from tests.storage.table_dump import changed_tables, dump_tables

NOW = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A new database file (its reference data, made when a file is created, are not the demo's): each demo
    run starts from a copy of it."""
    path = tmp_path / "empty.sqlite"
    open_database(path, operator="演示", device_id="laptop-a").close()
    return path


def _demo(empty: Path, path: Path, seed: int) -> dict[str, list[tuple[object, ...]]]:
    shutil.copyfile(empty, path)
    db = open_database(path, operator="演示", device_id="laptop-a")
    try:
        with db.transaction() as session:
            generate_demo(session, households=600, villages=7, seed=seed, device_id="laptop-a", now=NOW)
        return dump_tables(db)
    finally:
        db.close()


def test_two_runs_with_the_same_seed_give_identical_tables(empty: Path, tmp_path: Path) -> None:
    first, second = _demo(empty, tmp_path / "a.sqlite", 11), _demo(empty, tmp_path / "b.sqlite", 11)
    assert changed_tables(first, second) == []
    assert len(first["procedure_event"]) > 1000 and len(first["batch"]) > 0  # the procedure history is in it
    other = _demo(empty, tmp_path / "c.sqlite", 12)
    assert "member" in changed_tables(first, other)


def test_cli_demo_twice_gives_the_same_event_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through `fupin demo` (the current time): everything but the time stamps agrees."""
    counts = []
    for name in ("x.sqlite", "y.sqlite"):
        assert main(["--db", str(tmp_path / name), "demo", "--households", "400", "--villages", "5"]) == 0
        db = open_database(tmp_path / name)
        tables = dump_tables(db)
        db.close()
        counts.append({t: len(rows) for t, rows in tables.items()})
        ids = {t: sorted(r[0] for r in rows) for t, rows in tables.items() if t in ("household", "procedure_event")}
        counts.append(ids)
    capsys.readouterr()
    assert counts[0] == counts[2] and counts[1] == counts[3]
