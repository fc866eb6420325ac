"""The household list as a Qt table model over the database: rows load page by page as the view scrolls.

Filtering and sorting run in SQL (services.household_list); the model keeps only the rows fetched so far,
as plain tuples. ``canFetchMore``/``fetchMore`` let the view pull the next page when it scrolls near the
end, so a county of 100,000 households costs one page of rows at start and after each keystroke.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app import catalog
from desktop_app.domain.money import format_yuan
from desktop_app.services import Database
from desktop_app.services.households import listing as hl
from desktop_app.services.households.search import member_hits

Index = QModelIndex | QPersistentModelIndex

COL_NUMBER, COL_HEAD, COL_GROUP, COL_SIZE, COL_ATTRIBUTE, COL_CAUSE, COL_INCOME, COL_STAGE, COL_STATUS, COL_CADRE = (
    range(len(hl.COLUMNS))
)
HouseholdIdRole = Qt.ItemDataRole.UserRole + 1
SortValueRole = Qt.ItemDataRole.UserRole + 2

_CODE_LISTS = {COL_ATTRIBUTE: "attribute", COL_CAUSE: "cause", COL_STAGE: "stage", COL_STATUS: "poverty_status"}
_FIRST_PAGE = 200
_PAGE = 500


class HouseholdTableModel(QAbstractTableModel):
    """Households of the current filter, sorted by the database; ``reload()`` after any change."""

    countChanged = Signal(int)  # total matching households (not only the rows fetched)

    def __init__(self, db: Database, *, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._lang = "en" if lang == "en" else "zh"
        self._filter = hl.HouseholdFilter()
        self._sort = "number"
        self._descending = False
        self._rows: list[hl.HouseholdRow] = []
        self._member_hits: dict[str, str] = {}  # household id → the member a search matched (not the head)
        self._total = 0
        self._exhausted = True
        self._loaded = False
        self._lists = catalog.codelists()
        self._headers = [
            self.tr("Household no."),
            self.tr("Head of household"),
            self.tr("Village group"),
            self.tr("Size"),
            self.tr("Attribute"),
            self.tr("Main cause"),
            self.tr("Income per head (yuan)"),
            self.tr("Procedure stage"),
            self.tr("Poverty status"),
            self.tr("Pairing cadre"),
        ]

    # --- state ------------------------------------------------------------------------------------
    @property
    def filter(self) -> hl.HouseholdFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    @property
    def sort_column(self) -> int:
        return hl.COLUMNS.index(self._sort)

    @property
    def sort_descending(self) -> bool:
        return self._descending

    def set_filter(self, flt: hl.HouseholdFilter) -> None:
        if flt != self._filter or not self._loaded:
            self._filter = flt
            self.reload()

    def reload(self) -> None:
        """Count and fetch the first page again (after a filter, sort or data change)."""
        self.beginResetModel()
        with self._db.engine.connect() as conn:
            self._total, self._rows = hl.first_page(
                conn, self._filter, sort=self._sort, descending=self._descending, limit=_FIRST_PAGE
            )
            self._member_hits = member_hits(conn, [r.id for r in self._rows], self._filter.query)
        self._exhausted = len(self._rows) >= self._total
        self._loaded = True
        self.endResetModel()
        self.countChanged.emit(self._total)

    def _query(self, conn: Any, offset: int, limit: int) -> list[hl.HouseholdRow]:
        return hl.fetch_rows(
            conn,
            self._filter,
            sort=self._sort,
            descending=self._descending,
            offset=offset,
            limit=limit,
            total=self._total,
        )

    def matched_member(self, row: int) -> str | None:
        """The member (not the head) whose name or ID the search matched in this row, if any."""
        household = self.household_id(row)
        return self._member_hits.get(household) if household else None

    def household_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, household_id: str) -> int:
        """The row of a household among the rows fetched so far; -1 when it is not (yet) loaded."""
        for index, row in enumerate(self._rows):
            if row.id == household_id:
                return index
        return -1

    # --- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(hl.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        with self._db.engine.connect() as conn:
            more = self._query(conn, len(self._rows), _PAGE)
            self._member_hits.update(member_hits(conn, [r.id for r in more], self._filter.query))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        self._exhausted = len(more) < _PAGE or len(self._rows) >= self._total

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (COL_SIZE, COL_INCOME):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(hl.COLUMNS):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == HouseholdIdRole:
            return row.id
        if role == SortValueRole:
            return row.group_code if column == COL_GROUP else getattr(row, hl.COLUMNS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_SIZE, COL_INCOME):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.conflict:
            return self.tr("Conflicting changes from another laptop: open the card to decide")
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_HEAD and row.id in self._member_hits:
            return self.tr("The search matched %1, a member of this household").replace("%1", self._member_hits[row.id])
        if role == Qt.ItemDataRole.ForegroundRole and row.conflict:
            return QBrush(QColor("#b00020"))
        return None

    def _display(self, row: hl.HouseholdRow, column: int) -> str:
        if column in _CODE_LISTS:
            code = getattr(row, hl.COLUMNS[column])
            return self._lists[_CODE_LISTS[column]].label(code, self._lang) if code else ""
        if column == COL_INCOME:
            return "" if row.per_capita_income is None else format_yuan(row.per_capita_income)
        if column == COL_HEAD and row.id in self._member_hits:
            return self.tr("%1 (member: %2)").replace("%1", row.head_name).replace("%2", self._member_hits[row.id])
        value = getattr(row, hl.COLUMNS[column])
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(hl.COLUMNS):
            return
        key = hl.COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.reload()
