"""The card's member table view: code-list delegates and keyboard entry over ``ui.models.members``.

Enter moves to the next cell, Insert adds a member, Delete asks before removing one. A role that sees resident
IDs masked (the services return them so) cannot edit a masked ID; the row's context menu "Show full resident
ID" asks the services for it (``reveal_id``: allowed by the role table, recorded as ``id.unmask``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop_app import catalog
from desktop_app.services import Database
from desktop_app.services.accounts import reveal_id
from desktop_app.ui.card_widgets import NO_VALUE, ui_lang
from desktop_app.ui.jobs import error_message
from desktop_app.ui.models.members import COL, COLUMNS

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["COL", "COLUMNS", "CodeDelegate", "MemberTableView"]


class CodeDelegate(QStyledItemDelegate):
    """A combo box holding only the codes of the column's list (plus an empty choice where optional)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = COLUMNS[index.column()]
        if column.kind == "months":
            spin = QSpinBox(parent)
            spin.setRange(0, 12)
            return spin
        if column.kind not in ("code", "bool"):
            editor = QLineEdit(parent)
            if column.kind == "id":
                editor.setMaxLength(22)
            return editor
        combo = QComboBox(parent)
        if not column.required:
            combo.addItem("", NO_VALUE)
        lang = ui_lang()
        for item in catalog.codelists()[column.list_id or "yes_no"]:
            combo.addItem(item.label(lang), item.code)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or NO_VALUE)
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class MemberTableView(QTableView):
    """Keyboard entry: Enter commits and moves on to the next cell; Insert adds a row; Delete asks to remove."""

    remove_requested = Signal(int)
    insert_requested = Signal()
    id_text_edited = Signal(str)  # live text of the ID editor, for the reason shown while typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(CodeDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the card
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(False)
        self._db: Database | None = None
        self.reveal_box: QMessageBox | None = None
        self.reveal_action = QAction(self.tr("Show full resident ID"), self)
        self.reveal_action.setObjectName("reveal_id")
        self.reveal_action.triggered.connect(lambda _checked=False: self.reveal_current())
        self.reveal_action.setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.addAction(self.reveal_action)

    def enable_reveal(self, db: Database) -> None:
        """Offer "Show full resident ID" on saved members' rows (the card of ``db``)."""
        self._db = db
        self.reveal_action.setVisible(True)

    def reveal_current(self) -> QMessageBox | None:
        """The full ID of the current row's member, in a message box; the services check and record it."""
        index = self.currentIndex()
        model = self.model()
        members = getattr(model, "members", None)
        if self._db is None or not index.isValid() or members is None:
            return None
        member = members()[index.row()]
        title = self.tr("Full resident ID")
        if not member.id:
            box = QMessageBox(QMessageBox.Icon.Information, title, self.tr("Save the card first."), parent=self)
        else:
            try:
                full = reveal_id(self._db, member.id)
            except Exception as exc:  # refused by the role table: says which role may
                box = QMessageBox(QMessageBox.Icon.Warning, title, error_message(exc), parent=self)
            else:
                text = self.tr("%1: %2").replace("%1", member.name).replace("%2", full)
                box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
                box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reveal_box = box
        box.open()
        return box

    # The ignore below: PySide6 declares edit() as two overloads (a void slot and the virtual); one Python
    # method must serve both.
    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:
            super().edit(index)  # the slot form reports nothing: say whether an editor opened
            return self.state() == QAbstractItemView.State.EditingState
        started = super().edit(index, trigger, event)
        if started and index.isValid() and COLUMNS[index.column()].kind == "id":
            editor = self.indexWidget(index) or self.focusWidget()
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(self.id_text_edited)
        return started

    def next_editable(self, index: QModelIndex) -> QModelIndex:
        model = self.model()
        row, column = index.row(), index.column() + 1
        while row < model.rowCount():
            while column < model.columnCount():
                candidate = model.index(row, column)
                if candidate.flags() & Qt.ItemFlag.ItemIsEditable:
                    return candidate
                column += 1
            row, column = row + 1, 0
        return QModelIndex()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            following = self.next_editable(self.currentIndex())
            if following.isValid():
                self.setCurrentIndex(following)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, event)
            return
        if not editing and key == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.remove_requested.emit(self.currentIndex().row())
            return
        if not editing and key == Qt.Key.Key_Insert:
            self.insert_requested.emit()
            return
        super().keyPressEvent(event)
