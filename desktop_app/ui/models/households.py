"""The household list as a Qt table model over the database: rows load page by page as the view scrolls.

Filtering and sorting run in SQL (the list queries of ``services.households``); the model keeps only the
rows fetched so far, as plain tuples. ``canFetchMore``/``fetchMore`` let the view pull the next page when it
scrolls near the end, so a county of 100,000 households costs one page of rows at start and after each
keystroke.

After every committed unit of work the model is told which households changed (``services.subscribe``):
it re-reads those rows only and emits ``dataChanged``, or inserts, moves or removes rows, so that the
scroll position and the selection stay where they are. Only a bulk change (``Changes.everything``: an
import, a merge, demo data) reloads the whole model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor

from desktop_app import catalog
from desktop_app.domain.money import format_yuan
from desktop_app.services import Changes, Database, subscribe
from desktop_app.services import households as hl

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
    # A committed change, handed to the model's (GUI) thread: queued when a background job committed it.
    changesArrived = Signal(object)

    def __init__(self, db: Database, *, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._unsubscribe: Callable[[], None] = lambda: None
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
        self.changesArrived.connect(self.apply_changes)
        self.set_database(db)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def set_database(self, db: Database) -> None:
        """Show another database (the window switched files): listen to its changes from now on."""
        self._unsubscribe()
        self._db = db
        self._unsubscribe = subscribe(db, self.changesArrived.emit)

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
        page = hl.list_first_page(
            self._db, self._filter, sort=self._sort, descending=self._descending, limit=_FIRST_PAGE
        )
        self.beginResetModel()
        self._total, self._rows, self._member_hits = page.total, page.rows, dict(page.member_hits)
        self._exhausted = len(self._rows) >= self._total
        self._loaded = True
        self.endResetModel()
        self.countChanged.emit(self._total)

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
        page = hl.list_page(
            self._db,
            self._filter,
            sort=self._sort,
            descending=self._descending,
            offset=len(self._rows),
            limit=_PAGE,
            total=self._total,
        )
        more = page.rows
        self._member_hits.update(page.member_hits)
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

    # --- change notification ----------------------------------------------------------------------
    @Slot(object)
    def apply_changes(self, changes: Changes) -> None:
        """Refresh the rows a committed unit of work changed (a bulk change reloads everything)."""
        if not self._loaded:
            return
        if changes.everything:
            self.reload()
            return
        if changes.households:
            self.refresh_households(changes.households)

    def refresh_households(self, household_ids: set[str] | list[str] | tuple[str, ...]) -> None:
        """Re-read these households: changed rows emit ``dataChanged``; rows enter, move or leave the list."""
        ids = list(dict.fromkeys(household_ids))
        if not ids:
            return
        fresh = hl.changed_rows(self._db, self._filter, ids)
        loaded = {row.id: index for index, row in enumerate(self._rows)}
        for household_id in ids:
            if household_id in fresh.member_hits:
                self._member_hits[household_id] = fresh.member_hits[household_id]
            else:
                self._member_hits.pop(household_id, None)
        gone = [household_id for household_id in ids if household_id in loaded and household_id not in fresh.rows]
        for household_id in gone:
            self._remove(household_id)
        if gone:
            loaded = {row.id: index for index, row in enumerate(self._rows)}
        to_place: list[str] = []
        for household_id, row in fresh.rows.items():
            index = loaded.get(household_id, -1)
            if index < 0:
                to_place.append(household_id)
            elif self._sort_value(self._rows[index]) != self._sort_value(row):
                self._rows[index] = row
                to_place.append(household_id)
            else:
                self._rows[index] = row
                self.dataChanged.emit(self.index(index, 0), self.index(index, len(hl.COLUMNS) - 1))
        if to_place:
            where = hl.list_positions(self._db, self._filter, to_place, sort=self._sort, descending=self._descending)
            for household_id in sorted(to_place, key=lambda i: where.get(i, -1)):
                self._place(household_id, fresh.rows[household_id], where.get(household_id))
        self._total = fresh.total
        self._exhausted = len(self._rows) >= self._total
        self.countChanged.emit(self._total)

    def _sort_value(self, row: hl.HouseholdRow) -> Any:
        return (row.group_code if self._sort == "group" else getattr(row, self._sort), row.number)

    def _remove(self, household_id: str) -> None:
        index = self.row_of(household_id)
        if index >= 0:
            self.beginRemoveRows(QModelIndex(), index, index)
            del self._rows[index]
            self.endRemoveRows()

    def _place(self, household_id: str, row: hl.HouseholdRow, position: int | None) -> None:
        """Put a row at its place in the sorted list: moved, inserted, or dropped when beyond the rows fetched."""
        current = self.row_of(household_id)
        end = len(self._rows) - (1 if current >= 0 else 0)
        fits = position is not None and (position < end or (position == end and self._exhausted))
        if not fits or position is None:
            if current >= 0:  # it now sorts after the rows fetched so far: it comes back with the next page
                self._remove(household_id)
            return
        if current < 0:
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, row)
            self.endInsertRows()
            return
        if position == current:
            self.dataChanged.emit(self.index(current, 0), self.index(current, len(hl.COLUMNS) - 1))
            return
        destination = position if position < current else position + 1
        self.beginMoveRows(QModelIndex(), current, current, QModelIndex(), destination)
        del self._rows[current]
        self._rows.insert(position, row)
        self.endMoveRows()
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(hl.COLUMNS) - 1))
