"""Card tabs "pairing cadre", "assistance measures" and "history"."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app import catalog
from desktop_app.domain import labels
from desktop_app.services.households import CadreForm, Choice, HistoryEntry, HouseholdForm
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.measures import MEASURE_COLUMNS, MeasureModel, codelist_of, column_of

_Index = QModelIndex | QPersistentModelIndex


class CadreTab(QWidget):
    """Choose a pairing cadre on file, or enter a new one (saved with the card)."""

    edited = Signal()
    search_requested = Signal(str)  # the card looks cadres up by name in the database

    def __init__(self, cadres: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.existing = QRadioButton(self.tr("Choose a cadre on file"), self)
        self.new = QRadioButton(self.tr("Enter a new cadre"), self)
        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("find_cadre")
        self.find_box.setPlaceholderText(self.tr("Find a cadre of the county by name"))
        self.find_box.textEdited.connect(self.search_requested)
        self.cadre = QComboBox(self)
        self.cadre.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cadre.setMinimumContentsLength(30)
        self.set_cadres(cadres)
        self.name = QLineEdit(self)
        self.unit = QLineEdit(self)
        self.phone = QLineEdit(self)
        layout.addRow(self.existing)
        layout.addRow(self.tr("Find"), self.find_box)
        layout.addRow(self.tr("Pairing cadre"), self.cadre)
        layout.addRow(self.new)
        layout.addRow(self.tr("Name *"), self.name)
        layout.addRow(self.tr("Unit"), self.unit)
        layout.addRow(self.tr("Phone"), self.phone)
        self.existing.setChecked(True)
        self.existing.toggled.connect(self._mode_changed)
        self.cadre.activated.connect(lambda _i: self.edited.emit())
        for edit in (self.name, self.unit, self.phone):
            edit.textEdited.connect(lambda _t: self.edited.emit())
        self._mode_changed()
        self.fields = {"cadre_id": self.cadre, "new_cadre": self.name}

    def set_cadres(self, cadres: list[Choice], keep: str | None = None) -> None:
        """The cadres offered (the village's, or those found by name); ``keep`` stays chosen."""
        self.cadre.clear()
        self.cadre.addItem(self.tr("(none)"), "")
        for choice in cadres:
            self.cadre.addItem(f"{choice.label}  {choice.detail}".strip(), choice.id)
        if keep:
            self.cadre.setCurrentIndex(max(self.cadre.findData(keep), 0))

    def _mode_changed(self) -> None:
        new = self.new.isChecked()
        self.cadre.setEnabled(not new)
        self.find_box.setEnabled(not new)
        for edit in (self.name, self.unit, self.phone):
            edit.setEnabled(new)
        self.edited.emit()

    def load(self, form: HouseholdForm) -> None:
        self.blockSignals(True)
        try:
            self.cadre.setCurrentIndex(max(self.cadre.findData(form.cadre_id or ""), 0))
            new = form.new_cadre
            self.new.setChecked(new is not None)
            self.existing.setChecked(new is None)
            self.name.setText(new.name if new else "")
            self.unit.setText(new.unit if new else "")
            self.phone.setText(new.phone if new else "")
            self._mode_changed()
        finally:
            self.blockSignals(False)

    def store(self, form: HouseholdForm) -> None:
        if self.new.isChecked():
            form.new_cadre = CadreForm(self.name.text().strip(), self.unit.text().strip(), self.phone.text().strip())
        else:
            form.new_cadre = None
            form.cadre_id = self.cadre.currentData() or None


class _MeasureDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        list_id = codelist_of(MEASURE_COLUMNS[index.column()])
        if list_id is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        lang = ui_lang()
        for item in catalog.codelists()[list_id]:
            combo.addItem(item.label(lang), item.code)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole) or ""), 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class MeasuresTab(QWidget):
    """The assistance plan: one row per measure (一户一策)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = MeasureModel(self)
        self.model.edited.connect(self.edited)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(_MeasureDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add measure"), self)
        self.remove_button = QPushButton(self.tr("Remove measure"), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.fields = {"measure_type": self.view, "measure_year": self.view, "measure_amount": self.view}

    def _add(self) -> None:
        row = self.model.add()
        index = self.model.index(row, column_of("type"))
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def load(self, form: HouseholdForm) -> None:
        self.model.set_measures([copy.copy(m) for m in form.measures])  # plain values: a shallow copy is a copy

    def store(self, form: HouseholdForm) -> None:
        form.measures = [copy.copy(m) for m in self.model.rows]


class HistoryTab(QWidget):
    """The change log of this household: when, who, what, old → new."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = QStandardItemModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        layout.addWidget(self.view)
        self.fields: dict[str, QWidget] = {}

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Record"), self.tr("Field"), self.tr("Old"), self.tr("New")]
        )
        lang = "en" if ui_lang() == "en" else "zh"
        en = lang == "en"
        for entry in entries:
            entity = labels.label("history_entity", entry.entity, lang)
            changed = not (entry.action == "create" or not entry.field)
            if not changed:
                field = labels.label("history_action", entry.action, lang)
            else:
                field = entry.field_label_en if en else entry.field_label_zh
            old, new = (entry.old_en, entry.new_en) if en else (entry.old_zh, entry.new_zh)
            if changed:  # an empty side of a change must read as empty, not as a missing cell
                old, new = old or labels.empty(lang), new or labels.empty(lang)
            cells = [
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                entry.operator,
                f"{entity} {entry.record_label}".strip(),
                field,
                old,
                new,
            ]
            self.model.appendRow([QStandardItem(text) for text in cells])
        self.view.resizeColumnsToContents()

    def load(self, form: HouseholdForm) -> None:  # the history is read from the database, not the form
        pass

    def store(self, form: HouseholdForm) -> None:
        pass
