"""防返贫监测: the village's households at risk, and re-entering one into the procedure.

The list (income below the marginal factor × the line, or a large medical or disaster expense; thresholds
are the county's rules) is computed as a background job; "Return to poverty / apply again" opens the
step's form for the chosen household.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import labels
from desktop_app.services import Database
from desktop_app.services.procedure import MonitorRow, form, monitoring, re_enter_procedure
from desktop_app.ui.jobs import Job, JobContext, run_job
from desktop_app.ui.procedure_forms import StepFormDialog


class MonitoringDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        db: Database,
        village_id: str,
        *,
        today: date | Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.village_id = village_id
        self._today = today
        self.rows: list[MonitorRow] = []
        self.current_dialog: StepFormDialog | None = None
        self.job: Job[list[MonitorRow]] | None = None
        self.setWindowTitle(self.tr("Households to monitor"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Loading…"))
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Household"), self.tr("Stage"), self.tr("Why"), self.tr("May re-enter")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.re_enter_button = QPushButton(self.tr("Return to poverty / apply again…"))
        self.re_enter_button.clicked.connect(self.re_enter)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(self.re_enter_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._update)
        self.reload()

    def today(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    def reload(self) -> None:
        db, village_id, today = self._db, self.village_id, self.today()

        def load(_ctx: JobContext) -> list[MonitorRow]:
            return monitoring(db, village_id=village_id, today=today)

        self.job = run_job(self, load, title=self.tr("Households to monitor"), on_done=self._show)

    def _show(self, rows: list[MonitorRow]) -> None:
        self.rows = rows
        self.summary.setText(self.tr("%n household(s) to monitor", "", len(rows)))
        self.table.setRowCount(len(rows))
        for r, m in enumerate(rows):
            stage = labels.label("stage", m.stage)
            cells = [f"{m.head_name}（{m.number}）", stage, "；".join(m.reasons_zh), "✓" if m.can_re_enter else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.household_id)
                self.table.setItem(r, c, item)
        self._update()

    def _selected(self) -> MonitorRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _update(self) -> None:
        m = self._selected()
        self.re_enter_button.setEnabled(m is not None and m.can_re_enter)

    def select(self, household_id: str) -> None:
        for r, m in enumerate(self.rows):
            if m.household_id == household_id:
                self.table.selectRow(r)
                return

    def re_enter(self) -> StepFormDialog | None:
        m = self._selected()
        if m is None:
            return None
        today, household_id = self.today(), m.household_id

        def submit(values: dict[str, Any]) -> str:
            re_enter_procedure(self._db, household_id, reason=values["reason"], on_date=values["on_date"], today=today)
            return "已重新进入识别程序。"

        dialog = StepFormDialog(form("return_to_poverty"), today=today, submit=submit, parent=self)
        dialog.accepted.connect(self._done)
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _done(self) -> None:
        self.current_dialog = None
        self.changed.emit()
        self.reload()
