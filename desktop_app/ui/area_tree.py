"""The area tree (county → township → village → village group) with household counts in a second column.

The tree listens to the database's committed changes (``services.subscribe``): when households or areas
changed it re-reads the tree and, if the areas are the same, only updates names and counts in place, so
the selection and the scroll position stay; a new, renamed-away or removed area rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from desktop_app.services import Changes, Database, subscribe
from desktop_app.services.areas import AreaNode, area_tree

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
    # A committed change, handed to the tree's (GUI) thread: queued when a background job committed it.
    changesArrived = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._unsubscribe: Callable[[], None] = lambda: None
        self._nodes: dict[str, AreaNode] = {}
        self._items: dict[str, QStandardItem] = {}
        self._all_villages: set[str] = set()
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.changesArrived.connect(self.apply_changes)
        self.set_database(db)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def set_database(self, db: Database) -> None:
        """Show another database (the window switched files): listen to its changes from now on."""
        self._unsubscribe()
        self._db = db
        self._unsubscribe = subscribe(db, self.changesArrived.emit)

    @Slot(object)
    def apply_changes(self, changes: Changes) -> None:
        """Counts follow household changes; names and structure follow area changes."""
        if changes.everything or changes.households or changes.areas:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the tree; update names and counts in place when the areas are the same, else rebuild."""
        roots = area_tree(self._db)
        fresh = {node.id: node for root in roots for node in root.walk()}
        same = list(fresh) == list(self._nodes) and all(
            (node.parent_id, node.level) == (self._nodes[key].parent_id, self._nodes[key].level)
            for key, node in fresh.items()
        )
        if not same:
            self._rebuild(roots)
            return
        for key, node in fresh.items():
            item = self._items[key]
            if item.text() != node.name:
                item.setText(node.name)
            if item.toolTip() != node.code:
                item.setToolTip(node.code)
            if self._nodes[key].households != node.households:
                count = self._count_item(item)
                if count is not None:
                    count.setText(f"{node.households:,}")
                    count.setData(node.households, CountRole)
            self._nodes[key] = node
        self._all_villages = {v for root in roots for v in root.village_ids()}

    def _count_item(self, item: QStandardItem) -> QStandardItem | None:
        parent = item.parent() or self.model_.invisibleRootItem()
        return parent.child(item.row(), 1)

    def reload(self) -> None:
        """Read the areas and counts again, keeping the current selection where it still exists."""
        self._rebuild(area_tree(self._db))

    def _rebuild(self, roots: list[AreaNode]) -> None:
        current = self.current_area_id()
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

    def _add(self, parent: QStandardItem, node: AreaNode) -> None:
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
        area_id = index.siblingAtColumn(0).data(AreaIdRole)
        return str(area_id) if area_id else None

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
            villages: tuple[str, ...] = (parent.id,) if parent else ()
            return AreaSelection(node.id, node.level, node.name, villages, node.id, parent.id if parent else None)
        villages = tuple(node.village_ids())
        everything = set(villages) == self._all_villages
        one = villages[0] if len(villages) == 1 else None
        return AreaSelection(node.id, node.level, node.name, None if everything else villages, None, one)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selectionChangedTo.emit(self.selection())
