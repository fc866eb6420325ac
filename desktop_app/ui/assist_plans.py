"""One household, one policy on the card's 帮扶台账 tab (CardPlanSection): the year's help plan (causes and risks,
planned measures, targets), the measures delivered with 添加/修改/删除/拨付 in forms, and the household's
payments.

The old card table of 2014–2020 measure types stays on the card's own 帮扶措施 tab; this section shows the
national categories only (docs/assistance-funds.md). Dialogs open without blocking (``current_dialog``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.services.assistance import (
    DeliveryInput,
    DeliveryRow,
    DisbursementInput,
    DisbursementRow,
    PlanInput,
    PlanView,
    deliver_measure,
    disburse,
    fund_list,
    household_deliveries,
    household_disbursements,
    household_plan,
    project_list,
    remove_delivery,
    save_plan,
    update_delivery,
)
from desktop_app.services.permissions import refusal
from desktop_app.ui.assist_base import CardSection, VillagePage
from desktop_app.ui.assist_funds_dialogs import DeliveryDialog, PayDialog
from desktop_app.ui.assist_funds_plan import PlanDialog
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.help_measures_panel import rows_table

__all__ = ["CardPlanSection", "CardSection", "VillagePage", "fill_table", "money"]


ACTIONS = "assist.plan_save assist.measure_deliver assist.measure_update assist.measure_remove assist.disburse".split()


def money(fen: int) -> str:
    return format_yuan(fen)


def fill_table(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A read-only table of text rows (one row chosen at a time)."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


class CardPlanSection(CardSection):
    """The household's plan of the chosen year, its measures delivered and its payments."""

    def __init__(
        self, db: Database, household_id: str, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(db, household_id, parent)
        self.today = today or date.today()
        self.plan: PlanView | None = None
        self.deliveries: list[DeliveryRow] = []
        self.payments: list[DisbursementRow] = []
        self.current_dialog: QDialog | None = None
        self.current_message: QMessageBox | None = None
        self._refusals: dict[str, tuple[str, str] | None] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(self.today.year)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        top.addWidget(self.year)
        top.addStretch(1)
        layout.addLayout(top)

        plan_box = QGroupBox(self.tr("Help plan"))
        plan_layout = QVBoxLayout(plan_box)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_items = QTableWidget()
        rows_table(self.plan_items)
        self.plan_button = QPushButton(self.tr("Edit plan…"))
        self.plan_button.clicked.connect(lambda: self.open_plan())
        plan_layout.addWidget(self.plan_label)
        plan_layout.addWidget(self.plan_items)
        plan_layout.addWidget(self.plan_button)
        layout.addWidget(plan_box)

        measures_box = QGroupBox(self.tr("Measures delivered"))
        measures_layout = QVBoxLayout(measures_box)
        self.table = QTableWidget()
        rows_table(self.table)
        self.table.itemSelectionChanged.connect(self._enable)
        measures_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.pay_button = QPushButton(self.tr("Pay…"))
        for button, slot in (
            (self.add_button, self.open_add),
            (self.edit_button, self.open_edit),
            (self.remove_button, self.ask_remove),
            (self.pay_button, self.open_pay),
        ):
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        measures_layout.addLayout(buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_button.click())
        layout.addWidget(measures_box, 1)

        paid_box = QGroupBox(self.tr("Payments received"))
        paid_layout = QVBoxLayout(paid_box)
        self.paid_table = QTableWidget()
        rows_table(self.paid_table)
        paid_layout.addWidget(self.paid_table)
        layout.addWidget(paid_box)

    # --- reading ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        year = self.year.value()
        self.plan = household_plan(self.db, self.household_id, year)
        self.deliveries = household_deliveries(self.db, self.household_id, year)
        self.payments = household_disbursements(self.db, self.household_id)
        self._refusals = {action: refusal(self.db, action) for action in ACTIONS}
        self._show_plan()
        fill_table(
            self.table,
            [self.tr("Category"), self.tr("Measures"), self.tr("Content"), self.tr("Amount (yuan)"),
             self.tr("Fund"), self.tr("Status"), self.tr("Photos"), self.tr("Paid (yuan)")],
            [
                [d.category_label, d.values_label, d.content, money(d.amount_fen), d.fund, d.status_label,
                 str(d.evidence_count), money(d.disbursed_fen)]
                for d in self.deliveries
            ],
        )  # fmt: skip
        fill_table(
            self.paid_table,
            [self.tr("Paid on"), self.tr("Fund"), self.tr("Measure"), self.tr("Amount (yuan)"), self.tr("Photos")],
            [[_day(p.paid_on), p.fund, p.measure, money(p.amount_fen), str(p.evidence_count)] for p in self.payments],
        )
        self._enable()

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            self.plan_label.setText(self.tr("No help plan for %1 yet.").replace("%1", str(self.year.value())))
            fill_table(self.plan_items, [], [])
            return
        sep = "、" if ui_lang() == "zh" else ", "
        target = "—" if plan.income_target_fen is None else money(plan.income_target_fen)
        self.plan_label.setText(
            self.tr("Causes: %1; risks: %2; income target per person: %3 yuan; targets: %4; planned: %5 yuan")
            .replace("%1", sep.join(plan.cause_labels) or "—")
            .replace("%2", sep.join(plan.risk_labels) or "—")
            .replace("%3", target)
            .replace("%4", plan.targets or "—")
            .replace("%5", money(plan.planned_fen))
        )
        fill_table(
            self.plan_items,
            [self.tr("Category"), self.tr("Measures"), self.tr("Content"), self.tr("Amount (yuan)"), self.tr("Target")],
            [
                [i.category_label, sep.join(i.value_labels), i.content, money(i.amount_fen), i.target]
                for i in plan.items
            ],
        )

    def selected(self) -> DeliveryRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.deliveries[rows[0].row()] if rows else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button, action, needs_row in (
            (self.plan_button, "assist.plan_save", False),
            (self.add_button, "assist.measure_deliver", False),
            (self.edit_button, "assist.measure_update", True),
            (self.remove_button, "assist.measure_remove", True),
            (self.pay_button, "assist.disburse", True),
        ):
            refused = self._refusals.get(action)
            button.setEnabled(refused is None and (chosen or not needs_row))
            button.setToolTip("" if refused is None else refused[0] if ui_lang() == "zh" else refused[1])

    # --- writing ------------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(lambda _r: setattr(self, "current_dialog", None))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.refresh()
        self.changed.emit()

    def open_plan(self) -> QDialog:
        year = self.year.value()

        def submit(plan: PlanInput) -> str:
            return save_plan(self.db, self.household_id, year, plan)

        return self._open(PlanDialog(submit, year=year, today=self.today, plan=self.plan, parent=self))

    def _delivery_dialog(self, delivery: DeliveryRow | None) -> DeliveryDialog:
        def submit(entry: DeliveryInput) -> str | None:
            if delivery is None:
                return deliver_measure(self.db, self.household_id, entry)
            update_delivery(self.db, delivery.id, entry)
            return delivery.id

        return DeliveryDialog(
            submit,
            year=self.year.value(),
            funds=fund_list(self.db),
            projects=project_list(self.db),
            delivery=delivery,
            parent=self,
        )

    def open_add(self) -> QDialog:
        return self._open(self._delivery_dialog(None))

    def open_edit(self) -> QDialog | None:
        chosen = self.selected()
        return None if chosen is None else self._open(self._delivery_dialog(chosen))

    def open_pay(self) -> QDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        left = max(chosen.amount_fen - chosen.disbursed_fen, 0)

        def submit(entry: DisbursementInput) -> str:
            return disburse(self.db, entry)

        dialog = PayDialog(
            submit,
            funds=fund_list(self.db),
            today=self.today,
            household=chosen.number,
            measure_id=chosen.id,
            fund_id=chosen.fund_id,
            amount_fen=left,
            parent=self,
        )
        return self._open(dialog)

    def _box(self, icon: QMessageBox.Icon, text: str, buttons: QMessageBox.StandardButton) -> QMessageBox:
        box = QMessageBox(icon, self.tr("Measures delivered"), text, buttons, self)
        box.finished.connect(lambda _r: self._closed(box))
        self.current_message = box
        box.open()
        return box

    def _closed(self, box: QMessageBox) -> None:
        if self.current_message is box:
            self.current_message = None

    def ask_remove(self) -> QMessageBox | None:
        chosen = self.selected()
        if chosen is None:
            return None
        question = self.tr("Remove this measure delivered?\n%1").replace(
            "%1", f"{chosen.year} {chosen.category_label}：{chosen.values_label}"
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = self._box(QMessageBox.Icon.Question, question, buttons)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.remove(chosen.id) if button is yes else None)
        return box

    def remove(self, measure_id: str) -> None:
        try:
            remove_delivery(self.db, measure_id)
        except DomainError as exc:
            self._box(QMessageBox.Icon.Warning, exc.message(ui_lang()), QMessageBox.StandardButton.Ok)
            self.refresh()
            return
        self._saved()
