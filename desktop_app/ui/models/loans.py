"""The loan ledger as a Qt table model over ``LoanRow`` rows, and the filter the village page puts over it.

Amounts in yuan with thousands separators, dates as YYYY-MM-DD; a loan with principal overdue is shown in red
(text and a light red background), one with unpaid interest only in dark orange. ``SORT_ROLE`` gives the raw
value (fen, days, dates) so that sorting by an amount is numeric; ``ROW_ROLE`` the ``LoanRow`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.money import format_yuan
from desktop_app.services.assistance import LoanRow

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_TEXT = QColor(170, 0, 0)
OVERDUE_BACKGROUND = QColor(255, 228, 228)
UNPAID_TEXT = QColor(170, 85, 0)

HEADERS: dict[str, str] = {
    "household": "Household number",
    "head": "Head",
    "borrower": "Borrower",
    "contract": "Contract",
    "bank": "Bank",
    "product": "Product",
    "amount": "Amount (yuan)",
    "rate": "Rate (%)",
    "drawn": "Drawn",
    "due": "Due",
    "balance": "Balance (yuan)",
    "overdue": "Overdue (yuan)",
    "overdue_days": "Days overdue",
    "unpaid": "Unpaid interest (yuan)",
    "subsidy": "Subsidy accrued (yuan)",
    "state": "State",
}
VILLAGE_COLUMNS = tuple(k for k in HEADERS if k not in ("rate", "state"))
CARD_COLUMNS: tuple[str, ...] = ("contract", "borrower", "product", "amount", "rate", "drawn", "due", "balance")
CARD_COLUMNS += ("overdue", "overdue_days", "unpaid", "subsidy", "state")
_MONEY = {"amount": "amount_fen", "balance": "balance_fen", "overdue": "overdue_fen"}
_MONEY |= {"unpaid": "unpaid_interest_fen", "subsidy": "subsidy_fen"}
_PLAIN = {"household": "household", "head": "head_name", "borrower": "borrower", "contract": "contract"}
_PLAIN |= {"bank": "bank", "product": "product", "rate": "rate"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LoanTableModel", text)


def state_text(row: LoanRow) -> str:
    if row.settled_on is not None:
        return _tr("Settled %1").replace("%1", row.settled_on.isoformat())
    if row.overdue_fen > 0:
        return _tr("Overdue")
    if row.extended:
        return _tr("Extended")
    return _tr("Renewal") if row.renewal_of else _tr("Current")


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class LoanTableModel(QAbstractTableModel):
    """One row per loan, in the order the service gives (household, drawdown date)."""

    def __init__(self, columns: Sequence[str] = VILLAGE_COLUMNS, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[LoanRow] = []

    def set_rows(self, rows: Sequence[LoanRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def loan(self, row: int) -> LoanRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _tr(HEADERS[self.columns[section]])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def text(self, row: LoanRow, column: str) -> str:
        if column in _MONEY:
            return format_yuan(getattr(row, _MONEY[column]))
        if column in _PLAIN:
            return str(getattr(row, _PLAIN[column]))
        if column == "drawn":
            return _iso(row.drawn_on)
        if column == "due":
            return _iso(row.due_on)
        if column == "overdue_days":
            return str(row.overdue_days) if row.overdue_days else ""
        return state_text(row)

    def tip(self, row: LoanRow, column: str) -> str:
        """Since when a loan is overdue or owes interest; the borrower's relation to the head."""
        if column in ("overdue", "overdue_days") and row.overdue_since:
            return _tr("Overdue since %1").replace("%1", row.overdue_since.isoformat())
        if column == "unpaid" and row.unpaid_interest_since:
            return _tr("Unpaid since %1").replace("%1", row.unpaid_interest_since.isoformat())
        if column == "borrower" and row.relation:
            return f"{row.borrower}（{row.relation}）"
        return self.text(row, column)

    def sort_value(self, row: LoanRow, column: str) -> Any:
        if column in _MONEY:
            return getattr(row, _MONEY[column])
        if column == "overdue_days":
            return row.overdue_days
        return self.text(row, column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and (column in _MONEY or column in ("overdue_days", "rate")):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue_fen > 0:
                return QBrush(OVERDUE_TEXT)
            if row.unpaid_interest_fen > 0:
                return QBrush(UNPAID_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue_fen > 0:
            return QBrush(OVERDUE_BACKGROUND)
        return None


FILTERS = ("all", "open", "overdue", "unpaid", "settled")
FILTER_TEXTS = {
    "all": "All loans",
    "open": "Not settled",
    "overdue": "Overdue",
    "unpaid": "Unpaid interest",
    "settled": "Settled",
}


def filter_text(key: str) -> str:
    return _tr(FILTER_TEXTS[key])


class LoanFilter(QSortFilterProxyModel):
    """Rows of one kind (``FILTERS``) whose household, head, borrower or contract contains the search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = "all"
        self.words = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, kind: str, words: str) -> None:
        self.beginFilterChange()
        self.kind, self.words = kind, words.strip()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 (Qt's name)
        model = self.sourceModel()
        row = model.loan(source_row) if isinstance(model, LoanTableModel) else None
        if row is None:
            return False
        kind = {
            "all": True,
            "open": row.settled_on is None,
            "overdue": row.overdue_fen > 0,
            "unpaid": row.unpaid_interest_fen > 0,
            "settled": row.settled_on is not None,
        }[self.kind]
        if not kind:
            return False
        return not self.words or any(
            self.words in text for text in (row.household, row.head_name, row.borrower, row.contract)
        )
