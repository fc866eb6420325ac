"""Deciding merge conflicts: every open conflict with this database's value, the other value and the original.

The person marks a decision per conflict (keep this database's value, take the other one, or type a new
value); "Apply" writes all decisions in one transaction, so either every decision is saved or none.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services.merge import conflicts_of, decide_conflicts
from desktop_app.ui.i18n import current_language
from desktop_app.ui.models.conflicts import ConflictTableModel


def _lang() -> str:
    return "en" if current_language() == "en" else "zh"


class ConflictsDialog(QDialog):
    """Lists open conflicts (optionally of one household) and applies the person's decisions."""

    def __init__(self, db: Database, *, household_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.household_id = household_id
        self.changed = False
        self.setWindowTitle(self.tr("Merge conflicts"))
        self.resize(980, 460)
        self.summary = QLabel(self)
        self.model = ConflictTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.keep_mine = QPushButton(self.tr("Keep this database's value"), self)
        self.keep_theirs = QPushButton(self.tr("Take the other value"), self)
        self.value = QComboBox(self)
        self.value.setEditable(True)
        self.value.setMinimumWidth(220)
        self.use_value = QPushButton(self.tr("Use this value"), self)
        self.apply_button = QPushButton(self.tr("Apply decisions"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.keep_mine.clicked.connect(lambda: self._decide("mine"))
        self.keep_theirs.clicked.connect(lambda: self._decide("theirs"))
        self.use_value.clicked.connect(lambda: self._decide("value"))
        self.apply_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        decide_row = QHBoxLayout()
        decide_row.addWidget(self.keep_mine)
        decide_row.addWidget(self.keep_theirs)
        decide_row.addSpacing(12)
        decide_row.addWidget(self.value, 1)
        decide_row.addWidget(self.use_value)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide_row)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        # nothing open for this household: the others are shown
        rows = conflicts_of(self.db, household_id=self.household_id, lang=_lang(), mask=False, others_when_none=True)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.summary.setText(self.tr("%n open conflict(s): decide each one, then apply.", "", len(rows)))
            self.table.selectRow(0)
        else:
            self.summary.setText(self.tr("No open conflicts."))
        self._selection_changed()

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def _selection_changed(self, *_args: Any) -> None:
        rows = self.selected_rows()
        for button in (self.keep_mine, self.keep_theirs, self.use_value):
            button.setEnabled(bool(rows))
        self.value.setEnabled(len(rows) == 1)
        self.use_value.setEnabled(len(rows) == 1)
        self.apply_button.setEnabled(bool(self.model.decisions))
        self.value.clear()
        if len(rows) == 1:
            conflict = self.model.rows[rows[0]]
            for cand in conflict.candidates:
                self.value.addItem(cand.shown, cand.value)
            self.value.setCurrentText(conflict.local_shown)

    def _decide(self, keep: str) -> None:
        rows = self.selected_rows()
        if keep == "value":
            text = self.value.currentText()
            index = self.value.findText(text)
            value = self.value.itemData(index) if index >= 0 else text
            self.model.decide(rows[0], "value", value, text)
        else:
            for row in rows:
                self.model.decide(row, keep)
        self.apply_button.setEnabled(True)

    def apply(self) -> bool:
        """Save every marked decision in one transaction; on a bad value nothing is saved."""
        decisions = [(cid, keep, value) for cid, (keep, value, _shown) in self.model.decisions.items()]
        if not decisions:
            return False
        try:
            decide_conflicts(self.db, decisions)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Merge conflicts"), exc.message("en" if _lang() == "en" else "zh"))
            return False
        self.changed = True
        self.model.decisions.clear()
        self.reload()
        return True


def open_conflicts_dialog(parent: QWidget | None, db: Database, *, household_id: str | None = None) -> None:
    """Show the open conflicts (of one household, or all) and let a person decide them."""
    dialog = ConflictsDialog(db, household_id=household_id, parent=parent)
    dialog.exec()
