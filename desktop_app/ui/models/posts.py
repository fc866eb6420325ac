"""The post ledger's lists as Qt table models: the village's posts, a post's applicants and holders, a holder's
months. One read-only model class over frozen rows, each list declaring its columns (title and text)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain.assistance import month_text
from desktop_app.domain.money import format_yuan
from desktop_app.services.assistance import HolderRow, PostMonthRow, PostRow

_Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
Column = tuple[str, Callable[[Any], str]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("PostModels", text)


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def _money(fen: int) -> str:
    return format_yuan(fen) if fen else ""


POST_COLUMNS: tuple[Column, ...] = (
    ("Post", lambda r: r.name),
    ("Type", lambda r: r.type_label),
    ("Tier", lambda r: r.tier_label),
    ("Funding", lambda r: r.funding_label),
    ("Monthly subsidy (yuan)", lambda r: _money(r.monthly_subsidy_fen)),
    ("Filled", lambda r: f"{r.filled}/{r.places}"),
    ("From", lambda r: _day(r.started_on)),
    ("To", lambda r: _day(r.ended_on)),
    ("Vacancy notice", lambda r: _day(r.vacancy_on)),
)
HOLDER_COLUMNS: tuple[Column, ...] = (
    ("Household", lambda r: r.number),
    ("Person", lambda r: r.person),
    ("Post", lambda r: r.post),
    ("Stage", lambda r: r.stage_label),
    ("Applied", lambda r: _day(r.applied_on)),
    ("Notice", lambda r: f"{_day(r.notice_start)} – {_day(r.notice_end)}" if r.notice_start else ""),
    ("Contract", lambda r: _day(r.contract_on)),
    ("Left", lambda r: _day(r.left_on)),
    ("Months", lambda r: str(r.months) if r.months else ""),
    ("Subsidies (yuan)", lambda r: _money(r.subsidy_fen)),
    ("Check", lambda r: "；".join(r.findings)),
)
MONTH_COLUMNS: tuple[Column, ...] = (
    ("Month", lambda r: month_text(r.month)),
    ("Days", lambda r: str(r.days_worked)),
    ("Attendance", lambda r: _tr("ok") if r.attendance_ok else _tr("not ok")),
    ("Assessment", lambda r: r.assessment_label),
    ("Subsidy (yuan)", lambda r: _money(r.subsidy_fen)),
)
HEADERS = tuple(title for cols in (POST_COLUMNS, HOLDER_COLUMNS, MONTH_COLUMNS) for title, _ in cols)


class RowsModel(QAbstractTableModel, Generic[R]):
    """Frozen rows shown through declared columns; ``UserRole`` gives the row's ``id``."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _tr(self.columns[section][0])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.columns):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == Qt.ItemDataRole.UserRole:
            return getattr(row, "id", None)
        return None


def posts_model(parent: Any = None) -> RowsModel[PostRow]:
    return RowsModel(POST_COLUMNS, parent)


def holders_model(parent: Any = None) -> RowsModel[HolderRow]:
    return RowsModel(HOLDER_COLUMNS, parent)


def months_model(parent: Any = None) -> RowsModel[PostMonthRow]:
    return RowsModel(MONTH_COLUMNS, parent)
