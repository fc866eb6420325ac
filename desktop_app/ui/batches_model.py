"""What the batches tab shows: the village's batches (model: ``ui.models.batches``) and the households on one.

Codes (batch kinds, results) are shown through ``code_label`` only (the shared label lookup). Every cell elides
and carries its full text as a tooltip, and the columns start at widths that fit a batch number, a date range and
a Chinese name on a 1366×768 laptop; the user may widen any of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.ui.models.batches import BatchTableModel, code_label


def _widths(metrics: QFontMetrics, samples: Sequence[str]) -> list[int]:
    return [metrics.horizontalAdvance(text) + 18 for text in samples]


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


__all__ = ["BatchMembersTable", "setup_batch_table"]
