"""The data-quality findings as a Qt table model: one row per finding (village, household, head, rule,
finding, field, what to fix), narrowed by village and rule. Rows are the service's ``QualityFinding``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.services.quality import QualityFinding
from desktop_app.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the QualityFinding of a row
COL_VILLAGE, COL_NUMBER, COL_HEAD, COL_RULE, COL_MESSAGE, COL_FIELD, COL_FIX = range(7)
HEADERS = ("Village", "Household number", "Head", "Rule", "Finding", "Field", "What to fix")


def _tr(text: str) -> str:
    return QCoreApplication.translate("QualityModels", text)


class QualityFindingModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all_rows: list[QualityFinding] = []
        self.rows: list[QualityFinding] = []
        self.village = ""
        self.rule = ""

    def set_rows(self, rows: list[QualityFinding]) -> None:
        self.all_rows = list(rows)
        self._apply()

    def set_filter(self, *, village: str | None = None, rule: str | None = None) -> None:
        """Show only one village's (by name) and one rule's findings ("" = all)."""
        if village is not None:
            self.village = village
        if rule is not None:
            self.rule = rule
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self.rows = [
            f
            for f in self.all_rows
            if (not self.village or f.village_name == self.village) and (not self.rule or f.rule_id == self.rule)
        ]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _tr(HEADERS[section]) if 0 <= section < len(HEADERS) else None

    def values(self, f: QualityFinding) -> tuple[str, ...]:
        en = current_language() == "en"
        message = f.message_en if en and f.message_en else f.message
        if f.exempted:
            message = f"{message} {_tr('(exempted)')}"
        fix = f.fix_en if en and f.fix_en else f.fix
        return (f.village_name, f.household_number, f.head_name, f.rule_id, message, f.field, fix)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.values(row)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.exempted:
            return QColor("gray")
        return None

    def finding_at(self, row: int) -> QualityFinding | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


__all__ = ["COL_FIX", "COL_MESSAGE", "HEADERS", "ROW_ROLE", "QualityFindingModel"]
