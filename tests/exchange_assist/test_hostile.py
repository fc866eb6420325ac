"""A hostile or mistaken version-2 workbook is refused whole, each problem with its sheet, row and column,
and nothing is written: a formula in a money cell, a repayment of a loan that exists nowhere, text in an
amount, a month that is no month, a village code that is no village. Through ``fupin import`` too."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.services import Database
from tests.exchange_assist.conftest import col, import_one
from tests.storage.table_dump import changed_tables, dump_tables


def _hostile(src: Path, out: Path) -> tuple[Path, str]:
    book = openpyxl.load_workbook(src)
    repayments = book["贷款还款"]
    repayments.cell(row=2, column=col(repayments, "还本金（元）")).value = "=1000*2"  # a formula
    unknown = str(uuid.uuid4())
    repayments.cell(row=2, column=col(repayments, "贷款记录编号")).value = unknown
    loans = book["小额信贷"]
    loans.cell(row=3, column=col(loans, "贷款金额（元）")).value = "两万元"
    months = book["务工监测"]
    months.cell(row=2, column=col(months, "月份")).value = 202613
    posts = book["公益岗位"]
    posts.cell(row=2, column=col(posts, "行政村代码")).value = "532999999999"
    book.save(out)
    return out, unknown


def test_every_problem_named_by_sheet_row_and_column_and_nothing_written(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    hostile, unknown = _hostile(ledger_xlsx, tmp_path / "hostile.xlsx")
    before = dump_tables(ledger_db)
    outcome = import_one(ledger_db, hostile)
    assert not outcome.applied
    found = {(p.sheet, p.row, p.column): p for p in outcome.errors}
    formula = found[("贷款还款", 2, "还本金（元）")]
    assert "公式" in formula.message
    loan = found[("贷款还款", 2, "贷款记录编号")]
    assert loan.value == unknown and "找不到" in loan.message and "贷款" in loan.message
    amount = found[("小额信贷", 3, "贷款金额（元）")]
    assert "金额无效" in amount.message and "两万元" in amount.message
    assert "202603" in found[("务工监测", 2, "月份")].message
    assert "行政村代码不存在" in found[("公益岗位", 2, "行政村代码")].message
    assert changed_tables(before, dump_tables(ledger_db)) == []


def test_fupin_import_names_the_cells_and_exits_2(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile, _unknown = _hostile(ledger_xlsx, tmp_path / "hostile.xlsx")
    before = dump_tables(ledger_db)
    code = main(["--db", ledger_db.url, "import", "--json", str(hostile)])
    out = json.loads(capsys.readouterr().out)
    assert code == 2
    cells = {(e["sheet"], e["row"], e["column"]) for e in out["errors"]}
    assert {
        ("贷款还款", 2, "还本金（元）"),
        ("贷款还款", 2, "贷款记录编号"),
        ("小额信贷", 3, "贷款金额（元）"),
    } <= cells
    assert changed_tables(before, dump_tables(ledger_db)) == []


def test_partial_leaves_out_the_household_with_a_bad_ledger_row_whole(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    """--partial: the second household's bad loan amount keeps that household (and only it) out."""
    book = openpyxl.load_workbook(ledger_xlsx)
    loans = book["小额信贷"]
    loans.cell(row=3, column=col(loans, "贷款金额（元）")).value = "两万元"
    loans.cell(row=2, column=col(loans, "贷款用途")).value = "养殖黄牛"  # the first household's loan: an edit
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    outcome = import_one(ledger_db, bad, partial=True)
    assert outcome.applied and outcome.skipped_households == 1
    assert outcome.ledgers["loan"]["updated"] == 1
