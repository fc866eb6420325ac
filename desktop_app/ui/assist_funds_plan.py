"""The form of a household's yearly help plan (一户一策): causes and risks as tick boxes, the planned measures as
rows (category, measures within it, content, amount, target), the per-capita income target and the targets.

Saving replaces the year's plan; a refusal keeps the form open with the Chinese reason and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.catalog import codelists
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services.assistance import PlanInput, PlanItem, PlanView
from desktop_app.ui.assist_funds_dialogs import FormDialog, choose, code_combo
from desktop_app.ui.card_widgets import ui_lang

COLUMNS = 5  # category, measures, content, amount, target


class CodeTicks(QGroupBox):
    """One tick box per code of a list, in three columns."""

    def __init__(self, title: str, list_id: str, ticked: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        grid = QGridLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for n, item in enumerate(codelists()[list_id]):
            box = QCheckBox(item.label(ui_lang()))
            box.setChecked(item.code in ticked)
            grid.addWidget(box, n // 3, n % 3)
            self.boxes[item.code] = box

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class PlanDialog(FormDialog):
    """The plan of ``year`` (``plan`` None: a new one); ``submit`` gets a ``PlanInput``."""

    def __init__(
        self,
        submit: Callable[[PlanInput], Any],
        *,
        year: int,
        today: date,
        plan: PlanView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Help plan %1").replace("%1", str(year)), submit, parent)
        self.causes = CodeTicks(self.tr("Causes"), "cause", plan.causes if plan else ())
        self.risks = CodeTicks(self.tr("Risks"), "monitor_risk", plan.risks if plan else ())
        self.form.addRow(self.causes)
        self.form.addRow(self.risks)
        self.items = QTableWidget(0, COLUMNS)
        self.items.setHorizontalHeaderLabels(
            [self.tr("Category"), self.tr("Measures"), self.tr("Content"), self.tr("Amount (yuan)"), self.tr("Target")]
        )
        self.items.horizontalHeader().setStretchLastSection(True)
        self.form.addRow(self.tr("Planned measures"), self.items)
        row_buttons = QHBoxLayout()
        self.add_item_button = QPushButton(self.tr("Add row"))
        self.remove_item_button = QPushButton(self.tr("Remove row"))
        self.add_item_button.clicked.connect(lambda: self.add_item())
        self.remove_item_button.clicked.connect(lambda: self.items.removeRow(self.items.currentRow()))
        row_buttons.addWidget(self.add_item_button)
        row_buttons.addWidget(self.remove_item_button)
        row_buttons.addStretch(1)
        self.form.addRow(row_buttons)
        for item in plan.items if plan else ():
            self.add_item(item.category, "、".join(item.value_labels), item.content, item.amount_fen, item.target)
        target = plan.income_target_fen if plan else None
        self.income_target = QLineEdit("" if target is None else format_yuan(target, grouping=False))
        self.income_target.setPlaceholderText("0.00")
        self.targets = QLineEdit(plan.targets if plan else "")
        self.made_by = QLineEdit(plan.made_by if plan else "")
        self.made_on = today if plan is None or plan.made_on is None else plan.made_on
        self.form.addRow(self.tr("Income target per person (yuan)"), self.income_target)
        self.form.addRow(self.tr("Targets"), self.targets)
        self.form.addRow(self.tr("Made by"), self.made_by)

    def add_item(
        self, category: str = "100A39", values: str = "", content: str = "", amount_fen: int = 0, target: str = ""
    ) -> int:
        row = self.items.rowCount()
        self.items.insertRow(row)
        box = code_combo("help_category")
        choose(box, category)
        self.items.setCellWidget(row, 0, box)
        amount = format_yuan(amount_fen, grouping=False) if amount_fen else ""
        for column, text in ((1, values), (2, content), (3, amount), (4, target)):
            self.items.setItem(row, column, QTableWidgetItem(text))
        return row

    def _text(self, row: int, column: int) -> str:
        cell = self.items.item(row, column)
        return cell.text().strip() if cell is not None else ""

    def entered(self) -> PlanInput:
        items = []
        for row in range(self.items.rowCount()):
            box = self.items.cellWidget(row, 0)
            assert isinstance(box, QComboBox)
            values = [v for v in self._text(row, 1).replace(",", "、").replace("，", "、").split("、") if v.strip()]
            amount = self._text(row, 3)
            items.append(
                PlanItem(
                    str(box.currentData()),
                    [v.strip() for v in values],
                    self._text(row, 2),
                    parse_yuan(amount) if amount else 0,
                    self._text(row, 4),
                )
            )
        target = self.income_target.text().strip()
        return PlanInput(
            causes=self.causes.codes(),
            risks=self.risks.codes(),
            items=items,
            income_target_fen=parse_yuan(target) if target else None,
            targets=self.targets.text(),
            made_on=self.made_on,
            made_by=self.made_by.text(),
        )


__all__ = ["CodeTicks", "PlanDialog"]
