"""A clerk's spreadsheet: the version-2 workbook re-saved by LibreOffice imports unchanged; ledger rows typed
into it (no 记录编号) are added once and are the same records on every later import, with the ledger's own
deterministic ids where it has them (a work month per person and month)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from desktop_app.domain.assistance import work_month_id
from desktop_app.services import Database
from desktop_app.storage.models_assist import LoanRepayment, WorkMonth
from tests.exchange.conftest import soffice_convert
from tests.exchange_assist.conftest import col, headers, import_one
from tests.exchange_assist.ledgers import dump
from tests.storage.table_dump import changed_tables, dump_tables


def test_libreoffice_resave_of_the_ledgers_imports_unchanged(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    resaved = soffice_convert(ledger_xlsx, "xlsx", tmp_path / "lo")
    before = dump_tables(ledger_db)
    outcome = import_one(ledger_db, resaved)
    assert outcome.applied, [p.line() for p in outcome.errors]
    assert outcome.ledger_totals()["updated"] == outcome.ledger_totals()["added"] == 0 and outcome.conflicts == 0
    assert changed_tables(before, dump_tables(ledger_db)) == []


def _typed(ws: Any, values: dict[str, Any]) -> None:
    row = ws.max_row + 1
    for header, value in values.items():
        cell = ws.cell(row=row, column=col(ws, header), value=value)
        if isinstance(value, str):
            cell.number_format = "@"


def test_rows_typed_into_the_ledgers_are_added_once(ledger_db: Database, ledger_xlsx: Path, tmp_path: Path) -> None:
    ids = ledger_db.ledger_ids  # type: ignore[attr-defined]
    book = openpyxl.load_workbook(ledger_xlsx)
    repayments, months = book["贷款还款"], book["务工监测"]
    number = repayments.cell(row=2, column=1).value
    _typed(repayments, {"户编号": number, "还款日期": dt.date(2026, 8, 20), "还本金（元）": 500,
                        "付利息（元）": 12.5, "贷款记录编号": ids["loan"]})  # fmt: skip
    member = months.cell(row=2, column=col(months, "成员记录编号")).value
    second = months.cell(row=2, column=1).value
    _typed(months, {"户编号": second, "月份": 202604, "是否务工": "是", "务工渠道": "外出务工",
                    "工资收入（元）": 5300, "成员记录编号": member})  # fmt: skip
    assert "记录编号" in headers(repayments)
    typed = tmp_path / "typed.xlsx"
    book.save(typed)
    outcome = import_one(ledger_db, typed)
    assert outcome.applied, [p.line() for p in outcome.errors]
    assert outcome.ledgers["loan_repayment"]["added"] == 1 and outcome.ledgers["work_month"]["added"] == 1
    with ledger_db.session() as s:
        added = s.execute(select(LoanRepayment).where(LoanRepayment.paid_on == dt.date(2026, 8, 20))).scalars().one()
        assert (added.principal_fen, added.interest_fen, added.loan_id) == (50_000, 1_250, ids["loan"])
        month = s.get(WorkMonth, work_month_id(member, 202604))
        assert month is not None and month.wage_fen == 530_000 and month.channel == "3"
    before = dump(ledger_db)
    everything = dump_tables(ledger_db)
    again = import_one(ledger_db, typed)
    assert again.applied and again.ledger_totals()["added"] == 0 and again.ledger_totals()["updated"] == 0
    assert dump(ledger_db) == before
    assert changed_tables(everything, dump_tables(ledger_db)) == []
