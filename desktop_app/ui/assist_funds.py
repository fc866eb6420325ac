"""The village's funds ledger on the main window's 帮扶台账 tab (FundsPage): per fund and year what was allocated,
disbursed and what remains, with the totals; the payments flagged because their household is outside the
register and the monitoring list; 新增资金, 分配资金 and 拨付 in forms (a refusal names its rule).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Database
from desktop_app.services.assistance import (
    AllocationInput,
    DisbursementInput,
    FlagRow,
    FundInput,
    LedgerRow,
    add_fund,
    allocate,
    disburse,
    fund_list,
    funds_ledger,
    ledger_flags,
    project_list,
)
from desktop_app.services.permissions import refusal
from desktop_app.ui.assist_base import CardSection, VillagePage
from desktop_app.ui.assist_funds_dialogs import AllocateDialog, FundDialog, PayDialog
from desktop_app.ui.assist_plans import fill_table, money
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.help_measures_panel import rows_table

__all__ = ["CardSection", "FundsPage", "VillagePage"]


class FundsPage(VillagePage):
    """The funds ledger of the village chosen in the area tree, for one year or all years."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(db, parent)
        self.today = today or date.today()
        self.rows: list[LedgerRow] = []
        self.flags: list[FlagRow] = []
        self.current_dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.all_years = QCheckBox(self.tr("All years"))
        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(self.today.year)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.all_years.toggled.connect(self._all_years)
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addWidget(self.all_years)
        top.addStretch(1)
        self.fund_button = QPushButton(self.tr("New fund…"))
        self.allocate_button = QPushButton(self.tr("Allocate…"))
        self.pay_button = QPushButton(self.tr("Pay…"))
        for button, slot in (
            (self.fund_button, self.open_fund),
            (self.allocate_button, self.open_allocate),
            (self.pay_button, self.open_pay),
        ):
            button.clicked.connect(lambda _c=False, s=slot: s())
            top.addWidget(button)
        layout.addLayout(top)
        self.hint = QLabel()
        layout.addWidget(self.hint)
        ledger_box = QGroupBox(self.tr("Funds ledger"))
        ledger_layout = QVBoxLayout(ledger_box)
        self.table = QTableWidget()
        rows_table(self.table)
        self.totals = QLabel()
        ledger_layout.addWidget(self.table)
        ledger_layout.addWidget(self.totals)
        layout.addWidget(ledger_box, 2)
        flags_box = QGroupBox(self.tr("Flagged payments"))
        flags_layout = QVBoxLayout(flags_box)
        self.flags_table = QTableWidget()
        rows_table(self.flags_table)
        flags_layout.addWidget(self.flags_table)
        layout.addWidget(flags_box, 1)

    def _all_years(self, on: bool) -> None:
        self.year.setEnabled(not on)
        self.refresh()

    def chosen_year(self) -> int | None:
        return None if self.all_years.isChecked() else self.year.value()

    def refresh(self) -> None:
        super().refresh()
        village = self.village_id
        self.hint.setText("" if village else self.tr("Choose a village in the tree on the left."))
        self.rows = funds_ledger(self.db, village, self.chosen_year()) if village else []
        self.flags = ledger_flags(self.db, village, self.chosen_year()) if village else []
        fill_table(
            self.table,
            [self.tr("Year"), self.tr("Fund"), self.tr("Allocated (yuan)"), self.tr("Disbursed (yuan)"),
             self.tr("Remaining (yuan)"), self.tr("Flagged")],
            [
                [str(r.year), r.fund, money(r.allocated_fen), money(r.disbursed_fen), money(r.remaining_fen),
                 str(r.flagged) if r.flagged else ""]
                for r in self.rows
            ],
        )  # fmt: skip
        total = [sum(getattr(r, k) for r in self.rows) for k in ("allocated_fen", "disbursed_fen", "remaining_fen")]
        self.totals.setText(
            self.tr("Total: allocated %1, disbursed %2, remaining %3 yuan")
            .replace("%1", money(total[0]))
            .replace("%2", money(total[1]))
            .replace("%3", money(total[2]))
        )
        fill_table(
            self.flags_table,
            [self.tr("Household"), self.tr("Head"), self.tr("Fund"), self.tr("Amount (yuan)"), self.tr("Paid on"),
             self.tr("Reason")],
            [
                [f.number, f.head_name, f.fund, money(f.amount_fen), f.paid_on.isoformat() if f.paid_on else "",
                 f.reason if ui_lang() == "zh" else self.tr("outside the register and the monitoring list")]
                for f in self.flags
            ],
        )  # fmt: skip
        for button, action in (
            (self.fund_button, "assist.fund_add"),
            (self.allocate_button, "assist.allocate"),
            (self.pay_button, "assist.disburse"),
        ):
            refused = refusal(self.db, action)
            button.setEnabled(refused is None and (bool(village) or button is self.fund_button))
            button.setToolTip("" if refused is None else refused[0] if ui_lang() == "zh" else refused[1])

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(lambda _r: setattr(self, "current_dialog", None))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.refresh()
        self.changed.emit()

    def open_fund(self) -> QDialog:
        def submit(entry: FundInput) -> str:
            return add_fund(self.db, entry)

        return self._open(FundDialog(submit, year=self.year.value(), parent=self))

    def open_allocate(self) -> QDialog | None:
        village = self.village_id
        if not village:
            return None

        def submit(entry: AllocationInput) -> str:
            return allocate(self.db, entry)

        dialog = AllocateDialog(
            submit,
            village_id=village,
            funds=fund_list(self.db),
            projects=project_list(self.db),
            year=self.year.value(),
            parent=self,
        )
        return self._open(dialog)

    def open_pay(self) -> QDialog | None:
        if not self.village_id:
            return None

        def submit(entry: DisbursementInput) -> str:
            return disburse(self.db, entry)

        return self._open(PayDialog(submit, funds=fund_list(self.db), today=self.today, parent=self))
