"""The open merge conflicts as a table: one per row, with the decision the person has marked (not yet saved)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop_app.services.merge import ConflictView

Index = QModelIndex | QPersistentModelIndex


class ConflictTableModel(QAbstractTableModel):
    """Open conflicts, one per row, with the decision the person has marked (not yet saved)."""

    COL_HOUSEHOLD, COL_RECORD, COL_FIELD, COL_MINE, COL_THEIRS, COL_BASE, COL_SOURCE, COL_DECISION = range(8)
    ConflictIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictView] = []
        self.decisions: dict[str, tuple[str, Any, str]] = {}  # conflict id -> (keep, value, shown)

    def set_rows(self, rows: list[ConflictView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.decisions = {k: v for k, v in self.decisions.items() if any(r.id == k for r in rows)}
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            self.tr("Household"),
            self.tr("Record"),
            self.tr("Field"),
            self.tr("This database"),
            self.tr("Other value"),
            self.tr("Original value"),
            self.tr("From"),
            self.tr("Decision"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == self.ConflictIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_THEIRS and len(row.candidates) > 2:
            return "\n".join(f"{c.shown} ({c.sources})" for c in row.candidates)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == self.COL_HOUSEHOLD:
            return f"{row.household_number} {row.head_name}".strip()
        if col == self.COL_DECISION:
            decision = self.decisions.get(row.id)
            return self._decision_text(decision) if decision else ""
        return {
            self.COL_RECORD: row.record_label,
            self.COL_FIELD: row.field_label,
            self.COL_MINE: row.local_shown,
            self.COL_THEIRS: row.incoming_shown + (" …" if len(row.candidates) > 2 else ""),
            self.COL_BASE: row.base_shown,
            self.COL_SOURCE: row.source,
        }.get(col)

    def _decision_text(self, decision: tuple[str, Any, str]) -> str:
        keep, _value, shown = decision
        if keep == "mine":
            return self.tr("Keep this database's value")
        if keep == "theirs":
            return self.tr("Take the other value")
        return self.tr("Change to: %1").replace("%1", shown)

    def decide(self, row: int, keep: str, value: Any = None, shown: str = "") -> None:
        self.decisions[self.rows[row].id] = (keep, value, shown)
        cell = self.index(row, self.COL_DECISION)
        self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])
