"""Two laptops that recorded repayments on the same loan: merging keeps both, the same bank statement imported on
both adds it once, and two different extensions of one loan raise a conflict — never a repayment dropped."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop_app.services import open_database
from desktop_app.services.assistance import add_loan, extend, import_statement, loan_detail, repay
from desktop_app.services.merge import merge_database
from tests.assist_loans.helpers import loan_input, make_db


def _laptops(tmp_path: Path) -> tuple[Path, Path, str]:
    base = tmp_path / "base.sqlite"
    db = make_db(base)
    loan_id = add_loan(db, loan_input(db, "0001"))
    db.close()
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    shutil.copy(base, a)
    shutil.copy(base, b)
    return a, b, loan_id


def _statement(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["合同号", "还款日期", "还款本金", "还款利息"])
    wb.active.append(["HT-0001", "2019-09-21", 0, 606.94])
    wb.save(path)
    return path


def test_repayments_of_two_laptops_are_both_kept(tmp_path: Path) -> None:
    a_path, b_path, loan_id = _laptops(tmp_path)
    statement = _statement(tmp_path / "bank.xlsx")
    b = open_database(b_path, operator="乙", device_id="laptop-b")
    repay(b, loan_id, date(2019, 6, 21), 0, 60_694, "乙电脑登记")
    import_statement(b, statement)
    b.close()
    a = open_database(a_path, operator="甲", device_id="laptop-a")
    repay(a, loan_id, date(2019, 6, 25), 1_000_000, 0, "甲电脑登记")
    import_statement(a, statement)  # the same statement on both laptops: the same repayment id
    result = merge_database(a, b_path)
    assert result.conflicts == 0
    detail = loan_detail(a, loan_id, on=date(2019, 10, 1))
    assert [(r.paid_on, r.principal_fen, r.interest_fen) for r in detail.repayments] == [
        (date(2019, 6, 21), 0, 60_694),
        (date(2019, 6, 25), 1_000_000, 0),
        (date(2019, 9, 21), 0, 60_694),
    ]
    assert detail.row.balance_fen == 4_000_000
    again = merge_database(a, b_path)  # merging again changes nothing
    assert again.conflicts == 0 and len(loan_detail(a, loan_id).repayments) == 3
    a.close()


def test_two_different_extensions_of_one_loan_are_a_conflict(tmp_path: Path) -> None:
    a_path, b_path, loan_id = _laptops(tmp_path)
    b = open_database(b_path, operator="乙", device_id="laptop-b")
    extend(b, loan_id, date(2022, 9, 21), "旱灾", on=date(2022, 3, 1))
    repay(b, loan_id, date(2019, 6, 21), 0, 60_694)
    b.close()
    a = open_database(a_path, operator="甲", device_id="laptop-a")
    extend(a, loan_id, date(2023, 3, 21), "洪灾", on=date(2022, 3, 1))
    result = merge_database(a, b_path)
    assert result.conflicts >= 1  # a person decides which extension stands
    detail = loan_detail(a, loan_id, on=date(2022, 4, 1))
    assert len(detail.repayments) == 1  # the other laptop's repayment arrived all the same
    a.close()
