"""The monitoring lines (监测范围) as a Qt table model: region, year, amount, method, document, who entered it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain.money import format_yuan
from desktop_app.services.monitoring import LineListRow

_Index = QModelIndex | QPersistentModelIndex
COL_REGION, COL_YEAR, COL_AMOUNT, COL_METHOD, COL_DOCUMENT, COL_ENTERED_BY = range(6)
HEADERS = ("Region", "Year", "Amount (yuan per person and year)", "Method", "Document", "Entered by")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the LineListRow of a row


def _tr(text: str) -> str:
    return QCoreApplication.translate("LinesModel", text)


class LinesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[LineListRow] = []

    def set_rows(self, rows: list[LineListRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _tr(HEADERS[section]) if 0 <= section < len(HEADERS) else None

    def method_text(self, row: LineListRow) -> str:
        line = row.line
        if line.method != "multiple":
            return _tr("Fixed")
        base = format_yuan(line.base_amount_fen) if line.base_amount_fen is not None else "—"
        return f"{line.factor} × {line.base_name} {base}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COL_YEAR, COL_AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            row.region_name,
            str(row.line.year),
            format_yuan(row.line.amount_fen),
            self.method_text(row),
            row.line.document,
            row.line.entered_by,
        )
        return values[index.column()]
