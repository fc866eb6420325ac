"""The bulk ledgers are repeatable, and ``fupin demo --assistance`` gives a database the ledger commands report on."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop_app.cli import main

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TABLES = ("pairing", "help_plan", "help_measure", "disbursement", "fund_allocation", "loan", "loan_repayment",
          "post", "post_holder", "post_month", "work_month", "visit")  # fmt: skip


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    finally:
        con.close()


def _bulk(path: Path, seed: int) -> None:
    from desktop_app.services import open_database
    from desktop_app.services.demo.assist_bulk import add_assistance_bulk

    db = open_database(path, operator="演示", device_id="demo")
    with db.transaction() as session:
        add_assistance_bulk(session, today=date(2026, 12, 2), seed=seed, now=NOW, device_id="demo")
    db.close()


def test_the_same_seed_writes_the_same_ledgers_and_another_seed_others(tmp_path: Path) -> None:
    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo

    county = tmp_path / "county.sqlite"
    db = open_database(county, operator="演示", device_id="demo")
    with db.transaction() as session:
        generate_demo(session, households=200, seed=3, now=NOW)
    db.close()
    copies = [tmp_path / f"copy{n}.sqlite" for n in range(3)]
    for copy in copies:
        shutil.copy(county, copy)
    _bulk(copies[0], 1)
    _bulk(copies[1], 1)
    _bulk(copies[2], 2)
    first, second, other = (_dump(c) for c in copies)
    assert all(first[t] for t in TABLES)  # every ledger has rows
    assert first == second
    assert first["loan"] != other["loan"]


def test_fupin_demo_with_assistance_and_the_ledger_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite")
    assert (
        main(["--db", db, "--operator", "演示", "demo", "--households", "60", "--villages", "1", "--assistance"]) == 0
    )
    out = capsys.readouterr().out
    assert "帮扶台账：" in out and "逐项录入" in out and "笔贷款" in out
    assert main(["--db", db, "loans", "list", "--overdue", "--json"]) == 0
    overdue = json.loads(capsys.readouterr().out)
    typed = [r for r in overdue if r["contract"] == "XD2022-0520-007"]
    assert typed and typed[0]["overdue_amount"] == "30000.00" and typed[0]["due"] == "2025-05-20"
    main(["--db", db, "posts", "check", "--json"])  # exits 1 when it finds something
    findings = json.loads(capsys.readouterr().out)
    assert "post_rules.one_post" in {f["rule"] for f in findings}  # the person given a second post
    assert main(["--db", db, "funds", "ledger", "--json"]) == 0
    ledger = json.loads(capsys.readouterr().out)
    assert any(r["fund"].endswith("（演示）") and r["disbursed"] != "0.00" for r in ledger)
