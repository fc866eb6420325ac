"""The monitoring tab's batches: one evaluation meeting or one village notice for several monitored households.

Each household still takes its own step through the engine; one refused household keeps the form open with
its name and reason, and nothing of the batch is written (``services.monitoring`` batches).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.catalog import label
from desktop_app.services import Database
from desktop_app.services.monitoring import (
    MonitorBatch,
    close_monitor_notice,
    hold_monitor_evaluation,
    monitor_batches,
    monitor_rules,
    ready_for_batch,
    start_monitor_notice,
)
from desktop_app.services.procedure import form
from desktop_app.ui.i18n import current_language
from desktop_app.ui.procedure_forms import StepFormDialog


def _en() -> bool:
    return current_language() == "en"


class MonitorBatchesPanel(QWidget):
    """The village's monitoring batches and the buttons that make or close one."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date]) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.village_id: str | None = None
        self.rows: list[MonitorBatch] = []
        self.current_dialog: StepFormDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Monitoring batches")), 1)
        self.new_button = QToolButton()
        self.new_button.setText(self.tr("New batch"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.new_button)
        self.new_actions: dict[str, QAction] = {}
        for kind, text in (
            ("monitor_evaluation", self.tr("Evaluation meeting…")),
            ("monitor_notice", self.tr("Village notice…")),
            ("removal_evaluation", self.tr("Risk removal evaluation…")),
            ("removal_notice", self.tr("Risk removal notice…")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, k=kind: self.new_batch(k))
            self.new_actions[kind] = action
        self.new_button.setMenu(menu)
        self.close_button = QPushButton(self.tr("Close notice"))
        self.close_button.clicked.connect(lambda _c=False: self.close_notice())
        top.addWidget(self.new_button)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("Kind"), self.tr("Dates"), self.tr("Households"), self.tr("Waiting for")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def set_village(self, village_id: str | None) -> None:
        self.village_id = village_id
        self.reload()

    def reload(self) -> None:
        keep = self.selected()
        self.rows = monitor_batches(self._db, self.village_id, today=self._today()) if self.village_id else []
        self.table.setRowCount(len(self.rows))
        for r, b in enumerate(self.rows):
            period = f"{b.start} – {b.end}" if b.end else str(b.start or "")
            names = "、".join(
                f"{m.head_name}（{label('monitor_stage', m.stage, 'en' if _en() else 'zh')}）" for m in b.members
            )
            cells = (
                b.number,
                b.kind_en if _en() else b.kind_zh,
                period,
                names,
                b.waiting_en if _en() else b.waiting_zh,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
            if keep is not None and b.id == keep.id:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> MonitorBatch | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        has_village = self.village_id is not None
        self.new_button.setEnabled(has_village)
        b = self.selected()
        self.close_button.setEnabled(b is not None and b.status == "open" and b.end is not None)

    # --- forms --------------------------------------------------------------------------------------

    def _open(
        self, form_id: str, submit: Callable[[dict[str, Any]], Any], choices: dict[str, Any], defaults: dict[str, Any]
    ) -> StepFormDialog:
        dialog = StepFormDialog(
            form(form_id), today=self._today(), submit=submit, choices=choices, defaults=defaults, parent=self
        )
        dialog.accepted.connect(lambda: self._done(dialog))
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def _ready(self, kind: str) -> list[tuple[str, str]] | None:
        assert self.village_id is not None
        ready = ready_for_batch(self._db, self.village_id, kind)
        if not ready:
            self.message.setText(self.tr("No monitored household of this village is at that step now."))
            return None
        return ready

    def new_batch(self, kind: str) -> StepFormDialog | None:
        """A meeting (votes per household) or a notice (its period) for the households at the batch's step."""
        ready = self._ready(kind) if self.village_id else None
        if ready is None or self.village_id is None:
            return None
        village_id, today, db = self.village_id, self._today(), self._db
        if kind.endswith("evaluation"):

            def evaluate(values: dict[str, Any]) -> str:
                chosen = set(values.get("households") or [])
                votes = {hid: v for hid, v in dict(values.get("votes") or {}).items() if hid in chosen}
                meeting = {k: values[k] for k in ("date", "place", "chair", "present", "expected")}
                return hold_monitor_evaluation(db, village_id, meeting, votes, today=today, kind=kind)

            everyone = {"households": [hid for hid, _ in ready]}
            return self._open("monitor_batch_evaluation", evaluate, {"households": ready, "votes": ready}, everyone)

        def notice(values: dict[str, Any]) -> str:
            ids = list(values.get("households") or [])
            return start_monitor_notice(
                db, village_id, ids, start=values["start"], end=values["end"], today=today, kind=kind
            )

        end = today + timedelta(days=monitor_rules(db).notice_min_days)
        return self._open(
            "monitor_batch_notice", notice, {"households": ready}, {"households": [h for h, _ in ready], "end": end}
        )

    def close_notice(self) -> StepFormDialog | None:
        b = self.selected()
        if b is None or b.status != "open":
            return None
        today, batch_id = self._today(), b.id

        def submit(values: dict[str, Any]) -> int:
            return close_monitor_notice(self._db, batch_id, on_date=values["on_date"], today=today)

        return self._open("announcement_end", submit, {}, {})

    def _done(self, dialog: StepFormDialog) -> None:
        self.current_dialog = None
        result = dialog.result_value
        if isinstance(result, int):
            self.message.setText(self.tr("Notice closed: %1 household(s) move on.").replace("%1", str(result)))
        else:
            self.message.setText(self.tr("Saved."))
        self.reload()
        self.changed.emit()


__all__ = ["MonitorBatchesPanel"]
