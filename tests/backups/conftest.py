"""Backups: real SQLite files with demo data, real backup folders (tmpfs for a full disk), real processes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def table_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a SQLite file, sorted: two files with the same content compare equal."""
    con = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in sorted(names)}
    finally:
        con.close()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Any]:
    """A database file with a small demo county (12 households) and its own backup folder beside it."""
    from desktop_app.services import open_database
    from desktop_app.services.demo import load_demo

    db = open_database(tmp_path / "village.sqlite", operator="测试员", device_id="test-device")
    load_demo(db, households=12, villages=1, seed=3)
    yield db
    db.close()
