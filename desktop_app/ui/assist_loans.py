"""The microcredit ledger's screens (小额信贷台账, issue 16 part C).

- :class:`LoansPage` — the village's loan ledger at a date: every loan with its balance, overdue amount and days,
  unpaid interest and subsidy accrued (overdue rows in red), a filter (all / not settled / overdue / unpaid
  interest / settled) with a search box, the totals, the households eligible but not borrowing (应贷未贷), and
  导入银行还款流水 with its pre-flight;
- :class:`CardLoansSection` — one household's loans on its card: the selected loan's schedule and repayments,
  and the forms to add a loan, record a repayment, extend (once), renew and settle.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.services.assistance import (
    LoanDetail,
    LoanRow,
    eligible_not_borrowing,
    household_loans,
    loan_detail,
    loan_list,
    loan_totals,
    remove_repayment,
    settle,
)
from desktop_app.ui.assist_base import CardSection, VillagePage
from desktop_app.ui.assist_loan_dialogs import ExtensionDialog, LoanDialog, RepaymentDialog
from desktop_app.ui.assist_loan_import import StatementImportDialog
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.loans import CARD_COLUMNS, FILTERS, LoanFilter, LoanTableModel, filter_text
from desktop_app.ui.procedure_forms import from_qdate, to_qdate


def _table_view(model: LoanTableModel | LoanFilter, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], right: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _plain_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class LoansPage(VillagePage):
    """The loan ledger of the village chosen in the area tree."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.current_window: QDialog | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("As of")))
        self.on = QDateEdit(to_qdate(date.today()))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.dateChanged.connect(lambda _d: self.refresh())
        bar.addWidget(self.on)
        self.kind = QComboBox()
        self.kind.setObjectName("loans_filter")
        for key in FILTERS:
            self.kind.addItem(filter_text(key), key)
        self.kind.currentIndexChanged.connect(lambda _i: self._filter())
        bar.addWidget(self.kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Household number, head, borrower or contract"))
        self.search.textChanged.connect(lambda _t: self._filter())
        bar.addWidget(self.search, 1)
        self.import_button = QPushButton(self.tr("Import bank statement…"))
        self.import_button.setObjectName("loans_import")
        self.import_button.clicked.connect(lambda _c=False: self.open_import())
        bar.addWidget(self.import_button)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        self.model = LoanTableModel(parent=self)
        self.proxy = LoanFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table_view(self.proxy, "loans_table")
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # by household number
        self.table.setSortingEnabled(True)
        ledger = QWidget()
        ledger_layout = QVBoxLayout(ledger)
        ledger_layout.setContentsMargins(0, 0, 0, 0)
        ledger_layout.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setObjectName("loans_totals")
        ledger_layout.addWidget(self.totals)
        self.tabs.addTab(ledger, self.tr("Loan ledger"))
        self.eligible = _plain_table(
            [self.tr("Household number"), self.tr("Head"), self.tr("Village"), self.tr("Eligible as")],
            "loans_eligible",
        )
        self.tabs.addTab(self.eligible, self.tr("Eligible, not borrowing"))
        layout.addWidget(self.tabs, 1)

    def set_date(self, day: date) -> None:
        self.on.setDate(to_qdate(day))

    def day(self) -> date:
        return from_qdate(self.on.date())

    def refresh(self) -> None:
        super().refresh()
        if self.village_id is None:
            self.model.set_rows([])
            _fill(self.eligible, [])
            self.totals.setText(self.tr("Choose a village in the area tree."))
            return
        rows = loan_list(self.db, self.village_id, on=self.day())
        self.model.set_rows(rows)
        eligible = eligible_not_borrowing(self.db, self.village_id, on=self.day())
        _fill(self.eligible, [(r.number, r.head_name, r.village, r.groups) for r in eligible])
        self.tabs.setTabText(1, self.tr("Eligible, not borrowing (%1)").replace("%1", str(len(eligible))))
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_filter(self.kind.currentData() or "all", self.search.text())
        shown = [
            self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in range(self.proxy.rowCount())
        ]
        totals = loan_totals(shown)
        self.totals.setText(
            self.tr("%1 loans, amount %2, balance %3, overdue %4 (%5 loans), unpaid interest %6, subsidy %7 yuan")
            .replace("%1", str(len(shown)))
            .replace("%2", format_yuan(totals["amount_fen"]))
            .replace("%3", format_yuan(totals["balance_fen"]))
            .replace("%4", format_yuan(totals["overdue_fen"]))
            .replace("%5", str(sum(1 for r in shown if r.overdue_fen > 0)))
            .replace("%6", format_yuan(totals["unpaid_interest_fen"]))
            .replace("%7", format_yuan(totals["subsidy_fen"]))
        )

    def open_import(self) -> StatementImportDialog:
        dialog = StatementImportDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _r: self._imported())
        self.current_window = dialog
        dialog.open()
        return dialog

    def _imported(self) -> None:
        self.refresh()
        self.changed.emit()


class CardLoansSection(CardSection):
    """The household's loans, the selected one's schedule and repayments, and the forms that write them."""

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None) -> None:
        super().__init__(db, household_id, parent)
        self.on: date | None = None  # the date figures are computed at (None: today)
        self.current_window: QDialog | None = None
        self.detail: LoanDetail | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, handler in (
            ("add", self.tr("Add a loan…"), self.open_add),
            ("repay", self.tr("Record a repayment…"), self.open_repay),
            ("extend", self.tr("Extend…"), self.open_extend),
            ("renew", self.tr("Renew…"), self.open_renew),
            ("settle", self.tr("Settle"), self.settle_selected),
        ):
            button = QPushButton(text)
            button.setObjectName(f"loan_{key}")
            button.clicked.connect(lambda _c=False, h=handler: h())
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = QLabel()
        self.message.setObjectName("loan_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = LoanTableModel(CARD_COLUMNS, self)
        self.table = _table_view(self.model, "card_loans")
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        split.addWidget(self.table)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("loan_summary")
        self.summary.setWordWrap(True)
        below_layout.addWidget(self.summary)
        tables = QHBoxLayout()
        self.schedule = _plain_table(
            [self.tr("No."), self.tr("Due"), self.tr("Principal"), self.tr("Interest"), self.tr("Left after")],
            "loan_schedule",
        )
        self.repayments = _plain_table(
            [self.tr("Paid on"), self.tr("Principal"), self.tr("Interest"), self.tr("Source"), self.tr("Note")],
            "loan_repayments",
        )
        self.repayments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.repayments.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.repayments.itemSelectionChanged.connect(self._enable)
        paid = QWidget()
        paid_layout = QVBoxLayout(paid)
        paid_layout.setContentsMargins(0, 0, 0, 0)
        paid_layout.addWidget(self.repayments, 1)
        self.remove_button = QPushButton(self.tr("Remove the selected repayment"))
        self.remove_button.setObjectName("loan_remove_repayment")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected_repayment())
        paid_layout.addWidget(self.remove_button)
        tables.addWidget(self.schedule, 1)
        tables.addWidget(paid, 1)
        below_layout.addLayout(tables, 1)
        split.addWidget(below)
        layout.addWidget(split, 1)
        self._enable()

    def day(self) -> date:
        return self.on or date.today()

    def selected(self) -> LoanRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.loan(rows[0].row()) if rows else None

    def select_loan(self, loan_id: str) -> None:
        for r, row in enumerate(self.model.rows):
            if row.loan_id == loan_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.table.selectionModel().select(self.model.index(r, 0), flags)
                return

    def refresh(self) -> None:
        super().refresh()
        keep = self.selected()
        self.model.set_rows(household_loans(self.db, self.household_id, on=self.day()))
        if keep is not None:
            self.select_loan(keep.loan_id)
        elif self.model.rows:
            self.select_loan(self.model.rows[-1].loan_id)
        self._show_selected()

    def _enable(self) -> None:
        row = self.selected()
        open_loan = row is not None and row.settled_on is None
        self.buttons["repay"].setEnabled(open_loan)
        self.buttons["extend"].setEnabled(open_loan and row is not None and not row.extended)
        self.buttons["renew"].setEnabled(open_loan)
        self.buttons["settle"].setEnabled(open_loan and row is not None and row.balance_fen == 0)
        self.remove_button.setEnabled(open_loan and bool(self.repayments.selectionModel().selectedRows()))

    def _show_selected(self) -> None:
        self._enable()
        row = self.selected()
        self.detail = loan_detail(self.db, row.loan_id, on=self.day()) if row is not None else None
        if self.detail is None:
            self.summary.setText(self.tr("No loan recorded.") if not self.model.rows else "")
            _fill(self.schedule, [])
            _fill(self.repayments, [])
            return
        d = self.detail
        text = self.tr("%1 (%2): %3 yuan at %4 %, %5 to %6; purpose: %7; credit rating %8").replace(
            "%1", d.row.contract
        )
        text = (
            text.replace("%2", d.row.product)
            .replace("%3", format_yuan(d.row.amount_fen))
            .replace("%4", d.row.rate)
            .replace("%5", d.row.drawn_on.isoformat() if d.row.drawn_on else "")
            .replace("%6", d.row.due_on.isoformat() if d.row.due_on else "")
            .replace("%7", d.purpose)
            .replace("%8", d.credit_rating_label or "-")
        )
        if d.extension_reason:
            text += (
                self.tr("; extended from %1: %2").replace("%1", str(d.contract_due)).replace("%2", d.extension_reason)
            )
        self.summary.setText(text)
        _fill(
            self.schedule,
            [
                (
                    str(i.no),
                    i.due_on.isoformat(),
                    format_yuan(i.principal_fen),
                    format_yuan(i.interest_fen),
                    format_yuan(i.outstanding_fen),
                )
                for i in d.schedule
            ],
            right=(0, 2, 3, 4),
        )
        sources = {"manual": self.tr("typed"), "statement": self.tr("bank statement"), "renewal": self.tr("renewal")}
        _fill(
            self.repayments,
            [
                (
                    p.paid_on.isoformat(),
                    format_yuan(p.principal_fen),
                    format_yuan(p.interest_fen),
                    sources.get(p.source, p.source),
                    p.note,
                )
                for p in d.repayments
            ],
            right=(1, 2),
        )

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]  # every loan form has it
        self.current_window = dialog
        dialog.open()
        return dialog

    def _saved(self, result: object) -> None:
        self.refresh()
        if isinstance(result, str) and any(r.loan_id == result for r in self.model.rows):
            self.select_loan(result)
        self.changed.emit()

    def open_add(self) -> QDialog:
        return self._open(LoanDialog(self.db, self.household_id, parent=self))

    def open_renew(self) -> QDialog | None:
        row = self.selected()
        return self._open(LoanDialog(self.db, self.household_id, renewing=row, parent=self)) if row else None

    def open_repay(self) -> QDialog | None:
        row = self.selected()
        return (
            self._open(RepaymentDialog(self.db, row, interest_fen=self._next_interest(), parent=self)) if row else None
        )

    def open_extend(self) -> QDialog | None:
        row = self.selected()
        return self._open(ExtensionDialog(self.db, row, today=self.day, parent=self)) if row else None

    def _next_interest(self) -> int:
        """The interest of the first instalment not yet passed (what the borrower usually pays next)."""
        if self.detail is None:
            return 0
        ahead = [i for i in self.detail.schedule if i.due_on >= self.day()]
        return ahead[0].interest_fen if ahead else 0

    def remove_selected_repayment(self) -> bool:
        """Remove the repayment chosen in the table (typed in error)."""
        rows = self.repayments.selectionModel().selectedRows()
        if self.detail is None or not rows:
            return False
        payment = self.detail.repayments[rows[0].row()]
        try:
            remove_repayment(self.db, payment.id)
        except DomainError as exc:
            self.message.setText(exc.message(ui_lang()))
            return False
        self.message.setText(self.tr("The repayment of %1 was removed.").replace("%1", payment.paid_on.isoformat()))
        self._saved(self.detail.row.loan_id)
        return True

    def settle_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        try:
            settle(self.db, row.loan_id, self.day())
        except DomainError as exc:
            self.message.setText(exc.message(ui_lang()))
            return False
        self.message.setText(self.tr("Contract %1 settled.").replace("%1", row.contract))
        self._saved(row.loan_id)
        return True


__all__ = ["CardLoansSection", "LoansPage"]
