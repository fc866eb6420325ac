"""The batches tab's list of a village's batches, as a Qt model (rows are ``BatchSummary`` plain data).

Codes (batch kinds, results) are shown through :func:`code_label` only: the one label table of
``desktop_app.domain.labels``. Every cell carries its full text as a tooltip (the view elides).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.labels import label
from desktop_app.services.procedure import BatchSummary
from desktop_app.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex
OPEN_COLOUR = QColor("#8a5a00")


def ui_lang() -> str:
    return "en" if current_language() == "en" else "zh"


def code_label(codelist: str, code: str, lang: str | None = None) -> str:
    """The label of a code the batches tab shows (``codelist``: "batch_kind", "batch_result", …), through the
    shared lookup (desktop_app.domain.labels); an unknown code is shown as it is, so a county's value stays visible.
    """
    return label(codelist, code or None, lang or ui_lang())


class BatchTableModel(QAbstractTableModel):
    COL_NUMBER, COL_KIND, COL_PERIOD, COL_HOUSEHOLDS, COL_STATUS, COL_WAITING = range(6)
    BatchIdRole = Qt.ItemDataRole.UserRole + 1
    # text as wide as each column usually needs (the last one stretches)
    SAMPLES = ("532999001001-GS1-2024-001", "乡镇公示乡", "2024-03-01 – 2024-03-08", "户数户", "进行中进", "")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BatchSummary] = []

    def set_rows(self, rows: list[BatchSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 6:
            return None
        return (
            self.tr("Number"),
            self.tr("Kind"),
            self.tr("Dates"),
            self.tr("Households"),
            self.tr("Status"),
            self.tr("Waiting for"),
        )[section]

    def text(self, row: int, col: int) -> str:
        b = self.rows[row]
        if col == self.COL_NUMBER:
            return str(b.number)
        if col == self.COL_KIND:
            return code_label("batch_kind", b.kind)
        if col == self.COL_PERIOD:
            return f"{b.start_date or ''} – {b.end_date or ''}" if b.end_date else str(b.start_date or "")
        if col == self.COL_HOUSEHOLDS:
            return str(b.households)
        if col == self.COL_STATUS:
            return self.tr("open") if b.status == "open" else self.tr("closed")
        return str(b.waiting_en if ui_lang() == "en" else b.waiting_zh)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        b = self.rows[index.row()]
        if role == self.BatchIdRole:
            return b.id
        if role == Qt.ItemDataRole.ForegroundRole and b.status == "open":
            return QBrush(OPEN_COLOUR)
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.text(index.row(), index.column())
            return b.households if index.column() == self.COL_HOUSEHOLDS else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text(index.row(), index.column())
        return None


__all__ = ["BatchTableModel", "code_label", "ui_lang"]
