"""What the batches tab shows: the village's batches and the households on the selected one.

Codes (batch kinds, results) are shown through ``code_label`` only, so that the shared label lookup can replace
it in one place. Every cell elides and carries its full text as a tooltip, and the columns start at widths that
fit a batch number, a date range and a Chinese name on a 1366×768 laptop; the user may widen any of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
OPEN_COLOUR = QColor("#8a5a00")


def ui_lang() -> str:
    from desktop_app.ui.procedure_forms import ui_language

    return "en" if ui_language() == "en" else "zh"


def code_label(codelist: str, code: str, lang: str | None = None) -> str:
    """The label of a code the batches tab shows (``codelist``: "batch_kind", "batch_result", …), through the
    shared lookup (desktop_app.domain.labels); an unknown code is shown as it is, so a county's value stays visible.
    """
    from desktop_app.domain.labels import label

    return label(codelist, code or None, lang or ui_lang())


def _widths(metrics: QFontMetrics, samples: Sequence[str]) -> list[int]:
    return [metrics.horizontalAdvance(text) + 18 for text in samples]


class BatchTableModel(QAbstractTableModel):
    COL_NUMBER, COL_KIND, COL_PERIOD, COL_HOUSEHOLDS, COL_STATUS, COL_WAITING = range(6)
    BatchIdRole = Qt.ItemDataRole.UserRole + 1
    # text as wide as each column usually needs (the last one stretches)
    SAMPLES = ("532999001001-GS1-2024-001", "乡镇公示乡", "2024-03-01 – 2024-03-08", "户数户", "进行中进", "")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
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


def setup_batch_table(table: QTableView) -> None:
    """Resizable columns at widths that fit their usual content; the last column takes the rest."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)  # more batches on screen
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(_widths(table.fontMetrics(), BatchTableModel.SAMPLES[:-1])):
        table.setColumnWidth(column, width)


class BatchMembersTable(QTableWidget):
    """The households on the selected batch: head, group, votes, result (through the labels), reason."""

    COL_HOUSEHOLD, COL_GROUP, COL_VOTES, COL_RESULT, COL_REASON = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Household"),
                self.tr("Group"),
                self.tr("For/against/abstain"),
                self.tr("Result"),
                self.tr("Reason"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        samples = ("欧阳秀英（5329990010010001）", "第10村民小组", "赞成/反对/弃权票", "漏评补录补")
        for column, width in enumerate(_widths(self.fontMetrics(), samples)):
            self.setColumnWidth(column, width)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            votes = "/".join(str(v) for v in row["votes"]) if row["votes"] else ""
            cells = [
                f"{row['head_name']}（{row['number']}）",
                str(row.get("group") or ""),
                votes,
                code_label("batch_result", str(row["result"] or "")),
                str(row["reason"] or ""),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(r, c, item)


__all__ = ["BatchMembersTable", "BatchTableModel", "code_label", "setup_batch_table"]
