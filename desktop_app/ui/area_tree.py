"""The area tree (county → township → village → village group) with household counts in a second column."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from desktop_app.services import Database
from desktop_app.services.households import listing as hl

AreaIdRole = Qt.ItemDataRole.UserRole + 1
LevelRole = Qt.ItemDataRole.UserRole + 2
CountRole = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class AreaSelection:
    """What the list shows for the selected area and which village a new household or batch goes to.

    Two questions with different answers: ``village_ids`` is the list filter (``None`` = every household,
    which is cheaper than naming every village), while ``village_id`` is "the one village" of the selection:
    the village itself, the village of a group, or the only village under a township or county. A database
    set up by the welcome dialog has exactly one village, and the filter's ``None`` must not hide it.
    """

    area_id: str | None
    level: str | None
    name: str
    village_ids: tuple[str, ...] | None
    group_id: str | None
    the_village_id: str | None = None

    @property
    def village_id(self) -> str | None:
        """The one village this selection covers (a group answers its village), else None."""
        return self.the_village_id


class AreaTree(QTreeView):
    """Shows the areas of the database; emits ``selectionChangedTo`` with an AreaSelection."""

    selectionChangedTo = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._nodes: dict[str, hl.AreaNode] = {}
        self._items: dict[str, QStandardItem] = {}
        self._all_villages: set[str] = set()
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def reload(self) -> None:
        """Read the areas and counts again, keeping the current selection where it still exists."""
        current = self.current_area_id()
        with self._db.engine.connect() as conn:
            roots = hl.area_tree(conn)
        self.selectionModel().blockSignals(True)
        self.model_.clear()
        self.model_.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Households")])
        self._nodes.clear()
        self._items.clear()
        self._all_villages = set()
        for root in roots:
            self._add(self.model_.invisibleRootItem(), root)
            self._all_villages.update(root.village_ids())
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row in range(self.model_.rowCount()):
            self.expand(self.model_.index(row, 0))
        self.selectionModel().blockSignals(False)
        if current and current in self._items:
            self.select_area(current)

    def _add(self, parent: QStandardItem, node: hl.AreaNode) -> None:
        name = QStandardItem(node.name)
        name.setData(node.id, AreaIdRole)
        name.setData(node.level, LevelRole)
        name.setToolTip(node.code)
        count = QStandardItem(f"{node.households:,}")
        count.setData(node.households, CountRole)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for item in (name, count):
            item.setEditable(False)
        parent.appendRow([name, count])
        self._nodes[node.id] = node
        self._items[node.id] = name
        for child in node.children:
            self._add(name, child)

    # --- selection --------------------------------------------------------------------------------
    def current_area_id(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(AreaIdRole)

    def select_area(self, area_id: str | None) -> bool:
        item = self._items.get(area_id or "")
        if item is None:
            return False
        index = item.index()
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(0, 0))

    def count_of(self, area_id: str) -> int | None:
        node = self._nodes.get(area_id)
        return node.households if node else None

    def has_areas(self) -> bool:
        return bool(self._nodes)

    def selection(self) -> AreaSelection:
        area_id = self.current_area_id()
        node = self._nodes.get(area_id or "")
        if node is None:
            return AreaSelection(None, None, "", None, None)
        if node.level == "group":
            parent = self._nodes.get(node.parent_id or "")
            villages = (parent.id,) if parent else ()
            return AreaSelection(node.id, node.level, node.name, villages, node.id, parent.id if parent else None)
        villages = tuple(node.village_ids())
        everything = set(villages) == self._all_villages
        one = villages[0] if len(villages) == 1 else None
        return AreaSelection(node.id, node.level, node.name, None if everything else villages, None, one)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selectionChangedTo.emit(self.selection())
