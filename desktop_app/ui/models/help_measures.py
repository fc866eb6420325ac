"""A household's help measures while monitored (帮扶措施) as a Qt table model over ``HelpRow`` rows.

Codes are shown through their code-list labels in the UI language (``help_category`` and the category's own
list ``help_<category>``); amounts in yuan; dates as YYYY-MM-DD; whether the measure counts as development.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.catalog import label
from desktop_app.domain.money import format_yuan
from desktop_app.services.monitoring import HelpRow
from desktop_app.ui.card_widgets import ui_lang

_Index = QModelIndex | QPersistentModelIndex
COLUMNS: tuple[str, ...] = ("year", "category", "values", "start", "end", "amount", "note", "development")
_HEADERS = {
    "year": "Year",
    "category": "Category",
    "values": "Measures",
    "start": "Start",
    "end": "End",
    "amount": "Amount (yuan)",
    "note": "Note",
    "development": "Development",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpMeasuresModel", text)


def header_text(column: str) -> str:
    """A column's title in the UI language (the measure dialog labels its fields the same way)."""
    return _tr(_HEADERS[column])


def values_text(category: str, values: Sequence[str], lang: str) -> str:
    """The chosen values of a category by their labels: 技能培训、劳务输出."""
    return ("、" if lang == "zh" else ", ").join(label(f"help_{category}", v, lang) for v in values)


class HelpMeasuresModel(QAbstractTableModel):
    """One row per help measure, oldest year first (the order ``help_measures`` returns)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HelpRow] = []

    def set_rows(self, rows: Sequence[HelpRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return header_text(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def measure(self, row: int) -> HelpRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def text(self, row: HelpRow, column: str) -> str:
        lang = ui_lang()
        if column == "year":
            return str(row.year)
        if column == "category":
            return label("help_category", row.category, lang)
        if column == "values":
            return values_text(row.category, row.values, lang)
        if column == "start":
            return row.started_on.isoformat() if row.started_on else ""
        if column == "end":
            return row.ended_on.isoformat() if row.ended_on else ""
        if column == "amount":
            return format_yuan(row.amount_fen) if row.amount_fen else ""
        if column == "note":
            return row.note
        return label("yes_no", "1" if row.development else "0", lang)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(COLUMNS):
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("year", "amount"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


__all__ = ["COLUMNS", "HelpMeasuresModel", "header_text", "values_text"]
