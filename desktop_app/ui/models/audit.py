"""The audit screen's table: one entry per row, newest first, codes shown through their labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop_app.services.audit import EntryView

Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Entries as the screen shows them: time, user, role, action, household, what changed, device."""

    COL_TIME, COL_USER, COL_ROLE, COL_ACTION, COL_HOUSEHOLD, COL_WHAT, COL_DEVICE = range(7)
    EntryIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[EntryView] = []

    def set_rows(self, rows: list[EntryView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("User"),
            self.tr("Role"),
            self.tr("Action"),
            self.tr("Household"),
            self.tr("What changed"),
            self.tr("Device"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == self.EntryIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.details or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        cells = (
            row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            row.user_name,
            row.role_label,
            row.action_label,
            row.household_number,
            row.what,
            f"{row.device_id} #{row.seq}",
        )
        return cells[index.column()]
