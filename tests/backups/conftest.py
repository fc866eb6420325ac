"""Backups: real SQLite files with demo data, real backup folders (tmpfs for a full disk), real processes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AUDIT = "audit_entry"  # the audit chain only grows: the backup and the restore are entries of it themselves


def table_rows(path: Path, *, audit: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a SQLite file, sorted: two files with the same content compare equal.

    The audit chain is left out unless asked for (a backup or restore appends its own entry after the copy;
    tests compare the chain itself with :func:`audit_ids`)."""
    con = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        names = [n for n in names if audit or n != AUDIT]
        return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in sorted(names)}
    finally:
        con.close()


def audit_ids(path: Path) -> list[tuple[str, int, str]]:
    """(device, seq, action) of every audit entry, in chain order."""
    con = sqlite3.connect(path)
    try:
        return [tuple(r) for r in con.execute("SELECT device_id, seq, action FROM audit_entry ORDER BY device_id, seq")]
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
