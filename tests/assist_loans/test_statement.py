"""Importing a bank's repayment statement: a pre-flight that writes nothing, one unit of work, the same
statement twice changes nothing, hostile files refused with nothing written, IDs masked in every report."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desktop_app.domain.errors import DomainError
from desktop_app.services.assistance import (
    add_loan,
    import_statement,
    loan_detail,
    loan_list,
    preview_statement,
)
from desktop_app.storage.models import Member
from tests.assist_loans.helpers import ids, loan_input, make_db

UNKNOWN_ID = "11010519491231002X"


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = make_db(tmp_path / "f.sqlite")
    yield database
    database.close()


def _id_of(db: Any, suffix: str) -> str:
    with db.transaction() as s:
        member = s.get(Member, ids(db, suffix)[1])
        return str(member.id_number)


def _xlsx(path: Path, rows: list[list[Any]], *, title: str | None = "XX农商银行 扶贫小额信贷还款明细") -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(["序号", "借款人", "借款人身份证号", "借款合同号", "还款日期", "还款本金", "还款利息"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _loans(db: Any) -> tuple[str, str]:
    first = add_loan(db, loan_input(db, "0001"))  # HT-0001, 50,000 from 2019-03-21
    second = add_loan(db, loan_input(db, "0002", amount_fen=2_000_000, contract_no="HT-0002"))
    return first, second


def test_a_statement_is_previewed_then_imported_once(db: Any, tmp_path: Path) -> None:
    first, second = _loans(db)
    id_2 = _id_of(db, "0002")
    path = _xlsx(
        tmp_path / "bank.xlsx",
        [
            [1, "户主1", "", "HT-0001", datetime(2019, 6, 21), 0, 606.94],
            [2, "户主1", "", "HT-0001", "2019/9/21", "", "606.94"],
            [3, "户主2", id_2, "", 20190621, "5000", "242.78"],  # by ID number only, date typed as a number
            [4, "户主2", id_2, "", 20190621, "5000", "242.78"],  # the same row again
            [5, "某某", UNKNOWN_ID, "", "2019-06-21", 100, 0],  # nobody of ours
            [6, "某某", "", "HT-9999", "2019-06-21", 100, 0],  # no such contract
            [7, "户主1", "", "HT-0001", "2019-02-30", 100, 0],  # no such date
            [8, "户主1", "", "HT-0001", "2019-12-21", "一百", 0],  # not an amount
            [9, "户主2", "", "HT-0002", "2019-12-21", 20000, 0],  # more than the 15,000 left after 序号 3
            [10, "户主1", "", "HT-0001", "2019-01-02", 100, 0],  # before the drawdown
        ],
    )
    preview = preview_statement(db, path)  # rows are the spreadsheet's: a title, the headers, then 序号 1 on row 3
    assert preview.rows == 10 and preview.matched == 3 and not preview.written
    assert [x.row for x in preview.added] == [3, 4, 5]
    assert [x.row for x in preview.duplicates] == [6]
    assert [(x.row, x.message) for x in preview.unknown] == [
        (7, "本库中没有此证件号码借款人的贷款"),
        (8, "本库中没有此合同号的贷款"),
    ]
    assert [x.row for x in preview.invalid] == [9, 10, 11, 12]
    assert "余额 15000.00 元" in preview.invalid[2].message and "早于放款日期" in preview.invalid[3].message
    text = json.dumps(preview.to_json(), ensure_ascii=False)
    assert UNKNOWN_ID not in text and id_2 not in text and "110105********002X" in text
    assert loan_detail(db, first).repayments == ()  # the pre-flight wrote nothing

    done = import_statement(db, path)
    assert done.written and [x.row for x in done.added] == [3, 4, 5]
    one, two = loan_detail(db, first, on=date(2020, 1, 1)), loan_detail(db, second, on=date(2020, 1, 1))
    assert [(r.paid_on, r.interest_fen, r.source) for r in one.repayments] == [
        (date(2019, 6, 21), 60_694, "statement"),
        (date(2019, 9, 21), 60_694, "statement"),
    ]
    assert two.row.balance_fen == 1_500_000

    again = import_statement(db, path)  # the same statement again: nothing new
    assert again.added == () and [x.row for x in again.already_there] == [3, 4, 5]
    assert len(loan_detail(db, first).repayments) == 2 and len(loan_detail(db, second).repayments) == 1


def test_a_csv_statement_with_other_headers(db: Any, tmp_path: Path) -> None:
    first, _second = _loans(db)
    path = tmp_path / "bank.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["合同编号", "交易日期", "本金", "利息"])
        writer.writerow(["HT-0001", "2022年3月21日", "50,000.00", "593.75"])
    report = import_statement(db, path)
    assert [x.household[-4:] for x in report.added] == ["0001"]
    [row] = [r for r in loan_list(db, on=date(2022, 4, 1)) if r.loan_id == first]
    assert row.balance_fen == 0 and row.overdue_fen == 0


def test_hostile_files_are_refused_and_nothing_is_written(db: Any, tmp_path: Path) -> None:
    first, _second = _loans(db)
    no_columns = tmp_path / "no_columns.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "金额"])
    wb.active.append(["户主1", 100])
    wb.save(no_columns)
    with pytest.raises(DomainError, match="没有找到还款流水的表头"):
        import_statement(db, no_columns)
    formulas = tmp_path / "formulas.xlsx"
    wb = Workbook()
    wb.active.append(["合同号", "还款日期", "还款本金", "还款利息"])
    wb.active.append(["HT-0001", "2019-06-21", "=1000*5", 0])
    wb.save(formulas)
    with pytest.raises(DomainError, match="第 2 行是公式"):
        import_statement(db, formulas)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DomainError):
        preview_statement(db, garbage)
    with pytest.raises(DomainError):
        import_statement(db, tmp_path / "missing.xlsx")
    assert loan_detail(db, first).repayments == ()


def test_a_removed_repayment_does_not_come_back_with_the_statement(db: Any, tmp_path: Path) -> None:
    from desktop_app.services.assistance import remove_repayment

    first, _second = _loans(db)
    path = _xlsx(tmp_path / "bank.xlsx", [[1, "户主1", "", "HT-0001", "2019-06-21", 1000, 606.94]], title=None)
    import_statement(db, path)
    [row] = loan_detail(db, first).repayments
    remove_repayment(db, row.id)  # the bank's line was wrong: the cadre removes it
    again = preview_statement(db, path)
    assert again.added == () and [x.row for x in again.already_there] == [2]
    assert loan_detail(db, first).repayments == () and loan_detail(db, first).row.balance_fen == 5_000_000


def test_an_id_that_is_not_the_borrowers_and_an_id_with_two_loans(db: Any, tmp_path: Path) -> None:
    from datetime import date as day

    from desktop_app.services.assistance import repay, settle

    first, _second = _loans(db)
    id_1, id_2 = _id_of(db, "0001"), _id_of(db, "0002")
    # the first household's loan repaid and settled, then a second one: its borrower has two loans on file
    repay(db, first, day(2020, 1, 1), 5_000_000, 0)
    settle(db, first, day(2020, 1, 1))
    add_loan(db, loan_input(db, "0001", drawn_on=day(2020, 2, 1), contract_no="HT-0001B"))
    add_loan(db, loan_input(db, "0003", drawn_on=day(2021, 6, 1), rate="4.35", contract_no="HT-0003"))
    path = _xlsx(
        tmp_path / "bank.xlsx",
        [
            [1, "户主2", id_1, "HT-0002", "2020-03-01", 100, 0],  # the ID is not this contract's borrower
            [2, "户主1", id_1, "", "2020-03-01", 100, 0],  # one open loan of two: it is the one
            [3, "户主2", id_2, "", "2020-03-01", 100, 0],
        ],
        title=None,
    )
    report = preview_statement(db, path)
    assert [(x.row, x.message) for x in report.unknown] == [(2, "证件号码与该合同的借款人不符")]
    assert [(x.row, x.contract) for x in report.added] == [(3, "HT-0001B"), (4, "HT-0002")]
