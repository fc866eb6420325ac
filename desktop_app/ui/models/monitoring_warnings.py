"""The early-warning lists as Qt table models: income warnings (收入预警) and the 八必访 checklist.

Rows are the service's frozen dataclasses (``IncomeWarning``, ``MustVisit``); reasons and kinds are shown as
labels, never codes. ``MustVisitModel.set_reason`` narrows the list to the households with one reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain.money import format_yuan
from desktop_app.services.monitoring import VISIT_REASONS, IncomeWarning, MustVisit
from desktop_app.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the dataclass of a row
INCOME_HEADERS = ("Head", "Household number", "Year", "Per-capita income (yuan)", "Line (yuan)", "Band", "Warning")
VISIT_HEADERS = ("Head", "Household number", "Reasons", "Monitored")


def _tr(text: str) -> str:
    return QCoreApplication.translate("WarningModels", text)


def _en() -> bool:
    return current_language() == "en"


def reason_label(code: str) -> str:
    zh, en = VISIT_REASONS[code]
    return en if _en() else zh


class _RowsModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()
    RIGHT: tuple[int, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _tr(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None

    def values(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.values(row)[index.column()]
        return None

    def household_at(self, row: int) -> str | None:
        return str(self.rows[row].household_id) if 0 <= row < len(self.rows) else None


class IncomeWarningModel(_RowsModel):
    """Households near or below their year's line, not monitored; ``factor`` is the county's band factor."""

    HEADERS = INCOME_HEADERS
    RIGHT = (2, 3, 4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.factor = Decimal("1.2")

    def set_rows(self, rows: list[IncomeWarning], factor: Decimal) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.factor = factor
        self.endResetModel()

    def kind_text(self, kind: str) -> str:
        return _tr("Below the line") if kind == "below" else _tr("Near the line")

    def values(self, row: IncomeWarning) -> tuple[str, ...]:
        top = int(Decimal(row.line_fen) * self.factor)
        return (
            row.head_name,
            row.household_number,
            str(row.income_year),
            format_yuan(row.per_capita_fen),
            format_yuan(row.line_fen),
            f"{format_yuan(row.line_fen)} – {format_yuan(top)}",
            self.kind_text(row.kind),
        )


class MustVisitModel(_RowsModel):
    """The 八必访 households with their reasons (labels) and whether they are monitored already."""

    HEADERS = VISIT_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all_rows: list[MustVisit] = []
        self.reason = ""

    def set_rows(self, rows: list[MustVisit]) -> None:
        self.all_rows = list(rows)
        self._apply()

    def set_reason(self, reason: str) -> None:
        """Only the households with reason ``reason`` (a code of VISIT_REASONS); "" shows all."""
        self.reason = reason
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self.rows = [r for r in self.all_rows if not self.reason or self.reason in r.reasons]
        self.endResetModel()

    def values(self, row: MustVisit) -> tuple[str, ...]:
        return (
            row.head_name,
            row.household_number,
            "；".join(reason_label(c) for c in row.reasons),
            _tr("Yes") if row.monitored else _tr("No"),
        )


__all__ = ["ROW_ROLE", "IncomeWarningModel", "MustVisitModel", "reason_label"]
