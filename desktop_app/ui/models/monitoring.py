"""The monitoring tab's list of a village's cases (rows are the engine's ``CaseRow`` plain data), as a Qt model.

Codes (category, stage, risks) are shown through ``catalog.label`` only. An overdue case is coloured *and*
says so in words ("已超期 3 天"); a warned case (few days left) has its own colour and "剩 2 天". Filtering
(stage, category, overdue only, text) is done here on the rows the engine gave, so typing never re-reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.catalog import label
from desktop_app.services.monitoring import CaseRow
from desktop_app.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = QColor("#b00020")
WARN_COLOUR = QColor("#8a5a00")
OVERDUE_BACKGROUND = QColor("#fde7e9")
WARN_BACKGROUND = QColor("#fff4d6")


CaseLike = CaseRow  # what the list reads of a case: the engine's plain row


def ui_lang() -> str:
    return "en" if current_language() == "en" else "zh"


@dataclass(frozen=True)
class CaseFilter:
    """What the filter bar asks for; empty fields do not filter."""

    stage: str = ""
    category: str = ""
    overdue_only: bool = False
    text: str = ""

    def keeps(self, row: CaseLike) -> bool:
        if self.stage and row.stage != self.stage:
            return False
        if self.category and (row.category or "") != self.category:
            return False
        if self.overdue_only and not row.overdue:
            return False
        needle = self.text.strip().lower()
        return not needle or needle in row.head_name.lower() or needle in row.household_number.lower()


def days_text(row: CaseLike, lang: str) -> str:
    """ "已超期 3 天" / "剩 2 天" / "" (included or ended cases): the marker that does not rely on colour."""
    if row.days_left is None:
        return ""
    if row.overdue:
        late = -row.days_left
        return f"overdue {late} day(s)" if lang == "en" else f"已超期 {late} 天"
    return f"{row.days_left} day(s) left" if lang == "en" else f"剩 {row.days_left} 天"


class MonitoringCaseModel(QAbstractTableModel):
    COLS = ("head", "number", "category", "stage", "found", "deadline", "days_left", "contact", "risks")
    (
        COL_HEAD,
        COL_NUMBER,
        COL_CATEGORY,
        COL_STAGE,
        COL_FOUND,
        COL_DEADLINE,
        COL_DAYS,
        COL_CONTACT,
        COL_RISKS,
    ) = range(9)
    CaseIdRole = Qt.ItemDataRole.UserRole + 1
    # text as wide as each column usually needs (the last one stretches)
    SAMPLES = ("欧阳秀英", "5329990010010001", "突发严重困难户", "消除风险公示中", "2026-03-01", "2026-03-16")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[CaseLike] = []
        self.rows: list[CaseLike] = []
        self.filter = CaseFilter()
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)  # -1: the engine's order

    def set_rows(self, rows: Sequence[CaseLike]) -> None:
        self.all_rows = list(rows)
        self._apply()

    def set_filter(self, case_filter: CaseFilter) -> None:
        self.filter = case_filter
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self.rows = [r for r in self.all_rows if self.filter.keeps(r)]
        self._order()
        self.endResetModel()

    def _key(self, row: CaseLike) -> tuple[Any, ...]:
        """What a column sorts by: days left as a number (most overdue first), dates and texts as they read."""
        column = self._sort[0]
        if column == self.COL_DAYS:
            return (row.days_left is None, row.days_left or 0)
        return (self.cell(row, column),)

    def _order(self) -> None:
        column, order = self._sort
        if column >= 0:
            self.rows.sort(key=self._key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the shown rows by a column (the header's click); selections follow their rows."""
        self.layoutAboutToBeChanged.emit()
        before = list(self.rows)
        self._sort = (column, order)
        self._order()
        where = {id(r): i for i, r in enumerate(self.rows)}
        for old in self.persistentIndexList():
            moved = where[id(before[old.row()])] if 0 <= old.row() < len(before) else -1
            self.changePersistentIndex(old, self.index(moved, old.column()) if moved >= 0 else QModelIndex())
        self.layoutChanged.emit()

    def row_of(self, case_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.case_id == case_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLS)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLS):
            return None
        return (
            self.tr("Head"),
            self.tr("Household no."),
            self.tr("Category"),
            self.tr("Step"),
            self.tr("Found"),
            self.tr("Deadline"),
            self.tr("Days left"),
            self.tr("Contact"),
            self.tr("Risks"),
        )[section]

    def text(self, row: int, col: int) -> str:
        return self.cell(self.rows[row], col)

    def cell(self, r: CaseLike, col: int) -> str:
        """The text of column ``col`` for case ``r``, as the list shows it (labels in the UI's language)."""
        lang = ui_lang()
        values = (
            r.head_name,
            r.household_number,
            label("monitor_category", r.category, lang),
            label("monitor_stage", r.stage, lang),
            r.found.isoformat(),
            r.deadline.isoformat() if r.deadline else "",
            days_text(r, lang),
            r.contact_name,
            "、".join(label("monitor_risk", code, lang) for code in r.risks),
        )
        return values[col]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == self.CaseIdRole:
            return r.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ForegroundRole and (r.overdue or r.warn):
            return QBrush(OVERDUE_COLOUR if r.overdue else WARN_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and (r.overdue or r.warn):
            return QBrush(OVERDUE_BACKGROUND if r.overdue else WARN_BACKGROUND)
        return None


__all__ = ["CaseFilter", "CaseLike", "MonitoringCaseModel", "days_text"]
