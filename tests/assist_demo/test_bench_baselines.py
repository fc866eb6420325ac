"""bench/bench_assist.py's plain-SQL baselines give the same answers as the ledgers' functions (on a small county
with bulk ledgers), so that its ratios compare like with like."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_assist", ROOT / "bench" / "bench_assist.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any, sqlite3.Connection]]:
    from desktop_app.services import open_database
    from desktop_app.services.demo.assist_bulk import add_assistance_bulk
    from desktop_app.services.demo.households import generate_demo

    bench = _bench()
    path = tmp_path_factory.mktemp("bench-baselines") / "county.sqlite"
    db = open_database(path, operator="bench", device_id="bench")
    with db.transaction() as session:
        generate_demo(session, households=1500, seed=5, now=datetime(2026, 11, 1, tzinfo=UTC))
    with db.transaction() as session:
        add_assistance_bulk(session, today=bench.TODAY, seed=5, monitored_share=0.08)
    con = sqlite3.connect(path)
    yield bench, db, con
    con.close()
    db.close()


def test_the_coverage_baseline_counts_what_the_coverage_check_finds(county: tuple[Any, Any, Any]) -> None:
    from desktop_app.services.assistance import coverage_check

    bench, db, con = county
    found = coverage_check(db, on=bench.TODAY)
    no_cadre = sum(1 for u in found.uncovered if u.reason == "无帮扶责任人")
    assert bench.coverage_raw(con, bench._rules(db)) == (
        no_cadre,
        len(found.uncovered) - no_cadre,
        len(found.over_limit),
    )
    assert no_cadre and found.over_limit  # the bulk leaves some out and puts some cadres over


def test_the_overdue_baseline_lists_the_loans_of_the_overdue_list(county: tuple[Any, Any, Any]) -> None:
    from desktop_app.services.assistance import loan_list

    bench, db, con = county
    listed = {r.loan_id for r in loan_list(db, overdue_only=True, on=bench.TODAY)}
    assert listed and listed == {row[0] for row in bench.overdue_raw(con)}


def test_the_ledger_baseline_sums_what_the_funds_ledger_shows(county: tuple[Any, Any, Any]) -> None:
    from desktop_app.services.assistance import funds_ledger, ledger_flags

    bench, db, con = county
    pay = bench._payable(db)
    flags = 0
    for village, year in con.execute("SELECT DISTINCT village_id, year FROM disbursement").fetchall():
        rows, flagged = bench.ledger_raw(con, village, year, pay)
        ledger = funds_ledger(db, village_id=village, year=year)
        assert sorted((r[0], r[1], r[2], r[3]) for r in rows) == sorted(
            (r.fund, r.allocated_fen, r.disbursed_fen, r.remaining_fen) for r in ledger
        )
        assert flagged == len(ledger_flags(db, village_id=village, year=year))
        flags += flagged
    assert flags >= 1  # the bulk pays a household outside the register
