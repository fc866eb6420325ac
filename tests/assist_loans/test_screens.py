"""The loan screens with real widgets on a real SQLite file: the village ledger (overdue rows in red, the filter,
totals, eligible households), the statement import with its pre-flight before the cadre agrees, and the card's
loans with the add / repayment / extension forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from desktop_app.services.assistance import add_loan, repay
from desktop_app.storage.models import Area
from desktop_app.ui.assist_loan_dialogs import ExtensionDialog, LoanDialog, RepaymentDialog
from desktop_app.ui.assist_loan_import import StatementImportDialog
from desktop_app.ui.assist_loans import CardLoansSection, LoansPage
from desktop_app.ui.models.loans import OVERDUE_TEXT
from tests.assist_loans.helpers import VILLAGE, ids, loan_input, make_db


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = make_db(tmp_path / "f.sqlite")
    yield database
    database.close()


def _village(db: Any) -> str:
    with db.transaction() as s:
        return str(s.query(Area).filter(Area.code == VILLAGE).one().id)


def _two_loans(db: Any) -> tuple[str, str]:
    late = add_loan(db, loan_input(db, "0001"))  # 50,000 due 2022-03-21, nothing repaid
    current = add_loan(db, loan_input(db, "0002", drawn_on=date(2022, 1, 10), rate="4.35", amount_fen=3_000_000))
    return late, current


def _column(page: LoansPage, title: str) -> int:
    model = page.proxy
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)


def test_the_village_ledger_shows_overdue_loans_in_red_and_filters(qtbot: Any, qtmodeltester: Any, db: Any) -> None:
    late, _current = _two_loans(db)
    page = LoansPage(db)
    qtbot.addWidget(page)
    page.set_date(date(2022, 4, 1))
    page.set_village(_village(db))
    page.show()
    qtbot.waitExposed(page)
    qtmodeltester.check(page.model)
    assert page.proxy.rowCount() == 2
    contract, overdue = _column(page, "Contract"), _column(page, "Overdue (yuan)")
    first = page.proxy.index(0, contract)
    assert first.data() == "HT-0001" and page.proxy.index(0, overdue).data() == "50,000.00"
    assert first.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_TEXT
    assert page.proxy.index(1, contract).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "2 loans, amount 80,000.00" in page.totals.text() and "overdue 50,000.00 (1 loans)" in page.totals.text()
    page.kind.setCurrentIndex(page.kind.findData("overdue"))
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, contract).data() == "HT-0001"
    assert page.totals.text().startswith("1 loans")
    page.kind.setCurrentIndex(page.kind.findData("all"))
    page.search.setText("HT-0002")
    assert page.proxy.rowCount() == 1
    # 2022 falls under 脱贫人口小额信贷: exited and monitored households count; 0002 borrows, 0003 does not
    assert page.eligible.rowCount() == 1 and page.eligible.item(0, 0).text().endswith("0003")
    assert page.tabs.tabText(1) == "Eligible, not borrowing (1)"
    repay(db, late, date(2022, 4, 1), 5_000_000, 0)
    page.refresh()
    page.search.clear()
    page.kind.setCurrentIndex(page.kind.findData("overdue"))
    assert page.proxy.rowCount() == 0


def test_the_statement_is_checked_before_it_is_imported(qtbot: Any, db: Any, tmp_path: Path) -> None:
    late, _current = _two_loans(db)
    path = tmp_path / "bank.xlsx"
    wb = Workbook()
    wb.active.append(["借款合同号", "还款日期", "还款本金", "还款利息"])
    wb.active.append(["HT-0001", "2022-03-21", 50000, 593.75])
    wb.active.append(["HT-9999", "2022-03-21", 100, 0])
    wb.save(path)
    page = LoansPage(db)
    qtbot.addWidget(page)
    page.set_date(date(2022, 4, 1))
    page.set_village(_village(db))
    page.show()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.current_window
    assert isinstance(dialog, StatementImportDialog) and dialog.isVisible()
    assert not dialog.import_button.isEnabled()  # nothing checked yet
    job = dialog.check(path)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert "1 repayments would be imported. Nothing written yet." in dialog.summary.text()
    cells = [[dialog.table.item(r, c).text() for c in range(8)] for r in range(dialog.table.rowCount())]
    assert [row[0] for row in cells] == ["To import", "Not on file"] and cells[1][2] == "HT-9999"
    assert page.proxy.index(0, _column(page, "Balance (yuan)")).data() == "50,000.00"  # nothing written
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=60000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "1 repayments imported" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert page.proxy.index(0, _column(page, "Balance (yuan)")).data() == "0.00"
    assert page.model.loan(0).loan_id == late and page.model.loan(0).overdue_fen == 0


def test_the_card_adds_a_loan_records_a_repayment_and_extends_once(qtbot: Any, db: Any) -> None:
    household_id, _member = ids(db, "0001")
    section = CardLoansSection(db, household_id)
    qtbot.addWidget(section)
    section.on = date(2019, 5, 1)
    section.show()
    qtbot.waitExposed(section)
    assert section.summary.text() == "No loan recorded." and not section.buttons["repay"].isEnabled()
    dialog = section.open_add()
    assert isinstance(dialog, LoanDialog)
    dialog.drawn.setDate(date(2019, 3, 21))
    dialog.amount.setText("60000")
    dialog.rate.setText("4.75")
    dialog.rating.set_code("2")
    dialog.contract.setText("HT-CARD")
    dialog.purpose.setText("种植核桃")
    assert not dialog.submit()  # over the cap: the form stays open with the rule named
    assert "规则 loan_products.poverty_2014.cap" in dialog.error.text() and dialog.isVisible()
    assert section.model.rowCount() == 0
    dialog.amount.setText("50,000")
    with qtbot.waitSignal(section.changed):
        assert dialog.submit()
    assert section.model.rowCount() == 1 and section.schedule.rowCount() == 12
    assert section.schedule.item(0, 3).text() == "606.94"  # 92 days of interest, see test_periods
    repayment = section.open_repay()
    assert isinstance(repayment, RepaymentDialog)
    assert repayment.interest.text() == "606.94"  # the next instalment's interest, prefilled
    repayment.paid_on.setDate(date(2019, 6, 21))
    assert repayment.submit()
    assert section.repayments.rowCount() == 1 and section.repayments.item(0, 2).text() == "606.94"
    section.on = date(2022, 3, 1)
    section.refresh()
    extension = section.open_extend()
    assert isinstance(extension, ExtensionDialog)
    assert not extension.submit() and "规则 loan_products.poverty_2014.extension" in extension.error.text()
    extension.reason.setText("旱灾致核桃减产")
    assert extension.submit()
    assert section.model.loan(0).extended and not section.buttons["extend"].isEnabled()
    assert "extended from 2022-03-21: 旱灾致核桃减产" in section.summary.text()
    assert section.schedule.rowCount() == 14  # two more quarters until 2022-09-21


def test_a_repayment_typed_in_error_is_removed_from_the_card(qtbot: Any, db: Any) -> None:
    loan_id = add_loan(db, loan_input(db, "0001"))
    repay(db, loan_id, date(2019, 6, 21), 0, 60_694)
    repay(db, loan_id, date(2019, 6, 22), 0, 606_940)  # a zero too many
    section = CardLoansSection(db, ids(db, "0001")[0])
    qtbot.addWidget(section)
    section.on = date(2019, 7, 1)
    section.show()
    qtbot.waitExposed(section)
    assert section.repayments.rowCount() == 2 and not section.remove_button.isEnabled()
    section.repayments.selectRow(1)
    assert section.remove_button.isEnabled()
    with qtbot.waitSignal(section.changed):
        qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert section.repayments.rowCount() == 1 and section.repayments.item(0, 2).text() == "606.94"
    assert "2019-06-22" in section.message.text()
    # the village ledger tells since when a loan is overdue
    page = LoansPage(db)
    qtbot.addWidget(page)
    page.set_date(date(2022, 4, 1))
    page.set_village(_village(db))
    page.show()
    cell = page.proxy.index(0, _column(page, "Overdue (yuan)"))
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Overdue since 2022-03-21"
    borrower = page.proxy.index(0, _column(page, "Borrower"))
    assert borrower.data(Qt.ItemDataRole.ToolTipRole) == "户主1（户主）"


def test_the_card_renews_a_loan(qtbot: Any, db: Any) -> None:
    old = add_loan(db, loan_input(db, "0002", drawn_on=date(2021, 4, 1), rate="4.35", term_months=12))
    section = CardLoansSection(db, ids(db, "0002")[0])
    qtbot.addWidget(section)
    section.on = date(2022, 3, 25)
    section.show()
    qtbot.waitExposed(section)
    dialog = section.open_renew()
    assert isinstance(dialog, LoanDialog) and dialog.windowTitle() == "Renew a loan"
    assert dialog.amount.text() == "50000.00" and dialog.rate.text() == "4.35"  # the balance carried over
    dialog.drawn.setDate(date(2022, 3, 28))
    dialog.rating.set_code("1")
    dialog.contract.setText("HT-R")
    dialog.purpose.setText("扩大养殖")
    with qtbot.waitSignal(section.changed):
        assert dialog.submit()
    assert [r.contract for r in section.model.rows] == ["HT-0002", "HT-R"]
    assert section.model.rows[0].settled_on == date(2022, 3, 28) and section.model.rows[1].renewal_of == old
    assert section.selected() is not None and section.selected().contract == "HT-R"  # type: ignore[union-attr]
    assert not section.buttons["settle"].isEnabled()  # the new loan has a balance
